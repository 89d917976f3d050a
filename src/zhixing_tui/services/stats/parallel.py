"""Two independent read-only parts of a statistic, each on its own connection, at once.

The database works on a statement with the interpreter's lock released (sqlite3 and psycopg alike),
so two parts whose time is mostly spent inside the database run side by side on two cores. Each
part opens its own session (:meth:`Desk.session`): a session is never shared between threads. An
engine that cannot hand out two connections to the same database (an in-memory SQLite, whose pool
gives each thread a database of its own) runs the parts one after the other instead.

No snapshot is lost by this: a read session on SQLite reads each statement in its own implicit
transaction, and PostgreSQL's READ COMMITTED takes a snapshot a statement, so the parts of a
workbook were never one snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.pool import QueuePool

__all__ = ["both", "can_split"]

A = TypeVar("A")
B = TypeVar("B")


def can_split(desk) -> bool:
    """True when each of ``desk``'s sessions gets a connection of its own to the same database (a
    file or a server; not a desk bound to one connection, nor an in-memory SQLite)."""
    return getattr(desk, "bind", None) is None and isinstance(desk.engine.pool, QueuePool)


def both(desk, first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """``(first(), second())``: ``first`` in a worker thread while ``second`` runs in this one when
    :func:`can_split`, else one after the other. Each opens its own ``desk.session()``; an
    exception of either is raised here (after both have ended)."""
    if not can_split(desk):
        return first(), second()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="zhixing-stats") as pool:
        pending = pool.submit(first)
        b = second()
        a = pending.result()
    return a, b
