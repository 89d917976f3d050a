"""Ask before a batch change (the board's 组内分案): y or Enter goes ahead, n or Esc does nothing.

Dismisses with True or False.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ...i18n import board as T


class ConfirmModal(ModalScreen[bool]):
    SCREEN_ID = "board"
    DEFAULT_CSS = """
    ConfirmModal { align: center middle; background: $background 60%; }
    #confirm-box { width: 64; max-width: 95%; height: auto; border: thick $warning;
                   background: $surface; padding: 0 1; }
    """
    BINDINGS = [
        Binding("y,enter", "yes", T.KEY_CONFIRM, id="confirm.yes"),
        Binding("n,escape", "no", T.KEY_CANCEL, id="confirm.no"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = T.CONFIRM_HINT
            yield Static(self.text, id="confirm-text")
        yield Footer()

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
