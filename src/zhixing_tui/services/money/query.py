"""The read side of 案款: the three lists of the 案款 screen and ``report money``, paged in SQL,
and the books' totals on a day (:class:`~zhixing_tui.domain.case_money.MoneyTotals`).

Every figure is "as of" a day ``d``: an arrival counts from its 到账 day, is claimed from its 认领
day, and a 发放/退回 counts from its day — so a report for an earlier day reads the same rows.

* ``unclaimed``: arrived by ``d``, not claimed by ``d`` (oldest first, with the age since 到账);
* ``unpaid``: claimed by ``d`` with a balance left on ``d`` (oldest first, with the age since
  到账 and since 认领, and the payout limit of the profile's ``[money].payout_rule``);
* ``balances``: per case, the claimed money less what was paid out and returned by ``d``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from ...domain import case_money as dmoney
from ...domain.case_money import MoneyTotals
from ...storage.models import Case, Payment, Payout
from ...storage.queries import Page
from ..desk import Desk
from .records import payout_due

__all__ = ["VIEWS", "BalanceRow", "MoneyRow", "money_page", "money_totals"]

VIEWS = ("unclaimed", "unpaid", "balances")


@dataclass(frozen=True)
class MoneyRow:
    """One arrival (unclaimed or claimed-not-paid)."""

    payment_id: int
    case_id: int | None
    case_no: str
    arrived_on: date
    amount_fen: int
    payer: str
    ref_no: str
    claimed_on: date | None
    paid_fen: int
    returned_fen: int
    balance_fen: int
    age_days: int  # since 到账
    claimed_days: int | None  # since 认领
    due_on: date | None  # the payout limit (from 到账)

    late: bool = False  # past the payout limit on the day

    def to_json(self) -> dict:
        out = asdict(self)
        for k in ("arrived_on", "claimed_on", "due_on"):
            out[k] = out[k].isoformat() if out[k] else None
        return out


@dataclass(frozen=True)
class BalanceRow:
    """One case's 案款 on the day."""

    case_id: int
    case_no: str
    claimed_fen: int
    paid_fen: int
    returned_fen: int
    balance_fen: int
    first_claimed_on: date | None

    def to_json(self) -> dict:
        out = asdict(self)
        out["first_claimed_on"] = self.first_claimed_on.isoformat() if self.first_claimed_on else None
        return out


def _outs(kind: str, d: date):
    return (
        select(func.coalesce(func.sum(Payout.amount_fen), 0))
        .where(Payout.payment_id == Payment.id, Payout.kind == kind, Payout.paid_on <= d)
        .scalar_subquery()
    )


def _claimed(d: date):
    return and_(
        col(Payment.case_id).is_not(None), col(Payment.claimed_on).is_not(None), Payment.claimed_on <= d
    )


def _unclaimed(d: date):
    """Arrived by ``d`` and not :func:`_claimed` on ``d`` — today, exactly the arrivals
    ``claim_payment`` accepts (no case, no 认领日期: ``records.is_claimed``); a half-claimed row the
    services never write stays listed, and ``claim_payment`` names the inconsistency."""
    return and_(
        col(Payment.arrived_on) <= d,
        or_(col(Payment.case_id).is_(None), col(Payment.claimed_on).is_(None), col(Payment.claimed_on) > d),
    )


def money_page(desk: Desk, view: str, *, as_of: date | None = None, offset: int = 0, limit: int = 50) -> Page:
    """One page of ``view`` (:data:`VIEWS`) on ``as_of`` (today by default)."""
    if view not in VIEWS:
        raise ValueError(view)
    d = as_of or desk.today()
    with desk.session() as s:
        if view == "balances":
            return _balances(s, d, offset, limit)
        paid, returned = _outs(dmoney.PAYOUT, d), _outs(dmoney.RETURN, d)
        left = Payment.amount_fen - paid - returned
        where = _unclaimed(d) if view == "unclaimed" else and_(_claimed(d), left > 0)
        total = s.exec(select(func.count()).select_from(Payment).where(where)).one()
        rows = s.exec(
            select(Payment, Case.case_no, paid, returned)
            .outerjoin(Case, col(Case.id) == col(Payment.case_id))
            .where(where)
            .order_by(col(Payment.arrived_on), col(Payment.id))
            .offset(offset)
            .limit(limit)
        ).all()
        items = []
        for p, case_no, p_fen, r_fen in rows:
            claimed = p.claimed_on if view == "unpaid" else None
            due = payout_due(desk, p.arrived_on) if view == "unpaid" else None
            items.append(
                MoneyRow(
                    payment_id=int(p.id or 0),
                    case_id=p.case_id if view == "unpaid" else None,
                    case_no=case_no or "" if view == "unpaid" else "",
                    arrived_on=p.arrived_on,
                    amount_fen=p.amount_fen,
                    payer=p.payer,
                    ref_no=p.ref_no,
                    claimed_on=claimed,
                    paid_fen=int(p_fen),
                    returned_fen=int(r_fen),
                    balance_fen=p.amount_fen - int(p_fen) - int(r_fen),
                    age_days=(d - p.arrived_on).days,
                    claimed_days=(d - claimed).days if claimed else None,
                    due_on=due,
                    late=due is not None and d > due,
                )
            )
        return Page(tuple(items), int(total), offset, limit)


def _balances(s: Session, d: date, offset: int, limit: int) -> Page:
    claimed = (
        select(
            Payment.case_id.label("case_id"),  # type: ignore[union-attr]
            func.sum(Payment.amount_fen).label("claimed"),
            func.min(Payment.claimed_on).label("first_on"),
        )
        .where(_claimed(d))
        .group_by(col(Payment.case_id))
        .subquery()
    )

    def out_sum(kind: str):
        return (
            select(func.coalesce(func.sum(Payout.amount_fen), 0))
            .where(Payout.case_id == claimed.c.case_id, Payout.kind == kind, Payout.paid_on <= d)
            .scalar_subquery()
        )

    paid, returned = out_sum(dmoney.PAYOUT), out_sum(dmoney.RETURN)
    left = claimed.c.claimed - paid - returned
    total = s.exec(select(func.count()).select_from(claimed).where(left > 0)).one()
    rows = s.exec(
        select(claimed.c.case_id, Case.case_no, claimed.c.claimed, paid, returned, claimed.c.first_on)
        .join(Case, Case.id == claimed.c.case_id)
        .where(left > 0)
        .order_by(claimed.c.first_on, claimed.c.case_id)
        .offset(offset)
        .limit(limit)
    ).all()
    items = tuple(
        BalanceRow(int(cid), no, int(c), int(p), int(r), int(c) - int(p) - int(r), first)
        for cid, no, c, p, r, first in rows
    )
    return Page(items, int(total), offset, limit)


def money_totals(desk: Desk, *, as_of: date | None = None) -> MoneyTotals:
    """The books on ``as_of`` (today by default): arrived, claimed, unclaimed, paid, returned, balance."""
    d = as_of or desk.today()
    with desk.session() as s:

        def total(where) -> tuple[int, int]:
            n, fen = s.exec(
                select(func.count(), func.coalesce(func.sum(Payment.amount_fen), 0)).where(where)
            ).one()
            return int(n), int(fen)

        arrived_n, arrived = total(Payment.arrived_on <= d)
        _n, claimed = total(_claimed(d))
        unclaimed_n, unclaimed = total(_unclaimed(d))
        outs = dict(
            s.exec(
                select(Payout.kind, func.coalesce(func.sum(Payout.amount_fen), 0))
                .where(Payout.paid_on <= d)
                .group_by(col(Payout.kind))
            ).all()
        )
        paid, returned = int(outs.get(dmoney.PAYOUT, 0)), int(outs.get(dmoney.RETURN, 0))
        bal = s.exec(
            select(
                func.coalesce(
                    func.sum(Payment.amount_fen - _outs(dmoney.PAYOUT, d) - _outs(dmoney.RETURN, d)), 0
                )
            ).where(_claimed(d))
        ).one()
        return MoneyTotals(
            arrived_fen=arrived,
            claimed_fen=claimed,
            unclaimed_fen=unclaimed,
            paid_fen=paid,
            returned_fen=returned,
            balance_fen=int(bal),
            arrived_count=arrived_n,
            unclaimed_count=unclaimed_n,
        )
