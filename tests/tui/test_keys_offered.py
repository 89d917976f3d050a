"""Keys that work are in the footer, and keys that cannot work are not offered (issue 14, item 11):
the board's t 出差 and its u/o/a filters are shown; a closed case's checklist (F3) offers no
space/y/n (it used to refuse only after asking for an amount)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Footer

from tests.tui.conftest import settle
from tests.tui.test_board_screen import AS_OF, jl, open_board  # noqa: F401 - the fixture
from tests.tui.test_query_screen import open_query, received_case
from zhixing_tui.services.cases.lifecycle import close_case
from zhixing_tui.tui.app import make_app


def footer_keys(screen) -> set[str]:
    from textual.widgets._footer import FooterKey  # noqa: PLC2701 - the footer's entries

    return {k.key for k in screen.query_one(Footer).query(FooterKey) if not k.has_class("-disabled")}


async def test_the_boards_working_keys_are_in_its_footer(jl):  # noqa: F811
    desk, _ = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=(200, 40)) as pilot:
        board = await open_board(pilot)
        await settle(pilot)
        keys = footer_keys(board)
        assert {"t", "u", "o", "a", "c"} <= keys, keys


async def test_a_closed_cases_checklist_offers_no_change(desk):
    case_id = received_case(desk)
    close_case(desk, case_id, method="销案", closed_on=date(2026, 11, 22), closing_fen=0, recovered_fen=0)
    app = make_app(desk, operator="张三", today=date(2026, 11, 23))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_query(pilot)
        await settle(pilot)
        assert screen.view.closed
        for action in ("advance", "found", "none", "freeze", "amount", "batch_none"):
            assert not screen.check_action(action, ()), action
        assert not {"space", "y", "n"} & footer_keys(screen)
        assert "已结案" in str(screen.query_one("#query-summary").render())
        await pilot.press("y")  # nothing asked
        await settle(pilot)
        assert not screen.has_class("-amount")
