"""The holiday schedules staff load, and the working-day calendar built from them.

Each year the 国务院办公厅 publishes "关于XXXX年部分节假日安排的通知". ``chinesecalendar``
knows the years it was released for; for a later year, staff copy the notice into a schedule
file and load it (``zhixing calendar load FILE``). A loaded year takes precedence over the
library (see :mod:`zhixing_tui.domain.calendar`).

Schedule file format (TOML; the same keys in a JSON object are accepted too)::

    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"

    [[holidays]]            # one table per holiday: every day from start to end is a rest day
    name = "春节"
    start = "2027-02-05"    # "2027-02-05" or a bare TOML date 2027-02-05
    end = "2027-02-11"

    [[workdays]]            # one table per make-up working day (调休上班)
    date = "2027-02-13"
    name = "春节调休上班"    # optional; defaults to "调休上班"

Rules checked before anything is written (errors name the entry, e.g. "holidays 第2项（春节）"):
``year`` is a whole number; ``source`` names the notice; at least one holiday; every date is a
real date in ``year``; ``start`` ≤ ``end``; no day in two holidays; no day both a holiday and a
make-up working day; no unknown keys. A file with ``example = true`` is a template and is
refused. Loading replaces that year's rows in one audited transaction.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import col, delete, func, select

from ... import clock
from ...domain.calendar import WorkCalendar
from ...domain.dates import parse_date
from ...errors import InvalidValue
from ...storage.models import CalendarDay, CalendarYear
from ..desk import Desk

__all__ = [
    "LoadResult",
    "Schedule",
    "YearStatus",
    "calendar_for",
    "calendar_status",
    "load_schedule",
    "read_schedule",
]

DEFAULT_WORKDAY_NAME = "调休上班"
_TOP_KEYS = {"year", "source", "holidays", "workdays", "example", "note"}
_HOLIDAY_KEYS = {"name", "start", "end"}
_WORKDAY_KEYS = {"date", "name"}
_CACHE_ATTR = "_zhixing_work_calendar"


@dataclass(frozen=True)
class Schedule:
    """A validated schedule: ``days`` maps each listed day to ``(is_workday, name)``."""

    year: int
    source: str
    days: dict[date, tuple[bool, str]] = field(default_factory=dict)

    @property
    def holiday_days(self) -> int:
        return sum(1 for w, _ in self.days.values() if not w)

    @property
    def workdays(self) -> int:
        return sum(1 for w, _ in self.days.values() if w)


@dataclass(frozen=True)
class LoadResult:
    year: int
    source: str
    holiday_days: int
    workdays: int
    replaced: bool  # the year had a loaded schedule before
    previous_source: str | None = None


@dataclass(frozen=True)
class YearStatus:
    year: int
    source: str
    kind: str  # library | loaded | uncovered


# --- reading a schedule file ---------------------------------------------------------------
def _bad(path: Path, message: str) -> InvalidValue:
    return InvalidValue(f"节假日安排文件 {path.name}：{message}", field="节假日安排", value=str(path))


def _read_raw(path: Path) -> dict[str, Any]:
    from ..inputs.small_files import read_small_text

    try:
        text = read_small_text(path, what="节假日安排文件")
    except InvalidValue as exc:
        raise _bad(path, exc.message.removeprefix(f"节假日安排文件 {path} ")) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, f"格式有误（{exc}）") from None
    except RecursionError:
        raise _bad(path, "嵌套层数过多，无法读取") from None
    if not isinstance(data, dict):
        raise _bad(path, "顶层应为键值表（year、source、holidays、workdays）")
    return data


def _entry_date(path: Path, where: str, key: str, value: object, year: int) -> date:
    if value is None:
        raise _bad(path, f"{where} 缺少 {key}")
    try:
        d = parse_date(value, field=f"{where} 的 {key}")
    except InvalidValue as exc:
        raise _bad(path, exc.message) from None
    if d.year != year:
        raise _bad(
            path, f"{where} 的 {key} {d.isoformat()} 不在 {year} 年内（本文件只能载入 {year} 年的日期）"
        )
    return d


def _table_list(path: Path, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _bad(path, f"{key} 应为表的列表（TOML 写作 [[{key}]]）")
    return items


def read_schedule(path: str | Path, *, allow_example: bool = False) -> Schedule:
    """Read and validate a schedule file (format in the module docstring); nothing is written."""
    path = Path(path)
    data = _read_raw(path)
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _bad(path, f"未知的键：{'、'.join(unknown)}（可用：year、source、holidays、workdays）")
    if data.get("example") and not allow_example:
        raise _bad(
            path,
            "这是示例文件（example = true），不是国务院办公厅的正式通知；请按正式通知改写日期和 source，删去 example 一行后再载入",
        )
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise _bad(path, f"year 应为 2000–2100 之间的年份，实际为 {year!r}")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise _bad(path, "缺少 source（写明国务院办公厅通知的标题和文号）")

    days: dict[date, tuple[bool, str]] = {}
    owner: dict[date, str] = {}
    holidays = _table_list(path, data, "holidays")
    if not holidays:
        raise _bad(path, "没有列出任何节假日（[[holidays]]）")
    for i, item in enumerate(holidays, start=1):
        name = str(item.get("name") or "").strip()
        where = f"holidays 第{i}项" + (f"（{name}）" if name else "")
        extra = sorted(set(item) - _HOLIDAY_KEYS)
        if extra:
            raise _bad(path, f"{where} 有未知的键：{'、'.join(extra)}（可用：name、start、end）")
        if not name:
            raise _bad(path, f"{where} 缺少 name（节日名称，如 春节）")
        start = _entry_date(path, where, "start", item.get("start"), year)
        end = _entry_date(path, where, "end", item.get("end", item.get("start")), year)
        if end < start:
            raise _bad(path, f"{where} 的 end {end.isoformat()} 早于 start {start.isoformat()}")
        d = start
        while d <= end:
            if d in days:
                raise _bad(path, f"{where} 的 {d.isoformat()} 与 {owner[d]} 重复")
            days[d] = (False, name)
            owner[d] = where
            d += timedelta(days=1)
    for i, item in enumerate(_table_list(path, data, "workdays"), start=1):
        name = str(item.get("name") or "").strip() or DEFAULT_WORKDAY_NAME
        where = f"workdays 第{i}项（{name}）"
        extra = sorted(set(item) - _WORKDAY_KEYS)
        if extra:
            raise _bad(path, f"{where} 有未知的键：{'、'.join(extra)}（可用：date、name）")
        d = _entry_date(path, where, "date", item.get("date"), year)
        if d in days:
            what = "既是节假日又是调休上班日" if not days[d][0] else "重复列出"
            raise _bad(path, f"{where} 的 {d.isoformat()} {what}（见 {owner[d]}）")
        days[d] = (True, name)
        owner[d] = where
    return Schedule(year=year, source=source.strip(), days=days)


# --- the database --------------------------------------------------------------------------
def load_schedule(desk: Desk, path: str | Path, *, allow_example: bool = False) -> LoadResult:
    """Validate ``path`` and replace its year's schedule in one audited transaction (the
    administrator or the 执行局长 only: the schedule moves every deadline of the court)."""
    # (the audit trail and the roles only here: calendar_for, which every deadline's count
    # reads — 今日概况's first among them — loads neither)
    from .. import audit
    from ..permissions import require_roster_keeper

    schedule = read_schedule(path, allow_example=allow_example)
    year = schedule.year
    with desk.transaction() as s:
        require_roster_keeper(s, desk, "载入节假日安排")
        row = s.get(CalendarYear, year)
        before = None
        if row is not None:
            old = list(s.exec(select(CalendarDay.is_workday).where(CalendarDay.year == year)))
            before = {"source": row.source, "holiday_days": old.count(False), "workdays": old.count(True)}
        previous_source = row.source if row is not None else None
        s.exec(delete(CalendarDay).where(col(CalendarDay.year) == year))
        if row is None:
            row = CalendarYear(year=year, source=schedule.source, loaded_by=desk.operator)
        else:
            row.source = schedule.source
            row.loaded_by = desk.operator
            row.loaded_at = desk.now()
        s.add(row)
        s.flush()
        for day, (workday, name) in sorted(schedule.days.items()):
            s.add(CalendarDay(day=day, year=year, is_workday=workday, name=name))
        after = {
            "source": schedule.source,
            "holiday_days": schedule.holiday_days,
            "workdays": schedule.workdays,
        }
        audit.record(
            s,
            operator=desk.operator,
            action="calendar.load",
            entity="calendar_year",
            entity_id=year,
            summary=(
                f"{'重新' if before else ''}载入{year}年节假日安排：节假日{schedule.holiday_days}天、"
                f"调休上班{schedule.workdays}天（{schedule.source}）"
            ),
            before=before,
            after=after,
        )
    _forget(desk)
    return LoadResult(
        year, schedule.source, schedule.holiday_days, schedule.workdays, before is not None, previous_source
    )


def _fingerprint(desk: Desk) -> tuple:
    with desk.session() as s:
        rows = s.exec(select(CalendarYear.year, CalendarYear.loaded_at, CalendarYear.source)).all()
        count = s.exec(select(func.count()).select_from(CalendarDay)).one()
    return _key(rows, count)


def _key(year_rows, day_count: int) -> tuple:
    """What changes when a schedule is loaded: every year's (year, loaded_at, source), the days."""
    return (tuple(sorted(tuple(r) for r in year_rows)), day_count)


def calendar_for(desk: Desk) -> WorkCalendar:
    """The calendar with every loaded schedule of ``desk``'s database (cached until a load changes it:
    a cached calendar is checked by the fingerprint of the loads; the first one is read at once)."""
    cached = desk.__dict__.get(_CACHE_ATTR)
    if cached is not None and cached[0] == _fingerprint(desk):
        return cached[1]
    with desk.session() as s:
        year_rows = s.exec(select(CalendarYear.year, CalendarYear.loaded_at, CalendarYear.source)).all()
        day_rows = s.exec(select(CalendarDay.day, CalendarDay.is_workday, CalendarDay.name)).all()
    years = {year: source for year, _at, source in year_rows}
    days = {day: (is_workday, name) for day, is_workday, name in day_rows}
    cal = WorkCalendar(overrides=days, loaded_years=years, sources=years)
    desk.__dict__[_CACHE_ATTR] = (_key(year_rows, len(day_rows)), cal)
    return cal


def _forget(desk: Desk) -> None:
    desk.__dict__.pop(_CACHE_ATTR, None)


def calendar_status(desk: Desk | None = None, *, today: date | None = None) -> list[YearStatus]:
    """Coverage of the last 3 years, this year and the next 2 (plus any other loaded year), oldest first.

    Without a desk, the library-only calendar is described.
    """
    cal = calendar_for(desk) if desk is not None else WorkCalendar()
    today = today or (desk.today() if desk is not None else clock.today())
    years = set(range(today.year - 3, today.year + 3)) | set(cal.loaded_years)
    return [YearStatus(y, cal.source(y), cal.kind(y)) for y in sorted(years)]
