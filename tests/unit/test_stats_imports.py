"""The statistics load only what they use: the 统计 screen (F8) imports neither openpyxl nor the
workbook's figures until a workbook is written, its figures' module (``month_summary``) no
workbook either; the monthly workbook of a court without member distribution imports none of
the distribution and triage services (the 线索查控人员 sheet's, loaded only for a court that has one)."""

from __future__ import annotations

import subprocess
import sys


def _loaded(imports: str, modules: tuple[str, ...]) -> list[str]:
    code = f"import sys; {imports}; print(sorted(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(out.stdout)  # a list of module names printed by the child


WORKBOOK = (
    "openpyxl",
    "zhixing_tui.services.printing.monthly_workbook",
    "zhixing_tui.services.stats.monthly",
)


def test_the_stats_screen_and_its_figures_import_no_workbook():
    assert _loaded("import zhixing_tui.tui.app, zhixing_tui.tui.screens.stats", WORKBOOK) == []
    assert _loaded("import zhixing_tui.services.stats.summary", WORKBOOK) == []


def test_the_monthly_workbook_imports_no_distribution_or_triage_services():
    heavy = ("zhixing_tui.services.board.distribution", "zhixing_tui.services.triage.decisions")
    assert _loaded("import zhixing_tui.services.printing.monthly_workbook", heavy) == []


def test_the_export_commands_path_imports_the_writer_only_when_the_figures_are_under_way():
    """``zhixing export monthly`` imports openpyxl and the writer while the figures' queries run
    (services.printing.monthly_export), not before them."""
    writer = ("openpyxl", "zhixing_tui.services.printing.monthly_workbook")
    assert _loaded("import zhixing_tui.services.printing.monthly_export", writer) == []
    assert _loaded("import zhixing_tui.cli.export_cmd", writer) == []
