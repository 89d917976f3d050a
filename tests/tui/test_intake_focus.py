"""初次接待 by keyboard (issue 14, item 9): the field with the focus is marked (its label is drawn
differently), 风险告知 says how its one Tab stop is worked, and a failed save puts the focus on
the first field in error."""

from __future__ import annotations

from tests.tui.conftest import settle
from tests.tui.test_intake_screen import AS_OF, jump_to, new_case, open_intake
from zhixing_tui.tui.app import make_app


async def test_focus_is_marked_and_the_risk_list_explained(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(pilot)
        label = screen.row("recorder").query_one(".field-label")
        before = label.rich_style
        await jump_to(pilot, "f-recorder")
        await settle(pilot)
        assert label.rich_style != before  # the focused field label stands out
        risks = [row for row in screen.rows() if row.spec.kind == "checklist"]
        assert risks
        hint = str(risks[0].query_one(".field-hint").render())
        assert "↑/↓" in hint and "空格" in hint


async def test_a_failed_save_focuses_the_first_field_in_error(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        problems = screen._problems()  # noqa: SLF001
        assert problems
        first = screen.row(problems[0][0])
        assert app.focused is not None and first in app.focused.ancestors_with_self
