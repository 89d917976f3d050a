"""The 卷宗 register (001 二(二)卷宗管理中心): each node of kuaizhi.materials_submit / scan / borrow_return
started and completed by the real operations, the register rows and audit entries they leave, the
borrowing list's ages, and the refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.triage_fixtures import staff_with
from zhixing_tui.errors import Conflict, InvalidValue, NotFound, PermissionDenied
from zhixing_tui.services import files
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.files.query import borrowed_page, register_page
from zhixing_tui.storage.models import AuditEntry, Case, DeadlineNode, FileMovement, OrgUnit, Staff

TEAM = "普执一团队"


def _nodes(desk, case_id: int, rule_id: str) -> list[DeadlineNode]:
    with desk.session() as s:
        return list(
            s.exec(
                select(DeadlineNode)
                .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == rule_id)
                .order_by(DeadlineNode.id)
            )
        )


def kuaizhi_case(desk, n: int, *, team: str = TEAM) -> tuple[int, str]:
    """A 001 case filed 2026-10-08, held by ``team`` with its first handler; returns (id, handler)."""
    cid = register_case(
        desk,
        case_no=f"（2026）豫1521执{n}号",
        filed_on=date(2026, 10, 8),
        claim_fen=800_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    with desk.transaction() as s:
        unit = s.exec(select(OrgUnit).where(OrgUnit.name == team)).one()
        handler = s.exec(
            select(Staff).where(Staff.unit_id == unit.id, Staff.role == "handler").order_by(Staff.id)
        ).first()
        case = s.get(Case, cid)
        case.unit_id, case.handler_id = unit.id, handler.id
        s.add(case)
        name = handler.name
    return cid, name


@pytest.fixture
def kz(desk_factory):
    desk = desk_factory("kuaizhi")
    cid, handler = kuaizhi_case(desk, 7)
    return desk, cid, handler, staff_with(desk, "file_clerk")


def test_materials_returned_submitted_and_scanned(kz):
    desk, cid, handler, clerk = kz
    desk.operator = handler
    files.record_fieldwork_return(desk, cid, on=date(2026, 11, 13), what="查控材料8页", place="郑州")
    (node,) = _nodes(desk, cid, "kuaizhi.materials_submit")
    # 2 working days from Friday 2026-11-13: Tuesday 11-17
    assert (node.anchor_event, node.due_on, node.completed_at) == (
        "materials_returned",
        date(2026, 11, 17),
        None,
    )

    with pytest.raises(PermissionDenied, match="承办人无权接收卷宗材料"):
        files.receive_materials(desk, cid, what="查控材料8页", on=date(2026, 11, 16))
    desk.operator = clerk
    with pytest.raises(Conflict, match="没有待扫描的材料"):
        files.record_scan(desk, cid, on=date(2026, 11, 16))
    # refused first: the transfer stays due
    files.refuse_materials(desk, cid, what="查控材料8页", opinion="缺少承办人签名", on=date(2026, 11, 16))
    assert _nodes(desk, cid, "kuaizhi.materials_submit")[0].completed_at is None
    with pytest.raises(Conflict, match="没有待扫描的材料"):
        files.record_scan(desk, cid, on=date(2026, 11, 16))
    files.receive_materials(desk, cid, what="查控材料8页（已补签名）", on=date(2026, 11, 17))
    (node,) = _nodes(desk, cid, "kuaizhi.materials_submit")
    assert (node.completed_event, node.completed_by, node.completed_at.date()) == (
        "materials_submitted",
        clerk,
        date(2026, 11, 17),
    )
    (scan,) = _nodes(desk, cid, "kuaizhi.scan")
    assert (scan.anchor_event, scan.due_on, scan.completed_at) == (
        "materials_submitted",
        date(2026, 11, 18),
        None,
    )
    with pytest.raises(InvalidValue, match="不能早于接收材料日期"):
        files.record_scan(desk, cid, on=date(2026, 11, 16))
    files.record_scan(desk, cid, on=date(2026, 11, 18))
    (scan,) = _nodes(desk, cid, "kuaizhi.scan")
    assert (scan.completed_event, scan.completed_at.date()) == ("files_scanned", date(2026, 11, 18))
    with pytest.raises(Conflict, match="没有待扫描的材料"):
        files.record_scan(desk, cid)

    rows = register_page(desk, cid).items
    assert [(r.kind_name, r.moved_on, r.from_party, r.to_party, r.what, r.reason, r.by) for r in rows] == [
        ("外出返回", date(2026, 11, 13), "郑州", handler, "查控材料8页", "", handler),
        ("不予签收", date(2026, 11, 16), "卷宗管理中心", handler, "查控材料8页", "缺少承办人签名", clerk),
        ("材料移送", date(2026, 11, 17), handler, "卷宗管理中心", "查控材料8页（已补签名）", "", clerk),
        ("扫描编目", date(2026, 11, 18), "卷宗管理中心", "电子卷宗", "查控材料8页（已补签名）", "", clerk),
    ]
    with desk.session() as s:
        actions = s.exec(
            select(AuditEntry.action).where(AuditEntry.case_id == cid, AuditEntry.action.like("file.%"))
        ).all()
    assert actions == ["file.fieldwork", "file.refuse", "file.submit", "file.scan"]


def test_fieldwork_return_is_the_holding_teams_act(kz, desk_factory):
    desk, cid, _handler, _clerk = kz
    with desk.session() as s:
        other = s.exec(
            select(Staff.name)
            .join(OrgUnit, OrgUnit.id == Staff.unit_id)
            .where(Staff.role == "handler", OrgUnit.name == "普执二团队")
        ).first()
    desk.operator = other
    with pytest.raises(PermissionDenied, match="不是普执一团队的人员"):
        files.record_fieldwork_return(desk, cid)
    assert _nodes(desk, cid, "kuaizhi.materials_submit") == []


def test_a_late_transfer_completes_late(kz):
    desk, cid, handler, clerk = kz
    desk.operator = handler
    files.record_fieldwork_return(desk, cid, on=date(2026, 11, 13))
    desk.operator = clerk
    files.receive_materials(desk, cid, what="送达回证", on=date(2026, 11, 20))
    (node,) = _nodes(desk, cid, "kuaizhi.materials_submit")
    assert node.completed_at.date() > node.due_on


def test_borrow_reason_ended_and_return(kz):
    desk, cid, handler, clerk = kz
    desk.operator = clerk
    with pytest.raises(NotFound, match="没有借出未还"):
        files.return_file(desk, cid)
    with pytest.raises(InvalidValue, match="请填写借卷事由"):
        files.lend_file(desk, cid, borrower=handler, reason=" ")
    files.lend_file(
        desk, cid, borrower=handler, reason="制作终本裁定", what="正卷一册", on=date(2026, 11, 18)
    )
    with pytest.raises(Conflict, match="已于 2026-11-18 借给.*尚未归还"):
        files.lend_file(desk, cid, borrower="王五", reason="复制", on=date(2026, 11, 19))
    assert _nodes(desk, cid, "kuaizhi.borrow_return") == []  # the reason lasts: nothing is due yet

    desk.operator = handler  # the borrower says the reason ended
    with pytest.raises(InvalidValue, match="不能早于借出日期"):
        files.end_borrow_reason(desk, cid, on=date(2026, 11, 17))
    # Friday 2026-11-20: one working day → Monday 11-23
    assert files.end_borrow_reason(desk, cid, on=date(2026, 11, 20)) == date(2026, 11, 23)
    (node,) = _nodes(desk, cid, "kuaizhi.borrow_return")
    assert (node.anchor_event, node.due_on, node.completed_at) == (
        "borrow_reason_ended",
        date(2026, 11, 23),
        None,
    )
    with pytest.raises(Conflict, match="已于 2026-11-20 登记消失"):
        files.end_borrow_reason(desk, cid)
    with pytest.raises(PermissionDenied, match="承办人无权登记归还卷宗"):
        files.return_file(desk, cid)

    desk.operator = clerk
    with pytest.raises(InvalidValue, match="不能早于借卷事由消失日期"):
        files.return_file(desk, cid, on=date(2026, 11, 19))
    files.return_file(desk, cid, on=date(2026, 11, 23))
    (node,) = _nodes(desk, cid, "kuaizhi.borrow_return")
    assert (node.completed_event, node.completed_at.date()) == ("file_returned", date(2026, 11, 23))
    rows = register_page(desk, cid).items
    assert [(r.kind_name, r.from_party, r.to_party, r.what) for r in rows] == [
        ("借出", "卷宗管理中心", handler, "正卷一册"),
        ("归还", handler, "卷宗管理中心", "正卷一册"),
    ]
    assert rows[1].borrow_id == rows[0].id and rows[0].reason_ended_on == date(2026, 11, 20)
    # back in the centre: it may be lent again
    files.lend_file(desk, cid, borrower="王五", reason="复制", on=date(2026, 11, 23))


def test_borrowing_list_who_holds_which_file_and_for_how_long(desk_factory):
    desk = desk_factory("kuaizhi")
    a, ha = kuaizhi_case(desk, 1)
    b, hb = kuaizhi_case(desk, 2, team="普执二团队")
    c, _hc = kuaizhi_case(desk, 3)
    desk.operator = staff_with(desk, "file_clerk")
    files.lend_file(desk, a, borrower=ha, reason="评估拍卖", what="正卷", on=date(2026, 11, 10))
    files.end_borrow_reason(desk, a, on=date(2026, 11, 16))  # due Tuesday 11-17
    files.lend_file(desk, b, borrower=hb, reason="阅卷", what="副卷", on=date(2026, 11, 20))
    files.lend_file(desk, c, borrower=ha, reason="复制", on=date(2026, 11, 12))
    files.end_borrow_reason(desk, c, on=date(2026, 11, 13))
    files.return_file(desk, c, on=date(2026, 11, 16))

    page = borrowed_page(desk, date(2026, 11, 23))
    assert page.total == 2
    got = [
        (
            r.case_no,
            r.borrower,
            r.what,
            r.borrowed_on,
            r.days_out,
            r.reason_ended_on,
            r.return_due,
            r.overdue_days,
        )
        for r in page.items
    ]
    assert got == [
        (
            "（2026）豫1521执1号",
            ha,
            "正卷",
            date(2026, 11, 10),
            13,
            date(2026, 11, 16),
            date(2026, 11, 17),
            6,
        ),
        ("（2026）豫1521执2号", hb, "副卷", date(2026, 11, 20), 3, None, None, 0),
    ]
    # the list as it stood on 11-14: c still out, a's reason not yet ended
    earlier = borrowed_page(desk, date(2026, 11, 14))
    assert [(r.case_no, r.days_out, r.return_due) for r in earlier.items] == [
        ("（2026）豫1521执1号", 4, None),
        ("（2026）豫1521执3号", 2, date(2026, 11, 16)),
    ]
    assert [r.case_no for r in borrowed_page(desk, date(2026, 11, 23), borrower=hb).items] == [
        "（2026）豫1521执2号"
    ]
    second = borrowed_page(desk, date(2026, 11, 23), limit=1, offset=1)
    assert (second.total, [r.case_no for r in second.items]) == (2, ["（2026）豫1521执2号"])


def test_handover_and_the_image_file_are_register_rows(desk_factory):
    from zhixing_tui.services.cases.lifecycle import close_case

    desk = desk_factory("kuaizhi")
    cid, handler = kuaizhi_case(desk, 9)
    desk.operator = handler
    with pytest.raises(InvalidValue, match="移交人与接收人相同"):
        files.record_handover(desk, cid, from_party="执行指挥中心", to_party="执行指挥中心", what="正卷")
    files.record_handover(
        desk, cid, from_party="执行指挥中心", to_party=TEAM, what="正卷及查控材料", on=date(2026, 10, 9)
    )
    desk.operator = "测试员"
    close_case(
        desk, cid, method="执行完毕", closed_on=date(2026, 11, 10), closing_fen=800_000, recovered_fen=800_000
    )
    desk.operator = staff_with(desk, "file_clerk")
    files.record_image_file(desk, cid, on=date(2026, 11, 20))
    rows = register_page(desk, cid).items
    assert [(r.kind_name, r.moved_on, r.from_party, r.to_party) for r in rows] == [
        ("移交", date(2026, 10, 9), "执行指挥中心", TEAM),
        ("影像卷宗", date(2026, 11, 20), "电子卷宗", "影像卷宗"),
    ]
    whole = register_page(desk)  # the whole register, newest first
    assert [r.kind for r in whole.items] == ["image", "handover"]
    with desk.session() as s:
        assert len(s.exec(select(FileMovement)).all()) == 2
