"""The one clock of the desk.

Every moment zhixing records or reasons about comes from a :class:`Clock`: the wall clock of the
machine, or a fixed moment when an as-of date is set (a demo built "as of" a day, a court replaying
a day, a test). Nothing else in ``src/`` reads the wall clock — ``tests/unit/test_one_clock.py``
fails on any ``date.today()``, ``datetime.now()``, ``datetime.today()`` or ``time.time()`` outside
this module.

A :class:`~zhixing_tui.services.desk.Desk` owns its clock (``desk.today()``, ``desk.now()``) and
makes it the *current* clock while one of its sessions or transactions is open, so model defaults
(``created_at``) and helpers that have no desk at hand (:func:`now`, :func:`today`) stamp the same
moment the service sees. Outside any desk the current clock is the wall clock.

Moments are naive local datetimes to the second: the court works in one time zone (Asia/Shanghai).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time

__all__ = [
    "AS_OF_TIME",
    "BACKDATED_TIME",
    "Clock",
    "WALL",
    "current",
    "now",
    "today",
    "using",
]

#: the moment of a fixed as-of date: midday, after a back-dated entry of the same day (09:00)
AS_OF_TIME = time(12, 0)
#: the moment given to an act recorded for an earlier day (a back-dated entry)
BACKDATED_TIME = time(9, 0)


@dataclass(frozen=True)
class Clock:
    """The wall clock (``fixed is None``) or one fixed moment."""

    fixed: datetime | None = None

    @classmethod
    def on(cls, day: date | datetime | None) -> Clock:
        """A clock fixed on ``day`` (at :data:`AS_OF_TIME` for a bare date); the wall clock for None."""
        if day is None:
            return WALL
        if isinstance(day, datetime):
            return cls(day.replace(microsecond=0))
        return cls(datetime.combine(day, AS_OF_TIME))

    def now(self) -> datetime:
        """The current local moment, to the second."""
        if self.fixed is not None:
            return self.fixed
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    @property
    def as_of(self) -> date | None:
        """The fixed date, or None for the wall clock."""
        return self.fixed.date() if self.fixed is not None else None

    def moment_on(self, day: date) -> datetime:
        """The moment an act done on ``day`` is recorded at: now for today (or a later day), else
        :data:`BACKDATED_TIME` of that day."""
        current_moment = self.now()
        if day >= current_moment.date():
            return current_moment
        return datetime.combine(day, BACKDATED_TIME)


WALL = Clock()

_current: ContextVar[Clock] = ContextVar("zhixing_clock", default=WALL)


def current() -> Clock:
    """The clock of the desk whose session is open here, else the wall clock."""
    return _current.get()


def now() -> datetime:
    """The current moment of :func:`current`."""
    return _current.get().now()


def today() -> date:
    """The current date of :func:`current`."""
    return _current.get().today()


@contextmanager
def using(clock: Clock) -> Iterator[Clock]:
    """Make ``clock`` the current clock inside the block (this thread / task only)."""
    token = _current.set(clock)
    try:
        yield clock
    finally:
        _current.reset(token)
