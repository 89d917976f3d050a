"""A few pictures of the shell with Chinese text, at a fixed terminal size (Textual is pinned).

Regenerate after an intended change with ``make snapshot-update`` and look at the SVGs.
Widths of Chinese text are also checked in cells by ``test_cells.py``, because SVG
snapshots can overlap wide glyphs.
"""

from __future__ import annotations

from tests.search_fixtures import AS_OF
from tests.tui.conftest import until
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.help import HelpModal
from zhixing_tui.tui.screens.search import SearchScreen

SIZE = (100, 30)


class TestHome:
    def test_home_summary(self, shell, snap_compare):
        app = make_app(shell.desk, operator="张三", today=AS_OF)

        async def loaded(pilot):
            await until(pilot, lambda: getattr(app.screen, "summary", None) is not None)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


class TestSearch:
    def test_search_by_pinyin(self, shell, snap_compare):
        app = make_app(shell.desk, operator="张三", today=AS_OF)

        async def search(pilot):
            await pilot.press("slash", "z", "s")
            await until(
                pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen._loaded_query == "zs"
            )
            await pilot.press("enter")  # focus the results: no blinking cursor in the picture
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=search)


class TestHelp:
    def test_help_on_home(self, shell, snap_compare):
        app = make_app(shell.desk, operator="张三", today=AS_OF)

        async def help_open(pilot):
            await until(pilot, lambda: getattr(app.screen, "summary", None) is not None)
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpModal))
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=help_open)
