"""指挥监控's approval queue by keys: approve (the case moves), return with a reason (the 台账),
export the 台账, travel requests by level; keys hidden from operators who cannot decide. The
待审批事项 lane: 简转繁 and 类案集中 decided by the 执行局长 through their own services; a
书记员 refused with the service's Chinese error; a rejection needs a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.tui.conftest import errors, notifications, settle, until
from tests.tui.test_board_screen import add_case
from zhixing_tui.services.board import handoffs as ho
from zhixing_tui.services.board import ledger as board_ledger
from zhixing_tui.services.board import travel as board_travel
from zhixing_tui.storage.models import Approval, AuditEntry, Case, Handoff, OrgUnit, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.confirm import ConfirmModal
from zhixing_tui.tui.modals.reject_reason import RejectReasonModal
from zhixing_tui.tui.modals.return_reason import ReturnReasonModal
from zhixing_tui.tui.screens.approvals import ApprovalsScreen
from zhixing_tui.tui.widgets.lists import CaseTable

AS_OF = date(2026, 11, 23)
SIZE = (120, 36)
MONITOR = "吴敦辉"


@pytest.fixture
def queue(desk_factory):
    from datetime import datetime

    desk = replace(desk_factory("jianli"), operator="杨琼")
    a = add_case(desk, 21, "online_query", datetime(2026, 11, 2, 9))
    b = add_case(desk, 22, "online_query", datetime(2026, 11, 3, 9))
    ha = ho.submit_move(desk, a, "offline_query", note="组长已签字")
    hb = ho.submit_move(desk, b, "offline_query")
    return desk, {"a": a, "b": b, "ha": ha, "hb": hb}


async def open_approvals(pilot) -> ApprovalsScreen:
    await pilot.press("f7")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, ApprovalsScreen) and pilot.app.screen.page is not None
    )
    return pilot.app.screen


async def approve(pilot) -> None:
    """y, and y again in the dialog that asks before an approval takes effect."""
    await pilot.press("y")
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
    await pilot.press("y")


def status_of(desk, hid: int) -> tuple:
    with desk.session() as s:
        h = s.get(Handoff, hid)
        return h.status, h.decided_by, h.return_reason


async def test_monitor_approves_and_returns(queue, tmp_path):
    desk, ids = queue
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        assert [r.id for r in screen.page.items] == [ids["ha"], ids["hb"]]
        assert screen.role == "monitor" and screen.check_action("approve", ())
        form = str(screen.query_one("#appr-form").render())
        assert "总对总查控实有情况表" in form and "组长已签字" in form
        await approve(pilot)
        await until(pilot, lambda: status_of(desk, ids["ha"])[0] == "approved")
        with desk.session() as s:
            case = s.get(Case, ids["a"])
            assert case.stage == "offline_query"
            assert s.get(Staff, case.handler_id).name == "平俊"
        await until(pilot, lambda: [r.id for r in screen.page.items] == [ids["hb"]])
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ReturnReasonModal))
        await pilot.press("enter")  # an empty reason is refused in the modal
        assert isinstance(app.screen, ReturnReasonModal)
        app.screen.query_one("#return-reason").value = "线下查控实有情况表未经组长签字"
        await pilot.press("enter")
        await until(pilot, lambda: status_of(desk, ids["hb"])[0] == "returned")
        assert status_of(desk, ids["hb"]) == ("returned", MONITOR, "线下查控实有情况表未经组长签字")
        with desk.session() as s:
            assert s.get(Case, ids["b"]).stage == "online_query"
        # the 台账 lane lists the return; e exports it
        await pilot.press("tab")
        await until(pilot, lambda: screen.lane == "ledger" and screen.page is not None)
        assert [(r.case_no, r.return_reason) for r in screen.page.items] == [
            ("（2026）鄂1088执22号", "线下查控实有情况表未经组长签字")
        ]
        assert not screen.check_action("approve", ())
        await pilot.press("e")
        path = tmp_path / "exports" / "监利-2026-11-23-流转退回整改台账.xlsx"
        await until(pilot, path.exists)
        ws = load_workbook(path).active
        assert ws["A1"].value == "监利市人民法院 流转退回整改台账"
        assert ws["A4"].value == "（2026）鄂1088执22号" and ws["H4"].value == "线下查控实有情况表未经组长签字"


async def test_approval_asks_first_and_n_or_esc_changes_nothing(queue):
    """y names the case and the form and asks; n or Esc closes the question, nothing decided."""
    desk, ids = queue
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        case_no = screen.row.case_no
        for answer in ("n", "escape"):
            await pilot.press("y")
            await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
            text = str(app.screen.query_one("#confirm-text").render())
            assert text == f"批准 {case_no} 的「移送线下查控组」？\n批准后即时生效：案件随即流转或结案。"
            await pilot.press(answer)
            await until(pilot, lambda: app.screen is screen)
            await settle(pilot)
            assert status_of(desk, ids["ha"])[0] == "submitted"
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("enter")
        await until(pilot, lambda: status_of(desk, ids["ha"])[0] == "approved")


async def test_keys_hidden_from_an_operator_who_cannot_decide(queue):
    desk, _ids = queue
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        assert screen.role == "group_leader"  # 线上查控组组长: may not decide handoffs
        assert not screen.check_action("approve", ()) and not screen.check_action("return", ())
        await pilot.press("y")
        await settle(pilot)
        assert status_of(desk, _ids["ha"])[0] == "submitted"
        assert "不能审批流转" in str(screen.query_one("#appr-status").render())


async def test_nobody_decides_what_they_submitted(queue):
    """吴小敏 (指挥监控) submits a move and asks for a trip: she sees neither y nor x on them, the
    details say why, and the service refuses her; 吴敦辉 then approves."""
    desk, ids = queue
    c = add_case(desk, 23, "online_query", datetime(2026, 11, 4, 9))
    mine = ho.submit_move(replace(desk, operator="吴小敏"), c, "offline_query")
    trip = board_travel.request_travel(
        replace(desk, operator="吴小敏"), c, scope="in_county", destination="监利市程集镇", purpose="查找"
    )
    app = make_app(desk, operator="吴小敏", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        assert screen.role == "monitor" and screen.check_action("approve", ())  # 杨琼's handoff
        await pilot.press("j", "j")
        assert screen.row.id == mine
        assert not screen.check_action("approve", ()) and not screen.check_action("return", ())
        assert "本人提交的移送：须由指挥监控组的其他人员审批" in str(screen.query_one("#appr-form").render())
        await pilot.press("y")
        await settle(pilot)
        assert status_of(desk, mine)[0] == "submitted"
        screen.decide("queue", screen.row, True, "")  # the service refuses too
        await until(pilot, lambda: errors(app))
        assert [n.message for n in errors(app)] == ["不能审批自己提交的移送：须由有审批权的其他人员审批"]
        await pilot.press("tab", "tab")
        await until(pilot, lambda: screen.lane == "pending" and screen.page is not None)
        assert screen.row.id == trip and not screen.check_action("approve", ())
        assert "本人提交的申请" in str(screen.query_one("#appr-form").render())
        app.set_operator(MONITOR)
        await until(pilot, lambda: screen.role == "monitor" and screen.page is not None)
        await pilot.press("tab")  # back to the queue
        await until(pilot, lambda: screen.lane == "queue" and screen.page is not None)
        await pilot.press("j", "j")
        assert screen.row.id == mine and screen.check_action("approve", ())
        await approve(pilot)
        await until(pilot, lambda: status_of(desk, mine)[0] == "approved")
    assert status_of(desk, mine) == ("approved", MONITOR, "")


def _rename(desk, old: str, new: str) -> int:
    with desk.transaction() as s:
        staff = s.exec(select(Staff).where(Staff.name == old)).one()
        staff.name = new
        s.add(staff)
        return staff.id


async def test_own_rows_are_known_by_staff_id_after_a_rename(queue):
    """吴小敏 submits a move and asks for a trip, then is renamed 吴晓敏 while 吴敦辉 is renamed 吴小敏:
    the rows stay hers (no y or x, 本人提交), and the monitor now called 吴小敏 may decide them."""
    desk, ids = queue
    c = add_case(desk, 23, "online_query", datetime(2026, 11, 4, 9))
    mine = ho.submit_move(replace(desk, operator="吴小敏"), c, "offline_query")
    trip = board_travel.request_travel(
        replace(desk, operator="吴小敏"), c, scope="in_county", destination="监利市程集镇", purpose="查找"
    )
    clerk = _rename(desk, "吴小敏", "吴晓敏")
    monitor = _rename(desk, MONITOR, "吴小敏")
    app = make_app(desk, operator="吴晓敏", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        app.set_operator("吴晓敏", clerk)  # logged in: the desk carries her staff id
        screen = await open_approvals(pilot)
        await until(pilot, lambda: screen.operator_id == clerk and screen.page is not None)
        await pilot.press("j", "j")
        assert screen.row.id == mine and screen.row.submitted_by == "吴小敏"  # the name as it was
        assert not screen.check_action("approve", ()) and not screen.check_action("return", ())
        assert "本人提交的移送" in str(screen.query_one("#appr-form").render())
        await pilot.press("tab", "tab")
        await until(pilot, lambda: screen.lane == "pending" and screen.page is not None)
        assert screen.row.id == trip and not screen.check_action("approve", ())
        assert "本人提交的申请" in str(screen.query_one("#appr-form").render())
        app.set_operator("吴小敏", monitor)
        await until(pilot, lambda: screen.operator_id == monitor and screen.page is not None)
        await pilot.press("tab")  # back to the queue
        await until(pilot, lambda: screen.lane == "queue" and screen.page is not None)
        await pilot.press("j", "j")
        assert screen.row.id == mine and screen.check_action("approve", ())
        assert "本人提交" not in str(screen.query_one("#appr-form").render())
        await approve(pilot)
        await until(pilot, lambda: status_of(desk, mine)[0] == "approved")
    assert status_of(desk, mine) == ("approved", "吴小敏", "")
    with desk.session() as s:
        assert s.get(Handoff, mine).decided_by_id == monitor


async def test_travel_request_approved_by_the_group_leader(queue):
    desk, ids = queue
    aid = board_travel.request_travel(
        desk, ids["a"], scope="in_county", destination="监利市程集镇", purpose="查找被执行人"
    )
    app = make_app(desk, operator="唐崇廉", today=AS_OF)  # 线索查控组组长
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        await pilot.press("tab", "tab")
        await until(pilot, lambda: screen.lane == "pending" and screen.page is not None)
        assert [r.id for r in screen.page.items] == [aid]
        assert [str(c) for c in screen.query_one(CaseTable).get_row_at(0)[:2]] == [
            "出差查找",
            "（2026）鄂1088执21号",
        ]
        await approve(pilot)
        await until(pilot, lambda: screen.page is not None and screen.page.total == 0)
        with desk.session() as s:
            a = s.exec(select(Approval).where(Approval.id == aid)).one()
            assert (a.status, a.decided_by, a.level) == ("approved", "唐崇廉", "group_leader")


async def test_a_case_taken_by_keys_from_online_query_to_zhongben(desk_factory):
    """监利: every move submitted on the board and approved (or returned) in the queue, by keys;
    one return corrected and resubmitted, one 流拍 return; the database holds every step."""
    from datetime import datetime

    from tests.tui.test_board_screen import open_board
    from zhixing_tui.storage.models import AuditEntry, StageEntry
    from zhixing_tui.tui.modals.pick_target import PickTargetModal

    desk = desk_factory("jianli")
    cid = add_case(desk, 31, "online_query", datetime(2026, 11, 2, 9))
    app = make_app(desk, operator="杨琼", today=AS_OF)
    # each move is submitted by the leader of the group that holds the case
    leaders = {"online_query": "杨琼", "offline_query": "平俊", "clue_query": "唐崇廉", "disposal": "段德志",
               "refusal": "瞿年生"}  # fmt: skip

    async def submit(keys: list[str], to_stage: str) -> None:
        stage = current_stage()
        app.set_operator(leaders[stage])
        board = await open_board(pilot)
        await until(pilot, lambda: stage in board.submit_stages)
        target = [c.code for c in board.view.columns].index(stage)
        while board.index != target:
            await pilot.press("l" if board.index < target else "h")
        assert board.card is not None and board.card.id == cid
        await pilot.press(*keys)
        await until(pilot, lambda: isinstance(app.screen, PickTargetModal))
        assert app.screen.chosen == to_stage
        await pilot.press("enter")
        await until(pilot, lambda: pending() is not None)

    async def decide(yes: bool, reason: str = "") -> None:
        app.set_operator(MONITOR)
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, ApprovalsScreen))
        screen = app.screen
        await until(
            pilot, lambda: screen.page is not None and screen.role == "monitor" and screen.page.total == 1
        )
        hid = pending()
        if yes:
            await approve(pilot)
        else:
            await pilot.press("x")
            await until(pilot, lambda: isinstance(app.screen, ReturnReasonModal))
            app.screen.query_one("#return-reason").value = reason
            await pilot.press("enter")
        await until(pilot, lambda: status_of(desk, hid)[0] != "submitted")

    def current_stage() -> str:
        with desk.session() as s:
            return s.get(Case, cid).stage

    def pending() -> int | None:
        with desk.session() as s:
            return s.exec(
                select(Handoff.id).where(Handoff.case_id == cid, Handoff.status == "submitted")
            ).first()

    async with app.run_test(size=(80, 24)) as pilot:
        await submit(["L"], "offline_query")
        await decide(False, "总对总查控实有情况表未经组长签字")
        assert current_stage() == "online_query"
        await submit(["L"], "offline_query")  # corrected and submitted again
        await decide(True)
        for keys, target in [
            (["L"], "clue_query"),
            (["L"], "disposal"),
            (["H"], "clue_query"),  # 流拍 returns the case to 线索查控
            (["m", "j"], "refusal"),
            (["L"], "zhongben"),
        ]:
            await submit(keys, target)
            await decide(True)
            assert current_stage() == target

    with desk.session() as s:
        stages = [
            e.stage
            for e in s.exec(select(StageEntry).where(StageEntry.case_id == cid).order_by(StageEntry.id))
        ]
        assert stages == [
            "online_query",
            "offline_query",
            "clue_query",
            "disposal",
            "clue_query",
            "refusal",
            "zhongben",
        ]
        rows = s.exec(select(Handoff).where(Handoff.case_id == cid).order_by(Handoff.id)).all()
        assert [(h.to_stage, h.status) for h in rows] == [
            ("offline_query", "returned"),
            ("offline_query", "approved"),
            ("clue_query", "approved"),
            ("disposal", "approved"),
            ("clue_query", "approved"),
            ("refusal", "approved"),
            ("zhongben", "approved"),
        ]
        assert [h.submitted_by for h in rows] == [
            "杨琼",
            "杨琼",
            "平俊",
            "唐崇廉",
            "段德志",
            "唐崇廉",
            "瞿年生",
        ]
        assert {h.decided_by for h in rows} == {MONITOR}
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.case_id == cid))]
        assert actions.count("handoff_submit") == 7 and actions.count("handoff_approve") == 6
        assert actions.count("handoff_return") == 1
    ledger = board_ledger.list_handoffs(desk, status="returned")
    assert [(h.case_no, h.return_reason) for h in ledger] == [
        ("（2026）鄂1088执31号", "总对总查控实有情况表未经组长签字")
    ]


# --- the 待审批事项 lane: every kind of approval -------------------------------------------------


@pytest.fixture
def chief_requests(desk_factory):
    """汝阳: a 速执 case open for 30 days (简转繁 raised) and a second case of the same respondent
    (类案集中 proposed to the team that holds the first), both awaiting the 执行局长."""
    from tests.services.test_triage_service import as_role, new_case, staff_with
    from zhixing_tui.services.triage import decisions as svc
    from zhixing_tui.services.triage import followup as follow

    desk = as_role(desk_factory("ruyang"), "triage_clerk")
    first = new_case(desk, 1, respondent="赵六", rid="11010519491231002X", filed=date(2026, 10, 24))
    svc.decide(desk, first, cls="简易", reason="被执行人愿意履行")
    (s2c,) = follow.raise_simple_to_complex(desk)
    second = new_case(desk, 2, respondent="赵六", rid="11010519491231002X", applicant="钱七")
    related = follow.propose_related(desk, second)
    names = {role: staff_with(desk, role) for role in ("bureau_chief", "window_clerk")}
    return desk, {"first": first, "second": second, "s2c": s2c, "related": related}, names


def approval(desk, aid: int) -> tuple:
    with desk.session() as s:
        a = s.get(Approval, aid)
        return a.status, a.decided_by, a.note


async def open_pending_lane(pilot) -> ApprovalsScreen:
    screen = await open_approvals(pilot)
    await pilot.press("tab", "tab")
    await until(pilot, lambda: screen.lane == "pending" and screen.page is not None)
    return screen


async def reject_with(pilot, reason: str) -> None:
    """x on the highlighted request, then the reason typed into the dialog and submitted."""
    await pilot.press("x")
    await until(pilot, lambda: isinstance(pilot.app.screen, RejectReasonModal))
    if reason:
        pilot.app.screen.query_one("#return-reason").value = reason
    await pilot.press("enter")


async def test_chief_approves_simple_to_complex_and_related_cases_from_the_lane(chief_requests):
    desk, ids, names = chief_requests
    chief = names["bureau_chief"]
    app = make_app(desk, operator=chief, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pending_lane(pilot)
        assert [(r.kind, r.id) for r in screen.page.items] == [
            ("simple_to_complex", ids["s2c"]),
            ("related_cases", ids["related"]),
        ]
        table = screen.query_one(CaseTable)
        assert [[str(c) for c in table.get_row_at(i)[:2]] for i in range(2)] == [
            ["简转繁", "（2026）豫0326执1号"],
            ["类案集中", "（2026）豫0326执2号"],
        ]
        assert str(table.get_row_at(0)[3]) == "执行局长"
        form = str(screen.query_one("#appr-form").render())
        assert "速执团队　立案已30日（期限30日）" in form and "须由执行局长" in form
        assert "无权" not in form
        assert "待审批事项 2 件" in str(screen.query_one("#appr-status").render())
        await approve(pilot)  # 简转繁: decide_simple_to_complex
        await until(pilot, lambda: approval(desk, ids["s2c"])[0] == "approved")
        await until(pilot, lambda: [r.id for r in screen.page.items] == [ids["related"]])
        assert any(n.message == "已批准简转繁：（2026）豫0326执1号" for n in notifications(app))
        form = str(screen.query_one("#appr-form").render())
        assert "建议交速执团队办理（关联案件 1 件）" in form
        assert "（2026）豫0326执1号（速执团队）：被执行人相同" in form
        await approve(pilot)  # 类案集中: decide_related assigns the case to the proposed team
        await until(pilot, lambda: approval(desk, ids["related"])[0] == "approved")
        await until(pilot, lambda: screen.page.total == 0)
    with desk.session() as s:
        first, second = s.get(Case, ids["first"]), s.get(Case, ids["second"])
        assert first.triage_class == "ordinary"  # 简转繁: 普通, the same team
        unit_names = {
            u.id: u.name
            for u in s.exec(select(OrgUnit).where(OrgUnit.id.in_([first.unit_id, second.unit_id])))
        }
        assert unit_names[first.unit_id] == unit_names[second.unit_id] == "速执团队"
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.operator == chief))]
        assert "s2c_approved" in actions and "related_approved" in actions
    assert approval(desk, ids["s2c"]) == ("approved", chief, "")


async def test_clerk_is_refused_with_a_notification_and_nothing_changes(chief_requests):
    desk, ids, names = chief_requests
    app = make_app(desk, operator=names["window_clerk"], today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pending_lane(pilot)
        form = str(screen.query_one("#appr-form").render())
        assert "当前操作人（窗口书记员）无权审批此事项：需要执行局长" in form
        for action in ("approve", "reject", "return"):  # keys hidden from a role that cannot decide
            assert not screen.check_action(action, ())
        await pilot.press("y", "x")
        await settle(pilot)
        assert isinstance(app.screen, ApprovalsScreen) and approval(desk, ids["s2c"])[0] == "pending"
        # should a decision reach the service anyway, its refusal is an error notification
        screen.decide("pending", screen.row, True, "")
        await until(pilot, lambda: errors(app))
        (note,) = errors(app)
        assert note.message == "窗口书记员无权审批简转繁：需要执行局长"
        app.set_operator(names["bureau_chief"])  # the lane reloads with the new operator's role
        await until(pilot, lambda: screen.role == "bureau_chief")
        assert screen.check_action("approve", ()) and screen.check_action("reject", ())
        assert "无权" not in str(screen.query_one("#appr-form").render())
        assert "当前操作人：执行局长" in str(screen.query_one("#appr-status").render())
    assert approval(desk, ids["s2c"]) == ("pending", None, "")
    assert approval(desk, ids["related"]) == ("pending", None, "")


async def test_chief_rejects_with_a_reason(chief_requests):
    desk, ids, names = chief_requests
    chief = names["bureau_chief"]
    app = make_app(desk, operator=chief, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pending_lane(pilot)
        await reject_with(pilot, "")  # an empty reason is refused in the dialog
        assert isinstance(app.screen, RejectReasonModal)
        assert "请写明不予批准的理由" in str(app.screen.query_one("#return-note").render())
        assert "不予批准　（2026）豫0326执1号" in str(app.screen.query_one("#return-box").border_title)
        app.screen.query_one("#return-reason").value = "新发现财产可在期限内处置"
        await pilot.press("enter")
        await until(pilot, lambda: approval(desk, ids["s2c"])[0] == "rejected")
        await until(pilot, lambda: screen.page.total == 1)
        assert any(
            n.message == "已不予批准简转繁：（2026）豫0326执1号（新发现财产可在期限内处置）"
            for n in notifications(app)
        )
    assert approval(desk, ids["s2c"]) == ("rejected", chief, "新发现财产可在期限内处置")
    with desk.session() as s:
        assert s.get(Case, ids["first"]).triage_class == "simple"


async def test_whole_case_numbers_and_y_x_at_80x24(desk_factory):
    from datetime import datetime

    desk = replace(desk_factory("jianli"), operator="杨琼")
    cid = add_case(desk, 1675, "online_query", datetime(2026, 11, 2, 9))
    with desk.transaction() as s:  # a long one: 执恢 and four digits
        s.get(Case, cid).case_no = "（2025）鄂1088执恢1675号"
    ho.submit_move(desk, cid, "offline_query")
    board_travel.request_travel(
        desk, cid, scope="in_county", destination="监利市程集镇", purpose="查找被执行人"
    )
    from textual.widgets._footer import FooterKey

    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_approvals(pilot)
        table = screen.query_one(CaseTable)
        assert str(table.get_row_at(0)[0]) == "（2025）鄂1088执恢1675号"  # was 「（2025）鄂1088执167…」
        shown = {k.key: k.region for k in screen.query(FooterKey)}
        assert shown["y"].right <= 72 and shown["x"].right <= 72
        await pilot.press("tab", "tab")
        await until(pilot, lambda: screen.lane == "pending" and screen.page is not None)
        assert str(table.get_row_at(0)[1]) == "（2025）鄂1088执恢1675号"
