"""The 案款 screen's dialogs: 认领 (pick the case by 案号, party name or pinyin with the shared
case picker) and 发放 / 退回 (amount, payee or reason, voucher number, date), and the reason of a
late payout. Each hands what was chosen or typed to the screen's ``save`` (the money service call,
run in the dialog's worker): the dialog closes with what ``save`` returns (the text to show), or
shows the service's refusal and stays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from ...errors import InvalidValue, ZhixingError
from ...i18n import common as common_text
from ...i18n import money as money_text
from ..widgets.case_picker import CasePicker
from .base import DeskModal, cancel_key, submit_key
from .return_reason import ReturnReasonModal


class ClaimModal(DeskModal[str | None]):
    """Claims the payment for the chosen case through ``save``; dismisses with what it returns,
    or None on Escape."""

    SCREEN_ID = "money"
    BINDINGS = [cancel_key("money.claim.cancel", common_text.KEY_CANCEL)]
    DEFAULT_CSS = """
    #claim-box { width: 80%; max-width: 100; height: auto; max-height: 95%; }
    #claim-box CasePicker { margin: 0; }
    """

    def __init__(self, title: str, save: Callable[[int], str]) -> None:
        super().__init__()
        self.title_text = title
        self.save_claim = save

    def compose(self) -> ComposeResult:
        with Vertical(id="claim-box", classes="desk-dialog") as box:
            box.border_title = self.title_text
            yield Static("", id="claim-error", classes="dialog-error")
            yield CasePicker(id="claim-picker")

    def on_mount(self) -> None:
        self.query_one(CasePicker).open()

    @on(CasePicker.Chosen)
    def _chosen(self, message: CasePicker.Chosen) -> None:
        message.stop()
        case_id = message.case_id
        self.save(lambda: self.save_claim(case_id))

    def show_error(self, error: BaseException) -> None:
        """The refusal above the picker, open again on the case typed: another case can be chosen,
        or Esc. (The picker closes once a case is chosen; with it closed the box had no height for
        the error line, and a refusal showed as an empty frame.)"""
        super().show_error(error)
        self.query_one(CasePicker).open()


@dataclass(frozen=True)
class OutInput:
    """What the 发放/退回 dialog returns: None amount = the whole balance; ``text`` is the payee
    (发放) or the reason (退回)."""

    amount_fen: int | None
    text: str
    voucher_no: str
    day: date


class PayoutModal(DeskModal[str | None]):
    """发放 (``returning`` False) or 退回 (True) part or all of an arrival's balance: saves an
    :class:`OutInput` through ``save``; dismisses with what it returns, or None on Escape."""

    SCREEN_ID = "money"
    BINDINGS = [
        cancel_key("money.out.cancel", common_text.KEY_CANCEL),
        submit_key("money.out.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    DEFAULT_CSS = """
    #out-box { width: 80%; max-width: 90; height: auto; max-height: 95%; }
    """
    FIELDS = {
        **money_text.OUT_FIELDS,
        money_text.FIELD_AMOUNT: "out-amount",
        money_text.FIELD_REASON: "out-text",
        money_text.FIELD_VOUCHER: "out-voucher",
        money_text.FIELD_DATE: "out-date",
    }

    def __init__(self, title: str, today: date, *, returning: bool, save: Callable[[OutInput], str]) -> None:
        super().__init__()
        self.title_text, self.today, self.returning = title, today, returning
        self.save_out = save

    def compose(self) -> ComposeResult:
        with Vertical(id="out-box", classes="desk-dialog") as box:
            box.border_title = self.title_text
            yield Static("", id="out-note", classes="dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield Label(money_text.FIELD_AMOUNT)
                yield Input(id="out-amount")
                yield Label(money_text.FIELD_REASON if self.returning else money_text.FIELD_PAYEE)
                yield Input(id="out-text")
                yield Label(money_text.FIELD_VOUCHER)
                yield Input(id="out-voucher")
                yield Label(money_text.FIELD_DATE)
                yield Input(self.today.isoformat(), id="out-date")

    def on_mount(self) -> None:
        self.query_one("#out-amount", Input).focus()

    def submit(self) -> None:
        from ...domain.dates import parse_date
        from ...domain.money import parse_money

        try:
            raw = self.query_one("#out-amount", Input).value.strip()
            amount = parse_money(raw, field=money_text.FIELD_AMOUNT) if raw else None
            day_text = self.query_one("#out-date", Input).value.strip()
            day = parse_date(day_text, field=money_text.FIELD_DATE) if day_text else self.today
            text = self.query_one("#out-text", Input).value.strip()
            voucher = self.query_one("#out-voucher", Input).value.strip()
            if self.returning and not text:
                raise InvalidValue(money_text.REASON_EMPTY, field=money_text.FIELD_REASON)
            if not self.returning and not voucher:
                raise InvalidValue(money_text.VOUCHER_EMPTY, field=money_text.FIELD_VOUCHER)
        except ZhixingError as exc:
            self.show_error(exc)
            return
        value = OutInput(amount, text, voucher, day)
        self.save(lambda: self.save_out(value))


class LateReasonModal(ReturnReasonModal):
    """The written reason for a late payout (浉河 003 四(二)2(6)), typed into ``#return-reason``
    and saved (never empty) through ``save``; dismisses with what it returns, or None on Escape."""

    SCREEN_ID = "money"
    TEXTS = {
        "title": money_text.LATE_TITLE,
        "prompt": money_text.LATE_PROMPT,
        "placeholder": money_text.LATE_PLACEHOLDER,
        "empty": money_text.LATE_EMPTY,
    }

    def __init__(self, case_no: str, what: str, save: Callable[[str], str]) -> None:
        super().__init__(case_no, what)
        self.save_reason = save

    def accept(self, reason: str) -> None:
        self.save(lambda: self.save_reason(reason))
