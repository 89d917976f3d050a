"""查封冻结与委托 by keys: z lists the terms ending within 30 days (lapsed first), t switches to the
open 委托 with their ages and due days, Enter opens the case."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select
from textual.widgets import Input

from tests.services.test_delegation_register import shihe  # noqa: F401 - the fixture
from tests.tui.conftest import until
from zhixing_tui.services import delegation, seals
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import DeadlineNode, Delegation, PropertyControl, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.register_action import RegisterActionModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.registers import RegistersScreen
from zhixing_tui.tui.widgets.lists import CaseTable

NO = "（2026）豫1502执8号"


def _cells(screen) -> list[list[str]]:
    table = screen.query_one(CaseTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _sealed_case(desk_factory):
    """浉河: two deposits frozen (one lapsed 2027-01-20, one ending 2027-03-06), the handler at the desk."""
    desk = desk_factory("shihe")
    cid = register_case(desk, case_no=NO, filed_on=date(2026, 1, 5), claim_fen=900_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    with desk.session() as s:
        handler = s.exec(select(Staff.name).where(Staff.role == "handler").order_by(Staff.id)).first()
    desk.operator = handler
    seals.add_seal(desk, cid, kind="deposit", on=date(2026, 3, 6), bank="工行", account_no="6222")
    seals.add_seal(desk, cid, kind="deposit", on=date(2026, 1, 20), bank="农行", account_no="9559")
    return desk, cid, handler


async def _registers(pilot) -> RegistersScreen:
    await pilot.press("z")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, RegistersScreen) and pilot.app.screen.page is not None
    )
    return pilot.app.screen


async def test_registers_list_terms_ending_and_open_delegations(desk_factory):
    desk, cid, handler = _sealed_case(desk_factory)
    seals.add_seal(desk, cid, kind="movable", on=date(2026, 3, 6), plate_no="豫S12345")  # ends 2028
    delegation.register_incoming(
        desk, court="郑州市金水区人民法院", matter="冻结存款", arrived_on=date(2026, 11, 20)
    )
    app = make_app(desk, operator=handler, today=date(2027, 2, 20))
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await _registers(pilot)
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


async def test_a_seal_is_renewed_and_another_released_from_the_register(desk_factory):
    """x on the term ending 03-06 renews it from today (the dialog names the seal; the new term
    leaves the 30-day list); x on the lapsed one is refused in the dialog; l releases it with the
    reason. Each is the service's act: the rows and the renewal nodes in the database."""
    desk, cid, handler = _sealed_case(desk_factory)
    app = make_app(desk, operator=handler, today=date(2027, 2, 20))
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await _registers(pilot)
        assert screen.check_action("renew", ()) and screen.check_action("release", ())
        await pilot.press("j", "x")
        await until(pilot, lambda: isinstance(app.screen, RegisterActionModal))
        box_title = app.screen.query_one(".action-box").border_title
        assert box_title == f"续封续冻　{NO}"
        assert str(app.screen.query_one(".modal-prompt").render()).startswith(
            "银行存款冻结：工行 6222\n本期：2026-03-06 起 1年"
        )
        app.screen.query_one("#action-doc", Input).value = "（2027）豫1502执8号之一"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and [r[4] for r in _cells(screen)] == ["农行 9559"])
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, RegisterActionModal))
        await pilot.press("ctrl+s")
        dialog = app.screen
        await until(pilot, lambda: "不能续行" in str(dialog.query_one(".dialog-error").render()))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, RegisterActionModal))
        await pilot.press(*"案款已全部执行到位", "ctrl+s")
        await until(
            pilot, lambda: app.screen is screen and screen.page is not None and screen.page.total == 0
        )
    with desk.session() as s:
        rows = s.exec(select(PropertyControl).order_by(PropertyControl.id)).all()
        got = [(r.account_no, r.controlled_on, r.renewed_from_id, r.released_on, r.doc_no) for r in rows]
        assert got == [
            ("6222", date(2026, 3, 6), None, None, ""),
            ("9559", date(2026, 1, 20), None, date(2027, 2, 20), ""),
            ("6222", date(2027, 2, 20), rows[0].id, None, "（2027）豫1502执8号之一"),
        ]
        open_nodes = s.exec(
            select(DeadlineNode.due_on).where(
                DeadlineNode.case_id == cid,
                DeadlineNode.rule_id == "national.seal.deposit",
                col(DeadlineNode.completed_at).is_(None),
            )
        ).all()
        assert len(open_nodes) == 1 and open_nodes[0] > date(2028, 1, 1)  # the new term's only


async def test_who_may_not_record_seals_is_not_offered_the_keys(desk_factory):
    desk, _cid, _handler = _sealed_case(desk_factory)
    with desk.session() as s:
        clerk = s.exec(select(Staff.name).where(Staff.role == "window_clerk").order_by(Staff.id)).first()
    app = make_app(desk, operator=clerk, today=date(2027, 2, 20))
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await _registers(pilot)
        assert screen.page.total == 2
        assert not screen.check_action("renew", ()) and not screen.check_action("release", ())
        await pilot.press("x", "l")
        await pilot.pause()
        assert app.screen is screen


async def test_a_delegation_is_taken_step_by_step_with_x(shihe):  # noqa: F811
    """On the 委托 list x takes the row's next step, asking what that step needs: an outgoing 委托
    handed over on the checklist is sent to the 受托法院 (named in the dialog: the register showed
    "—" for it until now), its 反馈 recorded, then 办结; an incoming one is received. Each is the
    service's act (the states and days in the database)."""
    desk, cid, car = shihe
    checklist.move_item(desk, car, "feedback", result="found", on=date(2026, 11, 16))
    out_id = delegation.flag_delegation(desk, cid, car, on=date(2026, 11, 16))
    checklist.move_item(desk, car, "delegated", on=date(2026, 11, 18))
    in_id = delegation.register_incoming(
        desk, court="郑州市金水区人民法院", matter="冻结存款", arrived_on=date(2026, 11, 20)
    )
    app = make_app(desk, operator=desk.operator, today=date(2026, 11, 23))
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await _registers(pilot)
        await pilot.press("t")
        await until(pilot, lambda: screen.page is not None and screen.delegations)
        assert screen.check_action("step", ()) and not screen.check_action("renew", ())

        async def step(text: str | None, state: str) -> None:
            await pilot.press("x")
            await until(pilot, lambda: isinstance(app.screen, RegisterActionModal))
            if text is not None:
                app.screen.query_one("#action-text", Input).value = text
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen and _cells(screen)[0][2] == state)

        assert [r[:3] for r in _cells(screen)] == [
            [str(out_id), "本院委托", "待发出"],
            [str(in_id), "受托", "待接收"],
        ]
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, RegisterActionModal))
        assert app.screen.query_one(".action-box").border_title == f"发出事项委托　委托 {out_id}"
        await pilot.press("ctrl+s")  # no court: refused in the dialog
        dialog = app.screen
        await until(pilot, lambda: "请写明受托法院" in str(dialog.query_one(".dialog-error").render()))
        dialog.query_one("#action-text", Input).value = "广州市天河区人民法院"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and _cells(screen)[0][2] == "已发出待反馈")
        assert _cells(screen)[0][4] == "广州市天河区人民法院"
        await step("已查封车辆 粤A12345", "已反馈待办结")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, RegisterActionModal))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and [r[0] for r in _cells(screen)] == [str(in_id)])
        await step(None, "办理中")
    with desk.session() as s:
        out, inc = s.get(Delegation, out_id), s.get(Delegation, in_id)
        assert (out.state, out.court, out.sent_on, out.reply, out.done_on) == (
            "done", "广州市天河区人民法院", date(2026, 11, 23), "已查封车辆 粤A12345", date(2026, 11, 23),
        )  # fmt: skip
        assert (inc.state, inc.received_on) == ("received", date(2026, 11, 23))
