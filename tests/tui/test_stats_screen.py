"""统计报表 (F8) on a 汝阳 demo desk: the month's 收结案统计 on screen is ``services.monthly``'s,
the month keys move the month, e writes the monthly workbook and o today's overdue report under
ZHIXING_HOME/exports."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from rich.text import Text
from sqlmodel import select

from tests.tui.conftest import notifications, settle, until
from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.deadlines.report import overdue_report
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.storage.models import Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens.stats import StatsScreen
from zhixing_tui.tui.widgets.lists import KeyTable

AS_OF = date(2026, 11, 23)
OCTOBER = Month(2026, 10)


@pytest.fixture
def stats_desk(desk_factory):
    desk = desk_factory("ruyang", cases=300)
    with desk.session() as s:
        name = s.exec(select(Staff.name).where(Staff.role == "stats").order_by(Staff.id)).first()
    return desk, name


async def open_stats(pilot, month: Month = OCTOBER) -> StatsScreen:
    await pilot.press("f8")
    await until(pilot, lambda: isinstance(pilot.app.screen, StatsScreen))
    screen = pilot.app.screen
    await until(pilot, lambda: screen.figures is not None and screen.figures.month == month)
    return screen


def plain(cells) -> list[str]:
    return [c.plain if isinstance(c, Text) else str(c) for c in cells]


def table_rows(screen: StatsScreen) -> list[list[str]]:
    table = screen.query_one(KeyTable)
    return [plain(table.get_row_at(i)) for i in range(table.row_count)]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2%}"


def expected_row(r) -> list[str]:
    """The eight figures of the brief, in the screen's order, from services.monthly."""
    return [
        r.unit,
        str(r.old),
        str(r.new),
        str(r.closed),
        str(r.pending),
        pct(r.closing_rate),
        pct(r.full_rate),
        pct(r.zhongben_rate),
        pct(r.recovered_rate),
    ]


async def test_the_months_total_row_is_services_monthly(stats_desk):
    desk, operator = stats_desk
    figures = monthly_figures(desk, OCTOBER, as_of=AS_OF)
    total = figures.total
    assert total.closed > 0 and total.old > 0 and total.recovered_fen > 0  # a month with real figures
    app = make_app(desk, operator=operator, today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stats(pilot)
        rows = table_rows(screen)
        assert [r[:9] for r in rows] == [expected_row(r) for r in figures.intake]
        assert rows[-1][:9] == expected_row(total)
        header = [str(c.label.plain) for c in screen.query_one(KeyTable).columns.values()]
        assert header[:9] == [
            "部门",
            "旧存",
            "新收",
            "结案",
            "未结",
            "结案率",
            "执行完毕率",
            "终本率",
            "实际执行到位率",
        ]
        assert header[9:11] == ["执行完毕", "终本"]  # 120 cells: the counts, not yet the amounts
        assert rows[-1][9:11] == [str(total.by_method["执行完毕"]), str(total.by_method["终结本次执行程序"])]
        status = str(screen.query_one("#stats-status").render())
        assert status.startswith("2026年10月 首执收结案统计　统计日 2026-11-23")
        nodes = figures.nodes[-1]
        notes = str(screen.query_one("#stats-notes").render())
        assert (
            f"流程节点：本月到期 {nodes[2]}　按期完成 {nodes[3]}　超期完成 {nodes[4]}　仍超期 {nodes[5]}"
            in notes
        )
        assert "终本率：以终结本次执行程序方式结案的案件数 ÷ 结案数。" in notes


async def test_narrow_terminal_shortens_two_headers_and_says_so(stats_desk):
    desk, operator = stats_desk
    total = monthly_figures(desk, OCTOBER, as_of=AS_OF).total
    app = make_app(desk, operator=operator, today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stats(pilot)
        header = [str(c.label.plain) for c in screen.query_one(KeyTable).columns.values()]
        assert header == ["部门", "旧存", "新收", "结案", "未结", "结案率", "完毕率", "终本率", "到位率"]
        assert table_rows(screen)[-1] == expected_row(total)
        assert "完毕率＝执行完毕率，到位率＝实际执行到位率。" in str(
            screen.query_one("#stats-notes").render()
        )


async def test_month_keys_change_the_month(stats_desk):
    desk, operator = stats_desk
    app = make_app(desk, operator=operator, today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stats(pilot)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.figures is not None and screen.figures.month == Month(2026, 11))
        assert not screen.check_action("month", (1,))  # no month after the current one
        await pilot.press("l")
        await settle(pilot)
        assert screen.month == Month(2026, 11)
        await pilot.press("left_square_bracket", "h", "h")
        assert screen.month == Month(2026, 8)
        await until(pilot, lambda: screen.figures is not None and screen.figures.month == Month(2026, 8))
        await pilot.press("l")
        august, september = (monthly_figures(desk, Month(2026, m), as_of=AS_OF).total for m in (8, 9))
        await until(pilot, lambda: screen.figures is not None and screen.figures.month == Month(2026, 9))
        assert table_rows(screen)[-1][:9] == expected_row(september)
        assert expected_row(september) != expected_row(august)
        assert "2026年9月 首执收结案统计" in str(screen.query_one("#stats-status").render())


async def test_workbook_key_writes_the_monthly_workbook(stats_desk, tmp_path):
    desk, operator = stats_desk
    total = monthly_figures(desk, OCTOBER, as_of=AS_OF).total
    app = make_app(desk, operator=operator, today=AS_OF)
    path = tmp_path / "exports" / "汝阳-2026-10-执行工作统计.xlsx"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stats(pilot)
        await pilot.press("e")
        note = "月度统计工作簿已写入：exports/汝阳-2026-10-执行工作统计.xlsx"
        await until(pilot, lambda: any(n.message == note for n in notifications(app)))
    ws = load_workbook(path)["收结案统计"]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "合计")
    assert row[:4] == ("合计", total.old, total.new, total.closed)
    assert not list(path.parent.glob(".*.tmp"))


async def test_overdue_key_writes_todays_overdue_report(stats_desk, tmp_path):
    desk, operator = stats_desk
    rep = overdue_report(desk, AS_OF)
    assert rep.counts["overdue"] > 0
    app = make_app(desk, operator=operator, today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stats(pilot)
        await pilot.press("o")
        c = rep.counts
        note = (
            "超期节点报告已写入：exports/汝阳-2026-11-23-超期节点.xlsx"
            f"（超期 {c['overdue']}　今日到期 {c['due_today']}　临期 {c['approaching']}）"
        )
        await until(pilot, lambda: any(n.message == note for n in notifications(app)))
    ws = load_workbook(tmp_path / "exports" / "汝阳-2026-11-23-超期节点.xlsx")["超期节点2026-11-23"]
    cells = list(ws.iter_rows(values_only=True))
    assert cells[0][0].startswith("汝阳县人民法院 执行流程节点超期报告")
    assert cells[2][:5] == ("组/团队", "承办人", "状态", "天数", "案号")
    assert [(r[4], r[5]) for r in cells[3:]] == [(r.case_no, r.node) for r in rep.rows]
    assert all(r[0] for r in cells[3:])  # every row names its 组/团队, or why it has none
