"""Properties of the period engine that must hold for every start date and period."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from zhixing_tui.domain.calendar import WorkCalendar, default_calendar
from zhixing_tui.domain.periods import (
    add_months,
    add_working_days,
    compute_due,
    count_working_days,
    parse_period,
    working_days_between,
)

CAL = default_calendar()
# library years, the library's last year and the uncovered years after it
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2029, 12, 31))
covered_starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31))
moments = st.builds(datetime.combine, starts, st.times())
periods = st.one_of(
    st.just("当日"),
    st.integers(1, 400).map(lambda n: f"{n}日"),
    st.integers(1, 120).map(lambda n: f"{n}个工作日"),
    st.integers(1, 52).map(lambda n: f"{n}周"),
    st.integers(1, 36).map(lambda n: f"{n}个月"),
    st.integers(1, 3).map(lambda n: f"{n}年"),
    st.integers(1, 240).map(lambda n: f"{n}小时"),
)
DIGITS = "一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1…999 in Chinese numerals (十五, 二十, 一百零五, 三百二十一)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = f"{DIGITS[hundreds - 1]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens - 1]) + "十"
    elif hundreds and units:
        out += "零"
    if units:
        out += DIGITS[units - 1]
    return out


@settings(max_examples=400, deadline=None)
@given(start=st.one_of(starts, moments), period=periods)
def test_due_is_never_before_start_and_is_a_working_day(start: date, period: str) -> None:
    result = compute_due(start, period, CAL)
    day = start.date() if isinstance(start, datetime) else start
    assert result.due_on >= day
    assert CAL.is_workday(result.due_on)
    if result.due_at is not None:
        assert result.due_at >= start and result.due_at.date() == result.due_on
    if result.extended_from is not None:
        assert result.extended_from < result.due_on and not CAL.is_workday(result.extended_from)
        # the days skipped are all rest days
        d = result.extended_from
        while d < result.due_on:
            assert not CAL.is_workday(d)
            d += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(1, 200))
def test_working_day_result_is_the_nth_working_day(start: date, n: int) -> None:
    result = compute_due(start, f"{n}个工作日", CAL)
    assert CAL.is_workday(result.due_on)
    assert count_working_days(start, result.due_on, CAL) == n
    assert count_working_days(start, result.due_on - timedelta(days=1), CAL) == n - 1
    assert result.extended_from is None


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(-200, 200))
def test_forward_then_counted_back_is_n(start: date, n: int) -> None:
    end = add_working_days(start, n, CAL)
    if n >= 0:
        assert count_working_days(start, end, CAL) == n
        assert working_days_between(start, end, CAL) == n
        assert working_days_between(end, start, CAL) == -n
    else:  # counting back: the working days in [end, start) are |n|, and end is one of them
        one = timedelta(days=1)
        assert CAL.is_workday(end)
        assert count_working_days(end - one, start - one, CAL) == -n


@settings(max_examples=200, deadline=None)
@given(start=starts, a=st.integers(0, 100), b=st.integers(0, 100))
def test_more_working_days_never_end_earlier(start: date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert add_working_days(start, lo, CAL) <= add_working_days(start, hi, CAL)
    if lo < hi:
        assert add_working_days(start, lo, CAL) < add_working_days(start, hi, CAL)


@settings(max_examples=300, deadline=None)
@given(start=covered_starts, n=st.integers(1, 60))
def test_calendar_days_end_on_the_first_working_day_from_the_last_day(start: date, n: int) -> None:
    result = compute_due(start, f"{n}日", CAL)
    last = start + timedelta(days=n)
    assert result.due_on >= last
    assert CAL.is_workday(result.due_on)
    assert count_working_days(last - timedelta(days=1), result.due_on, CAL) == 1
    assert result.warnings == ()


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 31)), period=periods)
def test_a_2027_start_gives_a_result_and_a_warning(start: date, period: str) -> None:
    result = compute_due(start, period, CAL)
    assert result.due_on >= start
    assert result.due_on.weekday() < 5  # weekends only
    # the due day itself was consulted, so its year is named; each year once, in order
    assert CAL.coverage_warning(result.due_on.year) in result.warnings
    years = [int(w[:4]) for w in result.warnings]
    assert years == sorted(set(years)) and years[0] >= 2027


@settings(max_examples=100, deadline=None)
@given(start=st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 20)), period=periods)
def test_loading_the_year_removes_the_warning(start: date, period: str) -> None:
    cal = WorkCalendar(loaded_years=[2027, 2028, 2029, 2030], sources={2027: "通知"})
    assert compute_due(start, period, cal).warnings == ()


@given(n=st.integers(1, 999), unit=st.sampled_from(["日", "天", "个工作日", "周", "个月", "小时"]))
def test_chinese_numerals_read_like_digits(n: int, unit: str) -> None:
    written = parse_period(f"{to_chinese(n)}{unit}")
    digits = parse_period(f"{n}{unit}")
    assert (written.unit, written.n) == (digits.unit, digits.n) == (digits.unit, n)
    assert parse_period(digits.label) == parse_period(digits.label)
    assert (parse_period(digits.label).unit, parse_period(digits.label).n) == (digits.unit, n)


@given(d=starts, months=st.integers(-48, 48))
def test_add_months_lands_in_the_right_month(d: date, months: int) -> None:
    result = add_months(d, months)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == months
    assert result.day == d.day or (result.day < d.day and (result + timedelta(days=1)).day == 1)


@given(day=starts, clock=st.times(), hours=st.integers(1, 240))
def test_hours_from_a_moment_are_not_shorter_than_the_clock(day: date, clock: time, hours: int) -> None:
    start = datetime.combine(day, clock)
    result = compute_due(start, f"{hours}小时", CAL)
    assert result.due_at is not None
    assert result.due_at >= start + timedelta(hours=hours)
    assert result.due_at.time() == (start + timedelta(hours=hours)).time()
