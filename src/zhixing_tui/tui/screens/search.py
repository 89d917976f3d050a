"""案件查询: find a case by 案号 fragment, party name or pinyin; results paged in SQL."""

from __future__ import annotations

import threading
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from ...domain.money import format_money
from ...i18n import common as common_text
from ...services.cases.search import CaseRow, SearchStopped, count_cases, search_page
from ...storage.queries import Page
from ..messages import SearchCounted, SearchLoaded
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import CaseTable
from .base import DeskScreen

PAGE_SIZE = 50
#: typing pauses this long before the search runs: coalesces a burst — an IME's word or a paste
#: (keys the same instant), a held key (Backspace repeats every 30–40 ms) — yet leaves most of the
#: 150 ms from the last key to the results for the query and drawing (issue 17: 60 ms before).
#: (slower typing searches each pause; a key arriving while a search runs cancels it, ``_typed``)
DEBOUNCE_SECONDS = 0.045
#: how often a search waiting for its page to be drawn asks whether it was replaced meanwhile
_DRAWN_POLL = 0.02
#: … and how long at most (a table not drawn at all, e.g. under another screen, is not waited for)
_DRAWN_WAIT_MAX = 0.5

CASE_COLUMNS = (
    Column("case_no", common_text.COL_CASE_NO, 20, fit=True),  # never cut
    Column("applicant", common_text.COL_APPLICANT, 10, weight=2, max_width=30),
    Column("respondent", common_text.COL_RESPONDENT, 8, weight=2, max_width=30),
    Column("claim", common_text.COL_CLAIM, 12, hide_below=100, align="right"),
    Column("stage", common_text.COL_STAGE, 8, weight=1, max_width=16),
    Column("unit", common_text.COL_UNIT, 8, weight=1, max_width=16, hide_below=150),
    Column("handler", common_text.COL_HANDLER, 6, hide_below=130),
    Column("status", common_text.COL_STATUS, 4),
    Column("filed", common_text.COL_FILED, 10, hide_below=115),
)


def case_cells(row: CaseRow) -> list[str]:
    """One result row, in the order of ``CASE_COLUMNS``."""
    return [
        row.case_no,
        row.applicant or common_text.NONE,
        row.respondent or common_text.NONE,
        format_money(row.claim_fen),
        row.stage_name,
        row.unit_name or common_text.UNASSIGNED,
        row.handler_name or common_text.NONE,
        common_text.STATUS.get(row.status, row.status),
        row.filed_on.isoformat(),
    ]


class SearchScreen(DeskScreen):
    SCREEN_ID = "search"
    TITLE = common_text.SCREEN_SEARCH
    BINDINGS = [
        Binding("slash", "focus_input", common_text.KEY_FOCUS_INPUT, id="search.focus_input"),
        Binding("down", "focus_list", common_text.KEY_FOCUS_LIST, show=False, id="search.focus_list"),
        Binding(
            "right_square_bracket",
            "next_page",
            common_text.KEY_NEXT_PAGE,
            id="search.next_page",
            key_display="]",
        ),
        Binding(
            "left_square_bracket",
            "prev_page",
            common_text.KEY_PREV_PAGE,
            id="search.prev_page",
            key_display="[",
        ),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self._initial = query
        self.page: Page[CaseRow] | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Input(self._initial, placeholder=common_text.SEARCH_PLACEHOLDER, id="search-input")
        yield Static(common_text.SEARCH_LOADING, id="search-status")
        yield CaseTable(id="search-results")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.run_search(self._initial, 0)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    # --- searching ------------------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _typed(self, _event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        # the search for the text before this key is stale now: its scan stops at once rather
        # than at the debounce's end (it would compete with the next one's)
        self.workers.cancel_group(self, "search")
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(self.query_text, 0))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, _event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.page is None or self.page.offset != 0 or self._loaded_query != self.query_text:
            self.run_search(self.query_text, 0)
        self.action_focus_list()

    _loaded_query: str | None = None

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, offset: int) -> None:
        """The page first, then (unless the page tells it) the total: the list is there as soon
        as its 50 cases are, and 共 N 件 follows from the count, a pass over every case (issue 17:
        the longer part of a search at 100,000 cases). A newer query cancels this worker (it is
        ``exclusive``) and with it a count still running."""
        worker = get_current_worker()

        def stop() -> bool:
            return worker.is_cancelled

        try:
            page, counted = search_page(self.zapp.desk, query, limit=PAGE_SIZE, offset=offset, stop=stop)
            drawn = threading.Event()
            self.post_result(SearchLoaded(query, page, counted, drawn))
            if counted:
                return
            # the count starts once the list is drawn: run beside the drawing, its stop checks
            # (which take the GIL) would hold the drawing back several times over
            waited = 0.0
            while not drawn.wait(_DRAWN_POLL) and waited < _DRAWN_WAIT_MAX:
                if stop():
                    return
                waited += _DRAWN_POLL
            self.post_result(SearchCounted(query, offset, count_cases(self.zapp.desk, query, stop=stop)))
        except SearchStopped:
            return  # a newer query replaced this one (exclusive): its scan stopped where it was

    @on(SearchLoaded)
    def show_results(self, message: SearchLoaded) -> None:
        if message.query != self.query_text:
            if message.drawn is not None:
                message.drawn.set()
            return  # an older query's answer arriving late
        self.page = message.page
        self._loaded_query = message.query
        self._counted = message.counted
        self._show_status()
        rows = [(str(r.id), case_cells(r)) for r in message.page.items]
        table = self.query_one(CaseTable)
        table.show(CASE_COLUMNS, rows)
        if message.drawn is not None:
            table.after_paint(message.drawn.set)
        self.refresh_bindings()

    @on(SearchCounted)
    def show_total(self, message: SearchCounted) -> None:
        page = self.page
        if message.query != self._loaded_query or page is None or page.offset != message.offset:
            return  # the count of a page no longer shown
        self.page = replace(page, total=message.total)
        self._counted = True
        self._show_status()
        self.refresh_bindings()

    _counted = True

    def _show_status(self) -> None:
        page = self.page
        assert page is not None and self._loaded_query is not None
        if not self._counted:
            status = common_text.SEARCH_COUNTING.format(page=page.page_no)
        elif page.total == 0:
            status = common_text.SEARCH_NONE.format(query=self._loaded_query.strip())
        else:
            status = common_text.SEARCH_COUNT.format(
                total=page.total, page=page.page_no, pages=page.page_count
            )
        self.query_one("#search-status", Static).update(status)

    # --- keys -----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_page":
            return self.page is not None and self.page.has_next
        if action == "prev_page":
            return self.page is not None and self.page.has_prev
        if action == "focus_input":
            return not isinstance(self.focused, Input)
        if action == "focus_list":
            return isinstance(self.focused, Input) and self.query_one(CaseTable).row_count > 0
        return super().check_action(action, parameters)

    def action_focus_input(self) -> None:
        self.query_one(Input).focus()

    def action_focus_list(self) -> None:
        table = self.query_one(CaseTable)
        if table.row_count:
            table.focus()

    def action_next_page(self) -> None:
        if self.page is not None and self.page.has_next:
            self.run_search(self.query_text, self.page.offset + self.page.limit)

    def action_prev_page(self) -> None:
        if self.page is not None and self.page.has_prev:
            self.run_search(self.query_text, max(0, self.page.offset - self.page.limit))

    @on(DataTable.RowSelected, "#search-results")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.zapp.open_case(int(event.row_key.value))
