"""Pure node logic: instances from rules, completion, the six statuses, the execution period with
suspensions excluded, seal expiry by asset kind, the 终本 conditions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from zhixing_tui.domain.calendar import WorkCalendar
from zhixing_tui.domain.nodes import (
    APPROACHING,
    DONE,
    DONE_LATE,
    DUE_TODAY,
    OVERDUE,
    PENDING,
    STATUS_NAMES,
    Pause,
    anchors,
    approach_limit,
    cancels,
    completes,
    excluded_days,
    execution_due,
    instantiate,
    node_status,
    seal_expiry,
)
from zhixing_tui.errors import InvalidValue
from zhixing_tui.profiles import load_profile
from zhixing_tui.profiles.deadline_schema import rule_by_id

CAL = WorkCalendar()


@dataclass
class N:
    due_on: date
    due_at: datetime | None = None
    completed_at: datetime | None = None


def rule(pid: str, rid: str):
    r = rule_by_id(load_profile(pid), rid)
    assert r is not None
    return r


def test_status_names_are_the_six() -> None:
    assert list(STATUS_NAMES.values()) == ["已完成", "超期完成", "未到期", "临期", "今日到期", "超期"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 9), (OVERDUE, 4)),  # due Thu 03-05
        (date(2026, 3, 5), (DUE_TODAY, 0)),
        (date(2026, 3, 4), (APPROACHING, 1)),
        (date(2026, 3, 3), (APPROACHING, 2)),  # Tue: 2 working days later is Thu
        (date(2026, 3, 2), (PENDING, 3)),
    ],
)
def test_open_node_status(today: date, expected: tuple[str, int]) -> None:
    assert node_status(N(date(2026, 3, 5)), today, CAL) == expected


def test_warning_window_counts_working_days_over_a_weekend() -> None:
    # Friday 2026-03-06: 2 working days → Tuesday 03-10; a node due Monday or Tuesday is 临期.
    assert approach_limit(date(2026, 3, 6), "2个工作日", CAL) == date(2026, 3, 10)
    assert node_status(N(date(2026, 3, 10)), date(2026, 3, 6), CAL) == (APPROACHING, 4)
    assert node_status(N(date(2026, 3, 11)), date(2026, 3, 6), CAL) == (PENDING, 5)
    # a wider window (seal renewal warning)
    assert node_status(N(date(2026, 4, 1)), date(2026, 3, 6), CAL, "1个月") == (APPROACHING, 26)


def test_completed_statuses() -> None:
    on_time = N(date(2026, 3, 5), completed_at=datetime(2026, 3, 5, 17, 0))
    late = N(date(2026, 3, 5), completed_at=datetime(2026, 3, 8, 9, 0))
    assert node_status(on_time, date(2026, 3, 20), CAL) == (DONE, 0)
    assert node_status(late, date(2026, 3, 20), CAL) == (DONE_LATE, 3)
    # on a day before it was completed, it was still open
    assert node_status(late, date(2026, 3, 6), CAL) == (OVERDUE, 1)


def test_hour_node_late_by_the_clock() -> None:
    due_at = datetime(2026, 3, 3, 10, 0)
    assert (
        node_status(N(date(2026, 3, 3), due_at, datetime(2026, 3, 3, 9, 59)), date(2026, 3, 4), CAL)[0]
        == DONE
    )
    assert (
        node_status(N(date(2026, 3, 3), due_at, datetime(2026, 3, 3, 10, 1)), date(2026, 3, 4), CAL)[0]
        == DONE_LATE
    )


def test_instantiate_counts_from_the_anchor_or_the_clock() -> None:
    notices = rule("shihe", "shihe.notices")  # 3个工作日 from 立案
    spec = instantiate(notices, "filed", datetime(2026, 9, 30, 10, 0), CAL)
    assert spec.due_on == date(2026, 10, 10)  # DOMAIN worked example (10-10 is a make-up working day)
    assert (spec.rule_id, spec.anchor_event, spec.period, spec.owner) == (
        "shihe.notices",
        "filed",
        "3个工作日",
        "docs_online",
    )
    feedback = rule("shihe", "shihe.feedback_print")  # 24小时
    spec = instantiate(feedback, "national_query_done", datetime(2026, 3, 2, 15, 30), CAL)
    assert (spec.due_on, spec.due_at) == (date(2026, 3, 3), datetime(2026, 3, 3, 15, 30))
    fast = rule("ruyang", "stage.fast")  # 30日 counted from 立案, created on entering the stage
    spec = instantiate(fast, "stage_entered", datetime(2026, 3, 12, 9), CAL, clock_at=date(2026, 3, 2))
    assert spec.due_on == date(2026, 4, 1)
    assert spec.anchor_at == datetime(2026, 3, 12, 9)


def test_anchor_filters_and_completion() -> None:
    fast = rule("ruyang", "stage.fast")
    assert anchors(fast, "stage_entered", subject="fast")
    assert not anchors(fast, "stage_entered", subject="ordinary_1")
    assert not anchors(fast, "filed")
    assert completes(fast, "closed")
    assert cancels(fast, "simple_to_complex")
    assert not completes(fast, "stage_left", subject="fast")  # leaving the team does not close it

    jl = rule("jianli", "stage.online_query")
    assert completes(jl, "stage_left", subject="online_query")
    assert not completes(jl, "stage_left", subject="offline_query")
    # entering the next stage ends the stay too (services that only record the entry)
    assert completes(jl, "stage_entered", subject="offline_query")
    assert not completes(jl, "stage_entered", subject="online_query") and not cancels(jl, "stage_entered")
    # a 速执 case moved to another team: the 30-day rule no longer applies (withdrawn, not done)
    assert cancels(fast, "stage_entered", subject="ordinary_1") and not completes(
        fast, "stage_entered", subject="ordinary_1"
    )
    assert cancels(rule("kuaizhi", "kuaizhi.fast_close"), "stage_entered", subject="ordinary_2")

    seal = rule("ruyang", "national.seal.real_estate")
    assert anchors(seal, "sealed", subject="real_estate") and not anchors(seal, "sealed", subject="deposit")
    assert completes(seal, "renewed", subject="real_estate") and anchors(
        seal, "renewed", subject="real_estate"
    )
    assert completes(seal, "released", subject="real_estate")
    assert not completes(seal, "closed")  # seals outlive the case (终本 cases keep them)

    money = rule("ruyang", "ruyang.case_money")
    assert completes(money, "money_paid_out") and completes(money, "closed")
    assert not completes(rule("kuaizhi", "kuaizhi.image_file"), "closed")


def test_execution_period_excludes_suspensions() -> None:
    filed = date(2026, 1, 5)
    assert execution_due(filed, (), CAL) == (date(2026, 7, 6), ())  # 07-05 is a Sunday
    pauses = [Pause(date(2026, 2, 1), date(2026, 2, 11), "和解履行期间", "暂缓")]
    assert excluded_days(pauses) == 10
    assert execution_due(filed, pauses, CAL)[0] == date(2026, 7, 15)
    # overlapping intervals count once; an open one counts up to as_of
    pauses2 = pauses + [Pause(date(2026, 2, 5), date(2026, 2, 15)), Pause(date(2026, 5, 1), None)]
    assert excluded_days(pauses2, as_of=date(2026, 5, 11)) == 14 + 10


def test_seal_expiry_by_asset_kind() -> None:
    assert seal_expiry("deposit", date(2026, 3, 10), CAL) == date(2027, 3, 10)
    assert seal_expiry("movable", date(2026, 3, 10), CAL) == date(2028, 3, 10)
    # 2029-03-10 is a Saturday: the term ends there all the same (never moved to a working day)
    assert seal_expiry("real_estate", date(2026, 3, 10), CAL) == date(2029, 3, 10)
    with pytest.raises(InvalidValue, match="财产类别"):
        seal_expiry("car", date(2026, 3, 10), CAL)
