"""identity and a tamper-evident audit trail: staff passwords and lockout, unique names,
the operator's staff id and a hash chain on audit entries, TRUNCATE refused on PostgreSQL

- ``staff``: ``password_hash`` (scrypt, empty until set), ``failed_logins``, ``locked_until``;
  ``name`` unique within the court. Names held twice before this revision are disambiguated
  (the later holders get their unit's name, or their id, in full-width brackets).
- ``audit_entry``: ``operator_id`` (the staff id; filled for existing entries whose operator name
  is on the roster), ``prev_hash`` and ``entry_hash`` (``domain.audit_chain``). Existing entries
  are chained in id order: the append-only triggers are dropped for that one update and created
  again.
- ``assignment_draw``: ``chosen_staff_id``, the person a draw inside a unit chose (filled for
  existing person draws whose chosen name is on the roster).
- PostgreSQL: a statement trigger refuses ``TRUNCATE audit_entry`` as the row trigger refuses
  UPDATE and DELETE.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from zhixing_tui.domain.audit_chain import GENESIS, entry_hash

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "审计记录只能追加，不能修改或删除"

_audit = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("operator", sa.String),
    sa.column("operator_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("summary", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("prev_hash", sa.String),
    sa.column("entry_hash", sa.String),
)


def _append_only_triggers(create: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            name = f"audit_entry_no_{verb.lower()}"
            if create:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON audit_entry "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                )
            else:
                op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        if create:
            op.execute(
                "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
                "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
            )
        else:
            op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")


def _unique_staff_names(bind) -> None:
    rows = bind.execute(
        sa.text(
            "SELECT s.id, s.name, u.name FROM staff s LEFT JOIN org_unit u ON u.id = s.unit_id ORDER BY s.id"
        )
    ).all()
    taken: set[str] = set()
    for sid, name, unit in rows:
        new = name
        if new in taken:
            for candidate in (f"{name}（{unit}）" if unit else None, f"{name}（{sid}）"):
                if candidate and candidate not in taken and len(candidate) <= 40:
                    new = candidate
                    break
            else:
                new = f"{name[: 40 - len(str(sid)) - 2]}（{sid}）"
            bind.execute(sa.text("UPDATE staff SET name = :n WHERE id = :i"), {"n": new, "i": sid})
        taken.add(new)


def _chain(bind) -> None:
    ids = dict(bind.execute(sa.text("SELECT name, id FROM staff")).all())
    prev = GENESIS
    last = 0
    while True:  # pages by id: no cursor stays open over the rows being updated
        rows = (
            bind.execute(sa.select(_audit).where(_audit.c.id > last).order_by(_audit.c.id).limit(2000))
            .mappings()
            .all()
        )
        if not rows:
            return
        for row in rows:
            entry = dict(row)
            entry["operator_id"] = ids.get(entry["operator"])
            digest = entry_hash(prev, entry)
            bind.execute(
                _audit.update()
                .where(_audit.c.id == entry["id"])
                .values(operator_id=entry["operator_id"], prev_hash=prev, entry_hash=digest)
            )
            prev = digest
        last = rows[-1]["id"]


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "password_hash",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    _unique_staff_names(bind)
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_index("ix_staff_name")
        batch_op.create_index("ix_staff_name", ["name"], unique=True)

    # audit_entry is never rebuilt (its triggers would go): columns are added in place
    op.add_column("audit_entry", sa.Column("operator_id", sa.Integer(), nullable=True))
    op.add_column(
        "audit_entry",
        sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=""),
    )
    op.add_column(
        "audit_entry",
        sa.Column("entry_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=""),
    )
    op.create_index("ix_audit_entry_operator_id", "audit_entry", ["operator_id"], unique=False)
    op.add_column("assignment_draw", sa.Column("chosen_staff_id", sa.Integer(), nullable=True))
    op.create_index("ix_assignment_draw_chosen_staff_id", "assignment_draw", ["chosen_staff_id"], unique=False)
    op.execute(
        "UPDATE assignment_draw SET chosen_staff_id = (SELECT s.id FROM staff s WHERE s.name = assignment_draw.chosen) "
        "WHERE scope <> 'team'"
    )
    _append_only_triggers(create=False)
    _chain(bind)
    _append_only_triggers(create=True)
    if bind.dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")
    op.drop_index("ix_assignment_draw_chosen_staff_id", table_name="assignment_draw")
    op.drop_column("assignment_draw", "chosen_staff_id")
    op.drop_index("ix_audit_entry_operator_id", table_name="audit_entry")
    # SQLite drops a column in place (3.35+), so audit_entry keeps its triggers
    op.drop_column("audit_entry", "entry_hash")
    op.drop_column("audit_entry", "prev_hash")
    op.drop_column("audit_entry", "operator_id")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_index("ix_staff_name")
        batch_op.create_index("ix_staff_name", ["name"], unique=False)
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("password_hash")
