"""The hot read queries keep their plans: ``EXPLAIN QUERY PLAN`` of the SQL each service really
runs (captured from the engine) names the index it was written for, on a demo database whose
planner statistics were refreshed by ``storage.db.optimize`` (as ``zhixing db upgrade``, the demo
and the imports do). A schema change that drops or shadows one of these indexes fails here
instead of bringing back a scan of every node at county scale."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import event

from zhixing_tui.services.board.query import load_board
from zhixing_tui.services.cases.home import home_summary
from zhixing_tui.services.cases.search import search_cases
from zhixing_tui.services.deadlines.alerts import alert_counts, alert_page, overdue_rows
from zhixing_tui.services.deadlines.report import overdue_report
from zhixing_tui.services.triage.queue import waiting_cases
from zhixing_tui.storage.db import optimize

# EXPLAIN QUERY PLAN and ANALYZE are SQLite's: these plans are the SQLite planner's (PostgreSQL plans its own)
pytestmark = pytest.mark.sqlite_only

OPEN_BY_DUE = "INDEX ix_deadline_node_open_due (completed_at=? AND due_on<?)"


@pytest.fixture
def planned(desk_factory):
    desk = desk_factory(cases=300)
    optimize(desk.engine)
    return desk


def _statements(desk, call: Callable[[], object]) -> list[tuple[str, tuple]]:
    seen: list[tuple[str, tuple]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, tuple(parameters or ())))

    event.listen(desk.engine, "before_cursor_execute", keep)
    try:
        call()
    finally:
        event.remove(desk.engine, "before_cursor_execute", keep)
    return seen


def _plans(desk, call: Callable[[], object], must_contain: str) -> list[str]:
    """The plans (one text per statement) of the statements of ``call`` containing ``must_contain``."""
    out = []
    with desk.engine.connect() as conn:
        for sql, params in _statements(desk, call):
            if must_contain in sql:
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
                out.append("\n".join(r[3] for r in rows))
    assert out, f"no statement with {must_contain!r}"
    return out


def test_optimize_leaves_planner_statistics(planned):
    with planned.engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1").all()}
    assert {"deadline_node", "enforcement_case", "party"} <= tables


def test_the_alerts_query_reaches_only_open_nodes_by_due_date(planned):
    """超期预警, the nightly report and the home counts: open nodes through (completed_at, due_on)."""
    for call in (
        lambda: overdue_rows(planned, limit=50),
        lambda: alert_page(planned, limit=50),
        lambda: alert_counts(planned),
        lambda: overdue_report(planned),
    ):
        for plan in _plans(planned, call, "deadline_node.due_on <="):
            assert plan.startswith("SEARCH deadline_node USING") and OPEN_BY_DUE in plan


def test_the_triage_queue_finds_each_case_deadline_by_the_case_index(planned):
    """F4: the earliest open triage deadline of a waiting case is looked up by the case, not by
    walking every open node of the court (issue 17, point 3)."""
    (plan,) = _plans(planned, lambda: waiting_cases(planned), "min(deadline_node.due_on)")
    assert "USING COVERING INDEX ix_deadline_node_case_open (case_id=? AND completed_at=?" in plan
    assert "ix_deadline_node_open_due" not in plan
    (names,) = _plans(planned, lambda: waiting_cases(planned), "deadline_node.name")
    assert "SEARCH deadline_node USING INDEX ix_deadline_node_case_" in names and "(case_id=?" in names


def test_the_board_pages_a_stage_longest_in_it_first_by_its_index(planned):
    plans = _plans(planned, lambda: load_board(planned), "ORDER BY enforcement_case.stage_entered_at")
    for plan in plans:
        assert "SEARCH enforcement_case USING INDEX ix_enforcement_case_stage_entered (stage=?)" in plan
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan  # at most ties on the moment are sorted


def test_search_reads_the_cases_once_and_their_parties_by_case(planned):
    """A LIKE on part of a name cannot seek an index: one pass, nothing joined in the count (run
    only when the first page is full), and that pass reads only an index holding ``search_text``
    (案号 fragments included: ``search_text`` starts with the 案号), not every case row; the page's
    parties by ``ix_party_case_id``."""
    for query in ("执", "豫0326", "(2026)"):
        (count,) = _plans(planned, lambda q=query: search_cases(planned, q), "SELECT count(*)")  # full page
        assert count in {
            "SCAN enforcement_case USING COVERING INDEX ix_enforcement_case_search_text",
            "SCAN enforcement_case USING COVERING INDEX ix_enforcement_case_filed_search",
        }
    (parties,) = _plans(planned, lambda: search_cases(planned, "李"), "FROM party")
    assert "SEARCH party USING INDEX ix_party_case_id (case_id=?)" in parties


def test_search_pages_newest_first_testing_the_text_from_the_index(planned):
    """The page's ids walk ``ix_enforcement_case_filed_search`` (filed_on, id, search_text)
    newest first from the index alone and stop at the page's last match (0016): no case row read
    to test its text, no sort of every match; then the page's own rows by id (only those ≤ 50
    are sorted)."""
    for query in ("李斌", "lb", "执 李"):
        (page,) = _plans(
            planned, lambda q=query: search_cases(planned, q), "ORDER BY enforcement_case.filed_on"
        )
        lines = [line.strip() for line in page.splitlines()]
        assert "SCAN enforcement_case USING COVERING INDEX ix_enforcement_case_filed_search" in lines
        assert "SEARCH enforcement_case USING INTEGER PRIMARY KEY (rowid=?)" in lines
        assert lines.count("USE TEMP B-TREE FOR ORDER BY") <= 1  # the outer page's rows only


def test_the_home_counts_use_indexes(planned):
    plans = _plans(planned, lambda: home_summary(planned), "count(*)")
    by_stage = next(p for p in plans if "enforcement_case" in p and "deadline_node" not in p)
    assert "USING" in by_stage and "INDEX" in by_stage
    nodes = next(p for p in plans if "deadline_node" in p)
    assert "ix_deadline_node_open_due" in nodes


def test_the_home_counts_by_unit_group_in_the_index_order(planned):
    """今日概况 by stage and by unit: the open cases are counted in the order of the (status,
    stage, unit) index — no sort of the open cases and no unit looked up for each — and the few
    (stage, unit) counts are summed each way."""
    (plan,) = _plans(planned, lambda: home_summary(planned), "GROUP BY enforcement_case.stage")
    inner = [line for line in plan.splitlines() if "enforcement_case" in line]
    assert inner == [
        "SEARCH enforcement_case USING COVERING INDEX ix_enforcement_case_status_stage_unit (status=?)"
    ]


def test_the_alert_counts_read_no_case_without_a_case_filter(planned):
    """Every node has its case: the counts join the case only to filter by its team or handler."""
    (plan,) = _plans(planned, lambda: alert_counts(planned), "deadline_node.due_on <=")
    assert "enforcement_case" not in plan
    (team,) = _plans(planned, lambda: alert_counts(planned, team=1), "deadline_node.due_on <=")
    assert "enforcement_case" in team


def test_the_alert_page_counts_the_alerts_once_reading_no_case(planned):
    """超期预警 (F6): one count of the alerts, by status through the open-nodes index, with no
    case read for each alert (the page's total is the sum); the page itself joins its 50 cases."""
    seen = [sql for sql, _p in _statements(planned, lambda: alert_page(planned, limit=50))]
    assert not [sql for sql in seen if sql.startswith("SELECT count(*)") and "deadline_node" in sql]
    (count,) = _plans(planned, lambda: alert_page(planned, limit=50), "GROUP BY")
    assert OPEN_BY_DUE in count and "enforcement_case" not in count
    (team,) = _plans(planned, lambda: alert_page(planned, team=1, limit=50), "GROUP BY")
    assert "enforcement_case" in team
