"""Rules that used to live in screens (issue 14, "Rules that live in screens"), now in the core:
the meaning of an empty amount, which 总对总 items are unanswered, who decides a handoff, the
案号's short form, and 终结本次执行程序 spelled once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from zhixing_tui.domain import board, checklist
from zhixing_tui.domain.case_no import short_case_no
from zhixing_tui.domain.closing import TERMINATED_THIS_ROUND
from zhixing_tui.errors import InvalidValue
from zhixing_tui.profiles import load_profile

SRC = Path(__file__).resolve().parents[2] / "src" / "zhixing_tui"


# --- the meaning of an empty amount --------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("feedback", 0),
        ("found", 0),
        ("controlled", 0),
        ("frozen", None),
        ("sealed", None),
        ("deducted", None),
    ],
)
def test_an_empty_amount(target, expected):
    assert checklist.typed_amount(target, "  ", found_fen=500_00, controlled_fen=0, field="金额") == expected


def test_a_typed_amount_is_read_and_checked_against_the_other_one():
    assert (
        checklist.typed_amount("frozen", "1,200.50", found_fen=200_000, controlled_fen=0, field="x")
        == 120_050
    )
    assert checklist.typed_amount("feedback", "300", found_fen=0, controlled_fen=0, field="x") == 30_000
    with pytest.raises(InvalidValue, match="超过查到的"):
        checklist.typed_amount("frozen", "3000", found_fen=100_000, controlled_fen=0, field="x")
    with pytest.raises(InvalidValue, match="超过查到的"):  # found lowered under what is controlled
        checklist.typed_amount("found", "10", found_fen=100_000, controlled_fen=50_000, field="x")
    with pytest.raises(InvalidValue) as err:
        checklist.typed_amount("found", "abc", found_fen=0, controlled_fen=0, field="查到金额")
    assert err.value.field == "查到金额"
    # a found amount of 0 (not stated) lets any control amount follow
    assert checklist.typed_amount("sealed", "90000", found_fen=0, controlled_fen=0, field="x") == 9_000_000


# --- which 总对总 items are unanswered ----------------------------------------------------------
def test_unanswered_national_items():
    assert checklist.awaiting_national("national", "not_started")
    assert checklist.awaiting_national("national", "started")
    assert not checklist.awaiting_national("national", "feedback")
    assert not checklist.awaiting_national("national", "frozen")
    assert not checklist.awaiting_national("local", "started")
    assert not checklist.awaiting_national("offline", "not_started")


# --- who decides a handoff -----------------------------------------------------------------------
def test_handoff_deciders_on_jianli():
    profile = load_profile("jianli")
    first, *rest = profile.flow.moves
    assert board.handoff_deciders(profile, "move", first.from_stage, first.to_stage) == (
        "monitor",
        "bureau_chief",
    )
    # a move the flow gives to the 组长 (as 固始 gives some to the 执行局长)
    by_leader = first.model_copy(update={"approver_role": "group_leader"})
    led = profile.model_copy(update={"flow": profile.flow.model_copy(update={"moves": [by_leader, *rest]})})
    deciders = board.handoff_deciders(led, "move", first.from_stage, first.to_stage)
    assert deciders == ("group_leader", "bureau_chief")
    assert board.may_decide_handoff("monitor", deciders)
    assert board.may_decide_handoff("group_leader", deciders)
    assert board.may_decide_handoff("deputy_chief", deciders)  # above the 组长 on the ladder
    assert board.may_decide_handoff("bureau_chief", deciders)
    assert not board.may_decide_handoff("handler", deciders)
    assert not board.may_decide_handoff("query_clerk", deciders)
    assert not board.may_decide_handoff(None, deciders)
    closing = board.handoff_deciders(profile, "close", None, None)
    assert closing == ("monitor", "bureau_chief")
    assert not board.may_decide_handoff("group_leader", closing)
    # a move the flow no longer declares: 指挥监控
    assert board.handoff_deciders(profile, "move", "online_query", "no_such_stage") == closing


# --- 案号 short forms -----------------------------------------------------------------------------
def test_short_case_no():
    assert short_case_no("（2026）鄂1088执12号") == "2026执12号"
    assert short_case_no("(2025)豫0326执恢7") == "2025执恢7号"
    assert short_case_no("不是案号") == "不是案号"


# --- 终结本次执行程序 spelled once ----------------------------------------------------------------
def test_the_zhongben_method_is_spelled_once():
    """Only domain/closing.py holds the string 终结本次执行程序 as a whole (longer texts that
    quote the law's title are not the method's name)."""
    places = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value == TERMINATED_THIS_ROUND:
                places.append(str(path.relative_to(SRC)))
    assert places == ["domain/closing.py"]


def test_teams_for_class_follow_the_first_match_routes():
    from zhixing_tui.domain.triage import teams_for_class

    gushi = load_profile("gushi").triage
    assert teams_for_class(gushi, "普通") == ("普执团队",)
    assert "速执团队" not in teams_for_class(gushi, "普通")
    ruyang = load_profile("ruyang").triage
    # 简易 stops at its own route: the pool after it is never reached
    assert teams_for_class(ruyang, "简易") == ("特执团队", "普执三团队", "速执团队")
