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
    assert "stage_entry.next_stage" in flow and "stage_entry_1" not in flow  # where it went (0018)
    assert "CAST(stage_entry.left_at AS DATE) - DATE '1970-01-01'" in flow
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


def test_sqlite_gets_julianday_and_the_day_as_the_text_s_first_ten_characters():
    lite = [_sql(s, sqlite.dialect()) for s in _statements()]
    assert "CAST(julianday(date(stage_entry.left_at)) AS INTEGER)" in lite[3]
    assert "substr(deadline_node.completed_at, 1, 10)" in lite[2]


def test_the_day_of_a_moment_on_sqlite_is_what_date_gives(tmp_path):
    """``day_of`` on SQLite: the first ten characters of the stored moment, the same day as date()
    for every moment SQLAlchemy writes (midnight, the last microsecond, a leap day, no moment)."""
    from sqlalchemy import DateTime, column, create_engine, select, table

    from zhixing_tui.services.stats.sqldays import day_of

    moments = table("m", column("at", DateTime))
    engine = create_engine(f"sqlite:///{tmp_path / 'days.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE m (at DATETIME)")
        values = [
            datetime(2026, 10, 5, 0, 0),
            datetime(2026, 10, 5, 23, 59, 59, 999999),
            datetime(2028, 2, 29, 12, 30),
            None,
        ]
        conn.execute(moments.insert(), [{"at": v} for v in values])
        got = conn.execute(select(day_of(moments.c.at), moments.c.at)).all()
        ref = conn.exec_driver_sql("SELECT date(at) FROM m").scalars().all()
    assert [str(day) if day is not None else None for day, _at in got] == ref
    assert ref == ["2026-10-05", "2026-10-05", "2028-02-29", None]


def test_the_fallback_due_day_is_counted_by_the_node_rule():
    """2026-09-04 + 30日 ends in the National Day holiday: the CASE holds the §85 day, not 10-04."""
    due = compute_due(date(2026, 9, 4), "30日").due_on
    intake = _sql(_statements()[1], sqlite.dialect())
    assert f"WHEN '2026-09-04' THEN '{due.isoformat()}'" in intake and due != date(2026, 10, 4)
