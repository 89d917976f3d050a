"""``zhixing export monthly``'s path: the month's figures computed while the workbook's writer loads.

:func:`export_monthly` does what :func:`.monthly_workbook.export_monthly` does, and gives the same
workbook; it only imports the writer (openpyxl, its chart and drawing modules: about a fifth of the
command's start-up) in this thread while the figures' queries run in another, the database
working with the interpreter's lock released. This module imports neither openpyxl nor the writer
at its own import.
"""

from __future__ import annotations

from pathlib import Path

from ...domain.statistics import Month
from ..stats.monthly import MonthlyFigures, monthly_figures
from ..stats.parallel import StatsDesk, both

__all__ = ["export_monthly"]


def _writer(desk: StatsDesk):
    """The writer's modules, imported once the court's profile is loaded (by this thread or by the
    figures' thread it waits for): both are Python work under the interpreter's lock, and the
    cases' statement waits for the profile, the writer for nothing but the figures."""
    desk.profile  # noqa: B018 - loaded (or waited for) first
    from . import monthly_workbook

    return monthly_workbook


def export_monthly(
    desk: StatsDesk, month: Month, out: str | Path | None = None
) -> tuple[Path, MonthlyFigures]:
    """Compute the month's figures and write the workbook (default ``monthly_workbook.default_path``)."""
    figures, writer = both(desk, lambda: monthly_figures(desk, month), lambda: _writer(desk))
    return writer.write_workbook(figures, out or writer.default_path(desk, month)), figures
