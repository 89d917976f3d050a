"""A node series (domain.nodes.series_spec): the 终本 re-query every 6 months for 5 years after closing
(法〔2016〕373号 第九条第二款) on a fixed grid, and the schema's checks of a series rule."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from zhixing_tui.domain.calendar import WorkCalendar
from zhixing_tui.domain.nodes import series_count, series_spec, step
from zhixing_tui.profiles.deadline_schema import NATIONAL_RULES, ZHONGBEN_REQUERY, DeadlineRule

RULE = next(r for r in NATIONAL_RULES if r.id == ZHONGBEN_REQUERY)
#: weekends only, every year "loaded": no holiday notice can move these dates
CAL = WorkCalendar(overrides={}, loaded_years={y: "test" for y in range(2026, 2033)})


def test_ten_periods_on_a_fixed_grid_then_the_series_stops():
    origin = datetime(2026, 8, 31, 16, 0)
    specs = [series_spec(RULE, "closed", origin, k, CAL) for k in range(1, 11)]
    assert series_count(RULE) == 10
    assert series_spec(RULE, "closed", origin, 11, CAL) is None  # five years are over
    assert series_spec(RULE, "closed", origin, 0, CAL) is None
    assert [s.due_on for s in specs] == [
        date(2027, 3, 1),  # 2027-02-28 is a Sunday → Monday
        date(2027, 8, 31),  # closing + 12 months: the month end does not drift to the 28th
        date(2028, 2, 29),
        date(2028, 8, 31),
        date(2029, 2, 28),
        date(2029, 8, 31),
        date(2030, 2, 28),
        date(2030, 9, 2),  # 2030-08-31 is a Saturday → Monday
        date(2031, 2, 28),
        date(2031, 9, 1),  # 2031-08-31 is a Sunday → Monday
    ]
    # each period opens where the previous one ended on the grid (not on its rolled due date)
    assert [s.anchor_at for s in specs[:3]] == [origin, datetime(2027, 2, 28, 16), datetime(2027, 8, 31, 16)]
    assert specs[3].name == "终本案件定期网络查控（每六个月一次）第4期（共10期）"
    assert all(s.rule_id == ZHONGBEN_REQUERY and s.anchor_event == "closed" for s in specs)


def test_the_rule_is_started_by_a_zhongben_closing_and_completed_by_a_network_query():
    at = datetime(2026, 8, 31, 16)
    assert step([RULE], [], "closed", at, subject="终结本次执行程序").create == (RULE,)
    assert step([RULE], [], "closed", at, subject="执行完毕").create == ()

    class Node:
        rule_id, anchor_at = ZHONGBEN_REQUERY, at

    node = Node()
    later = datetime(2027, 1, 15, 9)
    done = step([RULE], [node], "national_query_done", later)
    assert done.complete == (node,) and done.repeat == (node,)
    assert step([RULE], [node], "closed", later).complete == ()  # not ended by closing
    assert step([RULE], [node], "resumption_filed", later).withdraw == (node,)
    assert (
        step([RULE], [node], "national_query_done", datetime(2026, 8, 1)).complete == ()
    )  # before its period


def _rule(**kw):
    base = dict(id="x.series", name="系列", anchor="closed", period="6个月", source="测试", owner="handler")
    return DeadlineRule(**{**base, **kw})


def test_a_series_rule_must_be_whole_and_in_months():
    assert series_count(_rule(period="3个月", repeat_every="6个月", repeat_for="1年")) == 2  # 3, 9
    with pytest.raises(ValidationError, match="须同时填写"):
        _rule(repeat_every="6个月")
    with pytest.raises(ValidationError, match="只支持按月、按年"):
        _rule(repeat_every="10日", repeat_for="1年")
    with pytest.raises(ValidationError, match="不合理"):
        _rule(period="2年", repeat_every="6个月", repeat_for="1年")
