"""Not detaining a respondent who qualifies for 拘留, where the court asks for approval.

监利 (004 第三组 9): "不能执行完毕或者执行终结的，依法予以拘留15天……案情特殊不适用拘留的报局长
批准". The rule is the profile's (``[measures.no_detention]``: who approves, the seed clause);
:func:`decline_detention` files the request as an :class:`Approval` of kind ``no_detention`` and
:func:`decide_no_detention` decides it (``board.approvals.decide_any`` sends the kind here).
"""

from __future__ import annotations

from sqlmodel import select

from ...domain import measures as dm
from ...domain.roles import require, role_name
from ...errors import Conflict, InvalidValue
from ...storage.models import Approval
from ...storage.queries import get_case
from .. import audit
from ..board.rights import decide_pending
from ..desk import Desk
from ..permissions import operator_role
from .records import TAKE_ROLES, case_party

__all__ = ["NO_DETENTION", "decide_no_detention", "decline_detention"]

NO_DETENTION = "no_detention"


def decline_detention(desk: Desk, case_id: int, *, reason: str, party_id: int | None = None) -> int:
    """Ask the approver the profile names to allow not detaining the respondent; returns the
    approval's id. Refused where the court's profile asks no approval, without a reason, or when
    the same request is already pending."""
    rule = desk.profile.measures.no_detention
    if rule is None:
        raise Conflict(f"{desk.profile.court.short_name}的配置未规定不予拘留须报批，无需提出审批")
    if not reason.strip():
        raise InvalidValue("请写明不适用拘留的特殊情况", field="理由")
    with desk.transaction() as s:
        require(operator_role(s, desk), TAKE_ROLES, "提出不予拘留审批")
        case = get_case(s, case_id)
        if case.status == "closed":
            raise Conflict(f"案件 {case.case_no} 已结案，无需提出不予拘留审批")
        party = case_party(s, case, dm.DETENTION, party_id)
        for a in s.exec(
            select(Approval).where(
                Approval.case_id == case.id, Approval.kind == NO_DETENTION, Approval.status == "pending"
            )
        ):
            if a.details.get("party_id") == party.id:
                raise Conflict(f"对{party.name}不予拘留的审批（编号 {a.id}）尚未处理")
        a = Approval(
            case_id=case_id,
            kind=NO_DETENTION,
            level=rule.approver_role,
            details={
                "party_id": party.id,
                "party": party.name,
                "reason": reason.strip(),
                "source": rule.source,
            },
            requested_by=desk.operator,
            requested_at=desk.now(),
        )
        s.add(a)
        s.flush()
        audit.record_case(
            s,
            desk,
            case.id,
            "no_detention_request",
            f"报{role_name(rule.approver_role)}批准不予拘留{party.name}：{reason.strip()}（{rule.source}）",
            entity="approval",
            entity_id=a.id,
        )
        return int(a.id or 0)


def decide_no_detention(desk: Desk, approval_id: int, *, approve: bool, note: str = "") -> None:
    """Approve (the respondent is not detained) or reject (拘留 goes ahead) a request; only the
    level it names or above, never the person who asked. A rejection says why."""
    if not approve and not note.strip():
        raise InvalidValue("不予批准时请写明理由", field="理由")
    with desk.transaction() as s:
        a, _role = decide_pending(
            s, desk, approval_id, kind=NO_DETENTION, name="不予拘留审批", what="审批不予拘留",
            approve=approve, note=note,
        )  # fmt: skip
        party = a.details.get("party", "")
        verdict = f"批准不予拘留{party}" if approve else f"不批准不予拘留{party}，应依法拘留"
        audit.record_case(
            s,
            desk,
            a.case_id,
            "no_detention_decide",
            verdict + (f"（{note.strip()}）" if note.strip() else ""),
            entity="approval",
            entity_id=a.id,
        )
