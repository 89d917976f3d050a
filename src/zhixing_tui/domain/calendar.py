"""Working days and rest days (工作日 / 休息日) as the State Council's holiday notice sets them.

A :class:`WorkCalendar` answers "is this day a working day?" from three sources, in order:

1. a year's schedule **loaded by staff** from the 国务院办公厅 notice (stored in the database,
   passed in here as ``overrides`` + ``loaded_years``; a loaded year is authoritative: every
   day of it not listed follows the plain Monday–Friday rule);
2. the ``chinesecalendar`` library (it knows the years it was released for, 2004–2026 in
   1.11.0, including the make-up working days, 调休上班);
3. for any other year, **weekends only** — the result is still computed, but the year is not
   *covered* and callers attach :meth:`WorkCalendar.coverage_warning` so that people know the
   statutory holidays of that year were not taken into account.

The module is pure: no database. ``services/calendar.py`` builds a calendar from the loaded rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from types import MappingProxyType

import chinese_calendar as _cc

__all__ = [
    "KIND_LIBRARY",
    "KIND_LOADED",
    "KIND_UNCOVERED",
    "LIBRARY_SOURCE",
    "DayInfo",
    "WorkCalendar",
    "default_calendar",
    "holiday_name_cn",
    "library_years",
]

KIND_LOADED = "loaded"
KIND_LIBRARY = "library"
KIND_UNCOVERED = "uncovered"

LIBRARY_SOURCE = (
    f"chinesecalendar {getattr(_cc, '__version__', '')}".strip() + "（内置，依据国务院办公厅历年通知）"
)
UNCOVERED_SOURCE = "未载入节假日安排，仅按周末计算"
WEEKEND_NAME = "周末"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """What the calendar knows about one day.

    ``name`` is the holiday's name (``春节``), ``春节调休上班`` for a make-up working day,
    ``周末`` for a plain weekend, ``""`` for a plain weekday. ``source`` says where the answer
    came from in words (the notice, the library, or "weekends only"); ``kind`` is the same as a
    key: ``loaded`` / ``library`` / ``uncovered``; ``covered`` is False only for ``uncovered``.
    """

    is_workday: bool
    name: str
    source: str
    covered: bool
    kind: str = KIND_LIBRARY


@cache
def library_years() -> tuple[int, int]:
    """The first and last year the installed ``chinesecalendar`` has data for."""
    keys = _cc.holidays.keys()
    return min(keys).year, max(keys).year


def holiday_name_cn(english: str | None) -> str:
    """The library's English holiday name → its Chinese name (``Spring Festival`` → ``春节``)."""
    if not english:
        return ""
    try:
        return _cc.Holiday(english).chinese
    except ValueError:
        return english


def _plain(d: date) -> bool:
    return d.weekday() < 5


class WorkCalendar:
    """An immutable working-day calendar (see the module docstring for the precedence).

    ``overrides`` maps a day to ``(is_workday, name)`` — the holidays and make-up working days of
    the loaded schedules; ``loaded_years`` the years whose schedule was loaded; ``sources`` the
    notice each loaded year came from (shown to people).
    """

    __slots__ = ("_loaded", "_overrides", "_sources")

    def __init__(
        self,
        overrides: Mapping[date, tuple[bool, str]] | None = None,
        loaded_years: Iterable[int] = (),
        sources: Mapping[int, str] | None = None,
    ) -> None:
        self._overrides: Mapping[date, tuple[bool, str]] = MappingProxyType(
            {_as_date(k): (bool(v[0]), str(v[1])) for k, v in (overrides or {}).items()}
        )
        self._loaded: frozenset[int] = frozenset(int(y) for y in loaded_years)
        self._sources: Mapping[int, str] = MappingProxyType(dict(sources or {}))

    # --- coverage ---------------------------------------------------------------------------
    @property
    def loaded_years(self) -> frozenset[int]:
        return self._loaded

    def source(self, year: int) -> str:
        """Where ``year``'s schedule comes from, in words."""
        if year in self._loaded:
            return self._sources.get(year) or f"{year}年已载入的节假日安排"
        if self.in_library(year):
            return LIBRARY_SOURCE
        return UNCOVERED_SOURCE

    def kind(self, year: int) -> str:
        if year in self._loaded:
            return KIND_LOADED
        return KIND_LIBRARY if self.in_library(year) else KIND_UNCOVERED

    @staticmethod
    def in_library(year: int) -> bool:
        first, last = library_years()
        return first <= year <= last

    def covered(self, year: int) -> bool:
        """True when the statutory holidays of ``year`` are known (library or loaded schedule)."""
        return year in self._loaded or self.in_library(year)

    @staticmethod
    def coverage_warning(year: int) -> str:
        return (
            f"{year}年的法定节假日安排尚未载入，本结果仅按周末计算；"
            "请用 zhixing calendar load 载入国务院办公厅通知"
        )

    def warnings_for(self, days: Iterable[date]) -> tuple[str, ...]:
        """One coverage warning per uncovered year among ``days``, in year order."""
        years = sorted({d.year for d in days if not self.covered(d.year)})
        return tuple(self.coverage_warning(y) for y in years)

    # --- days -------------------------------------------------------------------------------
    def is_workday(self, d: date) -> bool:
        d = _as_date(d)
        hit = self._overrides.get(d)
        if hit is not None:
            return hit[0]
        if d.year in self._loaded or not self.in_library(d.year):
            return _plain(d)
        return _library_workday(d)

    def day_info(self, d: date) -> DayInfo:
        d = _as_date(d)
        kind = self.kind(d.year)
        source = self.source(d.year)
        covered = kind != KIND_UNCOVERED
        hit = self._overrides.get(d)
        if hit is not None:
            return DayInfo(hit[0], hit[1], source, covered, kind)
        if kind == KIND_LIBRARY:
            workday = _library_workday(d)
            on_holiday, english = _cc.get_holiday_detail(d)
            name = holiday_name_cn(english)
            if not on_holiday and name:  # a make-up working day (调休上班)
                name = f"{name}调休上班" if not _plain(d) else ""
            elif on_holiday and not name:
                name = WEEKEND_NAME
            return DayInfo(workday, name, source, covered, kind)
        workday = _plain(d)
        return DayInfo(workday, "" if workday else WEEKEND_NAME, source, covered, kind)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return (self._overrides, self._loaded, self._sources) == (
            other._overrides,
            other._loaded,
            other._sources,
        )

    def __hash__(self) -> int:
        return hash((self._loaded, tuple(sorted(self._overrides.items()))))

    def __repr__(self) -> str:
        return f"WorkCalendar(loaded_years={sorted(self._loaded)}, overrides={len(self._overrides)})"


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


@cache
def default_calendar() -> WorkCalendar:
    """The library-only calendar (no loaded schedules)."""
    return WorkCalendar()


@lru_cache(maxsize=8192)
def _library_workday(d: date) -> bool:
    """chinesecalendar's answer for a year it covers (cached: the library validates on every call)."""
    return bool(_cc.is_workday(d))
