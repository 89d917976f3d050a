"""Read statements written as SQL text, on the DB-API connection the caller has.

The statistics (:mod:`zhixing_tui.services.stats`) are a few large aggregates, written once as SQL
text for SQLite and PostgreSQL (the differences are the few functions of
:mod:`zhixing_tui.services.stats.sqldays`). They run through a :class:`Reader`, over either

- a SQLAlchemy connection (:meth:`Reader.over`: the app, the tests, PostgreSQL), the statement
  handed to the driver as it is (``exec_driver_sql``: the engine's events still see it), or
- a plain ``sqlite3`` connection (:meth:`Reader.sqlite`: ``zhixing export monthly`` on a SQLite
  file, which so never imports SQLAlchemy — about a third of a second of the command's second).

A statement names its parameters ``:name``; a list or tuple value is spread as ``(:name_0,
:name_1, …)`` for ``IN``. Dates and moments are given as SQLAlchemy stores them — ISO text on
SQLite (``2026-10-01`` and ``2026-10-01 00:00:00.000000``), themselves on PostgreSQL — and come back
as the driver gives them (text on SQLite): a reader compares and counts, it does not parse. This
module imports nothing of SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

__all__ = ["Reader", "as_day", "sqlite_moment"]

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def sqlite_moment(value: datetime) -> str:
    """A moment as SQLAlchemy keeps it in SQLite (its ``DATETIME`` storage format)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def as_day(value: date | str) -> date:
    """A day as the driver gives it (a date; ISO text on SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return sqlite_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class Reader:
    """``rows(sql, **params)`` on one connection of ``dialect`` (``"sqlite"`` or ``"postgresql"``)."""

    def __init__(self, dialect: str, run: Callable[[str, Mapping[str, Any]], list[tuple]]) -> None:
        self.dialect = dialect
        self._run = run

    @classmethod
    def over(cls, conn: Any) -> Reader:
        """A reader on a SQLAlchemy ``Connection`` (a session's: ``session.connection()``)."""

        def run(sql: str, params: Mapping[str, Any]) -> list[tuple]:
            return [tuple(r) for r in conn.exec_driver_sql(sql, params).fetchall()]

        return cls(conn.dialect.name, run)

    @classmethod
    def sqlite(cls, conn: Any) -> Reader:
        """A reader on a ``sqlite3.Connection``."""

        def run(sql: str, params: Mapping[str, Any]) -> list[tuple]:
            cur = conn.execute(sql, params)
            try:
                return cur.fetchall()
            finally:
                cur.close()

        return cls("sqlite", run)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def rows(self, sql: str, **params: Any) -> list[tuple]:
        text, values = self.render(sql, params)
        return self._run(text, values)

    def one(self, sql: str, **params: Any) -> tuple:
        rows = self.rows(sql, **params)
        if len(rows) != 1:
            raise LookupError(f"expected one row, got {len(rows)}")
        return rows[0]

    def render(self, sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """The statement in the driver's parameter style and its values as the driver takes them."""
        values: dict[str, Any] = {}

        def place(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in params:
                raise KeyError(f"no value for :{name}")
            value = params[name]
            if isinstance(value, list | tuple | frozenset | set):
                items: Sequence[Any] = sorted(value) if isinstance(value, frozenset | set) else value
                if not items:
                    return "(NULL)"  # IN (NULL) holds for nothing
                names = [f"{name}_{i}" for i in range(len(items))]
                for n, v in zip(names, items, strict=True):
                    values[n] = self._value(v)
                return "(" + ", ".join(self._mark(n) for n in names) + ")"
            values[name] = self._value(value)
            return self._mark(name)

        return _PARAM.sub(place, sql), values

    def _mark(self, name: str) -> str:
        return f":{name}" if self.is_sqlite else f"%({name})s"

    def _value(self, value: Any) -> Any:
        return _sqlite_value(value) if self.is_sqlite else value
