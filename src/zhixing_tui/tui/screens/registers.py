"""查封冻结与委托 (the 终本管理组's and the 委托专员's registers): every seal or freeze whose term ends
within 30 days — lapsed ones never renewed or released first — and, by t, every 委托 not yet
finished with its age and the due day of its step.

On a seal, x renews it (续封续冻: a new term from the day given) and l releases it (解封解冻, with
the reason) — for the roles that record seals (``services.seals.SEAL_ROLES``); each completes the
seal's renewal node. On a 委托, x takes its next step (``services.delegation.steps``: 发出 to the
受托法院 the dialog asks, 反馈, 办结; 接收 and 办结回复 of an incoming one). Enter opens the case;
paged in SQL (] and [). The queries are ``services.seals.expiring`` and
``services.delegation.open_delegations`` — ``zhixing seals expiring`` / ``delegation list``'s too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message

from ...i18n import delegation as delegation_text
from ...i18n import seals as seals_text
from ...services.delegation import DelegationRow, open_delegations
from ...services.delegation.steps import delegation_rights, next_step, take_step
from ...services.seals import SealRow, expiring, release_seal, renew_seal, seal_rights
from ...storage.queries import Page
from ..modals.register_action import RegisterAction, RegisterActionModal
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
    may_seal: bool = False  # the operator may renew or release a seal (services.seals.seal_rights)
    may_delegate: bool = False  # … take a 委托's steps (services.delegation.steps.delegation_rights)


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
        Binding("x", "renew", seals_text.KEY_RENEW, id="registers.renew"),
        Binding("x", "step", delegation_text.KEY_STEP, id="registers.step"),
        Binding("l", "release", seals_text.KEY_RELEASE, id="registers.release"),
        *paging_bindings("registers", seals_text.KEY_REFRESH, seals_text.KEY_NEXT, seals_text.KEY_PREV),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.delegations = False
        self.may_seal = self.may_delegate = False

    def fetch(self, offset: int) -> RegisterLoaded:
        desk = self.zapp.desk
        today = desk.today()
        wanted = self.delegations
        page: Page = (
            open_delegations(desk, limit=PAGE, offset=offset)
            if wanted
            else expiring(desk, days=DAYS, as_of=today, limit=PAGE, offset=offset)
        )
        return RegisterLoaded(page, today, wanted, seal_rights(desk), delegation_rights(desk))

    def row_key(self, row: SealRow | DelegationRow) -> str:
        return str(row.id)

    @on(RegisterLoaded)
    def show_register(self, message: RegisterLoaded) -> None:
        if message.delegations != self.delegations:
            return  # a page of the other list, loaded before the switch
        page = message.page
        today = message.as_of
        self.may_seal, self.may_delegate = message.may_seal, message.may_delegate
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

    # --- 续封续冻 and 解封解冻 ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("renew", "release"):
            return self.may_seal and not self.delegations and bool(self.page and self.page.items)
        if action == "step":
            return self.may_delegate and self.delegations and bool(self.page and self.page.items)
        return super().check_action(action, parameters)

    # --- a 委托's next step ------------------------------------------------------------------------
    def action_step(self) -> None:
        row = self.row
        if not isinstance(row, DelegationRow):
            return
        step = next_step(row)
        if step is None:
            self.notify(delegation_text.NO_STEP.format(id=row.id, state=row.state_name), severity="warning")
            return
        about = delegation_text.STEP_ABOUT.format(
            direction=delegation_text.DIRECTIONS[row.direction],
            state=row.state_name,
            case_no=row.case_no or delegation_text.NO_CASE,
            court=row.court or delegation_text.NO_DUE,
            matter=row.matter or delegation_text.NO_DUE,
        )
        modal = RegisterActionModal(
            delegation_text.STEP_TITLE.format(step=step.title, id=row.id),
            self.zapp.desk.today(),
            partial(self._take, row),
            note=about,
            text_label=step.text,
        )
        self.app.push_screen(modal, self._saved)

    def _take(self, row: DelegationRow, action: RegisterAction) -> str:
        """Take ``row``'s next step (in the dialog's worker thread; a refusal stays in the dialog)."""
        step = take_step(self.zapp.desk, row, on=action.on, text=action.text)
        return delegation_text.STEP_DONE.format(step=step.title, id=row.id)

    def _seal(self) -> SealRow | None:
        row = self.row
        if not isinstance(row, SealRow):
            self.notify(seals_text.NOT_A_SEAL, severity="warning")
            return None
        return row

    def action_renew(self) -> None:
        row = self._seal()
        if row is not None:
            self._ask(row, release=False)

    def action_release(self) -> None:
        row = self._seal()
        if row is not None:
            self._ask(row, release=True)

    def _ask(self, row: SealRow, *, release: bool) -> None:
        lines = [
            seals_text.ACTION_OBJECT.format(
                what=f"{row.kind_name}{row.action}", object=row.object or seals_text.EMPTY
            ),
            seals_text.ACTION_TERM.format(
                start=row.controlled_on.isoformat(), term=row.term, end=row.expires_on
            ),
        ]
        if not release:
            lines.append(seals_text.RENEW_NOTE.format(term=row.term))
        title = (seals_text.RELEASE_TITLE if release else seals_text.RENEW_TITLE).format(case_no=row.case_no)
        modal = RegisterActionModal(
            title,
            self.zapp.desk.today(),
            partial(self._save, row, release),
            note="\n".join(lines),
            text_label=seals_text.F_REASON if release else None,
            doc=True,
        )
        self.app.push_screen(modal, self._saved)

    def _save(self, row: SealRow, release: bool, action: RegisterAction) -> str:
        """Renew or release ``row`` (in the dialog's worker thread; a refusal stays in the dialog)."""
        desk = self.zapp.desk
        if release:
            done = release_seal(
                desk, row.case_id, row.id, on=action.on, reason=action.text, doc_no=action.doc_no
            )
            return seals_text.DONE_RELEASE.format(case_no=done.case_no, id=done.id, on=action.on.isoformat())
        new = renew_seal(desk, row.case_id, row.id, on=action.on, doc_no=action.doc_no)
        return seals_text.DONE_RENEW.format(
            case_no=new.case_no,
            id=new.id,
            start=new.controlled_on.isoformat(),
            term=new.term,
            end=new.expires_on.isoformat(),
            remind=new.remind_on.isoformat() if new.remind_on else seals_text.EMPTY,
        )

    def _saved(self, text: str | None) -> None:
        if text:
            self.notify(text)
            self.action_refresh()
