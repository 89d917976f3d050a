"""统计 (F8) asks for the part of the month it shows (``month_summary``): 首执 by unit for the month,
the node and triage totals — the same figures as the monthly workbook's (``monthly_figures``,
itself checked against the plain-Python definitions in ``test_monthly_sql.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from tests.services.test_monthly_sql import _key  # the counts every rate is made of
from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.services.stats.summary import month_summary

AS_OF = date(2026, 11, 23)


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
