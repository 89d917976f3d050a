"""The 案款 screen's dialogs: 认领 (pick the case by 案号, party name or pinyin with the shared
case picker) and 发放 / 退回 (amount, payee or reason, voucher number, date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ...errors import ZhixingError
from ...i18n import common as common_text
from ...i18n import money as money_text
from ..widgets.case_picker import CasePicker
from .base import DeskModal, cancel_key, submit_key
from .return_reason import ReturnReasonModal


class ClaimModal(DeskModal[int | None]):
    """Dismisses with the chosen case's id, or None on Escape."""

    SCREEN_ID = "money"
    BINDINGS = [cancel_key("money.claim.cancel", common_text.KEY_CANCEL)]
    DEFAULT_CSS = """
    #claim-box { width: 80%; max-width: 100; height: auto; }
    #claim-box CasePicker { margin: 0; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="claim-box", classes="desk-dialog") as box:
            box.border_title = self.title_text
            yield CasePicker(id="claim-picker")

    def on_mount(self) -> None:
        self.query_one(CasePicker).open()

    @on(CasePicker.Chosen)
    def _chosen(self, message: CasePicker.Chosen) -> None:
        message.stop()
        self.dismiss(message.case_id)


@dataclass(frozen=True)
class OutInput:
    """What the 发放/退回 dialog returns: None amount = the whole balance; ``text`` is the payee
    (发放) or the reason (退回)."""

    amount_fen: int | None
    text: str
    voucher_no: str
    day: date


class PayoutModal(DeskModal[OutInput | None]):
    """发放 (``returning`` False) or 退回 (True) part or all of an arrival's balance."""

    SCREEN_ID = "money"
    BINDINGS = [
        cancel_key("money.out.cancel", common_text.KEY_CANCEL),
        submit_key("money.out.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    DEFAULT_CSS = """
    #out-box { width: 80%; max-width: 90; height: auto; }
    #out-note { color: $error; height: auto; }
    """

    def __init__(self, title: str, today: date, *, returning: bool) -> None:
        super().__init__()
        self.title_text, self.today, self.returning = title, today, returning

    def compose(self) -> ComposeResult:
        with Vertical(id="out-box", classes="desk-dialog") as box:
            box.border_title = self.title_text
            yield Label(money_text.FIELD_AMOUNT)
            yield Input(id="out-amount")
            yield Label(money_text.FIELD_REASON if self.returning else money_text.FIELD_PAYEE)
            yield Input(id="out-text")
            yield Label(money_text.FIELD_VOUCHER)
            yield Input(id="out-voucher")
            yield Label(money_text.FIELD_DATE)
            yield Input(self.today.isoformat(), id="out-date")
            yield Static("", id="out-note")

    def on_mount(self) -> None:
        self.query_one("#out-amount", Input).focus()

    def submit(self) -> None:
        from ...domain.dates import parse_date
        from ...domain.money import parse_money

        note = self.query_one("#out-note", Static)
        try:
            raw = self.query_one("#out-amount", Input).value.strip()
            amount = parse_money(raw, field=money_text.FIELD_AMOUNT) if raw else None
            day_text = self.query_one("#out-date", Input).value.strip()
            day = parse_date(day_text, field=money_text.FIELD_DATE) if day_text else self.today
        except ZhixingError as exc:
            note.update(exc.message)
            return
        text = self.query_one("#out-text", Input).value.strip()
        voucher = self.query_one("#out-voucher", Input).value.strip()
        if self.returning and not text:
            note.update(money_text.FIELD_REASON)
            return
        if not self.returning and not voucher:
            note.update(money_text.FIELD_VOUCHER)
            return
        self.dismiss(OutInput(amount, text, voucher, day))


class LateReasonModal(ReturnReasonModal):
    """The written reason for a late payout (浉河 003 四(二)2(6)); dismisses with it (never empty),
    or None on Escape. Typed into ``#return-reason``."""

    SCREEN_ID = "money"
    TEXTS = {
        "title": money_text.LATE_TITLE,
        "prompt": money_text.LATE_PROMPT,
        "placeholder": money_text.LATE_PLACEHOLDER,
        "empty": money_text.LATE_EMPTY,
    }
