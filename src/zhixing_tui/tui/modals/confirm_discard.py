"""Ask before unsaved changes are thrown away: y leaves without saving, n or Esc keeps editing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from ...i18n import intake as intake_text
from .base import DeskConfirm


class ConfirmDiscardModal(DeskConfirm):
    """Dismisses with True (discard: y) or False (keep editing: n or Esc)."""

    SCREEN_ID = "intake"
    DEFAULT_CSS = """
    #discard-box { width: 60; max-width: 90%; height: auto; }
    """
    BINDINGS = [
        Binding("y", "submit", intake_text.KEY_DISCARD, id="discard.yes"),
        Binding("n,escape", "cancel", intake_text.KEY_KEEP, id="discard.no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box", classes="desk-dialog -warning") as box:
            box.border_title = intake_text.DISCARD_TITLE
            yield Static(intake_text.DISCARD_TEXT)
        yield Footer()
