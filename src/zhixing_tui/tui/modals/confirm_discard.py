"""Ask before unsaved changes are thrown away: y leaves without saving, n or Esc keeps editing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import common as common_text
from ...i18n import intake as intake_text
from ..widgets.footer import DeskFooter
from .base import DeskConfirm


class ConfirmDiscardModal(DeskConfirm):
    """Dismisses with True (discard: y) or False (keep editing: n or Esc). ``text`` says where the
    unsaved input is and what y does next (by default: the 初次接待 form, and leave)."""

    SCREEN_ID = "intake"
    DEFAULT_CSS = """
    #discard-box { width: 60; max-width: 90%; height: auto; }
    """
    BINDINGS = [
        Binding("y", "submit", intake_text.KEY_DISCARD, id="discard.yes"),
        Binding("n,escape", "cancel", intake_text.KEY_KEEP, id="discard.no"),
    ]

    def __init__(self, text: str = intake_text.DISCARD_TEXT) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box", classes="desk-dialog -warning") as box:
            box.border_title = common_text.UNSAVED_TITLE
            yield Static(self.text)
        yield DeskFooter()
