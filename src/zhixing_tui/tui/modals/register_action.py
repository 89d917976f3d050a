"""One step on a register (the registers screen's keys): 续封续冻 and 解封解冻 of a seal, the next
step of a 委托 (发出, 反馈, 办结, 接收, 办结回复). The dialog names what it is about, asks the day
(today by default), the step's text where it has one (解除原因, 受托法院, 反馈内容 …) and, for a seal,
the document; it checks the day as typed and hands the values to the screen's ``save`` (the
service's call, run in the dialog's worker): it closes with what ``save`` returns, or shows the
service's refusal and stays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ...domain.dates import parse_date
from ...errors import ZhixingError
from ...i18n import common as common_text
from ...i18n import seals as seals_text
from .base import DeskModal, cancel_key, submit_key


@dataclass(frozen=True)
class RegisterAction:
    on: date
    text: str  # the step's text (解除原因, 受托法院, 反馈内容 …), "" when it has none
    doc_no: str


class RegisterActionModal(DeskModal[str | None]):
    """Saves a :class:`RegisterAction` through ``save``; dismisses with what it returns (the text to
    show), or None on Escape. ``text_label``: the step's text field (None: none); ``doc``: ask the
    document (文书字号)."""

    SCREEN_ID = "registers"
    DEFAULT_CSS = """
    .action-box { width: 80%; max-width: 80; height: auto; }
    .action-box Label { color: $text-muted; }
    """
    BINDINGS = [
        cancel_key("register_action.cancel", common_text.KEY_CANCEL),
        submit_key("register_action.submit", common_text.KEY_SUBMIT, priority=True),
    ]

    def __init__(
        self,
        title: str,
        today: date,
        save: Callable[[RegisterAction], str],
        *,
        note: str = "",
        text_label: str | None = None,
        doc: bool = False,
    ) -> None:
        super().__init__()
        self.title_text, self.today, self.note = title, today, note
        self.text_label, self.doc = text_label, doc
        self.save_action = save
        # a refusal naming a field puts the cursor there (DeskModal.show_error)
        self.FIELDS = {seals_text.DATE_FIELD: "action-date", seals_text.F_DOC: "action-doc"} | (
            {text_label: "action-text"} if text_label else {}
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog action-box") as box:
            box.border_title = self.title_text
            yield Static("", classes="dialog-error")
            if self.note:
                yield Static(self.note, classes="modal-prompt")
            yield Label(seals_text.F_DATE)
            yield Input(self.today.isoformat(), id="action-date")
            if self.text_label:
                yield Label(self.text_label)
                yield Input(id="action-text")
            if self.doc:
                yield Label(seals_text.F_DOC)
                yield Input(id="action-doc")

    def on_mount(self) -> None:
        first = "#action-text" if self.text_label else "#action-doc" if self.doc else "#action-date"
        self.query_one(first, Input).focus()

    def _value(self, selector: str, asked: bool) -> str:
        return self.query_one(selector, Input).value.strip() if asked else ""

    def submit(self) -> None:
        try:
            on = parse_date(self.query_one("#action-date", Input).value.strip(), field=seals_text.DATE_FIELD)
        except ZhixingError as exc:
            self.show_error(exc)
            return
        action = RegisterAction(
            on=on,
            text=self._value("#action-text", bool(self.text_label)),
            doc_no=self._value("#action-doc", self.doc),
        )
        self.save(lambda: self.save_action(action))
