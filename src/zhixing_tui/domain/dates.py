"""Calendar dates as people type them and spreadsheets hold them.

:func:`parse_date` accepts ``2026-03-05``, ``2026/3/5``, ``2026.03.05``, ``2026年3月5日``,
``20260305`` (full-width digits and surrounding spaces allowed, a trailing ``00:00:00`` time
ignored), ``date`` and ``datetime`` objects, and Excel serial numbers when asked to.
Impossible dates are rejected with a Chinese reason naming the value.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime, timedelta

from ..errors import InvalidValue

__all__ = ["YEAR_MAX", "YEAR_MIN", "format_date", "format_date_cn", "parse_date"]

FIELD = "日期"
YEAR_MIN = 1900
YEAR_MAX = 2100
_FORMS = "2026-03-05、2026/3/5 或 2026年3月5日"

#: Day 0 of Excel's 1900 date system as used by every serial after 1900-02-28 (Excel counts
#: a 1900-02-29 that never was, so serial 61 is 1900-03-01).
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN = 61
_SERIAL_MAX = (date(YEAR_MAX, 12, 31) - _EXCEL_EPOCH).days

_TIME = r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_PATTERNS = (
    re.compile(rf"(?P<y>\d{{4}})\s*(?P<sep>[-/.])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}}){_TIME}"),
    re.compile(rf"(?P<y>\d{{4}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]?{_TIME}"),
    re.compile(rf"(?P<y>\d{{4}})(?P<m>\d{{2}})(?P<d>\d{{2}}){_TIME}"),
)


def _fail(message: str, value: object, field: str) -> InvalidValue:
    return InvalidValue(message, field=field, value=value)


def _from_serial(value: int | float, field: str) -> date:
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(f"{field}不是有效的 Excel 日期序号：{value!r}", value, field)
    serial = math.floor(value)  # a fractional part is the time of day
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise _fail(
            f"{field}不是有效的 Excel 日期序号：{value!r}（应对应 1900-03-01 至 {YEAR_MAX}-12-31）",
            value,
            field,
        )
    return _EXCEL_EPOCH + timedelta(days=serial)


def _build(y: int, m: int, d: int, shown: str, value: object, field: str) -> date:
    if not 1 <= m <= 12:
        raise _fail(f"{field}不存在：{shown}（月份应为1–12）", value, field)
    if not YEAR_MIN <= y <= YEAR_MAX:
        raise _fail(f"{field}年份超出范围：{shown}（应在{YEAR_MIN}–{YEAR_MAX}年之间）", value, field)
    days = calendar.monthrange(y, m)[1]
    if not 1 <= d <= days:
        raise _fail(f"{field}不存在：{shown}（{y}年{m}月只有{days}天）", value, field)
    return date(y, m, d)


def parse_date(value: object, *, allow_serial: bool = False, field: str = FIELD) -> date:
    """Read a date; raise ``InvalidValue`` with a Chinese reason if it cannot be read or does not exist.

    ``allow_serial`` lets an ``int``/``float`` be read as an Excel serial day number (1900
    system); otherwise numbers are rejected. ``field`` names the value in error messages.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise _fail(f"{field}无法识别：{value!r}", value, field)
    if isinstance(value, int | float):
        if allow_serial:
            return _from_serial(value, field)
        raise _fail(
            f"{field}无法识别：数字 {value!r} 不是日期（来自 Excel 时请把该列设为日期格式），应为 {_FORMS} 的形式",
            value,
            field,
        )
    if value is None:
        raise _fail(f"{field}为空", value, field)
    if not isinstance(value, str):
        raise _fail(f"{field}无法识别：类型 {type(value).__name__} 不是日期", value, field)

    shown = value.strip()
    s = unicodedata.normalize("NFKC", value).strip()
    if not s:
        raise _fail(f"{field}为空", value, field)
    for pattern in _PATTERNS:
        m = pattern.fullmatch(s)
        if m:
            return _build(int(m["y"]), int(m["m"]), int(m["d"]), shown, value, field)
    raise _fail(f"{field}格式无法识别：「{shown}」，应为 {_FORMS} 的形式", value, field)


def format_date(d: date) -> str:
    """``date(2026, 3, 5)`` → ``"2026-03-05"``."""
    return d.isoformat() if not isinstance(d, datetime) else d.date().isoformat()


def format_date_cn(d: date) -> str:
    """``date(2026, 3, 5)`` → ``"2026年3月5日"``."""
    return f"{d.year}年{d.month}月{d.day}日"
