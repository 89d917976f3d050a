"""续封续冻 and 解封解冻 of one seal or freeze (the registers screen's x and l): the day (today by
default), for a release its reason, the document. The dialog checks the day as typed and hands the
values to the screen's ``save`` (``services.seals.renew_seal`` / ``release_seal``, run in the
dialog's worker): it closes with what ``save`` returns, or shows the service's refusal and stays."""

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
class SealAction:
    on: date
    reason: str
    doc_no: str


class SealActionModal(DeskModal[str | None]):
    """Renews (``release=False``) or releases a seal through ``save``; dismisses with what it
    returns (the text to show), or None on Escape."""

    SCREEN_ID = "registers"
    DEFAULT_CSS = """
    .seal-box { width: 80%; max-width: 80; height: auto; }
    .seal-box Label { color: $text-muted; }
    """
    BINDINGS = [
        cancel_key("seal_action.cancel", common_text.KEY_CANCEL),
        submit_key("seal_action.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    FIELDS = seals_text.ACTION_FIELDS

    def __init__(
        self, what: str, today: date, save: Callable[[SealAction], str], *, release: bool, note: str = ""
    ) -> None:
        super().__init__()
        self.what, self.today, self.release, self.note = what, today, release, note
        self.save_action = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog seal-box") as box:
            title = seals_text.RELEASE_TITLE if self.release else seals_text.RENEW_TITLE
            box.border_title = title.format(what=self.what)
            yield Static("", classes="dialog-error")
            if self.note:
                yield Static(self.note, classes="modal-prompt")
            yield Label(seals_text.F_DATE)
            yield Input(self.today.isoformat(), id="seal-date")
            if self.release:
                yield Label(seals_text.F_REASON)
                yield Input(id="seal-reason")
            yield Label(seals_text.F_DOC)
            yield Input(id="seal-doc")

    def on_mount(self) -> None:
        self.query_one("#seal-reason" if self.release else "#seal-doc", Input).focus()

    def submit(self) -> None:
        try:
            on = parse_date(self.query_one("#seal-date", Input).value.strip(), field=seals_text.DATE_FIELD)
        except ZhixingError as exc:
            self.show_error(exc)
            return
        action = SealAction(
            on=on,
            reason=self.query_one("#seal-reason", Input).value.strip() if self.release else "",
            doc_no=self.query_one("#seal-doc", Input).value.strip(),
        )
        self.save(lambda: self.save_action(action))
