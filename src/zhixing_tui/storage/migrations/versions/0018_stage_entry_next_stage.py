"""stage_entry.next_stage: where a stay went, written when it is left (七组流转)

The monthly workbook's 七组流转 and 统计 (F8) count, for the stays that ended in a month, how many
went to the closed stage and how many to another stage. That was the case's next stay looked up
for each of them (64,000 look-ups at 100,000 cases, ~0.13 s of SQLite CPU of the workbook's
second). Now the writer that leaves a stay for the next one records the next stay's stage
(``services.cases.lifecycle``, the import, the demo), and the two month indexes carry it, so the
figures are read from the indexes alone. The column of the stays already left is filled here
with the stage of each one's next stay (by entered_at, then id) — what the look-up gave.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the stage of each left stay's next stay of the same case (entered later, or at the same moment
#: with a higher id), portable to SQLite and PostgreSQL
BACKFILL = """
UPDATE stage_entry SET next_stage = (
    SELECT later.stage FROM stage_entry AS later
    WHERE later.case_id = stage_entry.case_id
      AND (later.entered_at > stage_entry.entered_at
           OR (later.entered_at = stage_entry.entered_at AND later.id > stage_entry.id))
    ORDER BY later.entered_at, later.id
    LIMIT 1
)
WHERE left_at IS NOT NULL
"""

OLD = {
    "ix_stage_entry_entered": ["entered_at", "left_at", "stage", "case_id"],
    "ix_stage_entry_left": ["left_at", "entered_at", "stage", "case_id"],
}


def upgrade() -> None:
    op.add_column("stage_entry", sa.Column("next_stage", sa.String(length=40), nullable=True))
    op.execute(BACKFILL)
    for name, columns in OLD.items():
        op.drop_index(name, table_name="stage_entry")
        op.create_index(name, "stage_entry", [*columns, "next_stage"], unique=False)


def downgrade() -> None:
    for name, columns in OLD.items():
        op.drop_index(name, table_name="stage_entry")
        op.create_index(name, "stage_entry", columns, unique=False)
    with op.batch_alter_table("stage_entry") as batch:
        batch.drop_column("next_stage")
