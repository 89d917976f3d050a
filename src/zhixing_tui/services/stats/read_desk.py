"""A desk that only reads, on plain ``sqlite3``: the statistics without SQLAlchemy in the process.

``zhixing export monthly`` is a few large aggregates (:mod:`.stats`, SQL text on a
:class:`~zhixing_tui.storage.reader.Reader`) and a workbook. Importing SQLAlchemy, SQLModel and
the tables cost it about 0.35 s of its second at county scale before the first statement ran, so
on a SQLite file it reads through a :class:`ReadDesk`: the same answers as a
:class:`~zhixing_tui.services.desk.Desk` opened read-only to what the statistics ask — the clock,
the court's profile, the calendar, readers on connections of their own (two threads at once) —
and the ORM desk itself, opened on first need, for anything else (the 线索查控 member figures of a
court that distributes cases).

:meth:`ReadDesk.open` answers None — the caller opens a :class:`Desk` instead, which gives the
error or upgrades the file — for anything but a plain SQLite file of zhixing's at the schema's
head revision with a court's profile: a missing, empty, foreign or older file, another database.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ... import clock as clock_module
from ...clock import Clock
from ...defaults import PROFILE_KEY, default_as_of, default_operator
from ...storage.dbfile import BUSY_TIMEOUT_MS, SQLITE_MAGIC, file_head, plain_sqlite_file, resolve_url
from ...storage.reader import Reader, as_day

if TYPE_CHECKING:
    from ...domain.calendar import WorkCalendar
    from ..desk import Desk

__all__ = ["ReadDesk", "work_calendar"]


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``: nothing, not even a -wal, is written through it)."""
    conn = sqlite3.connect(
        f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return path.is_file() and fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


@dataclass(eq=False)
class ReadDesk:
    """A read-only desk on the SQLite file ``path`` (see the module's text)."""

    path: Path
    url: str
    operator: str
    profile_id: str
    clock: Clock = field(default=clock_module.WALL)
    _idle: list[sqlite3.Connection] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _full: Desk | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls, db: str | None = None, *, operator: str | None = None, as_of: date | None = None
    ) -> ReadDesk | None:
        """The reading desk on ``db``/``ZHIXING_DB``, or None where a :class:`Desk` must open it."""
        url = resolve_url(db)
        path = plain_sqlite_file(url)
        if path is None or not _is_sqlite_file(path):
            return None
        conn = _connect(path)
        try:
            (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
            head = file_head()
            row = conn.execute("SELECT value FROM desk_setting WHERE key = ?", (PROFILE_KEY,)).fetchone()
        except sqlite3.Error:
            conn.close()
            return None
        if head is None or revision != head or not row or not row[0]:
            conn.close()
            return None
        desk = cls(path, url, default_operator(operator), row[0], Clock.on(as_of or default_as_of()))
        desk._idle.append(conn)
        return desk

    # --- what the statistics ask of a desk ---------------------------------------------------
    def today(self) -> date:
        return self.clock.today()

    def now(self) -> datetime:
        return self.clock.now()

    @cached_property
    def profile(self) -> Any:  # -> Profile (TOML and pydantic, loaded on first use)
        from ...profiles import load_profile

        return load_profile(self.profile_id)

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A reader on a connection of its own while it is used (connections are kept for reuse)."""
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = _connect(self.path)
        try:
            yield Reader.sqlite(conn)
        finally:
            conn.rollback()  # the read's implicit transaction ends: the next read sees what is new
            with self._lock:
                self._idle.append(conn)

    def reads_apart(self) -> bool:
        """A file: each reader has a connection of its own (two statements run at once)."""
        return True

    @cached_property
    def _calendar(self) -> WorkCalendar:
        from ...domain.calendar import WorkCalendar

        with self.reader() as r:
            years = {
                year: source
                for year, _at, source in r.rows("SELECT year, loaded_at, source FROM calendar_year")
            }
            days = {
                as_day(day): (bool(workday), name)
                for day, workday, name in r.rows("SELECT day, is_workday, name FROM calendar_day")
            }
        return WorkCalendar(overrides=days, loaded_years=years, sources=years)

    def work_calendar(self) -> WorkCalendar:
        """Every schedule loaded into the database (what :func:`..deadlines.calendar.calendar_for`
        gives a :class:`Desk`)."""
        return self._calendar

    def orm_desk(self) -> Desk:
        """The read-only :class:`Desk` on the same file and clock, opened on first need."""
        with self._lock:
            if self._full is None:
                from ..desk import Desk

                self._full = Desk.open(self.url, operator=self.operator, read_only=True)
                self._full.clock = self.clock
            return self._full

    def close(self) -> None:
        """Close the connections (and the ORM desk's, if it was opened)."""
        with self._lock:
            idle, self._idle = self._idle, []
            full, self._full = self._full, None
        for conn in idle:
            conn.close()
        if full is not None:
            full.close()


def work_calendar(desk) -> WorkCalendar:
    """The calendar of ``desk``'s database: a :class:`ReadDesk`'s own reading of it, else
    :func:`..deadlines.calendar.calendar_for`'s (cached on the desk)."""
    if isinstance(desk, ReadDesk):
        return desk.work_calendar()
    from ..deadlines.calendar import calendar_for

    return calendar_for(desk)
