"""指挥监控's approval queue by keys: approve (the case moves), return with a reason (the 台账),
export the 台账, travel requests by level; keys hidden from operators who cannot decide."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.tui.conftest import until
from tests.tui.test_board_screen import add_case
from zhixing_tui.services import handoffs as ho
from zhixing_tui.storage.models import Approval, Case, Handoff, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.return_reason import ReturnReasonModal
from zhixing_tui.tui.screens.approvals import ApprovalsScreen

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
        await pilot.press("y")
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
            ("（2026）鄂1081执22号", "线下查控实有情况表未经组长签字")
        ]
        assert not screen.check_action("approve", ())
        await pilot.press("e")
        path = tmp_path / "exports" / "流转退回整改台账_20261123.xlsx"
        await until(pilot, path.exists)
        ws = load_workbook(path).active
        assert ws["A2"].value == "（2026）鄂1081执22号" and ws["H2"].value == "线下查控实有情况表未经组长签字"


async def test_keys_hidden_from_an_operator_who_cannot_decide(queue):
    desk, _ids = queue
    app = make_app(desk, operator="杨琼", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        assert screen.role == "group_leader"  # 线上查控组组长: may not decide handoffs
        assert not screen.check_action("approve", ()) and not screen.check_action("return", ())
        await pilot.press("y")
        await pilot.pause(0.1)
        assert status_of(desk, _ids["ha"])[0] == "submitted"
        assert "不能审批流转" in str(screen.query_one("#appr-status").render())


async def test_travel_request_approved_by_the_group_leader(queue):
    desk, ids = queue
    aid = ho.request_travel(
        desk, ids["a"], scope="in_county", destination="监利市程集镇", purpose="查找被执行人"
    )
    app = make_app(desk, operator="唐崇廉", today=AS_OF)  # 线索查控组组长
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_approvals(pilot)
        await pilot.press("tab", "tab")
        await until(pilot, lambda: screen.lane == "travel" and screen.page is not None)
        assert [r.id for r in screen.page.items] == [aid]
        await pilot.press("y")
        await until(pilot, lambda: screen.page is not None and screen.page.total == 0)
        with desk.session() as s:
            a = s.exec(select(Approval).where(Approval.id == aid)).one()
            assert (a.status, a.decided_by, a.level) == ("approved", "唐崇廉", "group_leader")
