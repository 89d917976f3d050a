"""今日概况: open cases by stage and unit, node counts, what awaits approval."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...i18n import common as common_text
from ...services.cases.home import CountRow, HomeSummary, home_summary
from ..messages import HomeLoaded
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import KeyTable
from .base import DeskScreen

STAGE_COLUMNS = (
    Column("name", common_text.COL_STAGE, 8, weight=1, max_width=30),
    Column("count", common_text.COL_COUNT, 6, align="right"),
)
UNIT_COLUMNS = (
    Column("name", common_text.COL_UNIT, 8, weight=1, max_width=30),
    Column("count", common_text.COL_COUNT, 6, align="right"),
)


def _count_rows(rows: tuple[CountRow, ...]) -> list[tuple[str, list[str]]]:
    return [(row.key or "-", [row.label or common_text.UNASSIGNED, str(row.count)]) for row in rows]


def key_guide() -> Text:
    """功能键 line built from the screen registry: ``F2初次接待  F3查控 …`` (key and title
    without a space, so a wrapped line never parts them)."""
    from . import SCREENS

    text = Text(f"{common_text.HOME_KEYS}：")
    for i, entry in enumerate(SCREENS.values()):
        if i:
            text.append("  ")
        text.append(entry.keys.split(",")[0].upper(), style="bold")
        text.append(entry.title)
    return text


class HomeScreen(DeskScreen):
    SCREEN_ID = "home"
    TITLE = common_text.SCREEN_HOME
    BINDINGS = [Binding("r", "refresh", common_text.KEY_REFRESH, id="home.refresh")]

    summary: HomeSummary | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        with Horizontal(id="home-cards"):
            for card_id, label in (
                ("due-today", common_text.HOME_DUE_TODAY),
                ("overdue", common_text.HOME_OVERDUE),
                ("approaching", common_text.HOME_APPROACHING),
                ("awaiting", common_text.HOME_AWAITING),
                ("open-total", common_text.HOME_OPEN_TOTAL),
            ):
                card = Static("…", id=f"card-{card_id}", classes="card")
                card.border_title = label
                yield card
        with Horizontal(id="home-tables"):
            with Vertical(classes="panel"):
                yield Static(common_text.HOME_BY_STAGE, classes="panel-title")
                yield KeyTable(id="by-stage")
            with Vertical(classes="panel"):
                yield Static(common_text.HOME_BY_UNIT, classes="panel-title")
                yield KeyTable(id="by-unit")
        yield Static(key_guide(), id="home-keys")
        yield DeskFooter()

    def on_screen_resume(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def load(self) -> None:
        desk = self.zapp.desk
        early = self.zapp.take_home_early(desk)  # read while the app started (tui.app._prefetch_home)
        summary = early.result() if early is not None else home_summary(desk, desk.today())
        self.post_result(HomeLoaded(summary))

    @on(HomeLoaded)
    def show_summary(self, message: HomeLoaded) -> None:
        s = message.summary
        self.summary = s
        self._card(
            "due-today",
            common_text.HOME_NODE_UNIT.format(n=s.nodes.due_today),
            "warning" if s.nodes.due_today else "",
        )
        self._card(
            "overdue",
            common_text.HOME_NODE_UNIT.format(n=s.nodes.overdue),
            "error" if s.nodes.overdue else "",
        )
        self._card("approaching", common_text.HOME_NODE_UNIT.format(n=s.nodes.approaching), "")
        self._card(
            "awaiting",
            common_text.HOME_CASE_UNIT.format(n=s.awaiting_approval),
            "warning" if s.awaiting_approval else "",
        )
        self._card("open-total", common_text.HOME_CASE_UNIT.format(n=s.open_total), "")
        self.query_one("#by-stage", KeyTable).show(STAGE_COLUMNS, _count_rows(s.by_stage))
        self.query_one("#by-unit", KeyTable).show(UNIT_COLUMNS, _count_rows(s.by_unit))

    def _card(self, card_id: str, value: str, level: str) -> None:
        card = self.query_one(f"#card-{card_id}", Static)
        card.update(value)
        card.set_class(level == "warning", "-warning")
        card.set_class(level == "error", "-error")
