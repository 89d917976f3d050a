"""One picture of the 流转看板 with Chinese text at a fixed size (Textual is pinned).

Regenerate after an intended change with ``make snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from tests.tui.conftest import until
from tests.tui.test_board_screen import AS_OF, add_case
from zhixing_tui.services.board import handoffs
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens.board import BoardScreen

SIZE = (120, 30)


class TestBoard:
    def test_board_jianli(self, desk_factory, snap_compare):
        desk = desk_factory("jianli")
        first = add_case(desk, 11, "online_query", datetime(2026, 10, 20, 9))
        add_case(desk, 12, "online_query", datetime(2026, 11, 20, 9))
        add_case(desk, 13, "clue_query", datetime(2026, 9, 1, 9))
        add_case(desk, 14, "zhongben", datetime(2026, 11, 2, 9))
        handoffs.submit_move(replace(desk, operator="杨琼"), first, "offline_query")
        app = make_app(desk, operator="吴敦辉", today=AS_OF)

        async def board(pilot):
            await pilot.press("f5")
            await until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.view is not None)
            await pilot.press("j")
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=board)
