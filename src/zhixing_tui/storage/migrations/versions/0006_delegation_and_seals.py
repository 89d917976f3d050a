"""委托 and the seal/freeze register

* ``delegation``: one row per 委托, sent to another court (本院委托) or received from one (受托),
  with the dates of its steps;
* ``property_control`` becomes the 查封/冻结/扣押 register: the object (bank and account, plate
  number, certificate number), the document number, the term and its renewal reminder day, the
  state (active, renewed, released) and who recorded it. Columns are added in place (no index, no
  foreign key), so the downgrade drops them in place too.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


_CONTROL_TEXT = (
    ("bank", 60),
    ("account_no", 60),
    ("plate_no", 20),
    ("certificate_no", 60),
    ("doc_no", 60),
    ("term", 10),
    ("release_reason", 200),
    ("by", 40),
    ("note", 200),
)


def upgrade() -> None:
    op.create_table(
        "delegation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", _text(4), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("query_item_id", sa.Integer(), nullable=True),
        sa.Column("court", _text(60), nullable=False),
        sa.Column("matter", _text(100), nullable=False),
        sa.Column("their_case_no", _text(60), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("handed_on", sa.Date(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("state", _text(12), nullable=False),
        sa.Column("reply", _text(200), nullable=False),
        sa.Column("note", _text(200), nullable=False),
        sa.Column("by", _text(40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"]),
        sa.ForeignKeyConstraint(["query_item_id"], ["query_item.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_delegation_direction"), "delegation", ["direction"], unique=False)
    op.create_index(op.f("ix_delegation_case_id"), "delegation", ["case_id"], unique=False)
    op.create_index(op.f("ix_delegation_opened_on"), "delegation", ["opened_on"], unique=False)
    op.create_index(op.f("ix_delegation_state"), "delegation", ["state"], unique=False)

    op.add_column("property_control", sa.Column("query_item_id", sa.Integer(), nullable=True))
    for name, length in _CONTROL_TEXT:
        op.add_column("property_control", sa.Column(name, _text(length), nullable=False, server_default=""))
    op.add_column("property_control", sa.Column("remind_on", sa.Date(), nullable=True))
    op.add_column("property_control", sa.Column("state", _text(12), nullable=False, server_default="active"))
    # rows from before the register: released ones are released, renewed ones renewed
    op.execute("UPDATE property_control SET state = 'released' WHERE released_on IS NOT NULL")
    op.execute(
        "UPDATE property_control SET state = 'renewed' WHERE state = 'active' AND id IN "
        "(SELECT renewed_from_id FROM property_control WHERE renewed_from_id IS NOT NULL)"
    )


def downgrade() -> None:
    for name in ("state", "remind_on", *(n for n, _ in reversed(_CONTROL_TEXT)), "query_item_id"):
        op.drop_column("property_control", name)
    op.drop_index(op.f("ix_delegation_state"), table_name="delegation")
    op.drop_index(op.f("ix_delegation_opened_on"), table_name="delegation")
    op.drop_index(op.f("ix_delegation_case_id"), table_name="delegation")
    op.drop_index(op.f("ix_delegation_direction"), table_name="delegation")
    op.drop_table("delegation")
