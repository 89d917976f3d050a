"""Writing safe, printable .xlsx workbooks: the helpers every report and export shares.

Small API:

- :class:`Col` — a column: header, kind (``text`` / ``int`` / ``money`` / ``percent`` /
  ``date``) and an optional fixed width.
- :func:`new_workbook` — an empty workbook (no default sheet).
- :func:`write_table` — a sheet with a bold header row, rows written through :func:`put`,
  frozen header, autofilter, widths that fit Chinese text, number formats and A4 landscape
  print setup with the header repeated on every page and the title in the page header.
- :func:`put` — write one value into a cell *safely*: text that begins with ``=``, ``+``,
  ``-``, ``@`` (or a tab/CR) is stored as text with Excel's quote prefix, never as a formula
  (party names come from outside; see OWASP "CSV injection"). Money is given in 分 and
  written in 元.
- :func:`display_width` — the width of a text in Excel column units (CJK counts 2).
- :func:`setup_print` — A4 landscape, fit to one page wide, repeating header rows, title.
- :func:`save_workbook` — save atomically (temporary name in the same folder, then rename).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .files import atomic_write

__all__ = [
    "DATE_FORMAT",
    "FORMULA_PREFIXES",
    "INT_FORMAT",
    "MONEY_FORMAT",
    "PERCENT_FORMAT",
    "Col",
    "ColKind",
    "display_width",
    "fit_widths",
    "looks_like_formula",
    "new_workbook",
    "put",
    "save_workbook",
    "setup_print",
    "style_header",
    "write_table",
]

ColKind = Literal["text", "int", "money", "percent", "date"]

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
INT_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
_FORMATS: dict[str, str] = {
    "money": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "int": INT_FORMAT,
    "date": DATE_FORMAT,
}

#: Characters that make a spreadsheet treat typed text as a formula (or DDE payload).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Col:
    """One column of a table sheet."""

    header: str
    kind: ColKind = "text"
    width: float | None = None  # None: fit the contents


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula if it were typed in."""
    return bool(text) and text.startswith(FORMULA_PREFIXES)


def display_width(value: Any) -> float:
    """Width of ``value`` as shown, in Excel column units: wide (CJK) characters count 2."""
    if value is None:
        return 0.0
    text = value if isinstance(value, str) else _shown(value)
    longest = 0
    for line in text.split("\n"):
        w = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
        longest = max(longest, w)
    return float(longest)


def _shown(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int | Decimal):
        return f"{value:,}"
    return str(value)


def new_workbook() -> Workbook:
    """An empty workbook: add sheets with :func:`write_table` or ``wb.create_sheet``."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def put(ws: Worksheet, row: int, column: int, value: Any, kind: ColKind = "text"):
    """Write ``value`` into ``ws`` at (row, column) and return the cell.

    - ``str``: always text; formula-looking text gets ``data_type 's'`` and the quote prefix.
    - ``money``: ``value`` is 分 (int) and is written as 元 with two decimals.
    - ``percent``: a ratio (0.25 → 25.00%); ``None`` stays blank (denominator zero).
    - ``date``/``int``: the number format is applied.
    """
    cell = ws.cell(row=row, column=column)
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
    if fmt:
        cell.number_format = fmt
    elif isinstance(value, datetime | date):
        cell.number_format = DATE_FORMAT
    return cell


def style_header(ws: Worksheet, row: int, columns: int) -> None:
    """Bold, shaded, centred, wrapped header cells on ``row``."""
    for c in range(1, columns + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN


def fit_widths(ws: Worksheet, widths: Sequence[float], fixed: Sequence[float | None] = ()) -> None:
    """Set column widths from measured content widths (``fixed`` wins where given)."""
    for i, w in enumerate(widths, start=1):
        chosen = fixed[i - 1] if i - 1 < len(fixed) and fixed[i - 1] is not None else w + 2
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, chosen))


def setup_print(ws: Worksheet, title: str, *, header_rows: int = 1, landscape: bool = True) -> None:
    """A4, landscape, one page wide, header rows repeated, title in the page header, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddHeader.center.size = 12
    ws.oddHeader.center.font = "宋体,Bold"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.4
    # Room for the page header (title) and footer (page numbers) above and below the table.
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3


def write_table(
    wb: Workbook,
    title: str,
    columns: Sequence[Col],
    rows: Iterable[Sequence[Any]],
    *,
    print_title: str | None = None,
    autofilter: bool = True,
    bold_rows: Iterable[int] = (),
) -> Worksheet:
    """Add a sheet named ``title`` with a header row and ``rows``, ready to read and to print.

    ``bold_rows`` are 0-based indexes into ``rows`` to emphasise (e.g. the 合计 row).
    """
    ws = wb.create_sheet(title=title[:31])
    widths = [display_width(col.header) for col in columns]
    for c, col in enumerate(columns, start=1):
        put(ws, 1, c, col.header)
    style_header(ws, 1, len(columns))
    bold = set(bold_rows)
    n = 0
    for n, row in enumerate(rows):
        r = n + 2
        for c, (col, value) in enumerate(zip(columns, row, strict=False), start=1):
            cell = put(ws, r, c, value, col.kind)
            if n in bold:
                cell.font = _HEADER_FONT
            w = display_width(_for_width(value, col.kind))
            if w > widths[c - 1]:
                widths[c - 1] = w
    fit_widths(ws, widths, [col.width for col in columns])
    ws.freeze_panes = "B2" if len(columns) > 6 else "A2"
    last = ws.max_row
    if autofilter and columns and last >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    setup_print(ws, print_title or title)
    return ws


def _for_width(value: Any, kind: ColKind) -> Any:
    if kind == "money" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value / 100:,.2f}"
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:.2%}"
    return value


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` atomically: a reader never sees a half-written file."""
    return atomic_write(path, wb.save)
