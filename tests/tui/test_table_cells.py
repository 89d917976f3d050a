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


def _cells() -> list[Text]:
    styled = Text("张三", style="bold")
    spans = Text.assemble(("红", "red"), "绿 ", ("蓝", "on blue"), style="italic")
    out = []
    for cell in (Text("（2026）豫0326执1号"), styled, spans, Text(""), Text("", style="red"), Text("a  ")):
        for justify in (None, "default", "left", "right", "center", "full"):
            for end in ("", "\n"):
                copy = cell.copy()
                copy.justify = justify
                copy.end = end
                out.append(copy)
    out.append(Text("两行\n文字", end=""))
    out.append(Text("制\t表", end=""))
    return out


async def test_one_line_is_rich_s_own_line():
    """``_one_line`` (KeyTable's way to a cell's line) gives the line Rich's ``render_lines``
    gives, for every justification, style, end, and a cell too wide, two lines or a tab."""
    from zhixing_tui.tui.widgets.lists import _one_line

    app = _Host()
    async with app.run_test(size=(70, 12)):
        console = app.console
        compared = 0
        for cell in _cells():
            for width in (1, 3, 8, 30):
                options = app.console_options.update_dimensions(width, 1).update(no_wrap=True)
                (theirs,) = console.render_lines(cell, options, pad=True)[:1] or [[]]
                assert _one_line(cell, width, app) == theirs, (cell, cell.justify, cell.end, width)
                compared += 1
        assert compared == 4 * (6 * 6 * 2 + 2)


async def test_a_page_is_laid_out_as_datatable_lays_it_out_without_measuring_its_cells(monkeypatch):
    """``KeyTable._update_dimensions`` skips measuring each new cell (every column has its
    width): the table's size, columns and lines are DataTable's own; a labelled row or a table
    with a column sized to its content still takes DataTable's way."""
    from textual.widgets import _data_table

    measured = []
    real_measure = _data_table.measure

    def counted(*args, **kwargs):
        measured.append(1)
        return real_measure(*args, **kwargs)

    monkeypatch.setattr(_data_table, "measure", counted)

    async def laid_out(own: bool) -> tuple:
        if not own:
            monkeypatch.setattr(KeyTable, "_update_dimensions", DataTable._update_dimensions)
        app = _Host()
        async with app.run_test(size=(70, 12)) as pilot:
            table = app.query_one(KeyTable)
            table.show(COLUMNS, [(f"{i}-{key}", cells) for i in range(5) for key, cells in ROWS])
            await pilot.pause()
            del measured[:]
            table.add_row(
                Text("新", end=""), Text("行", end=""), Text("1.00", end=""), Text("", end=""), key="x"
            )
            await pilot.pause()
            lines = [table.render_line(y).text for y in range(table.size.height)]
            got = (
                table.virtual_size,
                [c.get_render_width(table) for c in table.ordered_columns],
                [r.height for r in table.ordered_rows],
                lines,
            )
            monkeypatch.undo()
            monkeypatch.setattr(_data_table, "measure", counted)
            return got, len(measured)

    ours, ours_measured = await laid_out(True)
    theirs, theirs_measured = await laid_out(False)
    assert ours == theirs
    assert ours_measured == 0 < theirs_measured
