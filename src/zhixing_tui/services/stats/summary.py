"""What 统计报表 (F8) shows of a month, and no more: 首执 收结案 by unit for the month, the totals of
the node table and of 繁简分流.

The same aggregates as the workbook's (:mod:`.aggregates`, :func:`.monthly.monthly_figures`), each
asked for only the part on screen: the 首执 cases open at some time in the month (not the year's,
nor the other types), the node counts without the unit answerable for each node (no holding-unit
look-up for 80,000 nodes at county scale), no stage flow, members, 案款 or trend. The figures are
equal to the workbook's (``tests/services/test_month_summary.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.statistics import FIRST, IntakeClosing, Month, Settings, settings_from
from ..deadlines.calendar import calendar_for
from ..desk import Desk
from .aggregates import intake_figures, node_totals
from .tables import case_units, first_by_unit, month_bounds, triage_table

__all__ = ["MonthSummary", "month_summary"]


@dataclass(frozen=True)
class MonthSummary:
    month: Month
    as_of: date
    settings: Settings
    intake: list[IntakeClosing]  # 首执 by unit, the month; 合计 last (MonthlyFigures.intake)
    nodes: tuple[int, int, int, int]  # 本月到期, 按期完成, 超期完成, 仍超期 (MonthlyFigures.nodes[-1][2:])
    triage: tuple[str, int, int, int, int, int, int]  # 繁简分流's 合计 row (MonthlyFigures.triage[-1])

    @property
    def total(self) -> IntakeClosing:
        return self.intake[-1]


def month_summary(desk: Desk, month: Month, *, as_of: date | None = None) -> MonthSummary:
    """The month's figures 统计 (F8) shows, as the monthly workbook has them."""
    profile = desk.profile
    settings = settings_from(profile.statistics)
    as_of = as_of or desk.today()
    _start_at, end_at = month_bounds(month)
    cal = calendar_for(desk)
    with desk.session() as s:
        listed, unit_name = case_units(s, profile)
        table = intake_figures(s, month, settings, end_at, cal, types=(FIRST,), year=False)
        intake = first_by_unit(table, 0, listed, unit_name, settings)
        nodes = node_totals(s, month, min(as_of, month.end))
        triage = triage_table(s, month, unit_name, listed)[-1]
    return MonthSummary(month, as_of, settings, intake, nodes, triage)
