"""The search screen shows a page as soon as it is read and 共 N 件 once every match is counted
(issue 17: at county scale the count is the longer part of a search); a newer query stops the
count of the one before, and a late count of another query or page is not shown."""

from __future__ import annotations

import threading

from tests.search_fixtures import AS_OF
from tests.tui.conftest import settle, until
from zhixing_tui.i18n import common as common_text
from zhixing_tui.services.cases.search import SearchStopped, search_cases
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.messages import SearchCounted
from zhixing_tui.tui.screens import search as search_screen
from zhixing_tui.tui.screens.search import SearchScreen
from zhixing_tui.tui.widgets.lists import CaseTable

SIZE = (100, 30)


def _held_count(monkeypatch):
    """The screen's count waits for ``release`` (asking its ``stop`` meanwhile, as SQLite's
    progress handler does); ``started`` lists the queries whose count began, ``stopped`` those
    that a newer query stopped."""
    release = threading.Event()
    started: list[str] = []
    stopped: list[str] = []
    real = search_screen.count_cases

    def held(desk, query, *, stop=None):
        started.append(query)
        while not release.wait(0.01):
            if stop is not None and stop():
                stopped.append(query)
                raise SearchStopped
        return real(desk, query, stop=stop)

    monkeypatch.setattr(search_screen, "count_cases", held)
    monkeypatch.setattr(search_screen, "PAGE_SIZE", 2)
    return release, started, stopped


def _status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status").render())


async def test_the_page_shows_before_its_total_and_the_total_follows(shell, monkeypatch):
    release, started, _stopped = _held_count(monkeypatch)
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("执")  # every 案号: more than a page of 2
        await until(pilot, lambda: screen._loaded_query == "执" and "执" in started)
        assert screen.query_one(CaseTable).row_count == 2
        assert _status(screen) == common_text.SEARCH_COUNTING.format(page=1)
        assert not screen.check_action("next_page", ())  # no next page before the total is known
        release.set()
        await until(pilot, lambda: screen._counted)
        await settle(pilot)
        expected = search_cases(shell.desk, "执", limit=2)
        assert screen.page is not None and screen.page.total == expected.total > 2
        assert [r.id for r in screen.page.items] == [r.id for r in expected.items]
        assert _status(screen) == common_text.SEARCH_COUNT.format(
            total=expected.total, page=1, pages=expected.page_count
        )
        assert screen.check_action("next_page", ())


async def test_a_newer_query_stops_the_count_before_it_and_a_late_count_is_not_shown(shell, monkeypatch):
    release, started, stopped = _held_count(monkeypatch)
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("执")
        await until(pilot, lambda: "执" in started)
        await pilot.press("backspace", "豫")  # the 执 count is still running
        await until(pilot, lambda: "执" in stopped)  # stopped at the key, not left to finish
        await until(pilot, lambda: screen._loaded_query == "豫" and "豫" in started)
        screen.post_message(SearchCounted("执", 0, 999))  # an older query's count, arriving late
        screen.post_message(SearchCounted("豫", 2, 999))  # another page's count
        for _ in range(5):
            await pilot.pause(0.02)  # both handled (settle would wait for the held count)
        assert not screen._counted and _status(screen) == common_text.SEARCH_COUNTING.format(page=1)
        release.set()
        await until(pilot, lambda: screen._counted)
        assert screen.page is not None and screen.page.total == search_cases(shell.desk, "豫").total
