"""Seal/freeze terms (民诉法解释 第四百八十五条): the corresponding day, never moved; the renewal
reminder counted back to a working day."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from zhixing_tui.domain.calendar import default_calendar
from zhixing_tui.domain.nodes import seal_expiry
from zhixing_tui.domain.seals import reminder_day, term_end
from zhixing_tui.errors import InvalidValue
from zhixing_tui.profiles.deadline_schema import DeadlineSection


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        ("deposit", date(2026, 3, 6), date(2027, 3, 6)),  # a Saturday: not moved to 03-08
        ("movable", date(2026, 3, 6), date(2028, 3, 6)),
        ("real_estate", date(2026, 3, 6), date(2029, 3, 6)),
        ("other_right", date(2026, 3, 6), date(2029, 3, 6)),
        ("deposit", date(2024, 2, 29), date(2025, 2, 28)),  # no 29th: the month's last day
        ("movable", date(2024, 2, 29), date(2026, 2, 28)),
        ("deposit", date(2023, 2, 28), date(2024, 2, 28)),
    ],
)
def test_the_term_ends_on_the_corresponding_day(kind, start, end):
    assert term_end(kind, start) == end
    assert seal_expiry(kind, start) == end


def test_the_end_is_not_moved_off_a_rest_day():
    end = term_end("deposit", date(2026, 3, 6))
    assert not default_calendar().is_workday(end)
    assert end == date(2027, 3, 6)


def test_an_unknown_kind_is_refused_in_chinese():
    with pytest.raises(InvalidValue, match="财产类别不认识"):
        term_end("car", date(2026, 3, 6))


def test_the_reminder_is_15_days_before_on_a_working_day():
    cal = default_calendar()
    assert reminder_day(date(2027, 3, 6)) == date(2027, 2, 19)  # a Friday
    # 2027-03-21 − 15日 = 2027-03-06, a Saturday → back to Friday 03-05
    assert reminder_day(date(2027, 3, 21), "15日", cal) == date(2027, 3, 5)
    assert reminder_day(date(2027, 3, 8), "2周", cal) == date(2027, 2, 22)
    # working days count back from the end: Saturday 03-06 → 03-05, 03-04, 03-03
    assert reminder_day(date(2027, 3, 6), "3个工作日", cal) == date(2027, 3, 3)


def test_the_reminder_setting_is_validated():
    assert DeadlineSection().seal_reminder == "15日"
    assert DeadlineSection(seal_reminder="10个工作日").seal_reminder == "10个工作日"
    with pytest.raises(ValidationError, match="续封续冻提醒"):
        DeadlineSection(seal_reminder="1个月")
