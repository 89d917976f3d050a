"""卷宗管理 (the 卷宗管理中心 clerk's screen): the borrowing list — who holds which file, since when,
whether the reason ended and the return is late — and, by t, the whole 案卷统一流转登记簿 newest first.

On the borrowing list e records that the reason ended today (the file is due back the next working
day), h that the file came back today; Enter opens the case; paged in SQL (] and [). The queries are
``services.files.query`` — ``zhixing file borrowed`` / ``file list``'s too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message

from ...i18n import files as files_text
from ...services.files.query import BorrowedRow, MovementRow, borrowed_page, register_page
from ...storage.queries import Page
from ..widgets.cells import Column
from .paged import PAGE, PagedCaseList, page_fields, paging_bindings

BORROWED_COLUMNS = (
    Column("state", files_text.COL_STATE, 6, fit=True),
    Column("case_no", files_text.COL_CASE_NO, 4, fit=True),
    Column("borrower", files_text.COL_BORROWER, 6, fit=True),
    Column("what", files_text.COL_FILE, 6, weight=2),
    Column("borrowed", files_text.COL_BORROWED_ON, 10),
    Column("days", files_text.COL_DAYS, 4, fit=True, align="right"),
    Column("reason", files_text.COL_REASON, 6, weight=2, drop=2),
    Column("ended", files_text.COL_ENDED, 10, drop=1),
    Column("due", files_text.COL_DUE, 10),
)
REGISTER_COLUMNS = (
    Column("on", files_text.COL_ON, 10),
    Column("case_no", files_text.COL_CASE_NO, 4, fit=True),
    Column("kind", files_text.COL_KIND, 4, fit=True),
    Column("from", files_text.COL_FROM, 6, weight=1),
    Column("to", files_text.COL_TO, 6, weight=1),
    Column("what", files_text.COL_WHAT, 6, weight=2),
    Column("reason", files_text.COL_REASON, 6, weight=1, drop=2),
    Column("by", files_text.COL_BY, 4, fit=True, drop=1),
)


@dataclass
class FilesLoaded(Message):
    page: Page
    as_of: date
    register: bool


@dataclass
class FileChanged(Message):
    text: str


def state_text(r: BorrowedRow) -> Text:
    if r.overdue:
        return Text(files_text.STATE_LATE.format(days=r.overdue_days), style="bold red")
    if r.return_due is not None:
        return Text(files_text.STATE_DUE, style="yellow")
    return Text(files_text.STATE_OUT)


def borrowed_cells(r: BorrowedRow) -> list[str | Text]:
    return [
        state_text(r),
        r.case_no,
        r.borrower,
        r.what,
        r.borrowed_on.isoformat(),
        str(r.days_out),
        r.reason,
        r.reason_ended_on.isoformat() if r.reason_ended_on else files_text.NONE,
        r.return_due.isoformat() if r.return_due else files_text.NONE,
    ]


def register_cells(r: MovementRow) -> list[str | Text]:
    return [
        r.moved_on.isoformat(),
        r.case_no,
        r.kind_name,
        r.from_party,
        r.to_party,
        r.what,
        r.reason,
        r.by,
    ]


class FilesScreen(PagedCaseList[BorrowedRow | MovementRow]):
    SCREEN_ID = "files"
    LIST = "files"
    TITLE = files_text.SCREEN_TITLE
    BINDINGS = [
        Binding("t", "toggle_view", files_text.KEY_TOGGLE, id="files.toggle"),
        Binding("e", "ended", files_text.KEY_ENDED, id="files.ended"),
        Binding("h", "returned", files_text.KEY_RETURN, id="files.return"),
        *paging_bindings("files", files_text.KEY_REFRESH, files_text.KEY_NEXT, files_text.KEY_PREV),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.register = False

    def fetch(self, offset: int) -> FilesLoaded:
        desk = self.zapp.desk
        today = desk.today()
        register = self.register
        page = (
            register_page(desk, limit=PAGE, offset=offset)
            if register
            else borrowed_page(desk, today, limit=PAGE, offset=offset)
        )
        return FilesLoaded(page, today, register)

    def row_key(self, row: BorrowedRow | MovementRow) -> str:
        return f"b{row.borrow_id}" if isinstance(row, BorrowedRow) else f"m{row.id}"

    @on(FilesLoaded)
    def show_files(self, message: FilesLoaded) -> None:
        if message.register != self.register:
            return
        page = message.page
        if message.register:
            text = files_text.STATUS_REGISTER.format(**page_fields(page))
            self.show_page(page, text, REGISTER_COLUMNS, register_cells, empty=files_text.EMPTY_REGISTER)
        else:
            text = files_text.STATUS.format(**page_fields(page), as_of=message.as_of)
            self.show_page(page, text, BORROWED_COLUMNS, borrowed_cells, empty=files_text.EMPTY)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("ended", "returned"):
            row = self.row
            if not isinstance(row, BorrowedRow):
                return False
            return row.reason_ended_on is None if action == "ended" else True
        return super().check_action(action, parameters)

    def action_toggle_view(self) -> None:
        self.register = not self.register
        self.restart()

    def action_ended(self) -> None:
        row = self.row
        if isinstance(row, BorrowedRow) and row.reason_ended_on is None:
            self.record_ended(row)

    def action_returned(self) -> None:
        row = self.row
        if isinstance(row, BorrowedRow):
            self.record_return(row)

    @work(thread=True, group="files-change", exit_on_error=False)
    def record_ended(self, row: BorrowedRow) -> None:
        from ...services.files import end_borrow_reason

        due = end_borrow_reason(self.zapp.desk, row.case_id)
        self.post_message(
            FileChanged(files_text.DONE_ENDED_TUI.format(case_no=row.case_no, due=due.isoformat()))
        )

    @work(thread=True, group="files-change", exit_on_error=False)
    def record_return(self, row: BorrowedRow) -> None:
        from ...services.files import return_file

        return_file(self.zapp.desk, row.case_id)
        self.post_message(FileChanged(files_text.DONE_RETURN_TUI.format(case_no=row.case_no)))

    @on(FileChanged)
    def _changed(self, message: FileChanged) -> None:
        self.notify(message.text)
        self.action_refresh()
