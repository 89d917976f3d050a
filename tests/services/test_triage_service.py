"""Triage services on real databases: derived facts, decisions and draws, permissions (类案集中,
简转繁), 二次分案 with its 3-day node, the 监利 member draw, the 简转繁 form."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlmodel import select

from zhixing_tui.domain.assignment import replay
from zhixing_tui.errors import Conflict, InvalidValue, PermissionDenied
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.printing.s2c_form import simple_to_complex_rows, write_simple_to_complex_form
from zhixing_tui.services.triage import decisions as svc
from zhixing_tui.services.triage import followup as follow
from zhixing_tui.storage.models import (
    Approval,
    AssignmentDraw,
    AuditEntry,
    Case,
    DeadlineNode,
    IntakeRecord,
    OrgUnit,
    QueryItem,
    RelatedCaseLink,
    Staff,
    StageEntry,
    TriageDecision,
)

CODES = {"ruyang": "豫0326", "gushi": "豫1525", "shihe": "豫1502", "jianli": "鄂1088", "kuaizhi": "豫1521"}


def staff_with(desk, role: str) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()


def as_role(desk, role: str):
    desk.operator = staff_with(desk, role)
    return desk


def new_case(desk, n: int, *, claim=1_000_000, respondent="张三", rid=None, applicant="李四", filed=date(2026, 11, 2),
             basis="", kind="person"):  # fmt: skip
    return register_case(
        desk,
        case_no=f"（2026）{CODES[desk.profile_id]}执{n}号",
        filed_on=filed,
        claim_fen=claim,
        applicants=[PartyInput(applicant)],
        respondents=[PartyInput(respondent, kind=kind, id_number=rid)],
        basis=basis,
    )


def unit_name(desk, case_id):
    with desk.session() as s:
        case = s.get(Case, case_id)
        return s.get(OrgUnit, case.unit_id).name, case.stage, case.triage_class


# --- facts -----------------------------------------------------------------------------------------


def test_facts_derived_from_case_intake_queries_and_prior_zhongben(desk_factory):
    desk = desk_factory("shihe")
    old = new_case(desk, 1, respondent="王五", filed=date(2026, 1, 5))
    with desk.transaction() as s:  # a 终本 closed in the national system, as an import records it
        prior = s.get(Case, old)
        prior.status, prior.closed_on, prior.closing_method = "closed", date(2026, 6, 1), "终结本次执行程序"
        s.add(prior)
    cid = new_case(desk, 2, respondent="王五", claim=8_000_000, kind="organ")
    with desk.transaction() as s:
        s.add(QueryItem(case_id=cid, channel="national", asset_type="deposit", status="done", result="found",
                        amount_found_fen=300_000))  # fmt: skip
        s.add(IntakeRecord(case_id=cid, performed_or_willing=True, saved_by="x"))
    sug = svc.suggest(desk, cid)
    assert sug.facts.to_json() == {
        "claim_amount": "80000.00",
        "filed_on": "2026-11-02",
        "money_found": "3000.00",
        "prior_zhongben_closed_on": "2026-06-01",
        "performed_or_willing": True,
        "no_property_found": False,
        "respondent_is_government": True,
    }
    assert sug.sources["prior_zhongben_closed_on"] == "同一被执行人的前案"
    # simple_5 and simple_6 match, but 被执行人为党政机关 excludes it from 简易
    assert sug.result.to_json()["class"] == "普通"
    assert [r.id for r in sug.result.matched] == ["simple_5", "simple_6"]
    assert [r.id for r in sug.result.excluded_by] == ["exclusion_4"]
    # clerk facts override derived ones
    svc.set_case_facts(desk, cid, {"respondent_is_government": False, "claim_amount": 50000})
    sug = svc.suggest(desk, cid)
    assert (sug.result.cls, sug.result.team) == ("简易", "快执团队")
    assert sug.sources["respondent_is_government"] == "书记员填写"
    with pytest.raises(InvalidValue) as exc:
        svc.set_case_facts(desk, cid, {"nonsense": True})
    assert exc.value.field == "nonsense"


# --- decisions and the fair draw --------------------------------------------------------------------


def test_accepting_a_team_route_moves_the_case(desk_factory):
    desk = as_role(desk_factory("gushi"), "triage_clerk")
    cid = new_case(desk, 1)
    svc.set_case_facts(desk, cid, {"no_property_found": True})
    d = svc.decide(desk, cid)
    assert (d.cls, d.team, d.overridden, d.draw) == ("简易", "速执团队", False, None)
    assert unit_name(desk, cid) == ("速执团队", "fast", "simple")
    with desk.session() as s:
        row = s.exec(select(TriageDecision).where(TriageDecision.case_id == cid)).one()
        assert (row.suggested_class, row.final_class, row.suggested_unit) == ("simple", "simple", "速执团队")
        assert row.matched == [
            {"id": "simple_2", "text": "没有查询到可供执行财产，或者有财产但暂时不能处分的"}
        ]
        assert row.decided_by == desk.operator
        entry = s.exec(
            select(StageEntry).where(StageEntry.case_id == cid, StageEntry.left_at.is_(None))
        ).one()
        assert entry.reason == "繁简分流：分至速执团队"
    with pytest.raises(Conflict, match="已经分流"):
        svc.decide(desk, cid)


def test_override_needs_a_reason_and_is_recorded(desk_factory):
    desk = as_role(desk_factory("gushi"), "triage_clerk")
    cid = new_case(desk, 1)
    with pytest.raises(InvalidValue, match="必须写明理由"):
        svc.decide(desk, cid, cls="特殊")
    d = svc.decide(desk, cid, cls="特殊", reason="涉众，申请人三十余人")
    assert (d.cls, d.team, d.overridden) == ("特殊", "特执团队", True)
    with desk.session() as s:
        row = s.exec(select(TriageDecision).where(TriageDecision.case_id == cid)).one()
        assert (row.suggested_class, row.final_class, row.overridden) == ("ordinary", "special", True)
        assert row.reason == "涉众，申请人三十余人"


def test_window_clerk_cannot_decide(desk_factory):
    desk = as_role(desk_factory("gushi"), "window_clerk")
    cid = new_case(desk, 1)
    with pytest.raises(PermissionDenied, match="窗口书记员无权作出繁简分流决定"):
        svc.decide(desk, cid)


def test_unknown_operator_is_refused(desk_factory):
    desk = desk_factory("gushi")  # 测试员 is not on the roster
    cid = new_case(desk, 1)
    with pytest.raises(PermissionDenied, match="不在人员名册中"):
        svc.decide(desk, cid)


def test_random_route_draws_evenly_and_replays(desk_factory):
    desk = as_role(desk_factory("ruyang"), "query_clerk")
    ids = [new_case(desk, n, respondent=f"被执行人{n}") for n in range(1, 31)]
    for cid in ids:
        svc.decide(desk, cid, seed=cid)
    with desk.session() as s:
        draws = list(s.exec(select(AssignmentDraw).order_by(AssignmentDraw.id)))
    assert len(draws) == 30
    assert Counter(d.chosen for d in draws) == {"普执一团队": 10, "普执二团队": 10, "普执三团队": 10}
    for d in draws:
        assert d.pool == ["普执一团队", "普执二团队", "普执三团队"]
        assert d.period == "2026-11"
        assert replay(d).chosen == d.chosen
        assert max(d.counts.values()) - min(d.counts.values()) <= 1
    assert unit_name(desk, ids[0])[0] == draws[0].chosen
    with desk.session() as s:  # the decision records 移交实施团队: the team's first-round node opens
        first_round = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "ruyang.first_round")).all()
    assert sorted(n.case_id for n in first_round) == sorted(ids)
    with desk.session() as s:
        audits = s.exec(select(AuditEntry.summary).where(AuditEntry.action == "draw")).all()
    assert len(audits) == 30 and audits[1].startswith("本期已分案：普执一团队")


def test_picking_a_team_instead_of_the_draw_is_an_override_needing_a_reason(desk_factory):
    desk = as_role(desk_factory("ruyang"), "query_clerk")
    cid = new_case(desk, 1)
    assert svc.suggest(desk, cid).result.pool  # 普通: an even draw over 普执一/二/三
    with pytest.raises(InvalidValue, match="必须写明理由"):
        svc.decide(desk, cid, team="普执二团队")
    d = svc.decide(desk, cid, team="普执二团队", reason="申请人与普执二团队另案关联")
    assert (d.team, d.overridden, d.draw) == ("普执二团队", True, None)
    with desk.session() as s:
        assert s.exec(select(AssignmentDraw)).first() is None  # no draw was made


# --- 类案集中 --------------------------------------------------------------------------------------


def _related_setup(desk_factory):
    desk = as_role(desk_factory("gushi"), "triage_clerk")
    first = new_case(desk, 1, respondent="赵六", rid="11010519491231002X")
    svc.decide(desk, first, cls="普通", reason="先行分案")
    second = new_case(desk, 2, respondent="赵六", rid="11010519491231002X", applicant="钱七")
    svc.set_case_facts(desk, second, {"no_property_found": True})
    return desk, first, second


def test_related_cases_found_and_proposed(desk_factory):
    desk, first, second = _related_setup(desk_factory)
    sug = svc.suggest(desk, second)
    assert [(r.case_id, r.reasons, r.unit_name) for r in sug.related] == [
        (first, ("same_respondent",), "普执团队")
    ]
    assert sug.related_team == "普执团队"
    with pytest.raises(Conflict, match="有关联案件由普执团队办理：请先提出类案集中建议，报执行局长审批"):
        svc.decide(desk, second)
    approval_id = follow.propose_related(desk, second)
    with desk.session() as s:
        ap = s.get(Approval, approval_id)
        assert (ap.kind, ap.level, ap.status, ap.details["team"]) == (
            "related_cases",
            "bureau_chief",
            "pending",
            "普执团队",
        )
        assert s.exec(
            select(RelatedCaseLink.other_case_id).where(RelatedCaseLink.case_id == second)
        ).all() == [first]
    with pytest.raises(Conflict, match="类案集中审批尚未决定"):
        svc.decide(desk, second)


def test_clerk_cannot_approve_related_cases_chief_can(desk_factory):
    desk, first, second = _related_setup(desk_factory)
    approval_id = follow.propose_related(desk, second)
    as_role(desk, "window_clerk")
    with pytest.raises(PermissionDenied, match="窗口书记员无权审批类案集中：需要执行局长"):
        follow.decide_related(desk, approval_id, approve=True)
    with desk.session() as s:
        assert s.get(Approval, approval_id).status == "pending"
    chief = as_role(desk, "bureau_chief").operator
    d = follow.decide_related(desk, approval_id, approve=True, note="同一被执行人")
    assert (d.cls, d.team) == ("简易", "普执团队")  # the class stays; the team follows the related case
    assert unit_name(desk, second)[0] == "普执团队"
    with desk.session() as s:
        ap = s.get(Approval, approval_id)
        assert (ap.status, ap.decided_by, ap.note) == ("approved", chief, "同一被执行人")
        row = s.exec(select(TriageDecision).where(TriageDecision.case_id == second)).one()
        assert (row.approved_by, row.overridden) == (chief, True)
    with pytest.raises(Conflict, match="不能再次审批"):
        follow.decide_related(desk, approval_id, approve=False)


def test_rejected_related_proposal_lets_normal_triage_run(desk_factory):
    desk, _first, second = _related_setup(desk_factory)
    approval_id = follow.propose_related(desk, second)
    as_role(desk, "bureau_chief")
    assert follow.decide_related(desk, approval_id, approve=False) is None
    as_role(desk, "triage_clerk")
    assert svc.decide(desk, second).team == "速执团队"


# --- 二次分案 --------------------------------------------------------------------------------------


def test_reassign_moves_with_reason_and_opens_3_day_node(desk_factory):
    desk = as_role(desk_factory("gushi"), "triage_clerk")
    cid = new_case(desk, 1)
    svc.set_case_facts(desk, cid, {"performed_or_willing": True})
    svc.decide(desk, cid)
    with pytest.raises(InvalidValue, match="必须写明理由"):
        follow.reassign(desk, cid, team="普执团队", reason=" ")
    d = follow.reassign(desk, cid, team="普执团队", reason="当事人对执行法官意见较大")
    assert d.team == "普执团队"
    assert unit_name(desk, cid) == ("普执团队", "ordinary", "simple")
    with desk.session() as s:
        node = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == cid, DeadlineNode.rule_id == "gushi.reassign_handover"
            )
        ).one()
        assert (node.period, node.anchor_event, node.completed_at) == ("3日", "handoff_decided", None)
        assert (node.due_on - node.anchor_at.date()).days >= 3
        kinds = s.exec(
            select(TriageDecision.kind).where(TriageDecision.case_id == cid).order_by(TriageDecision.id)
        )
        assert list(kinds) == ["initial", "reassign"]
    follow.confirm_reassign_handoff(desk, cid)
    with desk.session() as s:
        node = s.get(DeadlineNode, node.id)
        assert node.completed_event == "reassigned"
        assert node.completed_at is not None
    with pytest.raises(Conflict, match="已由普执团队办理"):
        follow.reassign(desk, cid, team="普执团队", reason="再次")


def test_reassign_where_the_profile_has_no_handoff_rule(desk_factory):
    desk = as_role(desk_factory("shihe"), "triage_clerk")
    cid = new_case(desk, 1)
    with pytest.raises(Conflict, match="没有二次分案决定"):
        follow.confirm_reassign_handoff(desk, cid)
    svc.decide(desk, cid)
    follow.reassign(desk, cid, team="执行实施团队", reason="标的额判断有误")
    with desk.session() as s:
        rules = s.exec(select(DeadlineNode.rule_id).where(DeadlineNode.case_id == cid)).all()
    assert not [r for r in rules if "reassign" in r]


# --- 监利 member draw --------------------------------------------------------------------------------


def test_jianli_distributes_clue_group_cases_evenly_over_members(desk_factory):
    desk = as_role(desk_factory("jianli"), "group_leader")
    with desk.session() as s:
        unit = s.exec(select(OrgUnit).where(OrgUnit.name == "线索查控组")).one()
        members = s.exec(select(Staff.name).where(Staff.unit_id == unit.id, Staff.is_leader.is_(False))).all()
    assert len(members) == 4
    from zhixing_tui.services.cases.lifecycle import set_stage

    ids = [new_case(desk, n, respondent=f"某{n}") for n in range(1, 13)]
    with desk.transaction() as s:
        for cid in ids:
            set_stage(s, s.get(Case, cid), "clue_query", unit.id, None, "移送线索查控组", desk.operator)
    with pytest.raises(Conflict, match="不实行"):
        svc.decide(desk, ids[0])
    chosen = [follow.distribute_to_member(desk, cid, seed=7).chosen for cid in ids]
    assert Counter(chosen) == {m: 3 for m in members}
    with desk.session() as s:
        handler = s.get(Staff, s.get(Case, ids[0]).handler_id).name
    assert handler == chosen[0]


# --- 简转繁 ----------------------------------------------------------------------------------------


def test_fast_case_open_at_30_days_raises_form_for_the_chief(desk_factory, tmp_path):
    desk = as_role(desk_factory("ruyang"), "query_clerk")
    old = new_case(desk, 1, filed=date(2026, 10, 24))  # 30 days before 2026-11-23
    young = new_case(desk, 2, filed=date(2026, 10, 25), respondent="另一人")
    for cid in (old, young):
        svc.decide(desk, cid, cls="简易", reason="被执行人愿意履行")
    assert follow.raise_simple_to_complex(desk) == [1]
    assert follow.raise_simple_to_complex(desk) == []  # once per case
    with desk.session() as s:
        ap = s.exec(select(Approval).where(Approval.kind == "simple_to_complex")).one()
        assert (ap.case_id, ap.level, ap.details["days"], ap.details["team"]) == (
            old,
            "bureau_chief",
            30,
            "速执团队",
        )
    rows = dict(simple_to_complex_rows(desk, ap.id))
    assert rows["案号"] == "（2026）豫0326执1号"
    assert rows["已用期限"] == "立案已30日（期限30日）"
    assert rows["执行局长审批意见"] == ""  # a pending request prints its box blank
    with pytest.raises(PermissionDenied):
        follow.decide_simple_to_complex(desk, ap.id, approve=True)
    as_role(desk, "bureau_chief")
    follow.decide_simple_to_complex(desk, ap.id, approve=True, note="新发现房产需处置")
    assert unit_name(desk, old) == ("速执团队", "fast", "ordinary")  # stays with the same team
    out = write_simple_to_complex_form(desk, ap.id, tmp_path / "form.docx")
    doc = Document(str(out))
    text = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert [p.text for p in doc.paragraphs[:2]] == ["汝阳县人民法院", "简转繁审批表"]
    title_fonts = doc.paragraphs[1].runs[0]._element.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "宋体"  # Chinese text set in 宋体, not the Latin default
    assert round(doc.sections[0].page_width.cm, 1) == 21.0  # A4
    assert text[text.index("执行局长审批意见") + 1].startswith(
        "同意转为普通案件，仍由原团队办理。新发现房产需处置"
    )
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_chief_does_not_decide_the_simple_to_complex_form_raised_under_their_name(desk_factory):
    """Nobody decides what they asked for, on every path (F7 goes through decide_any, which refused
    it already; the deciding service now refuses it itself, inside its transaction)."""
    desk = as_role(desk_factory("ruyang"), "query_clerk")
    old = new_case(desk, 1, filed=date(2026, 10, 24))  # 30 days before 2026-11-23
    svc.decide(desk, old, cls="简易", reason="被执行人愿意履行")
    as_role(desk, "bureau_chief")
    [approval_id] = follow.raise_simple_to_complex(desk)
    with pytest.raises(PermissionDenied, match="不能审批自己提交的申请"):
        follow.decide_simple_to_complex(desk, approval_id, approve=True)
    with desk.session() as s:
        assert s.get(Approval, approval_id).status == "pending"
    as_role(desk, "vice_president")  # another person of at least the level decides it
    follow.decide_simple_to_complex(desk, approval_id, approve=True)
    assert unit_name(desk, old) == ("速执团队", "fast", "ordinary")


def test_request_simple_to_complex_needs_fast_team_and_reason(desk_factory):
    desk = as_role(desk_factory("ruyang"), "query_clerk")
    cid = new_case(desk, 1)
    svc.decide(desk, cid, team="普执二团队", reason="指定")
    with pytest.raises(Conflict, match="不在速执/快执团队"):
        follow.request_simple_to_complex(desk, cid, "执行异议")
    other = new_case(desk, 2, respondent="某某")
    svc.decide(desk, other, cls="简易", reason="愿意履行")
    with pytest.raises(InvalidValue):
        follow.request_simple_to_complex(desk, other, "")
    assert follow.request_simple_to_complex(desk, other, "执行异议") > 0


def test_kuaizhi_has_no_simple_to_complex_approval(desk_factory):
    """001 二(三)快执团队: 30 days from 立案, and no 简转繁审批表 (that is 汝阳 000 §二(二)13)."""
    desk = as_role(desk_factory("kuaizhi"), "triage_clerk")
    cid = new_case(desk, 1, filed=date(2026, 10, 1))  # open 53 days on 2026-11-23
    svc.decide(desk, cid, cls="简易", reason="愿意履行")
    assert unit_name(desk, cid)[0] == "快执团队"
    with pytest.raises(Conflict, match="没有简转繁审批"):
        follow.request_simple_to_complex(desk, cid, "执行异议")
    assert follow.raise_simple_to_complex(desk) == []
    with desk.session() as s:
        assert s.exec(select(Approval).where(Approval.kind == "simple_to_complex")).all() == []
        node = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == cid, DeadlineNode.rule_id == "kuaizhi.fast_close"
            )
        ).one()
    # 30日 from 2026-10-01 is Saturday 10-31 → Monday 11-02; 超期 on 11-23, not withdrawn
    assert (node.due_on, node.completed_at) == (date(2026, 11, 2), None)
