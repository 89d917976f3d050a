"""zhixing's screens driven by Textual's Pilot in a child process, timed from the key to the data.

``python -m bench.screens cold --db FILE --as-of D``: start the app and exit as soon as 今日概况's
figures are on screen (the harness times the whole process: cold start).
``… screen --key f4``: from 今日概况, press the key; the figure is the time until the screen has its
data (no worker pending or running, every message handled, the frame drawn); then back home and
the key again (``again``). ``… detail --case-no …``: Enter on the search result opens the case's
detail. ``… search --query 李斌``: type the query in the search; the figure runs from the last key
to the results in the list (the debounce included); ``counted``: to 共 N 件 under it as well (the
screen shows the page first and counts every match after).
Each prints one ``BENCH {json}`` line (see ``bench.measure``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import date

from bench.drive import drain, key, settle, until
from bench.measure import report_line

SIZE = (160, 50)


def _app(db: str, as_of: date, operator: str | None):
    from zhixing_tui import startup

    startup.begin()  # what the ``zhixing`` console script does first (the app ends it once drawn)

    from bench.dbapi import Plain
    from zhixing_tui.services.desk import Desk
    from zhixing_tui.tui.app import make_app

    if operator is None:  # the 执行局长: every screen shows what it would show its head
        con = Plain(db)
        operator = con.execute("SELECT name FROM staff WHERE role = 'bureau_chief'").fetchone()[0]
        con.close()
    desk = Desk.open(db, operator=operator)
    return make_app(desk, operator=operator, today=as_of)


def _home_shown(app) -> bool:
    return getattr(app.screen, "summary", None) is not None


async def cold(args) -> dict:
    app = _app(args.db, args.as_of, args.operator)
    async with app.run_test(size=SIZE):
        await until(lambda: _home_shown(app))
        await settle(app)
        os._exit(0)  # the harness times the process to here; closing the app is not part of it
    return {}


async def _home(app) -> None:
    await until(lambda: _home_shown(app))
    await settle(app)


async def screen(args) -> dict:
    app = _app(args.db, args.as_of, args.operator)
    async with app.run_test(size=SIZE):
        await _home(app)
        times = []
        for _ in range(2):
            started = time.perf_counter()
            key(app, args.key)
            await until(lambda: app.current_mode != "home")
            await settle(app)
            times.append(time.perf_counter() - started)
            key(app, "f10")
            await until(lambda: app.current_mode == "home")
            await settle(app)
        return {"seconds": times[0], "again": times[1]}


async def detail(args) -> dict:
    from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
    from zhixing_tui.tui.screens.search import SearchScreen

    app = _app(args.db, args.as_of, args.operator)
    async with app.run_test(size=SIZE):
        await _home(app)
        key(app, "slash")
        await until(lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        await settle(app)
        search.query_one("#search-input").value = args.case_no
        await until(lambda: search._loaded_query == args.case_no)  # noqa: SLF001
        await settle(app)
        key(app, "down")
        await settle(app)
        times = []
        for _ in range(2):
            started = time.perf_counter()
            key(app, "enter")
            await until(lambda: isinstance(app.screen, CaseDetailScreen))
            await settle(app)
            times.append(time.perf_counter() - started)
            key(app, "escape")
            await until(lambda: app.screen is search)
            await settle(app)
        return {"seconds": times[0], "again": times[1]}


async def search(args) -> dict:
    from zhixing_tui.tui.screens.search import SearchScreen

    app = _app(args.db, args.as_of, args.operator)
    async with app.run_test(size=SIZE):
        await _home(app)
        key(app, "slash")
        await until(lambda: isinstance(app.screen, SearchScreen))
        found = app.screen
        await settle(app)
        times = []
        counted = []
        ids: list[int] = []
        total = 0
        for _ in range(2):
            for ch in args.query[:-1]:
                key(app, ch)
                await asyncio.sleep(TYPING)
            started = time.perf_counter()
            key(app, args.query[-1])
            await until(lambda: found._loaded_query == args.query)  # noqa: SLF001
            await drain(app)  # the page is in the list (the total may still be counting)
            times.append(time.perf_counter() - started)
            await until(lambda: found._counted)  # noqa: SLF001
            await settle(app)  # and 共 N 件 shown
            counted.append(time.perf_counter() - started)
            ids = [r.id for r in found.page.items]
            total = found.page.total
            for _ch in args.query:
                key(app, "backspace")
            await until(lambda: found._loaded_query == "")  # noqa: SLF001
            await settle(app)
        return {
            "seconds": times[0],
            "again": times[1],
            "counted": counted[0],
            "counted_again": counted[1],
            "ids": ids,
            "total": total,
        }


#: seconds between two keys while typing the query (a quick typist)
TYPING = 0.08
START = time.perf_counter()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("cold", "screen", "detail", "search"))
    ap.add_argument("--db", required=True)
    ap.add_argument("--as-of", type=date.fromisoformat, required=True)
    ap.add_argument("--operator")
    ap.add_argument("--key", default="f4")
    ap.add_argument("--case-no", default="")
    ap.add_argument("--query", default="李斌")
    args = ap.parse_args(argv)
    figures = asyncio.run(
        {"cold": cold, "screen": screen, "detail": detail, "search": search}[args.what](args)
    )
    sys.stdout.write(report_line(figures) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
