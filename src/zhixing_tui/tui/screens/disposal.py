"""财产处置 of one case (opened from 案件详情 with p): each controlled asset in disposal with where it
stands and the steps recorded; s puts a sealed/frozen item into disposal, n records the highlighted
asset's next step, v writes its 评估工作交接表."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from ...domain.money import format_money
from ...i18n import disposal as disposal_text
from ...services.disposal import DisposalItem, DisposalView, disposal_candidates, list_disposals
from ..modals.disposal_step import DisposalStepModal, StartDisposalModal, StartInput, StepInput
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import KeyTable
from .base import DeskScreen

COLUMNS = (
    Column("item", disposal_text.COL_ITEM, 4),
    Column("label", disposal_text.COL_LABEL, 12, weight=2, max_width=30),
    Column("status", disposal_text.COL_STATUS, 10, weight=1, max_width=20),
    Column("price", disposal_text.COL_PRICE, 12, hide_below=90),
    Column("deal", disposal_text.COL_DEAL, 12, hide_below=100),
    Column("next", disposal_text.COL_NEXT, 10, weight=2),
)


def disposal_cells(v: DisposalView) -> list[str]:
    money = [format_money(f) if f is not None else "" for f in (v.reference_price_fen, v.deal_price_fen)]
    return [str(v.item_id), v.label, v.status, *money, disposal_text.next_text(v.next_steps)]


@dataclass
class DisposalsLoaded(Message):
    disposals: list[DisposalView]
    candidates: list[DisposalItem]


class DisposalScreen(DeskScreen):
    SCREEN_ID = "disposal"
    TITLE = disposal_text.SCREEN
    BINDINGS = [
        Binding("s", "start", disposal_text.KEY_START, id="disposal.start"),
        Binding("n", "next_step", disposal_text.KEY_NEXT, id="disposal.next"),
        Binding("v", "print_form", disposal_text.KEY_PRINT, id="disposal.print"),
        Binding("r", "refresh", disposal_text.KEY_REFRESH, id="disposal.refresh"),
    ]

    def __init__(self, case_id: int, case_no: str) -> None:
        super().__init__()
        self.case_id, self.case_no = case_id, case_no
        self.disposals: list[DisposalView] = []
        self.candidates: list[DisposalItem] = []

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        with Vertical(id="disposal-box") as box:
            box.border_title = disposal_text.TITLE.format(case_no=self.case_no)
            box.border_subtitle = disposal_text.LOADING
            yield KeyTable(id="disposal-table")
        yield Static("", id="disposal-detail")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#disposal-table", KeyTable).focus()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="disposal", exit_on_error=False)
    def load(self) -> None:
        desk = self.zapp.desk
        self.post_result(
            DisposalsLoaded(list_disposals(desk, self.case_id), disposal_candidates(desk, self.case_id))
        )

    @on(DisposalsLoaded)
    def show(self, message: DisposalsLoaded) -> None:
        self.disposals, self.candidates = message.disposals, message.candidates
        box = self.query_one("#disposal-box")
        box.border_subtitle = (
            disposal_text.COUNT.format(total=len(self.disposals)) if self.disposals else disposal_text.EMPTY
        )
        rows = [(str(v.id), disposal_cells(v)) for v in self.disposals]
        self.query_one("#disposal-table", KeyTable).show(COLUMNS, rows)
        self._show_detail()
        self.refresh_bindings()

    def current(self) -> DisposalView | None:
        key = self.query_one("#disposal-table", KeyTable).cursor_key
        return next((v for v in self.disposals if str(v.id) == key), None)

    def _show_detail(self) -> None:
        v = self.current()
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        if v is not None:
            for label, value in disposal_text.detail_pairs(v, format_money):
                grid.add_row(label, value)
        self.query_one("#disposal-detail", Static).update(grid)

    @on(KeyTable.RowHighlighted)
    def _moved(self, _event: KeyTable.RowHighlighted) -> None:
        self._show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        v = self.current() if self.is_mounted else None
        if action == "start":
            return bool(self.candidates)
        if action == "next_step":
            return v is not None and bool(v.next_steps)
        if action == "print_form":  # 浉河 三(六)2: only where the court prints the form
            return (
                v is not None
                and v.valuation_started_on is not None
                and self.zapp.desk.profile.prints("valuation_handover")
            )
        return super().check_action(action, parameters)

    def _saved(self, text: str | None) -> None:
        """A dialog closed after its write went through: say what was done, reload the list."""
        if text is not None:
            self.notify(text)
            self.load()

    # --- 进入处置 -----------------------------------------------------------------------------
    def action_start(self) -> None:
        if not self.candidates:
            self.notify(disposal_text.NO_CANDIDATE, severity="warning")
            return
        items = [(c.item_id, c.label) for c in self.candidates]
        self.app.push_screen(StartDisposalModal(items, self.zapp.desk.today(), save=self.start), self._saved)

    def start(self, chosen: StartInput) -> str:
        """Put the item into disposal (in the dialog's worker thread; a refusal stays in the dialog)."""
        from ...services.disposal import start_disposal

        started = start_disposal(self.zapp.desk, self.case_id, item_id=chosen.item_id, on=chosen.on)
        return disposal_text.DONE_START.format(case_no=self.case_no, label=started.label, on=chosen.on)

    # --- the next step --------------------------------------------------------------------------
    def action_next_step(self) -> None:
        v = self.current()
        if v is None or not v.next_steps:
            self.notify(disposal_text.NO_NEXT, severity="warning")
            return
        steps = [s for s in v.next_steps if s != "start"]  # s puts an item into disposal
        if not steps:
            self.notify(disposal_text.NO_NEXT, severity="warning")
            return
        self.app.push_screen(
            DisposalStepModal(v.label, steps, self.zapp.desk.today(), save=lambda step: self.record(v, step)),
            self._saved,
        )

    def record(self, v: DisposalView, step: StepInput) -> str:
        """Record the step (in the dialog's worker thread; a refusal stays in the dialog)."""
        from ...services.disposal import record_step

        done = record_step(
            self.zapp.desk,
            self.case_id,
            step.step,
            item_id=v.item_id,
            on=step.on,
            note=step.note,
            method=step.method,
            amount_fen=step.amount_fen,
            until=step.until,
            end=step.end,
        )
        text = disposal_text.DONE.format(case_no=self.case_no, summary=done.summary)
        if done.move:
            text += "\n" + disposal_text.DONE_MOVE.format(label=done.move)
        return text

    # --- 评估工作交接表 -----------------------------------------------------------------------------
    def action_print_form(self) -> None:
        v = self.current()
        if v is not None:
            self.print_form(v.item_id)

    @work(thread=True, group="disposal-print", exit_on_error=False)
    def print_form(self, item_id: int) -> None:
        from ...services.printing.valuation_form import write_valuation_form

        path = write_valuation_form(self.zapp.desk, self.case_no, item_id=item_id)
        self.app.call_from_thread(self.notify, disposal_text.PRINTED.format(path=path))
