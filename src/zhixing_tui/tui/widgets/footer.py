"""The footer of every screen and dialog: the keys that do the work first.

Textual's ``Footer`` lists the keys from the focused widget out to the app (Enter and Esc first,
the app's Ctrl+Q, F1, / and Ctrl+P last) and a narrow terminal cuts the end of the line. At
80 columns that lost what a clerk came for (``u 督办``, ``o``, ``]``) and F1. ``DeskFooter`` keeps
the same keys, in this order: the screen's or dialog's own keys as declared, then F1, then the
keys every screen has (Enter, Esc, Ctrl+Q, /, Ctrl+P). Below :data:`COMPACT_BELOW` columns it
also drops the padding around each key.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

#: below this width the keys lose their padding
COMPACT_BELOW = 120
#: after the screen's own keys: help, then the keys every screen has
_LATER = {"f1": 1, "enter": 2, "escape": 2, "ctrl+q": 3, "slash": 3, "ctrl+p": 4}


class DeskFooter(Footer):
    DEFAULT_CSS = """
    DeskFooter.-compact FooterKey { margin-right: 1; }
    DeskFooter.-compact FooterKey.-command-palette { margin-right: 0; }
    """

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        yield from sorted(keys, key=lambda w: _LATER.get(str(getattr(w, "key", "")), 0))

    def on_resize(self, _event: events.Resize) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW

    def on_mount(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW
