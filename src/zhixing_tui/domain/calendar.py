"""Working days and rest days (工作日 / 休息日) as the State Council's holiday notice sets them.

A :class:`WorkCalendar` answers "is this day a working day?" from three sources, in order:

1. a year's schedule **loaded by staff** from the 国务院办公厅 notice (stored in the database,
   passed in here as ``overrides`` + ``loaded_years``; a loaded year is authoritative: every
   day of it not listed follows the plain Monday–Friday rule);
2. the ``chinesecalendar`` library (it knows the years it was released for, 2004–2026 in
   1.11.0, including the make-up working days, 调休上班);
3. for a later year that no notice covers yet, the **statutory holidays** of
   《全国年节及纪念日放假办法》 (2025 revision, in force from 2025-01-01: 元旦 1 day, 春节 4 days from
   除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3; lunar dates from ``lunar_python``, 清明 from
   chinesecalendar's solar terms) are rest days besides the weekends. The State Council's notice
   adds bridge days and make-up working days (调休) that cannot be known in advance, so the year is
   not *covered*: callers attach :meth:`WorkCalendar.coverage_warning`;
4. for any other year (before 2004), **weekends only**, with the same warning.

The module is pure: no database. ``services/deadlines/calendar.py`` builds a calendar from the loaded rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from types import MappingProxyType

import chinese_calendar as _cc

__all__ = [
    "KIND_LIBRARY",
    "KIND_LOADED",
    "KIND_STATUTORY",
    "KIND_UNCOVERED",
    "LIBRARY_SOURCE",
    "STATUTORY_SOURCE",
    "DayInfo",
    "WorkCalendar",
    "default_calendar",
    "holiday_name_cn",
    "library_years",
    "lunar_festivals",
    "statutory_holidays",
]

KIND_LOADED = "loaded"
KIND_LIBRARY = "library"
KIND_STATUTORY = "statutory"
KIND_UNCOVERED = "uncovered"

#: the rules that name the statutory holidays, and the first year they apply to
STATUTORY_RULES = "《全国年节及纪念日放假办法》（2025年修订）"
STATUTORY_FROM_YEAR = 2025

LIBRARY_SOURCE = (
    f"chinesecalendar {getattr(_cc, '__version__', '')}".strip() + "（内置，依据国务院办公厅历年通知）"
)
UNCOVERED_SOURCE = "未载入节假日安排，仅按周末计算"
STATUTORY_SOURCE = f"未载入节假日安排，按{STATUTORY_RULES}的法定假日和周末计算（调休未知）"
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


#: (正月初一, 端午 五月初五, 中秋 八月十五) of each lunar year starting in these years, as (month, day)
#: of the solar year: ``lunar_python``'s own dates (``tests/unit/test_calendar.py`` compares
#: them), kept here so that the years an app reaches need no import of it (issue 17: about 40 ms
#: of 统计 F8's first open, under the interpreter's lock)
LUNAR_FESTIVALS: Mapping[int, tuple[tuple[int, int], tuple[int, int], tuple[int, int]]] = {
    2025: ((1, 29), (5, 31), (10, 6)),
    2026: ((2, 17), (6, 19), (9, 25)),
    2027: ((2, 6), (6, 9), (9, 15)),
    2028: ((1, 26), (5, 28), (10, 3)),
    2029: ((2, 13), (6, 16), (9, 22)),
    2030: ((2, 3), (6, 5), (9, 12)),
    2031: ((1, 23), (6, 24), (10, 1)),
    2032: ((2, 11), (6, 12), (9, 19)),
    2033: ((1, 31), (6, 1), (9, 8)),
    2034: ((2, 19), (6, 20), (9, 27)),
    2035: ((2, 8), (6, 10), (9, 16)),
    2036: ((1, 28), (5, 30), (10, 4)),
    2037: ((2, 15), (6, 18), (9, 24)),
    2038: ((2, 4), (6, 7), (9, 13)),
    2039: ((1, 24), (5, 27), (10, 2)),
    2040: ((2, 12), (6, 14), (9, 20)),
    2041: ((2, 1), (6, 3), (9, 10)),
    2042: ((1, 22), (6, 22), (9, 28)),
    2043: ((2, 10), (6, 11), (9, 17)),
    2044: ((1, 30), (5, 31), (10, 5)),
    2045: ((2, 17), (6, 19), (9, 25)),
    2046: ((2, 6), (6, 8), (9, 15)),
    2047: ((1, 26), (5, 29), (10, 4)),
    2048: ((2, 14), (6, 15), (9, 22)),
    2049: ((2, 2), (6, 4), (9, 11)),
    2050: ((1, 23), (6, 23), (9, 30)),
    2051: ((2, 11), (6, 13), (9, 19)),
    2052: ((2, 1), (6, 1), (9, 7)),
    2053: ((2, 19), (6, 20), (9, 26)),
    2054: ((2, 8), (6, 10), (9, 16)),
    2055: ((1, 28), (5, 30), (10, 5)),
    2056: ((2, 15), (6, 17), (9, 24)),
    2057: ((2, 4), (6, 6), (9, 13)),
    2058: ((1, 24), (6, 25), (10, 2)),
    2059: ((2, 12), (6, 14), (9, 21)),
    2060: ((2, 2), (6, 3), (9, 9)),
}


def lunar_festivals(year: int) -> tuple[date, date, date]:
    """(正月初一, 端午, 中秋) of the lunar year that starts in ``year``, as solar days."""
    known = LUNAR_FESTIVALS.get(year)
    if known is not None:
        (m1, d1), (m2, d2), (m3, d3) = known
        return date(year, m1, d1), date(year, m2, d2), date(year, m3, d3)
    from lunar_python import Lunar  # only here: its import is a noticeable part of the app's start

    out = []
    for month, day in ((1, 1), (5, 5), (8, 15)):
        solar = Lunar.fromYmd(year, month, day).getSolar()
        out.append(date(solar.getYear(), solar.getMonth(), solar.getDay()))
    return out[0], out[1], out[2]


@cache
def statutory_holidays(year: int) -> Mapping[date, str]:
    """The statutory holidays (法定假日) of ``year`` by 《全国年节及纪念日放假办法》 (2025 revision):
    day → name. Empty before :data:`STATUTORY_FROM_YEAR` (earlier revisions had fewer days)."""
    if year < STATUTORY_FROM_YEAR:
        return MappingProxyType({})
    days: dict[date, str] = {date(year, 1, 1): "元旦"}
    first, dragon_boat, mid_autumn = lunar_festivals(year)
    for offset in range(-1, 3):  # 除夕, 初一, 初二, 初三
        days[first + timedelta(days=offset)] = "春节"
    for day, term in _cc.get_solar_terms(date(year, 4, 1), date(year, 4, 30)):
        if term == "清明":
            days[day] = "清明节"
    days[date(year, 5, 1)] = days[date(year, 5, 2)] = "劳动节"
    days[dragon_boat] = "端午节"
    days[mid_autumn] = "中秋节"
    for d in range(1, 4):
        days[date(year, 10, d)] = "国庆节"
    return MappingProxyType({d: n for d, n in sorted(days.items()) if d.year == year})


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
        return STATUTORY_SOURCE if self.statutory_only(year) else UNCOVERED_SOURCE

    def kind(self, year: int) -> str:
        if year in self._loaded:
            return KIND_LOADED
        if self.in_library(year):
            return KIND_LIBRARY
        return KIND_STATUTORY if self.statutory_only(year) else KIND_UNCOVERED

    def statutory_only(self, year: int) -> bool:
        """True for a year known only by its statutory holidays (no notice loaded, past the library)."""
        return year not in self._loaded and year > library_years()[1] and year >= STATUTORY_FROM_YEAR

    @staticmethod
    def in_library(year: int) -> bool:
        first, last = library_years()
        return first <= year <= last

    def covered(self, year: int) -> bool:
        """True when the statutory holidays of ``year`` are known (library or loaded schedule)."""
        return year in self._loaded or self.in_library(year)

    def coverage_warning(self, year: int) -> str:
        if self.statutory_only(year):
            return (
                f"{year}年的节假日安排尚未载入，本结果按{STATUTORY_RULES}的法定假日和周末计算，"
                "调休安排未知；请用 zhixing calendar load 载入国务院办公厅通知"
            )
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
        if self.in_library(d.year) and d.year not in self._loaded:
            return _library_workday(d)
        if self.statutory_only(d.year) and d in statutory_holidays(d.year):
            return False
        return _plain(d)

    def day_info(self, d: date) -> DayInfo:
        d = _as_date(d)
        kind = self.kind(d.year)
        source = self.source(d.year)
        covered = kind in (KIND_LOADED, KIND_LIBRARY)
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
        if kind == KIND_STATUTORY and d in statutory_holidays(d.year):
            return DayInfo(False, statutory_holidays(d.year)[d], source, covered, kind)
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
