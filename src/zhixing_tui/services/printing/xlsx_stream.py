"""Long tables written in openpyxl's write-only mode, with the look of :func:`.xlsx.write_table`.

A report of tens of thousands of rows (the nightly overdue report) is streamed to the file row by
row: no cell is kept in memory and nothing is sorted at save. The sheet is the same as
``write_table`` makes — the heading lines merged across the table, the bold shaded header, the
values put safely (:func:`.xlsx.put_value`), wrapped columns with their rows made tall enough,
widths that fit Chinese, the header frozen, the autofilter, the A4 print setup — so the printed
paper does not change.

A write-only sheet writes its columns and frozen panes before its first row: the widths are
measured over ``rows`` first, so ``rows`` is a sequence (read twice), not an iterator.

- :func:`new_stream_workbook` — the write-only workbook, default font 宋体 11 pt.
- :func:`stream_table` — one sheet (call once per sheet, in order; then :func:`.xlsx.save_workbook`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from .xlsx import (
    Col,
    StyleIds,
    fill_row,
    fit_widths,
    fixed_widths,
    header_height,
    header_widths,
    heading_cell,
    heading_layout,
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
    for row in rows:
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
    ws.append(header)
    ids = StyleIds(wb)
    dims = ws.row_dimensions
    cell = _cell_type(wb)
    for r, row in enumerate(rows, start=first):
        cells = [cell(ws) for _ in range(min(n_cols, len(row)))]
        lines = fill_row(cells, columns, row, wrap_width, ids)
        if lines > 1:
            dims[r].height = row_height(lines)
        ws.append(cells)
    return ws


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
