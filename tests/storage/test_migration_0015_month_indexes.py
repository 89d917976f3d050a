"""0015: a month's statistics read from indexes alone — the stays' index widened (unit, stage, id),
the stays by the moment they began / ended, the nodes by due day with what is counted, the triage
decisions by day; created on upgrade, the 0013 index given back on downgrade."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config

NEW = {
    "ix_stage_entry_case_stays",
    "ix_stage_entry_entered",
    "ix_stage_entry_left",
    "ix_deadline_node_month",
    "ix_triage_decision_decided",
}
OLD = "ix_stage_entry_case_entered"


def _indexes(conn) -> set[str]:
    return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())


def _plan(conn, sql: str) -> str:
    return " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))


def test_0015_adds_the_indexes_and_gives_the_old_one_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'month.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0014")
        assert not NEW & _indexes(conn) and OLD in _indexes(conn)
        command.upgrade(cfg, "0015")
        assert NEW <= _indexes(conn) and OLD not in _indexes(conn)
        held = _plan(
            conn,
            "SELECT unit_id FROM stage_entry WHERE case_id = 1 AND unit_id IS NOT NULL "
            "AND entered_at < '2026-11-01' ORDER BY entered_at DESC, id DESC LIMIT 1",
        )
        assert "COVERING INDEX ix_stage_entry_case_stays" in held and "TEMP B-TREE" not in held
        nodes = _plan(
            conn,
            "SELECT name, owner_unit_id, count(*), sum(completed_at IS NULL) FROM deadline_node "
            "WHERE due_on >= '2026-10-01' AND due_on <= '2026-10-31' GROUP BY 1, 2",
        )
        assert "COVERING INDEX ix_deadline_node_month" in nodes
        command.downgrade(cfg, "0014")
        assert not NEW & _indexes(conn) and OLD in _indexes(conn)
