"""One plain DB-API connection for the bench and its floors: ``sqlite3`` for a file, ``psycopg``
for a PostgreSQL URL (``postgresql+psycopg://user@host:port/name``, as ``--db`` takes it). No
SQLAlchemy and no zhixing code: the floors stay plain scripts on either database.

SQL written in the bench marks its parameters ``?`` (:meth:`Plain.execute` turns them into
psycopg's ``%s``); zhixing's own SQL, captured by ``bench.capture`` in the dialect it ran in,
goes through :meth:`Plain.captured` untouched, with its parameters as captured (a list for
SQLite's ``?``, a mapping for psycopg's ``%(name)s``; dates tagged by :func:`encode`).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any


def is_server(db: object) -> bool:
    """Is ``db`` a server URL (not a file path, not a ``sqlite://`` URL)?"""
    text = str(db)
    return "://" in text and not text.startswith("sqlite")


#: the settings every zhixing connection to PostgreSQL starts with (``zhixing_tui.storage.db``'s
#: ``POSTGRES_SETTINGS``, as libpq ``options``; ``tests/unit/test_bench_harness_pg.py`` checks they
#: agree): a floor's session runs the same SQL the way zhixing's runs it — JIT off
SESSION_OPTIONS = "-c jit=off"


def conninfo(url: str) -> str:
    """The libpq URI of a SQLAlchemy URL: ``postgresql+psycopg://…`` → ``postgresql://…``."""
    scheme, rest = url.split("://", 1)
    return f"{scheme.split('+', 1)[0]}://{rest}"


def encode(value: Any) -> Any:
    """A captured parameter as JSON: dates and moments tagged, containers walked."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


class Plain:
    """A connection to ``db`` (a SQLite file or a PostgreSQL URL), reading only."""

    def __init__(self, db: object) -> None:
        self.server = is_server(db)
        if self.server:
            import psycopg

            self.con: Any = psycopg.connect(conninfo(str(db)), autocommit=True, options=SESSION_OPTIONS)
        else:
            self.con = sqlite3.connect(str(db))

    def execute(self, sql: str, params: Any = ()) -> Any:
        """Run the bench's own SQL (``?`` marks) and return the cursor."""
        if self.server:
            sql = sql.replace("?", "%s")
        return self.con.execute(sql, params)

    def captured(self, sql: str, params: Any) -> Any:
        """Run zhixing's captured SQL as it ran, with its captured parameters."""
        return self.con.execute(sql, decode(params))

    def close(self) -> None:
        self.con.close()
