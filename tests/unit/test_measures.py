"""domain.measures: kinds, lasting vs one-off, lifting verbs, the law's limits and the events."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing_tui.domain import measures as dm
from zhixing_tui.domain.events import EVENTS
from zhixing_tui.errors import Conflict, InvalidValue

TODAY = date(2026, 11, 23)


def check(kind, *, party="person", days=None, amount=None, on=date(2026, 11, 20)):
    dm.check_measure(dm.MeasureInput(kind, on, party, days=days, amount_fen=amount), TODAY)


def test_kinds_names_and_states():
    assert set(dm.MEASURE_KINDS) == {
        "consumption_ban", "dishonest", "fine", "detention", "exit_ban",
        "interview", "zhongben_interview", "search", "reward",
    }  # fmt: skip
    assert [dm.require_kind(k) for k in ("限消", "限制消费", "失信", "边控", "拘留", "fine")] == [
        "consumption_ban", "consumption_ban", "dishonest", "exit_ban", "detention", "fine",
    ]  # fmt: skip
    with pytest.raises(InvalidValue, match="^措施种类不认识：查封"):
        dm.require_kind("查封")
    assert {k for k in dm.MEASURE_KINDS if dm.initial_state(k) == "active"} == {
        "consumption_ban", "dishonest", "exit_ban", "reward",
    }  # fmt: skip
    assert dm.initial_state("detention") == dm.initial_state("fine") == "done"
    assert dm.party_role_for("zhongben_interview") == "applicant"
    assert dm.party_role_for("interview") == dm.party_role_for("detention") == "respondent"


def test_every_event_a_measure_records_is_an_event_code():
    for events in dm.MEASURE_EVENTS.values():
        assert set(events) <= set(EVENTS)
    assert dm.MEASURE_EVENTS["dishonest"] == ("dishonest_decided", "measures_taken")
    assert dm.MEASURE_EVENTS["consumption_ban"][0] == "consumption_ban_issued"
    assert dm.MEASURE_EVENTS["zhongben_interview"] == ("zhongben_interview",)
    assert dm.ENTRY_EVENT in EVENTS and dm.ENTRY_KINDS == {"dishonest", "consumption_ban"}


def test_detention_days_follow_the_law():
    check("detention", days=1)
    check("detention", days=15)
    for days in (0, 16, None):
        with pytest.raises(
            InvalidValue, match="拘留期限应为1至15日（《中华人民共和国民事诉讼法》第一百一十八条）"
        ):
            check("detention", days=days)
    with pytest.raises(InvalidValue, match="只有拘留填写天数"):
        check("fine", days=3, amount=100_00)


def test_fine_limits_for_a_person_and_a_unit():
    check("fine", amount=100_000_00)  # 个人：十万元以下
    with pytest.raises(InvalidValue, match="对个人的罚款金额应为十万元以下"):
        check("fine", amount=100_000_01)
    with pytest.raises(InvalidValue, match="罚款金额应大于0"):
        check("fine", amount=0)
    check("fine", party="company", amount=50_000_00)
    check("fine", party="organ", amount=1_000_000_00)
    for amount in (49_999_99, 1_000_000_01):
        with pytest.raises(InvalidValue, match="对单位的罚款金额应为五万元以上一百万元以下"):
            check("fine", party="company", amount=amount)
    with pytest.raises(InvalidValue, match="悬赏金额应大于0"):
        check("reward")
    check("reward", amount=1_000_00)
    with pytest.raises(InvalidValue, match="只有罚款、悬赏填写金额"):
        check("consumption_ban", amount=5)


def test_no_decision_in_the_future():
    check("search", on=TODAY)
    with pytest.raises(InvalidValue, match="决定日期不能晚于今天（2026-11-23）：2026-11-24"):
        check("search", on=date(2026, 11, 24))


def test_lifting_verbs_states_and_dates():
    d = date(2026, 11, 1)
    assert dm.check_lift("consumption_ban", "active", "解除", d, TODAY, TODAY) == "lifted"
    assert dm.check_lift("dishonest", "active", "屏蔽", d, d, TODAY) == "shielded"
    assert dm.check_lift("dishonest", "active", "撤销", d, d, TODAY) == "revoked"
    assert dm.check_lift("dishonest", "active", "删除", d, d, TODAY) == "lifted"
    assert dm.check_lift("exit_ban", "active", "解除", d, d, TODAY) == "lifted"
    with pytest.raises(Conflict, match="^该限制消费措施已解除，不能再解除$"):
        dm.check_lift("consumption_ban", "lifted", "解除", d, TODAY, TODAY)
    with pytest.raises(Conflict, match="^拘留是一次性措施"):
        dm.check_lift("detention", "done", "解除", d, TODAY, TODAY)
    with pytest.raises(InvalidValue, match="限制消费不能“撤销”（可用：解除）"):
        dm.check_lift("consumption_ban", "active", "撤销", d, TODAY, TODAY)
    with pytest.raises(InvalidValue, match="解除日期 2026-10-31 早于决定日期 2026-11-01"):
        dm.check_lift("exit_ban", "active", "解除", d, date(2026, 10, 31), TODAY)
    with pytest.raises(InvalidValue, match="解除日期不能晚于今天"):
        dm.check_lift("exit_ban", "active", "解除", d, date(2026, 11, 24), TODAY)


def test_entry_of_a_dishonest_decision():
    d = date(2026, 11, 20)
    dm.check_entry("dishonest", None, d, d, TODAY)
    dm.check_entry("consumption_ban", None, d, TODAY, TODAY)
    with pytest.raises(Conflict, match="^拘留无需录入"):
        dm.check_entry("detention", None, d, d, TODAY)
    with pytest.raises(Conflict, match="^该失信决定已于 2026-11-20 录入$"):
        dm.check_entry("dishonest", d, d, TODAY, TODAY)
    with pytest.raises(InvalidValue, match="录入日期 2026-11-19 早于决定日期 2026-11-20"):
        dm.check_entry("dishonest", None, d, date(2026, 11, 19), TODAY)
