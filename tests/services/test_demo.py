"""build_demo: deterministic, valid, consistent, and covering every stage and closing method."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from zhixing_tui.domain.case_no import parse_case_no
from zhixing_tui.domain.closing import CLOSING_METHODS
from zhixing_tui.domain.identity import check_identity
from zhixing_tui.errors import Conflict, InvalidValue
from zhixing_tui.services.demo import build_demo
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import AuditEntry, Case, Measure, Party, Payment, PropertyControl, StageEntry

AS_OF = date(2026, 11, 23)
DUMPED = ("staff", "enforcement_case", "party", "stage_entry", "payment", "measure", "property_control")


def _dump_hash(desk: Desk) -> str:
    h = hashlib.sha256()
    with desk.engine.connect() as conn:
        for table in DUMPED:
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id")):
                h.update(repr(tuple(row)).encode())
        # The init/demo entries carry the moment the command ran; the case timeline does not.
        for row in conn.execute(text("SELECT * FROM audit_entry WHERE case_id IS NOT NULL ORDER BY id")):
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
        assert paid[cid] == case.recovered_fen
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
    assert {"限消", "失信", "罚款", "拘留", "终本约谈"} <= kinds
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
