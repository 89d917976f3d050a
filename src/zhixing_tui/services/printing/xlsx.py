"""Writing safe, printable .xlsx workbooks: the one style every report and export shares.

Small API:

- :class:`Col` — a column: header, kind (``text`` / ``int`` / ``decimal`` / ``money`` /
  ``percent`` / ``date`` / ``datetime``), an optional fixed width and ``wrap`` (long text
  wrapped in a fixed width, the row made tall enough to show it).
- :func:`new_workbook` — an empty workbook whose default font is 宋体 11 pt (every cell,
  the 合计 rows included, prints in one face; no per-cell font is needed).
- :func:`write_table` — a sheet: optional heading lines (the court's name and the table's
  title, merged across the table), an optional group header row (``本月`` / ``本年累计``), a bold
  header row, rows written through :func:`put`, 合计 rows *after* the autofilter range (sorting
  never moves them), frozen header, widths that fit Chinese, wrapped columns with row heights,
  number formats, A4 print setup (:func:`setup_print`).
- :func:`put` — write one value into a cell *safely*: text that begins with ``=``, ``+``,
  ``-``, ``@`` (or a tab/CR) is stored as text with Excel's quote prefix, never as a formula
  (party names come from outside; see OWASP "CSV injection"). Money is given in 分 and
  written in 元.
- :func:`display_width` — the width of a text in Excel column units (CJK counts 2).
- :func:`setup_print` (from :mod:`.xlsx_print`) — A4, portrait or landscape (portrait when the table prints there at ≥ 90 %),
  fit to one page wide when that keeps the type ≥ :data:`MIN_FIT_SCALE` of its size; a table too
  wide even for landscape prints at full size in slices of whole column groups, the first column
  repeated on each (never shrunk to fit); header rows repeated, the title in the page header,
  第 X 页，共 Y 页 in the footer.
- :func:`print_scale` / :func:`printed_font_size` — what fit-to-width does to the type on paper,
  measured with the widest column unit an office suite gives (:data:`UNIT_PT`).
- :func:`export_name` — the one file-name pattern of every export: ``汝阳-2026-10-执行工作统计.xlsx``.
- :func:`save_workbook` — save atomically (temporary name in the same folder, then rename).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO, Literal
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ... import clock
from .files import atomic_write
from .xlsx_print import (
    MIN_FIT_SCALE,
    PORTRAIT_SCALE,
    UNIT_PT,
    column_slices,
    fits_landscape,
    print_scale,
    setup_print,
)

__all__ = [
    "BODY_FONT",
    "BOLD_FONT",
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "DECIMAL_FORMAT",
    "FONT_NAME",
    "FONT_SIZE",
    "FORMULA_PREFIXES",
    "INT_FORMAT",
    "MIN_FIT_SCALE",
    "MIN_PRINTED_PT",
    "MONEY_FORMAT",
    "PERCENT_FORMAT",
    "PORTRAIT_SCALE",
    "TITLE_FONT",
    "UNIT_PT",
    "Col",
    "ColKind",
    "display_width",
    "export_name",
    "column_slices",
    "fit_widths",
    "fits_landscape",
    "looks_like_formula",
    "new_workbook",
    "print_scale",
    "printed_font_size",
    "put",
    "save_workbook",
    "setup_print",
    "style_header",
    "write_table",
]

ColKind = Literal["text", "int", "decimal", "money", "percent", "date", "datetime"]

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
INT_FORMAT = "0"
DECIMAL_FORMAT = "0.0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_FORMATS: dict[str, str] = {
    "money": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "int": INT_FORMAT,
    "decimal": DECIMAL_FORMAT,
    "date": DATE_FORMAT,
    "datetime": DATETIME_FORMAT,
}

#: Characters that make a spreadsheet treat typed text as a formula (or DDE payload).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

FONT_NAME = "宋体"
FONT_SIZE = 11
#: the smallest type a printed page may carry (issue 15: legible on A4)
MIN_PRINTED_PT = 9.0
#: GB2312: the font is a Chinese one, so an office suite without 宋体 substitutes a Simplified
#: Chinese face (not a Japanese one)
GB2312 = 134
BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312)
BOLD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, charset=GB2312)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True, charset=GB2312)
_SUBTITLE_FONT = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP_ALIGN = Alignment(wrap_text=True, vertical="top")
_TOP_ALIGN = Alignment(vertical="top")
_TOP_RULE = Border(top=Side(style="thin"))
_LINE_PT = 14.5  # one line of 11 pt 宋体, in points (row height)

MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
#: a header wraps rather than widen its column past this
HEADER_WRAP = 12.0
#: the header of a column of figures wraps at four 汉字 a line (the column stays as narrow as its figures)
FIGURE_HEADER_WRAP = 8.0


@dataclass(frozen=True)
class Col:
    """One column of a table sheet."""

    header: str
    kind: ColKind = "text"
    width: float | None = None  # None: fit the contents
    wrap: bool = False  # wrap long text in ``width`` (default 30) and grow the row


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula if it were typed in."""
    return bool(text) and text.startswith(FORMULA_PREFIXES)


def display_width(value: Any) -> float:
    """Width of ``value`` as shown, in Excel column units: wide (CJK) characters count 2."""
    if value is None:
        return 0.0
    text = value if isinstance(value, str) else _shown(value)
    return float(max(_line_width(line) for line in text.split("\n")))


@lru_cache(maxsize=8192)
def _line_width(line: str) -> int:
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def _lines(value: Any, width: float) -> int:
    """How many lines ``value`` takes when wrapped in a column ``width`` units wide."""
    if value is None:
        return 1
    return _text_lines(value if isinstance(value, str) else _shown(value), width)


@lru_cache(maxsize=8192)
def _text_lines(text: str, width: float) -> int:
    room = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(_line_width(line) / room)) for line in text.split("\n"))


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int | Decimal):
        return f"{value:,}"
    return str(value)


def new_workbook() -> Workbook:
    """An empty workbook (add sheets with :func:`write_table` or ``wb.create_sheet``) whose
    default cell font is 宋体 11 pt, so every cell — data, 合计, notes — prints in one face."""
    wb = Workbook()
    wb.remove(wb.active)
    set_default_font(wb)
    return wb


def set_default_font(wb: Workbook) -> None:
    """宋体 11 pt as the workbook's default cell font."""
    # The default font is the workbook's font 0 and the Normal style's font; openpyxl has no
    # public setter for it (its own default is Calibri).
    wb._fonts = IndexedList([BODY_FONT])
    wb._named_styles["Normal"].font = BODY_FONT


def export_name(court: str, when: str | date, what: str, suffix: str = "xlsx") -> str:
    """The one file-name pattern of every export: ``{法院简称}-{日期或月份}-{名称}.{后缀}``,
    e.g. ``汝阳-2026-10-执行工作统计.xlsx``, ``汝阳-2026-12-06-超期节点.xlsx``."""
    label = when.isoformat() if isinstance(when, date) else when
    return f"{court}-{label}-{what}.{suffix}"


def put(ws: Worksheet, row: int, column: int, value: Any, kind: ColKind = "text"):
    """Write ``value`` into ``ws`` at (row, column) and return the cell.

    - ``str``: always text; formula-looking text gets ``data_type 's'`` and the quote prefix.
    - ``money``: ``value`` is 分 (int) and is written as 元 with two decimals.
    - ``percent``: a ratio (0.25 → 25.00%); ``None`` stays blank (denominator zero).
    - ``date``/``datetime``/``int``/``decimal``: the number format is applied.
    """
    return put_value(ws.cell(row=row, column=column), value, kind)


def put_value(cell, value: Any, kind: ColKind = "text"):
    """:func:`put` on a cell of any sheet (a write-only sheet's ``WriteOnlyCell`` too)."""
    if value is None:
        if kind in _FORMATS:  # a blank rate keeps its format for whoever fills it in
            cell.number_format = _FORMATS[kind]
        return cell
    if isinstance(value, str):
        cell.value = value
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell
    if kind == "money" and isinstance(value, int) and not isinstance(value, bool):
        cell.value = Decimal(value).scaleb(-2)
    else:
        cell.value = value
    fmt = _FORMATS.get(kind)
    if kind == "date" and isinstance(value, datetime):
        fmt = DATETIME_FORMAT
    if fmt:
        cell.number_format = fmt
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def style_header(ws: Worksheet, row: int, columns: int) -> None:
    """Bold, shaded, centred, wrapped header cells on ``row``."""
    for c in range(1, columns + 1):
        style_header_cell(ws.cell(row=row, column=c))


def style_header_cell(cell) -> None:
    cell.font = BOLD_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGN


def fit_widths(ws: Worksheet, widths: Sequence[float], fixed: Sequence[float | None] = ()) -> None:
    """Set column widths from measured content widths (``fixed`` wins where given)."""
    for i, w in enumerate(fitted(widths, fixed), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def fitted(widths: Sequence[float], fixed: Sequence[float | None] = ()) -> list[float]:
    """The column widths :func:`fit_widths` sets."""
    out = []
    for i, w in enumerate(widths):
        chosen = fixed[i] if i < len(fixed) and fixed[i] is not None else w + 2
        out.append(max(MIN_WIDTH, min(MAX_WIDTH, chosen)))
    return out


def printed_font_size(ws: Worksheet, columns: int | None = None) -> float:
    """The body type's size on paper, in points, after fit-to-width."""
    return FONT_SIZE * print_scale(ws, columns)


def write_table(
    wb: Workbook,
    title: str,
    columns: Sequence[Col],
    rows: Iterable[Sequence[Any]],
    *,
    print_title: str | None = None,
    autofilter: bool = True,
    bold_rows: Iterable[int] = (),
    heading: Sequence[str] = (),
    groups: Sequence[tuple[str, int]] = (),
    totals: Sequence[Sequence[Any]] = (),
    landscape: bool | None = None,
    footer: str = "",
) -> Worksheet:
    """Add a sheet named ``title`` with ``rows`` under a header row, ready to read and to print.

    ``heading``: lines above the table (the first, the title, in 16 pt bold; the others as they
    are), each merged across the table. ``groups``: (label, number of columns) spanning the
    header row from column A — e.g. ``[("", 1), ("本月", 5), ("本年累计", 5)]``. ``totals``: rows
    written after the data in bold over a rule, outside the autofilter range. ``bold_rows``: 0-based
    indexes into ``rows`` to emphasise. Everything above the data repeats on every printed page.
    """
    ws = wb.create_sheet(title=title[:31])
    n_cols = len(columns)
    r = 1
    for i, line in enumerate(heading):
        heading_cell(put(ws, r, 1, line), i)
        r += 1
    if groups:
        c = 1
        for label, span in groups:
            put(ws, r, c, label or None)
            if span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
            c += span
        style_header(ws, r, n_cols)
        r += 1
    header_row = r
    widths = header_widths(columns)
    for c, col in enumerate(columns, start=1):
        put(ws, header_row, c, col.header)
    style_header(ws, header_row, n_cols)
    wrap_width = wrap_widths(columns)
    ids = StyleIds(wb)
    bold = set(bold_rows)
    first = header_row + 1
    r = first
    for n, row in enumerate(rows):
        _write_row(ws, r, columns, row, widths, wrap_width, ids, bold=n in bold)
        r += 1
    last_data = r - 1
    for row in totals:
        _write_row(ws, r, columns, row, widths, wrap_width, ids, bold=True, rule=True)
        r += 1
    fit_widths(ws, widths, fixed_widths(columns))
    header_height(ws, header_row, columns)
    ws.freeze_panes = f"{'B' if n_cols > 6 else 'A'}{first}"
    if autofilter and columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n_cols)}{max(last_data, header_row)}"
    setup_print(
        ws, print_title or title, header_rows=header_row, landscape=landscape, footer=footer, groups=groups
    )
    _merge_heading(ws, heading, n_cols)
    return ws


def _merge_heading(ws: Worksheet, heading: Sequence[str], n_cols: int) -> None:
    """Each heading line merged across the table, its row tall enough for the line wrapped there.

    A table printed in slices (:func:`setup_print`) has the heading over each slice instead —
    columns B… of the first, then each slice's own columns — and nothing in the repeated first
    column: every page then shows the whole heading, none a piece of it cut at column A."""
    spans, sliced, heights = heading_layout(ws, heading, n_cols)
    for i, line in enumerate(heading, start=1):
        source = ws.cell(i, 1)
        for a, b in spans:
            if a != 1:
                cell = put(ws, i, a, line)
                cell.font, cell.alignment = copy(source.font), copy(source.alignment)
            if b > a:
                ws.merge_cells(start_row=i, start_column=a, end_row=i, end_column=b)
        if sliced:
            source.value = None
        ws.row_dimensions[i].height = heights[i - 1]


def heading_cell(cell, i: int):
    """The style of heading line ``i`` (0: the title, 16 pt bold, centred; then 11 pt, left)."""
    cell.font = TITLE_FONT if i == 0 else _SUBTITLE_FONT
    # wrapped in the merged cells: a long line never spills past the table (and widens the print)
    cell.alignment = Alignment(horizontal="center" if i == 0 else "left", vertical="center", wrap_text=True)
    return cell


def heading_layout(
    ws: Worksheet, heading: Sequence[str], n_cols: int
) -> tuple[list[tuple[int, int]], bool, list[float]]:
    """(the 1-based (first, last) columns each heading line is merged over, whether the table prints
    in slices, each line's row height) — from the widths and the column breaks of :func:`setup_print`."""
    breaks = sorted(b.id for b in ws.col_breaks.brk)
    if breaks:  # 1-based (first, last) column of each slice, the repeated column A left out
        edges = [1, *breaks, n_cols]
        spans = [(a + 1, b) for a, b in zip(edges, edges[1:], strict=False)]
    else:
        spans = [(1, n_cols)]
    width = min(
        sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(a, b + 1))
        for a, b in spans
    )
    heights = []
    for i, line in enumerate(heading, start=1):
        size = TITLE_FONT.sz if i == 1 else FONT_SIZE
        heights.append(_lines(line, width * FONT_SIZE / size) * (24 if i == 1 else 16))
    return spans, bool(breaks), heights


def header_widths(columns: Sequence[Col]) -> list[float]:
    """Each column's width before its values: its header's, wrapped past :data:`HEADER_WRAP`."""
    return [
        min(display_width(col.header), HEADER_WRAP if col.kind == "text" else FIGURE_HEADER_WRAP)
        for col in columns
    ]


def wrap_widths(columns: Sequence[Col]) -> dict[int, float]:
    """0-based index → width of each wrapped column."""
    return {c: col.width or 30.0 for c, col in enumerate(columns) if col.wrap}


def fixed_widths(columns: Sequence[Col]) -> list[float | None]:
    wrap_width = wrap_widths(columns)
    return [wrap_width.get(i, col.width) for i, col in enumerate(columns)]


def header_height(ws: Worksheet, header_row: int, columns: Sequence[Col]) -> None:
    """The header row made tall enough for the headers wrapped in their columns."""
    lines = max(
        (
            _lines(col.header, ws.column_dimensions[get_column_letter(c)].width)
            for c, col in enumerate(columns, 1)
        ),
        default=1,
    )
    if lines > 1:
        ws.row_dimensions[header_row].height = lines * _LINE_PT + 2


class StyleIds:
    """The workbook's ids of the few styles a table row uses, looked up once: setting
    ``cell.alignment`` hashes the style object on every cell, which dominates a long table."""

    def __init__(self, wb: Workbook) -> None:
        self.bold = wb._fonts.add(BOLD_FONT)
        self.rule = wb._borders.add(_TOP_RULE)
        self.wrap = wb._alignments.add(_WRAP_ALIGN)
        self.top = wb._alignments.add(_TOP_ALIGN)


def _write_row(
    ws: Worksheet,
    r: int,
    columns: Sequence[Col],
    row: Sequence[Any],
    widths: list[float],
    wrap_width: dict[int, float],
    ids: StyleIds,
    *,
    bold: bool = False,
    rule: bool = False,
) -> None:
    cells = [ws.cell(row=r, column=c) for c in range(1, min(len(columns), len(row)) + 1)]
    measure_row(columns, row, widths, wrap_width)
    lines = fill_row(cells, columns, row, wrap_width, ids, bold=bold, rule=rule)
    if lines > 1:
        ws.row_dimensions[r].height = row_height(lines)


def row_height(lines: int) -> float:
    return lines * _LINE_PT + 2


def measure_row(
    columns: Sequence[Col], row: Sequence[Any], widths: list[float], wrap_width: dict[int, float]
) -> None:
    """Widen ``widths`` to the row's values (the wrapped columns and those of a fixed width keep it)."""
    for i, (col, value) in enumerate(zip(columns, row, strict=False)):
        if col.width is None and i not in wrap_width:
            w = display_width(_for_width(value, col.kind))
            if w > widths[i]:
                widths[i] = w


def fill_row(
    cells: Sequence[Any],
    columns: Sequence[Col],
    row: Sequence[Any],
    wrap_width: dict[int, float],
    ids: StyleIds,
    *,
    bold: bool = False,
    rule: bool = False,
) -> int:
    """Put the row's values into ``cells`` (:func:`put_value`), wrapped columns wrapped; the lines the
    row takes — when more than one, every other cell starts at its top, level with the wrapped text."""
    lines = 1
    for i, (cell, col, value) in enumerate(zip(cells, columns, row, strict=False)):
        put_value(cell, value, col.kind)
        if cell._style is None:
            cell._style = StyleArray()
        style = cell._style
        if bold:
            style.fontId = ids.bold
        if rule:
            style.borderId = ids.rule
        if i in wrap_width:
            style.alignmentId = ids.wrap
            n = _text_lines(value, wrap_width[i]) if type(value) is str else _lines(value, wrap_width[i])
            if n > lines:
                lines = n
    if lines > 1:
        for i, cell in enumerate(cells):
            if i not in wrap_width:
                if cell._style is None:
                    cell._style = StyleArray()
                cell._style.alignmentId = ids.top
    return lines


def _for_width(value: Any, kind: ColKind) -> Any:
    if kind == "money" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value / 100:,.2f}"
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:.2%}"
    if kind == "decimal" and isinstance(value, int | float):
        return f"{value:.1f}"
    return value


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` atomically: a reader never sees a half-written file."""
    return atomic_write(path, lambda fh: _save(wb, fh))


def _save(wb: Workbook, fh: BinaryIO) -> None:
    """``wb.save(fh)``, each sheet's XML built in memory (:class:`_InMemorySheets`)."""
    if wb.write_only or wb.read_only:  # streamed to their own files already / refused by openpyxl
        wb.save(fh)
        return
    # the time of saving, in UTC, as openpyxl's own save stamps it (read from the one clock)
    wb.properties.modified = clock.now().astimezone(UTC).replace(tzinfo=None)
    _InMemorySheets(wb, ZipFile(fh, "w", ZIP_DEFLATED, allowZip64=True)).save()


class _InMemorySheets(ExcelWriter):
    """openpyxl's writer, but a worksheet's XML goes to memory, then into the archive: openpyxl
    writes each to a temporary file, reads it back and removes it (12 files for the monthly
    workbook: some 40 ms of file-system work, more on a busy disk, for ~100 KB of XML)."""

    def write_worksheet(self, ws) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        out = BytesIO()
        writer = WorksheetWriter(ws, out=out)
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], out.getvalue())
        self.manifest.append(ws)
