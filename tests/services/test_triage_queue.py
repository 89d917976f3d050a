"""The triage queue read side: which cases wait (from the profile's triage stage), oldest first,
paged, days waiting, the triage deadline node's due date; who may decide; one case's view."""

from __future__ import annotations

from datetime import date, datetime

from tests.triage_fixtures import case_no, staff_with, waiting_case
from zhixing_tui.profiles import load_profile
from zhixing_tui.services.cases.lifecycle import close_case
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.triage import decisions as svc
from zhixing_tui.services.triage import queue as q


def test_waiting_and_deadline_rules_come_from_the_profile():
    assert q.triage_stage_codes(load_profile("ruyang")) == ("triage",)
    assert q.triage_stage_codes(load_profile("jianli")) == ()
    # 汝阳: the center's 10日 node and the 15日 one when property must be controlled
    assert q.triage_rule_ids(load_profile("ruyang")) == (
        "ruyang.center_finish",
        "ruyang.center_finish_property",
    )
    assert q.triage_rule_ids(load_profile("gushi")) == ()


def test_queue_is_oldest_first_with_days_waiting_and_the_center_deadline(desk_factory):
    desk = desk_factory("ruyang")  # today 2026-11-23
    late = waiting_case(desk, 3, received=date(2026, 11, 16), entered=datetime(2026, 11, 20, 9, 0))
    early = waiting_case(desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 9, 10, 30))
    mid = waiting_case(desk, 2, received=date(2026, 11, 5), entered=datetime(2026, 11, 12, 8, 0))
    # not waiting: still in 收案登记; closed; already decided
    register_case(desk, case_no=case_no(desk, 4), filed_on=date(2026, 11, 20), claim_fen=100,
                  applicants=[PartyInput("甲")], respondents=[PartyInput("乙")])  # fmt: skip
    closed = waiting_case(desk, 5, received=date(2026, 11, 1), entered=datetime(2026, 11, 3, 9, 0))
    close_case(desk, closed, method="销案", closed_on=date(2026, 11, 10), closing_fen=0, recovered_fen=0)
    decided = waiting_case(desk, 6, received=date(2026, 11, 1), entered=datetime(2026, 11, 4, 9, 0))
    desk.operator = staff_with(desk, "triage_clerk")
    svc.decide(desk, decided, seed=7)

    page = q.waiting_cases(desk, limit=50)
    assert page.total == 3
    assert [r.case_id for r in page.items] == [early, mid, late]
    first = page.items[0]
    assert (first.case_no, first.applicant, first.respondent) == ("（2026）豫0326执1号", "李四", "张三")
    assert (first.stage, first.stage_name) == ("triage", "繁简分流")
    assert first.waiting_since == datetime(2026, 11, 9, 10, 30)
    assert [r.days_waiting for r in page.items] == [14, 11, 3]
    # 10日 from 收案: 11-02 → 11-12, 11-05 → 11-15 is a Sunday → Monday 11-16, 11-16 → 11-26
    assert [r.deadline_on for r in page.items] == [date(2026, 11, 12), date(2026, 11, 16), date(2026, 11, 26)]
    assert [r.days_left for r in page.items] == [-11, -7, 3]
    assert first.deadline_name == "执行事务中心完成全部工作流程并移转实施团队"
    assert (first.facts_set, first.related_pending) == (False, False)

    svc.set_case_facts(desk, mid, {"performed_or_willing": True})
    page2 = q.waiting_cases(desk, limit=2, offset=1)
    assert (page2.total, page2.offset, page2.has_prev, page2.has_next) == (3, 1, True, False)
    assert [(r.case_id, r.facts_set) for r in page2.items] == [(mid, True), (late, False)]


def test_a_profile_without_triage_stage_has_an_empty_queue(desk_factory):
    desk = desk_factory("jianli")
    page = q.waiting_cases(desk)
    assert (page.total, page.items) == (0, ())


def test_a_case_without_a_triage_node_shows_no_deadline(desk_factory):
    desk = desk_factory("shihe")
    cid = waiting_case(desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 20, 9, 0))
    (row,) = q.waiting_cases(desk).items
    assert (row.case_id, row.deadline_on, row.deadline_name, row.days_left, row.days_waiting) == (
        cid, None, None, None, 3,
    )  # fmt: skip


def test_may_decide_follows_the_decision_roles():
    assert q.may_decide("triage_clerk") is True
    assert q.may_decide("center_director") is True
    assert q.may_decide("bureau_chief") is True  # above 执行局副局长 on the ladder
    assert q.may_decide("admin") is True
    assert q.may_decide("handler") is False
    assert q.may_decide("window_clerk") is False
    assert q.may_decide(None) is False


def test_operator_role_reads_the_roster(desk):
    desk.operator = staff_with(desk, "triage_clerk")
    assert q.operator_role_or_none(desk) == "triage_clerk"
    desk.operator = "不在名册的人"
    assert q.operator_role_or_none(desk) is None


def test_view_choices_and_the_clerk_facts_form(desk_factory):
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 9, 10, 30))
    view = q.triage_view(desk, cid)
    assert (view.case_no, view.decided, view.related_pending_id, view.related_required) == (
        "（2026）豫0326执1号", False, None, False,
    )  # fmt: skip
    assert view.classes == ("简易", "普通")
    assert view.teams == ("速执团队", "普执一团队", "普执二团队", "普执三团队", "特执团队")
    assert (view.suggestion.result.cls, view.suggestion.result.pool) == (
        "普通", ("普执一团队", "普执二团队", "普执三团队"),
    )  # fmt: skip
    form = q.facts_form(desk, view)
    assert [f.key for f in form] == [
        "behaviour_by_assistance_notice", "transfer_only", "performed_or_willing", "settlement_likely",
        "likely_rejection", "criminal_property_penalty", "special_campaign",
    ]  # fmt: skip
    assert form[2].label == "被执行人已主动履行或愿意主动履行"
    assert {f.value for f in form} == {False}

    # only what the clerk changed is stated; earlier statements stay
    svc.set_case_facts(desk, cid, {"claim_amount": "20000"})
    view = q.triage_view(desk, cid)
    assert view.clerk_facts == {"claim_amount": "20000.00"}
    chosen = {f.key: f.value for f in q.facts_form(desk, view)} | {"performed_or_willing": True}
    facts = q.updated_clerk_facts(view, chosen)
    assert facts == {"claim_amount": "20000.00", "performed_or_willing": True}
    svc.set_case_facts(desk, cid, facts)
    view = q.triage_view(desk, cid)
    assert (view.suggestion.result.cls, view.suggestion.result.team) == ("简易", "速执团队")
    by_key = {f.key: f for f in q.facts_form(desk, view)}
    assert (by_key["performed_or_willing"].value, by_key["performed_or_willing"].source) == (
        True,
        "书记员填写",
    )


def test_view_says_when_related_cases_must_go_to_the_bureau_chief_first(desk_factory):
    desk = desk_factory("gushi")
    desk.operator = staff_with(desk, "triage_clerk")
    other = waiting_case(
        desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 3, 9, 0), respondent="王五"
    )
    svc.set_case_facts(desk, other, {"no_property_found": True})
    svc.decide(desk, other)  # 简易 → 速执团队
    cid = waiting_case(
        desk, 2, received=date(2026, 11, 10), entered=datetime(2026, 11, 12, 9, 0), respondent="王五"
    )
    view = q.triage_view(desk, cid)
    assert [(r.case_no, r.reasons, r.unit_name) for r in view.related] == [
        ("（2026）豫1525执1号", ("same_respondent",), "速执团队")
    ]
    assert (view.related_required, view.related_pending_id, view.related_asked) == (True, None, False)
    from zhixing_tui.services.triage.followup import propose_related

    aid = propose_related(desk, cid)
    view = q.triage_view(desk, cid)
    assert (view.related_pending_id, view.related_asked) == (aid, True)
    (row,) = q.waiting_cases(desk).items
    assert (row.case_id, row.related_pending) == (cid, True)
