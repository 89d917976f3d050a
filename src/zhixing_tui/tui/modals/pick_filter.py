"""Pick one value for a filter of the alerts screen (a team, a person, a node type), or all."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...i18n import alerts as T
from ..widgets.lists import KeyOptionList

ALL = "__all__"


class PickFilterModal(ModalScreen[str | None]):
    """Dismisses with the chosen key, ``ALL`` (no filter), or None (Escape: unchanged)."""

    SCREEN_ID = "overdue"
    DEFAULT_CSS = """
    PickFilterModal { align: center middle; background: $background 60%; }
    #filter-box { width: 70%; max-width: 80; height: 80%; border: thick $primary;
                  background: $surface; padding: 0 1; }
    #filter-list { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "cancel", T.KEY_CANCEL, id="filter.cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box") as box:
            box.border_title = self.title_text
            options = [Option(T.PICK_ALL, id=ALL)] + [Option(label, id=key) for key, label in self.choices]
            yield KeyOptionList(*options, id="filter-list")

    def on_mount(self) -> None:
        lst = self.query_one(KeyOptionList)
        keys = [k for k, _ in self.choices]
        if self.current in keys:
            lst.highlighted = keys.index(self.current) + 1
        lst.focus()

    @on(OptionList.OptionSelected, "#filter-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or ALL)

    def action_cancel(self) -> None:
        self.dismiss(None)
