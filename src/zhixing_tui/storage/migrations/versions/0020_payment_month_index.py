"""The monthly 案款 table's arrivals from an index alone

``ix_payment_month`` (arrived_on, paid_out_on, claimed_on, case_id, amount_fen, id): the workbook's
案款 table reads the arrivals up to the month's end and keeps those of the month or still unpaid —
about 6,000 of 52,000 at 100,000 cases. With ``ix_payment_arrived_on`` alone each of the 52,000 was
read from the table to test its payout day (~70–130 ms of SQLite CPU; ~40 ms from this index).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_payment_month"
COLUMNS = ["arrived_on", "paid_out_on", "claimed_on", "case_id", "amount_fen", "id"]


def upgrade() -> None:
    op.create_index(NAME, "payment", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index(NAME, table_name="payment")
