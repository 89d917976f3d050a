"""The month's statistics without sorting: stays by stage, cases by filing day with their figures

- ``ix_stage_entry_stage_entered`` / ``ix_stage_entry_stage_left`` (stage, entered_at | left_at,
  …, next_stage) replace 0015/0018's ``ix_stage_entry_entered`` / ``ix_stage_entry_left``: 七组流转
  reads each stage's stays that began / ended in the month as a range of the stage's own entries,
  one aggregate a stage, instead of the month's ~94,000 stays (100,000 cases) grouped by stage
  through a sort — about half of that statement's time.
- ``ix_enforcement_case_filed_month`` (filed_on, closed_on, type_code, triage_class,
  closing_method, unit_id, claim_fen, recovered_fen, id): the year's cases the monthly workbook
  and 统计 (F8) count are read from the index alone, not row by row from the wide case table.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = {
    "ix_stage_entry_entered": ["entered_at", "left_at", "stage", "case_id", "next_stage"],
    "ix_stage_entry_left": ["left_at", "entered_at", "stage", "case_id", "next_stage"],
}
NEW = {
    "ix_stage_entry_stage_entered": ("stage_entry", ["stage", "entered_at", "left_at", "next_stage"]),
    "ix_stage_entry_stage_left": ("stage_entry", ["stage", "left_at", "entered_at", "next_stage"]),
    "ix_enforcement_case_filed_month": (
        "enforcement_case",
        [
            "filed_on",
            "closed_on",
            "type_code",
            "triage_class",
            "closing_method",
            "unit_id",
            "claim_fen",
            "recovered_fen",
            "id",
        ],
    ),
}


def upgrade() -> None:
    for name in OLD:
        op.drop_index(name, table_name="stage_entry")
    for name, (table, columns) in NEW.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _columns) in NEW.items():
        op.drop_index(name, table_name=table)
    for name, columns in OLD.items():
        op.create_index(name, "stage_entry", columns, unique=False)
