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
from textual.widgets._footer import FooterKey

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
    #: what the keys were last composed from (see :meth:`recompose`)
    _composed_from: tuple | None = None

    def _keys_signature(self) -> tuple:
        """Everything the composed keys depend on: the width, the compact style and each shown
        binding's key, text, action, group and whether it is enabled now."""
        if not self._bindings_ready:
            return ()
        keys = tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                (binding.group.description, binding.group.compact) if binding.group else None,
            )
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        return (self.app.size.width, self.compact, self.show_command_palette, keys)

    async def recompose(self) -> None:
        """Rebuild the keys only when they would change. Textual's ``Footer`` rebuilds every key
        widget whenever the screen's bindings *may* have changed, several times while a screen
        opens and loads (each ``refresh_bindings``); the same keys rebuilt cost a good part of
        opening a screen (issue 17)."""
        if not self.is_attached or self._pruning:  # a dialog closed before this ran
            return
        if self.screen not in self.app.screen_stack:
            # a screen of another mode (今日概况's as F4 opens 繁简分流: its 返回 key turned on): not on
            # show; its keys are compared again when it is shown (Textual refreshes the bindings then)
            return
        signature = self._keys_signature()
        before, self._composed_from = self._composed_from, signature
        if signature == before:
            return
        if before and _without_enabled(signature) == _without_enabled(before):
            # the same keys, some now (un)available: dim or light them where they are
            enabled: dict[str, bool] = {}
            for _key, _display, _description, action, on, _tooltip, _group in signature[3]:
                enabled.setdefault(action, on)  # Footer shows an action's first binding
            for key in self.query(FooterKey):
                off = not enabled.get(key.action, True)
                key._disabled = off  # noqa: SLF001 - FooterKey keeps it for its mouse click
                key.set_class(off, "-disabled")
            return
        await super().recompose()

    def on_mount(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW


def _without_enabled(signature: tuple) -> tuple:
    width, compact, palette, keys = signature
    return (width, compact, palette, tuple((*k[:4], *k[5:]) for k in keys))
