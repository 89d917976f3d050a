"""Revision 0005: an item that entered disposal before it (only an audit entry then) gets its
``disposal`` record on upgrade; downgrade drops the tables and the audit trail stays."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import select

from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.disposal import start_disposal
from zhixing_tui.storage.migrate import alembic_config, upgrade
from zhixing_tui.storage.models import QueryItem, Staff


def test_a_disposal_started_before_0005_gets_its_record(desk_factory):
    desk = desk_factory("ruyang")
    with desk.session() as s:
        desk.operator = s.exec(select(Staff.name).where(Staff.role == "bureau_chief")).first()
    cid = register_case(desk, case_no="（2026）豫0326执9号", filed_on=date(2026, 9, 1), claim_fen=100_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    with desk.transaction() as s:
        item = QueryItem(case_id=cid, channel="offline", asset_type="vehicle", status="sealed",
                         controlled_on=date(2026, 10, 8))  # fmt: skip
        s.add(item)
        s.flush()
        item_id = item.id
    start_disposal(desk, cid, on=date(2026, 10, 12), note="征求当事人意见")
    cfg = alembic_config()
    with desk.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert "disposal" not in inspect(desk.engine).get_table_names()
    upgrade(desk.engine)
    with desk.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT case_id, query_item_id, started_on, note, valuation_method FROM disposal")
        ).all()
    # SQLite hands the date back as text, PostgreSQL as a date
    assert [(a, b, str(on), n, v) for a, b, on, n, v in rows] == [
        (cid, item_id, "2026-10-12", "征求当事人意见", "")
    ]
