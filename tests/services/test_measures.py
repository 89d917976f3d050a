"""services.measures: taking, entering and lifting measures, with their permission checks, audit
entries and the deadline nodes they start and complete; 监利's 不予拘留 approval; the monthly
figures reading the rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import select

from zhixing_tui.errors import Conflict, InvalidValue, NotFound, PermissionDenied
from zhixing_tui.services.board import handoffs as ho
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.services.board.distribution import distribute_incoming
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.measures.detention import decline_detention
from zhixing_tui.services.measures.query import list_measures, measure_page
from zhixing_tui.services.measures.records import enter_dishonest, lift_measure, take_measure
from zhixing_tui.services.stats.members import member_sheet
from zhixing_tui.storage.models import Approval, AuditEntry, Case, DeadlineNode, Measure, Party, Staff


def staff_with(desk, role: str) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()


def as_role(desk, role: str):
    return replace(desk, operator=staff_with(desk, role))


def new_case(desk, n: int = 1, *, respondents=("张三",), kind="person") -> int:
    return register_case(
        desk,
        case_no=f"（2026）{desk.profile.court.code}执{n}号",
        filed_on=date(2026, 8, 3),
        claim_fen=1_000_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput(name, kind=kind) for name in respondents],
    )


def party_id(desk, case_id: int, name: str) -> int:
    with desk.session() as s:
        return s.exec(select(Party.id).where(Party.case_id == case_id, Party.name == name)).one()


def nodes(desk, case_id: int, rule_id: str) -> list[DeadlineNode]:
    with desk.session() as s:
        return list(
            s.exec(
                select(DeadlineNode).where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == rule_id)
            )
        )


def audit_summaries(desk, case_id: int, prefix: str = "measure") -> list[str]:
    with desk.session() as s:
        rows = s.exec(
            select(AuditEntry)
            .where(AuditEntry.case_id == case_id, AuditEntry.action.startswith(prefix))
            .order_by(AuditEntry.id)
        )
        return [f"{e.action}|{e.operator}|{e.summary}" for e in rows]


# --- taking ------------------------------------------------------------------------------------


def test_a_detention_is_recorded_done_audited_and_listed(desk):
    h = as_role(desk, "handler")
    cid = new_case(h)
    mid = take_measure(h, cid, "拘留", decided_on=date(2026, 11, 20), doc_no="（2026）豫0326司惩5号", days=15)
    with desk.session() as s:
        m = s.get(Measure, mid)
        assert (m.kind, m.state, m.days, m.doc_no, m.by, m.party_id) == (
            "detention", "done", 15, "（2026）豫0326司惩5号", h.operator, party_id(desk, cid, "张三"),
        )  # fmt: skip
    assert audit_summaries(desk, cid) == [
        f"measure_taken|{h.operator}|对张三决定拘留15日（2026-11-20，（2026）豫0326司惩5号）"
    ]
    (view,) = list_measures(desk, cid)
    assert (view.kind_name, view.state_name, view.party, view.liftable) == ("拘留", "已决定", "张三", False)
    page = measure_page(desk, cid, limit=1)
    assert (page.total, len(page.items)) == (1, 1)


def test_a_unit_is_not_detained_its_principal_is(desk):
    """民事诉讼法 §118: for a unit, its principal or the persons directly responsible are detained —
    the record names who (a unit was once recorded as 拘留10日 itself)."""
    h = as_role(desk, "handler")
    cid = new_case(h, respondents=("汝阳县华兴商贸有限公司",), kind="company")
    with pytest.raises(
        InvalidValue, match="^被执行人是单位的，拘留的是其主要负责人或者直接责任人员"
    ) as refused:
        take_measure(
            h, cid, "detention", decided_on=date(2026, 11, 20), doc_no="（2026）豫0326司惩6号", days=10
        )
    assert refused.value.field == "备注"
    take_measure(h, cid, "detention", decided_on=date(2026, 11, 20), doc_no="（2026）豫0326司惩6号", days=10,
                 note="法定代表人王五")  # fmt: skip
    assert audit_summaries(desk, cid) == [
        f"measure_taken|{h.operator}|对汝阳县华兴商贸有限公司的法定代表人王五决定拘留10日"
        "（2026-11-20，（2026）豫0326司惩6号）"
    ]


def test_refusals_when_taking(desk):
    h = as_role(desk, "handler")
    cid = new_case(h, respondents=("张三", "王五"))
    other = new_case(h, 2)
    with pytest.raises(InvalidValue, match=r"^本案有多名被执行人（张三、王五），请指明对谁拘留$"):
        take_measure(h, cid, "detention", decided_on=date(2026, 11, 20), doc_no="x", days=5)
    with pytest.raises(InvalidValue, match="不是本案当事人"):
        take_measure(h, cid, "fine", decided_on=date(2026, 11, 20), doc_no="x", amount_fen=100,
                     party_id=party_id(desk, other, "张三"))  # fmt: skip
    with pytest.raises(InvalidValue, match="^罚款的对象应为被执行人：李四不是本案被执行人$"):
        take_measure(h, cid, "fine", decided_on=date(2026, 11, 20), doc_no="x", amount_fen=100,
                     party_id=party_id(desk, cid, "李四"))  # fmt: skip
    with pytest.raises(InvalidValue, match="^请填写限制消费的文书字号"):
        take_measure(h, cid, "限消", decided_on=date(2026, 11, 20), doc_no=" ")
    with pytest.raises(InvalidValue, match="拘留期限应为1至15日"):
        take_measure(h, cid, "拘留", decided_on=date(2026, 11, 20), doc_no="x", days=20,
                     party_id=party_id(desk, cid, "王五"))  # fmt: skip
    with pytest.raises(PermissionDenied, match="^窗口书记员无权采取执行措施：需要承办人$"):
        take_measure(as_role(desk, "window_clerk"), cid, "search", decided_on=date(2026, 11, 20), doc_no="x",
                     party_id=party_id(desk, cid, "王五"))  # fmt: skip
    with pytest.raises(NotFound):
        take_measure(h, 999, "search", decided_on=date(2026, 11, 20), doc_no="x")
    with desk.session() as s:
        assert s.exec(select(Measure)).all() == []


def test_a_second_ban_in_force_is_a_conflict_and_lifting_it_twice_too(desk):
    h = as_role(desk, "handler")
    cid = new_case(h)
    mid = take_measure(h, cid, "consumption_ban", decided_on=date(2026, 11, 2), doc_no="（2026）豫0326执1号")
    with pytest.raises(Conflict, match=f"^张三已有在执行的限制消费措施（编号 {mid}），不能重复采取$"):
        take_measure(h, cid, "consumption_ban", decided_on=date(2026, 11, 3), doc_no="（2026）豫0326执1号")
    with pytest.raises(InvalidValue, match="请写明解除"):
        lift_measure(h, mid, on=date(2026, 11, 20), reason="", doc_no="d", verb="解除")
    assert lift_measure(h, mid, on=date(2026, 11, 20), reason="已履行完毕", doc_no="（2026）豫0326执1号之一",
                        verb="解除") == "lifted"  # fmt: skip
    with pytest.raises(Conflict, match="^该限制消费措施已解除，不能再解除$"):
        lift_measure(h, mid, on=date(2026, 11, 21), reason="再解", doc_no="d", verb="解除")
    with desk.session() as s:
        m = s.get(Measure, mid)
        assert (m.state, m.lifted_on, m.lift_reason, m.lift_doc_no, m.lifted_by) == (
            "lifted", date(2026, 11, 20), "已履行完毕", "（2026）豫0326执1号之一", h.operator,
        )  # fmt: skip
    assert (
        audit_summaries(desk, cid)[-1]
        == f"measure_lifted|{h.operator}|解除限制消费（张三，2026-11-20）：已履行完毕"
    )
    # a new ban once the old one is lifted is allowed
    take_measure(h, cid, "consumption_ban", decided_on=date(2026, 11, 21), doc_no="（2026）豫0326执1号")


def test_measures_complete_ruyangs_no_property_node(desk):
    """汝阳 000 二(二)9: a no-property case gets its 限消/失信/强制措施 within 10日 (measures_taken)."""
    h = as_role(desk, "handler")
    cid = new_case(h)
    from zhixing_tui.services.deadlines.nodes import apply_event

    with desk.transaction() as s:
        apply_event(s, desk, cid, "no_property_found", datetime(2026, 11, 10, 9), h.operator)
    (node,) = nodes(desk, cid, "ruyang.no_property_measures")
    assert node.completed_at is None
    take_measure(
        h, cid, "fine", decided_on=date(2026, 11, 16), doc_no="（2026）豫0326司惩1号", amount_fen=500_000
    )
    (node,) = nodes(desk, cid, "ruyang.no_property_measures")
    assert (node.completed_event, node.completed_at, node.completed_by) == (
        "measures_taken", datetime(2026, 11, 16, 9), h.operator,
    )  # fmt: skip


def test_shihe_dishonest_entry_within_one_working_day(desk_factory):
    """浉河 003 三(五)3: 纳入失信 starts the 录入 node (1 working day); the 录入 completes it."""
    desk = desk_factory("shihe")
    h = as_role(desk, "handler")
    cid = new_case(h)
    mid = take_measure(h, cid, "dishonest", decided_on=date(2026, 11, 20), doc_no="（2026）豫1502执1号")
    (node,) = nodes(desk, cid, "shihe.dishonest_entry")
    assert (node.anchor_event, node.due_on, node.completed_at) == (
        "dishonest_decided",
        date(2026, 11, 23),
        None,
    )
    clerk = as_role(desk, "file_clerk")
    with pytest.raises(PermissionDenied, match="无权采取执行措施"):
        take_measure(clerk, cid, "dishonest", decided_on=date(2026, 11, 20), doc_no="x")
    with pytest.raises(InvalidValue, match="录入日期 2026-11-19 早于决定日期 2026-11-20"):
        enter_dishonest(clerk, mid, on=date(2026, 11, 19))
    enter_dishonest(clerk, mid, on=date(2026, 11, 23))
    (node,) = nodes(desk, cid, "shihe.dishonest_entry")
    assert (node.completed_event, node.completed_by) == ("dishonest_entered", clerk.operator)
    with pytest.raises(Conflict, match="^该失信决定已于 2026-11-23 录入$"):
        enter_dishonest(clerk, mid, on=date(2026, 11, 23))
    assert (
        audit_summaries(desk, cid)[-1]
        == f"measure_entered|{clerk.operator}|失信信息录入系统（张三，2026-11-23）"
    )
    assert (
        lift_measure(h, mid, on=date(2026, 11, 23), reason="系统核查", doc_no="", verb="屏蔽") == "shielded"
    )


def test_closed_cases_take_no_new_measure(desk):
    h = as_role(desk, "handler")
    cid = new_case(h)
    with desk.transaction() as s:
        case = s.get(Case, cid)
        case.status = "closed"
        s.add(case)
    with pytest.raises(Conflict, match=r"^案件 （2026）豫0326执1号 已结案，不能再采取执行措施$"):
        take_measure(h, cid, "search", decided_on=date(2026, 11, 20), doc_no="x")


# --- 监利: not detaining needs the 局长 ---------------------------------------------------------


def test_jianli_no_detention_request_is_decided_by_the_bureau_chief(desk_factory):
    desk = desk_factory("jianli")
    h = as_role(desk, "handler")
    cid = new_case(h)
    with pytest.raises(InvalidValue, match="请写明不适用拘留的特殊情况"):
        decline_detention(h, cid, reason=" ")
    aid = decline_detention(h, cid, reason="被执行人患重病住院")
    with pytest.raises(Conflict, match="尚未处理"):
        decline_detention(h, cid, reason="再报")
    with desk.session() as s:
        a = s.get(Approval, aid)
        assert (a.kind, a.level, a.status, a.details["party"], a.details["source"]) == (
            "no_detention", "bureau_chief", "pending", "张三", "004 第三组 9",
        )  # fmt: skip
    with pytest.raises(PermissionDenied, match="不能审批自己提交的申请"):
        decide_any(h, aid, approve=True)
    deputy = as_role(desk, "deputy_chief")
    with pytest.raises(PermissionDenied, match="^执行局副局长无权审批不予拘留：需要执行局长$"):
        decide_any(deputy, aid, approve=True)
    chief = as_role(desk, "bureau_chief")
    assert decide_any(chief, aid, approve=True, note="同意") == "no_detention"
    with desk.session() as s:
        a = s.get(Approval, aid)
        assert (a.status, a.decided_by, a.note) == ("approved", chief.operator, "同意")
    assert audit_summaries(desk, cid, "no_detention") == [
        f"no_detention_request|{h.operator}|报执行局长批准不予拘留张三：被执行人患重病住院（004 第三组 9）",
        f"no_detention_decide|{chief.operator}|批准不予拘留张三（同意）",
    ]
    with pytest.raises(Conflict, match="已处理"):
        decide_any(chief, aid, approve=False, note="改判")


def test_no_detention_needs_no_approval_where_the_profile_has_no_rule(desk):
    h = as_role(desk, "handler")
    cid = new_case(h)
    with pytest.raises(Conflict, match="^汝阳的配置未规定不予拘留须报批，无需提出审批$"):
        decline_detention(h, cid, reason="特殊")


# --- the monthly figures count recorded detentions ---------------------------------------------


def test_member_figures_count_a_detention_and_a_fine_taken_through_the_service(desk_factory):
    desk = desk_factory("jianli", as_of=date(2026, 11, 23))
    mon = as_role(desk, "monitor")
    cid = new_case(desk)
    for stage in ("offline_query", "clue_query"):
        leader = as_role(desk, "group_leader")
        with desk.session() as s:
            unit = s.get(Case, cid).unit_id
            leader = replace(desk, operator=s.exec(
                select(Staff.name).where(Staff.unit_id == unit, Staff.is_leader)).first())  # fmt: skip
        ho.approve(mon, ho.submit_move(leader, cid, stage))
    with desk.session() as s:
        unit = s.get(Case, cid).unit_id
        lead = s.exec(select(Staff.name).where(Staff.unit_id == unit, Staff.is_leader)).first()
    distribute_incoming(replace(desk, operator=lead), seed=7)
    with desk.session() as s:
        member = s.get(Staff, s.get(Case, cid).handler_id).name
    m = replace(desk, operator=member)
    take_measure(m, cid, "detention", decided_on=date(2026, 11, 23), doc_no="（2026）鄂司惩1号", days=15)
    take_measure(
        m, cid, "fine", decided_on=date(2026, 11, 23), doc_no="（2026）鄂司惩2号", amount_fen=100_000
    )
    take_measure(m, cid, "consumption_ban", decided_on=date(2026, 11, 23), doc_no="（2026）执1号")
    sheet = member_sheet(desk, 2026, 11)
    row = {r[0]: r for r in sheet.rows}[member]
    detentions = sheet.columns.index("拘留数")
    assert (row[detentions], row[sheet.columns.index("罚款数")]) == (1, 1)
    assert all(r[detentions] == 0 for r in sheet.rows if r[0] != member)
