"""The monthly aggregates compile for PostgreSQL as well as SQLite: the date arithmetic is the
dialect's own (no SQLite-only ``julianday``/``date()`` on PostgreSQL), the GROUP BY names the label."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy.dialects import postgresql, sqlite

from zhixing_tui.domain.periods import compute_due
from zhixing_tui.domain.statistics import Month, settings_from
from zhixing_tui.services.stats import aggregates


class _Rows(list):
    def all(self):
        return list(self)

    def one(self):
        return defaultdict(int)  # a row of zeros, however many columns are asked for


class Recorder:
    """Stands in for a session: keeps every statement, answers with no rows (one filing day for
    the fallback due days, so that their CASE is built)."""

    def __init__(self) -> None:
        self.statements: list = []

    def exec(self, stmt):
        self.statements.append(stmt)
        return _Rows([date(2026, 9, 4)]) if len(self.statements) == 1 else _Rows()


def _statements():
    rec = Recorder()
    month, settings = Month(2026, 10), settings_from({})
    aggregates.intake_figures(rec, month, settings, datetime(2026, 11, 1), None)
    aggregates.node_figures(rec, month, date(2026, 10, 31))
    aggregates.flow_figures(
        rec, month, [("fast", "速执团队", "30日", 30), ("ordinary_1", "普执一", "", None)], "closed"
    )
    aggregates.trend_figures(rec, month)
    return rec.statements


def _sql(stmt, dialect) -> str:
    return str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def test_postgresql_gets_its_own_date_arithmetic():
    pg = [_sql(s, postgresql.dialect()) for s in _statements()]
    text = "\n".join(pg)
    assert "julianday" not in text and "date(" not in text.lower().replace("cast(", "")
    flow = pg[3]
    assert "ORDER BY stage_entry_1.entered_at, stage_entry_1.id" in flow  # the next stay of the case
    assert "CAST(stage_entry.left_at AS DATE) - DATE '1970-01-01'" in flow
    assert "(stage_entry_1.entered_at, stage_entry_1.id) > (stage_entry.entered_at, stage_entry.id)" in flow
    assert "UNION ALL" in flow
    nodes = pg[2]
    assert (
        "CAST(deadline_node.completed_at AS DATE)" in nodes and "GROUP BY deadline_node.name, unit" in nodes
    )
    intake = pg[1]
    assert "GROUP BY unit, enforcement_case.type_code" in intake
    due = compute_due(date(2026, 9, 4), "30日").due_on
    assert f"CASE enforcement_case.filed_on WHEN DATE '2026-09-04' THEN DATE '{due.isoformat()}'" in intake
    (trend,) = pg[4:]
    assert trend.count("(SELECT count(*)") == 24 and "EXTRACT" not in trend


def test_sqlite_gets_julianday_and_date():
    lite = [_sql(s, sqlite.dialect()) for s in _statements()]
    assert "CAST(julianday(date(stage_entry.left_at)) AS INTEGER)" in lite[3]
    assert "date(deadline_node.completed_at)" in lite[2]


def test_the_fallback_due_day_is_counted_by_the_node_rule():
    """2026-09-04 + 30日 ends in the National Day holiday: the CASE holds the §85 day, not 10-04."""
    due = compute_due(date(2026, 9, 4), "30日").due_on
    intake = _sql(_statements()[1], sqlite.dialect())
    assert f"WHEN '2026-09-04' THEN '{due.isoformat()}'" in intake and due != date(2026, 10, 4)
