"""The first open of a main screen styles that screen only: no refresh of the whole app's CSS
(``tui.app._styled_now``, issue 17), and the screen is styled exactly as a full refresh would
style it — after a theme change too."""

from __future__ import annotations

import pytest

from tests.search_fixtures import AS_OF
from tests.tui.conftest import settle, until
from zhixing_tui.tui.app import make_app

SIZE = (160, 50)


def styles_of(screen) -> list[tuple[str, str | None, dict]]:
    """Every node of the screen with the rules its CSS gave it."""
    return [
        (type(node).__name__, node.id, dict(node.styles.base.get_rules()))
        for node in screen.walk_children(with_self=True)
    ]


async def refreshed_styles(pilot, screen) -> list[tuple[str, str | None, dict]]:
    """The screen's styles after Textual's full refresh of the app's CSS."""
    pilot.app.refresh_css(animate=False)
    await settle(pilot)
    return styles_of(screen)


@pytest.mark.parametrize(("key", "mode"), [("f4", "triage"), ("f6", "overdue"), ("f8", "stats")])
async def test_first_open_refreshes_no_css_and_styles_the_screen_as_a_refresh_would(shell, key, mode):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        refreshes = []
        original = app.refresh_css
        app.refresh_css = lambda animate=True: (refreshes.append(mode), original(animate))[1]
        await pilot.press(key)
        await until(pilot, lambda: app.current_mode == mode)
        await settle(pilot)
        assert refreshes == []
        screen = app.screen
        shown = styles_of(screen)
        assert len(shown) > 3
        assert shown == await refreshed_styles(pilot, screen)


async def test_a_screen_made_right_after_a_theme_change_has_the_new_theme(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "textual-light"  # its refresh is only queued (call_next)
        app.switch_mode("stats")
        await settle(pilot)
        screen = app.screen
        assert screen.styles.background == app.current_theme.to_color_system().background
        assert styles_of(screen) == await refreshed_styles(pilot, screen)
