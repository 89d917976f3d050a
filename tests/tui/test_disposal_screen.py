"""The 财产处置 screen from 案件详情 (p): put the sealed house into disposal, record 委托评估 and the
reference price through the dialogs; the rows land in the database through the disposal service."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.tui.conftest import notifications, settle, until
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import DeadlineNode, Disposal, QueryItem, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.disposal_step import DisposalStepModal, StartDisposalModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.disposal import DisposalScreen

AS_OF = date(2026, 11, 23)
SIZE = (120, 40)


def rows(desk) -> list[tuple]:
    with desk.session() as s:
        return [
            (d.query_item_id, d.started_on, d.valuation_method, d.valuation_started_on, d.reference_price_fen)
            for d in s.exec(select(Disposal).order_by(Disposal.id))
        ]


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def test_start_value_and_price_a_house_with_the_keys(desk_factory):
    desk = desk_factory("ruyang")
    with desk.session() as s:
        chief = s.exec(select(Staff.name).where(Staff.role == "bureau_chief").order_by(Staff.id)).first()
    cid = register_case(
        desk, case_no="（2026）豫0326执7号", filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    with desk.transaction() as s:
        house = QueryItem(case_id=cid, channel="offline", asset_type="real_estate", status="sealed",
                          result="found", controlled_on=date(2026, 11, 2))  # fmt: skip
        s.add(house)
        s.flush()
        house_id = house.id
    app = make_app(desk, operator=chief, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(cid)
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.detail is not None)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, DisposalScreen) and app.screen.candidates)
        screen = app.screen
        assert (
            screen.query_one("#disposal-box").border_subtitle
            == "尚无进入处置的财产：按 s 使已查封、冻结的财产进入处置"
        )
        assert not screen.check_action("next_step", ())

        # s: the only sealed item, dated today
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, StartDisposalModal))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DisposalScreen) and len(screen.disposals) == 1)
        assert rows(desk) == [(house_id, AS_OF, "", None, None)]
        assert "已进入财产处置：（2026）豫0326执7号　线下·房产（已查封）　2026-11-23" in [
            n.message for n in notifications(app)
        ]

        # n: the first step offered is 启动评估/询价, 委托评估 by default
        await settle(pilot)
        assert screen.check_action("next_step", ())
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, DisposalStepModal))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.disposals and screen.disposals[0].valuation_started_on is not None)
        assert rows(desk) == [(house_id, AS_OF, "appraisal", AS_OF, None)]
        assert not screen.check_action("print_form", ())  # 评估工作交接表 is 浉河's form, not 汝阳's

        # n again: 参考价 with its amount in 元
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, DisposalStepModal))
        await pilot.press("tab", "tab", "tab")  # → date → method → amount
        await type_text(pilot, "350000")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.disposals and screen.disposals[0].reference_price_fen is not None)
        assert rows(desk) == [(house_id, AS_OF, "appraisal", AS_OF, 35_000_000)]
        assert screen.disposals[0].status == "已确定参考价"
        with desk.session() as s:
            node = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "ruyang.auction_handover")).one()
        assert (node.anchor_event, node.completed_at) == ("reference_price_set", None)

        # n without an amount for 成交 would be refused by the service: here 移交拍卖 is next
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, DisposalStepModal))
        assert app.screen.steps[:2] == ["handover", "ruling"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DisposalScreen) and rows(desk)[0][4] == 35_000_000
