"""Ask for the reason a handoff is returned for correction (退回整改); it goes into the 台账."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...i18n import board as board_text
from .base import DeskModal, cancel_key, submit_key


class ReturnReasonModal(DeskModal[str | None]):
    """Dismisses with the reason (never empty), or None on Escape."""

    SCREEN_ID = "approvals"
    DEFAULT_CSS = """
    #return-box { width: 80%; max-width: 90; height: auto; }
    #return-note { color: $warning; height: auto; }
    """
    BINDINGS = [
        cancel_key("return.cancel", board_text.KEY_CANCEL),
        submit_key("return.submit", board_text.KEY_SUBMIT),
    ]
    ERROR_LINE = "#return-note"
    #: the wording (a subclass asks for another kind of reason with the same dialog)
    TEXTS = {
        "title": board_text.RETURN_TITLE,
        "prompt": board_text.RETURN_PROMPT,
        "placeholder": board_text.RETURN_PLACEHOLDER,
        "empty": board_text.RETURN_EMPTY,
    }

    def __init__(self, case_no: str, what: str) -> None:
        super().__init__()
        self.case_no = case_no
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="return-box", classes="desk-dialog -warning") as box:
            box.border_title = self.TEXTS["title"].format(case_no=self.case_no)
            yield Static(self.what)
            yield Static(self.TEXTS["prompt"])
            yield Input(placeholder=self.TEXTS["placeholder"], id="return-reason")
            yield Static("", id="return-note")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def submit(self) -> None:
        """Enter in the reason, or Ctrl+S."""
        reason = self.query_one("#return-reason", Input).value.strip()
        if not reason:
            self.query_one("#return-note", Static).update(self.TEXTS["empty"])
            return
        self.accept(reason)

    def accept(self, reason: str) -> None:
        """The reason typed (never empty): close with it."""
        self.dismiss(reason)
