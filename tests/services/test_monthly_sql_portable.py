"""The monthly aggregates are written for PostgreSQL as well as SQLite: the date arithmetic is the
dialect's own (no SQLite-only ``julianday``/``date()`` on PostgreSQL), the GROUP BY names the label,
the parameters are in the driver's style."""

from __future__ import annotations

from datetime import date, datetime

from zhixing_tui.domain.periods import compute_due
from zhixing_tui.domain.statistics import Month, settings_from
from zhixing_tui.services.stats import aggregates
from zhixing_tui.storage.reader import Reader


def _statements(dialect: str) -> list[str]:
    """Every statement of the aggregates as the ``dialect``'s driver gets it, none run: a reader
    that keeps them and answers with no rows (one filing day for the fallback due days, so that
    their CASE is built; a row of zeros for the trend's one row)."""
    statements: list[str] = []

    def run(sql, params):
        statements.append(sql)
        if len(statements) == 1:
            return [(date(2026, 9, 4),)]
        return [tuple([0] * sql.count("(SELECT count(*)"))] if sql.startswith("SELECT (SELECT") else []

    r = Reader(dialect, run)
    month, settings = Month(2026, 10), settings_from({})
    aggregates.intake_figures(r, month, settings, datetime(2026, 11, 1), None)
    aggregates.node_figures(r, month, date(2026, 10, 31))
    aggregates.flow_figures(
        r, month, [("fast", "速执团队", "30日", 30), ("ordinary_1", "普执一", "", None)], "closed"
    )
    aggregates.trend_figures(r, month)
    return statements


def test_postgresql_gets_its_own_date_arithmetic():
    pg = _statements("postgresql")
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
    assert ":" not in "".join(pg).replace("::", "") and "%(month_end)s" in intake
    (trend,) = pg[4:]
    assert trend.count("(SELECT count(*)") == 24 and "EXTRACT" not in trend


def test_sqlite_gets_julianday_and_the_day_as_the_text_s_first_ten_characters():
    lite = _statements("sqlite")
    assert "CAST(julianday(date(stage_entry.left_at)) AS INTEGER)" in lite[3]
    assert "substr(deadline_node.completed_at, 1, 10)" in lite[2]


def test_the_day_of_a_moment_on_sqlite_is_what_date_gives(tmp_path):
    """``day_of`` on SQLite: the first ten characters of the stored moment, the same day as date()
    for every moment SQLAlchemy writes (midnight, the last microsecond, a leap day, no moment)."""
    from sqlalchemy import DateTime, column, create_engine, table

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
        got = conn.exec_driver_sql(f"SELECT {day_of('at', sqlite=True)} FROM m").scalars().all()
        ref = conn.exec_driver_sql("SELECT date(at) FROM m").scalars().all()
    assert got == ref
    assert ref == ["2026-10-05", "2026-10-05", "2028-02-29", None]


def test_the_fallback_due_day_is_counted_by_the_node_rule():
    """2026-09-04 + 30日 ends in the National Day holiday: the CASE holds the §85 day, not 10-04."""
    due = compute_due(date(2026, 9, 4), "30日").due_on
    intake = _statements("sqlite")[1]
    assert f"WHEN '2026-09-04' THEN '{due.isoformat()}'" in intake and due != date(2026, 10, 4)
