"""终本案件库 by keys: F12 lists the 终本 cases with their next re-query, a keeps those to act on,
Enter opens the case, h records a 恢复执行 application (audited, the approval waits)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.services.test_triage_service import staff_with
from tests.services.test_zhongben_library import zhongben_case
from tests.tui.conftest import settle, until
from zhixing_tui.storage.models import Approval
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.resumption_request import ResumptionRequestModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.zhongben_library import ZhongbenLibraryScreen
from zhixing_tui.tui.widgets.lists import CaseTable

TODAY = date(2027, 3, 2)


def _cells(screen) -> list[list[str]]:
    table = screen.query_one(CaseTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_library_lists_filters_opens_and_records_a_request(desk):
    old = zhongben_case(desk, 1, closed=date(2026, 8, 31))
    zhongben_case(desk, 2, closed=date(2026, 11, 10))
    app = make_app(desk, operator=staff_with(desk, "window_clerk"), today=TODAY)
    async with app.run_test(size=(150, 30)) as pilot:
        await pilot.press("f12")
        await until(
            pilot, lambda: isinstance(app.screen, ZhongbenLibraryScreen) and app.screen.page is not None
        )
        screen = app.screen
        rows = _cells(screen)
        assert [r[1] for r in rows] == ["（2026）豫0326执2号", "（2026）豫0326执1号"]
        assert rows[1][0] == "超期1天" and rows[1][4] == "2027-03-01"
        assert rows[0][0] == "未到期" and rows[0][4] == "2027-05-10"
        assert "终本案件 2 件" in str(screen.query_one("#zhongben-status").render())

        await pilot.press("a")  # only the cases to act on
        await until(pilot, lambda: screen.page is not None and screen.page.total == 1)
        assert [r[1] for r in _cells(screen)] == ["（2026）豫0326执1号"]

        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, ResumptionRequestModal))
        await pilot.press("enter")  # no reason yet: the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, ResumptionRequestModal)
        app.screen.query_one("#resume-reason").value = "申请人提供车辆线索"
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: (
                app.screen is screen and screen.page is not None and screen.page.items[0].resumption_pending
            ),
        )
        assert _cells(screen)[0][7] == "待审查"
        with desk.session() as s:
            row = s.exec(select(Approval).where(Approval.kind == "resumption")).one()
            assert (row.case_id, row.details["reason"], row.details["received_on"]) == (
                old,
                "申请人提供车辆线索",
                "2027-03-02",
            )

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == old
