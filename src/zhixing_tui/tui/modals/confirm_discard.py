"""Ask before unsaved changes are thrown away: y leaves without saving, n or Esc keeps editing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ...i18n import intake as T


class ConfirmDiscardModal(ModalScreen[bool]):
    """Dismisses with True (discard) or False (keep editing)."""

    SCREEN_ID = "intake"
    DEFAULT_CSS = """
    ConfirmDiscardModal { align: center middle; background: $background 60%; }
    #discard-box { width: 60; max-width: 90%; height: auto; border: thick $warning;
                   background: $surface; padding: 0 1; }
    """
    BINDINGS = [
        Binding("y", "discard", T.KEY_DISCARD, id="discard.yes"),
        Binding("n,escape", "keep", T.KEY_KEEP, id="discard.no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box") as box:
            box.border_title = T.DISCARD_TITLE
            yield Static(T.DISCARD_TEXT)
        yield Footer()

    def action_discard(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)
