"""The operations that complete 汝阳 first_round / disposal (and start no_property_measures and
valuation), 001 image_file and 浉河 delegation_send: each node created by the real starting
operation, then completed by the clerk's operation; refusals in Chinese."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from tests.triage_fixtures import waiting_case
from zhixing_tui.errors import Conflict, InvalidValue, PermissionDenied
from zhixing_tui.services import delegation, disposal, fieldwork, files
from zhixing_tui.services.cases.lifecycle import close_case
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.triage import decisions
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import AuditEntry, DeadlineNode, QueryItem, Staff


def _staff(desk, role: str, unit_id: int | None = None, *, other_than: int | None = None) -> str:
    with desk.session() as s:
        q = select(Staff.name).where(Staff.role == role, Staff.active)
        if unit_id is not None:
            q = q.where(Staff.unit_id == unit_id)
        if other_than is not None:
            q = q.where(Staff.unit_id != other_than)
        name = s.exec(q.order_by(Staff.id)).first()
    assert name is not None, role
    return name


def _nodes(desk, case_id: int, rule_id: str) -> list[DeadlineNode]:
    with desk.session() as s:
        return list(
            s.exec(
                select(DeadlineNode)
                .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == rule_id)
                .order_by(DeadlineNode.id)
            )
        )


def _item(desk, case_id: int, channel: str, asset_type: str) -> int:
    checklist.ensure_checklist(desk, case_id)
    with desk.session() as s:
        return s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == case_id, QueryItem.channel == channel, QueryItem.asset_type == asset_type
            )
        ).one()


@pytest.fixture
def ruyang_team_case(desk_factory):
    """A 汝阳 case the center transferred to 普执二团队 on 2026-11-16 (ruyang.first_round starts)."""
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 1, received=date(2026, 11, 9), entered=datetime(2026, 11, 13, 9))
    desk.operator = _staff(desk, "query_clerk")
    desk.as_of = date(2026, 11, 16)
    decisions.decide(desk, cid, team="普执二团队", reason="专项活动以外的普通案件，指定")
    desk.as_of = date(2026, 11, 23)
    with desk.session() as s:
        from zhixing_tui.storage.models import Case

        unit_id = s.get(Case, cid).unit_id
    return desk, cid, unit_id


# --- 汝阳 首轮传统查控 and 无财产 ------------------------------------------------------------------
def test_first_round_completes_the_node_the_transfer_started(ruyang_team_case):
    desk, cid, unit_id = ruyang_team_case
    (node,) = _nodes(desk, cid, "ruyang.first_round")
    assert (node.anchor_event, node.due_on, node.completed_at) == ("transferred", date(2026, 11, 26), None)
    desk.operator = _staff(desk, "handler", other_than=unit_id)
    with pytest.raises(PermissionDenied, match="不是普执二团队的人员"):
        fieldwork.start_first_round(desk, cid, steps=["传唤"])
    desk.operator = handler = _staff(desk, "handler", unit_id)
    with pytest.raises(InvalidValue, match="不认识的首轮查控事项：搜身"):
        fieldwork.start_first_round(desk, cid, steps=["传唤", "搜身"])
    with pytest.raises(InvalidValue, match="请写明启动了哪些事项"):
        fieldwork.start_first_round(desk, cid, steps=[" "])
    with pytest.raises(Conflict, match="尚未启动首轮传统查控"):
        fieldwork.record_no_property(desk, cid)
    steps = fieldwork.start_first_round(desk, cid, steps=["现场调查", "传唤"], on=date(2026, 11, 20))
    assert steps == ("传唤", "现场调查")
    (node,) = _nodes(desk, cid, "ruyang.first_round")
    assert (node.completed_event, node.completed_by, node.completed_at) == (
        "first_round_started",
        handler,
        datetime(2026, 11, 20, 9),
    )
    with pytest.raises(Conflict, match="已启动首轮传统查控"):
        fieldwork.start_first_round(desk, cid, steps=["找人"])
    with desk.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "first_round.start")).one()
    assert (entry.operator, entry.summary) == (handler, "启动首轮传统查控：传唤、现场调查（2026-11-20）")


def test_no_property_after_the_first_round_starts_the_measures_node(ruyang_team_case):
    desk, cid, unit_id = ruyang_team_case
    desk.operator = _staff(desk, "handler", unit_id)
    fieldwork.start_first_round(desk, cid, steps=["传唤", "查物", "找人", "现场调查"])
    assert _nodes(desk, cid, "ruyang.no_property_measures") == []
    fieldwork.record_no_property(desk, cid, note="传唤未到，现场无可供执行财产")
    (node,) = _nodes(desk, cid, "ruyang.no_property_measures")
    assert (node.anchor_event, node.due_on, node.completed_at) == (
        "no_property_found",
        date(2026, 12, 3),
        None,
    )
    assert fieldwork.fieldwork_state(desk, cid) == fieldwork.FieldworkState(True, True)
    with pytest.raises(Conflict, match="已认定"):
        fieldwork.record_no_property(desk, cid)


def test_first_round_waits_for_the_transfer(desk_factory):
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 2, received=date(2026, 11, 9), entered=datetime(2026, 11, 13, 9))
    desk.operator = _staff(desk, "bureau_chief")
    with pytest.raises(Conflict, match="未移交实施团队"):
        fieldwork.start_first_round(desk, cid, steps=["传唤"])
    desk.operator = _staff(desk, "query_clerk")
    with pytest.raises(PermissionDenied, match="查控专员无权启动首轮传统查控"):
        fieldwork.start_first_round(desk, cid, steps=["传唤"])


# --- 汝阳 进入财产处置 -------------------------------------------------------------------------------
def test_disposal_completes_the_node_a_seal_started_and_starts_valuation(ruyang_team_case):
    desk, cid, unit_id = ruyang_team_case
    desk.operator = handler = _staff(desk, "handler", unit_id)
    with pytest.raises(Conflict, match="没有已查封、冻结而尚未进入处置的财产"):
        disposal.start_disposal(desk, cid)
    house = _item(desk, cid, "offline", "real_estate")
    deposit = _item(desk, cid, "national", "deposit")
    checklist.move_item(desk, deposit, "feedback", result="found", amount_fen=50_000, on=date(2026, 11, 17))
    checklist.move_item(desk, deposit, "frozen", on=date(2026, 11, 17))
    checklist.move_item(desk, house, "feedback", result="found", on=date(2026, 11, 18))
    checklist.move_item(desk, house, "sealed", on=date(2026, 11, 18))
    (node,) = _nodes(desk, cid, "ruyang.disposal")
    assert (node.anchor_event, node.due_on, node.completed_at) == (
        "property_controlled",
        date(2026, 11, 30),
        None,
    )
    with pytest.raises(Conflict, match="不是已查封、冻结待处置的财产"):
        disposal.start_disposal(desk, cid, item_id=deposit)  # money is deducted, not disposed of
    with pytest.raises(InvalidValue, match="不能早于控制财产之日"):
        disposal.start_disposal(desk, cid, on=date(2026, 11, 17))
    assert [c.item_id for c in disposal.disposal_candidates(desk, cid)] == [house]
    started = disposal.start_disposal(desk, cid, on=date(2026, 11, 20), note="征求当事人意见")
    assert (started.item_id, started.label) == (house, "线下·房产（已查封）")
    (node,) = _nodes(desk, cid, "ruyang.disposal")
    assert (node.completed_event, node.completed_by) == ("disposal_started", handler)
    (valuation,) = _nodes(desk, cid, "ruyang.valuation")
    assert (valuation.anchor_event, valuation.due_on) == ("disposal_started", date(2026, 11, 25))
    assert disposal.disposal_started_items(desk, cid) == {house}
    with pytest.raises(Conflict, match="已进入财产处置"):
        disposal.start_disposal(desk, cid, item_id=house)


# --- 001 影像卷宗 ------------------------------------------------------------------------------------
def test_image_file_completes_the_node_the_closing_started(desk_factory):
    desk = desk_factory("kuaizhi")
    cid = register_case(
        desk,
        case_no="（2026）豫1521执7号",
        filed_on=date(2026, 9, 1),
        claim_fen=500_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    clerk = _staff(desk, "file_clerk")
    desk.operator = clerk
    with pytest.raises(Conflict, match="尚未结案"):
        files.record_image_file(desk, cid)
    desk.operator = "测试员"
    close_case(
        desk, cid, method="执行完毕", closed_on=date(2026, 11, 10), closing_fen=500_000, recovered_fen=500_000
    )
    (node,) = _nodes(desk, cid, "kuaizhi.image_file")
    assert (node.anchor_event, node.due_on, node.completed_at) == ("closed", date(2026, 11, 25), None)
    desk.operator = _staff(desk, "handler")
    with pytest.raises(PermissionDenied, match="承办人无权登记影像卷宗转化"):
        files.record_image_file(desk, cid)
    desk.operator = clerk
    with pytest.raises(InvalidValue, match="不能早于结案日期"):
        files.record_image_file(desk, cid, on=date(2026, 11, 9))
    assert files.record_image_file(desk, cid, on=date(2026, 11, 20)) == date(2026, 11, 20)
    (node,) = _nodes(desk, cid, "kuaizhi.image_file")
    assert (node.completed_event, node.completed_by, node.completed_at.date()) == (
        "image_file_done",
        clerk,
        date(2026, 11, 20),
    )
    assert files.image_file_on(desk, cid) == date(2026, 11, 20)
    with pytest.raises(Conflict, match="已转化为影像卷宗"):
        files.record_image_file(desk, cid)


# --- 浉河 发出事项委托 -------------------------------------------------------------------------------
def test_sending_the_delegation_completes_the_node_the_handover_started(desk_factory):
    desk = desk_factory("shihe")
    cid = register_case(
        desk,
        case_no="（2026）豫1502执8号",
        filed_on=date(2026, 11, 2),
        claim_fen=900_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    car = _item(desk, cid, "offline", "vehicle")
    checklist.move_item(desk, car, "feedback", result="found", on=date(2026, 11, 19))
    with desk.session() as s:
        officer = s.exec(select(Staff.name).where(Staff.name == "梁坤祥")).one()  # 003: 发送、接收委托执行
    desk.operator = officer
    with pytest.raises(Conflict, match="没有待发出的事项委托"):
        delegation.send_delegation(desk, cid, court="广州市天河区人民法院")
    checklist.move_item(desk, car, "delegated", on=date(2026, 11, 19))  # 委托外地: handed to the officer
    (node,) = _nodes(desk, cid, "shihe.delegation_send")
    assert (node.anchor_event, node.due_on, node.completed_at) == (
        "delegation_handed",
        date(2026, 11, 20),
        None,
    )
    with pytest.raises(InvalidValue, match="请写明受托法院"):
        delegation.send_delegation(desk, cid, court=" ")
    assert [d.item_id for d in delegation.pending_delegations(desk, cid)] == [car]
    sent = delegation.send_delegation(desk, cid, court="广州市天河区人民法院", on=date(2026, 11, 20))
    assert (sent.item_id, sent.label, sent.court) == (car, "线下·车辆", "广州市天河区人民法院")
    (node,) = _nodes(desk, cid, "shihe.delegation_send")
    assert (node.completed_event, node.completed_by, node.completed_at.date()) == (
        "delegation_sent",
        officer,
        date(2026, 11, 20),
    )
    with pytest.raises(Conflict, match="事项委托已发出"):
        delegation.send_delegation(desk, cid, court="广州市天河区人民法院", item_id=car)
    desk.operator = _staff(desk, "window_clerk")
    with pytest.raises(PermissionDenied, match="无权发出事项委托"):
        delegation.send_delegation(desk, cid, court="某法院", item_id=car)
