"""Two independent read-only parts of a statistic, each on its own connection, at once.

The database works on a statement with the interpreter's lock released (sqlite3 and psycopg alike),
so two parts whose time is mostly spent inside the database run side by side on two cores. Each
part opens its own reader (:meth:`Desk.reader`): a connection is never shared between threads. An
engine that cannot hand out two connections to the same database (an in-memory SQLite, whose pool
gives each thread a database of its own) runs the parts one after the other instead.

No snapshot is lost by this: a read session on SQLite reads each statement in its own implicit
transaction, and PostgreSQL's READ COMMITTED takes a snapshot a statement, so the parts of a
workbook were never one snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ...storage.reader import Reader

if TYPE_CHECKING:
    from ..desk import Desk

__all__ = ["StatsDesk", "both", "can_split"]


class StatsDesk(Protocol):
    """What the statistics ask of a desk: a :class:`~zhixing_tui.services.desk.Desk`, or the
    :class:`~zhixing_tui.services.stats.read_desk.ReadDesk` of ``zhixing export monthly`` on SQLite."""

    operator: str

    @property
    def profile(self) -> Any: ...

    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def reader(self) -> AbstractContextManager[Reader]: ...

    def reads_apart(self) -> bool: ...

    def orm_desk(self) -> Desk: ...


A = TypeVar("A")
B = TypeVar("B")


def can_split(desk: StatsDesk) -> bool:
    """True when each of ``desk``'s readers gets a connection of its own to the same database (a
    file or a server; not a desk bound to one connection, nor an in-memory SQLite)."""
    return desk.reads_apart()


def both(desk: StatsDesk, first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """``(first(), second())``: ``first`` in a worker thread while ``second`` runs in this one when
    :func:`can_split`, else one after the other. Each opens its own ``desk.reader()``; an
    exception of either is raised here (after both have ended)."""
    if not can_split(desk):
        return first(), second()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="zhixing-stats") as pool:
        pending = pool.submit(first)
        b = second()
        a = pending.result()
    return a, b
