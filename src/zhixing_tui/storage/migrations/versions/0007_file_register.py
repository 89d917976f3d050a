"""the 卷宗 register (案卷统一流转登记簿): file_movement

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "file_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("from_party", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("to_party", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("reason_ended_on", sa.Date(), nullable=True),
        sa.Column("borrow_id", sa.Integer(), nullable=True),
        sa.Column("by", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"]),
        sa.ForeignKeyConstraint(["borrow_id"], ["file_movement.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("file_movement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_file_movement_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_file_movement_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_file_movement_moved_on"), ["moved_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_file_movement_borrow_id"), ["borrow_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("file_movement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_file_movement_borrow_id"))
        batch_op.drop_index(batch_op.f("ix_file_movement_moved_on"))
        batch_op.drop_index(batch_op.f("ix_file_movement_kind"))
        batch_op.drop_index(batch_op.f("ix_file_movement_case_id"))
    op.drop_table("file_movement")
