"""domain.execution_period: 3/6 months, the pauses events open and close, extensions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from zhixing_tui.domain.calendar import WorkCalendar
from zhixing_tui.domain.events import EVENTS
from zhixing_tui.domain.execution_period import (
    PAUSE_EVENTS,
    PAUSE_RULES,
    Pause,
    check_extension_period,
    check_extension_timing,
    execution_due,
    extension_note,
    last_request_day,
    pause_step,
    period_for,
    period_name,
)
from zhixing_tui.errors import Conflict, InvalidValue

CAL = WorkCalendar()


@dataclass
class Row:
    kind: str
    start_on: date
    end_on: date | None
    source_event: str


def test_non_litigation_cases_have_three_months() -> None:
    assert period_for(False) == "6个月"
    assert period_for(True) == "3个月"
    assert period_for(True, period="6个月", non_litigation_period="2个月") == "2个月"
    assert period_name(True, "3个月") == "法定执行期限（非诉执行，立案起3个月内执结）"
    assert period_name(False, "6个月") == "法定执行期限（立案起6个月内执结）"


@pytest.mark.parametrize(
    ("filed", "period", "due"),
    [
        (date(2026, 3, 2), "3个月", date(2026, 6, 2)),  # a Tuesday
        (date(2026, 11, 30), "3个月", date(2027, 3, 1)),  # 02-28 (month end) is a Sunday → Monday
        (date(2026, 7, 6), "3个月", date(2026, 10, 8)),  # 10-06 is in the 国庆 holiday → 10-08
        (date(2026, 1, 31), "3个月", date(2026, 4, 30)),  # no 04-31: the month's last day
        (date(2026, 11, 2), "6个月", date(2027, 5, 3)),  # 05-02 is 劳动节 (statutory days, 2027)
    ],
)
def test_three_and_six_months_count_like_every_period(filed: date, period: str, due: date) -> None:
    assert execution_due(filed, (), CAL, period=period)[0] == due


def test_extensions_add_months_from_filing_and_pauses_add_days() -> None:
    # 6 + 3 months from 08-31: 05-31 (the month end stays a month end), not 02-28 + 3 months
    assert execution_due(date(2026, 8, 31), (), CAL, extensions=("3个月",))[0] == date(2027, 5, 31)
    # days run on from the unextended last day (02-28, a Sunday) and are then moved to a working day
    assert execution_due(date(2026, 8, 31), (), CAL, extensions=("30日",))[0] == date(2027, 3, 30)
    pauses = (Pause(date(2026, 12, 10), date(2026, 12, 20), kind="拍卖"),)
    # 06-01 + 9 months = 2027-03-01, + 10 days not counted
    assert execution_due(date(2026, 6, 1), pauses, CAL, extensions=("3个月",))[0] == date(2027, 3, 11)
    due, warnings = execution_due(date(2026, 6, 1), pauses, CAL, extensions=("3个月",))
    assert len(warnings) == 1 and "2027年" in warnings[0]


def test_every_pause_event_is_a_real_event_and_each_rule_closes() -> None:
    assert PAUSE_EVENTS <= set(EVENTS)
    assert {r.kind for r in PAUSE_RULES} == {"评估", "拍卖", "公告", "公告送达"}
    for r in PAUSE_RULES:
        assert r.closed_by or r.lasts, r.kind
        assert len(r.kind) <= 10 and "法释〔2000〕29号" in r.source


def test_pause_step_opens_once_and_closes_what_is_open() -> None:
    step = pause_step([], "auction_ruling", datetime(2026, 12, 10, 9))
    assert [(p.kind, p.start_on, p.end_on, p.source_event) for p in step.open] == [
        ("拍卖", date(2026, 12, 10), None, "auction_ruling")
    ]
    assert "（十二）" in step.open[0].reason
    rows = [Row("拍卖", date(2026, 12, 10), None, "auction_ruling")]
    # the notice after the ruling, or the ruling recorded twice: the pause is already running
    assert pause_step(rows, "auction_notice_published", date(2026, 12, 12)).open == ()
    assert pause_step(rows, "auction_ruling", date(2026, 12, 10)).open == ()
    closing = pause_step(rows, "deal_ruling", date(2026, 12, 20))
    assert closing.close == (rows[0],) and closing.end_on == date(2026, 12, 20)
    rows[0].end_on = date(2026, 12, 20)
    assert pause_step(rows, "deal_ruling", date(2026, 12, 21)).close == ()  # nothing open any more
    assert pause_step(rows, "auction_ruling", date(2026, 12, 10)).open == ()  # replayed: once only
    again = pause_step(rows, "auction_ruling", date(2027, 1, 5))  # a new round later: a new pause
    assert [p.start_on for p in again.open] == [date(2027, 1, 5)]
    # an event unrelated to the pauses does nothing; a close does not reach a pause begun later
    assert pause_step(rows, "sealed", date(2026, 12, 12)) == pause_step([], "sealed", date(2026, 12, 12))
    later = [Row("评估", date(2027, 1, 5), None, "valuation_started")]
    assert pause_step(later, "reference_price_set", date(2027, 1, 4)).close == ()
    assert pause_step(later, "reference_price_set", date(2027, 1, 9)).close == (later[0],)


def test_service_by_notice_pauses_thirty_days_by_itself() -> None:
    step = pause_step([], "service_by_notice", date(2026, 12, 1))
    assert [(p.kind, p.start_on, p.end_on) for p in step.open] == [
        ("公告送达", date(2026, 12, 1), date(2026, 12, 31))
    ]
    rows = [Row("公告送达", date(2026, 12, 1), date(2026, 12, 31), "service_by_notice")]
    assert (
        pause_step(rows, "service_by_notice", date(2026, 12, 15)).open == ()
    )  # another document, same notice
    assert len(pause_step(rows, "service_by_notice", date(2027, 1, 2)).open) == 1


def test_vacate_notice_pauses_until_it_expires() -> None:
    step = pause_step([], "vacate_notice_published", date(2026, 12, 1))
    assert [p.kind for p in step.open] == ["公告"]
    rows = [Row("公告", date(2026, 12, 1), None, "vacate_notice_published")]
    assert pause_step(rows, "vacate_notice_expired", date(2026, 12, 16)).close == (rows[0],)


def test_extension_request_at_least_five_days_before_expiry() -> None:
    due = date(2026, 12, 1)
    assert last_request_day(due) == date(2026, 11, 26)
    check_extension_timing(date(2026, 11, 26), due)  # exactly 5 days before: in time
    with pytest.raises(Conflict, match="最迟 2026-11-26"):
        check_extension_timing(date(2026, 11, 27), due)
    with pytest.raises(Conflict, match="法发〔2006〕35号"):
        check_extension_timing(date(2026, 12, 5), due)  # expired


def test_extension_period_is_at_most_three_months() -> None:
    assert check_extension_period("三个月") == "3个月"
    assert check_extension_period("30日") == "30日"
    with pytest.raises(InvalidValue, match="一次延长不超过三个月"):
        check_extension_period("4个月")
    with pytest.raises(InvalidValue, match="日、周或个月"):
        check_extension_period("5个工作日")
    assert (
        extension_note("3个月", date(2026, 11, 23), "副院长", "王某")
        == "经批准延长3个月（2026-11-23 副院长 王某 批准）"
    )
