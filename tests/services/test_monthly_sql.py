"""The monthly figures aggregated in SQL equal a straightforward Python computation of the same
definitions (domain.statistics / statistics_sheets over rows read one by one) on a demo desk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import col, select

from zhixing_tui.domain.periods import compute_due
from zhixing_tui.domain.statistics import FIRST, CaseRow, Month, intake_closing, settings_from, trend
from zhixing_tui.domain.statistics_sheets import NodeRow, StageStay, node_overdue, stage_flow
from zhixing_tui.services.deadlines.calendar import calendar_for
from zhixing_tui.services.stats.aggregates import EXECUTION_RULE
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.storage.models import Case, DeadlineNode, OrgUnit, StageEntry

MONTHS = [Month(2026, 9), Month(2026, 10), Month(2026, 11)]


def _holder(entries: list[tuple], bound: datetime) -> int | None:
    """The unit of the last stay with a unit that began before ``bound``."""
    unit = None
    for entered, _id, uid in sorted(entries):
        if entered < bound and uid is not None:
            unit = uid
    return unit


def _reference(desk, month: Month, as_of: date):
    settings = settings_from(desk.profile.statistics)
    cal = calendar_for(desk)
    bound = datetime.combine(month.end + timedelta(days=1), time.min)
    stat_day = min(as_of, month.end)
    with desk.session() as s:
        names = dict(s.exec(select(OrgUnit.id, OrgUnit.name)).all())
        entries: dict[int, list[tuple]] = {}
        stays: dict[int, list[tuple]] = {}
        for e in s.exec(select(StageEntry)):
            entries.setdefault(e.case_id, []).append((e.entered_at, e.id, e.unit_id))
            stays.setdefault(e.case_id, []).append((e.entered_at, e.id, e.stage, e.left_at))
        legal = {
            n.case_id: n.due_on
            for n in s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == EXECUTION_RULE))
        }
        fast_node: dict[int, date] = {}
        for n in s.exec(
            select(DeadlineNode).where(
                col(DeadlineNode.rule_id).in_(["stage." + c for c in settings.fast_stages])
            )
        ):
            fast_node[n.case_id] = max(n.due_on, fast_node.get(n.case_id, n.due_on))
        cases = []
        for c in s.exec(select(Case)):
            holder = _holder(entries.get(c.id, []), bound)
            uid = holder if holder is not None else c.unit_id
            in_fast = any(st in settings.fast_stages for _e, _i, st, _l in stays.get(c.id, []))
            cases.append(
                CaseRow(
                    c.id,
                    names.get(uid, "未分配") if uid is not None else "未分配",
                    c.filed_on,
                    c.closed_on,
                    c.closing_method,
                    c.claim_fen or 0,
                    c.recovered_fen or 0,
                    fast=in_fast or c.triage_class == "simple",
                    fast_due=fast_node.get(c.id)
                    or compute_due(c.filed_on, f"{settings.fast_days}日", cal).due_on,
                    legal_due=legal.get(c.id)
                    or compute_due(c.filed_on, f"{settings.legal_months}个月", cal).due_on,
                    type_code=c.type_code,
                )
            )
        day_bound = datetime.combine(stat_day + timedelta(days=1), time.min)
        nodes = []
        for n in s.exec(
            select(DeadlineNode).where(DeadlineNode.due_on >= month.start, DeadlineNode.due_on <= month.end)
        ):
            uid = (
                n.owner_unit_id
                if n.owner_unit_id is not None
                else _holder(entries.get(n.case_id, []), day_bound)
            )
            done = n.completed_at.date() if n.completed_at else None
            nodes.append(NodeRow(n.name, names.get(uid, "未分配") if uid else "未分配", n.due_on, done))
        all_stays = []
        for rows in stays.values():
            rows.sort()
            for i, (entered, _id, stage, left) in enumerate(rows):
                nxt = rows[i + 1][2] if i + 1 < len(rows) and left else None
                all_stays.append(StageStay(stage, entered.date(), left.date() if left else None, nxt))
        filed = [c.filed_on for c in cases]
        closed = [c.closed_on for c in cases if c.closed_on]
    return settings, cases, nodes, all_stays, filed, closed


def _scope(cases, span):
    """Cases open at some time in the span (the ones a unit row is made for)."""
    return [c for c in cases if c.filed_on <= span.end and (c.closed_on is None or c.closed_on >= span.start)]


def _key(r):
    return (
        r.unit,
        r.old,
        r.new,
        r.closed,
        dict(r.by_method),
        r.claim_fen,
        r.recovered_fen,
        r.fast_closed,
        r.fast_in_time,
        r.legal_in_time,
    )


@pytest.mark.parametrize("month", MONTHS, ids=lambda m: m.label)
def test_sql_aggregation_equals_the_python_definitions(demo_desk, month):
    as_of = date(2026, 11, 23)
    f = monthly_figures(demo_desk, month, as_of=as_of)
    settings, cases, nodes, stays, filed, closed = _reference(demo_desk, month, as_of)
    listed = [r.unit for r in f.intake[:-1]]
    first = [c for c in _scope(cases, month) if c.type_code == FIRST]
    first_ytd = [c for c in _scope(cases, month.ytd) if c.type_code == FIRST]
    assert f.total.closed > 0 or month == MONTHS[0]
    assert [_key(r) for r in f.intake] == [_key(r) for r in intake_closing(first, month, settings, listed)]
    assert [_key(r) for r in f.intake_ytd] == [
        _key(r) for r in intake_closing(first_ytd, month.ytd, settings, listed)
    ]
    for t in f.types[:-1]:
        of_type = [c for c in cases if c.type_code == t.code]
        assert _key(t.month)[1:] == _key(intake_closing(of_type, month, settings)[-1])[1:]
        assert _key(t.ytd)[1:] == _key(intake_closing(of_type, month.ytd, settings)[-1])[1:]
    assert _key(f.types[-1].month)[1:] == _key(intake_closing(cases, month, settings)[-1])[1:]
    assert f.nodes == node_overdue(nodes, month, as_of)
    assert f.nodes[-1][2] > 0
    assert not [n for n in f.nodes if n[1] == "未分配"]  # every node has the unit answerable for it
    closed_stage = next(st.code for st in demo_desk.profile.stages if st.kind == "closed")
    ref = stage_flow(
        [(r.stage, r.name, r.limit, r.limit_days) for r in f.flow],
        stays,
        [st.stage for st in stays if st.next_stage == closed_stage and st.left_on in month],
        [],
        month,
        closed_stage,
    )
    got = [
        (r.stage, r.received, r.closed_here, r.handed_on, r.left, r.days_total, r.over_limit) for r in f.flow
    ]
    assert got == [
        (r.stage, r.received, r.closed_here, r.handed_on, r.left, r.days_total, r.over_limit) for r in ref
    ]
    assert f.trend == trend(filed, closed, month)
