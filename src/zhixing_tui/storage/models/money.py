"""案款: each arrival (到账, claimed to a case) and each 发放 (paid out to a payee) or 退回
(returned to the payer) of one."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from ._base import CASE_FK, TableModel, now


class Payment(TableModel, table=True):
    """案款到账: one arrival of money (到账), unclaimed (``case_id`` None) until 认领 to a case.

    Its 发放 and 退回 are :class:`Payout` rows; ``paid_out_on`` is the day the claimed
    amount was fully paid out or returned (the balance reached 0), kept by ``services.money``.
    """

    __tablename__ = "payment"
    __table_args__ = (
        # the arrivals of the monthly 案款 table (arrived by the month's end and this month, or
        # not yet paid out) with what it sums, from the index alone (0020)
        Index("ix_payment_month", "arrived_on", "paid_out_on", "claimed_on", "case_id", "amount_fen", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key=CASE_FK, index=True)
    arrived_on: date = Field(index=True)
    amount_fen: int
    payer: str = Field(default="", max_length=120)
    ref_no: str = Field(default="", max_length=60)  # 票据号/银行流水号
    claimed_on: date | None = None
    claimed_by: str = Field(default="", max_length=40)
    claimed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    paid_out_on: date | None = None
    note: str = Field(default="", max_length=200)


class Payout(TableModel, table=True):
    """One 发放 (``kind`` ``payout``) or 退回 (``return``) of part or all of an arrival's amount.

    The balance of an arrival is its amount − the sum of its payouts and returns; a late 发放
    (浉河 003 四(二)2(6)) carries the approval (``late_payout``) that allowed it.
    """

    __tablename__ = "payout"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payment.id", index=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(default="payout", max_length=10)  # payout | return
    paid_on: date = Field(index=True)
    amount_fen: int
    payee: str = Field(default="", max_length=120)  # 领款人 / 退回对象
    party_id: int | None = Field(default=None, foreign_key="party.id")
    voucher_no: str = Field(default="", max_length=60)  # 支付凭证号
    reason: str = Field(default="", max_length=200)  # 退回原因
    approval_id: int | None = Field(default=None, foreign_key="approval.id")
    by: str = Field(default="", max_length=40)
    by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now)
