"""A closing submitted for 结案审查 shows the approver what they decide on (issue 14, item 6).

On a demo database (监利: the 终本办理组 reports its 终本 closings to 结案审查), the demo records its
closing submissions as ``submit_close`` does, and F7 shows the highlighted one: the case and its
承办人, method and amounts, the 结案理由, the 终本约谈, the 财产查控 and each 终本 condition with its
evidence and citation, and the seed clause.
"""

from __future__ import annotations

from sqlmodel import col, select

from tests.tui.conftest import until
from tests.tui.test_approvals_screen import open_approvals
from zhixing_tui.domain.closing import TERMINATED_THIS_ROUND
from zhixing_tui.services.zhongben.conditions import zhongben_check
from zhixing_tui.storage.models import Case, Handoff, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.widgets.lists import CaseTable


def pending_closings(desk) -> list[tuple[Handoff, Case]]:
    with desk.session() as s:
        return list(
            s.exec(
                select(Handoff, Case)
                .join(Case, col(Case.id) == col(Handoff.case_id))
                .where(Handoff.status == "submitted", Handoff.kind == "close")
                .order_by(col(Handoff.submitted_at), col(Handoff.id))
            ).all()
        )


def monitor_of(desk) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == "monitor").order_by(col(Staff.id))).first()


def form_shown(app) -> str:
    return str(app.screen.query_one("#appr-form").render())


async def test_demo_zhongben_submission_shows_reason_and_conditions(desk_factory):
    desk = desk_factory("jianli", cases=300)
    closings = pending_closings(desk)
    zhongben = [(h, c) for h, c in closings if h.form.get("method") == TERMINATED_THIS_ROUND]
    assert zhongben, "the demo submits no 终本 closing for 结案审查"
    handoff, case = zhongben[0]
    # as the service would have accepted it: every condition met on the day it was submitted
    conditions = zhongben_check(desk, case.id, handoff.submitted_at.date())
    assert not [c.name for c in conditions if c.blocking]

    app = make_app(desk, operator=monitor_of(desk), today=desk.today())
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_approvals(pilot)
        table = screen.query_one(CaseTable)
        while table.cursor_key != str(handoff.id):
            await pilot.press("down")
        await until(pilot, lambda: case.case_no in form_shown(app))
        shown = form_shown(app)
    assert f"结案理由：{handoff.form['reason']}" in shown
    assert "结案方式：终结本次执行程序" in shown
    assert f"承办人：{shown_handler(desk, case)}" in shown
    assert "终本约谈：20" in shown
    assert "财产查控：" in shown and "项已反馈" in shown
    assert f"终本条件：{len(conditions)}/{len(conditions)} 项具备" in shown
    for c in conditions:  # each with its evidence and clause
        assert f"✓ {c.name}：{c.evidence}" in shown
    assert "法〔2016〕373号第一条第（一）项" in shown
    assert "依据：004 第六组 3" in shown


def shown_handler(desk, case: Case) -> str:
    with desk.session() as s:
        return s.get(Staff, case.handler_id).name


async def test_demo_other_closings_show_method_amounts_and_reason(desk_factory):
    """The other closings the demo submits (执行完毕, 终结执行) show the same way."""
    desk = desk_factory("jianli", cases=300)
    others = [(h, c) for h, c in pending_closings(desk) if h.form.get("method") != TERMINATED_THIS_ROUND]
    assert others, "the demo submits no other closing for 结案审查"
    handoff, case = others[0]
    app = make_app(desk, operator=monitor_of(desk), today=desk.today())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_approvals(pilot)
        table = screen.query_one(CaseTable)
        while table.cursor_key != str(handoff.id):
            await pilot.press("down")
        await until(pilot, lambda: case.case_no in form_shown(app))
        shown = form_shown(app)
    assert f"结案方式：{handoff.form['method']}" in shown
    assert f"结案理由：{handoff.form['reason']}" in shown
    assert f"承办人：{shown_handler(desk, case)}" in shown
    assert "财产查控：" in shown
    assert "终本条件" not in shown  # only a 终本 closing has them


async def test_closing_details_page_with_j_and_k_at_80x24(desk_factory):
    """At 80×24 the conditions of a 终本 closing are below the panel: J brings them into view."""
    desk = desk_factory("jianli", cases=300)
    handoff, case = next(
        (h, c) for h, c in pending_closings(desk) if h.form.get("method") == TERMINATED_THIS_ROUND
    )
    app = make_app(desk, operator=monitor_of(desk), today=desk.today())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_approvals(pilot)
        table = screen.query_one(CaseTable)
        while table.cursor_key != str(handoff.id):
            await pilot.press("down")
        await until(pilot, lambda: case.case_no in form_shown(app))
        assert "J/K" in str(screen.query_one("#appr-box").border_subtitle)
        assert "终本条件" not in "\n".join(screen_lines(app))
        for _ in range(4):
            await pilot.press("J")
        await pilot.pause()
        assert "终本条件" in "\n".join(screen_lines(app)) or "✓" in "\n".join(screen_lines(app))
        assert table.cursor_key == str(handoff.id)  # the list did not move
        await pilot.press("K", "K", "K", "K")
        await pilot.pause()
        assert "结案审查表" in "\n".join(screen_lines(app))


def screen_lines(app) -> list[str]:
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]
