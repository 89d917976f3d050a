"""The 财产处置 dialogs: the next step of one asset (which step, when, and the method, amount,
腾房期限 or 终结 it may take), and the controlled item that enters disposal. Each checks what was
typed (dates, money) and hands plain values to the screen's ``save`` (the disposal service call,
run in the dialog's worker): the dialog closes with what ``save`` returns, or shows the service's
refusal (a step out of order, a missing amount) and stays."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from ...domain.dates import parse_date
from ...domain.disposal import VALUATION_METHODS
from ...domain.money import parse_money
from ...errors import ZhixingError
from ...i18n import common as common_text
from ...i18n import disposal as disposal_text
from .base import DeskModal, cancel_key, submit_key


@dataclass(frozen=True)
class StepInput:
    step: str
    on: date
    method: str
    amount_fen: int | None
    until: date | None
    end: bool
    note: str


@dataclass(frozen=True)
class StartInput:
    item_id: int
    on: date


_CSS = """
.disposal-box { width: 80%; max-width: 90; height: auto; max-height: 95%; }
.disposal-box Label { color: $text-muted; }
"""


class DisposalStepModal(DeskModal[str | None]):
    """Saves a :class:`StepInput` through ``save``; dismisses with what it returns (the text to
    show), or None on Escape."""

    SCREEN_ID = "disposal"
    DEFAULT_CSS = _CSS
    BINDINGS = [
        cancel_key("disposal_step.cancel", common_text.KEY_CANCEL),
        submit_key("disposal_step.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    FIELDS = {
        **disposal_text.STEP_FIELDS,
        disposal_text.F_DATE: "disposal-date",
        disposal_text.F_AMOUNT: "disposal-amount",
        disposal_text.F_UNTIL: "disposal-until",
    }

    def __init__(
        self, label: str, steps: Sequence[str], today: date, save: Callable[[StepInput], str]
    ) -> None:
        super().__init__()
        self.label, self.steps, self.today = label, list(steps), today
        self.save_step = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog disposal-box") as box:
            box.border_title = disposal_text.STEP_TITLE.format(label=self.label)
            yield Static("", id="disposal-error", classes="dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield from self._fields()

    def _fields(self) -> ComposeResult:
        yield Label(disposal_text.F_STEP)
        options = [(disposal_text.STEP_NAMES.get(s, s), s) for s in self.steps]
        yield Select(options, value=self.steps[0], allow_blank=False, id="disposal-step")
        yield Label(disposal_text.F_DATE)
        yield Input(self.today.isoformat(), id="disposal-date")
        yield Label(disposal_text.F_METHOD)
        methods = [(name, code) for code, name in VALUATION_METHODS.items()]
        yield Select(methods, value="appraisal", allow_blank=False, id="disposal-method")
        yield Label(disposal_text.F_AMOUNT)
        yield Input(id="disposal-amount")
        yield Label(disposal_text.F_UNTIL)
        yield Input(id="disposal-until")
        yield Checkbox(disposal_text.F_END, id="disposal-end")
        yield Label(disposal_text.F_NOTE)
        yield Input(id="disposal-note")

    def on_mount(self) -> None:
        self.query_one("#disposal-step", Select).focus()

    def submit(self) -> None:
        try:
            amount = self.query_one("#disposal-amount", Input).value.strip()
            until = self.query_one("#disposal-until", Input).value.strip()
            result = StepInput(
                step=str(self.query_one("#disposal-step", Select).value),
                on=parse_date(
                    self.query_one("#disposal-date", Input).value.strip(), field=disposal_text.F_DATE
                ),
                method=str(self.query_one("#disposal-method", Select).value),
                amount_fen=parse_money(amount, field=disposal_text.F_AMOUNT) if amount else None,
                until=parse_date(until, field=disposal_text.F_UNTIL) if until else None,
                end=self.query_one("#disposal-end", Checkbox).value,
                note=self.query_one("#disposal-note", Input).value.strip(),
            )
        except ZhixingError as exc:
            self.show_error(exc)
            return
        self.save(lambda: self.save_step(result))


class StartDisposalModal(DeskModal[str | None]):
    """Which sealed/frozen item enters disposal, and when: saved through ``save``; dismisses with
    what it returns (the text to show), or None on Escape."""

    SCREEN_ID = "disposal"
    DEFAULT_CSS = _CSS
    BINDINGS = [
        cancel_key("disposal_start.cancel", common_text.KEY_CANCEL),
        submit_key("disposal_start.submit", common_text.KEY_SUBMIT, priority=True),
    ]

    FIELDS = {disposal_text.F_DATE: "disposal-start-date"}

    def __init__(
        self, items: Sequence[tuple[int, str]], today: date, save: Callable[[StartInput], str]
    ) -> None:
        super().__init__()
        self.items, self.today = list(items), today
        self.save_start = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog disposal-box") as box:
            box.border_title = disposal_text.START_TITLE
            yield Static("", id="disposal-start-error", classes="dialog-error")
            yield Label(disposal_text.F_ITEM)
            options = [(label, item_id) for item_id, label in self.items]
            yield Select(options, value=self.items[0][0], allow_blank=False, id="disposal-item")
            yield Label(disposal_text.F_DATE)
            yield Input(self.today.isoformat(), id="disposal-start-date")

    def on_mount(self) -> None:
        self.query_one("#disposal-item", Select).focus()

    def submit(self) -> None:
        try:
            on = parse_date(
                self.query_one("#disposal-start-date", Input).value.strip(), field=disposal_text.F_DATE
            )
        except ZhixingError as exc:
            self.show_error(exc)
            return
        chosen = StartInput(int(str(self.query_one("#disposal-item", Select).value)), on)
        self.save(lambda: self.save_start(chosen))
