"""build_demo: deterministic, valid, consistent, and covering every stage and closing method."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from zhixing_tui.demo.build import build_demo
from zhixing_tui.demo.handoff import RETURN_REASONS
from zhixing_tui.domain import board
from zhixing_tui.domain import intake as intake_rules
from zhixing_tui.domain import triage as triage_engine
from zhixing_tui.domain.assignment import replay
from zhixing_tui.domain.case_no import parse_case_no
from zhixing_tui.domain.checklist import check_attempt, served_by
from zhixing_tui.domain.closing import CLOSING_METHODS, TERMINATED_THIS_ROUND
from zhixing_tui.domain.identity import check_identity
from zhixing_tui.errors import Conflict, InvalidValue
from zhixing_tui.services.board.handoffs import build_form
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import (
    Approval,
    AssignmentDraw,
    AuditEntry,
    Case,
    DeadlineNode,
    Document,
    Handoff,
    IntakeRecord,
    Measure,
    OrgUnit,
    Party,
    Payment,
    PropertyControl,
    QueryItem,
    ServiceAttempt,
    StageEntry,
    TriageDecision,
)

AS_OF = date(2026, 11, 23)
DUMPED = (
    "staff",
    "enforcement_case",
    "party",
    "stage_entry",
    "payment",
    "measure",
    "property_control",
    "intake_record",
    "query_item",
    "document",
    "service_attempt",
    "triage_decision",
    "assignment_draw",
    "approval",
    "handoff",
    "case_facts",
)


def _dump_hash(desk: Desk) -> str:
    h = hashlib.sha256()
    with desk.engine.connect() as conn:
        for table in DUMPED:
            key = "case_id" if table == "case_facts" else "id"
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY {key}")):
                h.update(repr(tuple(row)).encode())
        # Deadline nodes carry the moment they were written (created_at); the rest is the demo's.
        for row in conn.execute(
            text("SELECT case_id, rule_id, anchor_at, due_on, completed_at FROM deadline_node")
        ):
            h.update(repr(tuple(row)).encode())
        # The init/demo entries carry the moment the command ran; the case timeline does not (its
        # chain hashes do: each is bound to the entries before it, the init entry among them).
        columns = "id, at, operator, operator_id, action, entity, entity_id, case_id, summary, before, after"
        for row in conn.execute(
            text(f"SELECT {columns} FROM audit_entry WHERE case_id IS NOT NULL ORDER BY id")
        ):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def _build(tmp_path, name, seed, profile="ruyang", cases=300):
    desk = Desk.open(str(tmp_path / name), operator="测试员")
    summary = build_demo(desk, profile_id=profile, cases=cases, seed=seed, as_of=AS_OF)
    return desk, summary


def test_same_seed_same_rows_other_seed_other_rows(tmp_path):
    a, sa = _build(tmp_path, "a.db", 7)
    b, sb = _build(tmp_path, "b.db", 7)
    c, _ = _build(tmp_path, "c.db", 8)
    assert sa.rows == sb.rows and sa.by_stage == sb.by_stage
    assert _dump_hash(a) == _dump_hash(b)
    assert _dump_hash(a) != _dump_hash(c)


def test_summary_matches_the_database(demo_desk):
    with demo_desk.session() as s:
        assert s.exec(select(func.count()).select_from(Case)).one() == 300
        by_stage = dict(s.exec(select(Case.stage, func.count()).group_by(Case.stage)).all())
        closed = s.exec(select(func.count()).select_from(Case).where(Case.status == "closed")).one()
    assert by_stage["closed"] == closed
    assert demo_desk.get_setting("demo_as_of") == "2026-11-23"
    assert demo_desk.get_setting("demo_seed") == "1"
    assert demo_desk.get_setting("profile") == "ruyang"


def test_every_identity_number_validates(demo_desk):
    with demo_desk.session() as s:
        parties = s.exec(select(Party.kind, Party.id_number).where(Party.id_number.is_not(None))).all()
    assert len(parties) > 300
    for kind, number in parties:
        info = check_identity(number, today=AS_OF)
        assert info.kind == ("resident_id" if kind == "person" else "credit_code"), (kind, number)


def test_case_numbers_count_up_in_filing_order(demo_desk):
    with demo_desk.session() as s:
        rows = s.exec(
            select(Case.case_no, Case.filed_on, Case.year, Case.type_code, Case.number).order_by(Case.id)
        ).all()
    last: dict[tuple, tuple] = {}
    for case_no, filed_on, year, type_code, number in rows:
        parsed = parse_case_no(case_no)
        assert (parsed.year, parsed.court_code, parsed.type_code, parsed.number) == (
            year,
            "豫0326",
            type_code,
            number,
        )
        assert year == filed_on.year
        assert AS_OF - timedelta(days=365) < filed_on <= AS_OF
        prev = last.get((year, type_code))
        if prev:
            assert number == prev[0] + 1 and filed_on >= prev[1]
        last[(year, type_code)] = (number, filed_on)
    assert {t for _y, t in last} == {"执", "执恢", "执保"}


def test_histories_are_consistent(demo_desk):
    with demo_desk.session() as s:
        cases = {c.id: c for c in s.exec(select(Case))}
        entries = defaultdict(list)
        for e in s.exec(
            select(StageEntry).order_by(StageEntry.case_id, StageEntry.entered_at, StageEntry.id)
        ):
            entries[e.case_id].append(e)
        paid = defaultdict(int)
        for p in s.exec(select(Payment)):
            if p.case_id is None:  # unclaimed: in the court's general account
                assert p.arrived_on <= AS_OF
                continue
            paid[p.case_id] += p.amount_fen
            assert cases[p.case_id].received_on <= p.arrived_on <= AS_OF
            if p.paid_out_on:
                assert p.arrived_on < p.paid_out_on <= AS_OF
        summaries = defaultdict(list)
        for a in s.exec(select(AuditEntry).where(AuditEntry.case_id.is_not(None)).order_by(AuditEntry.at)):
            summaries[a.case_id].append(a.summary)
    for cid, case in cases.items():
        hist = entries[cid]
        assert hist[0].reason == "立案登记"
        assert [e.left_at for e in hist[:-1]] == [e.entered_at for e in hist[1:]]
        assert hist[-1].left_at is None and hist[-1].stage == case.stage
        assert case.stage_entered_at == hist[-1].entered_at
        assert 0 <= case.recovered_fen <= case.claim_fen
        assert paid[cid] == case.recovered_fen  # 执行到位金额 = the 案款 claimed to the case
        assert summaries[cid][0] == "立案登记"
        assert case.search_text.startswith(case.case_no + " ")
        if case.status == "closed":
            assert case.stage == "closed"
            assert case.filed_on <= case.closed_on <= AS_OF
            closing = summaries[cid].index(f"结案：{case.closing_method}")
            assert all(x.startswith("案款发放") for x in summaries[cid][closing + 1 :])  # payouts may follow
            assert case.closing_fen == case.claim_fen
            assert case.recovered_fen + case.abandoned_fen <= case.closing_fen
            if case.closing_method == "执行完毕":
                assert case.recovered_fen == case.claim_fen
        else:
            assert case.closed_on is None and case.closing_method is None


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo2000") / "d.db"
    desk = Desk.open(str(path), operator="测试员")
    summary = build_demo(desk, profile_id="ruyang", cases=2000, seed=1, as_of=AS_OF)
    yield desk, summary
    desk.engine.dispose()


def test_2000_cases_cover_every_stage_and_closing_method(big):
    desk, summary = big
    profile = desk.profile
    with desk.session() as s:
        stages = dict(s.exec(select(Case.stage, func.count()).group_by(Case.stage)).all())
        methods = dict(
            s.exec(
                select(Case.closing_method, func.count())
                .where(Case.status == "closed")
                .group_by(Case.closing_method)
            ).all()
        )
    assert set(stages) == {st.code for st in profile.stages}
    assert set(methods) == set(CLOSING_METHODS)
    assert summary.by_stage == stages
    assert 0.35 <= summary.closed_cases / 2000 <= 0.55


def test_2000_cases_have_money_measures_and_controls(big):
    desk, _ = big
    with desk.session() as s:
        kinds = set(s.exec(select(Measure.kind).distinct()).all())
        late = s.exec(
            select(func.count())
            .select_from(Payment)
            .where(Payment.paid_out_on.is_(None), Payment.arrived_on < AS_OF - timedelta(days=20))
        ).one()
        prompt = s.exec(
            select(func.count()).select_from(Payment).where(Payment.paid_out_on.is_not(None))
        ).one()
        expiring = s.exec(
            select(func.count())
            .select_from(PropertyControl)
            .where(
                PropertyControl.released_on.is_(None),
                PropertyControl.expires_on.between(AS_OF, AS_OF + timedelta(days=30)),
            )
        ).one()
        organs = s.exec(
            select(func.count()).select_from(Party).where(Party.kind == "organ", Party.role == "respondent")
        ).one()
        tricky = s.exec(
            select(func.count()).select_from(Party).where(Party.name.like("单%") | Party.name.like("曾%"))
        ).one()
    assert {"consumption_ban", "dishonest", "fine", "detention", "zhongben_interview"} <= kinds
    assert late > 0 and prompt > 0
    assert expiring > 0
    assert organs > 0
    assert tricky > 0


def test_demo_refuses_another_courts_database(desk):
    with pytest.raises(Conflict, match="数据库已按法院配置 ruyang 初始化，不能生成 jianli 的演示数据"):
        build_demo(desk, profile_id="jianli", cases=5, as_of=AS_OF)


def test_demo_needs_a_profile_on_an_empty_database(tmp_path):
    desk = Desk.open(str(tmp_path / "e.db"), operator="测试员")
    with pytest.raises(InvalidValue, match="请指定法院配置"):
        build_demo(desk, cases=5, as_of=AS_OF)
    with pytest.raises(InvalidValue, match="案件数应为 0 至 1000000 之间的整数"):
        build_demo(desk, profile_id="ruyang", cases=-1, as_of=AS_OF)


@pytest.mark.parametrize("profile", ["jianli", "kuaizhi", "gushi", "shihe"])
def test_other_profiles_build(tmp_path, profile):
    desk, summary = _build(tmp_path, f"{profile}.db", 1, profile=profile, cases=150)
    assert summary.cases == 150
    open_stages = {st.code for st in desk.profile.stages if st.kind != "closed"}
    assert open_stages <= set(summary.by_stage)  # the youngest cases are pinned to every stage
    assert_payments_keep_the_services_invariant(desk)


def assert_payments_keep_the_services_invariant(desk) -> None:
    """As services.money keeps them: an arrival is claimed (case and 认领日期 both set, the 认领
    not before 到账 nor after the day, and only then paid out) or unclaimed (both empty); every
    unclaimed one is accepted by ``claim_payment`` and listed as 未认领; a case's 执行到位金额 is
    its claimed 案款 (the demo returns nothing)."""
    from zhixing_tui.services.money.query import money_page
    from zhixing_tui.services.money.records import is_claimed

    with desk.session() as s:
        pays = list(s.exec(select(Payment)))
        recovered = dict(s.exec(select(Case.id, Case.recovered_fen)).all())
    claimed = defaultdict(int)
    unclaimed = set()
    for p in pays:
        assert (p.case_id is None) == (p.claimed_on is None) == (not p.claimed_by), p
        if is_claimed(p):
            assert p.arrived_on <= p.claimed_on <= desk.today()
            assert p.paid_out_on is None or p.claimed_on <= p.paid_out_on
            claimed[p.case_id] += p.amount_fen
        else:
            assert p.paid_out_on is None
            unclaimed.add(p.id)
    assert unclaimed, "some money waits in the general account"
    assert {r.payment_id for r in money_page(desk, "unclaimed", limit=100_000).items} == unclaimed
    assert {cid: fen for cid, fen in recovered.items() if fen} == dict(claimed)


def test_demo_payments_keep_the_services_invariant(demo_desk):
    assert_payments_keep_the_services_invariant(demo_desk)


# --- the center's work, triage, handoffs and approvals ---------------------------------------------


def _rows(desk, model, *where):
    with desk.session() as s:
        return list(s.exec(select(model).where(*where)))


def test_intake_records_validate_and_follow_the_history(big):
    desk, _ = big
    cases = {c.id: c for c in _rows(desk, Case)}
    records = defaultdict(list)
    for r in _rows(desk, IntakeRecord):
        records[r.case_id].append(r)
    past = {
        e.case_id
        for e in _rows(desk, StageEntry, StageEntry.stage == "intake", StageEntry.left_at.is_not(None))
    }
    assert len(past & set(records)) >= 0.95 * len(past)
    versions = no_interview = 0
    for cid, recs in records.items():
        recs.sort(key=lambda r: r.version)
        assert [r.version for r in recs] == list(range(1, len(recs) + 1))
        assert [r.is_current for r in recs] == [False] * (len(recs) - 1) + [True]
        assert cases[cid].received_on <= recs[0].held_on <= AS_OF
        for r in recs:
            assert intake_rules.validate(r.answers, interviewed=r.interviewed, today=AS_OF) == [], r.answers
            cols = intake_rules.derived(r.answers, interviewed=r.interviewed)
            assert {k: getattr(r, k) for k in cols} == cols
        versions += len(recs) > 1
        no_interview += not recs[-1].interviewed
    assert versions >= 20 and 10 <= no_interview <= 0.08 * len(records)


def test_checklist_fits_the_stage_and_the_outcome(big):
    desk, _ = big
    cases = {c.id: c for c in _rows(desk, Case)}
    items = defaultdict(list)
    for i in _rows(desk, QueryItem):
        items[i.case_id].append(i)
    left = defaultdict(set)
    for e in _rows(desk, StageEntry, StageEntry.left_at.is_not(None)):
        left[e.case_id].add(e.stage)
    for cid, its in items.items():
        case = cases[cid]
        assert len(its) == 18
        network = [i for i in its if i.channel in ("national", "local")]
        if "online_query" in left[cid]:  # past the network queries: every one answered before leaving
            assert all(i.status not in ("not_started", "started") for i in network), case.case_no
        if "offline_query" in left[cid]:
            assert all(i.feedback_on for i in its if i.channel == "offline" and i.asset_type != "site_visit")
        for i in its:
            assert i.amount_controlled_fen <= max(i.amount_found_fen, case.claim_fen)
            if i.status == "deducted":
                assert i.result == "found" and 0 < i.amount_controlled_fen <= case.claim_fen
            if i.feedback_on:
                assert case.received_on <= i.started_on <= i.feedback_on <= (case.closed_on or AS_OF)
        deducted = sum(i.amount_controlled_fen for i in its if i.status == "deducted")
        assert deducted <= case.recovered_fen
    closed = [c for c in cases.values() if c.status == "closed"]
    full = [c for c in closed if c.closing_method == "执行完毕"]
    by_deduction = [c for c in full if any(i.status == "deducted" for i in items[c.id])]
    assert len(by_deduction) >= 0.2 * len(full)
    for c in by_deduction:
        found = sum(i.amount_found_fen for i in items[c.id] if i.asset_type in ("deposit", "online_funds"))
        assert found >= c.claim_fen
    zb = [c for c in closed if c.closing_method == "终结本次执行程序"]
    empty = [c for c in zb if all(i.result != "found" for i in items[c.id])]
    assert len(empty) >= 0.55 * len(zb)
    for c in zb:  # whatever money was found was taken; nothing frozen is left to execute
        assert all(
            i.status == "deducted"
            for i in items[c.id]
            if i.asset_type in ("deposit", "online_funds") and i.result == "found"
        )


def test_documents_are_served_by_the_four_steps(big):
    desk, _ = big
    attempts = defaultdict(list)
    for a in _rows(desk, ServiceAttempt):
        attempts[a.document_id].append(a)
    steps = defaultdict(int)
    for doc in _rows(desk, Document):
        tried = sorted(attempts[doc.id], key=lambda a: (a.attempted_on, a.id))
        if doc.status == "pending":
            assert not tried and doc.made_on is None
            continue
        earlier: list[tuple[str, str]] = []
        for a in tried:
            check_attempt(a.step, a.result, address_kind=a.address_kind, note=a.note, earlier=earlier)
            assert doc.made_on <= a.attempted_on
            earlier.append((a.step, a.result))
            steps[a.step, a.result] += 1
        assert (doc.status == "served") == any(served_by(s, r) for s, r in earlier)
        if doc.status == "served":
            assert doc.served_on == tried[-1].attempted_on
    assert steps["mail", "returned"] > 0 and steps["direct", "served"] > 0 and steps["notice", "served"] > 0


@pytest.fixture(scope="module", params=["ruyang", "kuaizhi", "gushi", "shihe"])
def team_desk(request, tmp_path_factory, big):
    if request.param == "ruyang":
        yield big[0]
        return
    desk = Desk.open(str(tmp_path_factory.mktemp(request.param) / "d.db"), operator="测试员")
    build_demo(desk, profile_id=request.param, cases=700, seed=3, as_of=AS_OF)
    yield desk
    desk.engine.dispose()


def test_every_case_that_left_triage_carries_its_decision(team_desk):
    desk = team_desk
    section = desk.profile.triage
    teams = {st.code for st in desk.profile.stages if st.kind == "work"}
    triage_stage = next(st.code for st in desk.profile.stages if st.kind == "triage")
    names = {u.id: u.name for u in _rows(desk, OrgUnit)}
    decisions = defaultdict(list)
    for d in _rows(desk, TriageDecision):
        decisions[d.case_id].append(d)
    draws = {d.case_id: d for d in _rows(desk, AssignmentDraw)}
    s2c = {
        a.case_id
        for a in _rows(desk, Approval, Approval.kind == "simple_to_complex", Approval.status == "approved")
    }
    entries = defaultdict(list)
    for e in _rows(desk, StageEntry):
        entries[e.case_id].append(e)
    waiting = 0
    for case in _rows(desk, Case):
        stages = [e.stage for e in sorted(entries[case.id], key=lambda e: e.entered_at)]
        went = triage_stage in stages[:-1] and stages[stages.index(triage_stage) + 1] in teams
        mine = sorted(decisions[case.id], key=lambda d: d.decided_at)
        if not went:
            assert not mine, case.case_no
            if case.status == "open" and case.stage == triage_stage:
                waiting += 1
                assert (AS_OF - case.stage_entered_at.date()).days <= 30
            continue
        initial = [d for d in mine if d.kind == "initial"]
        assert len(initial) == 1 and initial[0] is mine[0], case.case_no
        first = initial[0]
        assert names[first.final_unit_id] == desk.profile.stage(stages[stages.index(triage_stage) + 1]).name
        if case.status == "open" and case.stage in teams:
            assert mine[-1].final_unit_id == case.unit_id
        assert case.triage_class == ("ordinary" if case.id in s2c else first.final_class)
        assert not first.overridden or first.reason
        # the stored facts give the stored suggestion
        result = triage_engine.evaluate(section, triage_engine.parse_facts(first.facts), today=AS_OF)
        assert triage_engine.class_code(result.cls) == first.suggested_class
        assert result.team == first.suggested_unit
        draw = draws.get(case.id)
        if draw is not None:  # the suggestion was a draw, or the person chose a class whose route is one
            assert (
                first.suggested_unit is None
                if not first.overridden
                else first.final_class != first.suggested_class
            )
            assert replay(draw).chosen == draw.chosen == names[first.final_unit_id]
    assert waiting >= 1


def test_overrides_reassignments_and_requests_for_the_chief(big):
    desk, _ = big
    decisions = _rows(desk, TriageDecision)
    overridden = [d for d in decisions if d.overridden]
    assert 0.01 * len(decisions) <= len(overridden) <= 0.08 * len(decisions)
    assert len([d for d in decisions if d.kind == "reassign"]) >= 2
    assert _rows(desk, AssignmentDraw)
    pending = _rows(desk, Approval, Approval.status == "pending")
    assert {a.kind for a in pending} == {"simple_to_complex"}
    assert all(a.level == "bureau_chief" and a.requested_at.date() <= AS_OF for a in pending)


def test_gushi_proposes_related_cases(tmp_path):
    desk, _ = _build(tmp_path, "g.db", 5, profile="gushi", cases=1500)
    pending = _rows(desk, Approval, Approval.status == "pending", Approval.kind == "related_cases")
    assert pending
    for a in pending:
        case = _rows(desk, Case, Case.id == a.case_id)[0]
        assert case.stage == "triage" and case.status == "open"
        assert not _rows(desk, TriageDecision, TriageDecision.case_id == case.id)


@pytest.fixture(scope="module")
def jianli(tmp_path_factory):
    desk = Desk.open(str(tmp_path_factory.mktemp("jianli") / "j.db"), operator="测试员")
    build_demo(desk, profile_id="jianli", cases=1500, seed=1, as_of=AS_OF)
    yield desk
    desk.engine.dispose()


def test_jianli_handoffs_await_the_monitor_and_returns_fill_the_ledger(jianli):
    desk = jianli
    handoffs = _rows(desk, Handoff)
    submitted = [h for h in handoffs if h.status == "submitted"]
    returned = [h for h in handoffs if h.status == "returned"]
    assert len(submitted) >= 20 and len(returned) >= 20
    for h in returned:  # a closing is returned by 结案审查's reasons
        assert h.return_reason in RETURN_REASONS[h.to_stage or desk.profile.flow.closing_review]
    with desk.session() as s:
        for h in submitted:
            case = s.get(Case, h.case_id)
            assert case.status == "open" and case.stage == h.from_stage
            assert case.stage_entered_at < h.submitted_at <= datetime.combine(AS_OF, time(18))
            if h.kind == "close":
                continue  # test_jianli_closings_are_submitted_as_the_service_does
            move = board.check_move(desk.profile, h.from_stage, h.to_stage)
            assert move.needs_approval and h.form["label"] == move.label
            assert h.form == {**build_form(s, case, move.form), "label": move.label, "note": ""}
    assert len({h.case_id for h in submitted}) == len(submitted)


def test_jianli_closings_are_submitted_as_the_service_does(jianli):
    """A case sent to 结案审查 carries the form ``submit_close`` writes: a method its stage may
    close by, amounts that fit it, a 结案理由; a 终本 closing only when every condition is met."""
    from zhixing_tui.domain.closing import TERMINATED_THIS_ROUND, check_closing_amounts
    from zhixing_tui.services.board.handoffs import closing_form
    from zhixing_tui.services.zhongben.conditions import zhongben_check

    closings = _rows(jianli, Handoff, Handoff.kind == "close")
    assert {h.status for h in closings} >= {"submitted"}
    assert any(h.form["method"] == TERMINATED_THIS_ROUND for h in closings)
    with jianli.session() as s:
        for h in closings:
            case = s.get(Case, h.case_id)
            f = h.form
            assert f == closing_form(case.case_no, case.claim_fen, method=f["method"], closing_fen=f["closing_fen"],
                                     recovered_fen=f["recovered_fen"], abandoned_fen=f["abandoned_fen"],
                                     reason=f["reason"])  # fmt: skip
            assert f["reason"] and f["method"] in jianli.profile.stage(h.from_stage).can_close
            check_closing_amounts(f["method"], closing_fen=f["closing_fen"], recovered_fen=f["recovered_fen"],
                                  abandoned_fen=f["abandoned_fen"])  # fmt: skip
            assert f["recovered_fen"] == case.recovered_fen
            if f["method"] == TERMINATED_THIS_ROUND:
                blocking = [
                    c.name for c in zhongben_check(jianli, case.id, h.submitted_at.date()) if c.blocking
                ]
                assert not blocking, (case.case_no, blocking)


def test_jianli_travel_requests_wait_at_every_level(jianli):
    pending = _rows(jianli, Approval, Approval.status == "pending")
    assert {a.kind for a in pending} == {"travel"}
    assert {a.level for a in pending} == {"group_leader", "bureau_chief", "vice_president", "president"}
    decided = _rows(jianli, Approval, Approval.status != "pending")
    assert decided and all(a.decided_by and a.decided_at > a.requested_at for a in decided)


def test_jianli_stage_ages_are_mostly_within_their_limits(jianli):
    from zhixing_tui.services.board.query import stage_cutoffs

    cutoffs = stage_cutoffs(jianli, AS_OF)
    open_cases = _rows(jianli, Case, Case.status == "open")
    over = [c for c in open_cases if c.stage in cutoffs and c.stage_entered_at.date() <= cutoffs[c.stage]]
    assert 0.05 <= len(over) / len(open_cases) <= 0.30
    far = [c for c in over if (AS_OF - c.stage_entered_at.date()).days > 120]
    assert len(far) <= 0.03 * len(open_cases)


def test_zhongben_cases_carry_their_requery_series(big):
    """Every demo 终本 case has the 终本案件库 re-query series on the closing's 6-month grid: one
    open node (the next re-query), earlier ones completed by a network query or left 超期."""
    from zhixing_tui.domain.periods import add_months

    desk, _ = big
    with desk.session() as s:
        closed = s.exec(
            select(Case.id, Case.closed_on).where(Case.closing_method == TERMINATED_THIS_ROUND)
        ).all()
        nodes = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "national.zhongben_requery")).all()
    by_case: dict[int, list[DeadlineNode]] = {}
    for n in nodes:
        by_case.setdefault(n.case_id, []).append(n)
    assert closed and set(by_case) == {cid for cid, _ in closed}
    done = 0
    for cid, closed_on in closed:
        series = sorted(by_case[cid], key=lambda n: n.due_on)
        assert sum(n.completed_at is None for n in series) <= 1
        for k, n in enumerate(series, start=1):
            mark = add_months(closed_on, 6 * k)
            assert mark <= n.due_on <= mark + timedelta(days=10), (cid, k, n.due_on)
            assert n.name.endswith(f"第{k}期（共10期）")
            done += n.completed_event == "national_query_done"
    assert done > 0
