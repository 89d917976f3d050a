"""A4 print setup of the workbooks' table sheets (part of :mod:`.xlsx`, which re-exports it).

- :func:`setup_print` — A4, portrait or landscape (portrait when the table prints there at ≥ 90 %),
  fit to one page wide when that keeps the type ≥ :data:`MIN_FIT_SCALE` of its size; a table too
  wide even for landscape prints at full size in slices of whole column groups, the first column
  repeated on each (never shrunk to fit); header rows repeated, the title in the page header,
  第 X 页，共 Y 页 in the footer.
- :func:`print_scale` / :func:`fits_landscape` / :func:`column_slices` — what fit-to-width does on
  paper, measured with the widest column unit an office suite gives (:data:`UNIT_PT`).

Works on an ordinary and on a write-only sheet alike (the widths are the sheet's column widths).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "MIN_FIT_SCALE",
    "PORTRAIT_SCALE",
    "UNIT_PT",
    "column_slices",
    "fits_landscape",
    "print_scale",
    "setup_print",
]

#: one column-width unit on paper, in points, at its widest: Excel with 宋体 gives about 6 pt; an
#: office suite without 宋体 measures the unit with the face it substitutes (LibreOffice on Linux:
#: DejaVu Sans, whose digits are wider — measured 7.1 pt). Widths and scales are planned with this.
UNIT_PT = 7.2
#: fit-to-width never shrinks type under this share of its size (11 pt → 9.35 pt); a wider table is
#: printed at full size in slices of columns instead
MIN_FIT_SCALE = 0.85
#: portrait when the table prints upright at this share of its size or more
PORTRAIT_SCALE = 0.9

# A4 in inches and the margins set_print uses: what fit-to-width scales the table into.
_A4 = (8.27, 11.69)
_SIDE_MARGIN = 0.4


def _widths(ws: Worksheet, columns: int | None = None) -> list[float]:
    n = columns or _column_count(ws)
    out = []
    for i in range(1, n + 1):
        dim = ws.column_dimensions.get(get_column_letter(i))
        out.append(dim.width if dim is not None and dim.width else 8.43)
    return out


def _column_count(ws: Worksheet) -> int:
    """The sheet's columns: as far as its cells go (a write-only sheet keeps no cells: its widths)."""
    if isinstance(ws, Worksheet):
        return ws.max_column
    return len(ws.column_dimensions)


def _table_points(ws: Worksheet, columns: int | None = None) -> float:
    """The printed width of the sheet's columns in points, at its widest (:data:`UNIT_PT`)."""
    return _points(_widths(ws, columns))


def _printable_points(landscape: bool) -> float:
    short, long = _A4
    return ((long if landscape else short) - 2 * _SIDE_MARGIN) * 72


def _points(widths: Iterable[float]) -> float:
    return sum(widths) * UNIT_PT


def _fit_scale(points: float, landscape: bool) -> float:
    return min(1.0, _printable_points(landscape) / max(points, 1.0))


def fits_landscape(widths: Iterable[float]) -> bool:
    """True when columns of these widths print on A4 landscape fitted to width (type ≥ 9 pt)."""
    return _fit_scale(_points(widths), True) >= MIN_FIT_SCALE


def print_scale(ws: Worksheet, columns: int | None = None) -> float:
    """The factor the sheet prints at: fitted to width, the printable width over the table's (1.0
    when it fits as it is); in slices (:func:`setup_print`), its fixed scale — when every slice
    fits across the page, else what fitting the widest slice would take."""
    landscape = ws.page_setup.orientation == "landscape"
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        return _fit_scale(_table_points(ws, columns), landscape)
    scale = (ws.page_setup.scale or 100) / 100
    widest = max((_points(w) for w in column_slices(ws)), default=0.0)
    return min(scale, _fit_scale(widest * scale, landscape) * scale)


def column_slices(ws: Worksheet) -> list[list[float]]:
    """The widths each printed slice of the sheet holds: the repeated columns, then the columns up to
    the next column break (one slice when the sheet has no column breaks)."""
    widths = _widths(ws)
    repeat = _col_index(ws.print_title_cols.split(":")[-1]) if ws.print_title_cols else 0
    cuts = sorted(b.id for b in ws.col_breaks.brk)
    out, start = [], repeat
    for cut in [*cuts, len(widths)]:
        if cut > start:
            out.append(widths[:repeat] + widths[start:cut])
            start = cut
    return out or [widths]


def _col_index(ref: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(ref.replace("$", ""))


def setup_print(
    ws: Worksheet,
    title: str,
    *,
    header_rows: int = 1,
    landscape: bool | None = True,
    footer: str = "",
    groups: Sequence[tuple[str, int]] = (),
) -> None:
    """A4, ``header_rows`` repeated on every page, ``title`` in the page header, ``footer`` (the
    court's name) left and 第 X 页，共 Y 页 centred in the footer.

    ``landscape=None`` chooses: portrait when the table prints there at ≥ :data:`PORTRAIT_SCALE`,
    else landscape. Fitted to one page wide when that keeps the type at ≥ :data:`MIN_FIT_SCALE`;
    a wider table prints at full size in slices: a column break before each slice of whole
    ``groups`` (the (label, span) pairs of :func:`write_table`; single columns without them) that
    fills a page, the first column repeated on every slice.
    """
    points = _table_points(ws)
    if landscape is None:
        landscape = _fit_scale(points, False) < PORTRAIT_SCALE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if _fit_scale(points, landscape) >= MIN_FIT_SCALE:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        _slice_columns(ws, groups, landscape)
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddHeader.center.size = 12
    ws.oddHeader.center.font = "宋体,Bold"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 11
    ws.oddFooter.center.font = "宋体,Regular"
    if footer:
        ws.oddFooter.left.text = footer.replace("&", "&&")
        ws.oddFooter.left.size = 11
        ws.oddFooter.left.font = "宋体,Regular"
    ws.page_margins.left = ws.page_margins.right = _SIDE_MARGIN
    # Room for the page header (title) and footer (page numbers) above and below the table.
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3


def _slice_columns(ws: Worksheet, groups: Sequence[tuple[str, int]], landscape: bool) -> None:
    """Full size (scale 100, not fitted), the first column repeated, a column break before every
    slice of whole groups that would not fit on the page beside the slices before it."""
    from openpyxl.worksheet.pagebreak import Break

    widths = _widths(ws)
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = 100
    ws.print_title_cols = "A:A"
    room = _printable_points(landscape) - _points(widths[:1])
    spans = [span for _, span in groups][1:] if groups and groups[0][1] == 1 else []
    if sum(spans) != len(widths) - 1:
        spans = [1] * (len(widths) - 1)
    units: list[tuple[int, int]] = []  # (first column index, last) 0-based, split where one is too wide
    start = 1
    for span in spans:
        if _points(widths[start : start + span]) <= room:
            units.append((start, start + span - 1))
        else:
            units.extend((c, c) for c in range(start, start + span))
        start += span
    used = 0.0
    for first, last in units:
        w = _points(widths[first : last + 1])
        if used and used + w > room:
            ws.col_breaks.append(Break(id=first))  # left of column ``first`` (0-based)
            used = 0.0
        used += w
