"""indexes the hot read queries need: a case's open nodes of some rules (F4's triage deadline),
a stage's cases longest in it first (the board, the triage queue), the open cases by status,
stage and unit (今日概况), the cases on one 执行依据 (类案集中), and the open-nodes index widened to hold what the alert conditions read

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain CREATE INDEX: no table is rebuilt (enforcement_case least of all)
    op.create_index(
        "ix_deadline_node_case_open",
        "deadline_node",
        ["case_id", "completed_at", "rule_id", "due_on"],
        unique=False,
    )
    op.create_index(
        "ix_enforcement_case_stage_entered",
        "enforcement_case",
        ["stage", "stage_entered_at", "status", "handler_id"],  # a column's count reads the index only
        unique=False,
    )
    op.create_index(
        "ix_enforcement_case_status_stage_unit",
        "enforcement_case",
        ["status", "stage", "unit_id"],
        unique=False,
    )
    op.drop_index("ix_deadline_node_open_due", table_name="deadline_node")
    op.create_index(
        "ix_deadline_node_open_due",
        "deadline_node",
        ["completed_at", "due_on", "rule_id", "anchor_at", "case_id"],
        unique=False,
    )
    op.create_index("ix_enforcement_case_basis", "enforcement_case", ["basis"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_enforcement_case_basis", table_name="enforcement_case")
    op.drop_index("ix_deadline_node_open_due", table_name="deadline_node")
    op.create_index("ix_deadline_node_open_due", "deadline_node", ["completed_at", "due_on"], unique=False)
    op.drop_index("ix_enforcement_case_status_stage_unit", table_name="enforcement_case")
    op.drop_index("ix_enforcement_case_stage_entered", table_name="enforcement_case")
    op.drop_index("ix_deadline_node_case_open", table_name="deadline_node")
