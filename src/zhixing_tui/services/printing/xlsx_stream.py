"""Long tables written in openpyxl's write-only mode, with the look of :func:`.xlsx.write_table`.

A report of tens of thousands of rows (the nightly overdue report) is streamed to the file row by
row: no cell is kept in memory and nothing is sorted at save. The sheet is the same as
``write_table`` makes — the heading lines merged across the table, the bold shaded header, the
values put safely (:func:`.xlsx.put_value`), wrapped columns with their rows made tall enough,
widths that fit Chinese, the header frozen, the autofilter, the A4 print setup — so the printed
paper does not change.

A write-only sheet writes its columns and frozen panes before its first row: the widths are
measured over ``rows`` first, so ``rows`` is a sequence (read twice), not an iterator.

The body rows are written from their values (:class:`_Body`): a cell's style and type are worked
out once per column, row height and kind of value, and each value goes through openpyxl's own cell
writer — the same XML as a cell per value, at about the cost of a plain write-only row.

- :func:`new_stream_workbook` — the write-only workbook, default font 宋体 11 pt.
- :func:`stream_table` — one sheet (call once per sheet, in order; then :func:`.xlsx.save_workbook`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension

from .xlsx import (
    Col,
    StyleIds,
    _lines,
    _text_lines,
    fit_widths,
    fixed_widths,
    header_height,
    header_widths,
    heading_cell,
    heading_layout,
    looks_like_formula,
    measure_row,
    put_value,
    row_height,
    set_default_font,
    setup_print,
    style_header_cell,
    wrap_widths,
)

__all__ = ["new_stream_workbook", "stream_table"]


def new_stream_workbook() -> Workbook:
    """An empty write-only workbook whose default cell font is 宋体 11 pt."""
    wb = Workbook(write_only=True)
    set_default_font(wb)
    return wb


def stream_table(
    wb: Workbook,
    title: str,
    columns: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    *,
    print_title: str | None = None,
    autofilter: bool = True,
    heading: Sequence[str] = (),
    landscape: bool | None = None,
    footer: str = "",
):
    """Add a sheet named ``title`` to the write-only ``wb``: ``heading`` lines, a header row, ``rows``
    — as :func:`.xlsx.write_table` with the same arguments writes it (no group header, totals or
    bold rows here)."""
    ws = wb.create_sheet(title=title[:31])
    # Every row is appended as cells made here: openpyxl would try each as a value first and take it
    # as a cell on the error that raises — an exception per cell of a long table.
    ws._values_to_row = _placed
    n_cols = len(columns)
    header_row = len(heading) + 1
    first = header_row + 1
    widths = header_widths(columns)
    wrap_width = wrap_widths(columns)
    if any(col.width is None and i not in wrap_width for i, col in enumerate(columns)):
        for row in rows:  # (every column of a fixed width: nothing to measure)
            measure_row(columns, row, widths, wrap_width)
    # Everything before the first row: widths, frozen header, print setup, heading layout.
    fit_widths(ws, widths, fixed_widths(columns))
    header_height(ws, header_row, columns)
    ws.freeze_panes = f"{'B' if n_cols > 6 else 'A'}{first}"
    if autofilter and columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n_cols)}{header_row + len(rows)}"
    setup_print(ws, print_title or title, header_rows=header_row, landscape=landscape, footer=footer)
    _heading(ws, heading, n_cols)
    header = []
    for col in columns:
        cell = put_value(WriteOnlyCell(ws), col.header)
        style_header_cell(cell)
        header.append(cell)
    ws.append(header)  # the sheet's writer exists from here: the body rows are written by _Body
    body = _Body(ws, columns, wrap_width)
    ws._values_to_row = _as_given
    ws._writer.write_row = body.write_row
    for row in rows:
        ws.append(row)
    return ws


#: values whose cell (type, style, value as written) depends only on their column and type — and on
#: the text itself for a string (see :meth:`_Body._string`)
_FAST = (int, date, type(None))
#: (data type, quote prefix) of plain text
_PLAIN = ("s", False)


class _Out:
    """The one cell the body rows are written through: what openpyxl's ``write_cell`` reads of a cell."""

    __slots__ = ("coordinate", "_value", "data_type", "style_id", "parent", "hyperlink")
    coordinate: str
    _value: Any
    data_type: str
    style_id: int | None

    def __init__(self, ws) -> None:
        self.parent = ws
        self.hyperlink = None


class _Body:
    """Writes the table's rows into the sheet as :func:`.xlsx.fill_row` fills cells and openpyxl's
    row writer writes them — the same XML — without a cell object, a style object and a row
    dimension per value: the style id and type of a cell depend only on its column, whether the row
    is taller than one line, its value's type (and, for text, on whether it looks like a formula or
    an error code), so each is worked out once, on a real cell (:meth:`_spec`), and looked up after.
    The values of other types (money in 分, datetimes, floats, …) go the way of every cell before."""

    def __init__(self, ws, columns: Sequence[Col], wrap_width: dict[int, float]) -> None:
        self.ws = ws
        self.columns = columns
        self.n_cols = len(columns)
        self.wrap_width = wrap_width
        self.wrapped = list(wrap_width.items())
        self.money = {i for i, col in enumerate(columns) if col.kind == "money"}
        self.letters = [get_column_letter(c) for c in range(1, self.n_cols + 1)]
        self.ids = StyleIds(ws.parent)
        self.cell_type = _cell_type(ws.parent)
        self.out = _Out(ws)
        self.probe = Cell(ws)
        self.specs: dict[tuple, tuple[int | None, str]] = {}
        self.strings: dict[str, tuple[str, tuple]] = {}
        self.heights: dict[int, dict[str, str]] = {}

    def write_row(self, xf, row: Sequence[Any], r: int) -> None:
        """``WorksheetWriter.write_row`` for a row of values (``ws.append(values)``)."""
        n = min(self.n_cols, len(row))
        lines = 1
        for i, width in self.wrapped:
            if i < n:
                value = row[i]
                k = _text_lines(value, width) if type(value) is str else _lines(value, width)
                if k > lines:
                    lines = k
        tall = lines > 1
        attrs = {"r": f"{r}"}
        if tall:
            attrs.update(self._height(lines))
        out, letters, specs, strings, money = self.out, self.letters, self.specs, self.strings, self.money
        ws, at = self.ws, f"{r}"
        with xf.element("row", attrs):
            for i in range(n):
                value = row[i]
                t = type(value)
                if t is str:
                    got = strings.get(value)
                    if got is None:
                        got = strings[value] = self._string(value)
                    key: tuple = (i, tall, got[1])
                    value = got[0]
                elif t in _FAST and not (t is int and i in money):
                    key = (i, tall, t)
                else:
                    self._slow(xf, row[i], i, r, tall)
                    continue
                spec = specs.get(key)
                if spec is None:
                    spec = specs[key] = self._spec(row[i], i, tall)
                sid, out.data_type = spec
                if sid is None and value is None:
                    continue
                out.coordinate = letters[i] + at
                out._value = value
                out.style_id = sid
                write_cell(xf, ws, out, sid is not None)

    def _cell(self, value: Any, i: int, tall: bool) -> Cell:
        """The cell :func:`.xlsx.fill_row` makes of ``value`` in column ``i``."""
        cell = put_value(self.cell_type(self.ws), value, self.columns[i].kind)
        if cell._style is None:
            cell._style = StyleArray()
        if i in self.wrap_width:
            cell._style.alignmentId = self.ids.wrap
        elif tall:
            cell._style.alignmentId = self.ids.top
        return cell

    def _spec(self, value: Any, i: int, tall: bool) -> tuple[int | None, str]:
        """(the style id — None when unstyled —, the data type) of ``value``'s cell in column ``i``."""
        cell = self._cell(value, i, tall)
        return (cell.style_id if cell.has_style else None), cell.data_type

    def _string(self, text: str) -> tuple[str, tuple]:
        """(the text as the cell keeps it, what else of the cell it decides: type and quote prefix) —
        checked by the cell's own check, which refuses what a worksheet cannot hold as it always did.
        Plain text (the case numbers: one call each) is an inline string without a quote prefix;
        text that looks like a formula or an error code is put through a whole cell."""
        if looks_like_formula(text) or text in ERROR_CODES:
            cell = put_value(Cell(self.ws), text)
            return cell._value, (cell.data_type, cell.quotePrefix)
        return self.probe.check_string(text), _PLAIN

    def _slow(self, xf, value: Any, i: int, r: int, tall: bool) -> None:
        cell = self._cell(value, i, tall)
        cell.row, cell.column = r, i + 1
        if cell._value is not None or cell.has_style:
            write_cell(xf, self.ws, cell, cell.has_style)

    def _height(self, lines: int) -> dict[str, str]:
        """The row attributes of a row ``lines`` lines tall (as its row dimension writes them)."""
        attrs = self.heights.get(lines)
        if attrs is None:
            dim = RowDimension(self.ws)
            dim.height = row_height(lines)
            attrs = self.heights[lines] = dict(dim)
        return attrs


def _as_given(row: Sequence[Any], _row_idx: int) -> Sequence[Any]:
    """The body rows reach :meth:`_Body.write_row` as the values appended."""
    return row


def _cell_type(wb: Workbook) -> type[Cell]:
    """A cell whose style id the writer gets from a dict keyed by the style's bytes: openpyxl looks it
    up by hashing the style in Python, for every cell — a long table has a dozen distinct styles."""
    styles = wb._cell_styles
    ids: dict[bytes, int] = {}

    class StreamCell(Cell):
        __slots__ = ()

        @property
        def style_id(self) -> int:
            key = self._style.tobytes()
            sid = ids.get(key)
            if sid is None:
                sid = ids[key] = styles.add(self._style)
            return sid

    return StreamCell


def _placed(cells: Sequence[Any], row: int) -> Iterator[Any]:
    """The row's cells at their places (``WriteOnlyWorksheet._values_to_row`` for cells alone)."""
    for column, cell in enumerate(cells, start=1):
        if cell is not None:
            cell.row, cell.column = row, column
            yield cell


def _heading(ws, heading: Sequence[str], n_cols: int) -> None:
    """The heading lines, each merged across the table (across each printed slice when the table
    prints in slices: column A then left empty), as :func:`.xlsx.write_table` lays them out."""
    spans, sliced, heights = heading_layout(ws, heading, n_cols)
    for i, line in enumerate(heading, start=1):
        ws.row_dimensions[i].height = heights[i - 1]
        cells: list[Any] = [None] * n_cols
        cells[0] = heading_cell(put_value(WriteOnlyCell(ws), None if sliced else line), i - 1)
        for a, b in spans:
            if a != 1:
                cells[a - 1] = heading_cell(put_value(WriteOnlyCell(ws), line), i - 1)
            if b > a:
                ws.merged_cells.add(CellRange(min_col=a, min_row=i, max_col=b, max_row=i))
        ws.append(cells)
