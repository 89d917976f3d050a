"""The 委托 register (浉河 003 三(二)6(2)、三(四)2): every node of shihe.delegation_* started and
completed by the officer's real operations; the open list with ages and due days."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from zhixing_tui.errors import Conflict, InvalidValue, NotFound, PermissionDenied
from zhixing_tui.services import delegation
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import DeadlineNode, Delegation, QueryItem, Staff


def _nodes(desk, case_id: int, rule_id: str) -> list[DeadlineNode]:
    with desk.session() as s:
        return list(
            s.exec(
                select(DeadlineNode)
                .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == rule_id)
                .order_by(DeadlineNode.id)
            )
        )


@pytest.fixture
def shihe(desk_factory):
    desk = desk_factory("shihe")
    cid = register_case(
        desk,
        case_no="（2026）豫1502执8号",
        filed_on=date(2026, 11, 2),
        claim_fen=900_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        car = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid, QueryItem.channel == "offline", QueryItem.asset_type == "vehicle"
            )
        ).one()
        desk.operator = s.exec(select(Staff.name).where(Staff.name == "梁坤祥")).one()
    return desk, cid, car


def test_an_outgoing_delegation_from_finding_to_return(shihe):
    desk, cid, car = shihe
    with pytest.raises(Conflict, match="已反馈“有财产”"):
        delegation.flag_delegation(desk, cid, car)
    checklist.move_item(desk, car, "feedback", result="found", on=date(2026, 11, 16))
    did = delegation.flag_delegation(desk, cid, car, on=date(2026, 11, 16), court="广州市天河区人民法院")
    (handover,) = _nodes(desk, cid, "shihe.delegation_handover")
    assert (handover.anchor_event, handover.due_on, handover.completed_at) == (
        "delegation_needed",
        date(2026, 11, 19),  # 3 working days
        None,
    )
    with pytest.raises(Conflict, match="已登记委托"):
        delegation.flag_delegation(desk, cid, car)
    checklist.move_item(desk, car, "delegated", on=date(2026, 11, 18))  # handed to the officer
    (handover,) = _nodes(desk, cid, "shihe.delegation_handover")
    assert (handover.completed_event, handover.completed_at.date()) == (
        "delegation_handed",
        date(2026, 11, 18),
    )
    (row,) = delegation.open_delegations(desk).items
    assert (row.id, row.state_name, row.since, row.due_on, row.age_days) == (
        did,
        "待发出",
        date(2026, 11, 18),
        date(2026, 11, 19),  # 1 working day to send
        7,
    )
    delegation.send_delegation(desk, cid, court="广州市天河区人民法院", on=date(2026, 11, 19))
    (send,) = _nodes(desk, cid, "shihe.delegation_send")
    assert send.completed_event == "delegation_sent"
    with pytest.raises(Conflict, match="受托法院反馈后才能办结"):
        delegation.finish_outgoing(desk, did)
    delegation.record_reply(desk, did, on=date(2026, 11, 20), reply="已查封车辆 粤A12345")
    delegation.finish_outgoing(desk, did, on=date(2026, 11, 23))
    assert delegation.open_delegations(desk).total == 0
    with desk.session() as s:
        stored = s.get(Delegation, did)
        assert (stored.state, stored.sent_on, stored.replied_on, stored.done_on, stored.court) == (
            "done",
            date(2026, 11, 19),
            date(2026, 11, 20),
            date(2026, 11, 23),
            "广州市天河区人民法院",
        )


def test_an_incoming_delegation_on_a_case_is_received_the_same_day_and_done_in_3_days(shihe):
    desk, cid, _car = shihe
    did = delegation.register_incoming(
        desk,
        court="郑州市金水区人民法院",
        matter="冻结存款",
        their_case_no="（2026）豫0105执99号",
        arrived_on=date(2026, 11, 20),
        case_id=cid,
    )
    (receive,) = _nodes(desk, cid, "shihe.delegation_receive")
    assert (receive.due_on, receive.completed_at) == (date(2026, 11, 20), None)
    delegation.receive_incoming(desk, did, on=date(2026, 11, 20))
    (receive,) = _nodes(desk, cid, "shihe.delegation_receive")
    (complete,) = _nodes(desk, cid, "shihe.delegation_complete")
    assert receive.completed_event == "delegation_received"
    assert (complete.due_on, complete.completed_at) == (date(2026, 11, 23), None)
    with pytest.raises(InvalidValue, match="请写明回复内容"):
        delegation.finish_incoming(desk, did, reply=" ")
    delegation.finish_incoming(desk, did, reply="已冻结，回执已上传", on=date(2026, 11, 23))
    (complete,) = _nodes(desk, cid, "shihe.delegation_complete")
    assert (complete.completed_event, complete.completed_at.date()) == ("delegation_done", date(2026, 11, 23))
    with pytest.raises(Conflict, match="已接收"):
        delegation.receive_incoming(desk, did)


def test_an_incoming_delegation_of_no_case_of_ours_is_tracked_in_the_register(shihe):
    desk, cid, _car = shihe
    did = delegation.register_incoming(
        desk, court="信阳市平桥区人民法院", matter="送达", arrived_on=date(2026, 11, 19)
    )
    with desk.session() as s:
        assert (
            s.exec(select(DeadlineNode).where(DeadlineNode.anchor_event == "delegation_arrived")).all() == []
        )
    page = delegation.open_delegations(desk, direction="in")
    (row,) = page.items
    assert (row.id, row.case_no, row.state_name, row.due_on, row.age_days) == (
        did,
        "",
        "待接收",
        date(2026, 11, 19),
        4,
    )
    delegation.receive_incoming(desk, did, on=date(2026, 11, 19))
    (row,) = delegation.open_delegations(desk, direction="in").items
    assert (row.state_name, row.due_on) == ("办理中", date(2026, 11, 23))  # 3日: 11-22 is a Sunday
    assert delegation.open_delegations(desk, direction="out").total == 0


def test_refusals(shihe):
    desk, cid, _car = shihe
    with pytest.raises(NotFound, match="没有编号为 42 的受托事项"):
        delegation.receive_incoming(desk, 42)
    with pytest.raises(InvalidValue, match="请写明委托法院"):
        delegation.register_incoming(desk, court="", matter="送达")
    with pytest.raises(InvalidValue, match="方向"):
        delegation.open_delegations(desk, direction="x")
    with desk.session() as s:
        desk.operator = s.exec(select(Staff.name).where(Staff.role == "window_clerk")).first()
    with pytest.raises(PermissionDenied, match="无权登记受托事项"):
        delegation.register_incoming(desk, court="某法院", matter="送达")


def test_the_next_step_by_state_and_none_before_the_hand_over(shihe):
    """``steps.take_step``: a 委托 still 待移交 has no step on the register (the checklist hands it
    over); an incoming one received is done and replied with its text."""
    from zhixing_tui.services.delegation.steps import next_step, take_step

    desk, cid, car = shihe
    checklist.move_item(desk, car, "feedback", result="found", on=date(2026, 11, 16))
    delegation.flag_delegation(desk, cid, car, on=date(2026, 11, 16))
    incoming = delegation.register_incoming(
        desk, court="郑州市金水区人民法院", matter="冻结存款", arrived_on=date(2026, 11, 20)
    )
    needed, arrived = delegation.open_delegations(desk).items
    assert next_step(needed) is None and next_step(arrived).code == "receive"
    with pytest.raises(Conflict, match="当前为“待移交”：请在查控清单（F3）中将该项目标记为委托外地（w）"):
        take_step(desk, needed, on=date(2026, 11, 20))
    take_step(desk, arrived, on=date(2026, 11, 20))
    (received,) = [r for r in delegation.open_delegations(desk).items if r.id == incoming]
    with pytest.raises(InvalidValue, match="请写明回复内容"):
        take_step(desk, received, on=date(2026, 11, 21))
    assert take_step(desk, received, on=date(2026, 11, 21), text="已冻结，回执已上传").code == "finish_in"
    with desk.session() as s:
        row = s.get(Delegation, incoming)
        assert (row.state, row.done_on, row.reply) == ("done", date(2026, 11, 21), "已冻结，回执已上传")
