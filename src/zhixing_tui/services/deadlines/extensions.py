"""Extending the execution period (延长执行期限): the handler asks, the 院长/副院长 decides.

法发〔2006〕35号 第一条第二款、第三款: "有特殊情况须延长执行期限的，应当报请本院院长或副院长批准。申请延长执行
期限的，应当在期限届满前5日内提出。" A request is an ``Approval`` of kind ``extension`` at level
``vice_president`` (副院长, or the 院长 above it on the ladder), made no later than 5 days before the
period ends (``domain.execution_period.check_extension_timing``). Approving it records the
``extension_approved`` event: the open execution-period node's last day moves by the period, and the
node's note says who approved what and when. The extension is read back from the approved approvals
whenever the period is recomputed (a pause opened later keeps it).

:func:`execution_period` is the read side (``zhixing period show``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain.execution_period import (
    DEFAULT_EXTENSION,
    EXTENSION_APPROVER,
    EXTENSION_SOURCE,
    check_extension_period,
    check_extension_timing,
    last_request_day,
)
from ...domain.roles import require, role_name
from ...errors import Conflict, InvalidValue
from ...storage.models import Approval, Case, DeadlineNode, Suspension
from ...storage.queries import get_case
from .. import audit
from ..board.rights import decide_pending
from ..desk import Desk
from ..permissions import operator_role
from .emitters import emits
from .nodes import EXECUTION_RULE, SUMMARY_MAX, apply_event

__all__ = [
    "KIND",
    "PauseView",
    "PeriodView",
    "decide_extension",
    "execution_period",
    "request_extension",
]

KIND = "extension"
#: roles that may ask (the handler and anyone above on the approval ladder)
REQUESTER = "handler"
#: what the node's note calls the approver, by role (法发〔2006〕35号: 院长或副院长)
_TITLES = {"president": "院长", "vice_president": "副院长"}


def _open_node(s: Session, case: Case) -> DeadlineNode:
    node = s.exec(
        select(DeadlineNode).where(
            DeadlineNode.case_id == case.id,
            DeadlineNode.rule_id == EXECUTION_RULE,
            col(DeadlineNode.completed_at).is_(None),
        )
    ).first()
    if node is None:
        raise Conflict(f"案件 {case.case_no} 没有正在计算的法定执行期限（已结案或未立案登记）")
    return node


def request_extension(desk: Desk, case_id: int, *, period: str = DEFAULT_EXTENSION, reason: str) -> int:
    """Ask to extend the case's execution period by ``period`` (at most 3个月); return the approval id.

    Refused when the case has no running period, a request is already pending, or fewer than 5 days
    remain before the period ends.
    """
    label = check_extension_period(period)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidValue("申请延长执行期限须写明特殊情况（原因）", field="原因")
    if len(reason) > 200:
        raise InvalidValue("原因不超过200字", field="原因", value=reason)
    with desk.transaction() as s:
        require(operator_role(s, desk), REQUESTER, "申请延长执行期限")
        case = get_case(s, case_id)
        node = _open_node(s, case)
        pending = s.exec(
            select(Approval.id).where(
                Approval.case_id == case_id, Approval.kind == KIND, Approval.status == "pending"
            )
        ).first()
        if pending is not None:
            raise Conflict(f"案件 {case.case_no} 已有待审批的延长执行期限申请（编号 {pending}）")
        check_extension_timing(desk.today(), node.due_on)
        row = Approval(
            case_id=case_id,
            kind=KIND,
            level=EXTENSION_APPROVER,
            details={
                "period": label,
                "reason": reason,
                "due_before": node.due_on.isoformat(),
                "scope_name": f"延长执行期限{label}",
            },
            requested_by=desk.operator,
            requested_at=desk.now(),
        )
        s.add(row)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            "extension_request",
            f"申请延长执行期限{label}（现届满日 {node.due_on}），原因：{reason}"[:SUMMARY_MAX],
            entity="approval",
            entity_id=row.id,
            after={"period": label, "reason": reason, "due_before": node.due_on.isoformat()},
        )
        return row.id  # type: ignore[return-value]


@emits("extension_approved")
def decide_extension(desk: Desk, approval_id: int, *, approve: bool, note: str = "") -> date | None:
    """Approve or refuse a request; on approval the period's last day moves. Returns the new last day
    (None when refused). Only 副院长/院长 may decide, never the person who asked."""
    with desk.transaction() as s:
        a, role = decide_pending(
            s, desk, approval_id, kind=KIND, name="延长执行期限申请", what="批准延长执行期限",
            approve=approve, note=note,
        )  # fmt: skip
        case = get_case(s, a.case_id)
        now = desk.now()
        a.details = {**a.details, "approver_title": _TITLES.get(role, role_name(role))}
        s.add(a)
        s.flush()
        new_due: date | None = None
        if approve:
            _open_node(s, case)
            apply_event(s, desk, case, "extension_approved", now, desk.operator, record=False)
            new_due = _open_node(s, case).due_on
        period = a.details.get("period", "")
        said = f"批准延长执行期限{period}，届满日由 {a.details.get('due_before')} 顺延至 {new_due}"
        audit.record_case(
            s,
            desk,
            a.case_id,
            "approval_decide",
            (said if approve else f"不批准延长执行期限{period}")
            + (f"（{note.strip()}）" if note.strip() else ""),
            entity="approval",
            entity_id=a.id,
            after={"status": a.status, "due_on": new_due.isoformat() if new_due else None},
        )
        return new_due


# --- the read side ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PauseView:
    kind: str
    start_on: date
    end_on: date | None
    reason: str
    by_event: bool


@dataclass(frozen=True, slots=True)
class PeriodView:
    case_no: str
    non_litigation: bool
    period: str
    filed_on: date
    due_on: date | None  # None: no running period (closed)
    completed: bool
    note: str
    last_request_on: date | None
    pauses: tuple[PauseView, ...]
    pending: tuple[tuple[int, str, str], ...]  # (approval id, period, requested_by)
    source: str = EXTENSION_SOURCE


def execution_period(desk: Desk, case_id: int) -> PeriodView:
    """The case's execution period: its length, last day, note, the time not counted, pending requests."""
    with desk.session() as s:
        case = get_case(s, case_id)
        node = s.exec(
            select(DeadlineNode)
            .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == EXECUTION_RULE)
            .order_by(col(DeadlineNode.completed_at).is_not(None), col(DeadlineNode.anchor_at).desc())
        ).first()
        pauses = tuple(
            PauseView(r.kind, r.start_on, r.end_on, r.reason, bool(r.source_event))
            for r in s.exec(
                select(Suspension).where(Suspension.case_id == case_id).order_by(col(Suspension.start_on))
            )
        )
        pending = tuple(
            (a.id or 0, a.details.get("period", ""), a.requested_by)
            for a in s.exec(
                select(Approval).where(
                    Approval.case_id == case_id, Approval.kind == KIND, Approval.status == "pending"
                )
            )
        )
        running = node is not None and node.completed_at is None
        return PeriodView(
            case_no=case.case_no,
            non_litigation=case.non_litigation,
            period=node.period if node else "",
            filed_on=case.filed_on,
            due_on=node.due_on if node else None,
            completed=node is not None and node.completed_at is not None,
            note=node.note if node else "",
            last_request_on=last_request_day(node.due_on) if running and node else None,
            pauses=pauses,
            pending=pending,
        )
