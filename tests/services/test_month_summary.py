"""统计 (F8) asks for the part of the month it shows (``month_summary``): 首执 by unit for the month,
the node and triage totals — the same figures as the monthly workbook's (``monthly_figures``,
itself checked against the plain-Python definitions in ``test_monthly_sql.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from tests.services.test_monthly_sql import _key  # the counts every rate is made of
from zhixing_tui.domain.statistics import Month, settings_from
from zhixing_tui.services.deadlines.calendar import calendar_for
from zhixing_tui.services.stats import parallel
from zhixing_tui.services.stats.aggregates import intake_figures, merge_intake
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.services.stats.summary import month_summary
from zhixing_tui.services.stats.tables import month_bounds

AS_OF = date(2026, 11, 23)
OCTOBER = Month(2026, 10)


@pytest.mark.parametrize("month", [Month(2026, 9), Month(2026, 10), Month(2026, 11)], ids=lambda m: m.label)
def test_the_summary_is_the_workbooks_figures(demo_desk, month):
    full = monthly_figures(demo_desk, month, as_of=AS_OF)
    got = month_summary(demo_desk, month, as_of=AS_OF)
    assert (got.month, got.as_of, got.settings) == (month, AS_OF, full.settings)
    assert [_key(r) for r in got.intake] == [_key(r) for r in full.intake]
    assert got.nodes == tuple(full.nodes[-1][2:])
    assert got.triage == full.triage[-1]
    assert got.total.old + got.total.new > 0 and got.nodes[0] > 0


def test_the_summary_reads_no_year_no_other_type_and_no_unit_per_node(demo_desk):
    """What makes it quick at county scale: the month's 首执 cases only, and nodes counted
    without looking up the unit holding each one's case."""
    seen: list[str] = []
    event.listen(demo_desk.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    month_summary(demo_desk, Month(2026, 10), as_of=AS_OF)
    intake = next(s for s in seen if "enforcement_case.type_code IN" in s)
    nodes = next(s for s in seen if s.startswith("SELECT count(*)") and "FROM deadline_node" in s)
    assert "stage_entry" not in nodes and "GROUP BY" not in nodes
    assert "stage_entry" in intake  # the unit that held the case at the month's end
    assert not any("FROM payment" in s or "handoff" in s for s in seen)


def _figures(table):
    return [(key, [_key(r) for r in rows]) for key, rows in table.items()]


@pytest.mark.parametrize("year", [True, False], ids=["year", "month"])
def test_the_cases_in_two_parts_add_up_to_the_whole(demo_desk, year):
    """``intake_figures(filed_before=…)`` and ``(filed_from=…)`` count the cases filed before a day
    and since; ``merge_intake`` adds them up to the figures of every case, in the order the
    database groups them."""
    settings = settings_from(demo_desk.profile.statistics)
    _start, end_at = month_bounds(OCTOBER)
    cal = calendar_for(demo_desk)
    with demo_desk.reader() as r:
        whole = intake_figures(r, OCTOBER, settings, end_at, cal, year=year)
        day = date(2026, 8, 1)
        parts = [
            intake_figures(r, OCTOBER, settings, end_at, cal, year=year, filed_before=day),
            intake_figures(r, OCTOBER, settings, end_at, cal, year=year, filed_from=day),
        ]
    assert all(parts)
    merged = merge_intake(*parts)
    assert sorted(_figures(merged), key=repr) == sorted(_figures(whole), key=repr)
    if demo_desk.engine.dialect.name == "sqlite":  # PostgreSQL groups in an order of its own
        assert list(merged) == list(whole)


@pytest.mark.parametrize("profile", ["ruyang", "jianli"])
def test_two_connections_give_the_summary_of_one(desk_factory, monkeypatch, profile):
    desk = desk_factory(profile, cases=300)
    assert parallel.can_split(desk)  # a database file or a server: the halves run side by side
    together = month_summary(desk, OCTOBER, as_of=AS_OF)
    monkeypatch.setattr(parallel, "can_split", lambda _desk: False)
    alone = month_summary(desk, OCTOBER, as_of=AS_OF)
    assert [_key(r) for r in together.intake] == [_key(r) for r in alone.intake]
    assert (together.nodes, together.triage) == (alone.nodes, alone.triage)
