"""The paged case list all the list screens share (tui/screens/paged.py), on a list of 250 made-up
rows: ] and [ page (and only where there is a page to go to), r reloads the page shown with the
cursor on its row, Enter opens the highlighted row's case, an empty list says so, the status line
counts the pages, and a failing load becomes an error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from textual import on
from textual.app import App
from textual.message import Message
from textual.widgets import Static

from tests.tui.conftest import messages, settle, until
from zhixing_tui.i18n import common as common_text
from zhixing_tui.storage.queries import Page
from zhixing_tui.tui.screens.paged import PAGE, PagedCaseList, page_fields, paging_bindings
from zhixing_tui.tui.widgets.cells import Column
from zhixing_tui.tui.widgets.lists import CaseTable


@dataclass(frozen=True)
class Row:
    id: int
    case_id: int | None


@dataclass
class Loaded(Message):
    page: Page[Row]


class Numbers(PagedCaseList[Row]):
    LIST = "numbers"
    LOADING = "loading"
    BINDINGS = paging_bindings(
        "numbers", common_text.KEY_REFRESH, common_text.KEY_NEXT_PAGE, common_text.KEY_PREV_PAGE
    )

    def __init__(self, rows: list[Row], *, fail: bool = False) -> None:
        super().__init__()
        self.rows, self.fail = rows, fail
        self.fetched: list[int] = []

    def fetch(self, offset: int) -> Loaded:
        self.fetched.append(offset)
        if self.fail:
            raise RuntimeError("no database")
        items = tuple(self.rows[offset : offset + PAGE])
        return Loaded(Page(items=items, total=len(self.rows), offset=offset, limit=PAGE))

    def row_key(self, row: Row) -> str:
        return f"n{row.id}"

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        text = "{page}/{pages} of {total}".format(**page_fields(message.page))
        self.show_page(message.page, text, (Column("id", "id", 4),), lambda r: [str(r.id)], empty="none")


class Host(App[None]):
    court_name = ""
    operator_name = ""

    def __init__(self, screen: Numbers) -> None:
        super().__init__()
        self.list_screen = screen
        self.desk = SimpleNamespace(today=lambda: date(2026, 1, 5))
        self.opened: list[int] = []
        self.errors: list[BaseException] = []

    def on_mount(self) -> None:
        self.push_screen(self.list_screen)

    def open_case(self, case_id: int) -> None:
        self.opened.append(case_id)

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)


def status(screen: Numbers) -> str:
    return str(screen.query_one("#numbers-status", Static).render())


def can_page(screen: Numbers) -> tuple[bool, bool]:
    return bool(screen.check_action("page", (-1,))), bool(screen.check_action("page", (1,)))


async def test_pages_refreshes_and_opens():
    screen = Numbers([Row(i, 1000 + i) for i in range(250)])
    app = Host(screen)
    async with app.run_test() as pilot:
        await until(pilot, lambda: screen.page is not None)
        assert status(screen) == "1/3 of 250" and can_page(screen) == (False, True)
        table = screen.query_one(CaseTable)
        assert table.row_count == 100 and table.has_focus
        await pilot.press("left_square_bracket")  # no page before the first
        await settle(pilot)
        assert screen.fetched == [0]

        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.page is not None and screen.page.offset == 100)
        assert status(screen) == "2/3 of 250" and can_page(screen) == (True, True)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.page is not None and screen.page.offset == 200)
        assert table.row_count == 50 and can_page(screen) == (True, False)
        await pilot.press("right_square_bracket")  # no page after the last
        await settle(pilot)
        assert screen.fetched == [0, 100, 200]

        await pilot.press("j", "j")
        await pilot.press("r")  # the same page again, the cursor on its row
        await until(pilot, lambda: len(screen.fetched) == 4)
        await settle(pilot)
        assert screen.fetched[-1] == 200 and table.cursor_row == 2
        await pilot.press("enter")
        await settle(pilot)
        assert app.opened == [1202]

        await pilot.press("left_square_bracket")
        await until(pilot, lambda: screen.page is not None and screen.page.offset == 100)
        assert table.cursor_row == 0  # another page's rows: back at the top
        screen.restart()
        assert screen.page is None and can_page(screen) == (False, False)
        await until(pilot, lambda: screen.page is not None)
        assert screen.page.offset == 0 and screen.fetched[-1] == 0


async def test_an_empty_list_says_so_and_opens_nothing():
    screen = Numbers([])
    app = Host(screen)
    async with app.run_test() as pilot:
        await until(pilot, lambda: screen.page is not None)
        assert status(screen) == "1/1 of 0　none" and can_page(screen) == (False, False)
        await pilot.press("enter")
        await settle(pilot)
        assert app.opened == [] and screen.row is None


async def test_a_row_without_a_case_says_so_and_opens_nothing():
    """An incoming 委托 not linked to a case of ours: Enter explains instead of opening an empty
    case screen (it used to show 载入中… and 没有编号为 None 的案件)."""
    screen = Numbers([Row(1, None), Row(2, 77)])
    app = Host(screen)
    async with app.run_test() as pilot:
        await until(pilot, lambda: screen.page is not None)
        await pilot.press("enter")
        await settle(pilot)
        assert app.opened == [] and messages(app) == [common_text.NO_CASE_ON_ROW]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.opened == [77]


async def test_a_failed_load_is_an_error():
    screen = Numbers([], fail=True)
    app = Host(screen)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.errors)
        assert [str(e) for e in app.errors] == ["no database"]
        assert screen.page is None and status(screen) == "loading"
