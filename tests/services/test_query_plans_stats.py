"""The month's statistics keep their plans (issue 17): every statement of the monthly workbook's
aggregates and of 统计 (F8) reads its rows through the index written for it (0015) — no scan of
every stay, node or triage decision, no sort of a case's stays — on a demo database with planner
statistics (``storage.db.optimize``, as after the demo, an import or ``zhixing db upgrade``)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.services.test_query_plans import _plans
from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.services.stats.summary import month_summary
from zhixing_tui.storage.db import optimize

pytestmark = pytest.mark.sqlite_only

OCTOBER, AS_OF = Month(2026, 10), date(2026, 11, 23)


@pytest.fixture
def planned(desk_factory):
    desk = desk_factory(cases=300)
    optimize(desk.engine)
    return desk


def _all_plans(desk, call) -> list[str]:
    return _plans(desk, call, "SELECT")


def test_no_statistic_scans_a_big_table(planned):
    for call in (
        lambda: monthly_figures(planned, OCTOBER, as_of=AS_OF),
        lambda: month_summary(planned, OCTOBER, as_of=AS_OF),
    ):
        for plan in _all_plans(planned, call):
            for table in ("stage_entry", "deadline_node", "triage_decision"):
                assert f"SCAN {table}" not in plan, plan


def test_the_units_holding_cases_come_from_the_stays_index_and_the_flow_from_the_month_ones(planned):
    plans = _all_plans(planned, lambda: monthly_figures(planned, OCTOBER, as_of=AS_OF))
    # the cases' statement (its packed buckets), not the first plan naming the cases: the two halves
    # of the workbook run on two connections, their statements in either order
    (cases,) = _plans(planned, lambda: monthly_figures(planned, OCTOBER, as_of=AS_OF), "AS packed")
    assert (
        "SEARCH enforcement_case USING COVERING INDEX ix_enforcement_case_filed_month (filed_on<?)" in cases
    )
    held = [p for p in plans if "ix_stage_entry_case_stays (case_id=? AND entered_at<?)" in p]
    assert len(held) == 2  # the cases' units (首执) and the nodes' units
    flow = next(p for p in plans if "COMPOUND QUERY" in p)
    # each stage's stays that began / ended in the month: a range of its own entries (0019), one
    # aggregate a stage — no sort of the month's stays to group them
    began = "COVERING INDEX ix_stage_entry_stage_entered (stage=? AND entered_at>? AND entered_at<?)"
    ended = "COVERING INDEX ix_stage_entry_stage_left (stage=? AND left_at>? AND left_at<?)"
    stages = [st for st in planned.profile.stages if st.kind != "closed"]
    assert flow.count(began) == flow.count(ended) == len(stages)
    assert "TEMP B-TREE" not in flow
    # where each stay went is in those indexes (next_stage, 0018): no look-up of the next stay
    assert "ix_stage_entry_case_stays" not in flow and "CORRELATED" not in flow
    for plan in plans:  # no stay's row read: its unit, stage and times are in the index
        for line in plan.splitlines():
            assert "stage_entry" not in line or "COVERING INDEX" in line or "SCAN anon" in line, plan
        if "stage_entry" in plan:
            assert (
                "TEMP B-TREE FOR RIGHT PART OF ORDER BY" not in plan
                and "TEMP B-TREE FOR ORDER BY" not in plan
            )


def test_the_months_arrivals_come_from_their_index(planned):
    """案款: the arrivals up to the month's end are tested for the month and their payout day in
    ``ix_payment_month`` alone (0020), not read row by row from the table."""
    plans = _plans(planned, lambda: monthly_figures(planned, OCTOBER, as_of=AS_OF), "FROM payment")
    assert plans and all(
        "SEARCH payment USING COVERING INDEX ix_payment_month (arrived_on<?)" in p for p in plans
    )


def test_the_months_nodes_and_decisions_are_counted_from_their_indexes(planned):
    for call in (
        lambda: monthly_figures(planned, OCTOBER, as_of=AS_OF),
        lambda: month_summary(planned, OCTOBER, as_of=AS_OF),
    ):
        plans = _all_plans(planned, call)
        nodes = [p for p in plans if "deadline_node USING COVERING INDEX ix_deadline_node_month" in p]
        assert nodes and all(p.startswith("SEARCH deadline_node") for p in nodes)
        assert any(
            "COVERING INDEX ix_triage_decision_decided (decided_at>? AND decided_at<?)" in p for p in plans
        )


def test_the_filing_days_of_the_closed_cases_come_from_their_index(planned):
    """The 速执 / 6-month due days of a case without its own node are looked up by its filing day:
    the days of the year's closed cases read from (closed_on, filed_on) alone (0017)."""
    plans = _plans(planned, lambda: monthly_figures(planned, OCTOBER, as_of=AS_OF), "DISTINCT")
    assert any(
        "COVERING INDEX ix_enforcement_case_closed_filed (closed_on>? AND closed_on<?)" in p for p in plans
    )


def test_each_share_of_the_summarys_cases_is_a_range_of_the_filing_day_index(planned):
    """统计 (F8) counts the month's cases in two shares by filing day (one a connection): each share
    is a range of the filing-day index, never a scan of every case, and the unit that held each
    case comes from the stays index."""
    plans = _plans(
        planned, lambda: month_summary(planned, OCTOBER, as_of=AS_OF), "enforcement_case.type_code IN"
    )
    assert len(plans) == 2
    shares = []
    for plan in plans:  # in the order the two connections happened to run them
        # the filing-day index that carries every column the cases are counted by (0019): the
        # share is a range of it, and no row of the case table is read
        found = re.search(
            r"SEARCH enforcement_case USING COVERING INDEX ix_enforcement_case_filed_month (\(.*?\))", plan
        )
        assert found, plan
        shares.append(found.group(1))
        assert "SCAN enforcement_case" not in plan
        assert "ix_stage_entry_case_stays (case_id=? AND entered_at<?)" in plan
    assert sorted(shares) == ["(filed_on<?)", "(filed_on>? AND filed_on<?)"]
