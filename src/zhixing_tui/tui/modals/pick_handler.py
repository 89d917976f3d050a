"""Filter the board by handler: pick one of the handlers holding open cases, or all."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...i18n import board as board_text
from ...services.board.query import HandlerOption
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key

ALL = "all"


class PickHandlerModal(DeskModal[int | str | None]):
    """Dismisses with a staff id, ``ALL`` (no handler filter), or None (Escape: unchanged)."""

    SCREEN_ID = "board"
    DEFAULT_CSS = """
    #handler-box { width: 60%; max-width: 60; height: 80%; }
    #handler-list { height: 1fr; }
    """
    BINDINGS = [cancel_key("handler.cancel", board_text.KEY_CANCEL)]

    def __init__(self, handlers: list[HandlerOption]) -> None:
        super().__init__()
        self.handlers = handlers

    def compose(self) -> ComposeResult:
        with Vertical(id="handler-box", classes="desk-dialog") as box:
            box.border_title = board_text.HANDLER_TITLE
            options = [Option(board_text.HANDLER_ALL, id=ALL)]
            options += [
                Option(board_text.HANDLER_OPTION.format(name=h.name, cases=h.cases), id=str(h.id))
                for h in self.handlers
            ]
            yield KeyOptionList(*options, id="handler-list")

    def on_mount(self) -> None:
        self.query_one(KeyOptionList).focus()

    @on(OptionList.OptionSelected, "#handler-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ALL
        self.dismiss(ALL if oid == ALL else int(oid))
