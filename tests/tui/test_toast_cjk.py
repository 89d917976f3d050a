"""A toast's Chinese text stays whole over tables and board columns (issue 14, item 8).

Textual's compositor blanked each double-width character of a toast that straddled the edge of a
widget underneath (see ``zhixing_tui/tui/textual_fixes.py``). What the terminal shows is checked
two ways: the full redraw (the compositor's lines), and a partial redraw played on a small
terminal model where, as in tmux, writing over half of a double-width character erases it.
"""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tests.tui.conftest import until
from tests.tui.test_approvals_screen import AS_OF, MONITOR, open_approvals, queue  # noqa: F401 (fixture)
from zhixing_tui.tui import textual_fixes
from zhixing_tui.tui.app import make_app

#: as in the report from tmux; a leading "x" or none moves every character by one cell
MESSAGE = "（2026）鄂1081执611号，县外市内（报局长批准）前操作人：马海帅"
SHIFTS = ("", "x")


def screen_lines(app: App) -> list[str]:
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def cells(line: str) -> list[str]:
    """A line as cells: a double-width character, then "" for its right half."""
    out: list[str] = []
    for char in line:
        out += [char, ""] if cell_len(char) == 2 else [char]
    return out


def in_toasts(app: App, lines: list[str]) -> str:
    """What the toasts' cells show, their edge and padding left out."""
    text = ""
    for toast in app.screen.query("Toast"):
        x, y, width, height = toast.region
        for line in lines[y : y + height]:
            text += "".join(cells(line)[x : x + width])
    return re.sub(r"[\s▌]+", "", text)


def shown(app: App, lines: list[str], text: str) -> bool:
    return re.sub(r"\s+", "", text) in in_toasts(app, lines)


class Terminal:
    """Just enough of a terminal: cursor moves, text, and a wide character erased by a write over
    either of its halves (what tmux and xterm do)."""

    _MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")
    _OTHER = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

    def __init__(self, lines: list[str], width: int) -> None:
        self.width = width
        self.cells: list[list[str]] = []
        for line in lines:
            self.cells.append((cells(line) + [" "] * width)[:width])

    def _put(self, x: int, y: int, char: str) -> None:
        row = self.cells[y]
        wide = cell_len(char) == 2
        for cx in (x, x + 1) if wide else (x,):
            if cx >= self.width:
                continue
            if row[cx] == "" and cx > 0:  # over the right half: the left half goes
                row[cx - 1] = " "
            if cx + 1 < self.width and row[cx + 1] == "" and cell_len(row[cx]) == 2:
                row[cx + 1] = " "  # over the left half: the right half goes
        row[x] = char
        if wide and x + 1 < self.width:
            row[x + 1] = ""

    def play(self, data: str) -> None:
        x = y = 0
        pos = 0
        while pos < len(data):
            if m := self._MOVE.match(data, pos):
                y, x = int(m.group(1)) - 1, int(m.group(2)) - 1
                pos = m.end()
            elif m := self._OTHER.match(data, pos):
                pos = m.end()
            elif data[pos] == "\n":
                pos += 1
            else:
                self._put(x, y, data[pos])
                x += cell_len(data[pos])
                pos += 1

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]


class Columns(App[None]):
    """Seven bordered columns, like the board, for a toast to sit over."""

    CSS = "Static { width: 1fr; height: 1fr; border: solid red; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            for i in range(7):
                yield Static(str(i))


async def show_toast(pilot, text: str) -> None:
    pilot.app.notify(text, timeout=60)
    await until(pilot, lambda: any(t.region.width for t in pilot.app.screen.query("Toast")))
    await pilot.pause()


def test_the_fix_is_installed_on_this_textual():
    """On a Textual other than the one the fix was written for, it is not installed: check
    textual_fixes.py against the new compositor (or drop it if upstream fixed issue 6357)."""
    assert version("textual") == textual_fixes.WRITTEN_FOR
    assert textual_fixes.applied


@pytest.mark.parametrize("shift", SHIFTS)
async def test_toast_over_columns_full_and_partial_redraw(shift):
    app = Columns()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await show_toast(pilot, shift + MESSAGE)
        full = screen_lines(app)
        assert shown(app, full, shift + MESSAGE), "\n".join(full)

        # a column under the toast redraws (as a table does when its cursor moves): a partial
        # update whose span ends at the column's edges, inside the toast
        terminal = Terminal(full, 80)
        compositor = app.screen._compositor
        console = Console(width=80, height=24, force_terminal=True)
        for column in app.query(Static):  # one at a time: each span ends inside the toast
            compositor._dirty_regions.add(column.region)
            update = compositor.render_partial_update()
            assert update is not None
            terminal.play(update.render_segments(console))
        assert shown(app, terminal.lines(), shift + MESSAGE), "\n".join(terminal.lines())


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
@pytest.mark.parametrize("key", ["f7", "f5"])
async def test_toast_over_approvals_and_board(queue, size, key):  # noqa: F811 (fixture)
    desk, _ids = queue
    app = make_app(desk, operator=MONITOR, today=AS_OF)
    async with app.run_test(size=size, notifications=True) as pilot:
        if key == "f7":
            await open_approvals(pilot)
        else:
            await pilot.press("f5")
            await until(pilot, lambda: type(pilot.app.screen).__name__ == "BoardScreen")
            await pilot.pause(0.3)
        for shift in SHIFTS:
            app.clear_notifications()
            await until(pilot, lambda: not app.screen.query("Toast"))
            await show_toast(pilot, shift + MESSAGE)
            lines = screen_lines(app)
            assert shown(app, lines, shift + MESSAGE), "\n".join(lines)
