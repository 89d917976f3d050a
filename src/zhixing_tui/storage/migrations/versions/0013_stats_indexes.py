"""indexes for the monthly statistics at county scale: a case's stays in time order, a case's nodes by rule

``ix_stage_entry_case_entered`` (case_id, entered_at): the unit that held a case at a moment (the last
stay that began before it) without sorting the case's stays; ``ix_deadline_node_case_rule_due``
(case_id, rule_id, due_on): a case's 法定执行期限 or 速执-stage node's due day read from the index alone.

Revision ID: 0013
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_stage_entry_case_entered", "stage_entry", ["case_id", "entered_at"], unique=False)
    op.create_index(
        "ix_deadline_node_case_rule_due", "deadline_node", ["case_id", "rule_id", "due_on"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_deadline_node_case_rule_due", table_name="deadline_node")
    op.drop_index("ix_stage_entry_case_entered", table_name="stage_entry")
