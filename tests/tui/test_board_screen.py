"""The handoff board by keys on a 监利 database: focus, H/L, the jump pick, Esc, filters, paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import func, select
from textual.widgets._footer import FooterKey

from tests.tui.conftest import errors, notifications, settle, until
from zhixing_tui.services.board import query as bq
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import AuditEntry, Case, Handoff, OrgUnit, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.close_case import CloseCaseModal
from zhixing_tui.tui.modals.confirm import ConfirmModal
from zhixing_tui.tui.modals.pick_target import PickTargetModal
from zhixing_tui.tui.screens.board import BoardScreen
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.widgets.board_column import card_lines

AS_OF = date(2026, 11, 23)
SIZE = (160, 40)


def add_case(desk, n: int, stage: str, entered: datetime) -> int:
    cid = register_case(
        desk,
        case_no=f"(2026)鄂1088执{n}号",
        filed_on=date(2026, 9, 1),
        claim_fen=n * 100_000,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput(f"荆州市长江建材{n}号有限公司", "company")],
    )
    with desk.transaction() as s:
        case = s.get(Case, cid)
        case.stage, case.stage_entered_at = stage, entered
        s.add(case)
    return cid


@pytest.fixture
def jl(desk_factory):
    desk = desk_factory("jianli")
    ids = {
        "online": add_case(desk, 11, "online_query", datetime(2026, 10, 20, 9)),
        "online2": add_case(desk, 12, "online_query", datetime(2026, 11, 20, 9)),
        "clue": add_case(desk, 13, "clue_query", datetime(2026, 9, 1, 9)),
        "zhongben": add_case(desk, 14, "zhongben", datetime(2026, 11, 2, 9)),
    }
    return desk, ids


def handoffs(desk) -> list[tuple]:
    with desk.session() as s:
        return [
            (h.case_id, h.from_stage, h.to_stage, h.status, h.submitted_by, h.form.get("note"))
            for h in s.exec(select(Handoff).order_by(Handoff.id))
        ]


def audit_count(desk) -> int:
    with desk.session() as s:
        return s.exec(select(func.count()).select_from(AuditEntry)).one()


async def open_board(pilot) -> BoardScreen:
    await pilot.press("f5")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, BoardScreen) and pilot.app.screen.view is not None
    )
    return pilot.app.screen


async def test_columns_cards_and_focus(jl):
    desk, ids = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        assert [c.name for c in board.view.columns] == [
            "线上查控",
            "线下查控",
            "线索查控",
            "财产处置",
            "拒执打击",
            "终本办理",
            "结案审查",
        ]
        assert [(c.total, c.over) for c in board.view.columns][:3] == [(2, 1), (0, 0), (1, 1)]
        assert board.card.id == ids["online"] and board.card.days == 34 and board.card.over
        await pilot.press("j")
        assert board.card.id == ids["online2"]
        await pilot.press("j")  # clamps at the last card
        assert board.card.id == ids["online2"]
        await pilot.press("k", "l", "l")
        assert board.column.code == "clue_query" and board.card.id == ids["clue"]
        await pilot.press("right")
        assert board.column.code == "disposal" and board.card is None
        assert not board.check_action("move", (1,))  # no card: move keys hidden
        await pilot.press("left", "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == ids["clue"]


async def test_L_submits_a_move_to_the_next_group(jl):
    desk, ids = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, PickTargetModal))
        modal = app.screen
        assert [t.stage for t in modal.targets] == ["offline_query"]
        assert modal.chosen == "offline_query"
        assert "总对总查控实有情况表" in modal.targets[0].text()
        await pilot.press("tab")
        modal.query_one("#pick-note").value = "组长已签字"  # Pilot types ASCII keys only
        await pilot.press("enter")
        await until(pilot, lambda: bool(handoffs(desk)))
        assert handoffs(desk) == [
            (ids["online"], "online_query", "offline_query", "submitted", "杨琼", "组长已签字")
        ]
        await until(pilot, lambda: board.card is not None and board.card.pending_id is not None)
        with desk.session() as s:
            assert s.get(Case, ids["online"]).stage == "online_query"  # stays until approved
        assert board.view.columns[0].awaiting == 1
        # a second move of the same case is refused on the board, nothing written
        before = audit_count(desk)
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and audit_count(desk) == before


async def test_jump_offers_disposal_and_refusal_from_clue(jl):
    desk, ids = jl
    app = make_app(desk, operator="唐崇廉", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("l", "l", "m")
        await until(pilot, lambda: isinstance(app.screen, PickTargetModal))
        modal = app.screen
        assert [(t.stage, t.stage_name) for t in modal.targets] == [
            ("disposal", "财产处置"),
            ("refusal", "拒执打击"),
            ("closing_review", "结案审查"),
        ]
        await pilot.press("j", "enter")  # 拒执打击
        await until(pilot, lambda: bool(handoffs(desk)))
        assert handoffs(desk) == [(ids["clue"], "clue_query", "refusal", "submitted", "唐崇廉", "")]
        assert board.column.code == "clue_query"


async def test_escape_cancels_a_pending_pick_without_writing(jl):
    desk, _ids = jl
    app = make_app(desk, operator="吴小敏", today=AS_OF)  # 指挥监控: may submit from every group
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        before = audit_count(desk)
        for keys in (["L"], ["m"], ["l", "l", "m", "j"]):
            await pilot.press(*keys)
            await until(pilot, lambda: isinstance(app.screen, PickTargetModal))
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is board)
        await settle(pilot)
        assert handoffs(desk) == [] and audit_count(desk) == before
        # H from the first group: nothing to the left, no pick offered
        await pilot.press("h", "h", "H")
        await settle(pilot)
        assert app.screen is board and handoffs(desk) == []


async def test_close_shows_what_zhongben_lacks(jl):
    desk, ids = jl
    app = make_app(desk, operator="崔义明", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        for _ in range(5):
            await pilot.press("l")
        assert board.card.id == ids["zhongben"]
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CloseCaseModal))
        modal = app.screen
        assert modal.methods == ["终结本次执行程序", "执行完毕", "终结执行"]
        # 8 national conditions (法〔2016〕373号; (五) does not apply) and 监利's six materials
        assert len(modal.missing) == 14 and modal.missing[0] == "已发出执行通知书"
        shown = modal.query_one("#close-missing")
        await until(pilot, lambda: str(shown.render()) != "")  # drawn after the dialog is on screen
        missing_text = str(shown.render())
        assert (
            "✗ 已发出执行通知书：执行通知书未制作（文书）（法〔2016〕373号第一条第（一）项）" in missing_text
        )
        assert "✓ 下落不明的已依法查找：不适用：承办人未记录被执行人下落不明" in missing_text
        assert "✗ （六）终本约谈及报审材料：材料未备（终本材料）（004 第六组 3.(六)）" in missing_text
        await pilot.press("ctrl+s")  # refused inside the dialog: it stays open, nothing written
        await settle(pilot)
        assert app.screen is modal and handoffs(desk) == []
        error = str(modal.query_one("#close-error").render())
        assert error.startswith("终本条件不具备，不能以终本结案；尚缺：已发出执行通知书；已责令报告财产")
        await pilot.press("j")  # another method clears the message
        assert str(modal.query_one("#close-error").render()) == ""


async def test_close_dialog_keeps_what_was_typed_when_the_amounts_do_not_fit(jl):
    desk, ids = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        assert board.card.id == ids["online"]
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CloseCaseModal))
        modal = app.screen
        assert modal.method == "执行完毕"
        modal.query_one("#close-amount").value = "11000"
        modal.query_one("#close-recovered").value = "5000"
        modal.query_one("#close-reason").value = "部分履行"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal and handoffs(desk) == []
        error = modal.query_one("#close-error")
        assert str(error.render()) == "以执行完毕结案时，执行到位金额与申请人放弃标的额之和应等于结案标的额"
        assert error.region.height >= 1 and error.region.bottom <= 24  # visible at 80×24
        reason = modal.query_one("#close-reason")
        assert reason.region.height == 1 and reason.region.bottom <= 23  # every field fits 80×24
        values = [
            modal.query_one(f"#close-{k}").value for k in ("amount", "recovered", "abandoned", "reason")
        ]
        assert values == ["11000", "5000", "0", "部分履行"]
        modal.query_one("#close-abandoned").value = "-1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal and str(error.render()) != ""
        modal.query_one("#close-abandoned").value = "6000"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is board)
        await until(pilot, lambda: bool(handoffs(desk)))
        assert handoffs(desk) == [(ids["online"], "online_query", None, "submitted", "杨琼", None)]
        with desk.session() as s:
            form = s.exec(select(Handoff)).one().form
        assert (form["closing_fen"], form["recovered_fen"], form["abandoned_fen"], form["reason"]) == (
            1_100_000,
            500_000,
            600_000,
            "部分履行",
        )


async def test_filters_over_limit_and_awaiting(jl):
    desk, ids = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("o")
        await until(pilot, lambda: board.view.filter.over_limit)
        assert [c.id for c in board.view.pages["online_query"].items] == [ids["online"]]
        assert "只看超限" in str(board.query_one("#board-status").render())
        await pilot.press("o", "a")
        await until(pilot, lambda: board.view.filter.awaiting and not board.view.filter.over_limit)
        assert all(p.total == 0 for p in board.view.pages.values())


async def test_paging_loads_the_next_page_in_sql(desk_factory):
    desk = desk_factory("jianli", cases=300)
    app = make_app(desk, operator="吴敦辉", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("l", "l")
        col = board.column
        assert col.page.total > 30 and len(col.page.items) == 30
        first_page = [c.id for c in col.page.items]
        col.move(29)  # to the page's last card at once (j within a page: test_columns_cards_and_focus)
        await pilot.pause()
        assert board.card.id == first_page[-1] and not col.page.has_prev
        await pilot.press("j")
        await until(pilot, lambda: col.page.offset == 30)
        assert col.cursor == 0 and board.card.id not in first_page
        await pilot.press("k")
        await until(pilot, lambda: col.page.offset == 0)
        assert board.card.id == first_page[-1]


@pytest.mark.parametrize("pid", ["ruyang", "kuaizhi", "gushi", "shihe", "jianli"])
async def test_every_profile_opens_on_the_board_at_80x24(desk_factory, pid):
    desk = desk_factory(pid, cases=120)
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        assert [c.code for c in board.columns] == [c.code for c in board.view.columns]
        await pilot.pause()
        assert {c.outer_size.width for c in board.columns} == {22}  # narrow screens scroll sideways
        for _ in range(len(board.columns)):
            await pilot.press("l")
        assert board.index == len(board.columns) - 1
        last = board.columns[-1]
        holder = board.query_one("#board-columns")
        assert holder.scroll_x + holder.size.width >= last.region.right - holder.region.x - 1


def to_clue_leader(desk, cid: int) -> None:
    """Put the case into 线索查控组 held by its leader (as an approved handoff leaves it)."""
    with desk.transaction() as s:
        unit = s.exec(select(OrgUnit).where(OrgUnit.code == "clue_query")).one()
        leader = s.exec(select(Staff).where(Staff.name == "唐崇廉")).one()
        case = s.get(Case, cid)
        case.unit_id, case.handler_id = unit.id, leader.id
        s.add(case)


async def test_d_asks_before_distributing_and_keeps_the_stage_clock(jl):
    desk, ids = jl
    second = add_case(desk, 15, "clue_query", datetime(2026, 10, 1, 9))
    for cid in (ids["clue"], second):
        to_clue_leader(desk, cid)
    app = make_app(desk, operator="杨琼", today=AS_OF)  # another group's leader: no d
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await pilot.press("l", "l")
        assert board.column.code == "clue_query" and not board.check_action("distribute", ())
        app.set_operator("唐崇廉")
        await pilot.press("r")
        await until(pilot, lambda: board.may_distribute)
        assert board.check_action("distribute", ())
        footer_keys = {b.binding.key for b in board.active_bindings.values() if b.binding.show}
        assert "d" in footer_keys
        assert ("d", "组内分案") in [(k.key, k.description) for k in app.key_help(board)]
        days = board.card.days
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        text = str(app.screen.query_one("#confirm-text").render())
        assert str(app.screen.query_one("#confirm-box").border_title) == "线索查控组平均分案"
        assert text.startswith("将 2 件分给 4 名组员，确定？") and "李剑、胡红平、高健、龚文杰" in text
        before = audit_count(desk)
        await pilot.press("n")
        await until(pilot, lambda: app.screen is board)
        await settle(pilot)
        assert audit_count(desk) == before  # nothing written
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await until(pilot, lambda: any("已在线索查控组内分案 2 件" in n.message for n in notifications(app)))
        await until(pilot, lambda: board.card is not None and board.card.handler_name != "唐崇廉")
        assert board.card.days == days == 83  # the stage clock did not restart
    with desk.session() as s:
        assert s.get(Case, ids["clue"]).stage_entered_at == datetime(2026, 9, 1, 9)


async def test_move_keys_only_where_the_operator_may_submit(jl):
    """黄振 (线下查控组) sees H/L/m/c on 线下查控 but not on 线上查控; a move that reaches the service
    anyway is refused with an error notification and nothing is written."""
    desk, ids = jl
    app = make_app(desk, operator="黄振", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        assert board.submit_stages == {"offline_query"}
        assert board.column.code == "online_query" and board.card is not None
        for action, params in (("move", (1,)), ("jump", ()), ("close_case", ())):
            assert not board.check_action(action, params)
        await pilot.press("L", "m", "c")
        await settle(pilot)
        assert app.screen is board and handoffs(desk) == []
        board.submit_move(ids["online"], "（2026）鄂1088执11号", "online_query", "offline_query", "")
        await until(pilot, lambda: errors(app))
        (note,) = errors(app)
        assert note.message.startswith("黄振（查控专员）不能提交线上查控阶段案件的移送或结案")
        assert handoffs(desk) == []
        await pilot.press("l")  # 线下查控: empty column, but the keys would apply to its cards
        assert board.column.code == "offline_query" and "offline_query" in board.submit_stages


# --- layout: what must stay visible on narrow columns and at 80×24 ---------------------------


def card(case_no: str, *, pending: bool, days: int = 353) -> bq.CardRow:
    return bq.CardRow(
        id=1, case_no=case_no, respondent="汪平", claim_fen=100, stage="online_query", handler_id=None,
        handler_name=None, entered_at=datetime(2025, 12, 5, 9), days=days, limit="3周", over=True,
        pending_id=7 if pending else None, pending_to="offline_query" if pending else None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("case_no", "pending", "first_line"),
    [
        ("（2025）鄂1088执1675号", False, "2025执1675号   353天"),
        ("（2025）鄂1088执1675号", True, "批2025执1675号 353天"),  # was 「批 2025执1675… 353天」
        ("（2025）鄂1088执恢1234号", True, "批 执恢1234号  353天"),
        ("（2025）鄂1088执恢12345号", True, "批 执恢12345号 353天"),
        ("（2025）鄂1088执恢1234号", True, "批1234号·25执恢 35天"),  # number first, then the year
    ],
)
def test_a_card_never_loses_its_case_number(case_no, pending, first_line):
    days = int(first_line.split()[-1].removesuffix("天"))
    line = card_lines(card(case_no, pending=pending, days=days), 20, selected=False)[0]
    assert line.plain == first_line and line.cell_len == 20


def test_column_title_and_footer_keep_the_count_and_the_page():
    from zhixing_tui.services.cases.search import Page
    from zhixing_tui.tui.widgets.board_column import column_footer, column_title

    assert column_title("网络查控与文书送达", 1234, 16) == "网络查控与… 1234"  # was 「网络查控与文书 …」
    assert column_title("线上查控", 213, 16) == "线上查控 213"
    page = Page(items=(card("（2025）鄂1088执1号", pending=False),) * 30, total=213, offset=0, limit=30)
    s = bq.ColumnSummary("online_query", "线上查控", "3周", 213, 135, 2)
    assert column_footer(s, page, 30) == "限3周 超135 批2 1/8"
    assert column_footer(s, page, 16) == "超135 批2 1/8"  # was 「限3周 超135 批1…」
    assert column_footer(s, page, 9) == "超135 1/8"
    review = bq.ColumnSummary("closing_review", "结案审查", None, 125, 0, 0)
    assert column_footer(review, page, 16) == "无时限 1/8"  # a stage without a limit says so
    assert column_footer(review, None, 16) == "无时限"


async def test_board_at_80x24_shows_case_numbers_page_numbers_and_the_main_keys(jl):
    desk, ids = jl
    for n in range(40, 75):  # more than a page in 线上查控
        add_case(desk, n, "online_query", datetime(2026, 11, 1, 9))
    from zhixing_tui.services.board import handoffs as ho

    ho.submit_move(replace(desk, operator="杨琼"), ids["online"], "offline_query")
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await pilot.pause()
        col = board.columns[0]
        assert str(col.border_title) == "线上查控 37"
        assert str(col.border_subtitle) == "超1 批1 1/2"
        first = card_lines(col.page.items[0], col.content_size.width, selected=False)[0].plain
        assert first.startswith("批 2026执11号")
        shown = {k.key: k.region for k in board.query(FooterKey)}
        for key in ("H", "L", "m", "c"):
            assert key in shown and shown[key].right <= 72, key  # left of the palette's ▏^p 命令
        help_keys = [k.key for k in app.key_help(board)]
        for key in ("u", "o", "a", "h/←", "l/→", "t"):
            assert key in help_keys  # the rest is in F1
        assert str(board.columns[-1].border_subtitle) == "无时限"


async def test_travel_dialog_refuses_a_scope_that_does_not_fit_and_keeps_the_text(jl):
    desk, ids = jl
    from zhixing_tui.storage.models import Approval
    from zhixing_tui.tui.modals.travel import TravelModal

    app = make_app(desk, operator="唐崇廉", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await pilot.press("l", "l", "t")
        await until(pilot, lambda: isinstance(app.screen, TravelModal))
        modal = app.screen
        modal.query_one("#travel-destination").value = "广东省东莞市"  # scope: 县内 (the first)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert str(modal.query_one("#travel-error").render()).startswith(
            "出差范围「县内（报组长批准）」与目的地"
        )
        assert modal.query_one("#travel-destination").value == "广东省东莞市"
        await pilot.press("j", "j", "j")  # 省外
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is board)
        await until(pilot, lambda: any("已申请出差" in n.message for n in notifications(app)))
    with desk.session() as s:
        (a,) = s.exec(select(Approval)).all()
        assert (a.case_id, a.level, a.details["destination"]) == (ids["clue"], "president", "广东省东莞市")


async def test_close_dialog_starts_from_the_money_already_recovered(jl):
    """案款 claimed to the case is 执行到位金额 already: the closing form starts from it, so a clerk
    who does not retype it does not close the case with 0 recovered."""
    from zhixing_tui.services.money.records import record_arrival

    desk, ids = jl
    with desk.session() as s:
        money_clerk = s.exec(select(Staff.name).where(Staff.role == "case_money").order_by(Staff.id)).first()
    clerk = replace(desk, operator=money_clerk)
    record_arrival(
        clerk, arrived_on=date(2026, 11, 10), amount_fen=345_678, payer="被执行人", case_id=ids["online"]
    )
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CloseCaseModal))
        assert app.screen.query_one("#close-recovered").value == "3,456.78"


async def test_opening_lays_the_columns_out_once(jl, monkeypatch):
    """The columns get their scroll bar before their first layout, and a resize that keeps their
    titles does not draw them again: a second layout a line shorter, and the same titles set again
    on the first Resize, each drew every card again while the board opened (issue 17)."""
    from zhixing_tui.tui.widgets.board_column import BoardColumn

    drawn: dict[str, int] = {}
    sizes: dict[str, list] = {}
    render = BoardColumn.render

    def counting(self):
        drawn[self.code] = drawn.get(self.code, 0) + 1
        sizes.setdefault(self.code, []).append(self.size)
        return render(self)

    monkeypatch.setattr(BoardColumn, "render", counting)
    desk, _ids = jl
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=(100, 30)) as pilot:  # narrow: the columns scroll
        board = await open_board(pilot)
        await settle(pilot)
        holder = board.query_one("#board-columns")
        assert holder.show_horizontal_scrollbar
        assert drawn  # the columns in view (the others are scrolled out of it)
        assert all(len(set(s)) == 1 for s in sizes.values()), sizes  # one layout, one size
        before = dict(drawn)
        for col in board.columns:  # what a Resize does: the same titles again
            col._titles()  # noqa: SLF001
        await settle(pilot)
        assert drawn == before
