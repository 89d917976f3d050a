"""Typed work is never lost without a question (issue 14, item 1): Ctrl+Q, an F-key screen switch
and Ctrl+O ask about 初次接待's unsaved edits and about any dialog holding typed input; Esc in a
dialog with typed input asks too. y throws the input away and goes on; n keeps editing."""

from __future__ import annotations

from sqlmodel import select

from tests.tui.conftest import settle, until
from tests.tui.test_intake_screen import AS_OF, new_case, open_intake, paste_into
from zhixing_tui.storage.models import Case, IntakeRecord
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.confirm_discard import ConfirmDiscardModal
from zhixing_tui.tui.modals.operator import OperatorModal
from zhixing_tui.tui.modals.register_case import RegisterCaseModal
from zhixing_tui.tui.screens.intake import IntakeScreen
from zhixing_tui.tui.screens.query import QueryScreen

SIZE = (80, 24)
ADDRESS = "汝阳县城关镇建设路1号"


async def dirty_intake(pilot) -> IntakeScreen:
    screen = await open_intake(pilot)
    await paste_into(pilot, "f-applicant_address", "（已核实）")
    assert screen.has_unsaved_input()
    return screen


async def test_ctrl_q_asks_about_unsaved_intake_edits(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await dirty_intake(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        assert "初次接待" in str(app.screen.query_one("Static").content)
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert screen.row("applicant_address").value == ADDRESS + "（已核实）"
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("y")
        await until(pilot, lambda: app._exit_renderables is not None and not app.is_running)  # noqa: SLF001
    with desk.session() as s:
        assert s.exec(select(IntakeRecord)).all() == []


async def test_an_f_key_switch_asks_and_y_discards(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await dirty_intake(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is screen and screen.has_unsaved_input()
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, QueryScreen))
        assert not screen.has_unsaved_input() and screen.row("applicant_address").value == ADDRESS
        # nothing unsaved: F2 and F3 switch at once
        await pilot.press("f2")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, QueryScreen))


async def test_ctrl_o_asks_before_changing_the_operator(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await dirty_intake(pilot)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.has_unsaved_input()
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, OperatorModal))
        assert not screen.has_unsaved_input()


async def test_a_dialog_with_typed_input_asks_on_escape_and_on_ctrl_q(desk):
    results: list[object] = []
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(RegisterCaseModal("（2026）豫0326执900号", AS_OF), results.append)
        await until(pilot, lambda: isinstance(app.screen, RegisterCaseModal))
        dialog = app.screen
        await settle(pilot)
        # nothing typed yet: no question
        assert not dialog.has_unsaved_input()
        await pilot.press(*"800")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog and dialog.query_one("#reg-claim").value == "800"
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running and app.screen is dialog
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, RegisterCaseModal | ConfirmDiscardModal)
    assert results == [None]
    with desk.session() as s:
        assert s.exec(select(Case)).all() == []
