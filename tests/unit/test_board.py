"""The board as data: columns, focus, allowed moves, approval states, 终本 and travel rules."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from zhixing_tui.domain import board
from zhixing_tui.errors import Conflict
from zhixing_tui.profiles import PROFILE_IDS, load_profile


@pytest.fixture(scope="module")
def jianli():
    return load_profile("jianli")


def test_jianli_columns_are_the_groups_in_flow_order(jianli):
    names = [c.name for c in board.board_columns(jianli)]
    assert names[:6] == ["线上查控", "线下查控", "线索查控", "财产处置", "拒执打击", "终本办理"]
    assert [c.limit for c in board.board_columns(jianli)][:6] == ["3周", "2周", "8周", "1周", "1周", "4周"]


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_every_profile_has_a_board(pid):
    cols = board.board_columns(load_profile(pid))
    assert len(cols) >= 3
    assert len({c.code for c in cols}) == len(cols)


def test_focus_clamps_at_edges(jianli):
    cols = board.board_columns(jianli)
    assert board.neighbour(cols, 0, -1) == 0
    assert board.neighbour(cols, 0, +1) == 1
    assert board.neighbour(cols, len(cols) - 1, +1) == len(cols) - 1
    assert board.clamp(5, 0) == 0


@pytest.mark.parametrize(
    ("src", "direction", "target"),
    [
        ("online_query", +1, "offline_query"),
        ("offline_query", +1, "clue_query"),
        ("clue_query", +1, "disposal"),  # nearest allowed column to the right
        ("disposal", -1, "clue_query"),  # 流拍 returns to 线索查控
        ("refusal", +1, "zhongben"),
        ("online_query", -1, None),  # nothing to the left
        ("offline_query", -1, None),  # no return from 线下 to 线上
    ],
)
def test_move_towards(jianli, src, direction, target):
    move = board.move_towards(jianli, src, direction)
    assert (move.to_stage if move else None) == target


def test_allowed_and_refused_moves(jianli):
    assert board.check_move(jianli, "clue_query", "refusal").label == "拘留后移送拒执打击组"
    assert board.check_move(jianli, "online_query", "offline_query").form == "national_query_form"
    assert board.check_move(jianli, "offline_query", "clue_query").form == "offline_query_form"
    with pytest.raises(Conflict) as err:
        board.check_move(jianli, "online_query", "zhongben")
    assert "不允许从线上查控移送到终本办理" in err.value.message
    assert "线下查控" in err.value.message


def test_every_jianli_move_needs_monitor_approval_except_final_filing(jianli):
    for m in jianli.flow.moves:
        if m.from_stage == "closing_review":
            assert not m.needs_approval
        else:
            assert m.needs_approval and m.approver_role == "monitor", m


@pytest.mark.parametrize("pid", ["ruyang", "kuaizhi", "gushi", "shihe"])
def test_team_profiles_refuse_skipping_to_closed(pid):
    p = load_profile(pid)
    with pytest.raises(Conflict):
        board.check_move(p, p.flow.entry_stage, "closed")


def test_handoff_state_machine():
    assert board.decide_handoff("submitted", "approved") == "approved"
    assert board.decide_handoff("submitted", "returned") == "returned"
    with pytest.raises(Conflict, match="已批准"):
        board.decide_handoff("approved", "returned")
    with pytest.raises(Conflict):
        board.decide_handoff("submitted", "maybe")


def test_days_in_stage_counts_from_entry():
    assert board.days_in_stage(datetime(2026, 11, 2, 16, 30), date(2026, 11, 23)) == 21
    assert board.days_in_stage(date(2026, 11, 23), date(2026, 11, 23)) == 0


@pytest.mark.parametrize(
    ("scope", "role"),
    [
        ("in_county", "group_leader"),
        ("in_city", "bureau_chief"),
        ("in_province", "vice_president"),
        ("out_of_province", "president"),
    ],
)
def test_travel_levels(scope, role):
    assert board.travel_approver(scope) == role


def test_unknown_travel_scope():
    with pytest.raises(Conflict, match="未知出差范围"):
        board.travel_approver("moon")
