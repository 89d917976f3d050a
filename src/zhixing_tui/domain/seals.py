"""Seal and freeze terms (查封/冻结/扣押期限), pure.

《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条: 人民法院冻结被执行人的银行存款
的期限不得超过一年，查封、扣押动产的期限不得超过二年，查封不动产、冻结其他财产权的期限不得超过三年；
申请执行人申请延长期限的，人民法院应当在查封、扣押、冻结期限届满前办理续行查封、扣押、冻结手续，续行
期限不得超过前款规定的期限。

* The term ends on the corresponding day (民法典 第二百零二条: the month's last day when it has none,
  so 2024-02-29 + 1年 → 2025-02-28) and is **never moved to a working day**: it is the term of the
  measure, not a period for an act of a party (民诉法 第八十五条 does not lengthen it), and a seal
  that lapses loses its priority. 2026-03-06 + 1年 → 2027-03-06 (a Saturday).
* The renewal must be done before that day: the reminder falls a profile's ``seal_reminder``
  (default 15日) before the end, counted back to a working day when it is a rest day.
* A renewal (续封/续冻) starts a new term from the day it is made, no longer than the first.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..errors import InvalidValue
from .calendar import WorkCalendar, default_calendar
from .periods import DAYS, WEEKS, WORKDAYS, add_months, add_working_days, parse_period

__all__ = [
    "DEFAULT_REMINDER",
    "REMINDER_SOURCE",
    "SEAL_KIND_NAMES",
    "SEAL_TERMS",
    "check_kind",
    "reminder_day",
    "term_end",
]

#: asset kind → legal maximum term of a seal/freeze (民诉法解释 第四百八十五条)
SEAL_TERMS: dict[str, str] = {
    "deposit": "1年",
    "movable": "2年",
    "real_estate": "3年",
    "other_right": "3年",
}
#: asset kind → Chinese name
SEAL_KIND_NAMES: dict[str, str] = {
    "deposit": "银行存款",
    "movable": "动产",
    "real_estate": "不动产",
    "other_right": "其他财产权",
}
_YEARS = {"1年": 1, "2年": 2, "3年": 3}
DEFAULT_REMINDER = "15日"
REMINDER_SOURCE = (
    "民诉法解释 第四百八十五条（期限届满前办理续行手续）；提醒日为期满前若干日（默认15日），"
    "遇休息日提前到此前最后一个工作日"
)


def check_kind(asset_kind: str) -> str:
    """``asset_kind`` when it is one of :data:`SEAL_TERMS`; InvalidValue in Chinese otherwise."""
    if asset_kind not in SEAL_TERMS:
        raise InvalidValue(
            f"财产类别不认识：{asset_kind}（应为 {'、'.join(SEAL_TERMS)}）",
            field="财产类别",
            value=asset_kind,
        )
    return asset_kind


def term_end(asset_kind: str, start: date) -> date:
    """The last day of the term that starts on ``start``: the corresponding day 1/2/3 years later
    (the month's last day when there is none), not moved off a rest day."""
    years = _YEARS[SEAL_TERMS[check_kind(asset_kind)]]
    return add_months(start, 12 * years)


def reminder_day(expires_on: date, before: str = DEFAULT_REMINDER, cal: WorkCalendar | None = None) -> date:
    """The day the renewal is due: ``before`` (N日, N周 or N个工作日) ahead of ``expires_on``; a day
    count that lands on a rest day goes back to the last working day before it."""
    p = parse_period(before)
    cal = cal or default_calendar()
    if p.unit == WORKDAYS:
        return add_working_days(expires_on, -p.n, cal)
    if p.unit not in (DAYS, WEEKS):
        raise InvalidValue(
            f"续封续冻提醒应写作 N日、N周 或 N个工作日：{before}", field="seal_reminder", value=before
        )
    day = expires_on - timedelta(days=p.n * (7 if p.unit == WEEKS else 1))
    for _ in range(366):
        if cal.is_workday(day):
            return day
        day -= timedelta(days=1)
    raise ValueError("一年之内没有工作日：节假日安排有误")  # pragma: no cover
