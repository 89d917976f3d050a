"""The app's start imports what 今日概况 needs, nothing more (issue 17: the cold start): not the
other screens' modules (F4 繁简分流, F8 统计 …, imported when first shown), not the libraries of
an action (openpyxl, python-docx for printing and workbooks; pypinyin for the roster's initials;
alembic when the database is at the head; lunar_python for the statutory holidays of a year
the calendar library does not cover), not the deadline services' writing half
(``services.deadlines.nodes``, which the alerts once imported for a rule's id). Checked in a
fresh interpreter, where nothing is imported yet: a module-level import that brings one of them
back fails here.

The tables 今日概况 reads are defined at the start, the 19 others (the audit trail, a case's
parties and stays, its window work, triage,
measures and 案款, disposal, 委托, 卷宗) when first named (``storage.models.LAZY``): ~50 ms less
of the cold start at 100,000 cases; each screen that reads one of them pays a few tens of ms on
its first open (F2 102 → 175 ms, F7 80 → 123 ms, F8 221 → 247 ms, all within 300: session 8's
paired runs). An earlier try (session 7) measured 100–240 ms more and was reverted; measured
again here, in pairs on the same machine state, it was not. The tables'
pydantic schemas, though, are built on first use (``TableModel``): none is built at home."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.search_fixtures import AS_OF
from zhixing_tui.storage.db import sqlite_path

#: libraries the first screen never needs
HEAVY = ("openpyxl", "docx", "pypinyin", "alembic", "markdown_it", "lunar_python")
#: screens other than 今日概况 (the search is the app's own key, its module is light)
OTHER_SCREENS = (
    "intake",
    "query",
    "triage",
    "board",
    "alerts",
    "approvals",
    "stats",
    "zhongben_library",
    "files",
    "registers",
    "money",
    "case_detail",
)


def _modules_at_home(db: str, operator: str) -> dict:
    script = textwrap.dedent(
        f"""
        import asyncio, gc, json, os, sys
        from datetime import date

        from zhixing_tui import startup

        startup.begin()  # as the console script does
        from zhixing_tui.services.desk import Desk
        from zhixing_tui.tui.app import make_app

        async def main():
            desk = Desk.open({db!r}, operator={operator!r})
            app = make_app(desk, operator={operator!r}, today=date.fromisoformat({AS_OF.isoformat()!r}))
            async with app.run_test(size=(160, 50)) as pilot:
                for _ in range(500):
                    if getattr(app.screen, "summary", None) is not None:
                        break
                    await pilot.pause(0.02)
                await app.workers.wait_for_complete()
                await pilot.pause()
                shown = getattr(app.screen, "summary", None) is not None
            from zhixing_tui.storage.models._base import TableModel

            tables = TableModel.__subclasses__()
            modules = sorted(sys.modules)
            from zhixing_tui.storage.models import metadata  # now every table

            got = {{
                "shown": shown,
                "modules": modules,
                "gc": gc.isenabled(),
                "tables": sorted(t.__table__.name for t in tables),
                "all_tables": sorted(metadata.tables),
                "built": sorted(t.__name__ for t in tables if t.__pydantic_complete__),
            }}
            print("MODULES " + json.dumps(got))

        asyncio.run(main())
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180)
    line = next((x for x in out.stdout.splitlines() if x.startswith("MODULES ")), None)
    assert line is not None, out.stderr[-3000:]
    return json.loads(line.removeprefix("MODULES "))


def test_the_home_screen_imports_only_what_it_needs(shell):
    got = _modules_at_home(str(sqlite_path(shell.desk.url)), shell.desk.operator)
    assert got["shown"], "今日概况 showed its figures"
    assert got["gc"], "the app turned the garbage collector back on once drawn (startup.done)"
    modules = set(got["modules"])
    assert "zhixing_tui.tui.screens.home" in modules
    assert sorted(m for m in HEAVY if m in modules) == []
    screens = {f"zhixing_tui.tui.screens.{name}" for name in OTHER_SCREENS}
    assert sorted(modules & screens) == []
    assert not [m for m in modules if m.startswith("zhixing_tui.tui.modals.")]
    assert not [m for m in modules if m.startswith("zhixing_tui.services.stats")]
    assert "zhixing_tui.services.deadlines.nodes" not in modules
    # the tables the home figures do not read are not defined yet (storage.models.LAZY); every
    # table's pydantic schema waits for its first use (storage.models._base.TableModel):
    # reading the home figures dumps or validates none of them
    from zhixing_tui.storage.models import LAZY

    lazy = {f"zhixing_tui.storage.models.{m}" for m in LAZY.values()}
    assert sorted(modules & lazy) == []
    assert len(got["tables"]) == len(got["all_tables"]) - len(LAZY)
    assert got["built"] == []
