"""查封冻结与委托 by keys: z lists the terms ending within 30 days (lapsed first), t switches to the
open 委托 with their ages and due days, Enter opens the case."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.tui.conftest import until
from zhixing_tui.services import delegation, seals
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.registers import RegistersScreen
from zhixing_tui.tui.widgets.lists import CaseTable

NO = "（2026）豫1502执8号"


def _cells(screen) -> list[list[str]]:
    table = screen.query_one(CaseTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_registers_list_terms_ending_and_open_delegations(desk_factory):
    desk = desk_factory("shihe")
    cid = register_case(desk, case_no=NO, filed_on=date(2026, 1, 5), claim_fen=900_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    with desk.session() as s:
        handler = s.exec(select(Staff.name).where(Staff.role == "handler").order_by(Staff.id)).first()
    desk.operator = handler
    seals.add_seal(desk, cid, kind="deposit", on=date(2026, 3, 6), bank="工行", account_no="6222")
    seals.add_seal(desk, cid, kind="deposit", on=date(2026, 1, 20), bank="农行", account_no="9559")
    seals.add_seal(desk, cid, kind="movable", on=date(2026, 3, 6), plate_no="豫S12345")  # ends 2028
    delegation.register_incoming(
        desk, court="郑州市金水区人民法院", matter="冻结存款", arrived_on=date(2026, 11, 20)
    )
    app = make_app(desk, operator=handler, today=date(2027, 2, 20))
    async with app.run_test(size=(150, 30)) as pilot:
        await pilot.press("z")
        await until(pilot, lambda: isinstance(app.screen, RegistersScreen) and app.screen.page is not None)
        screen = app.screen
        assert _cells(screen) == [
            ["2027-01-20", "已过31日", NO, "银行存款冻结", "农行 9559", "2027-01-05", "（无）"],
            ["2027-03-06", "剩14日", NO, "银行存款冻结", "工行 6222", "2027-02-19", "（无）"],
        ]
        assert "共 2 项" in str(screen.query_one("#registers-status").render())

        await pilot.press("t")
        await until(pilot, lambda: screen.page is not None and screen.delegations)
        (row,) = _cells(screen)
        assert row == [
            "1",
            "受托",
            "待接收",
            "（未关联案件）",
            "郑州市金水区人民法院",
            "冻结存款",
            "92",
            "2026-11-20",
        ]

        await pilot.press("t")
        await until(pilot, lambda: screen.page is not None and not screen.delegations)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == cid
