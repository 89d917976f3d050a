"""卷宗管理 by keys: b shows the borrowing list (who holds which file, for how long, late or not),
e records the reason ended, h the return, t switches to the whole register, Enter opens the case."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.services.test_file_register import kuaizhi_case
from tests.triage_fixtures import staff_with
from tests.tui.conftest import errors, messages, settle, until
from zhixing_tui.services import files
from zhixing_tui.storage.models import DeadlineNode, FileMovement
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.files import FilesScreen
from zhixing_tui.tui.widgets.lists import CaseTable

TODAY = date(2026, 11, 23)


def _cells(screen) -> list[list[str]]:
    table = screen.query_one(CaseTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_borrowing_list_reason_ended_return_and_register(desk_factory):
    desk = desk_factory("kuaizhi")
    a, ha = kuaizhi_case(desk, 1)
    b, hb = kuaizhi_case(desk, 2, team="普执二团队")
    clerk = staff_with(desk, "file_clerk")
    desk.operator = clerk
    files.lend_file(desk, a, borrower=ha, reason="评估拍卖", what="正卷", on=date(2026, 11, 10))
    files.end_borrow_reason(desk, a, on=date(2026, 11, 16))
    files.lend_file(desk, b, borrower=hb, reason="阅卷", what="副卷", on=date(2026, 11, 20))

    app = make_app(desk, operator=clerk, today=TODAY)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, FilesScreen) and app.screen.page is not None)
        screen = app.screen
        rows = _cells(screen)
        assert [r[:6] + r[7:] for r in rows] == [
            ["超期6天", "（2026）豫1521执1号", ha, "正卷", "2026-11-10", "13", "2026-11-16", "2026-11-17"],
            ["借用中", "（2026）豫1521执2号", hb, "副卷", "2026-11-20", "3", "—", "—"],
        ]
        assert "借出未还 2 件" in str(screen.query_one("#files-status").render())

        await pilot.press("down", "e")  # the reason of b's borrowing ended today: due the next working day
        await until(pilot, lambda: _cells(screen)[1][0] == "待归还")
        assert "已登记借卷事由消失：（2026）豫1521执2号，应于 2026-11-24 前归还" in messages(app)
        await settle(pilot)
        assert not screen.check_action("ended", ())  # already recorded: e no longer applies

        await pilot.press("up", "h")  # a's file came back today
        await until(pilot, lambda: screen.page is not None and screen.page.total == 1)
        assert [r[1] for r in _cells(screen)] == ["（2026）豫1521执2号"]
        assert not errors(app)
        with desk.session() as s:
            (node,) = s.exec(
                select(DeadlineNode).where(
                    DeadlineNode.case_id == a, DeadlineNode.rule_id == "kuaizhi.borrow_return"
                )
            ).all()
            assert (node.completed_event, node.completed_at.date()) == ("file_returned", TODAY)
            assert s.exec(select(FileMovement.kind).where(FileMovement.case_id == a)).all() == [
                "borrow",
                "return",
            ]

        await pilot.press("t")  # the whole register, newest first
        await until(pilot, lambda: screen.register and screen.page is not None and screen.page.total == 3)
        rows = _cells(screen)
        assert [(r[0], r[1], r[2]) for r in rows] == [
            ("2026-11-23", "（2026）豫1521执1号", "归还"),
            ("2026-11-20", "（2026）豫1521执2号", "借出"),
            ("2026-11-10", "（2026）豫1521执1号", "借出"),
        ]
        assert not screen.check_action("returned", ())

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == a


async def test_a_refusal_is_an_error_notification(desk_factory):
    desk = desk_factory("kuaizhi")
    a, ha = kuaizhi_case(desk, 1)
    desk.operator = staff_with(desk, "file_clerk")
    files.lend_file(desk, a, borrower=ha, reason="阅卷", on=date(2026, 11, 20))
    app = make_app(desk, operator=staff_with(desk, "window_clerk"), today=TODAY)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, FilesScreen) and app.screen.page is not None)
        await pilot.press("h")
        await until(pilot, lambda: errors(app))
        assert "窗口书记员无权登记归还卷宗" in errors(app)[0].message
        assert app.screen.page.total == 1
