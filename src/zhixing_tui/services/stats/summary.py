"""What 统计报表 (F8) shows of a month, and no more: 首执 收结案 by unit for the month, the totals of
the node table and of 繁简分流.

The same aggregates as the workbook's (:mod:`.aggregates`, :func:`.monthly.monthly_figures`), each
asked for only the part on screen: the 首执 cases open at some time in the month (not the year's,
nor the other types), the node counts without the unit answerable for each node (no holding-unit
look-up for 80,000 nodes at county scale), no stage flow, members, 案款 or trend. The figures are
equal to the workbook's (``tests/services/test_month_summary.py``).

The work is shared by two connections at once where the database allows (:mod:`.parallel`, as the
monthly workbook does): the one query that matters at county scale — the 50,000 首执 cases open in
a month, each with the unit that held it — is split on the filing day (:data:`SHARE_MONTHS`
before the month), each share a range of the filing-day index: one connection counts the cases
filed before that day, the other the node and triage totals (0.05 s of SQLite CPU for the
80,000 nodes due in a month) and then the cases filed since. At 100,000 cases that is about as
much work on each (0.13 s). The shares add up to the whole (:func:`.aggregates.merge_intake`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ...domain.statistics import FIRST, IntakeClosing, Month, Settings, settings_from
from ...storage.reader import Reader
from . import parallel
from .aggregates import intake_figures, merge_intake, node_totals
from .read_desk import work_calendar
from .tables import case_units, first_by_unit, month_bounds, triage_table

__all__ = ["MonthSummary", "month_summary"]

T = TypeVar("T")

#: the cases filed this many months before the month's first day, and earlier, are counted on one
#: connection, the later ones on the other (with the node and triage totals)
SHARE_MONTHS = 2


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


def month_summary(desk: parallel.StatsDesk, month: Month, *, as_of: date | None = None) -> MonthSummary:
    """The month's figures 统计 (F8) shows, as the monthly workbook has them."""
    profile = desk.profile
    settings = settings_from(profile.statistics)
    as_of = as_of or desk.today()
    _start_at, end_at = month_bounds(month)
    cal = work_calendar(desk)
    with desk.reader() as r:
        listed, unit_name = case_units(r, profile)

    def cases(more: Callable[[Reader], T], **share: date) -> tuple[dict, T]:
        """``more`` on a connection, then the cases filed in the ``share`` (every case by
        default) on the same one. ``more`` first: the node and triage totals need no calendar,
        so on a first open this connection reads them while the other share loads the holidays
        of the fallback due days (``lunar_python``, a few tens of milliseconds under the lock)."""
        with desk.reader() as r:
            extra = more(r)
            table = intake_figures(r, month, settings, end_at, cal, types=(FIRST,), year=False, **share)
            return table, extra

    def nodes_and_triage(r: Reader) -> tuple[tuple[int, int, int, int], tuple]:
        return node_totals(r, month, min(as_of, month.end)), triage_table(r, month, unit_name, listed)[-1]

    if parallel.can_split(desk):  # about as much work on each connection
        day = month.shift(-SHARE_MONTHS).start
        (earlier, _none), (later, (nodes, triage)) = parallel.both(
            desk,
            lambda: cases(lambda _s: None, filed_before=day),
            lambda: cases(nodes_and_triage, filed_from=day),
        )
        table = merge_intake(earlier, later)
    else:
        table, (nodes, triage) = cases(nodes_and_triage)
    intake = first_by_unit(table, 0, listed, unit_name, settings)
    return MonthSummary(month, as_of, settings, intake, nodes, triage)
