"""Pictures of the window screens (初次接待, 查控) on demo data at a fixed terminal size.

Regenerate after an intended change with ``make snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import date

from tests.roster import act_as
from tests.tui.conftest import until
from zhixing_tui.services.cases.search import search_cases
from zhixing_tui.services.window import checklist as svc
from zhixing_tui.tui.app import make_app

AS_OF = date(2026, 11, 23)
SIZE = (100, 30)


def first_case(desk) -> int:
    return search_cases(desk, "", limit=1).items[0].id


class TestIntake:
    def test_intake_form_on_a_demo_case(self, demo_desk, snap_compare):
        case_id = first_case(demo_desk)
        app = make_app(demo_desk, operator="张三", today=AS_OF)

        async def opened(pilot):
            await pilot.press("f2")
            screen = app.screen
            screen.load(case_id)
            await until(pilot, lambda: screen.view is not None and screen.baseline is not None)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=opened)


class TestQuery:
    def test_checklist_with_a_freeze_and_the_batch(self, demo_desk, snap_compare):
        case_id = first_case(demo_desk)
        act_as(demo_desk, "query_clerk")
        view = svc.load_checklist(demo_desk, case_id)
        deposit = next(i for i in view.items if i.channel == "national" and i.asset_type == "deposit")
        svc.move_item(demo_desk, deposit.id, "feedback", result="found", amount_fen=3_000_000)
        svc.move_item(demo_desk, deposit.id, "frozen")
        svc.mark_national_none(demo_desk, case_id)
        app = make_app(demo_desk, operator="张三", today=AS_OF)

        async def opened(pilot):
            await pilot.press("f3")
            screen = app.screen
            screen.load(case_id)
            await until(pilot, lambda: screen.view is not None)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=opened)
