"""The 案款 import (``zhixing import payments``): one row per arrival.

Columns: 案号, 到账日期, 金额, 缴款人 (optional 领取日期/认领日期, 发放日期, 备注). The 案号 must already be
in the desk. A payment is known by (案号, 到账日期, 金额, 缴款人): the same row imported again
changes nothing; its 领取/发放 dates and 备注 are filled or corrected.

A row names its case, so the arrival is claimed (认领) to it — on its 认领日期, else on arrival — and
the case's 案款 nodes start (``money_arrived`` at 到账, ``money_claimed`` at 认领). A 发放日期 is
recorded as one 发放 of the arrival's remaining balance to the case's first 申请执行人 (services.money
keeps the books the same way), and completes the nodes once the case's claimed money is all out.

Claimed money counts in the case's 执行到位金额 (services.money): on an open case the figure is
raised to at least the case's claimed 案款 less what was returned — not added to, since the
imported case may already carry a 执行到位金额 that counts this money; a closed case keeps the
figure of its closing. The change is in the row's audit entry (before/after ``recovered_fen``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...domain.case_no import parse_case_no
from ...domain.money import format_money
from ...errors import InvalidValue
from ...storage.models import Case, Party, Payment, Payout
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from .read import FieldSpec, clean_text
from .rows import ImportReport, RowReader, Tick

__all__ = ["PAYMENT_FIELDS", "PaymentImport"]

F = FieldSpec
PAYMENT_FIELDS: tuple[FieldSpec, ...] = (
    F("case_no", "案号", ("执行案号",), required=True),
    F("arrived_on", "到账日期", ("到账时间", "收款日期", "入账日期", "缴款日期"), required=True),
    F("amount", "金额", ("到账金额", "缴款金额", "案款金额", "收款金额"), required=True),
    F("payer", "缴款人", ("交款人", "付款人", "缴款单位"), required=True),
    F("claimed_on", "领取日期", ("认领日期",)),
    F("paid_out_on", "发放日期", ("支付日期", "付款日期", "发还日期")),
    F("note", "备注", ()),
)


@dataclass
class PaymentRecord:
    row: int
    case_no: str
    arrived_on: date
    amount_fen: int
    payer: str
    updates: dict[str, Any]
    case_id: int | None = None


class PaymentImport:
    name = "案款"
    table = Payment.__tablename__
    fields = PAYMENT_FIELDS
    key_field = "case_no"

    def key_of(self, rr: RowReader) -> Any | None:
        try:
            no = parse_case_no(clean_text(rr.raw("case_no"))).text
        except InvalidValue:
            return None
        return (no, clean_text(rr.raw("arrived_on")), clean_text(rr.raw("amount")), rr.text("payer"))

    def parse(self, rr: RowReader) -> PaymentRecord | None:
        case_no = rr.parse("case_no", lambda v: parse_case_no(clean_text(v)).text, required=True)
        arrived = rr.date("arrived_on", required=True)
        amount = rr.money("amount", required=True)
        payer = rr.text("payer", required=True)
        if amount == 0:
            rr.fail("amount", "金额应大于0")
        updates: dict[str, Any] = {}
        for key in ("claimed_on", "paid_out_on"):
            d = rr.date(key)
            if d is not None and arrived is not None and d < arrived:
                rr.fail(key, f"{rr.specs[key].label} {d:%Y-%m-%d} 早于到账日期 {arrived:%Y-%m-%d}")
            elif d is not None:
                updates[key] = d
        claimed, paid = updates.get("claimed_on"), updates.get("paid_out_on")
        if claimed is not None and paid is not None and paid < claimed:
            rr.fail(
                "paid_out_on",
                f"发放日期 {paid:%Y-%m-%d} 早于{rr.specs['claimed_on'].label} {claimed:%Y-%m-%d}",
            )
        if rr.has("note"):
            updates["note"] = rr.text("note")[:200]
        if rr.issues or None in (case_no, arrived, amount) or not payer:
            return None
        return PaymentRecord(rr.row, case_no, arrived, amount, payer[:120], updates)

    def check(self, s: Session, records: list[tuple[RowReader, PaymentRecord]]) -> None:
        nos = sorted({rec.case_no for _, rec in records})
        ids: dict[str, tuple[int, date]] = {}
        for start in range(0, len(nos), 500):
            for cid, no, filed in s.exec(
                select(Case.id, Case.case_no, Case.filed_on).where(
                    col(Case.case_no).in_(nos[start : start + 500])
                )
            ):
                ids[no] = (cid, filed)
        for rr, rec in records:
            found = ids.get(rec.case_no)
            if found is None:
                rr.fail("case_no", f"案号 {rec.case_no} 不在本系统中（请先导入案件）")
                continue
            rec.case_id = found[0]
            claimed = rec.updates.get("claimed_on")
            if claimed is not None and claimed < found[1]:  # as the 案款 screen refuses it
                rr.fail(
                    "claimed_on",
                    f"{rr.label('claimed_on')} {claimed:%Y-%m-%d} 早于立案日期 {found[1]:%Y-%m-%d}",
                )
            elif rec.arrived_on < found[1]:
                rr.warn("arrived_on", f"到账日期早于立案日期 {found[1]:%Y-%m-%d}")

    @emits("money_arrived", "money_claimed", "money_paid_out")
    def apply(
        self,
        s: Session,
        desk: Desk,
        records: list[tuple[RowReader, PaymentRecord]],
        report: ImportReport,
        tick: Tick,
    ) -> None:
        for _, rec in records:
            existing = s.exec(
                select(Payment).where(
                    Payment.case_id == rec.case_id,
                    Payment.arrived_on == rec.arrived_on,
                    Payment.amount_fen == rec.amount_fen,
                    Payment.payer == rec.payer,
                )
            ).first()
            money = f"{format_money(rec.amount_fen)}元"
            if existing is None:
                pay = Payment(
                    case_id=rec.case_id,
                    arrived_on=rec.arrived_on,
                    amount_fen=rec.amount_fen,
                    payer=rec.payer,
                    **rec.updates,
                )
                s.add(pay)
                s.flush()
                moved = _books(s, desk, pay, new=True)
                report.inserted += 1
                self._audit(s, desk, pay, f"导入：新增案款 {money}", None, report, rec.row, moved)
            else:
                before = audit.snapshot(existing, list(rec.updates))
                for k, v in rec.updates.items():
                    setattr(existing, k, v)
                diff = audit.changed(before, audit.snapshot(existing, list(rec.updates)))
                if diff:
                    s.add(existing)
                    moved = _books(s, desk, existing, new=False)
                    report.updated += 1
                    labels = "、".join(PAYMENT_LABELS[k] for k in diff)
                    self._audit(
                        s, desk, existing, f"导入：更新案款 {money} {labels}", before, report, rec.row, moved
                    )
                else:
                    report.unchanged += 1
            tick()

    @staticmethod
    def _audit(
        s, desk, pay: Payment, summary: str, before, report: ImportReport, row: int, moved=None
    ) -> None:
        after = dict(
            audit.snapshot(pay, ["arrived_on", "amount_fen", "payer", "claimed_on", "paid_out_on", "note"])
            or {}
        )
        after.update(source=report.path.name, row=row)
        if moved is not None:  # the case's 执行到位金额 (before, after)
            before = dict(before or {}, recovered_fen=moved[0])
            after["recovered_fen"] = moved[1]
            summary += f"，执行到位金额 {format_money(moved[0])}元 → {format_money(moved[1])}元"
        audit.record_case(
            s,
            desk,
            pay.case_id,
            "import",
            summary,
            entity="payment",
            entity_id=pay.id,
            before=before,
            after=after,
        )


PAYMENT_LABELS = {"claimed_on": "领取日期", "paid_out_on": "发放日期", "note": "备注"}


def _recovered(s: Session, case_id: int) -> tuple[int, int] | None:
    """Raise an open case's 执行到位金额 to its claimed 案款 less returns (see the module doc);
    (before, after) when it moved."""
    case = s.get(Case, case_id)
    if case is None or case.status == "closed":
        return None
    claimed = s.exec(
        select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
            Payment.case_id == case_id, col(Payment.claimed_on).is_not(None)
        )
    ).one()
    returned = s.exec(
        select(func.coalesce(func.sum(Payout.amount_fen), 0)).where(
            Payout.case_id == case_id, Payout.kind == "return"
        )
    ).one()
    before = case.recovered_fen
    if int(claimed) - int(returned) <= before:
        return None
    case.recovered_fen = int(claimed) - int(returned)
    s.add(case)
    return before, case.recovered_fen


def _books(s: Session, desk: Desk, pay: Payment, *, new: bool) -> tuple[int, int] | None:
    """Keep the arrival's books, its case's nodes and 执行到位金额 as services.money would (see the
    module doc); returns the (before, after) 执行到位金额 when it moved."""
    case_id = int(pay.case_id or 0)
    if pay.claimed_on is None:
        pay.claimed_on = pay.arrived_on
    if not pay.claimed_by:
        pay.claimed_by = desk.operator
    s.add(pay)
    s.flush()
    moved = _recovered(s, case_id)
    s.flush()
    if new:
        apply_event(s, desk, case_id, "money_arrived", desk.moment_on(pay.arrived_on), desk.operator)
        apply_event(s, desk, case_id, "money_claimed", desk.moment_on(pay.claimed_on), desk.operator)
    if pay.paid_out_on is None:
        return moved
    left = pay.amount_fen - int(
        s.exec(select(func.coalesce(func.sum(Payout.amount_fen), 0)).where(Payout.payment_id == pay.id)).one()
    )
    if left <= 0:
        return moved
    applicant = s.exec(
        select(Party)
        .where(Party.case_id == case_id, Party.role == "applicant")
        .order_by(col(Party.sort_order), col(Party.id))
    ).first()
    s.add(
        Payout(
            payment_id=int(pay.id or 0),
            case_id=case_id,
            kind="payout",
            paid_on=pay.paid_out_on,
            amount_fen=left,
            payee=applicant.name if applicant else "",
            party_id=applicant.id if applicant else None,
            by=desk.operator,
            created_at=desk.now(),
        )
    )
    s.flush()
    claimed = s.exec(
        select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(Payment.case_id == case_id)
    ).one()
    out = s.exec(select(func.coalesce(func.sum(Payout.amount_fen), 0)).where(Payout.case_id == case_id)).one()
    if int(claimed) == int(out):
        apply_event(s, desk, case_id, "money_paid_out", desk.moment_on(pay.paid_out_on), desk.operator)
    return moved
