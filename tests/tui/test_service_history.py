"""F3's documents (issue 14, item 12): the service history keeps each attempt's step and result
apart (电话通知来院领取：未能送达), and 下一步 is whole at 160 columns."""

from __future__ import annotations

from tests.tui.conftest import until
from tests.tui.test_query_screen import AS_OF, open_query, press, received_case
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.service_attempt import ServiceModal


async def test_service_history_and_next_step_are_readable(desk):
    received_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_query(pilot)
        await pilot.press("tab")
        await press(pilot, screen, "space")  # make 执行通知书
        docs = screen.query_one("#query-docs")
        assert str(docs.get_row_at(0)[-1]) == "电话通知来院领取"  # the next step, whole
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ServiceModal))
        await press(pilot, screen, "tab", "tab", "down", "space", "ctrl+s")  # 电话通知: 未能送达
        cells = [str(c) for c in docs.get_row_at(0)]
        assert "电话通知来院领取：未能送达" in cells
        next_step = cells[-1]
        assert next_step and not next_step.endswith("…"), cells
