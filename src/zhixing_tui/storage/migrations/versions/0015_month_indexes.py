"""indexes for a month's statistics read from the indexes alone (monthly workbook, 统计 F8)

``ix_stage_entry_case_stays`` (case_id, entered_at, id, unit_id, stage) replaces 0013's
``ix_stage_entry_case_entered``: the unit that held a case at a moment and the stay that followed
another, both read from the index (no row of the 660,000 stays at county scale fetched);
``ix_stage_entry_entered`` / ``ix_stage_entry_left``: the stays that began / ended in a month
(七组流转), never a scan of every stay; ``ix_deadline_node_month`` (due_on, completed_at,
owner_unit_id, case_id, name): the nodes due in a month counted from the index alone;
``ix_triage_decision_decided``: the month's triage decisions.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_stage_entry_case_stays", "stage_entry", ["case_id", "entered_at", "id", "unit_id", "stage"]),
    ("ix_stage_entry_entered", "stage_entry", ["entered_at", "left_at", "stage", "case_id"]),
    ("ix_stage_entry_left", "stage_entry", ["left_at", "entered_at", "stage", "case_id"]),
    (
        "ix_deadline_node_month",
        "deadline_node",
        ["due_on", "completed_at", "owner_unit_id", "case_id", "name"],
    ),
    (
        "ix_triage_decision_decided",
        "triage_decision",
        ["decided_at", "status", "kind", "final_class", "final_unit_id"],
    ),
)


def upgrade() -> None:
    op.drop_index("ix_stage_entry_case_entered", table_name="stage_entry")
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.create_index("ix_stage_entry_case_entered", "stage_entry", ["case_id", "entered_at"], unique=False)
