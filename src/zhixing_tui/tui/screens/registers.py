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
from textual import on
from textual.binding import Binding
from textual.message import Message

from ...i18n import delegation as delegation_text
from ...i18n import seals as seals_text
from ...services.delegation import DelegationRow, open_delegations
from ...services.seals import SealRow, expiring
from ...storage.queries import Page
from ..widgets.cells import Column
from .paged import PAGE, PagedCaseList, page_fields, paging_bindings

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


class RegistersScreen(PagedCaseList[SealRow | DelegationRow]):
    SCREEN_ID = "registers"
    LIST = "registers"
    TITLE = seals_text.REGISTERS_TITLE
    BINDINGS = [
        Binding("t", "toggle_view", seals_text.KEY_TOGGLE, id="registers.toggle"),
        *paging_bindings("registers", seals_text.KEY_REFRESH, seals_text.KEY_NEXT, seals_text.KEY_PREV),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.delegations = False

    def fetch(self, offset: int) -> RegisterLoaded:
        desk = self.zapp.desk
        today = desk.today()
        wanted = self.delegations
        page: Page = (
            open_delegations(desk, limit=PAGE, offset=offset)
            if wanted
            else expiring(desk, days=DAYS, as_of=today, limit=PAGE, offset=offset)
        )
        return RegisterLoaded(page, today, wanted)

    def row_key(self, row: SealRow | DelegationRow) -> str:
        return str(row.id)

    @on(RegisterLoaded)
    def show_register(self, message: RegisterLoaded) -> None:
        if message.delegations != self.delegations:
            return  # a page of the other list, loaded before the switch
        page = message.page
        today = message.as_of
        if self.delegations:
            text = seals_text.STATUS_DELEGATIONS.format(**page_fields(page))
            columns, cells = DELEGATION_COLUMNS, delegation_cells
        else:
            text = seals_text.STATUS_SEALS.format(as_of=today, days=DAYS, **page_fields(page))
            columns, cells = SEAL_COLUMNS, seal_cells
        # seals and delegations share ids: the cursor starts at the top of every page
        self.show_page(page, text, columns, lambda r: cells(r, today), keep_cursor=False)

    def action_toggle_view(self) -> None:
        self.delegations = not self.delegations
        self.restart()
