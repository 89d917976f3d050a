"""Dialogs say how to submit (issue 14, item 10): every dialog shows its own submit and cancel
keys in its own footer line (not the board's keys behind it), and Enter submits where the last
field is reached: 报结案 (c) at 80×24, Enter through its fields, writes the closing handoff."""

from __future__ import annotations

from textual.widgets import Footer

from tests.tui.conftest import settle, until
from tests.tui.test_board_screen import AS_OF, handoffs, jl, open_board  # noqa: F401 - the fixture
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.close_case import CloseCaseModal


def footer_keys(screen) -> dict[str, str]:
    """The keys the dialog's own footer shows: key → description."""
    footer = screen.query_one(Footer)
    assert footer.screen is screen
    return {
        key: b.binding.description
        for key, b in screen.active_bindings.items()
        if b.binding.show and screen.app.screen.check_action(b.binding.action, ()) is not False
    }


async def test_close_dialog_shows_its_keys_and_enter_submits(jl):  # noqa: F811
    desk, ids = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        assert board.card.id == ids["online"]
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CloseCaseModal))
        modal = app.screen
        await settle(pilot)
        keys = footer_keys(modal)
        assert keys["ctrl+s"] == "提交" and keys["escape"] == "取消"
        assert "c" not in keys and "t" not in keys  # the board's keys are not offered here
        text = app.export_screenshot()
        assert "^s" in text and "esc" in text
        # Enter: the method, then field by field; the last field (结案理由) submits
        await pilot.press("enter")
        assert app.focused is modal.query_one("#close-amount")
        modal.query_one("#close-amount").value = "11000"
        modal.query_one("#close-recovered").value = "11000"
        await pilot.press("enter", "enter", "enter")
        assert app.focused is modal.query_one("#close-reason")
        await pilot.press(*"lvxing")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is board)
        await until(pilot, lambda: len(handoffs(desk)) == 1)
        assert handoffs(desk)[0][0] == ids["online"]
