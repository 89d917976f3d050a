"""Periods (期限) as the seeds write them, and the due date they give.

:func:`parse_period` reads ``当日``, ``24小时``, ``3日``/``3天``, ``3个工作日``, ``3周``,
``6个月``, ``1年`` (digits may be full-width or Chinese numerals: ``三日``, ``十五日``,
``六个月``, ``一 个工作日``; a trailing ``内``/``以内`` is ignored, as in ``3日内``).

:func:`compute_due` counts them as the law counts periods:

* 《中华人民共和国民事诉讼法》第八十五条: "期间以时、日、月、年计算。期间开始的时和日，不计算在
  期间内。期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"
  So the anchor day is not counted, and a period whose last day is a rest day (weekend or
  statutory holiday) ends on the next working day. A make-up working day (调休上班, e.g. Saturday
  2026-02-14 or 2026-10-10) is a working day: a period ending on it is not extended.
* 《中华人民共和国民法典》第二百零二条: a period in months or years ends on the corresponding
  day of the last month, or on that month's last day when it has none (2026-01-31 + 1个月 →
  2026-02-28, then extended if that is a rest day).

Unit by unit:

``当日`` (also 当天, 即日, 即时, 立即): the anchor day itself. If the anchor day is a rest day the
    task falls due on the next working day (the same extension rule; nobody is at work).
``N日`` / ``N天``: the anchor date + N calendar days, extended if a rest day. ``次日`` is ``1日``.
``N周``: N × 7 calendar days, then as ``N日``.
``N个月`` / ``N月``, ``N年``: the corresponding day (or month end), then extended.
``N个工作日``: the Nth working day after the anchor day (rest days are skipped, make-up
    working days count).
``N小时``: from a ``datetime`` anchor, ``due_at`` = anchor + N hours on the clock; if that moment
    falls on a rest day it moves to the same time on the next working day. From a ``date``
    anchor (no time known), the hours run from the end of the anchor day (the anchor day is not
    counted and the reading favours the person bound), so ``due_on`` = anchor + ⌈N/24⌉ days,
    extended if a rest day, and ``due_at`` is None. Either way ``24小时`` gives the next working
    day — seed 003 §四 glosses "24小时" as "1个工作日", and this reading agrees with it.

Every result that consulted a day of a year the calendar does not cover carries that year's
coverage warning (once per year). The counting itself never fails for lack of a schedule.
"""

from __future__ import annotations

import math
import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..errors import InvalidValue
from .calendar import WorkCalendar, default_calendar

__all__ = [
    "ACCEPTED_FORMS",
    "DAYS",
    "HOURS",
    "MONTHS",
    "SAME_DAY",
    "UNITS",
    "WEEKS",
    "WORKDAYS",
    "YEARS",
    "Due",
    "Period",
    "add_months",
    "add_working_days",
    "compute_due",
    "count_working_days",
    "next_working_day",
    "parse_period",
    "working_days_between",
]

SAME_DAY, HOURS, DAYS, WORKDAYS, WEEKS, MONTHS, YEARS = (
    "same_day",
    "hours",
    "days",
    "workdays",
    "weeks",
    "months",
    "years",
)
UNITS = (SAME_DAY, HOURS, DAYS, WORKDAYS, WEEKS, MONTHS, YEARS)
_LABEL = {HOURS: "小时", DAYS: "日", WORKDAYS: "个工作日", WEEKS: "周", MONTHS: "个月", YEARS: "年"}

ACCEPTED_FORMS = (
    "当日（当天）、N小时（如 24小时）、N日（N天）、N个工作日、N周、N个月、N年；"
    "N 可写阿拉伯数字或一二三…十（如 三日、十五日、六个月），末尾的“内”可省略"
)
_MAX_N = 9999


@dataclass(frozen=True, slots=True)
class Period:
    """A parsed period: ``unit`` (one of :data:`UNITS`), ``n`` (0 for 当日), ``text`` as written."""

    unit: str
    n: int
    text: str

    @property
    def label(self) -> str:
        """The canonical spelling: ``当日``, ``24小时``, ``3日``, ``3个工作日``, ``2周``, ``6个月``, ``1年``."""
        return "当日" if self.unit == SAME_DAY else f"{self.n}{_LABEL[self.unit]}"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Due:
    """The result of :func:`compute_due`.

    ``due_on``: the last day of the period (after any extension). ``due_at``: the moment, for hour
    periods from a ``datetime`` anchor, else None. ``warnings``: coverage warnings (Chinese).
    ``extended_from``: the rest day the period would have ended on, when it was extended.
    """

    due_on: date
    due_at: datetime | None
    warnings: tuple[str, ...]
    extended_from: date | None = None


# --- parsing ---------------------------------------------------------------------------------
_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?P<n>\d+|[零一二两三四五六七八九十百]+)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"当日|当天|即日|即时|立即|当即|同日"), SAME_DAY),
    (re.compile(r"次日|翌日|第二天|第二日"), DAYS),
    (re.compile(_NUM + r"个?小时"), HOURS),
    (re.compile(_NUM + r"个?工作日"), WORKDAYS),
    (re.compile(_NUM + r"(?:个?自然日|日|天)"), DAYS),
    (re.compile(_NUM + r"个?(?:周|星期|礼拜)"), WEEKS),
    (re.compile(_NUM + r"个?月"), MONTHS),
    (re.compile(_NUM + r"年"), YEARS),
)


_CN = re.compile(
    r"(?:(?P<h>[一二两三四五六七八九])百零?)?(?:(?P<t>[一二两三四五六七八九])?(?P<ten>十))?(?P<u>[一二两三四五六七八九])?"
)


def _cn_number(s: str) -> int | None:
    """Chinese numerals up to 999 (一, 十五, 二十, 三十一, 一百二十) or digits → int; None if not one."""
    if s.isdigit():
        return int(s)
    m = _CN.fullmatch(s)
    if not m or not s:
        return None
    hundreds = _DIGITS[m["h"]] if m["h"] else 0
    tens = (_DIGITS[m["t"]] if m["t"] else 1) if m["ten"] else 0
    units = _DIGITS[m["u"]] if m["u"] else 0
    return hundreds * 100 + tens * 10 + units


def _invalid(text: object, why: str = "") -> InvalidValue:
    shown = str(text).strip() if text is not None else ""
    reason = f"（{why}）" if why else ""
    return InvalidValue(
        f"无法识别的期限「{shown}」{reason}：可用的写法为 {ACCEPTED_FORMS}", field="期限", value=text
    )


def parse_period(text: str | Period) -> Period:
    """Read a period as the seeds write it; raise ``InvalidValue`` listing the accepted forms."""
    if isinstance(text, Period):
        return text
    if not isinstance(text, str):
        raise _invalid(text)
    return _parse_text(text)


@lru_cache(maxsize=1024)  # a profile's few dozen periods, read for every node counted
def _parse_text(text: str) -> Period:
    shown = text.strip()
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    s = re.sub(r"^(?:在|于)", "", s)
    s = re.sub(r"(?:以内|之内|内)$", "", s)
    if not s:
        raise _invalid(text, "期限为空")
    for pattern, unit in _PATTERNS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        if unit == SAME_DAY:
            return Period(SAME_DAY, 0, shown)
        if "n" not in pattern.groupindex:
            return Period(unit, 1, shown)  # 次日
        n = _cn_number(m["n"])
        if n is None:
            break
        if not 1 <= n <= _MAX_N:
            raise _invalid(text, f"数量应在1–{_MAX_N}之间")
        return Period(unit, n, shown)
    raise _invalid(text)


# --- counting --------------------------------------------------------------------------------
class _Probe:
    """Asks the calendar and remembers which days were consulted (for the coverage warnings)."""

    __slots__ = ("cal", "seen")

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self.seen: set[int] = set()

    def __call__(self, d: date) -> bool:
        self.seen.add(d.year)
        return self.cal.is_workday(d)

    def warnings(self) -> tuple[str, ...]:
        return tuple(self.cal.coverage_warning(y) for y in sorted(self.seen) if not self.cal.covered(y))


def _roll(d: date, is_workday: Callable[[date], bool]) -> date:
    for _ in range(366):
        if is_workday(d):
            return d
        d += timedelta(days=1)
    raise ValueError("一年之内没有工作日：节假日安排有误")  # pragma: no cover


def next_working_day(d: date, cal: WorkCalendar | None = None) -> date:
    """``d`` when it is a working day, else the first working day after it."""
    return _roll(_day(d), (cal or default_calendar()).is_workday)


def add_months(d: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day (民法典 第二百零二条)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def _add_working(d: date, n: int, is_workday: Callable[[date], bool]) -> date:
    step = timedelta(days=1 if n >= 0 else -1)
    left = abs(n)
    while left:
        d += step
        if is_workday(d):
            left -= 1
    return d


def add_working_days(d: date, n: int, cal: WorkCalendar | None = None) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself not counted); ``n`` < 0 counts back; 0 → ``d``."""
    return _add_working(_day(d), n, (cal or default_calendar()).is_workday)


def count_working_days(a: date, b: date, cal: WorkCalendar | None = None) -> int:
    """How many working days ``x`` with ``a < x <= b`` (0 when ``b <= a``).

    The inverse of :func:`add_working_days`: ``count_working_days(d, add_working_days(d, n)) == n``.
    """
    a, b = _day(a), _day(b)
    cal = cal or default_calendar()
    count, d = 0, a
    while d < b:
        d += timedelta(days=1)
        count += cal.is_workday(d)
    return count


def working_days_between(a: date, b: date, cal: WorkCalendar | None = None) -> int:
    """Signed working days from ``a`` to ``b``: ``count_working_days(a, b)`` when ``b >= a``, else minus
    ``count_working_days(b, a)``. For the 临期 window: ``working_days_between(today, due_on)`` is how many
    working days are left (0 = due today; negative = overdue by that many working days).
    """
    a, b = _day(a), _day(b)
    return count_working_days(a, b, cal) if b >= a else -count_working_days(b, a, cal)


def _day(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def compute_due(start: date | datetime, period: Period | str, cal: WorkCalendar | None = None) -> Due:
    """The due date of ``period`` counted from ``start`` (see the module docstring for the rules).

    Counting follows 民事诉讼法 第八十五条 (the anchor day is not counted; a last day that is a rest
    day moves to the next working day) and 民法典 第二百零二条 (month ends). A due date past the
    calendar's end (公元9999年) is an ``InvalidValue``.
    """
    p = parse_period(period)
    try:
        return _compute_due(start, p, cal)
    except (OverflowError, ValueError):
        raise InvalidValue(
            f"期限「{p.text}」自 {start:%Y-%m-%d} 起算，到期日超出可计算的日期范围（公元9999年以内）",
            field="期限",
            value=p.text,
        ) from None


def _compute_due(start: date | datetime, p: Period, cal: WorkCalendar | None) -> Due:
    if not isinstance(start, date):
        raise InvalidValue(f"起算日期无效：{start!r}", field="起算日期", value=start)
    probe = _Probe(cal or default_calendar())
    anchor = _day(start)

    if p.unit == WORKDAYS:
        due_on = _add_working(anchor, p.n, probe)
        return Due(due_on, None, probe.warnings())

    if p.unit == HOURS:
        if isinstance(start, datetime):
            raw_at = start + timedelta(hours=p.n)
            due_on = _roll(raw_at.date(), probe)
            due_at = datetime.combine(due_on, raw_at.time())
            return Due(due_on, due_at, probe.warnings(), raw_at.date() if due_on != raw_at.date() else None)
        last = anchor + timedelta(days=math.ceil(p.n / 24))
    elif p.unit == SAME_DAY:
        last = anchor
    elif p.unit == DAYS:
        last = anchor + timedelta(days=p.n)
    elif p.unit == WEEKS:
        last = anchor + timedelta(days=7 * p.n)
    elif p.unit == MONTHS:
        last = add_months(anchor, p.n)
    else:  # YEARS
        last = add_months(anchor, 12 * p.n)
    due_on = _roll(last, probe)
    return Due(due_on, None, probe.warnings(), last if due_on != last else None)
