"""The order of 财产处置 steps and the day each may carry (domain.disposal, pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zhixing_tui.domain import disposal as dd
from zhixing_tui.errors import Conflict, InvalidValue


def day(n: int) -> date:
    return date(2026, 11, n)


CONTROLLED = dd.DisposalState(controlled_on=day(2))
STARTED = replace(CONTROLLED, started_on=day(3))
PRICED = replace(STARTED, valuation_started_on=day(4), reference_price_on=day(10))
RULED = replace(PRICED, auction_ruling_on=day(12))
FIRST = replace(RULED, rounds=(dd.RoundState("first", day(13)),))


def test_a_fresh_item_may_start_or_need_vacating_and_nothing_else():
    assert dd.next_steps(CONTROLLED) == ("start", "vacate_need")
    assert dd.check_step(CONTROLLED, "start") == (day(2), "控制财产之日")
    with pytest.raises(Conflict, match="尚未进入财产处置"):
        dd.check_step(CONTROLLED, "value")


def test_each_step_is_dated_not_before_the_one_it_follows():
    assert dd.check_step(STARTED, "value") == (day(3), "进入财产处置之日")
    assert dd.check_step(replace(STARTED, valuation_started_on=day(4)), "price") == (
        day(4),
        "启动议价/询价/评估之日",
    )
    assert dd.check_step(PRICED, "handover") == (day(10), "确定参考价之日")
    assert dd.check_step(PRICED, "ruling") == (day(10), "确定参考价（移交拍卖）之日")
    assert dd.check_step(replace(PRICED, handed_over_on=day(11)), "ruling")[0] == day(11)
    assert dd.check_step(RULED, "notice") == (day(12), "拍卖裁定之日")
    assert dd.check_step(FIRST, "serve") == (day(13), "公告发布之日")
    assert dd.check_step(FIRST, "deal") == (day(13), "公告发布之日")
    sold = replace(
        FIRST, rounds=(dd.RoundState("first", day(13), result="sold", result_on=day(20)),), deal_on=day(20)
    )
    assert dd.check_step(sold, "pay") == (day(20), "成交之日")
    paid = replace(sold, paid_on=day(23))
    assert dd.check_step(paid, "deal_ruling") == (day(23), "全额缴款之日")
    assert dd.check_step(replace(paid, deal_ruling_on=day(25)), "transfer") == (day(25), "成交裁定之日")


def test_no_deal_ruling_before_the_deal_and_its_payment():
    with pytest.raises(Conflict, match="尚未成交，不能作出成交裁定"):
        dd.check_step(FIRST, "deal_ruling")
    sold = replace(FIRST, deal_on=day(20))
    with pytest.raises(Conflict, match="价款尚未全额缴纳"):
        dd.check_step(sold, "deal_ruling")
    with pytest.raises(Conflict, match="尚未作出成交裁定"):
        dd.check_step(replace(sold, paid_on=day(21)), "transfer")


def test_rounds_go_first_second_sale_and_a_failed_sale_leaves_only_the_end():
    assert dd.next_round(RULED) == "first"
    assert dd.next_round(FIRST) is None  # the first round is still open
    with pytest.raises(Conflict, match="一拍尚未结束"):
        dd.check_step(FIRST, "notice")
    failed = replace(FIRST, rounds=(dd.RoundState("first", day(13), result="failed", result_on=day(14)),))
    assert dd.next_round(failed) == "second"
    assert dd.check_step(failed, "notice") == (day(14), "一拍流拍之日")
    assert dd.check_step(failed, "end") == (day(14), "流拍之日")
    rounds = (
        dd.RoundState("first", day(13), result="failed", result_on=day(14)),
        dd.RoundState("second", day(15), result="failed", result_on=day(16)),
        dd.RoundState("sale", day(17), result="failed", result_on=day(18)),
    )
    sale_failed = replace(RULED, rounds=rounds)
    assert dd.next_round(sale_failed) is None
    with pytest.raises(Conflict, match="变卖已流拍，没有下一轮"):
        dd.check_step(sale_failed, "notice")
    ended = replace(sale_failed, ended_on=day(18))
    assert dd.next_steps(ended) == ()
    assert dd.status_name(ended) == "流拍，程序终结"
    with pytest.raises(Conflict, match="尚未流拍"):
        dd.check_step(FIRST, "end")


def test_vacating_runs_beside_and_waits_for_the_notice_period():
    need = replace(CONTROLLED, vacate_needed_on=day(5))
    assert dd.next_steps(need) == ("start", "vacate_notice")
    notice = replace(need, vacate_notice_on=day(6), vacate_until=day(21))
    assert dd.check_step(notice, "vacate_expire") == (day(21), "公告所定的腾房期限")
    assert dd.check_step(replace(notice, vacate_until=None), "vacate_expire") == (day(6), "腾房公告之日")
    with pytest.raises(Conflict, match="腾房公告尚未期满"):
        dd.check_step(notice, "vacated")
    assert dd.status_name(need) == "待进入处置（腾房）"


def test_valuation_methods_by_code_or_name():
    assert [dd.parse_method(t) for t in ("appraisal", "委托评估", "评估", "网络询价", "议价")] == [
        "appraisal",
        "appraisal",
        "appraisal",
        "online",
        "bargain",
    ]
    with pytest.raises(InvalidValue, match="不认识的参考价确定方式：询价"):
        dd.parse_method("询价")  # 定向 or 网络: ambiguous, so refused


def test_a_board_move_can_be_tied_to_a_known_event_only():
    from pydantic import ValidationError

    from zhixing_tui.profiles import load_profile
    from zhixing_tui.profiles.schema import Move

    moves = [m for m in load_profile("jianli").flow.moves if m.on_event]
    assert [(m.from_stage, m.to_stage, m.on_event) for m in moves] == [
        ("disposal", "clue_query", "auction_failed")
    ]
    with pytest.raises(ValidationError, match="不认识的事件：liupai"):
        Move.model_validate({"from": "disposal", "to": "clue_query", "label": "退回", "on_event": "liupai"})
