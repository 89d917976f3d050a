"""案款 by keys: F11 lists the unclaimed arrivals; c claims one to a case picked by 案号; v moves to
the claimed-not-paid list with the limit; p pays part out, t returns the rest; the balances list;
Enter opens the case. Every step checked in the database."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.services.test_money import as_role, new_case, staff_with
from tests.tui.conftest import settle, until
from zhixing_tui.services.money.records import record_arrival
from zhixing_tui.storage.models import Payment, Payout
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.money import ClaimModal, PayoutModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.money import MoneyScreen
from zhixing_tui.tui.widgets.lists import CaseTable


def _cells(screen) -> list[list[str]]:
    table = screen.query_one(CaseTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_claim_pay_return_and_open_by_keys(desk):
    case_id = new_case(desk, 5)
    other = new_case(desk, 6)
    clerk = as_role(desk, "case_money")
    record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=150_000, payer="张三", ref_no="LS1")
    record_arrival(clerk, arrived_on=date(2026, 11, 20), amount_fen=2_000, payer="李某", case_id=other)
    app = make_app(desk, operator=staff_with(desk, "case_money"), today=date(2026, 11, 23))
    async with app.run_test(size=(150, 32)) as pilot:
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, MoneyScreen) and app.screen.page is not None)
        screen = app.screen
        assert _cells(screen) == [["1", "2026-11-02", "1,500.00", "张三", "LS1", "21"]]
        status = str(screen.query_one("#money-status").render())
        assert "到账 1,520.00" in status and "未认领 1,500.00" in status

        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClaimModal))
        picker = app.screen.query_one("CasePicker")
        picker.input.value = "（2026）豫0326执5号"
        await until(pilot, lambda: [r.case_no for r in picker.rows.values()] == ["（2026）豫0326执5号"])
        await pilot.press("enter")
        await until(
            pilot, lambda: app.screen is screen and screen.page is not None and screen.page.total == 0
        )
        with desk.session() as s:
            p = s.get(Payment, 1)
            assert (p.case_id, p.claimed_on) == (case_id, date(2026, 11, 23))

        await pilot.press("v")  # 已认领未发放
        await until(pilot, lambda: screen.view == "unpaid" and screen.page is not None)
        rows = _cells(screen)
        assert [r[:4] for r in rows] == [
            ["1", "（2026）豫0326执5号", "2026-11-02", "1,500.00"],
            ["2", "（2026）豫0326执6号", "2026-11-20", "20.00"],
        ]
        assert rows[0][6] == "2026-11-09 超期" and rows[1][6] == "2026-11-27"

        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PayoutModal))
        app.screen.query_one("#out-amount").value = "1000"
        app.screen.query_one("#out-voucher").value = "ZF100"
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: (
                app.screen is screen
                and screen.page is not None
                and screen.page.items[0].balance_fen == 50_000
            ),
        )

        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, PayoutModal))
        app.screen.query_one("#out-text").value = "多缴退回"
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: app.screen is screen and screen.page is not None and screen.page.total == 1
        )
        with desk.session() as s:
            outs = s.exec(select(Payout).order_by(Payout.id)).all()
            assert [
                (o.payment_id, o.kind, o.amount_fen, o.payee, o.voucher_no, o.reason, o.paid_on) for o in outs
            ] == [
                (1, "payout", 100_000, "李四", "ZF100", "", date(2026, 11, 23)),
                (1, "return", 50_000, "张三", "", "多缴退回", date(2026, 11, 23)),
            ]
            assert s.get(Payment, 1).paid_out_on == date(2026, 11, 23)

        await pilot.press("v")  # 案件余额: only case 6 still has money
        await until(pilot, lambda: screen.view == "balances" and screen.page is not None)
        assert _cells(screen) == [["（2026）豫0326执6号", "20.00", "0.00", "0.00", "20.00"]]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == other
        await settle(pilot)


async def test_late_payout_request_by_key_writes_the_form(desk_factory, tmp_path):
    from zhixing_tui.storage.models import Approval
    from zhixing_tui.tui.modals.money import LateReasonModal

    desk = desk_factory("shihe")
    case_id = new_case(desk, 5)
    record_arrival(as_role(desk, "case_money"), arrived_on=date(2026, 11, 2), amount_fen=80_000, payer="张三",
                   case_id=case_id)  # fmt: skip
    app = make_app(desk, operator=staff_with(desk, "case_money"), today=date(2026, 11, 23))
    async with app.run_test(size=(150, 32)) as pilot:
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, MoneyScreen) and app.screen.page is not None)
        screen = app.screen
        assert not screen.check_action("late", ())  # unclaimed list: nothing to ask for
        await pilot.press("v")
        await until(
            pilot, lambda: screen.view == "unpaid" and screen.page is not None and screen.page.total == 1
        )
        assert screen.check_action("late", ())
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LateReasonModal))
        app.screen.query_one("#return-reason").value = "申请执行人下落不明"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen)
        await until(pilot, lambda: list((tmp_path / "exports").glob("浉河-案款逾期发放说明及审批表-*.docx")))
        with desk.session() as s:
            a = s.exec(select(Approval).where(Approval.kind == "late_payout")).one()
            assert (a.case_id, a.level, a.details["reason"], a.status) == (
                case_id, "bureau_chief", "申请执行人下落不明", "pending"
            )  # fmt: skip


async def test_ruyang_has_no_late_payout_key(desk):
    case_id = new_case(desk, 5)
    record_arrival(as_role(desk, "case_money"), arrived_on=date(2026, 11, 2), amount_fen=100, payer="张三",
                   case_id=case_id)  # fmt: skip
    app = make_app(desk, operator=staff_with(desk, "case_money"), today=date(2026, 11, 23))
    async with app.run_test(size=(150, 32)) as pilot:
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, MoneyScreen) and app.screen.page is not None)
        await pilot.press("v")
        await until(pilot, lambda: app.screen.view == "unpaid" and app.screen.page is not None)
        assert app.screen.page.total == 1 and not app.screen.check_action("late", ())


async def test_the_money_keys_are_the_money_clerks_and_a_refusal_shows_in_the_dialog(desk):
    """A window clerk is not offered c/p/t (the service refuses them: MONEY_ROLES). A claim refused
    in the dialog shows its reason above the picker, open again — it used to close the picker and
    leave an empty frame, the reason hidden under the border."""
    from zhixing_tui.errors import Conflict

    new_case(desk, 5)
    clerk = as_role(desk, "case_money")
    record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=150_000, payer="张三", ref_no="LS1")
    app = make_app(desk, operator=staff_with(desk, "window_clerk"), today=date(2026, 11, 23))
    async with app.run_test(size=(150, 32)) as pilot:
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, MoneyScreen) and app.screen.page is not None)
        screen = app.screen
        assert screen.row is not None and not screen.check_action("claim", ())
        await pilot.press("c")
        await settle(pilot)
        assert app.screen is screen

        def refuse(case_id: int) -> str:
            raise Conflict("该笔案款已被认领")

        app.push_screen(ClaimModal("认领案款", refuse))
        await until(pilot, lambda: isinstance(app.screen, ClaimModal))
        await settle(pilot)
        modal = app.screen
        picker = modal.query_one("CasePicker")
        picker.input.value = "（2026）豫0326执5号"
        await until(pilot, lambda: [r.case_no for r in picker.rows.values()] == ["（2026）豫0326执5号"])
        await pilot.press("enter")
        error = modal.query_one("#claim-error")
        await until(pilot, lambda: str(error.render()) == "该笔案款已被认领")
        await settle(pilot)
        box = modal.query_one("#claim-box")
        assert picker.display and picker.region.height > 0
        assert box.region.y < error.region.y < box.region.bottom - 1  # inside the frame, not under it
