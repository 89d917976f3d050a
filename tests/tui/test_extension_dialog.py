"""案件详情 → e: request an extension of the execution period through the dialog; a late request
shows the service's Chinese refusal in the dialog and writes nothing."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.tui.conftest import notifications, settle, until
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import Approval, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.extension import ExtensionModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen

AS_OF = date(2026, 11, 23)
SIZE = (120, 40)


def new_case(desk, n: int, filed: date) -> int:
    return register_case(
        desk, case_no=f"（2026）豫0326执{n}号", filed_on=filed, claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip


def approvals(desk) -> list[tuple]:
    with desk.session() as s:
        return [
            (a.case_id, a.kind, a.details["period"], a.details["reason"]) for a in s.exec(select(Approval))
        ]


async def test_e_requests_an_extension_and_a_late_one_is_refused_in_the_dialog(desk):
    with desk.session() as s:
        handler = s.exec(select(Staff.name).where(Staff.role == "handler").order_by(Staff.id)).first()
    cid = new_case(desk, 71, date(2026, 6, 1))  # due 2026-12-01
    late = new_case(desk, 72, date(2026, 5, 25))  # due 2026-11-25: too late on 11-23
    app = make_app(desk, operator=handler, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(late)
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.detail is not None)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExtensionModal))
        await pilot.press(*"财产待处置", "ctrl+s")
        modal = app.screen
        await until(pilot, lambda: "最迟 2026-11-20" in str(modal.query_one("#extend-error").render()))
        await pilot.press("escape")
        await settle(pilot)
        assert approvals(desk) == []

        app.open_case(cid)
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.case_id == cid)
        await until(pilot, lambda: app.screen.detail is not None and app.screen.detail.id == cid)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExtensionModal))
        await pilot.press(*"拍卖未终结", "enter")
        await until(pilot, lambda: not isinstance(app.screen, ExtensionModal))
        await settle(pilot)
        assert approvals(desk) == [(cid, "extension", "3个月", "拍卖未终结")]
        assert "已提交延长执行期限申请（审批编号 1）" in [n.message for n in notifications(app)]


def test_the_approvals_list_shows_what_an_extension_asks() -> None:
    from datetime import datetime

    from zhixing_tui.services.board.query import ApprovalRow
    from zhixing_tui.tui.screens.approval_items import row_cells

    row = ApprovalRow(
        id=1, kind="extension", case_id=1, case_no="（2026）豫0326执71号", level="vice_president",
        details={"period": "3个月", "reason": "拍卖未终结", "due_before": "2026-12-01", "scope_name": "延长执行期限3个月"},
        requested_by="王某", requested_at=datetime(2026, 11, 23, 10),
    )  # fmt: skip
    assert row_cells(row) == [
        "延长执行期限",
        "（2026）豫0326执71号",
        "延长执行期限3个月（现届满日 2026-12-01）　特殊情况：拍卖未终结",
        "副院长/党组书记",
        "王某",
        "2026-11-23 10:00",
    ]


async def test_the_register_dialog_records_a_non_litigation_case(desk):
    from textual.widgets import Checkbox, Input

    from zhixing_tui.storage.models import Case, DeadlineNode
    from zhixing_tui.tui.modals.register_case import RegisterCaseModal

    app = make_app(desk, operator="张三", today=AS_OF)
    results: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(RegisterCaseModal("（2026）豫0326执901号", AS_OF), results.append)
        await until(pilot, lambda: isinstance(app.screen, RegisterCaseModal))
        await settle(pilot)
        modal = app.screen
        for key, value in (
            ("filed_on", "2026-11-02"),
            ("claim", "800"),
            ("applicant", "刘一"),
            ("respondent", "陈二"),
        ):
            modal.query_one(f"#reg-{key}", Input).value = value
        modal.query_one("#reg-non_litigation", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(results))
    with desk.session() as s:
        case = s.exec(select(Case).where(Case.case_no == "（2026）豫0326执901号")).one()
        node = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case.id, DeadlineNode.rule_id == "national.execution_period"
            )
        ).one()
    assert results == [case.id]
    assert (case.non_litigation, node.period, node.due_on) == (True, "3个月", date(2027, 2, 2))
