"""Engines and sessions.

A database is named by a URL (``sqlite:///path``, ``postgresql+psycopg://…``) or a bare path,
which means SQLite. SQLite runs with WAL, foreign keys on and a busy timeout so the nightly
report can read while the app writes. Sessions are short: one per unit of work.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from ..locations import DEFAULT_DB_NAME, data_dir

BUSY_TIMEOUT_MS = 10_000


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` value, else ``ZHIXING_DB``, else ``data/zhixing.db``; a bare path means SQLite."""
    value = os.fspath(db) if db is not None else os.environ.get("ZHIXING_DB") or ""
    if not value:
        value = str(data_dir() / DEFAULT_DB_NAME)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - exercised via engines
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def optimize(engine: Engine, *, sample: int = 0) -> None:
    """Refresh the query planner's statistics after the data changed in bulk (an upgrade, the
    demo, an import), so the planner keeps choosing the indexes the read queries were written
    for. SQLite: ``ANALYZE`` (every table and index, into ``sqlite_stat1``) then
    ``PRAGMA optimize``; ``sample`` > 0 reads about that many rows of each index instead of all
    (``PRAGMA analysis_limit``: a second instead of many on a county's database, for a bulk
    import that should not wait). PostgreSQL: ``ANALYZE``. Outside any transaction of the caller."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit={int(sample)}")
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("PRAGMA optimize")
        else:
            conn.exec_driver_sql("ANALYZE")
        conn.commit()
