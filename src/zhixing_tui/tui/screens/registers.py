"""查封冻结与委托 (the 终本管理组's and the 委托专员's registers): every seal or freeze whose term ends
within 30 days — lapsed ones never renewed or released first — and, by t, every 委托 not yet
finished with its age and the due day of its step.

Enter opens the case; paged in SQL (] and [). The queries are ``services.seals.expiring`` and
``services.delegation.open_delegations`` — ``zhixing seals expiring`` / ``delegation list``'s too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from ...i18n import delegation as delegation_text
from ...i18n import seals as seals_text
from ...services.delegation import DelegationRow, open_delegations
from ...services.seals import SealRow, expiring
from ...storage.queries import Page
from ..widgets.cells import Column
from ..widgets.header import DeskHeader
from ..widgets.lists import CaseTable
from .base import DeskScreen

PAGE = 100
DAYS = 30
SEAL_COLUMNS: tuple[Column, ...] = (
    Column("end", seals_text.COL_END, 10),
    Column("left", seals_text.COL_LEFT, 6, fit=True),
    Column("case_no", seals_text.COL_CASE, 4, fit=True),
    Column("kind", seals_text.COL_KIND, 6, fit=True),
    Column("object", seals_text.COL_OBJECT, 8, weight=2),
    Column("remind", seals_text.COL_REMIND, 10, drop=2),
    Column("handler", seals_text.COL_HANDLER, 6, fit=True, drop=1),
)
DELEGATION_COLUMNS: tuple[Column, ...] = (
    Column("id", seals_text.COL_ID, 4, fit=True),
    Column("direction", seals_text.COL_DIRECTION, 4, fit=True),
    Column("state", seals_text.COL_STATE, 6, fit=True),
    Column("case_no", seals_text.COL_CASE, 4, fit=True),
    Column("court", seals_text.COL_COURT, 8, weight=2),
    Column("matter", seals_text.COL_MATTER, 6, weight=1, drop=2),
    Column("age", seals_text.COL_AGE, 4, fit=True, align="right"),
    Column("due", seals_text.COL_DUE, 10),
)


@dataclass
class RegisterLoaded(Message):
    page: Page
    as_of: date
    delegations: bool


def seal_cells(r: SealRow, today: date) -> list[str | Text]:
    left = r.days_left(today)
    if left < 0:
        shown = Text(seals_text.DAYS_LAPSED.format(n=-left), style="bold red")
    else:
        shown = Text(
            seals_text.DAYS_LEFT.format(n=left),
            style="yellow" if r.remind_on and today >= r.remind_on else "",
        )
    return [
        r.expires_on.isoformat(),
        shown,
        r.case_no,
        f"{r.kind_name}{r.action}",
        r.object or seals_text.EMPTY,
        r.remind_on.isoformat() if r.remind_on else seals_text.EMPTY,
        r.handler or seals_text.EMPTY,
    ]


def delegation_cells(r: DelegationRow, today: date) -> list[str | Text]:
    late = r.due_on is not None and r.due_on < today
    return [
        str(r.id),
        delegation_text.DIRECTIONS[r.direction],
        r.state_name,
        r.case_no or delegation_text.NO_CASE,
        r.court or delegation_text.NO_DUE,
        r.matter or delegation_text.NO_DUE,
        str(r.age_days),
        Text(r.due_on.isoformat(), style="bold red" if late else "") if r.due_on else delegation_text.NO_DUE,
    ]


class RegistersScreen(DeskScreen):
    SCREEN_ID = "registers"
    TITLE = seals_text.REGISTERS_TITLE
    DEFAULT_CSS = """
    RegistersScreen #registers-status { height: 1; padding: 0 1; color: $text-muted; }
    RegistersScreen #registers-list { height: 1fr; margin: 0 1; }
    """
    BINDINGS = [
        Binding("t", "toggle_view", seals_text.KEY_TOGGLE, id="registers.toggle"),
        Binding("r", "refresh", seals_text.KEY_REFRESH, id="registers.refresh", show=False),
        Binding(
            "right_square_bracket", "page(1)", seals_text.KEY_NEXT, id="registers.next_page", key_display="]"
        ),
        Binding(
            "left_square_bracket", "page(-1)", seals_text.KEY_PREV, id="registers.prev_page", key_display="["
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page: Page | None = None
        self.delegations = False

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static("", id="registers-status")
        yield CaseTable(id="registers-list")
        yield Footer()

    def on_mount(self) -> None:
        self.load(0)
        self.query_one(CaseTable).focus()

    @work(thread=True, exclusive=True, group="registers", exit_on_error=False)
    def load(self, offset: int) -> None:
        desk = self.zapp.desk
        today = desk.today()
        wanted = self.delegations
        page: Page = (
            open_delegations(desk, limit=PAGE, offset=offset)
            if wanted
            else expiring(desk, days=DAYS, as_of=today, limit=PAGE, offset=offset)
        )
        self.post_result(RegisterLoaded(page, today, wanted))

    @on(RegisterLoaded)
    def show_page(self, message: RegisterLoaded) -> None:
        if message.delegations != self.delegations:
            return  # a page of the other list, loaded before the switch
        page = self.page = message.page
        today = message.as_of
        if self.delegations:
            text = seals_text.STATUS_DELEGATIONS.format(
                total=page.total, page=page.page_no, pages=page.page_count
            )
            columns, rows = DELEGATION_COLUMNS, [(str(r.id), delegation_cells(r, today)) for r in page.items]
        else:
            text = seals_text.STATUS_SEALS.format(
                as_of=today, days=DAYS, total=page.total, page=page.page_no, pages=page.page_count
            )
            columns, rows = SEAL_COLUMNS, [(str(r.id), seal_cells(r, today)) for r in page.items]
        self.query_one("#registers-status", Static).update(text)
        self.query_one(CaseTable).show(columns, rows)
        self.refresh_bindings()

    @property
    def case_id(self) -> int | None:
        if self.page is None or not self.page.items:
            return None
        key = self.query_one(CaseTable).cursor_key
        row = next((r for r in self.page.items if str(r.id) == key), None)
        return row.case_id if row is not None else None

    @on(DataTable.RowSelected, "#registers-list")
    def _open(self, _event: DataTable.RowSelected) -> None:
        case_id = self.case_id
        if case_id is not None:
            self.zapp.open_case(case_id)

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

    def action_toggle_view(self) -> None:
        self.delegations = not self.delegations
        self.page = None
        self.load(0)
