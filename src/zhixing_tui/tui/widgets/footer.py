"""The footer of every screen and dialog: the keys that do the work first.

Textual's ``Footer`` lists the keys from the focused widget out to the app (Enter and Esc first,
the app's Ctrl+Q, F1, / and Ctrl+P last) and a narrow terminal cuts the end of the line. At
80 columns that lost what a clerk came for (``u 督办``, ``o``, ``]``) and F1. ``DeskFooter`` keeps
the same keys, in this order: the screen's or dialog's own keys as declared, then F1, then the
keys every screen has (Enter, Esc, Ctrl+Q, /, Ctrl+P). Below :data:`COMPACT_BELOW` columns it
also drops the padding around each key.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

#: below this width the keys lose their padding
COMPACT_BELOW = 120
#: after the screen's own keys: help, then the keys every screen has
_LATER = {"f1": 1, "enter": 2, "escape": 2, "ctrl+q": 3, "slash": 3, "ctrl+p": 4}


def _width(key: object, compact: bool) -> int:
    """The cells a footer key takes: " key desc " (compact: "key desc" and a one-cell gap)."""
    text = f"{getattr(key, 'key_display', '')} {getattr(key, 'description', '')}".strip()
    return cell_len(text) + (1 if compact else 3)


class DeskFooter(Footer):
    DEFAULT_CSS = """
    DeskFooter.-compact FooterKey { margin-right: 1; }
    DeskFooter.-compact FooterKey.-command-palette { margin-right: 0; }
    """

    def compose(self) -> ComposeResult:
        keys = sorted(super().compose(), key=lambda w: _LATER.get(str(getattr(w, "key", "")), 0))
        # only the keys that fit before the Ctrl+P key docked on the right: a key running on under
        # it put a widget edge inside its 命令 and Textual's compositor blanked the double-width
        # character cut there ("^p   令" at 80 columns; the same cut blanks characters of a toast)
        compact = self.app.size.width < COMPACT_BELOW
        palette = [k for k in keys if k.has_class("-command-palette")]
        room = self.app.size.width - sum(_width(k, compact) + 1 for k in palette)  # and its border
        used = 0
        for key in keys:
            if key not in palette:
                used += _width(key, compact)
                if used > room:
                    continue
            yield key

    def on_resize(self, _event: events.Resize) -> None:
        compact = self.app.size.width < COMPACT_BELOW
        if compact != self.compact or self.size.width != self._laid_out_for:
            self._laid_out_for = self.size.width
            self.compact = compact
            self.refresh(recompose=True)

    _laid_out_for: int | None = None

    def on_mount(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW
