"""F1: what the current screen is for and which keys it answers, from its own bindings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import common as common_text
from ...i18n import help as help_text
from ..widgets.cells import Column
from ..widgets.lists import KeyTable
from .base import DeskModal

KEY_COLUMNS = (
    Column("key", common_text.HELP_KEY, 14, max_width=18),
    Column("action", common_text.HELP_ACTION, 10, weight=1),
)


@dataclass(frozen=True, slots=True)
class KeyHelp:
    key: str
    description: str
    is_global: bool
    available: bool = True  # False: the key does nothing here right now (shown dimmed)


class HelpModal(DeskModal[None]):
    """Esc, F1 or q closes it (cancel); there is nothing to submit."""

    SCREEN_ID = "help"
    BINDINGS = [Binding("escape,f1,q", "cancel", common_text.KEY_CLOSE, id="help.close")]

    def __init__(self, screen_id: str, title: str, keys: Sequence[KeyHelp]) -> None:
        super().__init__()
        self.for_screen = screen_id
        self.for_title = title
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="desk-dialog") as box:
            box.border_title = common_text.HELP_TITLE.format(title=self.for_title)
            box.border_subtitle = common_text.HELP_CLOSE_HINT
            yield Static(help_text.purpose(self.for_screen), id="help-purpose")
            yield KeyTable(id="help-keys", zebra_stripes=False)

    def on_mount(self) -> None:
        rows: list[tuple[str, list[str | Text]]] = []
        for i, k in enumerate(self.keys):
            if k.is_global and (i == 0 or not self.keys[i - 1].is_global):
                rows.append(("global", [Text(common_text.HELP_GLOBAL, style="bold"), ""]))
            if k.available:
                rows.append((f"k{i}", [k.key, k.description]))
            else:
                rows.append(
                    (
                        f"k{i}",
                        [
                            Text(k.key, style="dim"),
                            Text(k.description + common_text.HELP_NOT_NOW, style="dim"),
                        ],
                    )
                )
        table = self.query_one(KeyTable)
        table.show(KEY_COLUMNS, rows)
        table.focus()
