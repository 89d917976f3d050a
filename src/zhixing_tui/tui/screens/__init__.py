"""The screen registry: every main screen, its title and the keys that reach it from anywhere.

To add a role screen, add an entry with a factory for it, e.g.::

    "intake": ScreenEntry(T.SCREEN_INTAKE, _lazy("intake", "IntakeScreen"), "f2"),

(``_lazy`` imports ``tui/screens/intake.py`` only when the screen is first shown). Each entry
becomes a Textual mode (its own screen stack), an app binding (``id="screen.<id>"``), a
command-palette entry ("界面：…") and a line of the home screen's key guide.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from textual.screen import Screen

from ...i18n import common as common_text
from ...i18n import files as files_text
from ...i18n import money as money_text
from ...i18n import seals as seals_text
from ...i18n import zhongben_library as zhongben_library_text


class ScreenEntry(NamedTuple):
    title: str
    factory: Callable[[], Screen]
    keys: str  # comma-separated Textual key names, e.g. "f2" or "f10,g"


def _lazy(module: str, cls: str) -> Callable[[], Screen]:
    def make() -> Screen:
        return getattr(importlib.import_module(f"{__name__}.{module}"), cls)()

    return make


SCREENS: dict[str, ScreenEntry] = {
    "home": ScreenEntry(common_text.SCREEN_HOME, _lazy("home", "HomeScreen"), "f10,g"),
    "intake": ScreenEntry(common_text.SCREEN_INTAKE, _lazy("intake", "IntakeScreen"), "f2"),
    "query": ScreenEntry(common_text.SCREEN_QUERY, _lazy("query", "QueryScreen"), "f3"),
    "triage": ScreenEntry(common_text.SCREEN_TRIAGE, _lazy("triage", "TriageScreen"), "f4"),
    "board": ScreenEntry(common_text.SCREEN_BOARD, _lazy("board", "BoardScreen"), "f5"),
    "overdue": ScreenEntry(common_text.SCREEN_OVERDUE, _lazy("alerts", "AlertsScreen"), "f6"),
    "approvals": ScreenEntry(common_text.SCREEN_APPROVALS, _lazy("approvals", "ApprovalsScreen"), "f7"),
    "stats": ScreenEntry(common_text.SCREEN_STATS, _lazy("stats", "StatsScreen"), "f8"),
    "zhongben": ScreenEntry(
        zhongben_library_text.SCREEN_TITLE, _lazy("zhongben_library", "ZhongbenLibraryScreen"), "f12"
    ),
    "files": ScreenEntry(files_text.SCREEN_TITLE, _lazy("files", "FilesScreen"), "b"),
    "registers": ScreenEntry(seals_text.REGISTERS_TITLE, _lazy("registers", "RegistersScreen"), "z"),
    "money": ScreenEntry(money_text.TITLE, _lazy("money", "MoneyScreen"), "f11"),
}

HOME = "home"

__all__ = ["HOME", "SCREENS", "ScreenEntry"]
