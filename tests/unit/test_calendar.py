"""WorkCalendar: loaded schedule > chinesecalendar > weekends only, names and coverage."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import chinese_calendar
import pytest

from zhixing_tui.domain.calendar import (
    LIBRARY_SOURCE,
    LUNAR_FESTIVALS,
    STATUTORY_FROM_YEAR,
    DayInfo,
    WorkCalendar,
    default_calendar,
    holiday_name_cn,
    library_years,
    lunar_festivals,
    statutory_holidays,
)

D = date.fromisoformat
LIB = "chinesecalendar 1.11.0（内置，依据国务院办公厅历年通知）"
UNCOVERED = "未载入节假日安排，仅按周末计算"
STATUTORY = "未载入节假日安排，按《全国年节及纪念日放假办法》（2025年修订）的法定假日和周末计算（调休未知）"


def test_library_range_and_source() -> None:
    assert library_years() == (2004, 2026)
    assert LIBRARY_SOURCE == LIB
    with pytest.raises(NotImplementedError):  # why the fallback exists
        chinese_calendar.is_workday(D("2027-01-04"))


@pytest.mark.parametrize(
    ("day", "info"),
    [
        ("2026-01-01", DayInfo(False, "元旦", LIB, True, "library")),
        ("2026-01-04", DayInfo(True, "元旦调休上班", LIB, True, "library")),
        ("2026-02-14", DayInfo(True, "春节调休上班", LIB, True, "library")),
        ("2026-02-16", DayInfo(False, "春节", LIB, True, "library")),
        ("2026-02-28", DayInfo(True, "春节调休上班", LIB, True, "library")),
        ("2026-04-06", DayInfo(False, "清明", LIB, True, "library")),
        ("2026-05-09", DayInfo(True, "劳动节调休上班", LIB, True, "library")),
        ("2026-06-19", DayInfo(False, "端午", LIB, True, "library")),
        ("2026-09-20", DayInfo(True, "国庆节调休上班", LIB, True, "library")),
        ("2026-09-25", DayInfo(False, "中秋", LIB, True, "library")),
        ("2026-10-07", DayInfo(False, "国庆节", LIB, True, "library")),
        ("2026-10-10", DayInfo(True, "国庆节调休上班", LIB, True, "library")),
        ("2026-03-07", DayInfo(False, "周末", LIB, True, "library")),
        ("2026-03-09", DayInfo(True, "", LIB, True, "library")),
        ("2027-01-01", DayInfo(False, "元旦", STATUTORY, False, "statutory")),
        ("2027-01-02", DayInfo(False, "周末", STATUTORY, False, "statutory")),
        ("2027-01-04", DayInfo(True, "", STATUTORY, False, "statutory")),
        ("2027-02-05", DayInfo(False, "春节", STATUTORY, False, "statutory")),  # 除夕, a Friday
        ("2027-02-08", DayInfo(False, "春节", STATUTORY, False, "statutory")),  # 初三, a Monday
        ("2027-02-09", DayInfo(True, "", STATUTORY, False, "statutory")),
        ("2027-04-05", DayInfo(False, "清明节", STATUTORY, False, "statutory")),
        ("2027-06-09", DayInfo(False, "端午节", STATUTORY, False, "statutory")),
        ("2027-09-15", DayInfo(False, "中秋节", STATUTORY, False, "statutory")),
        ("2027-10-01", DayInfo(False, "国庆节", STATUTORY, False, "statutory")),
        ("2027-10-04", DayInfo(True, "", STATUTORY, False, "statutory")),
        ("2003-01-01", DayInfo(True, "", UNCOVERED, False, "uncovered")),
    ],
)
def test_day_info_from_the_library(day: str, info: DayInfo) -> None:
    cal = default_calendar()
    assert cal.day_info(D(day)) == info
    assert cal.is_workday(D(day)) is info.is_workday
    if info.covered:
        assert chinese_calendar.is_workday(D(day)) is info.is_workday


def test_every_2026_day_agrees_with_the_library() -> None:
    cal = default_calendar()
    d = D("2026-01-01")
    while d.year == 2026:
        assert cal.is_workday(d) is chinese_calendar.is_workday(d), d
        d = d.fromordinal(d.toordinal() + 1)


def test_loaded_schedule_takes_precedence() -> None:
    cal = WorkCalendar(
        {
            D("2027-02-08"): (False, "春节"),
            D("2027-02-13"): (True, "春节调休上班"),
            D("2026-10-09"): (False, "测试"),
        },
        loaded_years=[2027],
        sources={2027: "国办发明电〔2026〕9号"},
    )
    assert cal.is_workday(D("2027-02-08")) is False
    assert cal.is_workday(D("2027-02-13")) is True
    assert cal.is_workday(D("2027-02-20")) is False  # unlisted Saturday of a loaded year
    assert cal.day_info(D("2027-02-13")) == DayInfo(
        True, "春节调休上班", "国办发明电〔2026〕9号", True, "loaded"
    )
    assert cal.day_info(D("2027-03-01")) == DayInfo(True, "", "国办发明电〔2026〕9号", True, "loaded")
    # an override outside the loaded years still wins over the library
    assert cal.is_workday(D("2026-10-09")) is False
    assert cal.is_workday(datetime(2027, 2, 8, 15, 0)) is False
    assert cal.covered(2027) and cal.covered(2026) and not cal.covered(2028)
    assert cal.kind(2027) == "loaded" and cal.kind(2026) == "library" and cal.kind(2028) == "statutory"
    assert cal.kind(2003) == "uncovered"
    assert WorkCalendar(loaded_years=[2028]).source(2028) == "2028年已载入的节假日安排"


def test_coverage_warning_and_warnings_for() -> None:
    cal = default_calendar()
    assert cal.coverage_warning(2027) == (
        "2027年的节假日安排尚未载入，本结果按《全国年节及纪念日放假办法》（2025年修订）的法定假日和周末计算，"
        "调休安排未知；请用 zhixing calendar load 载入国务院办公厅通知"
    )
    assert cal.coverage_warning(2003) == (
        "2003年的法定节假日安排尚未载入，本结果仅按周末计算；请用 zhixing calendar load 载入国务院办公厅通知"
    )
    days = [D("2028-01-03"), D("2026-05-01"), D("2027-01-01"), D("2027-06-01")]
    assert cal.warnings_for(days) == (cal.coverage_warning(2027), cal.coverage_warning(2028))
    assert cal.warnings_for([D("2026-05-01")]) == ()


def test_calendar_is_an_immutable_value() -> None:
    source = {D("2027-01-01"): (False, "元旦")}
    cal = WorkCalendar(source, loaded_years=[2027])
    source[D("2027-01-04")] = (False, "改动")
    assert cal.is_workday(D("2027-01-04")) is True  # later changes to the input do not leak in
    assert cal == WorkCalendar({D("2027-01-01"): (False, "元旦")}, loaded_years=[2027])
    assert cal != default_calendar()
    assert hash(cal) == hash(WorkCalendar({D("2027-01-01"): (False, "元旦")}, loaded_years=[2027]))
    with pytest.raises(AttributeError):
        cal.extra = 1  # type: ignore[attr-defined]
    assert default_calendar() is default_calendar()


def test_holiday_name_cn() -> None:
    assert holiday_name_cn("Spring Festival") == "春节"
    assert holiday_name_cn("National Day") == "国庆节"
    assert holiday_name_cn(None) == ""
    assert holiday_name_cn("Unknown Day") == "Unknown Day"


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_statutory_holidays_are_what_the_state_council_gave_in_the_revisions_first_years(year) -> None:
    """Every statutory holiday computed for 2025 and 2026 is a holiday in the notices (the library)."""
    days = statutory_holidays(year)
    assert len(days) == 13  # 元旦1 春节4 清明1 劳动节2 端午1 中秋1 国庆3
    for day, name in days.items():
        assert chinese_calendar.is_holiday(day), (day, name)
    assert statutory_holidays(2024) == {}  # before the 2025 revision: not applied


def test_the_kept_lunar_festivals_are_lunar_pythons() -> None:
    """The table of 正月初一/端午/中秋 kept in the module is lunar_python's, year by year; a year
    past it is asked of lunar_python."""
    from lunar_python import Lunar

    def solar(year: int, month: int, day: int) -> date:
        s = Lunar.fromYmd(year, month, day).getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())

    assert min(LUNAR_FESTIVALS) <= STATUTORY_FROM_YEAR and max(LUNAR_FESTIVALS) >= 2050
    for year in [*LUNAR_FESTIVALS, max(LUNAR_FESTIVALS) + 1]:
        assert lunar_festivals(year) == (solar(year, 1, 1), solar(year, 5, 5), solar(year, 8, 15)), year
    assert lunar_festivals(2027) == (D("2027-02-06"), D("2027-06-09"), D("2027-09-15"))


def test_the_statutory_holidays_of_a_kept_year_need_no_lunar_python() -> None:
    """统计 (F8) counts due days into next year: no import of lunar_python for it (issue 17)."""
    code = (
        "import sys; from zhixing_tui.domain.calendar import statutory_holidays as h; "
        "days = h(2027); assert len(days) == 13, days; assert 'lunar_python' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_loaded_notice_replaces_the_statutory_guess() -> None:
    cal = WorkCalendar({D("2027-02-20"): (True, "春节调休上班")}, loaded_years=[2027])
    assert cal.is_workday(D("2027-01-01")) is True  # the loaded schedule lists no 元旦 here: plain weekday
    assert default_calendar().is_workday(D("2027-01-01")) is False
