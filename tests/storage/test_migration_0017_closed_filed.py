"""0017: the filing days of the cases closed in a span (the monthly workbook's due days for a case
without its own node) from the index (closed_on, filed_on) alone; created on upgrade, dropped on
downgrade."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config

NAME = "ix_enforcement_case_closed_filed"


def _indexes(conn) -> set[str]:
    return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())


def test_0017_adds_the_index_and_the_filing_days_come_from_it(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'closed.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0016")
        assert NAME not in _indexes(conn)
        command.upgrade(cfg, "0017")
        assert NAME in _indexes(conn)
        plan = " ".join(
            str(r[-1])
            for r in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT DISTINCT filed_on FROM enforcement_case "
                    "WHERE closed_on >= '2026-01-01' AND closed_on <= '2026-10-31'"
                )
            )
        )
        assert f"COVERING INDEX {NAME}" in plan
        command.downgrade(cfg, "0016")
        assert NAME not in _indexes(conn)
    engine.dispose()
