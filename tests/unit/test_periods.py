"""The period engine: parsing the seeds' wording and counting per 民事诉讼法 第八十五条.

Every expectation in the 2026 table was computed by hand from the 2026 notice as the
installed chinesecalendar records it (holidays 01-01…03, 02-15…23, 04-04…06, 05-01…05,
06-19…21, 09-25…27, 10-01…07; make-up working days Sun 01-04, Sat 02-14, Sat 02-28,
Sat 05-09, Sun 09-20, Sat 10-10) and checked against ``chinese_calendar.is_workday``.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from zhixing_tui.domain.calendar import WorkCalendar, default_calendar
from zhixing_tui.domain.periods import (
    Due,
    Period,
    add_months,
    add_working_days,
    compute_due,
    count_working_days,
    next_working_day,
    parse_period,
    working_days_between,
)
from zhixing_tui.errors import InvalidValue

D = date.fromisoformat
W2027 = (
    "2027年的节假日安排尚未载入，本结果按《全国年节及纪念日放假办法》（2025年修订）的法定假日和周末计算，"
    "调休安排未知；请用 zhixing calendar load 载入国务院办公厅通知"
)
W2028 = W2027.replace("2027", "2028")


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        (date(2026, 9, 30), "3个工作日", date(2026, 10, 10)),
        (date(2026, 9, 28), "7日", date(2026, 10, 8)),
        (date(2026, 2, 12), "10个工作日", date(2026, 3, 4)),
    ],
)
def test_domain_brief_worked_examples(start: date, period: str, due: date) -> None:
    result = compute_due(start, period, default_calendar())
    assert result.due_on == due
    assert result.warnings == ()


# (start, period, due, the rest day the period would have ended on — None when not extended)
TABLE_2026 = [
    # 元旦 (01-01…03; Sunday 01-04 is a make-up working day)
    ("2025-12-31", "1日", "2026-01-04", "2026-01-01"),
    ("2025-12-31", "1个工作日", "2026-01-04", None),
    ("2025-12-30", "3个工作日", "2026-01-05", None),
    ("2026-01-02", "当日", "2026-01-04", "2026-01-02"),
    # 春节 (02-15…23; Saturdays 02-14 and 02-28 are make-up working days)
    ("2026-02-13", "1日", "2026-02-14", None),
    ("2026-02-13", "1个工作日", "2026-02-14", None),
    ("2026-02-13", "2个工作日", "2026-02-24", None),
    ("2026-02-10", "7日", "2026-02-24", "2026-02-17"),
    ("2026-02-21", "1周", "2026-02-28", None),
    ("2026-02-20", "3日", "2026-02-24", "2026-02-23"),
    ("2026-01-31", "1个月", "2026-02-28", None),  # no 02-31: month end, a make-up Saturday
    ("2026-02-27", "1日", "2026-02-28", None),
    # 清明 (04-04…06)
    ("2026-04-02", "2日", "2026-04-07", "2026-04-04"),
    ("2026-04-03", "1个工作日", "2026-04-07", None),
    ("2026-03-31", "1个月", "2026-04-30", None),
    # 劳动节 (05-01…05; Saturday 05-09 is a make-up working day)
    ("2026-04-30", "3个工作日", "2026-05-08", None),
    ("2026-04-30", "4个工作日", "2026-05-09", None),
    ("2026-05-02", "7日", "2026-05-09", None),
    ("2026-04-29", "3日", "2026-05-06", "2026-05-02"),
    # 端午 (06-19…21)
    ("2026-06-17", "2日", "2026-06-22", "2026-06-19"),
    ("2026-06-18", "24小时", "2026-06-22", "2026-06-19"),
    # 中秋 (09-25…27) and 国庆 (10-01…07); Sunday 09-20 and Saturday 10-10 are make-up days
    ("2026-09-19", "1日", "2026-09-20", None),
    ("2026-09-18", "1个工作日", "2026-09-20", None),
    ("2026-09-24", "1日", "2026-09-28", "2026-09-25"),
    ("2026-09-28", "7日", "2026-10-08", "2026-10-05"),
    ("2026-09-30", "1周", "2026-10-08", "2026-10-07"),
    ("2026-09-09", "3周", "2026-09-30", None),
    ("2026-09-30", "10日", "2026-10-10", None),
    ("2026-08-31", "1个月", "2026-09-30", None),
    ("2026-04-01", "6个月", "2026-10-08", "2026-10-01"),
    ("2026-09-30", "当日", "2026-09-30", None),
    ("2026-10-03", "当日", "2026-10-08", "2026-10-03"),
    ("2026-10-09", "1日", "2026-10-10", None),
    ("2026-10-10", "1日", "2026-10-12", "2026-10-11"),
    # ordinary weeks and weekends
    ("2026-03-02", "2周", "2026-03-16", None),
    ("2026-03-06", "1周", "2026-03-13", None),
    ("2026-03-06", "8日", "2026-03-16", "2026-03-14"),
    ("2026-03-06", "5个工作日", "2026-03-13", None),
    ("2026-05-31", "3个月", "2026-08-31", None),
    ("2024-02-29", "1年", "2025-02-28", None),
    ("2026-11-23", "2个工作日", "2026-11-25", None),
    # the seeds' own spellings
    ("2026-09-28", "七日内", "2026-10-08", "2026-10-05"),
    ("2026-09-30", "三个工作日", "2026-10-10", None),
    ("2026-09-30", "一 个工作日", "2026-10-08", None),
    ("2026-02-10", "十五日", "2026-02-25", None),
    ("2026-04-01", "六个月", "2026-10-08", "2026-10-01"),
    ("2026-10-09", "次日", "2026-10-10", None),
]


@pytest.mark.parametrize(("start", "period", "due", "extended_from"), TABLE_2026)
def test_2026_table(start: str, period: str, due: str, extended_from: str | None) -> None:
    result = compute_due(D(start), period, default_calendar())
    assert result == Due(D(due), None, (), D(extended_from) if extended_from else None)
    assert default_calendar().is_workday(result.due_on) is True


def test_table_is_large_enough() -> None:
    assert len(TABLE_2026) >= 25


@pytest.mark.parametrize(
    ("start", "period", "due_at", "extended_from"),
    [
        (datetime(2026, 6, 18, 9, 30), "24小时", datetime(2026, 6, 22, 9, 30), date(2026, 6, 19)),
        (datetime(2026, 6, 18, 9, 30), "8小时", datetime(2026, 6, 18, 17, 30), None),
        (datetime(2026, 6, 18, 20, 0), "8小时", datetime(2026, 6, 22, 4, 0), date(2026, 6, 19)),
        (datetime(2026, 2, 13, 16, 0), "24小时", datetime(2026, 2, 14, 16, 0), None),  # make-up Saturday
        (datetime(2026, 9, 30, 10, 0), "48小时", datetime(2026, 10, 8, 10, 0), date(2026, 10, 2)),
        (datetime(2026, 3, 2, 8, 0), "72小时", datetime(2026, 3, 5, 8, 0), None),
    ],
)
def test_hours_from_a_moment(
    start: datetime, period: str, due_at: datetime, extended_from: date | None
) -> None:
    assert compute_due(start, period) == Due(due_at.date(), due_at, (), extended_from)


def test_hours_from_a_date_run_from_the_end_of_the_anchor_day() -> None:
    assert compute_due(D("2026-03-02"), "8小时") == Due(D("2026-03-03"), None, ())
    assert compute_due(D("2026-03-02"), "25小时") == Due(D("2026-03-04"), None, ())
    # 24小时 == 1个工作日 (seed 003 §四), whatever the anchor day
    for start in ("2026-02-13", "2026-02-14", "2026-09-30", "2026-10-03", "2026-03-06"):
        assert compute_due(D(start), "24小时").due_on == compute_due(D(start), "1个工作日").due_on


def test_datetime_anchor_for_day_periods_uses_its_date() -> None:
    assert compute_due(datetime(2026, 9, 30, 23, 59), "3个工作日") == Due(D("2026-10-10"), None, ())
    assert compute_due(datetime(2026, 9, 28, 8, 0), "7日").due_on == D("2026-10-08")


# --- coverage warnings -----------------------------------------------------------------------
def test_uncovered_year_still_answers_with_one_warning() -> None:
    assert compute_due(D("2026-12-28"), "7日") == Due(D("2027-01-04"), None, (W2027,))
    # 2027 by its statutory holidays: 2027-01-01 (a Friday) is 元旦, so the next working day is Monday
    assert compute_due(D("2026-12-31"), "1个工作日") == Due(D("2027-01-04"), None, (W2027,))
    assert compute_due(D("2026-12-31"), "1日") == Due(D("2027-01-04"), None, (W2027,), D("2027-01-01"))
    assert compute_due(D("2026-11-23"), "6个月") == Due(D("2027-05-24"), None, (W2027,), D("2027-05-23"))
    assert compute_due(D("2027-12-20"), "30个工作日").warnings == (W2027, W2028)
    assert compute_due(datetime(2027, 3, 5, 10), "24小时") == Due(
        D("2027-03-08"), datetime(2027, 3, 8, 10), (W2027,), D("2027-03-06")
    )


def test_no_warning_when_only_covered_days_were_consulted() -> None:
    # ends on Monday 2026-12-28 after a weekend; 2027 never consulted
    assert compute_due(D("2026-12-20"), "7日") == Due(D("2026-12-28"), None, (), D("2026-12-27"))


def test_a_loaded_year_removes_the_warning() -> None:
    cal = WorkCalendar({D("2027-01-01"): (False, "元旦")}, loaded_years=[2027], sources={2027: "通知"})
    assert compute_due(D("2026-12-31"), "1个工作日", cal) == Due(D("2027-01-04"), None, ())


# --- parsing ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "unit", "n", "label"),
    [
        ("当日", "same_day", 0, "当日"),
        ("当天", "same_day", 0, "当日"),
        ("立即", "same_day", 0, "当日"),
        ("即时", "same_day", 0, "当日"),
        ("次日", "days", 1, "1日"),
        ("24小时", "hours", 24, "24小时"),
        ("２４小时内", "hours", 24, "24小时"),
        ("3日", "days", 3, "3日"),
        ("3日内", "days", 3, "3日"),
        ("30天", "days", 30, "30日"),
        ("三日", "days", 3, "3日"),
        ("十五日", "days", 15, "15日"),
        ("二十日", "days", 20, "20日"),
        ("三十一天", "days", 31, "31日"),
        ("一百二十日", "days", 120, "120日"),
        ("3个工作日", "workdays", 3, "3个工作日"),
        ("2 个工作日内", "workdays", 2, "2个工作日"),
        ("一   个工作日", "workdays", 1, "1个工作日"),
        ("10工作日", "workdays", 10, "10个工作日"),
        ("两个工作日", "workdays", 2, "2个工作日"),
        ("3周", "weeks", 3, "3周"),
        ("八周", "weeks", 8, "8周"),
        ("2个星期", "weeks", 2, "2周"),
        ("6个月", "months", 6, "6个月"),
        ("六个月", "months", 6, "6个月"),
        ("3月", "months", 3, "3个月"),
        ("一个月以内", "months", 1, "1个月"),
        ("1年", "years", 1, "1年"),
        ("三年", "years", 3, "3年"),
    ],
)
def test_parse_period(text: str, unit: str, n: int, label: str) -> None:
    p = parse_period(text)
    assert (p.unit, p.n, p.text, p.label) == (unit, n, text.strip(), label)
    assert parse_period(p) is p


FORMS = (
    "可用的写法为 当日（当天）、N小时（如 24小时）、N日（N天）、N个工作日、N周、N个月、N年；"
    "N 可写阿拉伯数字或一二三…十（如 三日、十五日、六个月），末尾的“内”可省略"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("三星期半", f"无法识别的期限「三星期半」：{FORMS}"),
        ("", f"无法识别的期限「」（期限为空）：{FORMS}"),
        ("  内 ", f"无法识别的期限「内」（期限为空）：{FORMS}"),
        ("0日", f"无法识别的期限「0日」（数量应在1–9999之间）：{FORMS}"),
        ("十十日", f"无法识别的期限「十十日」：{FORMS}"),
        ("3分钟", f"无法识别的期限「3分钟」：{FORMS}"),
        ("个工作日", f"无法识别的期限「个工作日」：{FORMS}"),
        ("-3日", f"无法识别的期限「-3日」：{FORMS}"),
    ],
)
def test_unknown_periods_list_the_accepted_forms(text: str, message: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_period(text)
    assert err.value.message == message
    assert err.value.field == "期限"
    assert err.value.exit_code == 2


def test_non_text_period_and_start_are_rejected() -> None:
    with pytest.raises(InvalidValue, match="无法识别的期限「3」"):
        parse_period(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="起算日期无效"):
        compute_due("2026-01-01", "3日")  # type: ignore[arg-type]


def test_period_is_a_value() -> None:
    assert Period("days", 3, "三日") == parse_period("三日")
    assert str(parse_period(" 3日内 ")) == "3日内"


# --- helpers ---------------------------------------------------------------------------------
def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D("2026-01-31"), 1) == D("2026-02-28")
    assert add_months(D("2028-01-31"), 1) == D("2028-02-29")
    assert add_months(D("2026-10-31"), 3) == D("2027-01-31")
    assert add_months(D("2026-03-31"), -1) == D("2026-02-28")
    assert add_months(D("2026-12-15"), 12) == D("2027-12-15")


def test_working_day_helpers_around_national_day() -> None:
    assert add_working_days(D("2026-09-30"), 3) == D("2026-10-10")
    assert add_working_days(D("2026-10-10"), -3) == D("2026-09-30")
    assert add_working_days(D("2026-10-03"), 0) == D("2026-10-03")
    assert count_working_days(D("2026-09-30"), D("2026-10-10")) == 3
    assert count_working_days(D("2026-09-30"), D("2026-10-07")) == 0
    assert count_working_days(D("2026-10-10"), D("2026-09-30")) == 0
    assert working_days_between(D("2026-09-30"), D("2026-10-10")) == 3
    assert working_days_between(D("2026-10-10"), D("2026-09-30")) == -3
    assert working_days_between(D("2026-10-08"), D("2026-10-08")) == 0
    # overdue since Friday, counted on Monday: one working day late
    assert working_days_between(D("2026-03-16"), D("2026-03-13")) == -1
    assert next_working_day(D("2026-10-01")) == D("2026-10-08")
    assert next_working_day(D("2026-10-10")) == D("2026-10-10")
    assert next_working_day(datetime(2026, 2, 15, 9, 0)) == D("2026-02-24")
