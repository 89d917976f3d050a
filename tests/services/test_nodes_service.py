"""services.nodes + services.node_query against a real (migrated, initialised) database."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
from sqlmodel import col, select

from tests.node_fixtures import statuses_case
from tests.roster import act_as
from zhixing_tui.domain.nodes import node_status
from zhixing_tui.errors import InvalidValue, NotFound, PermissionDenied
from zhixing_tui.profiles.deadline_schema import rules_for
from zhixing_tui.services.cases.detail import case_timeline
from zhixing_tui.services.cases.lifecycle import set_stage
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.alerts import alert_counts, alert_page, filter_options, overdue_rows
from zhixing_tui.services.deadlines.calendar import calendar_for
from zhixing_tui.services.deadlines.case_nodes import case_nodes
from zhixing_tui.services.deadlines.nodes import apply_event
from zhixing_tui.services.deadlines.suspensions import resume, suspend
from zhixing_tui.services.deadlines.urges import may_urge, urge
from zhixing_tui.storage.models import AuditEntry, Case, DeadlineNode, OrgUnit, Staff, Urge


def new_case(desk, number: int, filed_on: date) -> int:
    return register_case(
        desk,
        case_no=f"（2026）豫0326执{number}号",
        filed_on=filed_on,
        claim_fen=1_000_000,
        applicants=[PartyInput(name="张三", kind="person")],
        respondents=[PartyInput(name="李四有限公司", kind="company")],
    )


def event(desk, case_id: int, name: str, at, subject: str | None = None):
    with desk.transaction() as s:
        return [n.rule_id for n in apply_event(s, desk, case_id, name, at, desk.operator, subject=subject)]


def nodes_of(desk, case_id: int) -> dict[str, DeadlineNode]:
    with desk.session() as s:
        return {n.rule_id: n for n in s.exec(select(DeadlineNode).where(DeadlineNode.case_id == case_id))}


def test_registering_creates_the_center_nodes_and_events_complete_them(desk) -> None:
    # registering records 立案 and 收案 (filed = received 03-02, before today: at 09:00 that day)
    cid = new_case(desk, 1, date(2026, 3, 2))
    nodes = nodes_of(desk, cid)
    assert {k: (n.anchor_event, n.anchor_at, n.due_on) for k, n in nodes.items()} == {
        "national.execution_period": ("filed", datetime(2026, 3, 2, 9), date(2026, 9, 2)),
        "ruyang.network_query": ("received", datetime(2026, 3, 2, 9), date(2026, 3, 2)),
        "ruyang.notices": ("received", datetime(2026, 3, 2, 9), date(2026, 3, 5)),
        "ruyang.offline_query": ("received", datetime(2026, 3, 2, 9), date(2026, 3, 9)),
        "ruyang.center_finish": ("received", datetime(2026, 3, 2, 9), date(2026, 3, 12)),
        "stage.receive": ("stage_entered", datetime(2026, 3, 2, 9), date(2026, 3, 2)),  # 收案登记 当日
    }
    with desk.session() as s:
        pq = s.exec(select(OrgUnit.id).where(OrgUnit.code == "property_query")).one()
    assert nodes["ruyang.notices"].owner_unit_id == pq
    assert nodes["national.execution_period"].owner_unit_id is None  # follows the case

    event(desk, cid, "national_query_started", datetime(2026, 3, 2, 16))
    event(desk, cid, "notices_served", datetime(2026, 3, 6, 11))
    nodes = nodes_of(desk, cid)
    assert nodes["ruyang.network_query"].completed_at == datetime(2026, 3, 2, 16)
    assert nodes["ruyang.network_query"].completed_by == "测试员"
    cal = calendar_for(desk)
    assert node_status(nodes["ruyang.network_query"], date(2026, 3, 20), cal) == ("done", 0)
    assert node_status(nodes["ruyang.notices"], date(2026, 3, 20), cal) == ("done_late", 1)
    # every change is on the case timeline
    with desk.session() as s:
        summaries = [
            a.summary
            for a in s.exec(select(AuditEntry).where(AuditEntry.case_id == cid, AuditEntry.action == "nodes"))
        ]
    assert summaries[0] == "立案；新增节点：法定执行期限（立案起6个月内执结）（2026-09-02 前）"
    assert (
        summaries[-1]
        == "执行通知书等文书制作并送达；完成节点：执行通知书、财产报告令、财产申报表、执行裁定书制作并送达"
    )
    # the same event at the same moment never duplicates a node
    assert event(desk, cid, "filed", datetime(2026, 3, 2, 9)) == []
    assert event(desk, cid, "received", datetime(2026, 3, 2, 9)) == []
    assert len(nodes_of(desk, cid)) == 6


def test_cancelled_by_and_clock(desk) -> None:
    cid = new_case(desk, 2, date(2026, 3, 2))  # received 03-02 (registration starts the center nodes)
    assert "ruyang.center_finish" in nodes_of(desk, cid)
    assert event(desk, cid, "offline_property_found", datetime(2026, 3, 6, 10)) == [
        "ruyang.center_finish_property"
    ]
    nodes = nodes_of(desk, cid)
    assert "ruyang.center_finish" not in nodes  # withdrawn: the 15-day rule replaces it
    assert nodes["ruyang.center_finish_property"].due_on == date(2026, 3, 17)  # 15日 from 收案 03-02


def test_stage_limit_from_filing_and_simple_to_complex(desk) -> None:
    cid = new_case(desk, 3, date(2026, 3, 2))
    with desk.transaction() as s:
        case = s.get(Case, cid)
        team = s.exec(select(OrgUnit).where(OrgUnit.code == "fast_team")).one()
        set_stage(s, case, "fast", team.id, None, "分案", desk.operator, at=datetime(2026, 3, 12, 9))
        created = apply_event(
            s, desk, case, "stage_entered", datetime(2026, 3, 12, 9), desk.operator, subject="fast"
        )
        assert [n.rule_id for n in created] == ["stage.fast"]
        assert created[0].due_on == date(2026, 4, 1)  # 30日 from 立案 03-02
        assert created[0].owner_unit_id == team.id
    event(desk, cid, "simple_to_complex", datetime(2026, 3, 30, 9))
    assert "stage.fast" not in nodes_of(desk, cid)


def test_seal_renewal_completes_the_old_term_and_starts_a_new_one(desk) -> None:
    cid = new_case(desk, 4, date(2026, 3, 2))
    assert event(desk, cid, "sealed", datetime(2026, 3, 10, 9), "real_estate") == [
        "national.seal.real_estate"
    ]
    assert event(desk, cid, "sealed", datetime(2026, 3, 10, 10), "deposit") == ["national.seal.deposit"]
    assert event(desk, cid, "renewed", datetime(2027, 2, 20, 9), "deposit") == ["national.seal.deposit"]
    with desk.session() as s:
        rows = s.exec(
            select(DeadlineNode).where(DeadlineNode.case_id == cid).order_by(col(DeadlineNode.anchor_at))
        ).all()
    got = [(r.rule_id, r.due_on, r.completed_event) for r in rows if r.rule_id.startswith("national.seal.")]
    # due on the renewal reminder: 15日 before the legal end (never moved), back to a working day
    assert got == [
        ("national.seal.real_estate", date(2029, 2, 23), None),  # ends Saturday 2029-03-10
        ("national.seal.deposit", date(2027, 2, 23), "renewed"),  # ends 2027-03-10
        ("national.seal.deposit", date(2028, 2, 4), None),  # ends Sunday 2028-02-20; 02-05 is a Saturday
    ]
    assert [r.note[:14] for r in rows if r.rule_id.startswith("national.seal.")] == [
        "期满日 2029-03-10",
        "期满日 2027-03-10",
        "期满日 2028-02-20",
    ]
    # closing the case does not end the seals
    event(desk, cid, "closed", datetime(2027, 3, 1, 9))
    assert nodes_of(desk, cid)["national.seal.real_estate"].completed_at is None


def test_suspension_excluded_from_the_execution_period(desk) -> None:
    cid = new_case(desk, 5, date(2026, 1, 5))  # registering records 立案 at 01-05 09:00
    assert nodes_of(desk, cid)["national.execution_period"].due_on == date(2026, 7, 6)
    suspend(desk, cid, kind="中止", start_on=date(2026, 6, 1), reason="案外人提出异议")
    with desk.session() as s:
        assert s.get(Case, cid).status == "suspended"
    # while suspended it is not an alert even after the old due date (the center's nodes, long
    # overdue, still are: a suspension stops only the execution period)
    assert [r.rule_id for r in overdue_rows(desk, date(2026, 7, 10)).items if r.case_id == cid] == [
        "ruyang.network_query",
        "stage.receive",
        "ruyang.notices",
        "ruyang.offline_query",
        "ruyang.center_finish",
    ]
    assert resume(desk, cid, end_on=date(2026, 7, 1)) == date(2026, 8, 4)  # 07-05 + 30 days
    assert nodes_of(desk, cid)["national.execution_period"].due_on == date(2026, 8, 4)
    with pytest.raises(InvalidValue, match="原因"):
        suspend(desk, cid, kind="中止", start_on=date(2026, 8, 1), reason=" ")


def test_overdue_rows_statuses_order_and_counts(desk) -> None:
    cid = statuses_case(desk)
    as_of = date(2026, 3, 9)
    page = overdue_rows(desk, as_of)
    got = [(r.rule_id, r.status, r.days) for r in page.items]
    assert got == [
        ("ruyang.case_money", "overdue", 5),
        ("ruyang.offline_query", "due_today", 0),
        ("ruyang.valuation", "approaching", 2),
    ]
    assert page.total == 3
    assert alert_counts(desk, as_of) == {"overdue": 1, "due_today": 1, "approaching": 1}
    # agrees with the pure status of every node
    cal = calendar_for(desk)
    by_id = {n.id: n for n in nodes_of(desk, cid).values()}
    for r in page.items:
        assert node_status(by_id[r.node_id], as_of, cal)[0] == r.status
    views = {v.rule_id: v.status_name for v in case_nodes(desk, cid, as_of)}
    assert views == {
        "stage.receive": "已完成",
        "ruyang.network_query": "已完成",
        "ruyang.notices": "超期完成",
        "ruyang.case_money": "超期",
        "ruyang.offline_query": "今日到期",
        "ruyang.valuation": "临期",
        "ruyang.center_finish": "未到期",
        "national.execution_period": "未到期",
    }
    # 12-03-10: center_finish (03-12) becomes 临期; on an earlier day the money was not yet late
    assert [r.rule_id for r in overdue_rows(desk, date(2026, 2, 26)).items] == []
    assert alert_counts(desk, date(2026, 3, 10)) == {"overdue": 2, "due_today": 0, "approaching": 2}


def test_filters_and_team_order(desk) -> None:
    cid = statuses_case(desk)
    as_of = date(2026, 3, 9)
    # the case is still with the 查控组: every node is theirs
    assert overdue_rows(desk, as_of, team="property_query").total == 3
    with desk.transaction() as s:
        case = s.get(Case, cid)
        team = s.exec(select(OrgUnit).where(OrgUnit.code == "ordinary_1")).one()
        set_stage(s, case, "ordinary_1", team.id, None, "分案", desk.operator, at=datetime(2026, 3, 8, 9))
    # the handler's nodes follow the case; the center's own node stays with the center
    rows = overdue_rows(desk, as_of, team="property_query").items
    assert [(r.rule_id, r.team) for r in rows] == [("ruyang.offline_query", "财产查控组（财产保全组）")]
    assert [r.rule_id for r in overdue_rows(desk, as_of, team=team.id).items] == [
        "ruyang.case_money",
        "ruyang.valuation",
    ]
    assert [r.team for r in overdue_rows(desk, as_of, order="team").items] == [
        "财产查控组（财产保全组）",
        "普执一团队",
        "普执一团队",
    ]
    assert [r.rule_id for r in overdue_rows(desk, as_of, node_type="ruyang.valuation").items] == [
        "ruyang.valuation"
    ]
    assert overdue_rows(desk, as_of, order="team").total == 3
    with pytest.raises(NotFound, match="没有这个组"):
        overdue_rows(desk, as_of, team="nope")
    page = overdue_rows(desk, as_of, limit=2, offset=2)
    assert (len(page.items), page.total, page.has_next) == (1, 3, False)
    opts = filter_options(desk)
    assert ("ruyang.valuation", "启动当事人议价、网上询价或移交评估") in opts.node_types


def test_the_alert_page_is_overdue_rows_with_alert_counts(desk) -> None:
    """超期预警's one call: the same page and counts as the two it replaces, whatever the filter;
    the total is the sum of the counts of the statuses asked for."""
    statuses_case(desk)
    as_of = date(2026, 3, 9)
    for kw in ({}, {"team": "property_query"}, {"node_type": "ruyang.valuation"}, {"team": "ordinary_1"}):
        page, counts = alert_page(desk, as_of, limit=2, offset=1, **kw)
        assert page == overdue_rows(desk, as_of, limit=2, offset=1, **kw)
        assert counts == alert_counts(desk, as_of, **kw)
        assert page.total == sum(counts.values())
    page, counts = alert_page(desk, as_of, statuses=("overdue", "approaching"))
    assert [r.status for r in page.items] == ["overdue", "approaching"]
    assert page.total == 2 and counts == {"overdue": 1, "due_today": 1, "approaching": 1}
    with pytest.raises(InvalidValue, match="状态"):
        alert_page(desk, as_of, statuses=("late",))


def test_handler_follows_the_case(desk) -> None:
    cid = statuses_case(desk)
    as_of = date(2026, 3, 9)
    with desk.transaction() as s:
        clerk = s.exec(select(Staff).where(Staff.unit_id.is_not(None))).first()
        case = s.get(Case, cid)
        case.handler_id = clerk.id
        s.add(case)
        clerk_name, clerk_id = clerk.name, clerk.id
    assert [r.handler for r in overdue_rows(desk, as_of, handler=clerk_id).items] == [clerk_name] * 3
    with desk.transaction() as s:
        team = s.exec(select(OrgUnit).where(OrgUnit.code == "ordinary_1")).one()
        judge = s.exec(select(Staff).where(Staff.unit_id == team.id)).first()
        set_stage(s, s.get(Case, cid), "ordinary_1", team.id, judge.id, "分案", desk.operator)
        judge_name = judge.name
    rows = overdue_rows(desk, as_of).items
    # the handler's nodes follow the case; the center's node no longer has a person
    assert [(r.rule_id, r.handler) for r in rows] == [
        ("ruyang.case_money", judge_name),
        ("ruyang.offline_query", ""),
        ("ruyang.valuation", judge_name),
    ]
    assert [r.rule_id for r in overdue_rows(desk, as_of, handler=judge_name).items] == [
        "ruyang.case_money",
        "ruyang.valuation",
    ]
    assert overdue_rows(desk, as_of, handler=clerk_id).total == 0


def test_urge_writes_a_row_and_shows_on_the_timeline(desk) -> None:
    cid = statuses_case(desk)
    row = overdue_rows(desk, date(2026, 3, 9)).items[0]
    with desk.session() as s:
        staff = s.exec(select(Staff).where(Staff.role == "handler")).first()
    supervisor = act_as(desk, "supervisor")
    uid = urge(desk, row.node_id, staff.id, "尽快发放案款", "申请人来电催问")
    with desk.session() as s:
        u = s.get(Urge, uid)
        assert (u.case_id, u.node_id, u.urged_staff_id, u.about, u.note, u.by) == (
            cid,
            row.node_id,
            staff.id,
            "尽快发放案款",
            "申请人来电催问",
            supervisor,
        )
    timeline = case_timeline(desk, cid).items
    assert timeline[-1].summary == (
        f"督办{staff.name}：尽快发放案款（节点：到账案款认领、发放，期限 2026-03-04）；申请人来电催问"
    )
    with pytest.raises(InvalidValue, match="督办事项"):
        urge(desk, row.node_id, staff.id, "  ")
    with pytest.raises(NotFound, match="流程节点"):
        urge(desk, 99999, None, "x")


def test_who_may_urge(desk) -> None:
    """督办 is the supervision group's, the command centre's and the leaders' (a window clerk could
    urge anyone, herself included); nobody urges themselves."""
    statuses_case(desk)
    row = overdue_rows(desk, date(2026, 3, 9)).items[0]
    with desk.session() as s:
        staff = s.exec(select(Staff).where(Staff.role == "handler")).first()
    act_as(desk, "window_clerk")
    assert not may_urge(desk)
    with pytest.raises(PermissionDenied, match="^窗口书记员无权督办：需要"):
        urge(desk, row.node_id, staff.id, "尽快发放案款")
    for role in ("supervisor", "monitor", "center_director", "group_leader", "bureau_chief"):
        act_as(desk, role)
        assert may_urge(desk), role
    act_as(desk, "supervisor")
    with desk.session() as s:
        me = s.exec(select(Staff).where(Staff.name == desk.operator)).one()
    with pytest.raises(InvalidValue, match="^不能督办自己"):
        urge(desk, row.node_id, me.id, "尽快发放案款")
    with desk.session() as s:
        assert s.exec(select(Urge)).all() == []


def _pure_counts(desk, as_of: date) -> Counter:
    cal = calendar_for(desk)
    windows = {r.id: r.warning_window for r in rules_for(desk.profile) if r.warning_window}
    default = desk.profile.deadlines.warning_window
    with desk.session() as s:
        return Counter(
            node_status(n, as_of, cal, windows.get(n.rule_id, default))[0]
            for n in s.exec(select(DeadlineNode).where(DeadlineNode.anchor_at < datetime(2026, 11, 24)))
        )


@pytest.mark.parametrize(("profile_id", "cases"), [("ruyang", 300), ("jianli", 200), ("shihe", 200)])
def test_demo_has_nodes_in_every_status_and_the_query_agrees(desk_factory, profile_id, cases) -> None:
    desk = desk_factory(profile_id, cases=cases)
    as_of = date(2026, 11, 23)
    counts = _pure_counts(desk, as_of)
    assert set(counts) == {"done", "done_late", "pending", "approaching", "due_today", "overdue"}, counts
    assert all(counts[s] >= 1 for s in counts)
    # the SQL status (screen, report, home) agrees with the pure status for every node
    assert alert_counts(desk, as_of) == {s: counts[s] for s in ("overdue", "due_today", "approaching")}
    cal = calendar_for(desk)
    windows = {r.id: r.warning_window for r in rules_for(desk.profile) if r.warning_window}
    page = overdue_rows(desk, as_of, limit=500)
    with desk.session() as s:
        for r in page.items:
            n = s.get(DeadlineNode, r.node_id)
            expected = node_status(
                n, as_of, cal, windows.get(n.rule_id, desk.profile.deadlines.warning_window)
            )
            assert (r.status, r.days) == expected
