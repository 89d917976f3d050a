"""超期预警 by keys: the three groups in order, filters, Enter opens the case, 督办 is recorded
(Urge row + audit entry) and shows on the case timeline."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from tests.roster import act_as
from tests.tui.conftest import until
from zhixing_tui.services.cases.lifecycle import set_stage
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.nodes import apply_event
from zhixing_tui.storage.models import AuditEntry, Case, OrgUnit, Staff, Urge
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.pick_filter import PickFilterModal
from zhixing_tui.tui.modals.urge import UrgeModal
from zhixing_tui.tui.screens.alerts import AlertsScreen, page_cells, row_cells
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.widgets.lists import KeyOptionList

AS_OF = date(2026, 11, 23)  # a Monday
SIZE = (140, 36)


def _case(desk, n: int) -> int:
    return register_case(
        desk,
        case_no=f"（2026）豫0326执{n}号",
        filed_on=date(2026, 11, 16),
        claim_fen=800_000,
        applicants=[PartyInput(name="张三", kind="person")],
        respondents=[PartyInput(name="李四", kind="person")],
    )


@pytest.fixture
def alerts(desk):
    """Two cases registered (立案, 收案) on 11-16 09:00, which starts the center's nodes on both.

    31 moves on to 网络查控 the same day and its network query starts: its 执行通知书 (11-19) is
    超期 and its 传统查控 (11-23) due today. 32 went through the center (all its nodes met) to
    普执一团队 on 11-18, where money arrived: 案款 due 11-25 is 临期.
    """
    a, b = _case(desk, 31), _case(desk, 32)
    with desk.transaction() as s:
        case_a = s.get(Case, a)
        set_stage(
            s,
            case_a,
            "online_query",
            case_a.unit_id,
            None,
            "发起网络查控",
            desk.operator,
            at=datetime(2026, 11, 16, 14),
            desk=desk,
        )
        apply_event(s, desk, a, "national_query_started", datetime(2026, 11, 16, 15), desk.operator)
        for ev, at in [
            ("national_query_started", datetime(2026, 11, 16, 15)),
            ("notices_served", datetime(2026, 11, 17, 10)),
            ("offline_done", datetime(2026, 11, 17, 16)),
            ("transferred", datetime(2026, 11, 18, 9)),
        ]:
            apply_event(s, desk, b, ev, at, desk.operator)
        team = s.exec(select(OrgUnit).where(OrgUnit.code == "ordinary_1")).one()
        judge = s.exec(select(Staff).where(Staff.unit_id == team.id)).first()
        set_stage(
            s,
            s.get(Case, b),
            "ordinary_1",
            team.id,
            judge.id,
            "分案",
            desk.operator,
            at=datetime(2026, 11, 18, 9),
            desk=desk,
        )
        apply_event(s, desk, b, "money_arrived", datetime(2026, 11, 18, 10), desk.operator)
        ids = {"a": a, "b": b, "team": team.id, "judge": judge.id, "judge_name": judge.name}
    return desk, ids


async def open_alerts(pilot) -> AlertsScreen:
    await pilot.press("f6")
    await until(
        pilot, lambda: isinstance(pilot.app.screen, AlertsScreen) and pilot.app.screen.page is not None
    )
    return pilot.app.screen


async def test_groups_in_order_and_counts(alerts):
    desk, ids = alerts
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_alerts(pilot)
        got = [(r.case_no, r.rule_id, r.status, r.days) for r in screen.page.items]
        assert got == [
            ("（2026）豫0326执31号", "ruyang.notices", "overdue", 4),
            ("（2026）豫0326执31号", "ruyang.offline_query", "due_today", 0),
            ("（2026）豫0326执32号", "ruyang.case_money", "approaching", 2),
        ]
        assert screen.counts == {"overdue": 1, "due_today": 1, "approaching": 1}
        status = str(screen.query_one("#alerts-status").render())
        assert status.startswith("截至 2026-11-23　超期 1　今日到期 1　临期 1　共 3 项　第 1/1 页")
        table = screen.query_one("#alerts-list")
        assert [str(c) for c in table.get_row_at(0)[:2]] == ["超期", "超4天"]
        assert str(table.get_row_at(2)[5]) == ids["judge_name"]
        # 依据 as on paper: the seed's short title and the clause, not the profile's "000 二(一)2"
        assert screen.page.items[0].source == "000 二(一)2"
        assert row_cells(screen.page.items[0])[7] == "《实施方案》二（一）2"
        assert str(table.get_row_at(0)[7]).startswith("《实施方案》二")  # as much as the column holds


async def test_a_node_listed_twice_for_a_case_says_the_day_each_started(alerts):
    """Two arrivals of 案款 on one case are two 案款 nodes: each row names the moment it counts from."""
    desk, ids = alerts
    with desk.transaction() as s:
        apply_event(s, desk, ids["b"], "money_arrived", datetime(2026, 11, 18, 15), desk.operator)
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_alerts(pilot)
        table = screen.query_one("#alerts-list")
        money = [i for i, r in enumerate(screen.page.items) if r.rule_id == "ruyang.case_money"]
        assert len(money) == 2
        cells = page_cells(screen.page)
        nodes = sorted(str(cells(screen.page.items[i])[3]) for i in money)
        assert all(str(table.get_row_at(i)[3]).startswith("到账案款认领、发放（2026-11-18 ") for i in money)
        assert nodes == [
            "到账案款认领、发放（2026-11-18 10:00 起算）",
            "到账案款认领、发放（2026-11-18 15:00 起算）",
        ]
        others = [str(cells(r)[3]) for i, r in enumerate(screen.page.items) if i not in money]
        assert others and not any("起算" in n for n in others)  # once a case: no date added


@pytest.mark.parametrize(
    ("size", "columns"),
    [
        ((80, 24), ["status", "days", "case_no", "node", "handler"]),
        ((160, 50), ["status", "days", "case_no", "node", "team", "handler", "due", "source"]),
    ],
)
async def test_case_no_and_days_are_never_cut(alerts, size, columns):
    """A long 案号 and a three-digit day count keep their whole width; 节点 takes the rest, and
    at 80 columns 依据, 到期日 and 组/团队 give way."""
    desk, _ = alerts
    long_no = "（2025）豫0326执恢1234号"
    register_case(
        desk,
        case_no=long_no,
        filed_on=date(2025, 11, 3),
        claim_fen=100,
        applicants=[PartyInput(name="张三", kind="person")],
        respondents=[PartyInput(name="李四", kind="person")],
    )
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=size) as pilot:
        screen = await open_alerts(pilot)
        table = screen.query_one("#alerts-list")
        assert [c.value for c in table.columns] == columns
        row = next(i for i, r in enumerate(screen.page.items) if r.case_no == long_no)
        days = screen.page.items[row].days
        assert days > 100
        assert [str(c) for c in table.get_row_at(row)[1:3]] == [f"超{days}天", long_no]
        widths = [c.width for c in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= size[0] - 4
        assert widths[3] >= 16  # 节点


async def test_filter_by_team_person_and_node(alerts):
    desk, ids = alerts
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_alerts(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, PickFilterModal))
        options = app.screen.query_one(KeyOptionList)
        keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = keys.index(str(ids["team"]))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen and screen.page.total == 1)
        assert [r.rule_id for r in screen.page.items] == ["ruyang.case_money"]
        assert "筛选：组/团队 普执一团队" in str(screen.query_one("#alerts-status").render())
        await pilot.press("c")
        await until(pilot, lambda: screen.page.total == 3)

        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PickFilterModal))
        options = app.screen.query_one(KeyOptionList)
        keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = keys.index(str(ids["judge"]))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen and screen.page.total == 1)
        assert [r.handler for r in screen.page.items] == [ids["judge_name"]]

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PickFilterModal))
        options = app.screen.query_one(KeyOptionList)
        keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = keys.index("ruyang.notices")
        await pilot.press("enter")
        # person AND node type: nothing left
        await until(pilot, lambda: app.screen is screen and screen.page.total == 0)
        assert "没有超期、今日到期或临期的节点" in str(screen.query_one("#alerts-status").render())
        assert not screen.check_action("urge", ())


async def test_enter_opens_the_case(alerts):
    desk, ids = alerts
    app = make_app(desk, operator="测试员", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await open_alerts(pilot)
        await pilot.press("j", "j", "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == ids["b"]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, AlertsScreen))


async def test_urge_is_recorded_and_shows_on_the_timeline(alerts):
    desk, ids = alerts
    supervisor = act_as(desk, "supervisor")
    app = make_app(desk, operator=supervisor, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_alerts(pilot)
        await pilot.press("j", "j", "u")
        await until(pilot, lambda: isinstance(app.screen, UrgeModal))
        modal = app.screen
        assert modal.people[0] == (ids["judge"], ids["judge_name"])  # the node's handler comes first
        assert app.focused is modal.query_one("#urge-who")  # it opens on its first field
        await pilot.press("enter", "enter")  # the handler, the suggested 督办事项
        assert app.focused is modal.query_one("#urge-note")
        await pilot.press(*"申请人催问")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen)
        with desk.session() as s:
            await until(pilot, lambda: s.exec(select(Urge)).first() is not None)
            u = s.exec(select(Urge)).one()
            assert (u.case_id, u.urged_staff_id, u.about, u.note, u.by) == (
                ids["b"],
                ids["judge"],
                "请尽快完成：到账案款认领、发放",
                "申请人催问",
                supervisor,
            )
            entry = s.exec(select(AuditEntry).where(AuditEntry.action == "urge")).one()
            assert (entry.case_id, entry.operator, entry.entity_id) == (ids["b"], supervisor, u.id)
        expected = (
            f"督办{ids['judge_name']}：请尽快完成：到账案款认领、发放"
            "（节点：到账案款认领、发放，期限 2026-11-25）；申请人催问"
        )
        assert entry.summary == expected
        assert screen.row is not None and screen.row.case_id == ids["b"]  # the cursor stayed
        # the row shows it was urged (issue 14, item 7)
        await until(pilot, lambda: screen.row is not None and screen.row.urged == 1)
        table = screen.query_one("#alerts-list")
        assert any("已督办1次" in str(cell) for cell in table.get_row_at(table.cursor_row))
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, CaseDetailScreen) and app.screen.timeline is not None
        )
        assert app.screen.timeline.items[-1].summary == expected


async def test_the_urge_key_is_not_offered_to_a_window_clerk(alerts):
    desk, _ = alerts
    app = make_app(desk, operator=act_as(desk, "window_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_alerts(pilot)
        assert screen.row is not None and screen.options is not None
        assert not screen.check_action("urge", ())
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is screen
        assert not any(b.binding.action == "urge" and b.enabled for b in app.active_bindings.values())


async def test_escape_leaves_the_urge_without_a_record(alerts):
    desk, _ = alerts
    app = make_app(desk, operator=act_as(desk, "supervisor"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_alerts(pilot)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, UrgeModal))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        with desk.session() as s:
            assert s.exec(select(Urge)).first() is None
