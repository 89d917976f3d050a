"""The 繁简分流 queue screen with Pilot: accept and override (a reason is required and kept), the
clerk's facts change the suggestion, related cases (类案集中), keys hidden for roles that may not
decide, refusals shown as Chinese error notifications. Asserted on the database."""

from __future__ import annotations

from datetime import date, datetime

from rich.cells import cell_len
from sqlmodel import select

from tests.triage_fixtures import placement, staff_with, waiting_case
from tests.tui.conftest import errors, notifications, settle, until
from zhixing_tui.storage.models import Approval, AuditEntry, CaseFacts, TriageDecision
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.triage_decide import AcceptModal, OverrideModal
from zhixing_tui.tui.modals.triage_facts import FactsModal
from zhixing_tui.tui.modals.triage_related import RelatedModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.triage import TriageScreen

AS_OF = date(2026, 11, 23)
SIZE = (120, 36)


def two_waiting(desk) -> tuple[int, int]:
    first = waiting_case(
        desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 9, 10, 30), respondent="马勇"
    )
    second = waiting_case(
        desk, 2, received=date(2026, 11, 16), entered=datetime(2026, 11, 20, 9, 0), respondent="杨涛"
    )
    return first, second


async def open_queue(pilot) -> TriageScreen:
    app = pilot.app
    await pilot.press("f4")
    await until(pilot, lambda: isinstance(app.screen, TriageScreen))
    screen = app.screen
    await until(
        pilot, lambda: screen.page is not None and (not screen.page.items or screen.current_view is not None)
    )
    return screen


async def reloaded(pilot, screen: TriageScreen, total: int) -> None:
    await until(pilot, lambda: screen.page is not None and screen.page.total == total and not screen._busy)
    await until(pilot, lambda: not screen.page.items or screen.current_view is not None)


def decisions(desk) -> list[TriageDecision]:
    with desk.session() as s:
        return list(s.exec(select(TriageDecision).order_by(TriageDecision.id)))


async def test_accept_moves_the_case_to_its_team_with_a_decision_and_an_audit_entry(desk_factory):
    desk = desk_factory("ruyang")
    first, second = two_waiting(desk)
    from zhixing_tui.services.triage.decisions import set_case_facts

    set_case_facts(desk, first, {"performed_or_willing": True})  # 简易 → 速执团队
    clerk = staff_with(desk, "triage_clerk")
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert [r.case_id for r in screen.page.items] == [first, second]
        assert screen.current_view.suggestion.result.cls == "简易"
        status = str(screen.query_one("#triage-status").render())
        assert status == "待分流 2 件 · 第 1/1 页"
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AcceptModal))
        await pilot.press("y")
        await reloaded(pilot, screen, 1)
        assert [r.case_id for r in screen.page.items] == [second]
        assert screen.current_view.case_id == second
        assert any(n.message == "（2026）豫0326执1号：简易，分至速执团队" for n in notifications(app))

    assert placement(desk, first) == ("速执团队", "fast", "simple")
    (row,) = decisions(desk)
    assert (row.case_id, row.kind, row.final_class, row.overridden, row.reason, row.decided_by) == (
        first, "initial", "simple", False, "", clerk,
    )  # fmt: skip
    assert row.matched == [
        {"id": "simple_4", "text": "被执行人已主动履行、愿意主动履行或者双方有较大和解可能的"}
    ]
    with desk.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "triage_initial")).one()
    assert (entry.case_id, entry.operator, entry.summary) == (first, clerk, "繁简分流：简易，分至速执团队")


async def test_override_needs_a_reason_on_screen_and_keeps_it(desk_factory):
    desk = desk_factory("ruyang")
    first, _second = two_waiting(desk)
    clerk = staff_with(desk, "triage_clerk")
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        result = screen.current_view.suggestion.result
        assert (result.cls, result.pool) == ("普通", ("普执一团队", "普执二团队", "普执三团队"))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OverrideModal))
        modal = app.screen
        # the class list starts on the suggested 普通; ↑ stops at the first class (no wrap)
        assert modal.query_one("#override-class").highlighted == modal.class_choices.index("普通")
        await pilot.press("up", "up", "up")
        assert modal.query_one("#override-class").highlighted == 0
        await pilot.press("enter", "down", "down", "down", "enter")  # class 简易; team 普执二团队 (4th)
        await pilot.press("ctrl+s")  # no reason yet
        await settle(pilot)
        assert app.screen is modal
        assert str(modal.query_one("#override-note").render()) == "必须写明改判理由"
        assert decisions(desk) == []
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        assert decisions(desk) == []

        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OverrideModal))
        await pilot.press("up", "enter", "down", "down", "down", "enter", *"被执行人愿意当场履行", "enter")
        await settle(pilot)
        # 简易 goes to 速执团队 by the court's routes: the dialog says so once (issue 14, item 13)
        modal = app.screen
        assert isinstance(modal, OverrideModal) and decisions(desk) == []
        note = str(modal.query_one("#override-note").render())
        assert "简易类案件由" in note and "速执团队办理，不由普执二团队办理" in note
        await pilot.press("enter")  # the clerk means it
        await reloaded(pilot, screen, 1)

    (row,) = decisions(desk)
    assert (row.case_id, row.suggested_class, row.final_class, row.overridden, row.reason) == (
        first, "ordinary", "simple", True, "被执行人愿意当场履行",
    )  # fmt: skip
    assert placement(desk, first) == ("普执二团队", "ordinary_2", "simple")
    with desk.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "triage_initial")).one()
    assert entry.summary == "繁简分流：简易，分至普执二团队（改判）"
    assert entry.after["reason"] == "被执行人愿意当场履行"


async def test_the_facts_modal_changes_the_suggestion(desk_factory):
    desk = desk_factory("ruyang")
    first, _second = two_waiting(desk)
    app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.current_view.suggestion.result.cls == "普通"
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FactsModal))
        # third box: 被执行人已主动履行或愿意主动履行
        await pilot.press("j", "j", "space", "ctrl+s")
        await until(pilot, lambda: screen.current_view is not None and screen.current_view.clerk_facts != {})
        view = screen.current_view
        assert view.case_id == first
        assert (view.suggestion.result.cls, view.suggestion.result.team) == ("简易", "速执团队")
        assert [r.id for r in view.suggestion.result.matched] == ["simple_4"]
        assert screen.page.items[0].facts_set is True
    with desk.session() as s:
        assert s.get(CaseFacts, first).facts == {"performed_or_willing": True}
    assert decisions(desk) == []


async def test_roles_that_may_not_decide_see_no_decision_keys(desk_factory):
    desk = desk_factory("ruyang")
    two_waiting(desk)
    handler = staff_with(desk, "handler")
    app = make_app(desk, operator=handler, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.check_action("accept", ()) is False
        assert screen.check_action("override", ()) is False
        assert screen.check_action("facts", ()) is True
        status = str(screen.query_one("#triage-status").render())
        assert status == f"待分流 2 件 · 第 1/1 页　{handler}（承办人）无权作出分流决定，只能查看、填写事实"
        await pilot.press("a", "o")
        await settle(pilot)
        assert app.screen is screen
    assert decisions(desk) == []


async def test_a_refused_decision_is_an_error_notification_and_related_cases_go_to_the_chief(desk_factory):
    desk = desk_factory("gushi")
    clerk = staff_with(desk, "triage_clerk")
    desk.operator = clerk
    from zhixing_tui.services.triage.decisions import decide, set_case_facts

    other = waiting_case(
        desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 3, 9, 0), respondent="王五"
    )
    set_case_facts(desk, other, {"no_property_found": True})
    decide(desk, other)  # 速执团队 holds a case against 王五
    cid = waiting_case(
        desk, 2, received=date(2026, 11, 10), entered=datetime(2026, 11, 12, 9, 0), respondent="王五"
    )
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.current_view.case_id == cid
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AcceptModal))
        await pilot.press("y")
        await until(pilot, lambda: errors(app))
        (note,) = errors(app)
        assert (
            note.message
            == "案件 （2026）豫1525执2号 有关联案件由速执团队办理：请先提出类案集中建议，报执行局长审批"
        )
        await reloaded(pilot, screen, 1)

        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RelatedModal))
        await pilot.press("p")
        await until(
            pilot,
            lambda: screen.current_view is not None and screen.current_view.related_pending_id is not None,
        )
        assert screen.page.items[0].related_pending is True
        assert any(
            n.message == "（2026）豫1525执2号：类案集中建议已报执行局长审批" for n in notifications(app)
        )
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RelatedModal))
        assert app.screen.check_action("propose", ()) is False
        await pilot.press("enter")  # open the related case
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == other
    with desk.session() as s:
        ap = s.exec(select(Approval).where(Approval.case_id == cid)).one()
    assert (ap.kind, ap.status, ap.details["team"]) == ("related_cases", "pending", "速执团队")
    assert [d.case_id for d in decisions(desk)] == [other]


async def test_enter_opens_the_case_and_the_queue_reloads_on_return(desk_factory):
    desk = desk_factory("ruyang")
    first, second = two_waiting(desk)
    app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("j")
        await until(pilot, lambda: screen.current_view is not None and screen.current_view.case_id == second)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == second
        from zhixing_tui.services.triage.decisions import decide

        desk.operator = staff_with(desk, "triage_clerk")
        decide(desk, first, seed=3)  # someone else decides meanwhile
        await pilot.press("escape")
        await reloaded(pilot, screen, 1)
        assert [r.case_id for r in screen.page.items] == [second]


async def test_a_court_without_triage_says_so(desk_factory):
    desk = desk_factory("jianli")
    app = make_app(desk, operator=staff_with(desk, "group_leader"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert screen.page.total == 0
        assert (
            str(screen.query_one("#triage-status").render())
            == "本院不实行立案后的一次性繁简分流（没有繁简分流阶段）"
        )
        assert [screen.check_action(a, ()) for a in ("accept", "override", "facts", "related")] == [False] * 4


async def test_a_long_case_no_is_never_cut_at_80_columns(desk_factory):
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 12345, received=date(2026, 11, 2), entered=datetime(2026, 11, 9, 10, 30))
    app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_queue(pilot)
        table = screen.query_one("#triage-list")
        (row,) = screen.page.items
        assert row.case_id == cid and str(table.get_row_at(0)[0]) == row.case_no
        assert table.columns[next(iter(table.columns))].width == cell_len(row.case_no) == 23
        widths = [c.width for c in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= table.size.width - 2


async def test_the_panel_shows_the_criteria_in_the_seeds_wording_without_rule_ids(desk_factory):
    desk = desk_factory("ruyang")
    two_waiting(desk)
    app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        result = screen.current_view.suggestion.result
        reasons = [*result.matched, *result.excluded_by, *result.manual]
        assert reasons  # at least 需承办人判断的情形 simple_7
        panel = "\n".join(t.plain for t in screen.query_one("#triage-detail").content.renderables)
        for r in reasons:
            assert r.id not in panel
            assert f"  {r.text}" in panel


async def test_the_first_case_comes_with_the_queue(desk_factory, monkeypatch):
    """The queue's worker loads the view of the case the cursor rests on with the page: the list
    and its 分流 show together and no second load runs for it (issue 17); moving the cursor loads
    the next case's view."""
    desk = desk_factory("ruyang")
    first, second = two_waiting(desk)
    asked: list[int] = []
    load_view = TriageScreen.load_view

    def counting(self, case_id: int):
        asked.append(case_id)
        return load_view(self, case_id)

    monkeypatch.setattr(TriageScreen, "load_view", counting)
    app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        await settle(pilot)
        assert screen.current_view is not None and asked == []
        shown = screen.current_view.case_id
        await pilot.press("down")
        await until(pilot, lambda: screen.current_view is not None and screen.current_view.case_id != shown)
        assert asked == [screen.current_view.case_id] and set([shown, *asked]) == {first, second}


async def test_the_queue_shows_when_its_first_case_cannot_be_read_with_it(desk_factory, monkeypatch):
    """A refusal reading the first case with the page (gone meanwhile, say) does not lose the list:
    the case's own load runs after it, as the cursor rests there."""
    from zhixing_tui.errors import NotFound
    from zhixing_tui.services.triage import queue as tq

    desk = desk_factory("ruyang")
    two_waiting(desk)
    calls: list[int] = []
    real = tq.triage_view

    def first_refused(d, case_id):
        calls.append(case_id)
        if len(calls) == 1:
            raise NotFound("案件不存在")
        return real(d, case_id)

    monkeypatch.setattr(tq, "triage_view", first_refused)
    app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot)
        assert len(screen.page.items) == 2 and screen.current_view is not None
        # refused with the page, then read by the cursor's own load (once or, as the first
        # highlight races the page's message, twice)
        assert len(calls) >= 2 and set(calls) == {screen.current_view.case_id}
