"""The execution period on a real database: 非诉 3 months, extensions approved by 副院长, pauses
opened and closed by the events of operations (issue #12 item 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from sqlmodel import select

from tests.services.test_triage_service import as_role, staff_with
from zhixing_tui.errors import Conflict, PermissionDenied
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.services.cases.registry import PartyInput, register_case, update_case_fields
from zhixing_tui.services.deadlines.alerts import overdue_rows
from zhixing_tui.services.deadlines.case_nodes import case_nodes
from zhixing_tui.services.deadlines.emitters import EMITTERS, emits
from zhixing_tui.services.deadlines.extensions import decide_extension, execution_period, request_extension
from zhixing_tui.services.deadlines.nodes import EXECUTION_RULE, apply_event
from zhixing_tui.services.deadlines.suspensions import resume, suspend
from zhixing_tui.storage.models import Approval, AuditEntry, DeadlineNode, Suspension

# desk.today() is 2026-11-23 (tests/conftest.py AS_OF)


def new_case(desk, n: int, filed: date, *, non_litigation: bool = False) -> int:
    return register_case(
        desk,
        case_no=f"（2026）豫0326执{n}号",
        filed_on=filed,
        claim_fen=500_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
        non_litigation=non_litigation,
    )


def period_node(desk, case_id: int) -> DeadlineNode:
    with desk.session() as s:
        return s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id, DeadlineNode.rule_id == EXECUTION_RULE
            )
        ).one()


def pauses(desk, case_id: int) -> list[tuple[str, date, date | None, str]]:
    with desk.session() as s:
        rows = s.exec(select(Suspension).where(Suspension.case_id == case_id).order_by(Suspension.id))
        return [(r.kind, r.start_on, r.end_on, r.source_event) for r in rows]


@pytest.fixture
def record():
    """An operation of the next issue, stood in for by a decorated test function (the registry of
    emitters is restored afterwards, so the rule-coverage test never sees it)."""
    before = {event: set(names) for event, names in EMITTERS.items()}

    @emits(
        "valuation_started",
        "reference_price_set",
        "auction_ruling",
        "auction_notice_published",
        "deal_ruling",
        "auction_failed",
        "vacate_notice_published",
        "vacate_notice_expired",
    )
    def record_disposal(desk, case_id: int, event: str, on: date) -> None:
        with desk.transaction() as s:
            apply_event(s, desk, case_id, event, datetime.combine(on, time(9)), desk.operator)

    yield record_disposal
    EMITTERS.clear()
    EMITTERS.update(before)


def test_a_non_litigation_case_is_due_at_three_months_and_a_correction_recounts(desk) -> None:
    desk = as_role(desk, "handler")
    cid = new_case(desk, 1, date(2026, 11, 2), non_litigation=True)
    node = period_node(desk, cid)
    assert (node.period, node.due_on) == ("3个月", date(2027, 2, 2))
    assert node.name == "法定执行期限（非诉执行，立案起3个月内执结）"
    ordinary = period_node(desk, new_case(desk, 2, date(2026, 11, 2)))
    assert (ordinary.period, ordinary.due_on, ordinary.name) == (
        "6个月",
        date(2027, 5, 3),  # 05-02 is 劳动节 (2027: statutory days only)
        "法定执行期限（立案起6个月内执结）",
    )
    # 立案信息更正: not a 非诉 case after all → 6 months, the same node recounted
    assert update_case_fields(desk, cid, non_litigation=False) == {"non_litigation": [True, False]}
    node2 = period_node(desk, cid)
    assert (node2.id, node2.period, node2.due_on, node2.name) == (
        node.id,
        "6个月",
        date(2027, 5, 3),
        ordinary.name,
    )
    update_case_fields(desk, cid, non_litigation=True)
    assert period_node(desk, cid).due_on == date(2027, 2, 2)
    with desk.session() as s:
        entry = s.exec(
            select(AuditEntry).where(AuditEntry.case_id == cid, AuditEntry.action == "update")
        ).first()
        assert entry is not None and entry.summary == "更正立案信息：非诉执行"


def test_an_approved_extension_moves_the_due_date_and_shows_on_the_node(desk) -> None:
    handler = as_role(desk, "handler")
    cid = new_case(handler, 3, date(2026, 6, 1))  # due 2026-12-01: 8 days left on 11-23
    assert period_node(handler, cid).due_on == date(2026, 12, 1)
    approval_id = request_extension(handler, cid, period="3个月", reason="拍卖程序尚未终结")
    with desk.session() as s:
        a = s.get(Approval, approval_id)
        assert (a.kind, a.level, a.status, a.requested_by) == (
            "extension",
            "vice_president",
            "pending",
            handler.operator,
        )
        assert a.details["due_before"] == "2026-12-01" and a.details["period"] == "3个月"
    vp = replace(handler, operator=staff_with(desk, "vice_president"))
    assert decide_any(vp, approval_id, approve=True, note="同意") == "extension"
    node = period_node(desk, cid)
    assert node.due_on == date(2027, 3, 1)  # 6 + 3 months from 06-01
    assert node.note == f"经批准延长3个月（2026-11-23 副院长 {vp.operator} 批准）"
    assert [n.note for n in case_nodes(desk, cid) if n.rule_id == EXECUTION_RULE] == [node.note]
    from zhixing_tui.services.printing.node_table import node_table, table_rows

    printed = [r[1] for r in table_rows(node_table(desk, "（2026）豫0326执3号"))]
    assert f"法定执行期限（立案起6个月内执结），{node.note}" in printed  # the 执行流程节点表 shows it
    with desk.session() as s:
        summaries = [e.summary for e in s.exec(select(AuditEntry).where(AuditEntry.case_id == cid))]
    assert "批准延长执行期限3个月，届满日由 2026-12-01 顺延至 2027-03-01（同意）" in summaries
    assert any(x.startswith("申请延长执行期限3个月（现届满日 2026-12-01）") for x in summaries)
    # a pause recorded later keeps the extension: 中止 12-10 … 12-20 adds 10 days
    suspend(handler, cid, kind="中止", start_on=date(2026, 12, 10), reason="案外人异议")
    assert resume(handler, cid, end_on=date(2026, 12, 20)) == date(2027, 3, 11)
    assert period_node(desk, cid).note == node.note
    alert = [r for r in overdue_rows(desk, date(2027, 3, 10)).items if r.rule_id == EXECUTION_RULE]
    assert [(r.case_id, r.due_on, r.status_name, r.note) for r in alert] == [
        (cid, date(2027, 3, 11), "临期", node.note)
    ]
    view = execution_period(desk, cid)
    assert (view.due_on, view.period, view.last_request_on, view.pending) == (
        date(2027, 3, 11),
        "6个月",
        date(2027, 3, 6),
        (),
    )


def test_extension_refusals(desk) -> None:
    handler = as_role(desk, "handler")
    late = new_case(handler, 4, date(2026, 5, 25))  # due 2026-11-25: 2 days left
    with pytest.raises(Conflict, match="最迟 2026-11-20"):
        request_extension(handler, late, reason="财产待处置")
    cid = new_case(handler, 5, date(2026, 6, 1))
    approval_id = request_extension(handler, cid, reason="财产待处置")
    with pytest.raises(Conflict, match="已有待审批"):
        request_extension(handler, cid, reason="再次申请")
    chief = replace(handler, operator=staff_with(desk, "bureau_chief"))
    with pytest.raises(PermissionDenied, match="副院长"):
        decide_extension(chief, approval_id, approve=True)
    with pytest.raises(PermissionDenied):
        decide_any(handler, approval_id, approve=True)  # one's own request
    vp = replace(handler, operator=staff_with(desk, "vice_president"))
    own = request_extension(vp, new_case(handler, 6, date(2026, 6, 2)), reason="本人申请")
    with pytest.raises(PermissionDenied):
        decide_extension(vp, own, approve=True)
    clerk = replace(handler, operator=staff_with(desk, "window_clerk"))
    with pytest.raises(PermissionDenied, match="申请延长执行期限"):
        request_extension(clerk, cid, reason="窗口代申请")
    # refused by the 副院长: nothing moves
    assert decide_extension(vp, approval_id, approve=False, note="理由不足") is None
    assert (period_node(desk, cid).due_on, period_node(desk, cid).note) == (date(2026, 12, 1), "")
    with pytest.raises(Conflict, match="已处理"):
        decide_extension(vp, approval_id, approve=True)


def test_an_auction_period_pauses_the_execution_period(desk, record) -> None:
    cid = new_case(as_role(desk, "handler"), 7, date(2026, 6, 1))  # due 2026-12-01
    record(desk, cid, "auction_ruling", date(2026, 11, 10))
    record(desk, cid, "auction_notice_published", date(2026, 11, 12))  # the same pause goes on
    record(desk, cid, "auction_ruling", date(2026, 11, 10))  # recorded twice: still once
    assert pauses(desk, cid) == [("拍卖", date(2026, 11, 10), None, "auction_ruling")]
    # while the auction runs the period is not counted: no alert on or after the old due date
    assert not [r for r in overdue_rows(desk, date(2026, 12, 3)).items if r.rule_id == EXECUTION_RULE]
    record(desk, cid, "deal_ruling", date(2026, 11, 30))
    record(desk, cid, "deal_ruling", date(2026, 12, 1))  # nothing open: nothing changes
    assert pauses(desk, cid) == [("拍卖", date(2026, 11, 10), date(2026, 11, 30), "auction_ruling")]
    assert period_node(desk, cid).due_on == date(2026, 12, 21)  # 12-01 + 20 days
    with desk.session() as s:
        summaries = [e.summary for e in s.exec(select(AuditEntry).where(AuditEntry.case_id == cid))]
    assert "作出拍卖裁定；执行期限不计入期间：拍卖（自 2026-11-10 起）" in summaries
    assert "作出拍卖成交裁定；执行期限不计入期间结束：拍卖（2026-11-10 至 2026-11-30）" in summaries
    # a valuation and a 腾房公告 overlapping it count once: 12-02 … 12-12 (10 days)
    record(desk, cid, "valuation_started", date(2026, 12, 2))
    record(desk, cid, "vacate_notice_published", date(2026, 12, 5))
    record(desk, cid, "reference_price_set", date(2026, 12, 10))
    record(desk, cid, "vacate_notice_expired", date(2026, 12, 12))
    assert period_node(desk, cid).due_on == date(2026, 12, 31)
    # a 中止 typed by a clerk is resumed alone: the open pauses of operations are not its business
    record(desk, cid, "auction_ruling", date(2026, 12, 14))
    suspend(as_role(desk, "handler"), cid, kind="暂缓", start_on=date(2026, 12, 15), reason="提供担保")
    resume(desk, cid, end_on=date(2026, 12, 16))
    assert [p[0] for p in pauses(desk, cid) if p[2] is None] == ["拍卖"]


def test_a_failed_auction_closes_the_pause_and_an_approved_extension_survives_it(desk, record) -> None:
    handler = as_role(desk, "handler")
    cid = new_case(handler, 8, date(2026, 6, 1))
    approval_id = request_extension(handler, cid, reason="拍卖中")
    decide_extension(replace(handler, operator=staff_with(desk, "president")), approval_id, approve=True)
    assert period_node(desk, cid).note.startswith("经批准延长3个月（2026-11-23 院长 ")
    record(desk, cid, "auction_notice_published", date(2026, 12, 1))
    record(desk, cid, "auction_failed", date(2026, 12, 31))
    assert period_node(desk, cid).due_on == date(2027, 3, 31)  # 2027-03-01 + 30 days


def test_service_by_public_notice_pauses_thirty_days(desk) -> None:
    from zhixing_tui.services.window import checklist as checklist_svc
    from zhixing_tui.services.window import documents as docs_svc

    cid = new_case(as_role(desk, "handler"), 9, date(2026, 11, 20))  # due 2027-05-20
    docs = {d.kind: d for d in checklist_svc.load_checklist(desk, cid).documents}
    for kind in ("notice", "property_order"):
        docs_svc.make_document(desk, docs[kind].id, on=date(2026, 11, 21))
        docs_svc.add_service_attempt(
            desk, docs[kind].id, step="phone", result="failed", attempted_on=date(2026, 11, 21)
        )
    assert period_node(desk, cid).due_on == date(2027, 5, 20)
    for kind in ("notice", "property_order"):  # two documents by one notice: one pause
        docs_svc.add_service_attempt(
            desk,
            docs[kind].id,
            step="notice",
            result="served",
            note="下落不明",
            attempted_on=date(2026, 11, 22),
        )
    assert pauses(desk, cid) == [("公告送达", date(2026, 11, 22), date(2026, 12, 22), "service_by_notice")]
    assert period_node(desk, cid).due_on == date(2027, 6, 21)  # 05-20 + 30 = 06-19, a Saturday


def test_the_case_import_reads_the_non_litigation_column(desk, tmp_path) -> None:
    from tests.services.test_importer import make_xlsx
    from zhixing_tui.services.imports.run import import_cases

    header = ["案号", "立案日期", "申请执行人", "被执行人", "申请执行标的额", "是否非诉执行"]
    rows = [
        ["（2026）豫0326执51号", "2026-11-02", "张三", "李四", 100, "是"],
        ["（2026）豫0326执52号", "2026-11-02", "张三", "王五", 100, "否"],
        ["（2026）豫0326执53号", "2026-11-02", "张三", "赵六", 100, None],
        ["（2026）豫0326执54号", "2026-11-02", "张三", "钱七", 100, "可能"],
    ]
    bad = import_cases(desk, make_xlsx(tmp_path / "bad.xlsx", rows, header=header))
    assert [(i.row, i.column, i.cell, i.reason) for i in bad.invalid] == [
        (5, "是否非诉执行", "F5", "非诉执行应填“是”或“否”，不能识别「可能」")
    ]
    assert bad.inserted == 0  # all or nothing
    report = import_cases(desk, make_xlsx(tmp_path / "a.xlsx", rows[:3], header=header))
    assert report.invalid == [] and report.inserted == 3

    def period(n: int) -> tuple[bool, str, date]:
        with desk.session() as s:
            from zhixing_tui.storage.models import Case

            case = s.exec(select(Case).where(Case.case_no == f"（2026）豫0326执{n}号")).one()
            node = s.exec(
                select(DeadlineNode).where(
                    DeadlineNode.case_id == case.id, DeadlineNode.rule_id == EXECUTION_RULE
                )
            ).one()
            return case.non_litigation, node.period, node.due_on

    assert [period(n) for n in (51, 52, 53)] == [
        (True, "3个月", date(2027, 2, 2)),
        (False, "6个月", date(2027, 5, 3)),
        (False, "6个月", date(2027, 5, 3)),
    ]
    # the national system corrects it: re-importing the flag recounts the open period
    again = import_cases(desk, make_xlsx(tmp_path / "b.xlsx", [[*rows[1][:5], "是"]], header=header))
    assert again.updated == 1
    assert period(52) == (True, "3个月", date(2027, 2, 2))
