"""Command palette (ctrl+p): "界面：…" for the main screens and "案件：打开 …" via case search.

Screen commands also match the pinyin of their titles (``jrgk`` finds 今日概况).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ..i18n import common as common_text
from ..services.cases.search import search_cases
from .screens import SCREENS

if TYPE_CHECKING:
    from .app import ZhixingApp

CASE_HITS = 8
CASE_SCORE = 0.5  # below a good screen match, above a poor one


def task_commands(app: ZhixingApp) -> list[tuple[Callable[[], object], str, str, str]]:
    """(callback, command text, help, pinyin) for what a clerk does by name: 登记新案件, 切换操作人,
    导出月报, 超期报告, 打印笔录 (each on the screen that does it, as its key there would)."""
    from ..domain.pinyin import full_pinyin, initials

    tasks = [
        (app.action_register_case, common_text.CMD_REGISTER, common_text.CMD_REGISTER_HELP),
        (app.action_choose_operator, common_text.CMD_OPERATOR, common_text.CMD_OPERATOR_HELP),
        (
            partial(app.run_on_screen, "stats", "workbook"),
            common_text.CMD_DO_MONTHLY,
            common_text.CMD_DO_MONTHLY_HELP,
        ),
        (
            partial(app.run_on_screen, "stats", "overdue"),
            common_text.CMD_DO_OVERDUE,
            common_text.CMD_DO_OVERDUE_HELP,
        ),
        (
            partial(app.run_on_screen, "intake", "print"),
            common_text.CMD_DO_PRINT_INTAKE,
            common_text.CMD_DO_PRINT_INTAKE_HELP,
        ),
    ]
    out = []
    for callback, text, help_text in tasks:
        name = text.split("：", 1)[-1]
        keys = f"{initials(name, is_person_name=False)} {full_pinyin(name, is_person_name=False)}"
        out.append((callback, text, help_text, keys))
    return out


def screen_commands() -> list[tuple[str, str, str, str]]:
    """(screen id, command text, help, pinyin) for every registered screen."""
    from ..domain.pinyin import full_pinyin, initials  # pypinyin loads its dictionaries: only when asked

    out = []
    for screen_id, entry in SCREENS.items():
        text = common_text.CMD_SCREEN.format(title=entry.title)
        keys = (
            f"{initials(entry.title, is_person_name=False)} {full_pinyin(entry.title, is_person_name=False)}"
        )
        out.append((screen_id, text, common_text.CMD_SCREEN_HELP.format(title=entry.title), keys))
    return out


class DeskCommands(Provider):
    @property
    def zapp(self) -> ZhixingApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for callback, text, help_text, _keys in task_commands(self.zapp):
            yield DiscoveryHit(text, callback, help=help_text)
        for screen_id, text, help_text, _keys in screen_commands():
            yield DiscoveryHit(text, partial(self.zapp.show_screen, screen_id), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for callback, text, help_text, keys in task_commands(self.zapp):
            score = max(matcher.match(text), matcher.match(keys))
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)
        for screen_id, text, help_text, keys in screen_commands():
            score = max(matcher.match(text), matcher.match(keys))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.zapp.show_screen, screen_id),
                    text=text,
                    help=help_text,
                )
        if len(query.strip()) < 2:
            return
        page = await asyncio.to_thread(search_cases, self.zapp.desk, query, limit=CASE_HITS)
        for row in page.items:
            text = common_text.CMD_CASE.format(
                case_no=row.case_no, applicant=row.applicant, respondent=row.respondent
            )
            unit = row.unit_name or common_text.UNASSIGNED
            help_text = (
                row.stage_name
                if unit == row.stage_name
                else common_text.CMD_CASE_HELP.format(stage=row.stage_name, unit=unit)
            )
            yield Hit(CASE_SCORE, text, partial(self.zapp.open_case, row.id), text=text, help=help_text)


class DeskPalette(CommandPalette):
    """The command palette with its one built-in English line ("No matches found") in Chinese.

    Overrides a private hook of Textual 8.2.8 (pinned); re-check it when Textual is upgraded.
    """

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(common_text.PALETTE_NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
