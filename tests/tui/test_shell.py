"""Keyboard flows through the shell, asserted on app.screen and on the database."""

from __future__ import annotations

from tests.search_fixtures import AS_OF
from tests.tui.conftest import WORK_CASE, errors, notifications, settle, until
from zhixing_tui.domain.pinyin import initials
from zhixing_tui.services.cases.detail import case_detail
from zhixing_tui.services.cases.search import search_cases
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.help import HelpModal
from zhixing_tui.tui.modals.operator import OperatorModal
from zhixing_tui.tui.screens.case_detail import CaseDetailScreen
from zhixing_tui.tui.screens.home import HomeScreen
from zhixing_tui.tui.screens.search import SearchScreen
from zhixing_tui.tui.widgets.lists import CaseTable

SIZE = (100, 30)


def result_ids(screen: SearchScreen) -> list[int]:
    return [r.id for r in screen.page.items] if screen.page else []


async def type_search(pilot, text: str) -> SearchScreen:
    app = pilot.app
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*text)
    await until(pilot, lambda: screen._loaded_query == text)
    return screen


async def test_pinyin_search_opens_case_with_its_timeline(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    case_id = shell.ids[WORK_CASE]
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        screen = await type_search(pilot, "zsf")  # 张三丰
        assert result_ids(screen) == [case_id]
        table = screen.query_one(CaseTable)
        assert table.row_count == 1 and table.cursor_key == str(case_id)

        await pilot.press("enter")  # from the input to the list
        assert app.focused is table
        await pilot.press("enter")  # open the case
        detail = app.screen
        assert isinstance(detail, CaseDetailScreen) and detail.case_id == case_id
        await until(pilot, lambda: detail.timeline is not None)
        assert detail.detail is not None and detail.detail.case_no == WORK_CASE
        # oldest first: registration's node entries (at the filing moment, 2026-01-12 09:00),
        # add_work's two back-dated entries, then the 立案登记 entry itself (written now)
        assert [r.summary.split("；")[0] for r in detail.timeline.items] == [
            "立案",
            "收案登记",
            "进入阶段（收案登记）",
            "初次接待：申请人到窗口谈话",
            "移送网络查控组",
            "立案登记",
        ]
        assert detail.timeline.total == 6
        assert detail.query_one("#case-timeline").row_count == 6

        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_demo_respondent_found_by_initials(desk_factory):
    """On the demo data: a respondent 张… is found by ``z`` + the initials of the given name."""
    desk = desk_factory(cases=300)
    target, name = None, ""
    for row in search_cases(desk, "张", limit=200).items:
        people = [p for p in case_detail(desk, row.id).respondents if p.kind == "person"]
        if people and people[0].name.startswith("张") and len(people[0].name) > 1:
            target, name = row, people[0].name
            break
    assert target is not None, "the demo has a respondent surnamed 张"
    query = "z" + initials(name[1:])
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_search(pilot, query)
        await pilot.press("enter")  # to the list, so ] pages
        while target.id not in result_ids(screen) and screen.page is not None and screen.page.has_next:
            offset = screen.page.offset
            await pilot.press("right_square_bracket")
            await until(pilot, lambda offset=offset: screen.page is not None and screen.page.offset != offset)
        assert target.id in result_ids(screen)
        assert isinstance(app.screen, SearchScreen)


async def test_case_no_with_half_width_parentheses(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_search(pilot, "(2026)豫0326执121")
        assert result_ids(screen) == [shell.ids["（2026）豫0326执121号"]]


async def test_f1_help_lists_the_screens_keys(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        modal = app.screen
        assert isinstance(modal, HelpModal) and modal.for_screen == "home"
        keys = {(k.key, k.description, k.is_global) for k in modal.keys}
        assert ("r", "刷新", False) in keys
        assert ("/ 或 ^f", "查询案件", True) in keys
        assert ("f2", "转到初次接待", True) in keys
        back = next(k for k in modal.keys if k.description == "返回")
        assert not back.available  # listed, but there is nothing to go back to on home
        assert next(k for k in modal.keys if k.description == "转到今日概况").available is False
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        app.open_case(shell.ids[WORK_CASE])
        await pilot.pause()
        await pilot.press("f1")
        modal = app.screen
        assert isinstance(modal, HelpModal) and modal.for_screen == "case"
        descriptions = [k.description for k in modal.keys]
        assert "返回" in descriptions and "刷新" in descriptions
        assert not next(k for k in modal.keys if k.description == "下一页").available  # one page


async def test_function_keys_switch_role_screens_and_escape_returns_home(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert app.current_mode == "intake"
        assert app.screen.title == "初次接待"
        await pilot.press("f6")
        assert app.current_mode == "overdue" and app.screen.title == "超期预警"
        await pilot.press("escape")
        assert app.current_mode == "home" and isinstance(app.screen, HomeScreen)
        await pilot.press("f7", "g")
        assert app.current_mode == "home"


async def test_home_shows_the_counts(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: home.summary is not None)
        # add_work's 2, and what registering started on the 5 samples, all still in 收案登记: the 4
        # center nodes and the stage's 当日 limit each, and 4 execution periods (all but 2026-06-18's)
        assert str(home.query_one("#card-overdue").content) == f"{2 + 5 * 5 + 4} 个节点"
        assert str(home.query_one("#card-due-today").content) == "1 个节点"
        assert str(home.query_one("#card-awaiting").content) == "2 件"
        assert str(home.query_one("#card-open-total").content) == "5 件"
        assert home.query_one("#card-overdue").has_class("-error")
        assert home.query_one("#by-unit").row_count == 3


async def test_worker_error_becomes_an_error_notification(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(999)
        await until(pilot, lambda: errors(app))
        (note,) = errors(app)
        assert note.message == "没有编号为 999 的案件"
        assert isinstance(app.screen, CaseDetailScreen)


async def test_header_shows_court_operator_and_date(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = app.screen.query_one("DeskHeader")
        text = header.render().plain
        assert text.startswith(" 汝阳县人民法院 │ 今日概况")
        assert text.rstrip().endswith("操作人：张三  2026-11-23 周一")


async def test_command_palette_opens_a_case(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"sxx")
        await settle(pilot)  # the palette's search is a worker
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseDetailScreen))
        assert app.screen.case_id == shell.ids["（2026）豫0326执121号"]


async def test_command_palette_speaks_chinese_when_nothing_matches(shell):
    from textual.command import CommandList

    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"###")
        command_list = app.screen.query_one(CommandList)
        await until(pilot, lambda: command_list.option_count == 1)
        prompt = command_list.get_option_at_index(0).prompt
        assert "没有符合的命令或案件" in str(getattr(prompt, "renderable", prompt))


async def test_search_from_a_case_returns_to_the_open_search(shell):
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_search(pilot, "sxx")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, CaseDetailScreen)
        await pilot.press("slash")
        assert app.screen is screen and len(app.screen_stack) == 2
        assert screen.query_text == "sxx"


def test_every_binding_has_an_id_and_a_chinese_description():
    import re

    from textual.binding import Binding

    from zhixing_tui.tui.app import ZhixingApp
    from zhixing_tui.tui.screens.base import DeskScreen
    from zhixing_tui.tui.widgets.lists import CaseTable, KeyOptionList, KeyTable

    classes = [ZhixingApp, DeskScreen, HomeScreen, SearchScreen, CaseDetailScreen]
    classes += [OperatorModal, HelpModal, KeyTable, CaseTable, KeyOptionList]
    ids = []
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), cls
            assert binding.id and binding.id.isascii(), (cls, binding)
            assert re.search(r"[\u4e00-\u9fff]", binding.description), (cls, binding)
            ids.append(binding.id)
    assert len(ids) >= 20


def test_every_registered_screen_has_a_purpose_and_its_own_key():
    from zhixing_tui.i18n.help import PURPOSE
    from zhixing_tui.tui.screens import SCREENS

    keys = [k for entry in SCREENS.values() for k in entry.keys.split(",")]
    assert len(keys) == len(set(keys))
    assert all(PURPOSE.get(screen_id) for screen_id in SCREENS)


async def test_case_detail_prints_the_node_table(shell, tmp_path):
    from docx import Document

    app = make_app(shell.desk, operator="张三", today=AS_OF)
    case_id = shell.ids[WORK_CASE]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CaseDetailScreen(case_id))
        detail = app.screen
        await until(pilot, lambda: detail.detail is not None)
        await pilot.press("o")
        await until(pilot, lambda: any("执行流程节点表" in str(n.message) for n in notifications(app)))
        path = tmp_path / "exports" / f"汝阳-执行流程节点表-{WORK_CASE}.docx"  # ZHIXING_HOME is tmp_path
        assert path.exists()
        text = "\n".join(p.text for p in Document(path).paragraphs)
        assert WORK_CASE in text


async def test_tab_moves_between_fields_in_a_modal(shell):
    from textual.screen import ModalScreen
    from textual.widgets import Input

    class TwoFields(ModalScreen[None]):
        def compose(self):
            yield Input(id="first")
            yield Input(id="second")

    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(TwoFields())
        app.screen.query_one("#first").focus()
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#second")
        await pilot.press("f6")  # the app's own keys do not apply inside a dialog
        assert isinstance(app.screen, TwoFields)


async def test_function_keys_switch_screens_even_from_a_text_area(shell):
    from textual.screen import Screen
    from textual.widgets import TextArea

    class Notes(Screen[None]):
        def compose(self):
            yield TextArea(id="notes")

    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(Notes())
        app.screen.query_one("#notes").focus()
        await pilot.press("g")  # a letter is typed, not taken as 今日概况
        assert app.screen.query_one("#notes", TextArea).text == "g"
        await pilot.press("f6")
        assert app.current_mode == "overdue"


async def test_f10_returns_to_home_from_a_case_opened_there(shell):
    """/ → a case (pushed on 今日概况's stack) → F3 → F10 shows 今日概况 itself, and g does too."""
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await type_search(pilot, "sxx")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, CaseDetailScreen)
        await pilot.press("f3")
        assert app.current_mode == "query"
        await pilot.press("f10")
        await pilot.pause()
        assert app.current_mode == "home"
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1

        app.open_case(shell.ids[WORK_CASE])
        await pilot.pause()
        assert isinstance(app.screen, CaseDetailScreen)
        assert app.check_action("show_screen", ("home",)) is True
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert app.check_action("show_screen", ("home",)) is False  # already there


async def test_f2_and_f3_from_a_case_open_that_case(shell):
    """The case being viewed is the current case: F3 and F2 open it without asking; F9 still asks."""
    from zhixing_tui.tui.screens.intake import IntakeScreen
    from zhixing_tui.tui.screens.query import QueryScreen
    from zhixing_tui.tui.widgets.case_picker import CasePicker

    app = make_app(shell.desk, operator="张三", today=AS_OF)
    first, second = shell.ids[WORK_CASE], shell.ids["（2026）豫0326执121号"]
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(first)
        await pilot.pause()
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, QueryScreen))
        query = app.screen
        await until(pilot, lambda: query.view is not None)
        assert query.view.case_id == first
        assert not query.query_one(CasePicker).has_class("-open")

        await pilot.press("f10")
        app.open_case(second)
        await pilot.pause()
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))  # a busy machine: a frame later
        intake = app.screen
        await until(pilot, lambda: intake.view is not None)
        assert intake.view.case.id == second

        await pilot.press("f3")  # the last case opened is now the second one
        assert app.screen is query
        await until(pilot, lambda: query.view is not None and query.view.case_id == second)
        await pilot.press("f9")
        assert query.query_one(CasePicker).has_class("-open")


async def test_header_keeps_a_whole_case_no_at_80_columns(shell):
    """The weekday, then the date, give way before the title's 案号 is cut."""
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.title = "初次接待　（2026）豫0326执恢1234号"
        await pilot.pause()
        text = app.screen.query_one("DeskHeader").render().plain
        assert text.startswith(" 汝阳县人民法院 │ 初次接待　（2026）豫0326执恢1234号")
        assert text.rstrip().endswith("操作人：张三  2026-11-23") and "周一" not in text
        app.screen.title = "今日概况"
        await pilot.pause()
        assert app.screen.query_one("DeskHeader").render().plain.rstrip().endswith("2026-11-23 周一")


async def test_home_figures_read_while_the_app_starts_are_the_screens_own(shell):
    """The app reads 今日概况's figures from the moment it is made (issue 17, the cold start):
    the screen shows exactly what its own worker reads, takes them once, and a refresh (r)
    reads them again."""
    import dataclasses

    from zhixing_tui.clock import Clock
    from zhixing_tui.services.cases.home import home_summary

    app = make_app(shell.desk, operator="张三", today=AS_OF)
    assert app._home_early is not None
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: home.summary is not None)
        desk = dataclasses.replace(shell.desk, clock=Clock.on(AS_OF))
        assert home.summary == home_summary(desk, AS_OF)
        assert app.take_home_early(app.desk) is None  # taken once
        first = home.summary
        home.summary = None
        await pilot.press("r")
        await until(pilot, lambda: home.summary is not None)
        assert home.summary == first and home.summary is not first


async def test_an_error_reading_the_home_figures_early_is_the_screens_error(shell, monkeypatch):
    from zhixing_tui.errors import ZhixingError
    from zhixing_tui.services.cases import home as home_service

    def fails(desk, today=None):
        raise ZhixingError("数据库出错了")

    monkeypatch.setattr(home_service, "home_summary", fails)
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: errors(app))
        assert [n.message for n in errors(app)] == ["数据库出错了"]
        assert app.screen.summary is None


def test_nothing_is_read_before_somebody_logs_in(shell):
    assert make_app(shell.desk)._home_early is None
