"""who did an act, by staff id: a ``<column>_id`` beside every column that names the person

Issue #16: staff are known by id everywhere. The columns that record who submitted, decided,
requested, drew, saved, lifted, claimed … a row held only the person's name, so a rename moved
the act to nobody and rules such as "the submitter may not approve their own handoff" compared
names. Each such column gets a nullable ``<column>_id`` (foreign key to ``staff.id``), and so does
``file_movement.to_party`` (the person a file was lent to: who may say the borrowing's reason
ended). They are filled here for the existing rows whose name is on the roster (names are unique
within the court since 0008); a name off the roster (演示数据, an outside tool, a lawyer) keeps
None. The name stays: it is the snapshot printed on papers and shown on screens.

The columns are added in place on SQLite as well (``ALTER TABLE … ADD COLUMN … REFERENCES``): no
table is rebuilt, so the tables other tables point at keep their rows and the foreign keys are
never tripped inside the migration's transaction. The downgrade drops them in place (SQLite 3.35+).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, name column) — the id column is ``<name column>_id``; the same as ``services.actors.ACTOR_COLUMNS`` on the day of this revision
ACTOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("handoff", "submitted_by"),
    ("handoff", "decided_by"),
    ("approval", "requested_by"),
    ("approval", "decided_by"),
    ("case_facts", "updated_by"),
    ("triage_decision", "approved_by"),
    ("triage_decision", "decided_by"),
    ("assignment_draw", "drawn_by"),
    ("deadline_node", "completed_by"),
    ("urge", "by"),
    ("calendar_year", "loaded_by"),
    ("measure", "lifted_by"),
    ("measure", "by"),
    ("property_control", "by"),
    ("payment", "claimed_by"),
    ("delegation", "by"),
    ("intake_record", "saved_by"),
    ("service_attempt", "by"),
    ("payout", "by"),
    ("file_movement", "by"),
    ("file_movement", "to_party"),  # the borrower of a 借出 (when on the roster): may end its reason
)


def upgrade() -> None:
    for table, name in ACTOR_COLUMNS:
        op.add_column(
            table,
            sa.Column(f"{name}_id", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
            inline_references=True,
        )
        quoted = op.get_bind().dialect.identifier_preparer.quote(name)
        op.execute(
            f"UPDATE {table} SET {name}_id = (SELECT s.id FROM staff s WHERE s.name = {table}.{quoted}) "
            f"WHERE {table}.{quoted} IS NOT NULL AND {table}.{quoted} <> ''"
        )


def downgrade() -> None:
    for table, name in reversed(ACTOR_COLUMNS):
        op.drop_column(table, f"{name}_id")
