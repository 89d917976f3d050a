"""The board's read side on a real 监利 database: column counts, over-limit cutoffs, pages, filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from zhixing_tui.domain.periods import compute_due
from zhixing_tui.services.board import handoffs
from zhixing_tui.services.board import query as bq
from zhixing_tui.services.board import travel as board_travel
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import Case, Staff

AS_OF = date(2026, 11, 23)  # a Monday


def _add(
    desk, n: int, stage: str, entered: datetime, *, handler: str | None = None, claim: int = 100_000
) -> int:
    cid = register_case(
        desk,
        case_no=f"(2026)鄂1088执{n}号",
        filed_on=date(2026, 1, 5),
        claim_fen=claim,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput(f"被执行人{n}", "person"), PartyInput("李四", "person")]
        if n == 1
        else [PartyInput(f"被执行人{n}", "person")],
    )
    with desk.transaction() as s:
        case = s.get(Case, cid)
        case.stage, case.stage_entered_at = stage, entered
        if handler:
            case.handler_id = s.exec(select(Staff.id).where(Staff.name == handler)).one()
        s.add(case)
    return cid


@pytest.fixture
def board_desk(desk_factory):
    desk = desk_factory("jianli")
    ids = {
        # 线上查控 3周: cutoff 2026-10-30 (Saturday 10-31 + 21 = Saturday 11-21 → Monday 11-23: not over)
        "old": _add(desk, 1, "online_query", datetime(2026, 10, 20, 9), handler="杨琼"),
        "edge": _add(desk, 2, "online_query", datetime(2026, 10, 31, 9), handler="杨琼"),
        "fresh": _add(desk, 3, "online_query", datetime(2026, 11, 20, 9), handler="陈谦"),
        "clue": _add(desk, 4, "clue_query", datetime(2026, 9, 1, 9), handler="李剑"),
        "disposal": _add(desk, 5, "disposal", datetime(2026, 11, 20, 9), handler="段德志"),
    }
    closed = _add(desk, 6, "online_query", datetime(2026, 9, 1, 9))
    with desk.transaction() as s:
        c = s.get(Case, closed)
        c.status, c.stage = "closed", "closed"
        s.add(c)
    return desk, ids


def test_over_cutoff_agrees_with_compute_due_day_by_day():
    for limit in ["3周", "2周", "8周", "1周", "4周", "30日", "15日", "当日", "3个工作日", "1个月"]:
        for today in [AS_OF, date(2026, 10, 9), date(2026, 2, 24), date(2027, 1, 4)]:
            cutoff = bq.over_cutoff(limit, today)
            for k in range(-3, 4):
                day = cutoff + timedelta(days=k)
                assert (compute_due(day, limit).due_on < today) == (day <= cutoff), (limit, today, day)


def test_cutoff_skips_rest_days():
    # entered Saturday 2026-10-31: 3周 ends Saturday 11-21, extended to Monday 11-23 = today
    assert bq.over_cutoff("3周", AS_OF) == date(2026, 10, 30)
    # 国庆: 3周 from 2026-09-10 ends on 10-01, a holiday, so it runs on past the holidays
    assert bq.over_cutoff("3周", date(2026, 10, 8)) < date(2026, 9, 10)


def test_column_counts(board_desk):
    desk, ids = board_desk
    cols = {c.code: c for c in bq.column_summaries(desk)}
    assert [c.name for c in bq.column_summaries(desk)] == [
        "线上查控",
        "线下查控",
        "线索查控",
        "财产处置",
        "拒执打击",
        "终本办理",
        "结案审查",
    ]
    assert (cols["online_query"].total, cols["online_query"].over, cols["online_query"].awaiting) == (3, 1, 0)
    assert (cols["clue_query"].total, cols["clue_query"].over) == (1, 1)
    assert (cols["disposal"].total, cols["disposal"].over) == (1, 0)
    assert cols["zhongben"].total == 0 and cols["online_query"].limit == "3周"


def test_page_is_ordered_by_time_in_stage_and_marks_over(board_desk):
    desk, ids = board_desk
    page = bq.column_page(desk, "online_query")
    assert [c.id for c in page.items] == [ids["old"], ids["edge"], ids["fresh"]]
    assert [c.days for c in page.items] == [34, 23, 3]
    assert [c.over for c in page.items] == [True, False, False]
    first = page.items[0]
    assert (first.case_no, first.respondent, first.handler_name, first.claim_fen) == (
        "（2026）鄂1088执1号",
        "被执行人1等2人",
        "杨琼",
        100_000,
    )
    assert page.total == 3 and not page.has_next


def test_paging(board_desk):
    desk, ids = board_desk
    p1 = bq.column_page(desk, "online_query", limit=2)
    p2 = bq.column_page(desk, "online_query", limit=2, offset=2)
    assert [c.id for c in p1.items] == [ids["old"], ids["edge"]] and p1.has_next
    assert [c.id for c in p2.items] == [ids["fresh"]] and not p2.has_next and p2.total == 3


def test_filters(board_desk):
    desk, ids = board_desk
    yang = desk_staff_id(desk, "杨琼")
    assert [c.id for c in bq.column_page(desk, "online_query", bq.BoardFilter(handler_id=yang)).items] == [
        ids["old"],
        ids["edge"],
    ]
    assert [c.id for c in bq.column_page(desk, "online_query", bq.BoardFilter(over_limit=True)).items] == [
        ids["old"]
    ]
    assert bq.column_page(desk, "online_query", bq.BoardFilter(awaiting=True)).total == 0
    hid = handoffs.submit_move(replace(desk, operator="陈谦"), ids["fresh"], "offline_query")
    awaiting = bq.column_page(desk, "online_query", bq.BoardFilter(awaiting=True))
    assert [(c.id, c.pending_id, c.pending_to) for c in awaiting.items] == [
        (ids["fresh"], hid, "offline_query")
    ]
    assert {c.code: c.awaiting for c in bq.column_summaries(desk)}["online_query"] == 1
    # handler filter narrows the counts too
    cols = {c.code: c for c in bq.column_summaries(desk, bq.BoardFilter(handler_id=yang))}
    assert (cols["online_query"].total, cols["clue_query"].total) == (2, 0)
    # a returned handoff no longer marks the card
    handoffs.return_handoff(replace(desk, operator="吴敦辉"), hid, reason="表未签字")
    assert bq.column_page(desk, "online_query", bq.BoardFilter(awaiting=True)).total == 0


def test_closing_awaiting_review_is_marked(board_desk):
    desk, ids = board_desk
    hid = handoffs.submit_close(
        replace(desk, operator="段德志"),
        ids["disposal"],
        method="执行完毕",
        closing_fen=100_000,
        recovered_fen=100_000,
    )
    card = bq.column_page(desk, "disposal").items[0]
    assert (card.pending_id, card.pending_to) == (hid, bq.CLOSE_TARGET)


def test_load_board_and_handler_options(board_desk):
    desk, ids = board_desk
    view = bq.load_board(desk, page_size=2, offsets={"online_query": 2})
    assert view.today == AS_OF
    assert [c.id for c in view.pages["online_query"].items] == [ids["fresh"]]
    assert [c.id for c in view.pages["clue_query"].items] == [ids["clue"]]
    assert set(view.pages) == {c.code for c in view.columns}
    opts = [(o.name, o.cases) for o in bq.handler_options(desk)]
    assert opts == [("杨琼", 2), ("陈谦", 1), ("李剑", 1), ("段德志", 1)]


@pytest.mark.parametrize("pid", ["ruyang", "kuaizhi", "gushi", "shihe", "jianli"])
def test_every_profile_loads_on_demo_data(desk_factory, pid):
    desk = desk_factory(pid, cases=120)
    view = bq.load_board(desk)
    assert sum(c.total for c in view.columns) == sum(p.total for p in view.pages.values())
    with desk.session() as s:
        codes = [c.code for c in view.columns]
        open_on_board = len(
            s.exec(select(Case.id).where(Case.status != "closed", Case.stage.in_(codes))).all()
        )
    assert sum(c.total for c in view.columns) == open_on_board
    for c in view.columns:
        page = view.pages[c.code]
        assert len(page.items) == min(c.total, bq.PAGE_SIZE)
        days = [card.days for card in page.items]
        assert days == sorted(days, reverse=True)
        assert sum(card.over for card in page.items) <= c.over


def desk_staff_id(desk, name: str) -> int:
    with desk.session() as s:
        return s.exec(select(Staff.id).where(Staff.name == name)).one()


def test_pending_approvals_of_every_kind_oldest_first(desk_factory):
    """简转繁, 类案集中 and 出差 requests on a 汝阳 desk: all pending ones, oldest first, with the
    level that must approve; a decided one drops out; kind filter and paging in SQL."""
    from tests.services.test_triage_service import as_role, new_case
    from zhixing_tui.services.triage import decisions as svc
    from zhixing_tui.services.triage import followup as follow

    desk = as_role(desk_factory("ruyang"), "triage_clerk")
    clerk = desk.operator
    first = new_case(desk, 1, respondent="赵六", rid="11010519491231002X", filed=date(2026, 10, 24))
    svc.decide(desk, first, cls="简易", reason="被执行人愿意履行")
    (s2c,) = follow.raise_simple_to_complex(desk)
    second = new_case(desk, 2, respondent="赵六", rid="11010519491231002X", applicant="钱七")
    related = follow.propose_related(desk, second)
    trips = [
        board_travel.request_travel(desk, first, scope=scope, destination=dest, purpose="查找被执行人")
        for scope, dest in [("in_county", "汝阳县城关镇"), ("out_of_province", "广东省东莞市")]
    ]
    board_travel.decide_approval(as_role(desk, "president"), trips[1], approve_it=False, note="改为委托")

    page = bq.pending_approvals(desk)
    assert page.total == 3
    assert [(r.id, r.kind, r.case_no, r.level, r.requested_by) for r in page.items] == [
        (s2c, "simple_to_complex", "（2026）豫0326执1号", "bureau_chief", clerk),
        (related, "related_cases", "（2026）豫0326执2号", "bureau_chief", clerk),
        (trips[0], "travel", "（2026）豫0326执1号", "group_leader", clerk),
    ]
    items = {r.kind: r for r in page.items}
    assert (items["simple_to_complex"].details["days"], items["simple_to_complex"].details["team"]) == (
        30,
        "速执团队",
    )
    assert items["related_cases"].details["related"] == [
        {"case_no": "（2026）豫0326执1号", "reasons": ["same_respondent"], "team": "速执团队"}
    ]
    assert items["travel"].details["destination"] == "汝阳县城关镇"
    assert items["travel"].case_id == first and items["related_cases"].case_id == second
    times = [r.requested_at for r in page.items]
    assert times == sorted(times)

    travel = bq.pending_approvals(desk, kind="travel")
    assert (travel.total, [r.id for r in travel.items]) == (1, [trips[0]])
    second_page = bq.pending_approvals(desk, limit=1, offset=1)
    assert (second_page.total, [r.id for r in second_page.items], second_page.has_next) == (
        3,
        [related],
        True,
    )
    assert bq.pending_approvals(desk, kind="extension").total == 0
