"""Filter the board by handler: pick one of the handlers holding open cases, or all."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...i18n import board as T
from ...services.board.query import HandlerOption
from ..widgets.lists import KeyOptionList

ALL = "all"


class PickHandlerModal(ModalScreen[int | str | None]):
    """Dismisses with a staff id, ``ALL`` (no handler filter), or None (Escape: unchanged)."""

    SCREEN_ID = "board"
    DEFAULT_CSS = """
    PickHandlerModal { align: center middle; background: $background 60%; }
    #handler-box { width: 60%; max-width: 60; height: 80%; border: thick $primary;
                   background: $surface; padding: 0 1; }
    #handler-list { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "cancel", T.KEY_CANCEL, id="handler.cancel")]

    def __init__(self, handlers: list[HandlerOption]) -> None:
        super().__init__()
        self.handlers = handlers

    def compose(self) -> ComposeResult:
        with Vertical(id="handler-box") as box:
            box.border_title = T.HANDLER_TITLE
            options = [Option(T.HANDLER_ALL, id=ALL)]
            options += [
                Option(T.HANDLER_OPTION.format(name=h.name, cases=h.cases), id=str(h.id))
                for h in self.handlers
            ]
            yield KeyOptionList(*options, id="handler-list")

    def on_mount(self) -> None:
        self.query_one(KeyOptionList).focus()

    @on(OptionList.OptionSelected, "#handler-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ALL
        self.dismiss(ALL if oid == ALL else int(oid))

    def action_cancel(self) -> None:
        self.dismiss(None)
