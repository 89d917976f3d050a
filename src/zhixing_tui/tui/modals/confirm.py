"""Ask before a batch change (the board's 组内分案) or an approval (审批 y): y or Enter goes ahead, n or Esc does nothing.

Dismisses with True or False.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import board as board_text
from ..widgets.footer import DeskFooter
from .base import DeskConfirm


class ConfirmModal(DeskConfirm):
    """y or Enter: True; n or Esc: False."""

    SCREEN_ID = "board"
    DEFAULT_CSS = """
    #confirm-box { width: 64; max-width: 95%; height: auto; }
    """
    BINDINGS = [
        Binding("y,enter", "submit", board_text.KEY_CONFIRM, id="confirm.yes"),
        Binding("n,escape", "cancel", board_text.KEY_CANCEL, id="confirm.no"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="desk-dialog -warning") as box:
            box.border_title = self.title_text
            box.border_subtitle = board_text.CONFIRM_HINT
            yield Static(self.text, id="confirm-text")
        yield DeskFooter()
