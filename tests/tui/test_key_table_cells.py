"""KeyTable's cells are one-line Texts, never console markup (issue 17: a str cell was parsed as
markup and wrapped by DataTable, for every cell of every page)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from zhixing_tui.tui.widgets.cells import Column
from zhixing_tui.tui.widgets.lists import KeyTable

COLUMNS = (Column("name", "当事人", 8, weight=1, max_width=30), Column("fen", "金额", 8, align="right"))


class _App(App[None]):
    def compose(self) -> ComposeResult:
        yield KeyTable(id="t")


async def test_names_with_brackets_show_as_typed_and_cells_do_not_wrap():
    names = ["张三[法定代表人]", "某公司[/b]清算组", "李斌"]
    app = _App()
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.query_one(KeyTable)
        table.show(COLUMNS, [(str(i), [n, "1,000.00"]) for i, n in enumerate(names)])
        await pilot.pause()
        cells = [table.get_row_at(i) for i in range(table.row_count)]
        assert all(isinstance(c, Text) and c.no_wrap for row in cells for c in row)
        assert [row[0].plain for row in cells] == names
        assert cells[0][1].justify == "right"
        shown = "\n".join(table.render_line(y).text for y in range(table.size.height))
        assert "张三[法定代表人]" in shown and "某公司[/b]清算组" in shown
