"""0013: the statistics' two indexes are created on upgrade, used by the holding-unit and node
look-ups, and dropped on downgrade."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config

NEW = {"ix_stage_entry_case_entered", "ix_deadline_node_case_rule_due"}


def _indexes(conn) -> set[str]:
    return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())


def test_0013_adds_the_indexes_and_takes_them_away(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'stats.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        assert not NEW & _indexes(conn)
        command.upgrade(cfg, "0013")
        assert NEW <= _indexes(conn)
        plan = " ".join(
            str(r[-1])
            for r in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT unit_id FROM stage_entry WHERE case_id = 1 AND unit_id IS NOT NULL "
                    "AND entered_at < '2026-11-01' ORDER BY entered_at DESC LIMIT 1"
                )
            )
        )
        assert "ix_stage_entry_case_entered" in plan and "TEMP B-TREE" not in plan
        plan = " ".join(
            str(r[-1])
            for r in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT max(due_on) FROM deadline_node WHERE case_id = 1 "
                    "AND rule_id = 'national.execution_period'"
                )
            )
        )
        assert "COVERING INDEX ix_deadline_node_case_rule_due" in plan
        command.downgrade(cfg, "0007")
        assert not NEW & _indexes(conn)
