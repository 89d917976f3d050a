"""Pick one value for a filter of the alerts screen (a team, a person, a node type), or all."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...i18n import alerts as alerts_text
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key

ALL = "__all__"


class PickFilterModal(DeskModal[str | None]):
    """Dismisses with the chosen key, ``ALL`` (no filter), or None (Escape: unchanged)."""

    SCREEN_ID = "overdue"
    DEFAULT_CSS = """
    #filter-box { width: 70%; max-width: 80; height: 80%; }
    #filter-list { height: 1fr; }
    """
    BINDINGS = [cancel_key("filter.cancel", alerts_text.KEY_CANCEL)]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box", classes="desk-dialog") as box:
            box.border_title = self.title_text
            options = [Option(alerts_text.PICK_ALL, id=ALL)] + [
                Option(label, id=key) for key, label in self.choices
            ]
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
