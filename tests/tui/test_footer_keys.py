"""DeskFooter rebuilds its keys only when they change (issue 17: Textual's Footer rebuilt every
key widget on each bindings refresh, several times while a screen opened)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from zhixing_tui.tui.widgets.footer import DeskFooter


class _Keys(Screen):
    BINDINGS = [Binding("x", "go", "办理", id="t.go"), Binding("y", "more", "更多", id="t.more")]
    go_allowed = True
    more_offered = False

    def compose(self) -> ComposeResult:
        yield DeskFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go":
            return True if self.go_allowed else None  # None: shown, dimmed
        if action == "more":
            return self.more_offered  # False: not shown
        return True

    def action_go(self) -> None: ...

    def action_more(self) -> None: ...


class _App(App[None]):
    def on_mount(self) -> None:
        self.push_screen(_Keys())


def _keys(screen: Screen) -> dict[str, FooterKey]:
    return {k.action: k for k in screen.query(FooterKey)}


async def test_the_footer_keeps_its_keys_while_they_stay_the_same():
    app = _App()
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        shown = _keys(screen)
        assert "go" in shown and "more" not in shown and not shown["go"].has_class("-disabled")

        screen.refresh_bindings()
        await pilot.pause()
        assert all(a is b for a, b in zip(_keys(screen).values(), shown.values(), strict=True))

        screen.go_allowed = False  # the same keys, one dimmed where it is
        screen.refresh_bindings()
        await pilot.pause()
        now = _keys(screen)
        assert now["go"] is shown["go"] and now["go"].has_class("-disabled")

        screen.more_offered = True  # a key more: the keys are laid out again
        screen.refresh_bindings()
        await pilot.pause()
        now = _keys(screen)
        assert "more" in now and now["go"].has_class("-disabled")


class _Moded(Screen):
    """A screen whose key applies only while another mode is shown (as 返回 on 今日概况)."""

    BINDINGS = [Binding("b", "back", "返回", id="t.back"), Binding("x", "go", "办理", id="t.go")]

    def compose(self) -> ComposeResult:
        yield DeskFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.app.current_mode != "a"
        return True

    def action_back(self) -> None: ...

    def action_go(self) -> None: ...


class _ModesApp(App[None]):
    MODES = {"a": _Moded, "b": _Moded}

    def on_mount(self) -> None:
        self.switch_mode("a")


async def test_a_footer_of_another_mode_waits_until_it_is_shown():
    """Switching modes turns a key of the screen left behind on; its footer is not on show and is
    not rebuilt then (it was, while the new screen opened: issue 17), and shows its keys as they
    are when its mode comes back."""
    app = _ModesApp()
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        first = app.screen
        shown = _keys(first)
        assert set(shown) >= {"go"} and "back" not in shown
        await app.switch_mode("b")
        await pilot.pause()
        assert "back" in _keys(app.screen)  # the shown screen's footer has it
        assert all(a is b for a, b in zip(_keys(first).values(), shown.values(), strict=True))
        await app.switch_mode("a")
        await pilot.pause()
        assert app.screen is first and "back" not in _keys(first)
