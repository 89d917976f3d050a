"""统计报表 (F8): one month's 收结案统计 on screen, and the two workbooks of the statistics staff.

The figures are ``services.stats.summary.month_summary`` — the part of the monthly workbook on
screen (首执 by unit for the month, the node and triage totals), the workbook's own figures — loaded
in a thread worker. ``[``/``]`` (or h/l) change
the month (default: last month); e writes the month's workbook (``export_monthly``, the function
behind ``zhixing export monthly``) and o today's overdue report (``overdue_report`` +
``write_overdue_xlsx``, as ``zhixing report overdue --xlsx``), both in thread workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import Static

from ...domain.closing import EXECUTED_IN_FULL, TERMINATED_THIS_ROUND
from ...domain.money import format_money_wan
from ...domain.statistics import TOTAL, IntakeClosing, Month, definitions
from ...i18n import common as common_text
from ...i18n import printing as printing_text
from ...i18n import stats as stats_text
from ...locations import exports_dir, project_root
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import KeyTable
from .base import DeskScreen

if TYPE_CHECKING:  # the figures' module is imported by the worker that loads them
    from ...services.stats.summary import MonthSummary

#: below this many cells the two long rate headers are shortened (explained under the table)
WIDE = 90


@dataclass
class StatsLoaded(Message):
    figures: MonthSummary


@dataclass
class Exported(Message):
    kind: str  # "workbook" | "overdue" | "submissions"
    note: str


def month_before(day: date) -> Month:
    return Month(day.year, day.month).shift(-1)


def percent(value: float | None) -> str:
    return stats_text.NO_RATE if value is None else f"{value:.2%}"


def columns(f: MonthSummary, wide: bool) -> tuple[Column, ...]:
    s = f.settings
    return (
        Column("unit", stats_text.COL_UNIT, 10, weight=1, max_width=24),
        Column("old", stats_text.COL_OLD, 4, align="right"),
        Column("new", stats_text.COL_NEW, 4, align="right"),
        Column("closed", stats_text.COL_CLOSED, 4, align="right"),
        Column("pending", stats_text.COL_PENDING, 4, align="right"),
        Column("closing_rate", stats_text.COL_CLOSING_RATE, 7, align="right"),
        Column(
            "full_rate",
            stats_text.COL_FULL_RATE if wide else stats_text.COL_FULL_RATE_SHORT,
            7,
            align="right",
        ),
        Column("zhongben_rate", stats_text.COL_ZHONGBEN_RATE, 7, align="right"),
        Column(
            "recovered_rate",
            stats_text.COL_RECOVERED_RATE if wide else stats_text.COL_RECOVERED_RATE_SHORT,
            7,
            align="right",
        ),
        Column("full", stats_text.COL_FULL, 4, align="right", hide_below=110),
        Column("zhongben", stats_text.COL_ZHONGBEN, 4, align="right", hide_below=110),
        Column("claim", stats_text.COL_CLAIM, 10, align="right", hide_below=140),
        Column("recovered", stats_text.COL_RECOVERED, 10, align="right", hide_below=140),
        Column(
            "fast_rate", stats_text.COL_FAST_RATE.format(days=s.fast_days), 7, align="right", hide_below=170
        ),
        Column(
            "legal_rate",
            stats_text.COL_LEGAL_RATE.format(months=s.legal_months),
            7,
            align="right",
            hide_below=170,
        ),
    )


def row_cells(r: IntakeClosing) -> list[str | Text]:
    values = [
        r.unit,
        str(r.old),
        str(r.new),
        str(r.closed),
        str(r.pending),
        percent(r.closing_rate),
        percent(r.full_rate),
        percent(r.zhongben_rate),
        percent(r.recovered_rate),
        str(r.by_method[EXECUTED_IN_FULL]),
        str(r.by_method[TERMINATED_THIS_ROUND]),
        format_money_wan(r.claim_fen),
        format_money_wan(r.recovered_fen),
        percent(r.fast_rate),
        percent(r.legal_rate),
    ]
    if r.unit != TOTAL:
        return list(values)
    return [Text(v, style="bold", justify="left" if i == 0 else "right") for i, v in enumerate(values)]


def notes_text(f: MonthSummary, wide: bool) -> str:
    """Node and triage totals of the month, then what the rates mean (the workbook's 说明)."""
    due, on_time, late, still = f.nodes
    _t, simple, ordinary, special, _all, s2c, reassign = f.triage
    lines = [
        stats_text.NODES.format(due=due, on_time=on_time, late=late, open=still),
        stats_text.TRIAGE.format(
            simple=simple, ordinary=ordinary, special=special, s2c=s2c, reassign=reassign
        ),
    ]
    defined = dict(definitions(f.settings))
    lines += [stats_text.DEFINITION.format(name=name, text=defined[name]) for name in stats_text.DEFINED]
    if not wide:
        lines.append(stats_text.SHORT_NAMES)
    return "\n".join(lines)


def overdue_path(desk, day: date) -> Path:
    """``exports/汝阳-2026-11-23-超期节点.xlsx`` (the one file-name pattern of every export)."""
    from ...services.deadlines.report import default_xlsx_name

    return exports_dir() / default_xlsx_name(desk, day)


def shown_path(path: Path) -> str:
    """The path as a person finds it: relative to the working folder when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(project_root().resolve()))
    except ValueError:
        return str(path)


class StatsScreen(DeskScreen):
    SCREEN_ID = "stats"
    TITLE = common_text.SCREEN_STATS
    DEFAULT_CSS = """
    StatsScreen #stats-status { height: 1; padding: 0 1; color: $text-muted; }
    StatsScreen #stats-table { height: auto; max-height: 60%; margin: 0 1; }
    StatsScreen #stats-notes { height: auto; margin: 1 1 0 1; padding: 0 1; color: $text-muted;
                               border-left: wide $secondary; }
    """
    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", stats_text.KEY_PREV_MONTH, id="stats.prev_month"),
        Binding("h", "month(-1)", stats_text.KEY_PREV_MONTH, id="stats.prev_month", show=False),
        Binding("right_square_bracket", "month(1)", stats_text.KEY_NEXT_MONTH, id="stats.next_month"),
        Binding("l", "month(1)", stats_text.KEY_NEXT_MONTH, id="stats.next_month", show=False),
        Binding("e", "workbook", stats_text.KEY_WORKBOOK, id="stats.workbook"),
        Binding("o", "overdue", stats_text.KEY_OVERDUE, id="stats.overdue"),
        Binding("g", "submissions", printing_text.KEY_PRINT_SUBMISSIONS, id="stats.submissions"),
        Binding("r", "refresh", common_text.KEY_REFRESH, id="stats.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.month: Month | None = None
        self.figures: MonthSummary | None = None
        self.running: set[str] = set()  # exports being written
        self._wide: bool | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static("", id="stats-status")
        yield KeyTable(id="stats-table")
        yield Static("", id="stats-notes")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.month = month_before(self.zapp.desk.today())
        self.action_refresh()
        self.query_one(KeyTable).focus()

    # --- loading --------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        if self.month is not None:
            self.query_one("#stats-status", Static).update(stats_text.LOADING.format(month=self.month.title))
            self.load(self.month)

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def load(self, month: Month) -> None:
        from ...services.stats.summary import month_summary

        self.post_result(StatsLoaded(month_summary(self.zapp.desk, month)))

    @on(StatsLoaded)
    def show_figures(self, message: StatsLoaded) -> None:
        if message.figures.month != self.month:
            return  # a month the operator has already left
        self.figures = message.figures
        self._display()  # no key depends on the figures: the footer stays as it is

    def _display(self) -> None:
        f = self.figures
        if f is None:
            return
        self._wide = self.size.width >= WIDE
        status = stats_text.STATUS.format(month=f.month.title, as_of=f.as_of.isoformat())
        self.query_one("#stats-status", Static).update(status + stats_text.STATUS_MONTH_KEYS)
        rows = [(r.unit, row_cells(r)) for r in f.intake]
        self.query_one(KeyTable).show(columns(f, self._wide), rows)
        self.query_one("#stats-notes", Static).update(notes_text(f, self._wide))

    def on_resize(self, event: Resize) -> None:
        if self._wide is not None and (event.size.width >= WIDE) != self._wide:
            self._display()

    # --- keys -----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "month":
            if self.month is None:
                return False
            today = self.zapp.desk.today()
            return not (parameters and parameters[0] == 1 and self.month == Month(today.year, today.month))
        if action == "submissions":  # 监利 第七组3: only where the court prints the monthly table
            return (
                "submissions" not in self.running
                and self.month is not None
                and self.zapp.desk.profile.prints("group_submissions")
            )
        if action in ("workbook", "overdue"):
            return action not in self.running and (action == "overdue" or self.month is not None)
        return super().check_action(action, parameters)

    def action_month(self, step: int) -> None:
        if self.month is None:
            return
        self.month = self.month.shift(step)
        self.figures = None
        self.action_refresh()
        self.refresh_bindings()

    def action_workbook(self) -> None:
        if self.month is not None:
            self._started("workbook", stats_text.WORKBOOK_STARTED.format(month=self.month.title))
            self.write_workbook(self.month)

    def action_overdue(self) -> None:
        self._started("overdue", stats_text.OVERDUE_STARTED)
        self.write_overdue()

    def _started(self, kind: str, note: str) -> None:
        self.running.add(kind)
        self.notify(note, timeout=3)
        self.refresh_bindings()

    @work(thread=True, group="stats-workbook", exit_on_error=False)
    def write_workbook(self, month: Month) -> None:
        from ...services.printing.monthly_workbook import export_monthly

        try:
            path, _figures = export_monthly(self.zapp.desk, month)
        finally:
            self.app.call_from_thread(self._finished, "workbook")
        self.post_message(Exported("workbook", stats_text.WORKBOOK_DONE.format(path=shown_path(path))))

    @work(thread=True, group="stats-overdue", exit_on_error=False)
    def write_overdue(self) -> None:
        from ...services.deadlines.report import overdue_report, write_overdue_xlsx

        desk = self.zapp.desk
        try:
            rep = overdue_report(desk)
            path = write_overdue_xlsx(rep, overdue_path(desk, rep.as_of), desk)
        finally:
            self.app.call_from_thread(self._finished, "overdue")
        self.post_message(
            Exported("overdue", stats_text.OVERDUE_DONE.format(path=shown_path(path), **rep.counts))
        )

    def action_submissions(self) -> None:
        if self.month is not None:
            self.running.add("submissions")
            self.refresh_bindings()
            self.write_submissions(self.month)

    @work(thread=True, group="stats-submissions", exit_on_error=False)
    def write_submissions(self, month: Month) -> None:
        from ...domain.forms import form_title
        from ...services.printing.submissions_form import FORM, write_group_submissions

        try:
            path = write_group_submissions(self.zapp.desk, month)
        finally:
            self.app.call_from_thread(self._finished, "submissions")
        note = printing_text.FORM_WRITTEN.format(title=form_title(FORM), path=shown_path(path))
        self.post_message(Exported("submissions", note))

    def _finished(self, kind: str) -> None:
        self.running.discard(kind)
        self.refresh_bindings()

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.notify(message.note, timeout=8)
