"""What the migration tests share: a fresh SQLite database walked up and down the revisions in
one connection, its index names, and the plan SQLite chooses for a statement."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config


class Steps:
    def __init__(self, conn: Connection, cfg) -> None:
        self.conn, self.cfg = conn, cfg

    def upgrade(self, revision: str) -> None:
        command.upgrade(self.cfg, revision)

    def downgrade(self, revision: str) -> None:
        command.downgrade(self.cfg, revision)

    def indexes(self) -> set[str]:
        return set(self.conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())

    def plan(self, sql: str) -> str:
        return " ".join(str(r[-1]) for r in self.conn.execute(text("EXPLAIN QUERY PLAN " + sql)))


@contextmanager
def migrating(tmp_path: Path, name: str = "steps.db") -> Iterator[Steps]:
    """A new SQLite file at no revision, migrated by the caller inside one transaction."""
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            yield Steps(conn, cfg)
    finally:
        engine.dispose()


def check_added_index(tmp_path: Path, before: str, revision: str, name: str, sql: str) -> None:
    """Migration ``revision`` (after ``before``) adds index ``name``, SQLite reads ``sql`` from it
    alone, and going back to ``before`` drops it."""
    with migrating(tmp_path) as db:
        db.upgrade(before)
        assert name not in db.indexes()
        db.upgrade(revision)
        assert name in db.indexes()
        assert f"COVERING INDEX {name}" in db.plan(sql)
        db.downgrade(before)
        assert name not in db.indexes()
