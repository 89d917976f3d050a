"""What the paged case lists share (卷宗管理, 查封冻结与委托, 案款, 终本案件库, 超期预警): a status line
over a :class:`CaseTable`, loaded a page at a time in SQL through an exclusive thread worker;
] and [ page, r reloads the page shown, Enter opens the case of the highlighted row.

A screen sets ``LIST`` (its ids ``#<LIST>-status`` / ``#<LIST>-list`` and its worker group), puts
:func:`paging_bindings` last in its ``BINDINGS`` (its own ids and texts), and implements
:meth:`~PagedCaseList.fetch` (in the worker thread: the message carrying the page) and
:meth:`~PagedCaseList.row_key`; its handler of that message calls :meth:`~PagedCaseList.show_page`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from ...i18n import common as common_text
from ...storage.queries import Page
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import CaseTable, Cell
from .base import DeskScreen

PAGE = 100

R = TypeVar("R")


def paging_bindings(prefix: str, refresh: str, next_page: str, prev_page: str) -> list[Binding]:
    """r (hidden), ] and [ with the ids ``<prefix>.refresh``, ``<prefix>.next_page``, ``<prefix>.prev_page``."""
    return [
        Binding("r", "refresh", refresh, id=f"{prefix}.refresh", show=False),
        Binding("right_square_bracket", "page(1)", next_page, id=f"{prefix}.next_page", key_display="]"),
        Binding("left_square_bracket", "page(-1)", prev_page, id=f"{prefix}.prev_page", key_display="["),
    ]


def page_fields(page: Page[Any]) -> dict[str, int]:
    """The fields of a status line's page part: ``{total}``, ``{page}`` and ``{pages}``."""
    return {"total": page.total, "page": page.page_no, "pages": page.page_count}


class PagedCaseList(DeskScreen, Generic[R]):
    """Base of a case list paged in SQL (see the module's docstring)."""

    DEFAULT_CSS = """
    PagedCaseList .paged-status { height: 1; padding: 0 1; color: $text-muted; }
    PagedCaseList .paged-list { height: 1fr; margin: 0 1; }
    """
    LIST: ClassVar[str] = ""
    #: the status line until the first page is shown
    LOADING: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self.page: Page[R] | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(self.LOADING, id=f"{self.LIST}-status", classes="paged-status")
        yield CaseTable(id=f"{self.LIST}-list", classes="paged-list")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load(0)
        self.query_one(CaseTable).focus()

    # --- loading --------------------------------------------------------------------------------
    def fetch(self, offset: int) -> Message:
        """Runs in the worker thread: the message that carries the page at ``offset``."""
        raise NotImplementedError

    def row_key(self, row: R) -> str:
        """The table's key of a row of the page."""
        raise NotImplementedError

    def load(self, offset: int) -> None:
        """Load the page at ``offset``; a newer load cancels the one before it."""
        self.run_worker(
            partial(self._load, offset), thread=True, exclusive=True, group=self.LIST, exit_on_error=False
        )

    def _load(self, offset: int) -> None:
        self.post_result(self.fetch(offset))

    def restart(self) -> None:
        """Forget the page shown and load the first one (the list shown has changed)."""
        self.page = None
        self.load(0)

    def show_page(
        self,
        page: Page[R],
        status: str,
        columns: Sequence[Column],
        cells: Callable[[R], Sequence[Cell]],
        *,
        empty: str = "",
        keep_cursor: bool = True,
    ) -> None:
        """Show a loaded page under the status line (``empty`` appended when nothing matched); the
        cursor stays on its row when that row is on the page again (unless not ``keep_cursor``)."""
        self.page = page
        if empty and not page.total:
            status += "　" + empty
        self.query_one(f"#{self.LIST}-status", Static).update(status)
        rows = [(self.row_key(r), cells(r)) for r in page.items]
        table = self.query_one(CaseTable)
        keep = table.cursor_key
        table.show(columns, rows)
        keys = [k for k, _ in rows]
        if keep_cursor and keep in keys:
            table.move_cursor(row=keys.index(keep))
        self.refresh_bindings()

    # --- the highlighted row --------------------------------------------------------------------
    @property
    def row(self) -> R | None:
        if self.page is None or not self.page.items:
            return None
        key = self.query_one(CaseTable).cursor_key
        return next((r for r in self.page.items if self.row_key(r) == key), None)

    @on(DataTable.RowSelected)
    def _open(self, _event: DataTable.RowSelected) -> None:
        row = self.row
        if row is not None:
            self.open_row(row)

    def open_row(self, row: R) -> None:
        """Enter on a row: open its case (a row that belongs to no case — an incoming 委托 not
        linked to one — says so instead of opening an empty case screen)."""
        case_id = getattr(row, "case_id", None)
        if case_id is None:
            self.notify(common_text.NO_CASE_ON_ROW, severity="warning")
            return
        self.zapp.open_case(case_id)  # type: ignore[attr-defined]

    # --- keys -----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            if self.page is None:
                return False
            return self.page.has_next if parameters and parameters[0] == 1 else self.page.has_prev
        return super().check_action(action, parameters)

    def action_refresh(self) -> None:
        self.load(self.page.offset if self.page else 0)

    def action_page(self, direction: int) -> None:
        if self.page is not None:
            self.load(max(0, self.page.offset + direction * PAGE))
