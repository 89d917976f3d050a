"""Bulk INSERT through the driver's ``executemany`` (the demo generator and the case import).

SQLAlchemy builds and processes parameters row by row; at hundreds of thousands of rows that
costs more than SQLite's own work. :func:`insert_rows` processes each value through its column's
own bind processor (dates, JSON, booleans) and hands the tuples to the driver in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Table, insert
from sqlalchemy.dialects.sqlite import DATE, DATETIME
from sqlalchemy.engine import Connection

__all__ = ["bulk_values", "insert_rows", "insert_values", "value_processor"]


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` into ``table`` in one ``executemany``; every row has the keys of the first.

    Dialects whose driver takes other parameter styles go through SQLAlchemy's own executemany."""
    if not rows:
        return
    keys = list(rows[0])
    insert_values(conn, table, keys, bulk_values(table, conn.dialect, keys, rows))


def bulk_values(table: Table, dialect: Any, keys: list[str], rows: Sequence[dict[str, Any]]) -> list[tuple]:
    """The tuples :func:`insert_values` hands the driver for ``rows`` (the ``keys`` of each, in
    order), each value through its column's bind processor: made ahead of the write (the case
    import does it before it takes the write lock), they are only executed in it."""
    get = itemgetter(*keys)
    values: list[Any] = [(get(r),) for r in rows] if len(keys) == 1 else [get(r) for r in rows]
    if not _driver_style(dialect):
        return values
    procs = [(i, p) for i, k in enumerate(keys) if (p := value_processor(table.c[k].type, dialect))]
    if procs:
        for n, row in enumerate(values):
            out = list(row)
            for i, p in procs:
                out[i] = p(out[i])
            values[n] = tuple(out)
    return values


def insert_values(conn: Connection, table: Table, keys: list[str], values: Sequence[tuple]) -> None:
    """INSERT tuples made by :func:`bulk_values` (columns ``keys``) in one ``executemany``."""
    if not values:
        return
    dialect = conn.dialect
    if not _driver_style(dialect):
        conn.execute(insert(table), [dict(zip(keys, v, strict=True)) for v in values])
        return
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in keys)}) "
        f"VALUES ({', '.join([mark] * len(keys))})"
    )
    conn.exec_driver_sql(sql, values if isinstance(values, list) else list(values))


def _driver_style(dialect: Any) -> bool:
    """The driver takes positional parameters straight (SQLite's and psycopg's)."""
    return dialect.paramstyle in ("qmark", "format", "pyformat")


def value_processor(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column type's bind processor; for SQLite's default date, datetime and boolean storage
    the same text through the C ``isoformat`` (a third of the time at a million values); for JSON
    the text of None, [] and {} made once."""
    impl = type_.dialect_impl(dialect)
    proc = impl.bind_processor(dialect)
    if proc is None or dialect.name != "sqlite":
        return proc
    fmt = getattr(impl, "_storage_format", None)
    if isinstance(impl, DATETIME) and fmt == DATETIME._storage_format:

        def stamp(v: Any) -> Any:
            return v.isoformat(" ", "microseconds") if type(v) is datetime else proc(v)

        return stamp
    if isinstance(impl, DATE) and fmt == DATE._storage_format:

        def day(v: Any) -> Any:
            return v.isoformat() if type(v) is date else proc(v)

        return day
    if isinstance(impl, JSON):
        none, empty_list, empty_dict = proc(None), proc([]), proc({})

        def document(v: Any) -> Any:  # the common empty values serialised once
            if v is None:
                return none
            if not v:
                t = type(v)
                if t is list:
                    return empty_list
                if t is dict:
                    return empty_dict
            return proc(v)

        return document
    if isinstance(impl, Boolean):

        def flag(v: Any) -> Any:
            return int(v) if type(v) is bool else proc(v)

        return flag
    return proc
