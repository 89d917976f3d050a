"""The 繁简分流 queue at a fixed terminal size: two waiting cases, the first with a clerk's fact
(简易 → 速执团队, criterion （4） in the seed's wording) and its overdue center deadline.

Regenerate after an intended change with ``make snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import date, datetime

from tests.triage_fixtures import staff_with, waiting_case
from tests.tui.conftest import until
from zhixing_tui.services.triage.decisions import set_case_facts
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens.triage import TriageScreen

SIZE = (100, 30)
AS_OF = date(2026, 11, 23)


class TestTriageQueue:
    def test_queue_with_suggestion(self, desk_factory, snap_compare):
        desk = desk_factory("ruyang")
        first = waiting_case(
            desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 9, 10, 30), respondent="马勇"
        )
        waiting_case(
            desk, 2, received=date(2026, 11, 16), entered=datetime(2026, 11, 20, 9, 0), respondent="杨涛"
        )
        set_case_facts(desk, first, {"performed_or_willing": True})
        app = make_app(desk, operator=staff_with(desk, "triage_clerk"), today=AS_OF)

        async def loaded(pilot):
            await pilot.press("f4")
            await until(
                pilot, lambda: isinstance(app.screen, TriageScreen) and app.screen.current_view is not None
            )
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=loaded)
