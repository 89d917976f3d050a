"""The dialogs that write (执行措施 新增/解除, 财产处置, 案款 发放/退回, 恢复执行申请): a refusal of the
service after Ctrl+S stays in the dialog — the message in its error line, the focus on the field
it names, what was typed kept — and the dialog closes only when the write went through. At 80×24
the tall dialogs scroll, so the focused last field and the error line are on the screen."""

from __future__ import annotations

from datetime import date

from sqlmodel import select
from textual.geometry import Region
from textual.widgets import Input

from tests.services.test_money import as_role, new_case, staff_with
from tests.services.test_triage_service import staff_with as triage_staff_with
from tests.services.test_zhongben_library import zhongben_case
from tests.tui.conftest import settle, until
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.money.records import claim_payment, record_arrival
from zhixing_tui.storage.models import Measure, Payout, QueryItem, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.disposal_step import DisposalStepModal, StartDisposalModal
from zhixing_tui.tui.modals.measure_form import AddMeasureModal, LiftMeasureModal
from zhixing_tui.tui.modals.money import PayoutModal
from zhixing_tui.tui.modals.resumption_request import ResumptionRequestModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.disposal import DisposalScreen
from zhixing_tui.tui.screens.measures import MeasuresScreen
from zhixing_tui.tui.screens.money import MoneyScreen
from zhixing_tui.tui.screens.zhongben_library import ZhongbenLibraryScreen

AS_OF = date(2026, 11, 23)
SMALL = (80, 24)


def staff(desk, role: str) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role).order_by(Staff.id)).first()


def a_case(desk, n: int = 7) -> int:
    return register_case(
        desk, case_no=f"（2026）豫0326执{n}号", filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip


def error_text(modal) -> str:
    return str(modal.query_one(".dialog-error").render())


def visible(app, widget) -> bool:
    """The whole widget lies within the screen and within the scrolled view of its container."""
    region = widget.region
    parent = widget.parent
    view = parent.content_region if parent is not None else region
    return (
        region.height > 0 and Region(0, 0, *app.size).contains_region(region) and view.contains_region(region)
    )


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def open_measures(app, pilot, cid: int) -> MeasuresScreen:
    app.open_case(cid)
    await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.detail is not None)
    await pilot.press("m")
    await until(pilot, lambda: isinstance(app.screen, MeasuresScreen))
    await settle(pilot)
    return app.screen


async def test_a_refused_detention_stays_in_the_dialog_with_what_was_typed(desk):
    cid = a_case(desk)
    app = make_app(desk, operator=staff(desk, "handler"), today=AS_OF)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_measures(app, pilot, cid)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddMeasureModal))
        modal = app.screen
        await pilot.press("enter", "down", "down", "down", "enter")  # 拘留
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "SC5")
        await pilot.press("tab")
        await type_text(pilot, "20")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "拘留期限应为1至15日" in error_text(modal))
        await settle(pilot)
        assert app.screen is modal
        assert error_text(modal).startswith("拘留天数：拘留期限应为1至15日")
        assert modal.focused is modal.query_one("#measure-days")
        assert modal.query_one("#measure-days", Input).value == "20"
        assert modal.query_one("#measure-doc", Input).value == "SC5"
        assert visible(app, modal.query_one(".dialog-error"))
        with desk.session() as s:
            assert s.exec(select(Measure)).all() == []

        # corrected in place: now it is written and the dialog closes
        await pilot.press("backspace", "backspace", *"15", "ctrl+s")
        await until(pilot, lambda: app.screen is screen and len(screen.measures) == 1)
        assert screen.measures[0].days == 15


async def test_a_lifting_without_its_document_number_stays_in_the_dialog(desk):
    cid = a_case(desk)
    app = make_app(desk, operator=staff(desk, "handler"), today=AS_OF)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_measures(app, pilot, cid)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddMeasureModal))
        await pilot.press("tab", "tab", "tab", *"XX7", "ctrl+s")  # a 限制消费
        await until(pilot, lambda: app.screen is screen and len(screen.measures) == 1)
        await settle(pilot)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LiftMeasureModal))
        modal = app.screen
        await type_text(pilot, "paid")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "文书字号" in error_text(modal))
        await settle(pilot)
        assert app.screen is modal
        assert error_text(modal) == "请填写解除的文书字号"
        assert modal.focused is modal.query_one("#lift-doc")
        assert modal.query_one("#lift-reason", Input).value == "paid"
        assert screen.measures[0].in_force


async def test_the_tall_measure_dialog_scrolls_at_80x24(desk):
    cid = a_case(desk)
    app = make_app(desk, operator=staff(desk, "handler"), today=AS_OF)
    async with app.run_test(size=SMALL) as pilot:
        await open_measures(app, pilot, cid)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddMeasureModal))
        modal = app.screen
        await pilot.press(*["tab"] * 6)  # kind → party → date → doc → days → amount → note
        await settle(pilot)
        note = modal.query_one("#measure-note")
        assert modal.focused is note
        await until(pilot, lambda: visible(app, note))

        await pilot.press("shift+tab", *"abc", "ctrl+s")  # the amount: a format mistake
        await until(pilot, lambda: "金额" in error_text(modal))
        assert visible(app, modal.query_one(".dialog-error"))
        assert visible(app, modal.query_one("#measure-amount"))


async def disposal_case(desk_factory):
    desk = desk_factory("ruyang")
    cid = a_case(desk)
    with desk.transaction() as s:
        s.add(QueryItem(case_id=cid, channel="offline", asset_type="real_estate", status="sealed",
                        result="found", controlled_on=date(2026, 11, 2)))  # fmt: skip
    return desk, cid


async def test_a_reference_price_without_amount_stays_in_the_step_dialog(desk_factory):
    desk, cid = await disposal_case(desk_factory)
    app = make_app(desk, operator=staff(desk, "bureau_chief"), today=AS_OF)
    async with app.run_test(size=SMALL) as pilot:
        app.open_case(cid)
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.detail is not None)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, DisposalScreen) and app.screen.candidates)
        screen = app.screen
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, StartDisposalModal))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and len(screen.disposals) == 1)
        await settle(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, DisposalStepModal))
        await pilot.press("ctrl+s")  # 启动评估
        await until(pilot, lambda: screen.disposals and screen.disposals[0].valuation_started_on is not None)
        await settle(pilot)

        await pilot.press("n")  # 参考价, but no amount
        await until(pilot, lambda: isinstance(app.screen, DisposalStepModal))
        modal = app.screen
        modal.query_one("#disposal-note", Input).value = "评估报告已送达"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "请填写金额" in error_text(modal))
        await settle(pilot)
        assert app.screen is modal
        amount = modal.query_one("#disposal-amount")
        assert modal.focused is amount
        assert visible(app, amount) and visible(app, modal.query_one(".dialog-error"))
        assert modal.query_one("#disposal-note", Input).value == "评估报告已送达"
        assert screen.disposals[0].reference_price_fen is None

        # at 80×24 the last field comes into view when tabbed to
        await pilot.press(*["tab"] * 3)  # amount → until → 终结 → note
        await settle(pilot)
        note = modal.query_one("#disposal-note")
        assert modal.focused is note
        await until(pilot, lambda: visible(app, note))


async def test_a_payout_without_voucher_names_the_field(desk):
    case_id = new_case(desk, 5)
    clerk = as_role(desk, "case_money")
    pid = record_arrival(clerk, arrived_on=date(2026, 11, 20), amount_fen=150_000, payer="张三", ref_no="LS1")
    claim_payment(clerk, pid, case_id)
    app = make_app(desk, operator=staff_with(desk, "case_money"), today=date(2026, 11, 23))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, MoneyScreen) and app.screen.page is not None)
        screen = app.screen
        await pilot.press("v")
        await until(pilot, lambda: screen.view == "unpaid" and screen.page is not None and screen.page.total)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PayoutModal))
        modal = app.screen
        await pilot.press("ctrl+s")
        await until(pilot, lambda: error_text(modal) != "")
        assert error_text(modal) == "请填写支付凭证号"
        assert modal.focused is modal.query_one("#out-voucher")

        # more than the balance: the service refuses, the dialog keeps the values
        modal.query_one("#out-amount", Input).value = "2000"
        modal.query_one("#out-voucher", Input).value = "ZF1"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "超过该笔案款余额" in error_text(modal))
        await settle(pilot)
        assert app.screen is modal
        assert modal.focused is modal.query_one("#out-amount")
        assert modal.query_one("#out-voucher", Input).value == "ZF1"
        with desk.session() as s:
            assert s.exec(select(Payout)).all() == []


async def test_a_resumption_request_without_reason_or_too_early_stays_in_the_dialog(desk):
    zhongben_case(desk, 1, closed=date(2026, 8, 31))
    app = make_app(desk, operator=triage_staff_with(desk, "window_clerk"), today=date(2027, 3, 2))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f12")
        await until(
            pilot, lambda: isinstance(app.screen, ZhongbenLibraryScreen) and app.screen.page is not None
        )
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, ResumptionRequestModal))
        modal = app.screen
        await pilot.press("ctrl+s")
        await until(pilot, lambda: error_text(modal) != "")
        assert error_text(modal) == "请填写申请理由"

        # a day before the 终本: the service refuses it, the focus goes to the date
        modal.query_one("#resume-date", Input).value = "2026-08-01"
        modal.query_one("#resume-reason", Input).value = "申请人提供车辆线索"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "早于终本结案日期" in error_text(modal))
        await settle(pilot)
        assert app.screen is modal
        assert modal.focused is modal.query_one("#resume-date")
        assert modal.query_one("#resume-reason", Input).value == "申请人提供车辆线索"
