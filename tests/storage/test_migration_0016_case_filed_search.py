"""0016: the search's page walks the cases newest filed first testing each case's text from the
index (filed_on, id, search_text); created on upgrade, dropped on downgrade."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config

NEW = "ix_enforcement_case_filed_search"


def _indexes(conn) -> set[str]:
    return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())


def test_0016_adds_the_search_page_index_and_drops_it_on_downgrade(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'search.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0015")
        assert NEW not in _indexes(conn)
        command.upgrade(cfg, "0016")
        assert NEW in _indexes(conn)
        plan = " ".join(
            str(r[-1])
            for r in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM enforcement_case "
                    "WHERE search_text LIKE '%李斌%' ORDER BY filed_on DESC, id DESC LIMIT 50"
                )
            )
        )
        assert f"COVERING INDEX {NEW}" in plan and "TEMP B-TREE" not in plan
        command.downgrade(cfg, "0015")
        assert NEW not in _indexes(conn)
