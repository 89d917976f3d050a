"""The keys that print a court's own forms on the screen that has the data: approvals p (the
row's 出差审批表 / 结案审查表), board T (the card's 出差审批表), triage p (类案集中审批表), query a
(送达地址确认书), stats g (各组送审案件情况统计表). Each writes the form of what was recorded and
is hidden at a court whose plan does not name the form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from docx import Document
from sqlmodel import select

from tests.services.test_money import staff_with
from tests.triage_fixtures import waiting_case
from tests.tui.conftest import until
from tests.tui.test_board_screen import add_case, open_board
from tests.tui.test_triage_screen import open_queue
from zhixing_tui.services.board import handoffs as ho
from zhixing_tui.services.board.travel import request_travel
from zhixing_tui.storage.models import Approval, Case, Handoff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens.approvals import ApprovalsScreen
from zhixing_tui.tui.screens.query import QueryScreen
from zhixing_tui.tui.screens.stats import StatsScreen

AS_OF = date(2026, 11, 23)
SIZE = (130, 36)
MONITOR = "吴敦辉"


def written(tmp_path, pattern: str) -> list:
    return sorted((tmp_path / "exports").glob(pattern))


def heading(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs][:2]


def field(path, label: str) -> str:
    return next(
        r.cells[1].text for t in Document(str(path)).tables for r in t.rows if r.cells[0].text == label
    )


async def approvals(pilot) -> ApprovalsScreen:
    await pilot.press("f7")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, ApprovalsScreen) and pilot.app.screen.page is not None
    )
    return pilot.app.screen


async def test_approvals_p_prints_the_travel_request_and_the_closing(desk_factory, tmp_path):
    desk = replace(desk_factory("jianli"), operator="杨琼")
    trip = add_case(desk, 21, "online_query", datetime(2026, 11, 2, 9))
    moving = add_case(desk, 22, "online_query", datetime(2026, 11, 3, 9))
    closing = add_case(desk, 23, "online_query", datetime(2026, 11, 4, 9))
    aid = request_travel(desk, trip, scope="in_province", destination="武汉市江岸区", purpose="查找被执行人")
    ho.submit_move(desk, moving, "offline_query")
    hid = ho.submit_close(desk, closing, method="执行完毕", closing_fen=2_300_000, recovered_fen=2_300_000)
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await approvals(pilot)
        assert screen.page.items[0].kind == "move"
        assert screen.check_action("print_form", ()) is False  # a move has no form of its own to sign
        await pilot.press("down")
        assert screen.row.id == hid and screen.check_action("print_form", ())
        await pilot.press("p")
        await until(pilot, lambda: written(tmp_path, "监利-结案审查表-*.docx"))
        (path,) = written(tmp_path, "监利-结案审查表-*.docx")
        assert heading(path) == ["监利市人民法院", "结案审查表"]
        assert field(path, "执行到位金额（元）") == "23,000.00"

        await pilot.press("tab", "tab")  # 待审批事项
        await until(
            pilot, lambda: screen.lane == "pending" and screen.page is not None and screen.page.total == 1
        )
        assert screen.row.id == aid and screen.check_action("print_form", ())
        await pilot.press("p")
        await until(pilot, lambda: written(tmp_path, "监利-出差审批表-*.docx"))
        (path,) = written(tmp_path, "监利-出差审批表-*.docx")
        assert path.name == f"监利-出差审批表-（2026）鄂1088执21号-{aid}.docx"
        assert field(path, "目的地") == "武汉市江岸区"
        assert "党组书记、副院长审批意见" in [r.cells[0].text for r in Document(str(path)).tables[0].rows]
    with desk.session() as s:  # printing decides nothing
        assert s.get(Approval, aid).status == "pending" and s.get(Handoff, hid).status == "submitted"


async def test_board_T_prints_the_cards_trip_once_it_is_approved(desk_factory, tmp_path):
    desk = replace(desk_factory("jianli"), operator="唐崇廉")  # 线索查控组组长
    cid = add_case(desk, 31, "clue_query", datetime(2026, 11, 2, 9))
    no_trip = add_case(desk, 32, "clue_query", datetime(2026, 11, 1, 9))  # longer in the stage: first
    aid = request_travel(desk, cid, scope="in_county", destination="监利市程集镇", purpose="查找被执行人")
    from zhixing_tui.services.board.approvals import decide_any

    decide_any(replace(desk, operator="平俊"), aid, approve=True)  # another 组长 (县内: 报组长批准)
    app = make_app(desk, operator="唐崇廉", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await until(pilot, lambda: cid in board.with_travel)
        assert no_trip not in board.with_travel
        for _ in range(len(board.columns)):  # to the 线索查控 column, where the cards are
            if board.card is not None and board.card.id == no_trip:
                break
            await pilot.press("l")
        assert board.card.id == no_trip and board.check_action("print_travel", ()) is False
        await pilot.press("j")
        assert board.card.id == cid and board.check_action("print_travel", ())
        await pilot.press("T")
        await until(pilot, lambda: written(tmp_path, "监利-出差审批表-*.docx"))
        (path,) = written(tmp_path, "监利-出差审批表-*.docx")
        assert field(path, "出差范围") == "县内（报组长批准）"
        labels = [r.cells[0].text for r in Document(str(path)).tables[0].rows]
        assert "组长意见" not in labels  # the 组长 is the approver: one box
        assert field(path, "组长审批意见").startswith("同意出差。（平俊于2026年11月23日在系统中批准）")


async def test_triage_p_prints_the_related_cases_proposal(desk_factory, tmp_path):
    from zhixing_tui.services.triage.decisions import decide, set_case_facts
    from zhixing_tui.services.triage.followup import propose_related

    desk = desk_factory("gushi")
    clerk = staff_with(desk, "triage_clerk")
    desk.operator = clerk
    other = waiting_case(
        desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 3, 9), respondent="王五"
    )
    set_case_facts(desk, other, {"no_property_found": True})
    decide(desk, other)
    cid = waiting_case(
        desk, 2, received=date(2026, 11, 10), entered=datetime(2026, 11, 12, 9), respondent="王五"
    )
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.current_view.case_id == cid
        assert screen.check_action("print_related", ()) is False  # nothing proposed yet
    aid = propose_related(desk, cid)
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.current_view.case_id == cid and screen.current_view.related_asked
        assert screen.check_action("print_related", ())
        await pilot.press("p")
        await until(pilot, lambda: written(tmp_path, "固始-类案集中审批表-*.docx"))
        (path,) = written(tmp_path, "固始-类案集中审批表-*.docx")
        assert heading(path) == ["固始县人民法院", "类案集中审批表"]
        assert field(path, "建议承办团队") == "速执团队"
        rows = [[c.text for c in r.cells] for r in Document(str(path)).tables[1].rows]
        assert rows[1][1].startswith("（2026）豫1525执1号") and rows[1][2] == "被执行人相同"
    with desk.session() as s:
        assert s.get(Approval, aid).status == "pending"


async def test_query_a_prints_the_address_confirmation_where_the_plan_names_it(desk_factory, tmp_path):
    for court, prints in (("gushi", True), ("ruyang", False)):
        desk = desk_factory(court)
        desk.operator = staff_with(desk, "window_clerk")
        cid = waiting_case(desk, 7, received=date(2026, 11, 20), entered=datetime(2026, 11, 20, 9))
        with desk.session() as s:
            no = s.get(Case, cid).case_no
        app = make_app(desk, operator=desk.operator, today=AS_OF)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            query = pilot.app.screen
            assert isinstance(query, QueryScreen)
            await pilot.press(*"执7号")
            await until(pilot, lambda q=query: bool(q.query_one("CasePicker").rows))
            await pilot.press("enter")
            await until(pilot, lambda q=query: q.view is not None)
            assert bool(query.check_action("address_form", ())) is prints
            if prints:
                await pilot.press("a")
                await until(pilot, lambda: written(tmp_path, "固始-送达地址确认书-*.docx"))
                (path,) = written(tmp_path, "固始-送达地址确认书-*.docx")
                assert path.name == f"固始-送达地址确认书-{no}.docx"
                receivers = [
                    r.cells[1].text
                    for t in Document(str(path)).tables
                    for r in t.rows
                    if r.cells[0].text == "受送达人"
                ]
                assert receivers == ["李四（申请执行人）", "张三（被执行人）"]


async def test_stats_g_prints_the_group_submissions_of_the_month(desk_factory, tmp_path):
    desk = replace(desk_factory("jianli"), operator="杨琼")
    hid = ho.submit_move(desk, add_case(desk, 41, "online_query", datetime(2026, 10, 2, 9)), "offline_query")
    ho.return_handoff(replace(desk, operator=MONITOR), hid, reason="未附报告财产令送达回证")
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await until(
            pilot, lambda: isinstance(pilot.app.screen, StatsScreen) and pilot.app.screen.figures is not None
        )
        screen = pilot.app.screen
        await pilot.press("]")  # 2026-11: the month the move was submitted in
        await until(pilot, lambda: screen.figures is not None and screen.month.month == 11)
        assert screen.check_action("submissions", ())
        await pilot.press("g")
        await until(pilot, lambda: written(tmp_path, "监利-各组送审案件情况统计表-2026-11.docx"))
        (path,) = written(tmp_path, "监利-各组送审案件情况统计表-2026-11.docx")
        rows = [[c.text for c in r.cells] for r in Document(str(path)).tables[0].rows]
        assert rows[1] == ["线上查控组", "1", "1", "0", "0", "1", "0", "100.0%"]


async def test_stats_g_is_hidden_where_the_plan_has_no_such_table(desk_factory):
    desk = desk_factory("ruyang")
    with desk.session() as s:
        from zhixing_tui.storage.models import Staff

        name = s.exec(select(Staff.name).where(Staff.role == "stats")).first()
    app = make_app(desk, operator=name, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await until(
            pilot, lambda: isinstance(pilot.app.screen, StatsScreen) and pilot.app.screen.figures is not None
        )
        assert pilot.app.screen.check_action("submissions", ()) is False


async def test_disposal_v_prints_the_valuation_handover_only_at_shihe(desk_factory, tmp_path):
    from tests.services.test_printed_forms import shihe_house
    from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
    from zhixing_tui.tui.screens.disposal import DisposalScreen

    desk, case_no, _house = shihe_house(desk_factory)
    with desk.session() as s:
        cid = s.exec(select(Case.id).where(Case.case_no == case_no)).one()
    app = make_app(desk, operator=desk.operator, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(cid)
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.detail is not None)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, DisposalScreen) and app.screen.disposals)
        screen = app.screen
        assert screen.check_action("print_form", ())
        await pilot.press("v")
        await until(pilot, lambda: written(tmp_path, "浉河-评估工作交接表-*.docx"))
        (path,) = written(tmp_path, "浉河-评估工作交接表-*.docx")
        assert field(path, "占有使用情况") == "张三一家居住"
