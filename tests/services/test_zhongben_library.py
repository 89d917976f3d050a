"""终本案件库: the 6-monthly re-query series a 终本 closing starts (法〔2016〕373号 第九条第二款), the
re-query recorded on a closed case's checklist, the library's pages, and 恢复执行 (a linked 执恢 case)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import col, select

from tests.services.test_triage_service import CODES, staff_with
from tests.zhongben_fixtures import satisfy_national
from zhixing_tui.clock import Clock
from zhixing_tui.errors import Conflict, InvalidValue, NotFound, PermissionDenied
from zhixing_tui.profiles.deadline_schema import ZHONGBEN_REQUERY
from zhixing_tui.services.cases.detail import case_detail
from zhixing_tui.services.cases.lifecycle import close_case
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.window.checklist import ensure_checklist, mark_national_none, move_item
from zhixing_tui.services.zhongben.conditions import set_material
from zhixing_tui.services.zhongben.library import zhongben_library
from zhixing_tui.services.zhongben.requery import record_requery
from zhixing_tui.services.zhongben.resumption import decide_resumption, request_resumption
from zhixing_tui.storage.models import (
    Approval,
    AuditEntry,
    Case,
    DeadlineNode,
    Party,
    QueryItem,
    RelatedCaseLink,
)

CLOSED = date(2026, 8, 31)


def on(desk, day: date, role: str | None = None):
    """The same database seen on ``day`` (optionally as someone holding ``role``)."""
    later = replace(desk, clock=Clock.on(day))
    if role:
        later.operator = staff_with(later, role)
    return later


def zhongben_case(desk, n: int = 1, *, closed: date = CLOSED, method: str = "终本") -> int:
    code = CODES[desk.profile_id]
    case_id = register_case(
        desk,
        case_no=f"（2026）{code}执{n}号",
        filed_on=date(2026, 5, 4),
        claim_fen=5_000_000,
        applicants=[PartyInput("李四", phone="13800000000")],
        respondents=[PartyInput("张三"), PartyInput("某某公司", kind="company")],
        basis="（2025）豫0326民初100号",
        cause="民间借贷纠纷",
    )
    ensure_checklist(desk, case_id)
    mark_national_none(desk, case_id, on=date(2026, 8, 20))
    satisfy_national(desk, case_id, date(2026, 8, 20))  # the 终本 conditions (法〔2016〕373号 第一条)
    for item in desk.profile.zhongben.materials():  # and the court's own list (监利's six materials)
        set_material(on(desk, desk.today(), "handler"), case_id, item.id)
    recovered = 5_000_000 if method == "执行完毕" else 1_000_000
    close_case(desk, case_id, method=method, closed_on=closed, closing_fen=5_000_000, recovered_fen=recovered)
    return case_id


def requery_nodes(desk, case_id):
    with desk.session() as s:
        return s.exec(
            select(DeadlineNode)
            .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == ZHONGBEN_REQUERY)
            .order_by(col(DeadlineNode.anchor_at))
        ).all()


def test_closing_by_zhongben_starts_the_series_other_closings_do_not(desk):
    case_id = zhongben_case(desk, 1)
    other = zhongben_case(desk, 2, method="执行完毕")
    (node,) = requery_nodes(desk, case_id)
    assert node.name == "终本案件定期网络查控（每六个月一次）第1期（共10期）"
    assert node.anchor_event == "closed"
    assert node.due_on == date(2027, 3, 1)  # 2027-02-28 is a Sunday: the next working day
    assert "第九条第二款" in node.source
    assert requery_nodes(desk, other) == []


def test_a_requery_completes_its_period_and_starts_the_next_on_the_fixed_grid(desk):
    case_id = zhongben_case(desk)
    early = on(desk, date(2027, 1, 15), "handler")
    result = record_requery(early, case_id)
    assert result.completed == ("终本案件定期网络查控（每六个月一次）第1期（共10期）",)
    assert result.created == ("终本案件定期网络查控（每六个月一次）第2期（共10期）（2027-08-31 前）",)
    first, second = requery_nodes(desk, case_id)
    assert first.completed_at.date() == date(2027, 1, 15) and first.completed_event == "national_query_done"
    # the grid stays on the closing: 2026-08-31 + 12 months, not 2027-01-15 + 6 months
    assert (second.anchor_at.date(), second.due_on) == (date(2027, 2, 28), date(2027, 8, 31))

    # a second query in the same period does not answer the next period
    record_requery(on(desk, date(2027, 2, 10), "handler"), case_id)
    assert [n.completed_at for n in requery_nodes(desk, case_id)][1] is None

    record_requery(on(desk, date(2027, 3, 5), "handler"), case_id)
    nodes = requery_nodes(desk, case_id)
    assert [n.due_on for n in nodes] == [date(2027, 3, 1), date(2027, 8, 31), date(2028, 2, 29)]
    assert nodes[1].completed_at.date() == date(2027, 3, 5)
    with desk.session() as s:
        items = s.exec(
            select(QueryItem).where(QueryItem.case_id == case_id, QueryItem.channel == "national")
        ).all()
        assert {(i.result, i.feedback_on) for i in items} == {("none", date(2027, 3, 5))}
        summaries = [
            a.summary for a in s.exec(select(AuditEntry).where(AuditEntry.action == "zhongben.requery"))
        ]
    assert len(summaries) == 3 and summaries[0].endswith("未发现可供执行的财产")


def test_requery_refusals_and_other_checklist_changes_stay_refused(desk):
    open_case = register_case(
        desk,
        case_no=f"（2026）{CODES['ruyang']}执9号",
        filed_on=date(2026, 5, 4),
        claim_fen=100,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    case_id = zhongben_case(desk)
    later = on(desk, date(2027, 1, 15), "handler")
    with pytest.raises(Conflict, match="不是以终结本次执行程序结案的案件"):
        record_requery(later, open_case)
    with pytest.raises(InvalidValue, match="早于终本结案日期 2026-08-31"):
        record_requery(later, case_id, on=date(2026, 8, 1))
    with pytest.raises(InvalidValue, match="查控项目不认识：游艇"):
        record_requery(later, case_id, found={"游艇": 0})
    with pytest.raises(PermissionDenied, match="窗口书记员无权记录终本案件定期查询"):
        record_requery(on(desk, date(2027, 1, 15), "window_clerk"), case_id)
    with desk.session() as s:
        item_id = s.exec(select(QueryItem.id).where(QueryItem.case_id == case_id)).first()
    with pytest.raises(Conflict, match="已结案，查控清单不能再修改"):  # only the re-query is allowed
        move_item(later, item_id, "feedback", result="found")
    assert len(requery_nodes(desk, case_id)) == 1


def test_library_pages_fields_and_new_property(desk):
    ids = [zhongben_case(desk, n, closed=date(2026, 8, 20 + n)) for n in range(1, 4)]
    zhongben_case(desk, 4, method="执行完毕")
    later = on(desk, date(2027, 2, 25), "handler")
    record_requery(later, ids[0], found={"银行存款": 123_400})

    page = zhongben_library(later, limit=2)
    assert (page.total, page.has_next, [r.case_id for r in page.items]) == (3, True, [ids[2], ids[1]])
    row = page.items[0]
    assert row.closed_on == date(2026, 8, 23)
    assert row.respondents == "张三、某某公司"
    assert row.next_requery.endswith("第1期（共10期）") and row.next_due == date(2027, 2, 23)
    assert (row.status, row.status_name, row.days) == ("overdue", "超期", 2)
    assert (row.last_requery_on, row.new_property, row.resumed_by) == (None, False, None)
    (first,) = zhongben_library(later, limit=2, offset=2).items
    assert first.case_id == ids[0] and first.new_property and first.last_requery_on == date(2027, 2, 25)
    assert (first.next_due, first.status) == (date(2027, 8, 23), "pending")
    # needs action: 超期 re-queries and new property not yet resumed
    assert zhongben_library(later, needs_action=True).total == 3
    assert zhongben_library(on(desk, date(2026, 12, 1)), needs_action=True).total == 0
    with pytest.raises(InvalidValue):
        zhongben_library(later, limit=0)


def test_resumption_in_one_step_opens_a_linked_zhihui_case_with_its_own_nodes(desk):
    case_id = zhongben_case(desk)
    clerk = on(desk, date(2027, 3, 1), "window_clerk")
    approval_id = request_resumption(
        clerk, case_id, received_on=date(2027, 3, 1), reason="申请执行人提供房产线索"
    )
    with desk.session() as s:
        node = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id, DeadlineNode.rule_id == "ruyang.resumption"
            )
        ).one()
        assert node.due_on == date(2027, 3, 8)
        assert s.get(Approval, approval_id).level == "supervisor"
    with pytest.raises(Conflict, match="已有待审查的恢复执行申请"):
        request_resumption(clerk, case_id, received_on=date(2027, 3, 1), reason="再次")
    with pytest.raises(PermissionDenied, match="不能审批自己提交的申请"):
        decide_resumption(clerk, case_id, approve=True)
    with pytest.raises(InvalidValue, match="须写明理由"):
        decide_resumption(on(desk, date(2027, 3, 4), "supervisor"), case_id, approve=False)

    decision = decide_resumption(
        on(desk, date(2027, 3, 4), "supervisor"), case_id, approve=True, note="线索属实"
    )
    assert (decision.approved, decision.final, decision.new_case_no) == (True, True, "（2027）豫0326执恢1号")
    with desk.session() as s:
        new = s.get(Case, decision.new_case_id)
        assert (new.type_code, new.filed_on, new.claim_fen, new.basis) == (
            "执恢",
            date(2027, 3, 4),
            4_000_000,
            "（2025）豫0326民初100号",
        )
        names = s.exec(
            select(Party.role, Party.name)
            .where(Party.case_id == new.id)
            .order_by(Party.role, Party.sort_order)
        ).all()
        assert names == [("applicant", "李四"), ("respondent", "张三"), ("respondent", "某某公司")]
        link = s.exec(select(RelatedCaseLink)).one()
        assert (link.case_id, link.other_case_id, link.reason) == (new.id, case_id, "恢复执行")
        new_rules = {n.rule_id for n in s.exec(select(DeadlineNode).where(DeadlineNode.case_id == new.id))}
        assert "national.execution_period" in new_rules
        done = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id, DeadlineNode.rule_id == "ruyang.resumption"
            )
        ).one()
        assert done.completed_event == "resumption_decided"
    # the old case's re-query series ends: the case is executed again under the new number
    assert requery_nodes(desk, case_id) == []
    assert case_detail(desk, case_id).related == (("（2027）豫0326执恢1号", "恢复执行"),)
    assert case_detail(desk, new.id).related == (("（2026）豫0326执1号", "恢复执行"),)
    row = zhongben_library(on(desk, date(2027, 3, 4))).items[0]
    assert (row.resumed_by, row.resumption_pending, row.next_due) == ("（2027）豫0326执恢1号", False, None)
    with pytest.raises(Conflict, match="已恢复执行"):
        request_resumption(clerk, case_id, received_on=date(2027, 3, 1), reason="再次")


def test_jianli_resumption_needs_group_leader_then_bureau_chief(desk_factory):
    desk = desk_factory("jianli")
    case_id = zhongben_case(desk)
    clerk = on(desk, date(2027, 3, 1), "window_clerk")
    request_resumption(clerk, case_id, received_on=date(2027, 3, 1), reason="发现车辆")
    with pytest.raises(PermissionDenied, match="承办人无权组长初审"):
        decide_resumption(on(desk, date(2027, 3, 2), "handler"), case_id, approve=True)
    first = decide_resumption(on(desk, date(2027, 3, 2), "group_leader"), case_id, approve=True)
    assert (first.final, first.step, first.next_step, first.new_case_id) == (
        False,
        "组长初审",
        "局长审核",
        None,
    )
    with pytest.raises(PermissionDenied, match="组长/团队长无权局长审核"):
        decide_resumption(on(desk, date(2027, 3, 2), "group_leader"), case_id, approve=True)
    final = decide_resumption(
        on(desk, date(2027, 3, 3), "bureau_chief"), case_id, approve=False, note="线索不实"
    )
    assert (final.approved, final.final, final.new_case_id) == (False, True, None)
    with desk.session() as s:
        row = s.exec(select(Approval).where(Approval.kind == "resumption")).one()
        assert row.status == "rejected" and [p["step"] for p in row.details["passed"]] == [
            "组长初审",
            "局长审核",
        ]
        assert s.exec(select(RelatedCaseLink)).all() == []
    assert len(requery_nodes(desk, case_id)) == 1  # rejected: the re-queries go on
    with pytest.raises(NotFound, match="没有待审查的恢复执行申请"):
        decide_resumption(on(desk, date(2027, 3, 3), "bureau_chief"), case_id, approve=True)


def test_the_approvals_screen_decides_a_resumption_through_its_service(desk):
    from zhixing_tui.services.board.approvals import decide_any

    case_id = zhongben_case(desk)
    aid = request_resumption(
        on(desk, date(2027, 3, 1), "window_clerk"), case_id, received_on=date(2027, 3, 1), reason="线索"
    )
    assert (
        decide_any(on(desk, date(2027, 3, 2), "group_leader"), aid, approve=True, note="属实") == "resumption"
    )
    with desk.session() as s:
        assert s.get(Approval, aid).status == "approved"
        assert s.exec(select(Case.case_no).where(Case.type_code == "执恢")).all() == ["（2027）豫0326执恢1号"]


def test_after_an_early_requery_the_library_shows_the_next_one(desk):
    """Queried on 2027-01-15, before the first 6-month mark (2027-02-28): the first period is
    answered and the second opens only at the mark — the library still names it as the next
    re-query (never 已满五年)."""
    case_id = zhongben_case(desk)
    record_requery(on(desk, date(2027, 1, 15), "handler"), case_id)
    (row,) = zhongben_library(on(desk, date(2027, 1, 20))).items
    assert row.next_requery.endswith("第2期（共10期）")
    assert (row.next_due, row.status, row.last_requery_on) == (
        date(2027, 8, 31),
        "pending",
        date(2027, 1, 15),
    )
    # seen before the early query, the first period is still the one due
    (before,) = zhongben_library(on(desk, date(2027, 1, 10))).items
    assert before.next_requery.endswith("第1期（共10期）") and before.last_requery_on is None


def test_the_approvals_list_names_every_role_the_step_accepts(desk):
    """汝阳's step accepts the 终本管理组 (监督管理) or a 组长 — and so anyone above a 组长 on the
    ladder, e.g. the 局长. The list row carries those roles, so the screen offers the decision
    to whom the service accepts it from, and says so (it used to say 须由监督管理 and refuse the 局长)."""
    from zhixing_tui.domain.roles import may_approve
    from zhixing_tui.services.board.approvals import decide_any
    from zhixing_tui.services.board.query import pending_approvals
    from zhixing_tui.tui.screens.approval_items import form_text

    case_id = zhongben_case(desk)
    aid = request_resumption(
        on(desk, date(2027, 3, 1), "window_clerk"), case_id, received_on=date(2027, 3, 1), reason="线索"
    )
    (row,) = pending_approvals(desk, kind="resumption").items
    assert row.deciders == ("supervisor", "group_leader")
    assert [may_approve(r, row.deciders) for r in ("supervisor", "bureau_chief", "handler")] == [
        True,
        True,
        False,
    ]
    text = form_text(row, "bureau_chief").plain
    assert "须由监督管理或组长/团队长（或更高职级）审批" in text and "无权" not in text
    assert "无权审批此事项：需要监督管理或组长/团队长" in form_text(row, "handler").plain
    assert (
        decide_any(on(desk, date(2027, 3, 2), "bureau_chief"), aid, approve=True, note="属实") == "resumption"
    )
