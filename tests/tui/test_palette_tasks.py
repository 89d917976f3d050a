"""Ctrl+P finds what a clerk does by name (issue 14, item 16): 导出月报 goes to 统计报表 and writes
the month's workbook, as its key there would; 登记新案件 and 切换操作人 are found by pinyin too.
And the board's F1 names no other court's groups."""

from __future__ import annotations

from datetime import date

from tests.tui.conftest import messages, settle, until
from zhixing_tui.locations import exports_dir
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.commands import DeskPalette
from zhixing_tui.tui.modals.register_case import RegisterCaseModal
from zhixing_tui.tui.screens.stats import StatsScreen

AS_OF = date(2026, 11, 23)


async def run_command(pilot, typed: str) -> None:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, DeskPalette))
    await pilot.press(*typed)
    palette = pilot.app.screen
    await until(pilot, lambda: palette.query_one("CommandList").option_count > 0)
    await settle(pilot)
    await pilot.press("enter")


async def test_the_monthly_workbook_from_the_palette(desk):
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "dcyb")  # 导出月报
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))
        await until(pilot, lambda: any(exports_dir().glob("*.xlsx")))
        await settle(pilot)
        assert any("2026年10月" in m or "10月" in m for m in messages(app))


async def test_register_by_name(desk):
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "djxaj")  # 登记新案件
        await until(pilot, lambda: isinstance(app.screen, RegisterCaseModal))


def test_the_board_help_names_no_court_of_its_own():
    from zhixing_tui.i18n import help as help_text

    text = help_text.purpose("board")
    assert "线索查控" not in text and "拒执打击" not in text
