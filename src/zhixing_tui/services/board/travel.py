"""Travel requests (出差查找被执行人, 004 第三组 6) and their decision.

The approver level follows the distance (``domain.board.travel_approver``). :func:`decide_approval`
decides a pending request of a kind no other service owns (出差 ``travel``; see
:func:`.approvals.decide_any`).
"""

from __future__ import annotations

from ...domain import board
from ...domain.travel import check_travel_destination
from ...errors import InvalidValue
from ...storage.models import Approval
from ...storage.queries import get_case
from .. import audit
from ..desk import Desk
from .rights import decide_pending

__all__ = ["decide_approval", "request_travel"]


def request_travel(desk: Desk, case_id: int, *, scope: str, destination: str, purpose: str) -> int:
    """Ask to travel to find a respondent; the approver level follows the distance, and the scope
    must fit the destination as far as its text shows (``domain.travel``)."""
    level = board.travel_approver(scope)
    if not destination.strip():
        raise InvalidValue("请填写出差目的地", field="目的地")
    check_travel_destination(
        scope, board.TRAVEL_SCOPES[scope][1], destination.strip(), desk.profile.court.province
    )
    with desk.transaction() as s:
        case = get_case(s, case_id)
        a = Approval(
            case_id=case_id,
            kind="travel",
            level=level,
            details={
                "scope": scope,
                "scope_name": board.TRAVEL_SCOPES[scope][1],
                "destination": destination.strip(),
                "purpose": purpose.strip(),
            },
            requested_by=desk.operator,
        )
        s.add(a)
        s.flush()
        audit.record_case(
            s,
            desk,
            case.id,
            "travel_request",
            f"申请出差查找被执行人：{destination.strip()}（{board.TRAVEL_SCOPES[scope][1]}）",
            entity="approval",
            entity_id=a.id,
        )
        return a.id


def decide_approval(desk: Desk, approval_id: int, *, approve_it: bool, note: str = "") -> None:
    """Approve or reject a pending request; only the level it names (or above) may, and never the
    person who asked."""
    with desk.transaction() as s:
        a, _role = decide_pending(
            s, desk, approval_id, kind=None, name="审批事项", what="审批此事项", approve=approve_it, note=note
        )
        audit.record_case(
            s,
            desk,
            a.case_id,
            "approval_decide",
            ("批准" if approve_it else "不批准")
            + f"：{a.details.get('scope_name', a.kind)}"
            + (f"（{note.strip()}）" if note.strip() else ""),
            entity="approval",
            entity_id=a.id,
        )
