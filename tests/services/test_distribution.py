"""线索查控 distribution over members and the members' monthly figures, on a 监利 database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import func, select

from zhixing_tui.errors import Conflict, PermissionDenied
from zhixing_tui.services.board import handoffs as ho
from zhixing_tui.services.board import query as bq
from zhixing_tui.services.board.distribution import (
    DistributionPreview,
    distribute_incoming,
    distribution_preview,
    distribution_stage,
    incoming_cases,
    may_distribute,
)
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.stats.members import member_sheet
from zhixing_tui.storage.models import AssignmentDraw, AuditEntry, Case, Measure, Staff, StageEntry

MONITOR, LEADER = "吴敦辉", "唐崇廉"
MEMBERS = ["李剑", "胡红平", "高健", "龚文杰"]


def _to_clue(desk, n: int) -> int:
    cid = register_case(
        desk,
        case_no=f"(2026)鄂1088执{n}号",
        filed_on=date(2026, 10, 9),
        claim_fen=500_000,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput(f"被执行人{n}", "person")],
    )
    mon = replace(desk, operator=MONITOR)
    for leader, target in (("杨琼", "offline_query"), ("平俊", "clue_query")):
        ho.approve(mon, ho.submit_move(replace(desk, operator=leader), cid, target))
    return cid


@pytest.fixture
def clue(desk_factory):
    desk = desk_factory("jianli")
    return desk, [_to_clue(desk, n) for n in range(1, 10)]


def handler(desk, cid) -> str:
    with desk.session() as s:
        return s.get(Staff, s.get(Case, cid).handler_id).name


def test_distribution_stage_by_profile(desk_factory):
    desk = desk_factory("jianli")
    assert distribution_stage(desk.profile) == "clue_query"
    assert distribution_stage(desk_factory("ruyang").profile) is None


def test_leader_distributes_evenly_with_recorded_draws(clue):
    desk, ids = clue
    assert incoming_cases(desk) == ids  # handed to the leader on approval: all incoming
    assert handler(desk, ids[0]) == LEADER
    for not_allowed in ("李剑", "杨琼", "吴敦辉"):  # a member; another group's leader; 指挥监控
        with pytest.raises(PermissionDenied, match="只有线索查控组组长或执行局领导可以在组内分案"):
            distribute_incoming(replace(desk, operator=not_allowed))
    assert handler(desk, ids[0]) == LEADER  # nothing written
    assert not may_distribute(replace(desk, operator="杨琼"))
    assert may_distribute(replace(desk, operator=LEADER)) and may_distribute(replace(desk, operator="罗兰倩"))
    assert distribution_preview(replace(desk, operator=LEADER)) == DistributionPreview(
        "线索查控组", 9, tuple(MEMBERS)
    )
    result = distribute_incoming(replace(desk, operator=LEADER), seed=7)
    assert [cid for cid, _ in result.draws] == ids
    per = result.per_member()
    assert sorted(per.values()) == [2, 2, 2, 3] and set(per) == set(MEMBERS)
    assert [handler(desk, cid) for cid in ids] == [d.chosen for _, d in result.draws]
    assert incoming_cases(desk) == []
    with desk.session() as s:
        rows = s.exec(select(AssignmentDraw).where(AssignmentDraw.scope == "clue_query")).all()
        assert len(rows) == 9 and {r.period for r in rows} == {"2026-11"}
        assert [r.pool for r in rows][0] == MEMBERS
    assert distribute_incoming(replace(desk, operator=LEADER)).draws == []


def test_distribution_keeps_the_stage_clock(clue):
    """A case 98 days in 线索查控 handed to a member is still 98 days in the stage and still 超限:
    the handler changes inside the stay, no new stay and no restarted clock."""
    desk, ids = clue
    entered = datetime(2026, 8, 17, 9)  # 98 days before 2026-11-23
    with desk.transaction() as s:
        case = s.get(Case, ids[0])
        case.stage_entered_at = entered
        s.add(case)
        stay = s.exec(
            select(StageEntry).where(StageEntry.case_id == ids[0], StageEntry.left_at.is_(None))
        ).one()
        stay.entered_at = entered
        s.add(stay)
    before = {c.code: c for c in bq.column_summaries(desk)}["clue_query"]
    assert (before.total, before.over) == (9, 1)
    distribute_incoming(replace(desk, operator=LEADER), seed=7)
    after = {c.code: c for c in bq.column_summaries(desk)}["clue_query"]
    assert (after.total, after.over) == (9, 1)
    card = bq.column_page(desk, "clue_query").items[0]
    assert (card.id, card.days, card.over, card.handler_name) == (ids[0], 98, True, handler(desk, ids[0]))
    with desk.session() as s:
        assert s.get(Case, ids[0]).stage_entered_at == entered
        stays = s.exec(select(StageEntry).where(StageEntry.case_id == ids[0]).order_by(StageEntry.id)).all()
        assert [(e.stage, e.left_at is None) for e in stays] == [
            ("online_query", False),
            ("offline_query", False),
            ("clue_query", True),
        ]
        assert stays[-1].entered_at == entered and stays[-1].handler_id == s.get(Case, ids[0]).handler_id
        (entry,) = s.exec(
            select(AuditEntry).where(AuditEntry.case_id == ids[0], AuditEntry.action == "handler")
        ).all()
        assert entry.summary == f"线索查控组分案：承办人变更为{handler(desk, ids[0])}（阶段计时不变）"
        assert entry.operator == LEADER


def test_distribution_refused_where_the_profile_has_none(desk_factory):
    with pytest.raises(Conflict, match="没有组内平均分案"):
        distribute_incoming(desk_factory("ruyang"))


def test_member_sheet_after_a_month_of_work(clue):
    desk, ids = clue
    lead = replace(desk, operator=LEADER)
    mon = replace(desk, operator=MONITOR)
    result = distribute_incoming(lead, seed=7)
    by_member: dict[str, list[int]] = {}
    for cid, d in result.draws:
        by_member.setdefault(d.chosen, []).append(cid)
    li = by_member["李剑"]
    # 李剑: one to 财产处置, one detained and sent to 拒执打击 (with a fine), one closed 执行完毕
    member = replace(desk, operator="李剑")
    ho.approve(mon, ho.submit_move(member, li[0], "disposal"))
    with desk.transaction() as s:
        s.add(Measure(case_id=li[1], kind="detention", decided_on=date(2026, 11, 23), days=15))
        s.add(Measure(case_id=li[1], kind="fine", decided_on=date(2026, 11, 23), amount_fen=100_000))
    ho.approve(mon, ho.submit_move(member, li[1], "refusal"))
    if len(li) > 2:
        ho.approve(
            mon, ho.submit_close(member, li[2], method="执行完毕", closing_fen=500_000, recovered_fen=500_000)
        )
    sheet = member_sheet(desk, 2026, 11)
    assert sheet.title == "线索查控组人员办案业绩通报（2026年11月）"
    assert sheet.columns[:4] == ["姓名", "承办数", "结案数", "结案数率"]
    assert [r[0] for r in sheet.rows] == MEMBERS
    row = {r[0]: r for r in sheet.rows}
    n = len(li)
    closed = 1 if n > 2 else 0
    assert row["李剑"][1:] == [
        n,
        closed,
        f"{closed * 100 / n:.2f}%",
        closed,
        f"{closed * 100 / n:.2f}%",
        0,
        "0.00%",
        1,
        f"{100 / n:.2f}%",
        1,
        1,
        1,
    ]
    for other in MEMBERS[1:]:
        assert row[other][1] == len(by_member[other]) and row[other][2] == 0
    assert sheet.notes[0].startswith("承办数：")
    with desk.session() as s:
        assert s.exec(select(func.count()).select_from(AssignmentDraw)).one() == 9


def test_member_sheet_on_demo_data_is_consistent(desk_factory):
    desk = desk_factory("jianli", cases=300)
    sheet = member_sheet(desk, 2026, 10)
    assert [r[0] for r in sheet.rows] == MEMBERS
    for f in sheet.figures:
        assert f.executed + f.terminated <= f.closed
        assert f.closed + f.to_disposal + f.to_refusal <= f.handled
    assert sum(f.handled for f in sheet.figures) > 0
