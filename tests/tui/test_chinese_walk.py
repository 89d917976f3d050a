"""The English-word walk (issue 14, item 4): every screen and every detail panel of every
profile's demo, opened by the app's own keys and cursor, shows no ASCII identifier-like word —
no snake_case key (``real_estate``), no bare English state (``sealed``, ``feedback``, ``frozen``).

The text is read from the widgets themselves (every Static, table cell and column, option, input,
border title and footer key), rows off screen included: what a clerk could scroll to counts too.
The allow-list is short and explicit: key names Textual's footer prints, and file suffixes.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, OptionList, Static

from tests.tui.conftest import settle
from zhixing_tui.profiles import available_profiles
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.screens import SCREENS

PROFILES = ["ruyang", "kuaizhi", "gushi", "shihe", "jianli"]
#: rows whose detail panel is looked at, per list
ROWS = 8
#: what a clerk may read in Latin letters: key names (the footer's and the help's) and file types
ALLOWED = {
    "esc", "tab", "enter", "space", "ctrl", "shift", "pgup", "pgdn", "home", "end", "up", "down",
    "left", "right", "delete", "backspace", "docx", "xlsx", "ok",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def suspicious(text: str) -> list[str]:
    out = []
    for word in WORD.findall(text):
        if "_" in word:
            out.append(word)  # snake_case: always a raw key
        elif any(ch.isdigit() for ch in word):
            continue  # a code with digits: 统一社会信用代码, a voucher number, 豫0326
        elif len(word) >= 2 and word.lower() not in ALLOWED and not re.fullmatch(r"[Ff]\d{1,2}", word):
            out.append(word)
    return out


def plain(content: object) -> str:
    """The text of what a Static shows: a string, Text or Content, or any Rich renderable."""
    if isinstance(content, str):
        return content
    if hasattr(content, "plain"):
        return str(content.plain)
    console = Console(width=300, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def shown_text(screen) -> list[str]:
    """Every piece of text the screen's widgets hold for a person to read."""
    texts = [str(screen.title or ""), str(screen.sub_title or "")]
    for w in screen.walk_children(with_self=False):
        texts += [str(w.border_title or ""), str(w.border_subtitle or "")]
        if isinstance(w, Static):
            texts.append(plain(w.content))
        elif isinstance(w, DataTable):
            texts += [str(c.label) for c in w.columns.values()]
            texts += [str(cell) for i in range(w.row_count) for cell in w.get_row_at(i)]
        elif isinstance(w, OptionList):
            texts += [str(w.get_option_at_index(i).prompt) for i in range(w.option_count)]
        elif isinstance(w, Input):
            texts += [w.value, w.placeholder]
    return texts


def check(screen, where: str, found: dict[str, set[str]]) -> None:
    for text in shown_text(screen):
        for word in suspicious(text):
            found.setdefault(word, set()).add(f"{where}: {text[:80]}")


async def walk_lists(pilot, where: str, found: dict[str, set[str]]) -> None:
    """Every list of the screen: move the cursor over its first rows (the detail panels follow)."""
    screen = pilot.app.screen
    check(screen, where, found)
    for table in list(screen.query(DataTable)):
        for row in range(min(table.row_count, ROWS)):
            table.move_cursor(row=row)
            await settle(pilot)
            check(screen, f"{where} row {row}", found)


@pytest.mark.parametrize("profile", PROFILES)
async def test_no_english_word_on_any_screen(desk_factory, profile):
    assert set(PROFILES) == set(available_profiles())
    desk = desk_factory(profile, cases=150)
    app = make_app(desk, operator="测试员")
    found: dict[str, set[str]] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        for screen_id in SCREENS:
            app.show_screen(screen_id)
            await settle(pilot)
            await walk_lists(pilot, screen_id, found)
            lanes = 0
            while pilot.app.screen.check_action("switch_lane", ()) and lanes < 3:
                lanes += 1
                await pilot.app.screen.run_action("switch_lane")
                await settle(pilot)
                await walk_lists(pilot, f"{screen_id} lane {lanes}", found)
        # the detail of a few cases (its panels: parties, nodes, timeline)
        from sqlmodel import select

        from zhixing_tui.storage.models import Case

        with desk.session() as s:
            ids = s.exec(select(Case.id).order_by(Case.id).limit(6)).all()
        for case_id in ids:
            app.show_screen("home")
            await settle(pilot)
            app.open_case(case_id)
            await settle(pilot)
            await walk_lists(pilot, f"case {case_id}", found)
    report = {word: sorted(places)[:3] for word, places in found.items()}
    assert report == {}, "\n".join(f"{w}: {p}" for w, p in report.items())
