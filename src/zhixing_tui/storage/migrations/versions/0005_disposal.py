"""property disposal records: one per controlled asset, and its rounds of sale

* ``disposal``: a controlled checklist item (``query_item``) from 腾房 and 进入处置 through
  评估/询价/议价 (method, reference price in 分), 移交拍卖, 拍卖裁定, 成交, 全额缴款, 成交裁定 to
  过户/交付, or the end of the procedure without a sale (流拍);
* ``disposal_round``: 一拍 / 二拍 / 变卖, each with its 公告 published and served and its result;
* data: every item that entered disposal before this revision (audit action ``disposal.start``,
  its day in the entry's ``after.on``) gets its record.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

import json
from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "disposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("query_item_id", sa.Integer(), nullable=False),
        sa.Column("label", _text(120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("valuation_method", _text(20), nullable=False),
        sa.Column("valuation_started_on", sa.Date(), nullable=True),
        sa.Column("ownership", _text(200), nullable=False),
        sa.Column("occupancy", _text(200), nullable=False),
        sa.Column("reference_price_fen", sa.Integer(), nullable=True),
        sa.Column("reference_price_on", sa.Date(), nullable=True),
        sa.Column("handed_over_on", sa.Date(), nullable=True),
        sa.Column("auction_ruling_on", sa.Date(), nullable=True),
        sa.Column("deal_price_fen", sa.Integer(), nullable=True),
        sa.Column("deal_on", sa.Date(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("deal_ruling_on", sa.Date(), nullable=True),
        sa.Column("transferred_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("vacate_needed_on", sa.Date(), nullable=True),
        sa.Column("vacate_notice_on", sa.Date(), nullable=True),
        sa.Column("vacate_until", sa.Date(), nullable=True),
        sa.Column("vacate_expired_on", sa.Date(), nullable=True),
        sa.Column("vacated_on", sa.Date(), nullable=True),
        sa.Column("note", _text(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"]),
        sa.ForeignKeyConstraint(["query_item_id"], ["query_item.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_disposal_case_id", "disposal", ["case_id"])
    op.create_index("ix_disposal_query_item_id", "disposal", ["query_item_id"], unique=True)
    op.create_table(
        "disposal_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("disposal_id", sa.Integer(), nullable=False),
        sa.Column("kind", _text(10), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=True),
        sa.Column("result", _text(10), nullable=False),
        sa.Column("result_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["disposal_id"], ["disposal.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_disposal_round_disposal_id", "disposal_round", ["disposal_id"])
    _backfill()


def _backfill() -> None:
    """A record for each item that entered disposal through the audited operation of #12."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT case_id, entity_id, after, at FROM audit_entry "
            "WHERE action = 'disposal.start' AND entity = 'query_item' ORDER BY id"
        )
    ).all()
    table = sa.table(
        "disposal",
        sa.column("case_id", sa.Integer()),
        sa.column("query_item_id", sa.Integer()),
        sa.column("label", sa.String()),
        sa.column("started_on", sa.Date()),
        sa.column("valuation_method", sa.String()),
        sa.column("ownership", sa.String()),
        sa.column("occupancy", sa.String()),
        sa.column("note", sa.String()),
        sa.column("created_at", sa.DateTime()),
    )
    seen: set[int] = set()
    for case_id, item_id, after, at in rows:
        if case_id is None or item_id is None or int(item_id) in seen:
            continue
        seen.add(int(item_id))
        data = json.loads(after) if isinstance(after, str) else (after or {})
        moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        day = date.fromisoformat(data["on"]) if data.get("on") else moment.date()
        bind.execute(
            table.insert().values(
                case_id=case_id,
                query_item_id=int(item_id),
                label="",
                started_on=day,
                valuation_method="",
                ownership="",
                occupancy="",
                note=str(data.get("note", ""))[:200],
                created_at=moment,
            )
        )


def downgrade() -> None:
    op.drop_index("ix_disposal_round_disposal_id", table_name="disposal_round")
    op.drop_table("disposal_round")
    op.drop_index("ix_disposal_query_item_id", table_name="disposal")
    op.drop_index("ix_disposal_case_id", table_name="disposal")
    op.drop_table("disposal")
