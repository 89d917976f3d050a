"""KeyTable draws a one-line body cell without DataTable's ``Styled(Padding(…))`` layers (issue 17:
half the time of drawing a page of search results); the segments must be DataTable's own, for
every kind of cell the screens put in a table and every state a cell is drawn in."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from zhixing_tui.tui.widgets.cells import Column
from zhixing_tui.tui.widgets.lists import KeyTable

COLUMNS = (
    Column("case_no", "案号", 20, fit=True),
    Column("name", "当事人", 8, weight=2, max_width=12),
    Column("money", "标的", 10, align="right"),
    Column("mark", "标记", 4),
)
ROWS = [
    ("1", ["（2026）豫0326执1号", "张三丰", "1,000.00", Text("超期", style="bold red")]),
    ("2", ["（2026）豫0326执22号", "河南省某某建筑工程有限公司", "12,345,678.90", ""]),
    ("3", ["（2025）豫0326执恢3号", "Li [bold]x[/]", "0.00", Text.assemble(("红", "red"), "绿")]),
]


class _Host(App):
    def compose(self) -> ComposeResult:
        yield KeyTable(id="t")


async def test_a_body_cell_is_drawn_as_datatable_draws_it(monkeypatch):
    datatable_render = DataTable._render_cell
    calls = []

    def counted(*args, **kwargs):
        calls.append(1)
        return datatable_render(*args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counted)
    app = _Host()
    async with app.run_test(size=(70, 12)) as pilot:
        table = app.query_one(KeyTable)
        table.show(COLUMNS, ROWS)
        await pilot.pause()
        widths = [c.get_render_width(table) - 2 * table.cell_padding for c in table.ordered_columns]
        compared = 0
        for base in (Style(), Style(bgcolor="grey11"), Style(color="white", bgcolor="blue", bold=True)):
            for cursor, hover in ((False, False), (True, False), (False, True), (True, True)):
                for row in range(table.row_count):
                    for column, width in enumerate(widths):
                        full = width + 2 * table.cell_padding
                        table._cell_render_cache.clear()
                        before = len(calls)
                        ours = table._render_cell(row, column, base, full, cursor, hover)
                        assert len(calls) == before  # our own way, not DataTable's
                        table._cell_render_cache.clear()
                        theirs = datatable_render(table, row, column, base, full, cursor, hover)
                        assert ours == theirs, (row, column, base, cursor, hover)
                        compared += 1
        assert compared == 3 * 4 * 3 * 4
