"""A role screen that is not built yet: says in Chinese what it will hold."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Footer, Static

from ...i18n import common as T
from ...i18n.help import purpose
from ..widgets.header import DeskHeader
from .base import DeskScreen


class PlaceholderScreen(DeskScreen):
    def __init__(self, screen_id: str, title: str) -> None:
        super().__init__()
        self._screen_id = screen_id
        self.title = title

    @property
    def screen_id(self) -> str:
        return self._screen_id

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        with Center(), Vertical(id="placeholder-box"):
            yield Static(self.title or "", classes="placeholder-title")
            yield Static(T.PLACEHOLDER_NOTE, classes="placeholder-note")
            yield Static(purpose(self._screen_id), classes="placeholder-text")
        yield Footer()
