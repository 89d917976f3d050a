"""F7 after y or x (issue 14, item 2): the cursor stays at the same position, which is now the
next row, so the next key acts on the case the clerk sees highlighted; the highlighted row is never
hidden under the detail panel (80×24)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from tests.tui.conftest import until
from tests.tui.test_approvals_screen import AS_OF, MONITOR, approve, open_approvals, status_of
from tests.tui.test_board_screen import add_case
from zhixing_tui.services.board import handoffs as ho
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.return_reason import ReturnReasonModal
from zhixing_tui.tui.widgets.lists import CaseTable


def row_in_sight(table: CaseTable) -> bool:
    top = table.scroll_offset.y
    height = table.scrollable_content_region.height - 1  # the header row
    return top <= table.cursor_row < top + height


async def test_after_y_the_cursor_is_on_the_next_row_and_x_acts_on_it(desk_factory):
    desk = replace(desk_factory("jianli"), operator="杨琼")
    handoffs = []
    for n in range(12):
        case_id = add_case(desk, 100 + n, "online_query", datetime(2026, 11, 2, 9, n))
        handoffs.append(ho.submit_move(desk, case_id, "offline_query"))
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_approvals(pilot)
        table = screen.query_one(CaseTable)
        assert [r.id for r in screen.page.items] == handoffs
        await pilot.press(*"jjjjjjjj")
        assert table.cursor_key == str(handoffs[8])
        await until(pilot, lambda: row_in_sight(table))
        await approve(pilot)
        await until(pilot, lambda: status_of(desk, handoffs[8])[0] == "approved")
        await until(pilot, lambda: len(screen.page.items) == 11)
        assert table.cursor_key == str(handoffs[9])  # the next row, not the first
        await until(pilot, lambda: row_in_sight(table))
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ReturnReasonModal))
        assert app.screen.case_no == "（2026）鄂1088执109号"
        app.screen.query_one("#return-reason").value = "未附查控表"
        await pilot.press("enter")
        await until(pilot, lambda: status_of(desk, handoffs[9])[0] == "returned")
        await until(pilot, lambda: len(screen.page.items) == 10)
        assert table.cursor_key == str(handoffs[10])
        # the last row decided: the cursor on the row before it
        await pilot.press("j")
        assert table.cursor_key == str(handoffs[11])
        await approve(pilot)
        await until(pilot, lambda: len(screen.page.items) == 9)
        assert table.cursor_key == str(handoffs[10])
        assert all(status_of(desk, h)[0] == "submitted" for h in handoffs[:8])


async def test_a_closing_shows_its_typed_reason_to_the_approver(desk_factory):
    """Issue 14, item 6: the approver reads the 结案理由 the clerk typed."""
    desk = replace(desk_factory("jianli"), operator="杨琼")
    case_id = add_case(desk, 300, "online_query", datetime(2026, 11, 2, 9))
    ho.submit_close(
        desk,
        case_id,
        method="执行完毕",
        closing_fen=30_000_000,
        recovered_fen=30_000_000,
        reason="被执行人已全部履行",
    )
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_approvals(pilot)
        await until(
            pilot, lambda: "结案理由：被执行人已全部履行" in str(screen.query_one("#appr-form").render())
        )
        assert "执行完毕" in str(screen.query_one("#appr-form").render())
