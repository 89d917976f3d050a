"""终本案件库: every case closed by 终本, newest closing first, with its next 6-monthly re-query
(法〔2016〕373号 第九条第二款) and its status, the last re-query, new property found and 恢复执行.

a shows only the cases to act on (超期/临期 re-query, new property not yet resumed), Enter opens the
case, h records a 恢复执行 application; paged in SQL (] and [). The query is
``services.zhongben.library.zhongben_library`` — ``zhixing report zhongben``'s too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message

from ...domain.nodes import APPROACHING, DUE_TODAY, OVERDUE
from ...i18n import zhongben_library as zhongben_library_text
from ...services.zhongben.library import LibraryRow, zhongben_library
from ...services.zhongben.report import status_text
from ...storage.queries import Page
from ..modals.resumption_request import ResumptionRequestModal
from ..widgets.cells import Column
from .paged import PAGE, PagedCaseList, page_fields, paging_bindings

COLUMNS = (
    Column("status", zhongben_library_text.COL_STATUS, 6, fit=True),
    Column("case_no", zhongben_library_text.COL_CASE_NO, 4, fit=True),
    Column("respondents", zhongben_library_text.COL_RESPONDENTS, 8, weight=3),
    Column("closed", zhongben_library_text.COL_CLOSED, 10),
    Column("due", zhongben_library_text.COL_DUE, 10),
    Column("last", zhongben_library_text.COL_LAST, 10, drop=3),
    Column("found", zhongben_library_text.COL_FOUND, 5, fit=True),
    Column("resume", zhongben_library_text.COL_RESUME, 6, fit=True, drop=2),
    Column("handler", zhongben_library_text.COL_HANDLER, 6, fit=True, drop=4),
)
_STYLE = {OVERDUE: "bold red", DUE_TODAY: "bold yellow", APPROACHING: "yellow"}


@dataclass
class LibraryLoaded(Message):
    page: Page[LibraryRow]
    as_of: date


def row_cells(r: LibraryRow) -> list[str | Text]:
    status = (
        status_text(r)
        if r.status
        else zhongben_library_text.SERIES_OVER
        if not r.resumed_by
        else zhongben_library_text.NONE
    )
    resume = r.resumed_by or (zhongben_library_text.RESUME_PENDING if r.resumption_pending else "")
    return [
        Text(status, style=_STYLE.get(r.status or "", "")),
        r.case_no,
        r.respondents,
        r.closed_on.isoformat(),
        r.next_due.isoformat() if r.next_due else zhongben_library_text.NONE,
        r.last_requery_on.isoformat() if r.last_requery_on else zhongben_library_text.NONE,
        Text(zhongben_library_text.FOUND_YES, style="bold green") if r.new_property else "",
        resume,
        r.handler or zhongben_library_text.NONE,
    ]


class ZhongbenLibraryScreen(PagedCaseList[LibraryRow]):
    SCREEN_ID = "zhongben"
    LIST = "zhongben"
    TITLE = zhongben_library_text.SCREEN_TITLE
    BINDINGS = [
        Binding("a", "toggle_action", zhongben_library_text.KEY_ACTION, id="zhongben.action"),
        Binding("h", "request", zhongben_library_text.KEY_REQUEST, id="zhongben.request"),
        *paging_bindings(
            "zhongben",
            zhongben_library_text.KEY_REFRESH,
            zhongben_library_text.KEY_NEXT,
            zhongben_library_text.KEY_PREV,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.needs_action = False

    def fetch(self, offset: int) -> LibraryLoaded:
        desk = self.zapp.desk
        today = desk.today()
        page = zhongben_library(desk, today, limit=PAGE, offset=offset, needs_action=self.needs_action)
        return LibraryLoaded(page, today)

    def row_key(self, row: LibraryRow) -> str:
        return str(row.case_id)

    @on(LibraryLoaded)
    def show_library(self, message: LibraryLoaded) -> None:
        page = message.page
        fmt = zhongben_library_text.STATUS_ACTION if self.needs_action else zhongben_library_text.STATUS
        text = fmt.format(**page_fields(page), as_of=message.as_of)
        self.show_page(page, text, COLUMNS, row_cells, empty=zhongben_library_text.EMPTY)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request":
            row = self.row
            return row is not None and not row.resumed_by and not row.resumption_pending
        return super().check_action(action, parameters)

    def action_toggle_action(self) -> None:
        self.needs_action = not self.needs_action
        self.load(0)

    def action_request(self) -> None:
        row = self.row
        if row is None:
            return

        modal = ResumptionRequestModal(row.case_no, self.zapp.desk.today(), partial(self.record_request, row))
        self.app.push_screen(modal, callback=self._requested)

    def record_request(self, row: LibraryRow, received_on: date, reason: str) -> str:
        """Record the application (in the dialog's worker thread; a refusal stays in the dialog)."""
        from ...services.zhongben.resumption import request_resumption

        request_resumption(self.zapp.desk, row.case_id, received_on=received_on, reason=reason)
        return zhongben_library_text.REQUEST_DONE.format(case_no=row.case_no)

    def _requested(self, text: str | None) -> None:
        if text is not None:
            self.notify(text)
            self.action_refresh()
