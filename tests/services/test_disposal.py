"""财产处置 on a real database: each step by the real operation, the nodes it starts and completes
(汝阳 valuation/auction_handover/vacate_*, 浉河 auction_notice*/deal_ruling), the order and dates
refused in Chinese, the execution period paused by 评估/拍卖, and 监利's 流拍 return submitted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import select

from tests.triage_fixtures import waiting_case
from zhixing_tui.errors import Conflict, InvalidValue, PermissionDenied
from zhixing_tui.services import disposal
from zhixing_tui.services.board import handoffs
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.nodes import EXECUTION_RULE
from zhixing_tui.services.triage import decisions
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import (
    AuditEntry,
    Case,
    DeadlineNode,
    Disposal,
    DisposalRound,
    Handoff,
    QueryItem,
    Staff,
    Suspension,
)


def _staff(desk, role: str, unit_id: int | None = None) -> str:
    with desk.session() as s:
        q = select(Staff.name).where(Staff.role == role, Staff.active)
        if unit_id is not None:
            q = q.where(Staff.unit_id == unit_id)
        name = s.exec(q.order_by(Staff.id)).first()
    assert name is not None, role
    return name


def _node(desk, case_id: int, rule_id: str) -> DeadlineNode:
    with desk.session() as s:
        return s.exec(
            select(DeadlineNode)
            .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == rule_id)
            .order_by(DeadlineNode.id.desc())  # type: ignore[union-attr]
        ).first()


def _pauses(desk, case_id: int) -> list[tuple]:
    with desk.session() as s:
        rows = s.exec(select(Suspension).where(Suspension.case_id == case_id).order_by(Suspension.id))
        return [(r.kind, r.start_on, r.end_on, r.source_event) for r in rows]


def _sealed_item(desk, case_id: int, asset_type: str, on: date) -> int:
    with desk.transaction() as s:
        item = QueryItem(
            case_id=case_id,
            channel="offline",
            asset_type=asset_type,
            status="sealed",
            result="found",
            started_on=on,
            feedback_on=on,
            controlled_on=on,
        )
        s.add(item)
        s.flush()
        return item.id


@pytest.fixture
def ruyang(desk_factory):
    """A 汝阳 case with 普执二团队 since 2026-11-16, its house sealed on 11-18 (through the
    checklist: property_controlled starts ruyang.disposal); the desk is on 2026-12-20."""
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 1, received=date(2026, 11, 9), entered=datetime(2026, 11, 13, 9))
    desk.operator = _staff(desk, "query_clerk")
    desk.as_of = date(2026, 11, 16)
    decisions.decide(desk, cid, team="普执二团队", reason="指定")
    desk.as_of = date(2026, 11, 23)
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        unit_id = s.get(Case, cid).unit_id
        house = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid,
                QueryItem.channel == "offline",
                QueryItem.asset_type == "real_estate",
            )
        ).one()
    desk.operator = _staff(desk, "handler", unit_id)
    checklist.move_item(desk, house, "feedback", result="found", on=date(2026, 11, 18))
    checklist.move_item(desk, house, "sealed", on=date(2026, 11, 18))
    desk.as_of = date(2026, 12, 20)
    return desk, cid, house


def test_ruyang_valuation_handover_and_the_paused_period(ruyang):
    desk, cid, house = ruyang
    due = _node(desk, cid, EXECUTION_RULE).due_on
    disposal.start_disposal(desk, cid, on=date(2026, 11, 20))
    valuation = _node(desk, cid, "ruyang.valuation")
    assert (valuation.due_on, valuation.completed_at) == (date(2026, 11, 25), None)
    done = disposal.start_valuation(
        desk,
        cid,
        method="委托评估",
        on=date(2026, 11, 24),
        ownership="登记在被执行人名下",
        occupancy="被执行人居住",
    )
    assert done.summary == "线下·房产（已查封）启动委托评估（2026-11-24）"
    assert done.disposal.next_steps == ("price", "vacate_need")
    valuation = _node(desk, cid, "ruyang.valuation")
    assert (valuation.completed_event, valuation.completed_by) == ("valuation_started", desk.operator)
    assert _pauses(desk, cid) == [("评估", date(2026, 11, 24), None, "valuation_started")]
    disposal.set_reference_price(desk, cid, price_fen=120_000_000, on=date(2026, 12, 4))
    handover = _node(desk, cid, "ruyang.auction_handover")
    assert (handover.anchor_event, handover.due_on, handover.completed_at) == (
        "reference_price_set",
        date(2026, 12, 7),  # 12-06 is a Sunday
        None,
    )
    assert _pauses(desk, cid) == [("评估", date(2026, 11, 24), date(2026, 12, 4), "valuation_started")]
    # 立案 11-09 + 6 months (2027-05-09, a Sunday → 05-10); the 10 days of 评估 are not counted
    assert (due, _node(desk, cid, EXECUTION_RULE).due_on) == (date(2027, 5, 10), date(2027, 5, 19))
    disposal.hand_over(desk, cid, on=date(2026, 12, 5))
    assert _node(desk, cid, "ruyang.auction_handover").completed_event == "handed_to_auction"

    # 拍卖: the ruling pauses the period, the deal ruling resumes its count
    disposal.rule_auction(desk, cid, on=date(2026, 12, 7))
    assert _pauses(desk, cid)[-1] == ("拍卖", date(2026, 12, 7), None, "auction_ruling")
    disposal.publish_notice(desk, cid, on=date(2026, 12, 8))
    disposal.record_failure(desk, cid, on=date(2026, 12, 10))
    second = disposal.publish_notice(desk, cid, on=date(2026, 12, 11))
    assert [(r.name, r.result) for r in second.disposal.rounds] == [("一拍", "failed"), ("二拍", "")]
    disposal.deal(desk, cid, price_fen=96_000_000, on=date(2026, 12, 14))
    disposal.full_payment(desk, cid, on=date(2026, 12, 15))
    ruled = disposal.rule_deal(desk, cid, on=date(2026, 12, 17))
    assert _pauses(desk, cid)[-1] == ("拍卖", date(2026, 12, 7), date(2026, 12, 17), "auction_ruling")
    # 12-07 … 12-17 not counted either: 05-19 + 10 = 05-29, a Saturday → 05-31
    assert _node(desk, cid, EXECUTION_RULE).due_on == date(2027, 5, 31)
    assert ruled.disposal.status == "已作出成交裁定"
    done = disposal.transfer(desk, cid, on=date(2026, 12, 18), note="已办理过户")
    assert done.disposal.next_steps == ()
    with desk.session() as s:
        d = s.exec(select(Disposal)).one()
        assert (d.valuation_method, d.reference_price_fen, d.deal_price_fen, d.transferred_on) == (
            "appraisal",
            120_000_000,
            96_000_000,
            date(2026, 12, 18),
        )
        assert (d.ownership, d.occupancy) == ("登记在被执行人名下", "被执行人居住")
        rounds = s.exec(select(DisposalRound).order_by(DisposalRound.id)).all()
        assert [(r.kind, r.published_on, r.result, r.result_on) for r in rounds] == [
            ("first", date(2026, 12, 8), "failed", date(2026, 12, 10)),
            ("second", date(2026, 12, 11), "sold", date(2026, 12, 14)),
        ]
        actions = [
            e.action
            for e in s.exec(select(AuditEntry).where(AuditEntry.entity == "disposal").order_by(AuditEntry.id))
        ]
    assert actions == [
        "disposal.value",
        "disposal.price",
        "disposal.handover",
        "disposal.ruling",
        "disposal.notice",
        "disposal.fail",
        "disposal.notice",
        "disposal.deal",
        "disposal.pay",
        "disposal.deal_ruling",
        "disposal.transfer",
    ]


def test_steps_out_of_order_or_misdated_are_refused(ruyang):
    desk, cid, house = ruyang
    with pytest.raises(Conflict, match="没有进入财产处置的财产"):
        disposal.start_valuation(desk, cid, method="网络询价")
    disposal.start_disposal(desk, cid, on=date(2026, 11, 20))
    with pytest.raises(Conflict, match=r"^线下·房产（已查封）：尚未启动议价/询价/评估$"):
        disposal.set_reference_price(desk, cid, price_fen=100)
    with pytest.raises(InvalidValue, match="不认识的参考价确定方式：拍脑袋"):
        disposal.start_valuation(desk, cid, method="拍脑袋")
    with pytest.raises(InvalidValue, match=r"日期不能早于进入财产处置之日（2026-11-20）：2026-11-19"):
        disposal.start_valuation(desk, cid, method="议价", on=date(2026, 11, 19))
    with pytest.raises(InvalidValue, match="日期不能晚于今天"):
        disposal.start_valuation(desk, cid, method="议价", on=date(2026, 12, 21))
    disposal.start_valuation(desk, cid, method="当事人议价", on=date(2026, 11, 21))
    with pytest.raises(InvalidValue, match="参考价应为大于零的金额"):
        disposal.set_reference_price(desk, cid, price_fen=0)
    with pytest.raises(Conflict, match="尚未确定处置参考价，不能作出拍卖裁定"):
        disposal.rule_auction(desk, cid)
    disposal.set_reference_price(desk, cid, price_fen=50_000_000, on=date(2026, 11, 22))
    with pytest.raises(Conflict, match="尚未作出拍卖裁定，不能发布拍卖公告"):
        disposal.publish_notice(desk, cid)
    disposal.rule_auction(desk, cid, on=date(2026, 11, 25))
    with pytest.raises(Conflict, match="已作出拍卖裁定"):
        disposal.hand_over(desk, cid)
    with pytest.raises(Conflict, match="尚未发布拍卖公告"):
        disposal.deal(desk, cid, price_fen=1)
    disposal.publish_notice(desk, cid, on=date(2026, 11, 26))
    with pytest.raises(Conflict, match="一拍尚未结束"):
        disposal.publish_notice(desk, cid)
    with pytest.raises(Conflict, match="尚未成交，不能作出成交裁定"):
        disposal.rule_deal(desk, cid)
    with pytest.raises(InvalidValue, match="日期不能早于公告发布之日（2026-11-26）"):
        disposal.deal(desk, cid, price_fen=40_000_000, on=date(2026, 11, 25))
    disposal.deal(desk, cid, price_fen=40_000_000, on=date(2026, 12, 1))
    with pytest.raises(Conflict, match="价款尚未全额缴纳，不能作出成交裁定"):
        disposal.rule_deal(desk, cid)
    with pytest.raises(Conflict, match="一拍已成交"):
        disposal.record_failure(desk, cid)
    with pytest.raises(Conflict, match="尚未作出成交裁定，不能过户/交付"):
        disposal.transfer(desk, cid)
    # nothing refused was written
    with desk.session() as s:
        d = s.exec(select(Disposal)).one()
        assert (d.deal_ruling_on, d.paid_on, d.transferred_on) == (None, None, None)


def test_a_failed_sale_ends_the_procedure_and_a_wrong_operator_is_refused(ruyang):
    desk, cid, house = ruyang
    disposal.start_disposal(desk, cid, on=date(2026, 11, 20))
    disposal.start_valuation(desk, cid, method="online", on=date(2026, 11, 20))
    disposal.set_reference_price(desk, cid, price_fen=10_000_000, on=date(2026, 11, 21))
    disposal.rule_auction(desk, cid, on=date(2026, 11, 23))
    for day in (24, 25, 26):
        disposal.publish_notice(desk, cid, on=date(2026, 11, day))
        last = disposal.record_failure(desk, cid, on=date(2026, 11, day))
    assert [r.name for r in last.disposal.rounds] == ["一拍", "二拍", "变卖"]
    assert last.summary == "线下·房产（已查封）变卖流拍，拍卖、变卖程序终结（未成交）（2026-11-26）"
    assert (last.disposal.ended_on, last.disposal.status, last.move) == (
        date(2026, 11, 26),
        "流拍，程序终结",
        None,
    )
    assert _pauses(desk, cid)[-1] == ("拍卖", date(2026, 11, 23), date(2026, 11, 26), "auction_ruling")
    with pytest.raises(Conflict, match="拍卖、变卖程序已终结"):
        disposal.publish_notice(desk, cid)
    other = replace(desk, operator=_staff(desk, "window_clerk"))
    with pytest.raises(PermissionDenied, match="无权记录财产处置"):
        disposal.vacate_needed(other, cid)


def test_ruyang_vacate_before_disposal(ruyang):
    desk, cid, house = ruyang
    node = _node(desk, cid, "ruyang.disposal")
    assert (node.anchor_event, node.due_on) == ("property_controlled", date(2026, 11, 30))
    disposal.vacate_needed(desk, cid, on=date(2026, 11, 19))
    assert _node(desk, cid, "ruyang.disposal") is None  # 涉及腾房: the 10-day disposal node no longer applies
    notice = _node(desk, cid, "ruyang.vacate_notice")
    assert (notice.due_on, notice.completed_at) == (date(2026, 11, 30), None)  # 10日 from 查封 (11-18)
    with pytest.raises(Conflict, match="尚未发出腾房公告"):
        disposal.vacate_expired(desk, cid)
    with pytest.raises(InvalidValue, match="腾房期限应晚于公告之日"):
        disposal.vacate_notice(desk, cid, on=date(2026, 11, 27), until=date(2026, 11, 27))
    disposal.vacate_notice(desk, cid, on=date(2026, 11, 27), until=date(2026, 12, 12))
    assert _node(desk, cid, "ruyang.vacate_notice").completed_event == "vacate_notice_published"
    with pytest.raises(InvalidValue, match="日期不能早于公告所定的腾房期限（2026-12-12）"):
        disposal.vacate_expired(desk, cid, on=date(2026, 12, 11))
    disposal.vacate_expired(desk, cid, on=date(2026, 12, 12))
    done = _node(desk, cid, "ruyang.vacate_done")
    assert (done.due_on, done.completed_at) == (date(2026, 12, 22), None)
    assert ("公告", date(2026, 11, 27), date(2026, 12, 12), "vacate_notice_published") in _pauses(desk, cid)
    disposal.vacated(desk, cid, on=date(2026, 12, 15))
    assert _node(desk, cid, "ruyang.vacate_done").completed_event == "vacated"
    started = disposal.start_disposal(desk, cid, on=date(2026, 12, 16))
    assert started.item_id == house
    (view,) = disposal.list_disposals(desk, cid)
    assert (view.vacated_on, view.started_on, view.status) == (
        date(2026, 12, 15),
        date(2026, 12, 16),
        "已进入处置",
    )


# --- 浉河: 拍卖公告 3 working days from the ruling, service 3 from publication, 成交裁定 3 from payment
@pytest.fixture
def shihe(desk_factory):
    desk = desk_factory("shihe")
    cid = register_case(desk, case_no="（2026）豫1502执5号", filed_on=date(2026, 9, 1), claim_fen=30_000_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    item = _sealed_item(desk, cid, "real_estate", date(2026, 9, 20))
    desk.operator = _staff(desk, "bureau_chief")
    desk.as_of = date(2026, 12, 4)
    return desk, cid, item


def test_shihe_auction_notice_service_and_deal_ruling_nodes(shihe):
    desk, cid, item = shihe
    disposal.start_disposal(desk, cid, on=date(2026, 10, 8))
    disposal.start_valuation(desk, cid, method="appraisal", on=date(2026, 10, 9))
    disposal.set_reference_price(desk, cid, price_fen=80_000_000, on=date(2026, 10, 30))
    aid = replace(desk, operator="唐朝")  # 财产处置辅助组: publishes and serves, does not rule
    with pytest.raises(PermissionDenied, match="不能记录财产处置（作出拍卖裁定）"):
        disposal.rule_auction(aid, cid, on=date(2026, 11, 2))
    disposal.rule_auction(desk, cid, on=date(2026, 11, 2))
    notice = _node(desk, cid, "shihe.auction_notice")
    assert (notice.due_on, notice.owner_unit_id is not None) == (date(2026, 11, 5), True)
    disposal.publish_notice(aid, cid, on=date(2026, 11, 5))
    assert _node(desk, cid, "shihe.auction_notice").completed_by == "唐朝"
    serve = _node(desk, cid, "shihe.auction_notice_serve")
    assert (serve.due_on, serve.completed_at) == (date(2026, 11, 10), None)
    disposal.serve_notice(aid, cid, on=date(2026, 11, 9))
    assert _node(desk, cid, "shihe.auction_notice_serve").completed_event == "auction_notice_served"
    disposal.deal(aid, cid, price_fen=81_000_000, on=date(2026, 11, 20))
    disposal.full_payment(aid, cid, on=date(2026, 11, 27))  # a Friday
    ruling = _node(desk, cid, "shihe.deal_ruling")
    assert (ruling.due_on, ruling.completed_at) == (date(2026, 12, 2), None)
    with pytest.raises(PermissionDenied):
        disposal.rule_deal(aid, cid)
    disposal.rule_deal(desk, cid, on=date(2026, 12, 1))
    assert _node(desk, cid, "shihe.deal_ruling").completed_event == "deal_ruling"


# --- 监利: 流拍退回线索查控组, submitted by the 流拍 record -------------------------------------------
MONITOR = "吴敦辉"
CLERK = "吴小敏"


def test_jianli_failed_auction_submits_the_return_to_clue_query(desk_factory):
    desk = desk_factory("jianli", operator=CLERK)
    cid = register_case(desk, case_no="(2026)鄂1088执12号", filed_on=date(2026, 10, 9), claim_fen=8_000_000,
                        applicants=[PartyInput("王建国")], respondents=[PartyInput("荆州市长江建材有限公司", "company")])  # fmt: skip
    item = _sealed_item(desk, cid, "vehicle", date(2026, 10, 12))
    for target in ["offline_query", "clue_query", "disposal"]:
        handoffs.approve(replace(desk, operator=MONITOR), handoffs.submit_move(desk, cid, target))
    group = replace(desk, operator="段德志")  # 财产处置组
    disposal.start_disposal(group, cid, item_id=item, on=date(2026, 11, 2))
    disposal.start_valuation(group, cid, method="网络询价", on=date(2026, 11, 3))
    disposal.set_reference_price(group, cid, price_fen=6_000_000, on=date(2026, 11, 5))
    disposal.rule_auction(group, cid, on=date(2026, 11, 6))
    disposal.publish_notice(group, cid, on=date(2026, 11, 9))
    first = disposal.record_failure(group, cid, on=date(2026, 11, 16))  # 一拍流拍: the next round may follow
    assert first.move is None
    disposal.publish_notice(group, cid, on=date(2026, 11, 17))
    done = disposal.record_failure(
        group, cid, on=date(2026, 11, 20), end=True, note="申请执行人不接受以物抵债"
    )
    assert done.move == "流拍退回线索查控组"
    with desk.session() as s:
        h = s.exec(select(Handoff).where(Handoff.status == "submitted")).one()
        assert (h.from_stage, h.to_stage, h.submitted_by) == ("disposal", "clue_query", "段德志")
        assert s.get(Case, cid).stage == "disposal"  # until 指挥监控组 approves
    assert _pauses(desk, cid)[-1] == ("拍卖", date(2026, 11, 6), date(2026, 11, 20), "auction_ruling")
    handoffs.approve(replace(desk, operator=MONITOR), h.id)
    with desk.session() as s:
        assert s.get(Case, cid).stage == "clue_query"
