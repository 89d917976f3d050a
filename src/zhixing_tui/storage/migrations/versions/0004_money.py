"""案款 supervision: arrivals claimed to a case (认领), payouts and returns (发放/退回), balances

* ``payment`` stays the arrival (到账): ``case_id`` becomes optional (money that came in through
  the court's general account is unclaimed until 认领), with ``ref_no`` (票据号/流水号) and
  ``claimed_by``; ``paid_out_on`` now means the day the claimed amount was fully paid out or
  returned (kept by ``services.money``);
* ``payout``: one row per 发放 or 退回 (who received it, amount, voucher number, date, reason,
  the approval of a late payout);
* data: each arrival that had a ``paid_out_on`` becomes one 发放 of its whole amount on that day
  to the case's first 申请执行人; one paid out without a 认领 date is taken as claimed on arrival (and none is claimed
  after its payout).

Downgrading drops the payouts and the unclaimed arrivals (the older schema cannot hold them).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


_FIRST_APPLICANT = (
    "(SELECT {col} FROM party WHERE party.case_id = payment.case_id AND party.role = 'applicant' "
    "ORDER BY party.sort_order, party.id LIMIT 1)"
)


def upgrade() -> None:
    with op.batch_alter_table("payment") as batch:
        batch.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("ref_no", _text(60), nullable=False, server_default=""))
        batch.add_column(sa.Column("claimed_by", _text(40), nullable=False, server_default=""))
    op.create_table(
        "payout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", _text(10), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("payee", _text(120), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("voucher_no", _text(60), nullable=False),
        sa.Column("reason", _text(200), nullable=False),
        sa.Column("approval_id", sa.Integer(), nullable=True),
        sa.Column("by", _text(40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["approval_id"], ["approval.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"]),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"]),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payout") as batch:
        batch.create_index(batch.f("ix_payout_case_id"), ["case_id"], unique=False)
        batch.create_index(batch.f("ix_payout_paid_on"), ["paid_on"], unique=False)
        batch.create_index(batch.f("ix_payout_payment_id"), ["payment_id"], unique=False)
    op.execute(
        "UPDATE payment SET claimed_on = arrived_on WHERE paid_out_on IS NOT NULL AND claimed_on IS NULL"
    )
    op.execute("UPDATE payment SET claimed_on = paid_out_on WHERE claimed_on > paid_out_on")
    op.execute(
        "INSERT INTO payout (payment_id, case_id, kind, paid_on, amount_fen, payee, party_id, voucher_no, "
        'reason, approval_id, "by", created_at) '
        "SELECT payment.id, payment.case_id, 'payout', payment.paid_out_on, payment.amount_fen, "
        f"COALESCE({_FIRST_APPLICANT.format(col='name')}, ''), {_FIRST_APPLICANT.format(col='id')}, "
        "'', '', NULL, '', CURRENT_TIMESTAMP FROM payment WHERE payment.paid_out_on IS NOT NULL "
        "ORDER BY payment.id"
    )


def downgrade() -> None:
    with op.batch_alter_table("payout") as batch:
        batch.drop_index(batch.f("ix_payout_payment_id"))
        batch.drop_index(batch.f("ix_payout_paid_on"))
        batch.drop_index(batch.f("ix_payout_case_id"))
    op.drop_table("payout")
    op.execute("DELETE FROM payment WHERE case_id IS NULL")
    with op.batch_alter_table("payment") as batch:
        batch.drop_column("claimed_by")
        batch.drop_column("ref_no")
        batch.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
