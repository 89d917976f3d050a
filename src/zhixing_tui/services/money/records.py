"""案款 operations: 到账, 认领, 发放, 退回 — one transaction each, audited, permission checked.

* :func:`record_arrival` registers money that came in (date, amount, payer, 票据/流水号). Money
  paid into the case's own account (浉河 003 四(三)3(1) "一案一账号 … 直接进入相关案件账下") is given
  its case at once and is claimed on arrival; money through the court's general account stays
  unclaimed (no case) until :func:`claim_payment`.
* :func:`claim_payment` (认领) gives an arrival its case. The case's deadline nodes are fed then:
  ``money_arrived`` at the arrival's day (汝阳 000 二(一)5 and 浉河's 7日/3日 count from 到账) and
  ``money_claimed`` at the 认领 (浉河 003 四(三)2(3): 认领超20日 督促, 余额超一个月 跟踪).
* :func:`pay_out` (发放, to a party of the case or another payee, with the voucher number) and
  :func:`return_money` (退回 to the payer, with the reason) take part or all of an arrival's
  balance. When the case's whole claimed balance reaches 0 the case records ``money_paid_out``
  (a partial payout completes nothing: the node waits for the money, not for the first payment;
  nodes are per case, so one of two arrivals paid out does not complete the other's).
* 执行到位金额 (``Case.recovered_fen``, money recovered for the applicant) follows the books:
  money counts when it is claimed to the case (认领, or 到账 into the case's own account), a 发放
  leaves it unchanged (the money was already recovered), and a 退回 to the payer takes the amount
  back out. Money is claimed to an open case only; the closing fixes the figure (结案 checks it
  against 结案标的额, domain.closing), so a 退回 after closing leaves it as closed. Each change is
  in the operation's own transaction and audit entry (before/after ``recovered_fen``).
* Invariant of an arrival: claimed ⇔ ``case_id`` and ``claimed_on`` both set; unclaimed ⇔ both
  empty (:func:`is_claimed`; the 未认领 list of :mod:`.query` reads the same).
* A court whose profile has ``[money.late_payout]`` (浉河) refuses a payout after the limit of
  ``[money].payout_rule`` unless a written reason was approved (:mod:`.late`).

Who may: the 案款专员 and the handlers (承办人 and every level above on the ladder) — the seeds put
认领 and 发放 on the 承办人, supervised by the 案款专员 (000 二(一)5, 003 四(三)).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...domain import case_money as dmoney
from ...domain.money import format_money
from ...domain.periods import compute_due
from ...domain.roles import may_approve, require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Approval, Case, Party, Payment, Payout
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role, operator_role_or_none

__all__ = [
    "may_handle_money",
    "LATE_PAYOUT",
    "MONEY_ROLES",
    "arrival_balance",
    "case_balance",
    "claim_payment",
    "is_claimed",
    "payout_due",
    "pay_out",
    "record_arrival",
    "return_money",
]

#: who may record 案款 operations
MONEY_ROLES = {"case_money", "handler"}


def may_handle_money(desk: Desk) -> bool:
    """Whether the operator may claim, pay out or return 案款 (for the screen's keys)."""
    return may_approve(operator_role_or_none(desk), MONEY_ROLES)


#: the approval kind of a late payout (浉河 003 四(二)2(6))
LATE_PAYOUT = "late_payout"


def _yuan(fen: int) -> str:
    return f"{format_money(fen)}元"


def _day(desk: Desk, day: date | None, label: str, not_before: date, before_label: str) -> date:
    day = day or desk.today()
    if day > desk.today():
        raise InvalidValue(f"{label}不能晚于今天（{desk.today()}）", field=label, value=day)
    if day < not_before:
        raise InvalidValue(f"{label} {day} 早于{before_label} {not_before}", field=label, value=day)
    return day


def _amount(amount_fen: int | None, label: str = "金额") -> int:
    if amount_fen is None or amount_fen <= 0:
        raise InvalidValue(f"{label}应大于0", field=label, value=amount_fen)
    return amount_fen


def _get(s: Session, payment_id: int) -> Payment:
    p = s.get(Payment, payment_id)
    if p is None:
        raise NotFound(f"案款（编号 {payment_id}）不存在")
    return p


def is_claimed(p: Payment) -> bool:
    """Claimed (认领) to a case; raises ``Conflict`` when the row is half claimed (a case without
    a 认领日期 or the reverse), which the services never write."""
    if (p.case_id is None) != (p.claimed_on is None):
        raise Conflict(
            f"案款（编号 {p.id}）数据不一致："
            + ("已关联案件但没有认领日期" if p.case_id is not None else "有认领日期但没有关联案件")
            + "，请核对后再操作"
        )
    return p.case_id is not None


def _outs(s: Session, payment_id: int) -> tuple[int, int]:
    """(paid, returned) of one arrival, in 分."""
    paid = returned = 0
    for kind, total in s.exec(
        select(Payout.kind, func.sum(Payout.amount_fen))
        .where(Payout.payment_id == payment_id)
        .group_by(col(Payout.kind))
    ):
        if kind == dmoney.RETURN:
            returned = int(total or 0)
        else:
            paid = int(total or 0)
    return paid, returned


def arrival_balance(s: Session, p: Payment) -> int:
    """余额 of one arrival."""
    paid, returned = _outs(s, int(p.id or 0))
    return dmoney.balance(p.amount_fen, paid, returned)


def case_balance(s: Session, case_id: int) -> int:
    """The case's claimed money not yet paid out or returned, in 分."""
    claimed = s.exec(
        select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(Payment.case_id == case_id)
    ).one()
    out = s.exec(select(func.coalesce(func.sum(Payout.amount_fen), 0)).where(Payout.case_id == case_id)).one()
    return int(claimed) - int(out)


def payout_due(desk: Desk, arrived_on: date) -> date | None:
    """The last day for paying out money that arrived on ``arrived_on`` (the profile's
    ``[money].payout_rule`` period from 到账), or None when the court sets none."""
    from ..deadlines.calendar import calendar_for

    rule_id = desk.profile.money.payout_rule
    if not rule_id:
        return None
    from ...profiles.deadline_schema import rules_for

    rule = next((r for r in rules_for(desk.profile) if r.id == rule_id), None)
    if rule is None:
        return None
    return compute_due(arrived_on, rule.period, calendar_for(desk)).due_on


def _recovered(s: Session, case: Case, delta_fen: int) -> tuple[int, int]:
    """Move the case's 执行到位金额 by ``delta_fen`` (never below 0); (before, after) in 分."""
    before = case.recovered_fen
    case.recovered_fen = max(before + delta_fen, 0)
    s.add(case)
    return before, case.recovered_fen


def _recovered_text(before: int, after: int) -> str:
    return f"，执行到位金额 {_yuan(before)} → {_yuan(after)}"


def _claim(s: Session, desk: Desk, p: Payment, case: Case, claimed_on: date) -> tuple[int, int]:
    """Claim ``p`` to the open ``case``; its amount counts in the case's 执行到位金额 from now.
    Returns the (before, after) 执行到位金额."""
    if case.status == "closed":
        raise Conflict(
            f"案件 {case.case_no} 已结案，不能认领案款（结案后到账的款项请在恢复执行的案件中认领）"
        )
    if claimed_on < case.filed_on:  # its payout is counted from then: no 认领 of a case not yet filed
        raise InvalidValue(
            f"认领日期 {claimed_on} 早于案件 {case.case_no} 的立案日期 {case.filed_on}",
            field="认领日期",
            value=claimed_on,
        )
    p.case_id, p.claimed_on, p.claimed_by = case.id, claimed_on, desk.operator
    s.add(p)
    moved = _recovered(s, case, p.amount_fen)
    s.flush()
    apply_event(s, desk, case, "money_arrived", desk.moment_on(p.arrived_on), desk.operator)
    apply_event(s, desk, case, "money_claimed", desk.moment_on(claimed_on), desk.operator)
    return moved


@emits("money_arrived", "money_claimed")
def record_arrival(
    desk: Desk,
    *,
    arrived_on: date,
    amount_fen: int,
    payer: str,
    ref_no: str = "",
    case_id: int | None = None,
    note: str = "",
) -> int:
    """Register an arrival; with ``case_id`` (一案一账号) it is claimed to the case on arrival.
    Returns the arrival's id."""
    amount = _amount(amount_fen)
    payer = (payer or "").strip()
    if not payer:
        raise InvalidValue("请写明缴款人", field="缴款人")
    if arrived_on > desk.today():
        raise InvalidValue(f"到账日期不能晚于今天（{desk.today()}）", field="到账日期", value=arrived_on)
    ref_no = (ref_no or "").strip()
    with desk.transaction() as s:
        require(operator_role(s, desk), MONEY_ROLES, "登记案款到账")
        if ref_no:
            dup = s.exec(select(Payment.id).where(Payment.ref_no == ref_no)).first()
            if dup is not None:
                raise Conflict(f"票据/流水号 {ref_no} 已登记（案款编号 {dup}）")
        p = Payment(
            arrived_on=arrived_on, amount_fen=amount, payer=payer[:120], ref_no=ref_no[:60], note=note[:200]
        )
        s.add(p)
        s.flush()
        case = get_case(s, case_id) if case_id is not None else None
        summary = f"案款到账 {_yuan(amount)}（{payer}，{arrived_on}）"
        before = after = None
        if case is not None:
            if arrived_on < case.filed_on:
                raise InvalidValue(
                    f"到账日期 {arrived_on} 早于案件 {case.case_no} 的立案日期 {case.filed_on}："
                    "请不选案件登记到账，再于立案之日起认领",
                    field="到账日期",
                    value=arrived_on,
                )
            r_before, r_after = _claim(s, desk, p, case, arrived_on)
            summary += "，直接进入本案账下" + _recovered_text(r_before, r_after)
            before, after = {"recovered_fen": r_before}, {"recovered_fen": r_after}
        audit.record_case(
            s,
            desk,
            case.id if case is not None else None,
            "money_arrive",
            summary,
            entity="payment",
            entity_id=p.id,
            before=before,
            after={
                **(audit.snapshot(p, ["arrived_on", "amount_fen", "payer", "ref_no", "claimed_on"]) or {}),
                **(after or {}),
            },
        )
        return int(p.id or 0)


@emits("money_arrived", "money_claimed")
def claim_payment(desk: Desk, payment_id: int, case_id: int, *, claimed_on: date | None = None) -> None:
    """认领: give an unclaimed arrival its case (on ``claimed_on``, today by default)."""
    with desk.transaction() as s:
        require(operator_role(s, desk), MONEY_ROLES, "认领案款")
        p = _get(s, payment_id)
        if is_claimed(p):
            other = get_case(s, int(p.case_id or 0))
            raise Conflict(f"该笔案款已于 {p.claimed_on} 认领到案件 {other.case_no}")
        case = get_case(s, case_id)
        day = _day(desk, claimed_on, "认领日期", p.arrived_on, "到账日期")
        r_before, r_after = _claim(s, desk, p, case, day)
        audit.record_case(
            s,
            desk,
            case.id,
            "money_claim",
            f"认领案款 {_yuan(p.amount_fen)}（{p.payer}，{p.arrived_on} 到账）"
            + _recovered_text(r_before, r_after),
            entity="payment",
            entity_id=p.id,
            before={"case_id": None, "claimed_on": None, "recovered_fen": r_before},
            after={"case_id": case.id, "claimed_on": day.isoformat(), "recovered_fen": r_after},
        )


def _late_approval(s: Session, desk: Desk, p: Payment, paid_on: date) -> int | None:
    """The approved late-payout approval a payout after the limit needs (None when not late or
    the court asks none); refused when it is missing or still pending."""
    rule = desk.profile.money.late_payout
    due = payout_due(desk, p.arrived_on)
    if rule is None or due is None or paid_on <= due:
        return None
    rows = s.exec(
        select(Approval)
        .where(Approval.case_id == p.case_id, Approval.kind == LATE_PAYOUT)
        .order_by(col(Approval.id))
    ).all()
    mine = [a for a in rows if a.details.get("payment_id") == p.id]
    approved = [a for a in mine if a.status == "approved"]
    if approved:
        return approved[-1].id
    pending = [a for a in mine if a.status == "pending"]
    if pending:
        raise Conflict(f"发放期限已于 {due} 届满：逾期发放审批（编号 {pending[-1].id}）尚未批准")
    raise Conflict(f"发放期限已于 {due} 届满：逾期发放须书面说明理由，报批后方可发放（{rule.source}）")


def _settle(s: Session, desk: Desk, p: Payment, case: Case, day: date) -> bool:
    """After money left: the arrival's 发放完毕日 when its balance is 0; ``money_paid_out`` on the
    case when the case's whole claimed balance is 0. True when the case's money is all out."""
    if arrival_balance(s, p) == 0:
        p.paid_out_on = day
        s.add(p)
        s.flush()
    if case_balance(s, int(case.id or 0)) == 0:
        apply_event(s, desk, case, "money_paid_out", desk.moment_on(day), desk.operator)
        return True
    return False


def _payee(s: Session, case: Case, payee: str | None, party_id: int | None) -> tuple[str, int | None]:
    if party_id is not None:
        party = s.get(Party, party_id)
        if party is None or party.case_id != case.id:
            raise InvalidValue(f"当事人（编号 {party_id}）不是本案当事人", field="领款人", value=party_id)
        return party.name, party.id
    name = (payee or "").strip()
    if name:
        return name[:120], None
    first = s.exec(
        select(Party)
        .where(Party.case_id == case.id, Party.role == "applicant")
        .order_by(col(Party.sort_order), col(Party.id))
    ).first()
    if first is None:
        raise InvalidValue("本案没有申请执行人，请写明领款人", field="领款人")
    return first.name, first.id


@emits("money_paid_out")
def _out(
    desk: Desk,
    payment_id: int,
    kind: str,
    *,
    amount_fen: int | None,
    day: date | None,
    payee: str | None = None,
    party_id: int | None = None,
    voucher_no: str = "",
    reason: str = "",
) -> int:
    verb = dmoney.KINDS[kind]
    with desk.transaction() as s:
        require(operator_role(s, desk), MONEY_ROLES, f"{verb}案款")
        p = _get(s, payment_id)
        if not is_claimed(p) or p.case_id is None or p.claimed_on is None:
            raise Conflict(f"该笔案款（{_yuan(p.amount_fen)}，{p.payer}）尚未认领，请先认领到案件")
        case = get_case(s, p.case_id)
        left = arrival_balance(s, p)
        if left <= 0:
            raise Conflict(f"该笔案款已全部发放或退回（{p.paid_out_on}）")
        amount = left if amount_fen is None else _amount(amount_fen)
        if amount > left:
            raise InvalidValue(
                f"{verb}金额 {_yuan(amount)} 超过该笔案款余额 {_yuan(left)}", field="金额", value=amount
            )
        on = _day(desk, day, f"{verb}日期", p.claimed_on, "认领日期")
        approval_id = None
        if kind == dmoney.PAYOUT:
            name, pid = _payee(s, case, payee, party_id)
            approval_id = _late_approval(s, desk, p, on)
        else:
            name, pid = p.payer, None
        row = Payout(
            payment_id=int(p.id or 0),
            case_id=int(case.id or 0),
            kind=kind,
            paid_on=on,
            amount_fen=amount,
            payee=name,
            party_id=pid,
            voucher_no=voucher_no.strip()[:60],
            reason=reason.strip()[:200],
            approval_id=approval_id,
            by=desk.operator,
            created_at=desk.now(),
        )
        s.add(row)
        moved = None
        if kind == dmoney.RETURN and case.status != "closed":  # back to the payer: no longer recovered
            moved = _recovered(s, case, -amount)
        s.flush()
        done = _settle(s, desk, p, case, on)
        what = f"{verb}案款 {_yuan(amount)} 给{name}（{on}" + (
            f"，凭证号 {row.voucher_no}" if row.voucher_no else ""
        )
        what += f"，原因：{row.reason}）" if row.reason else "）"
        if approval_id is not None:
            what += f"，逾期发放经审批（编号 {approval_id}）"
        if done:
            what += "；本案案款已全部发放"
        if moved is not None:
            what += _recovered_text(*moved)
        audit.record_case(
            s,
            desk,
            case.id,
            f"money_{kind}",
            what,
            entity="payout",
            entity_id=row.id,
            before={"recovered_fen": moved[0]} if moved is not None else None,
            after={
                **(
                    audit.snapshot(
                        row, ["payment_id", "kind", "paid_on", "amount_fen", "payee", "voucher_no", "reason"]
                    )
                    or {}
                ),
                **({"recovered_fen": moved[1]} if moved is not None else {}),
            },
        )
        return int(row.id or 0)


@emits("money_paid_out")
def pay_out(
    desk: Desk,
    payment_id: int,
    *,
    amount_fen: int | None = None,
    payee: str | None = None,
    party_id: int | None = None,
    voucher_no: str,
    paid_on: date | None = None,
) -> int:
    """发放 ``amount_fen`` (the arrival's whole balance by default) to a party of the case
    (``party_id``), another payee, or the first 申请执行人; returns the payout's id."""
    if not (voucher_no or "").strip():
        raise InvalidValue("请写明支付凭证号", field="凭证号")
    return _out(
        desk, payment_id, dmoney.PAYOUT, amount_fen=amount_fen, day=paid_on, payee=payee,
        party_id=party_id, voucher_no=voucher_no,
    )  # fmt: skip


@emits("money_paid_out")
def return_money(
    desk: Desk,
    payment_id: int,
    *,
    reason: str,
    amount_fen: int | None = None,
    returned_on: date | None = None,
    voucher_no: str = "",
) -> int:
    """退回 ``amount_fen`` (the whole balance by default) to the payer, with the reason."""
    if not (reason or "").strip():
        raise InvalidValue("请写明退回原因", field="原因")
    return _out(
        desk, payment_id, dmoney.RETURN, amount_fen=amount_fen, day=returned_on, voucher_no=voucher_no,
        reason=reason,
    )  # fmt: skip
