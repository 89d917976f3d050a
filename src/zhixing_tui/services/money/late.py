"""逾期发放: a payout after the limit, with a written reason approved by the court's leadership.

浉河 003 四(二)2(6): "执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批";
四(三)2(2): "未按期发放的，督促承办人向执行局长或主管院领导书面说明原因，符合法定条件的，经执行局长或主管院
领导批准后，可以延缓发放". Who approves is the profile's (``[money.late_payout].approver_role``).

:func:`request_late_payout` files the written reason as an :class:`Approval` of kind
``late_payout``; :func:`decide_late_payout` decides it (``board.approvals.decide_any`` sends the
kind here); :func:`late_payout_form` is what the printed 案款逾期发放说明及审批表 shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from ...domain.roles import require, role_name
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Approval, Case, Payment
from ...storage.queries import get_case
from .. import audit
from ..board.rights import decide_pending
from ..desk import Desk
from ..permissions import operator_role
from .records import LATE_PAYOUT, MONEY_ROLES, arrival_balance, payout_due

__all__ = ["LatePayoutForm", "decide_late_payout", "late_payout_form", "request_late_payout"]


def request_late_payout(desk: Desk, payment_id: int, *, reason: str) -> int:
    """Ask the approver the profile names to allow paying out an arrival after the limit; returns
    the approval's id. Refused where the court asks no approval, without a reason, for money not
    claimed or already paid out, and when a request for it is pending or approved."""
    rule = desk.profile.money.late_payout
    if rule is None:
        raise Conflict(f"{desk.profile.court.short_name}的配置未规定逾期发放须报批，无需提出审批")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidValue("请书面说明未按期发放的理由", field="理由")
    if len(reason) > 300:
        raise InvalidValue("理由不超过300字", field="理由", value=reason)
    with desk.transaction() as s:
        require(operator_role(s, desk), MONEY_ROLES, "提出逾期发放审批")
        p = s.get(Payment, payment_id)
        if p is None:
            raise NotFound(f"案款（编号 {payment_id}）不存在")
        if p.case_id is None:
            raise Conflict("该笔案款尚未认领，请先认领到案件")
        left = arrival_balance(s, p)
        if left <= 0:
            raise Conflict("该笔案款已全部发放或退回，无需审批")
        for a in s.exec(
            select(Approval).where(
                Approval.case_id == p.case_id,
                Approval.kind == LATE_PAYOUT,
                col(Approval.status).in_(["pending", "approved"]),
            )
        ):
            if a.details.get("payment_id") == p.id:
                state = "尚未处理" if a.status == "pending" else "已批准"
                raise Conflict(f"该笔案款的逾期发放审批（编号 {a.id}）{state}")
        due = payout_due(desk, p.arrived_on)
        a = Approval(
            case_id=p.case_id,
            kind=LATE_PAYOUT,
            level=rule.approver_role,
            details={
                "payment_id": p.id,
                "arrived_on": p.arrived_on.isoformat(),
                "amount_fen": p.amount_fen,
                "balance_fen": left,
                "payer": p.payer,
                "due_on": due.isoformat() if due else None,
                "reason": reason,
                "source": rule.source,
                "scope_name": "案款逾期发放",
            },
            requested_by=desk.operator,
            requested_at=desk.now(),
        )
        s.add(a)
        s.flush()
        audit.record_case(
            s,
            desk,
            p.case_id,
            "late_payout_request",
            f"案款逾期发放报{role_name(rule.approver_role)}审批：{reason}（{rule.source}）"[:300],
            entity="approval",
            entity_id=a.id,
        )
        return int(a.id or 0)


def decide_late_payout(desk: Desk, approval_id: int, *, approve: bool, note: str = "") -> None:
    """Approve (the money may be paid out late) or reject a request; only the level it names or
    above, never the person who asked. A rejection says why."""
    if not approve and not note.strip():
        raise InvalidValue("不予批准时请写明理由", field="理由")
    with desk.transaction() as s:
        a, _role = decide_pending(
            s, desk, approval_id, kind=LATE_PAYOUT, name="逾期发放审批", what="审批案款逾期发放",
            approve=approve, note=note,
        )  # fmt: skip
        verdict = "批准案款逾期发放" if approve else "不批准案款逾期发放"
        audit.record_case(
            s,
            desk,
            a.case_id,
            "late_payout_decide",
            verdict + (f"（{note.strip()}）" if note.strip() else ""),
            entity="approval",
            entity_id=a.id,
        )


@dataclass(frozen=True)
class LatePayoutForm:
    """What the printed 案款逾期发放说明及审批表 shows."""

    approval_id: int
    court: str
    case_no: str
    arrived_on: date
    amount_fen: int
    balance_fen: int
    payer: str
    due_on: date | None
    reason: str
    requested_by: str
    requested_at: datetime
    approver: str  # the level's Chinese name
    source: str
    status: str
    decided_by: str | None
    decided_at: datetime | None
    note: str


def late_payout_form(desk: Desk, approval_id: int) -> LatePayoutForm:
    with desk.session() as s:
        a = s.get(Approval, approval_id)
        if a is None or a.kind != LATE_PAYOUT:
            raise NotFound(f"逾期发放审批（编号 {approval_id}）不存在")
        case: Case = get_case(s, a.case_id)
        d = a.details
        due = d.get("due_on")
        return LatePayoutForm(
            approval_id=int(a.id or 0),
            court=desk.profile.court.name,
            case_no=case.case_no,
            arrived_on=date.fromisoformat(d["arrived_on"]),
            amount_fen=int(d.get("amount_fen") or 0),
            balance_fen=int(d.get("balance_fen") or 0),
            payer=d.get("payer", ""),
            due_on=date.fromisoformat(due) if due else None,
            reason=d.get("reason", ""),
            requested_by=a.requested_by,
            requested_at=a.requested_at,
            approver=role_name(a.level),
            source=d.get("source", ""),
            status=a.status,
            decided_by=a.decided_by,
            decided_at=a.decided_at,
            note=a.note,
        )
