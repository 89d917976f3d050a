"""The 执行措施 screen from 案件详情 (m): add a measure and lift one through the dialogs; the rows
land in the database through the measures service."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.roster import act_as
from tests.tui.conftest import notifications, settle, until
from tests.tui.test_dialog_refusals import open_measures
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import Measure, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.measure_form import AddMeasureModal, LiftMeasureModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.measures import MeasuresScreen
from zhixing_tui.tui.widgets.lists import KeyTable

AS_OF = date(2026, 11, 23)
SIZE = (120, 40)


def rows(desk) -> list[tuple]:
    with desk.session() as s:
        return [
            (m.kind, m.days, m.doc_no, m.state, m.decided_on, m.lifted_on, m.lift_reason)
            for m in s.exec(select(Measure).order_by(Measure.id))
        ]


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def test_add_a_detention_and_lift_a_ban_with_the_keys(desk):
    with desk.session() as s:
        handler = s.exec(select(Staff.name).where(Staff.role == "handler").order_by(Staff.id)).first()
    cid = register_case(
        desk, case_no="（2026）豫0326执7号", filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    app = make_app(desk, operator=handler, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(cid)
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.detail is not None)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeasuresScreen))
        await settle(pilot)
        assert app.screen.query_one("#measures-box").border_subtitle == "尚无执行措施，按 a 新增"

        # 新增：拘留 15日 — kind chosen in the list (限制消费, 失信, 罚款, 拘留 …), then the fields
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddMeasureModal))
        await pilot.press("enter", "down", "down", "down", "enter")
        await pilot.press("tab", "tab", "tab")  # → party → date → document
        await type_text(pilot, "SC5")
        await pilot.press("tab")
        await type_text(pilot, "15")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MeasuresScreen) and len(app.screen.measures) == 1)
        assert rows(desk) == [("detention", 15, "SC5", "done", AS_OF, None, "")]
        assert "已记录：对张三决定拘留15日" in [n.message for n in notifications(app)]

        # a 限消, then lift it: the highlighted row, l, a reason and the document
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddMeasureModal))
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "XX7")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MeasuresScreen) and len(app.screen.measures) == 2)
        table = app.screen.query_one("#measures-table", KeyTable)
        assert not app.screen.check_action("lift", ())  # the 拘留 under the cursor is a one-off act
        table.focus()
        await pilot.press("down")
        assert app.screen.check_action("lift", ())
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LiftMeasureModal))
        await type_text(pilot, "paid")
        await pilot.press("tab")
        await type_text(pilot, "JC1")
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: isinstance(app.screen, MeasuresScreen) and not app.screen.measures[1].in_force
        )
        assert rows(desk)[1] == ("consumption_ban", None, "XX7", "lifted", AS_OF, AS_OF, "paid")
        assert app.screen.query_one("#measures-box").border_subtitle == "共 2 项，在执行 0 项"

        # a lifted ban has no l: the key does nothing, nothing is written
        table.focus()
        await pilot.press("down")
        assert table.cursor_key == str(app.screen.measures[1].id)
        assert not app.screen.check_action("lift", ())
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, MeasuresScreen)
        assert rows(desk)[1][3] == "lifted"


async def test_a_closed_case_offers_no_new_measure(desk):
    """A closed case takes no new measure (the service refuses): the screen hides a 新增 and says why."""
    from zhixing_tui.services.cases.lifecycle import close_case

    with desk.session() as s:
        handler = s.exec(select(Staff.name).where(Staff.role == "handler").order_by(Staff.id)).first()
    cid = register_case(
        desk, case_no="（2026）豫0326执8号", filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    close_case(
        desk,
        cid,
        method="执行完毕",
        closed_on=date(2026, 11, 20),
        closing_fen=1_000_000,
        recovered_fen=1_000_000,
    )
    app = make_app(desk, operator=handler, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_measures(app, pilot, cid)
        assert (
            screen.query_one("#measures-box").border_subtitle
            == "案件已结案，不能新增执行措施（在执行的措施仍可解除）"
        )
        assert screen.check_action("add", ()) is False
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen and rows(desk) == []


async def test_a_window_clerk_is_not_offered_a_new_measure(desk):
    """Taking a measure is the handlers' (TAKE_ROLES): a window clerk is not offered 新增 only to be
    refused once the whole form is filled in (the service refuses all the same)."""
    cid = register_case(
        desk, case_no="（2026）豫0326执9号", filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    app = make_app(desk, operator=act_as(desk, "window_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_measures(app, pilot, cid)
        assert screen.can_add and screen.check_action("add", ()) is False
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen and rows(desk) == []
