"""measures as records of their own; 非诉 and 恢复执行 on the case; pauses opened by events; node notes

* ``measure`` gains the columns a 执行措施 needs as a record (the person it is taken on, the
  document number, whether it is still in force, its lifting, the approval it needed, when it
  was entered) and its ``kind`` becomes a code of ``domain.measures`` (the Chinese names the
  earlier demo stored are translated: 限消 → consumption_ban …);
* ``enforcement_case`` gains ``non_litigation`` (非诉执行: a 3-month execution period); added in
  place, not by rebuilding the table, which every table of a case's work points at;
* ``suspension`` gains ``source_event``: 公告, 评估, 拍卖 … periods are opened and closed by the
  events of the operations that run them;
* ``deadline_node`` gains ``note`` (an approved extension is shown on the node).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the Chinese kind names stored before this revision → the codes of domain.measures
KIND_CODES = {
    "限消": "consumption_ban",
    "限制消费": "consumption_ban",
    "失信": "dishonest",
    "罚款": "fine",
    "拘留": "detention",
    "限制出境": "exit_ban",
    "边控": "exit_ban",
    "约谈": "interview",
    "终本约谈": "zhongben_interview",
    "搜查": "search",
    "悬赏": "reward",
}


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    with op.batch_alter_table("measure") as batch:
        batch.add_column(sa.Column("party_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("doc_no", _text(60), nullable=False, server_default=""))
        batch.add_column(sa.Column("state", _text(12), nullable=False, server_default="active"))
        batch.add_column(sa.Column("lifted_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("lift_reason", _text(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("lift_doc_no", _text(60), nullable=False, server_default=""))
        batch.add_column(sa.Column("lifted_by", _text(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("approval_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("created_at", sa.DateTime(), nullable=False, server_default="2000-01-01 00:00:00")
        )
        batch.create_foreign_key("fk_measure_party_id", "party", ["party_id"], ["id"])
        batch.create_foreign_key("fk_measure_approval_id", "approval", ["approval_id"], ["id"])
        batch.create_index("ix_measure_state", ["state"], unique=False)
    measure = sa.table("measure", sa.column("kind", sa.String))
    for name, code in KIND_CODES.items():
        op.execute(measure.update().where(measure.c.kind == name).values(kind=code))
    # one-off acts are done when taken; the rest stay in force until lifted
    op.execute(
        sa.text(
            "UPDATE measure SET state = 'done' "
            "WHERE kind IN ('interview', 'zhongben_interview', 'search', 'fine', 'detention')"
        )
    )
    op.add_column(
        "enforcement_case",
        sa.Column("non_litigation", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    with op.batch_alter_table("suspension") as batch:
        batch.add_column(sa.Column("source_event", _text(40), nullable=False, server_default=""))
    with op.batch_alter_table("deadline_node") as batch:
        batch.add_column(sa.Column("note", _text(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("deadline_node") as batch:
        batch.drop_column("note")
    with op.batch_alter_table("suspension") as batch:
        batch.drop_column("source_event")
    op.drop_column("enforcement_case", "non_litigation")
    measure = sa.table("measure", sa.column("kind", sa.String))
    for name, code in KIND_CODES.items():
        if name in ("限制消费", "边控"):
            continue  # the earlier names were 限消 and 限制出境
        op.execute(measure.update().where(measure.c.kind == code).values(kind=name))
    with op.batch_alter_table("measure") as batch:
        batch.drop_index("ix_measure_state")
        batch.drop_constraint("fk_measure_approval_id", type_="foreignkey")
        batch.drop_constraint("fk_measure_party_id", type_="foreignkey")
        for column in (
            "created_at",
            "approval_id",
            "lifted_by",
            "lift_doc_no",
            "lift_reason",
            "lifted_on",
            "state",
            "doc_no",
            "party_id",
        ):
            batch.drop_column(column)
