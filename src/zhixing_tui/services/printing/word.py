"""The one printing layer for every .docx zhixing writes (python-docx), so a form prints the way a
court files paper: A4, 宋体 titles and 仿宋 text with the East Asian language set, tables that fit
the page, page X / Y in the footer, the court's name over every title, lines to sign and date, and
boxes with room to write an opinion by hand.

The API a form uses (keep it stable — other modules build on it)::

    doc = new_document(landscape=False)            # A4, margins, styles, footer 第 X 页 共 Y 页
    title_block(doc, court, "简转繁审批表")          # court's name, then the title (both centred)
    paragraph(doc, "案号：……", size=12)             # text in 仿宋 (or TITLE_FONT), ≥ 9 pt
    table(doc, [Column("序号", 1.0, nowrap=True), Column("流程节点", 6.0), …], rows)
    t = label_table(doc, [("案号", …), ("承办人", …)])  # a form: label | value
    opinion_row(t, "执行局长意见", text, signer="签名")  # a row of fixed height to write in
    signature_lines(doc, [("填表人", name), ("组长", "")])
    save(doc, path)                                # atomic write (files.py)

How the pieces meet Word and LibreOffice:

* fonts: every run names its font for ``w:ascii``/``w:hAnsi``/``w:eastAsia`` and carries
  ``<w:lang w:eastAsia="zh-CN"/>``; the document defaults and the Normal style say the same, so a
  viewer without 宋体/仿宋 falls back to a *Chinese* face, never a Japanese one;
* tables: fixed layout, ``w:tblGrid`` and every cell's ``w:tcW`` from the same widths, scaled to the
  text width (a column marked ``nowrap`` is first widened to its longest value, so amounts and dates
  never break); the header row repeats on every page (``w:tblHeader``) and no row splits across
  pages (``w:cantSplit``);
* the footer holds ``第 {PAGE} 页 共 {NUMPAGES} 页`` as fields, so the viewer fills them in.

A form module the print check (``make print-check``) should cover declares ``PAGE_BUDGET`` (the most
pages one written file may take) and ``print_samples(desk, out) -> list[Path]`` (write it for a few
cases of a demo database into the folder ``out``).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .files import atomic_write_bytes

__all__ = [
    "BLANK_DATE",
    "BODY_FONT",
    "EAST_ASIAN_LANG",
    "MIN_PT",
    "SIGN_BLANK",
    "TITLE_FONT",
    "Column",
    "cn_date",
    "label_row",
    "label_table",
    "new_document",
    "opinion_row",
    "paragraph",
    "run",
    "save",
    "signature_lines",
    "table",
    "text_width_cm",
    "text_width_of",
    "title_block",
    "to_bytes",
]

TITLE_FONT = "宋体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
EAST_ASIAN_LANG = "zh-CN"
#: the smallest type any printed page carries (the print check fails below it)
MIN_PT = 9.0
#: a blank date to fill in by hand, and a blank line to sign on
BLANK_DATE = "　　　　年　　月　　日"
SIGN_BLANK = "＿＿＿＿＿＿＿＿"

# OOXML measures in twentieths of a point (dxa); 1 cm = 567 dxa
_DXA_PER_CM = 1440 / 2.54
#: Word's default left and right cell margins (0.19 cm each) inside a cell's width
_CELL_PADDING_CM = 2 * 108 / _DXA_PER_CM
_PT_PER_CM = 72 / 2.54


def _dxa(cm: float) -> int:
    return int(round(cm * _DXA_PER_CM))


def cn_date(d: date | None) -> str:
    """``2026年12月6日``, or the blank ``　　年　　月　　日`` to fill in by hand."""
    return f"{d.year}年{d.month}月{d.day}日" if d else BLANK_DATE


# --- document ------------------------------------------------------------------------------------


def _set_fonts(rpr: Any, font: str) -> None:
    """``w:rFonts`` naming ``font`` for every script, ``w:lang`` with the East Asian language."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):  # a theme font would override the named one
            del fonts.attrib[attr]
    latin = LATIN_FONT if font not in (TITLE_FONT, BODY_FONT) else font
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), latin)
    _set_lang(rpr)


def _set_lang(rpr: Any) -> None:
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), EAST_ASIAN_LANG)


def _setup_styles(doc: Any) -> None:
    """Document defaults and the Normal / Table Grid styles: 仿宋 12 pt, zh-CN, no space after."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, BODY_FONT)
    ppr_default = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
    if ppr_default is not None:
        spacing = ppr_default.find(qn("w:spacing"))
        if spacing is not None:  # single lines, no space after: a form's rows stay compact
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    # East Asian line breaking: no 。，、 at the start of a line, no （《 at its end
    ppr = normal.element.get_or_add_pPr()
    for tag in ("w:kinsoku", "w:overflowPunct", "w:autoSpaceDE"):
        if ppr.find(qn(tag)) is None:
            el = ppr.makeelement(qn(tag), {qn("w:val"): "1"})
            ppr.append(el)
    for name in ("Table Grid",):
        try:
            st = doc.styles[name]
        except KeyError:
            continue
        _set_fonts(st.element.get_or_add_rPr(), BODY_FONT)
    # the document's own language (Word's proofing and LibreOffice's CJK face choice)
    settings = doc.settings.element
    if settings.find(qn("w:themeFontLang")) is None:
        el = settings.makeelement(qn("w:themeFontLang"), {})
        settings.append(el)
    tfl = settings.find(qn("w:themeFontLang"))
    tfl.set(qn("w:val"), "zh-CN")
    tfl.set(qn("w:eastAsia"), EAST_ASIAN_LANG)


def _field(paragraph_: Any, instruction: str, font: str, size: float) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) the viewer computes; "1" until it does."""
    from docx.oxml.ns import qn

    def fld(kind: str) -> Any:
        r = run(paragraph_, "", font, size)
        el = r._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        r._element.append(el)
        return r

    fld("begin")
    r = run(paragraph_, "", font, size)
    instr = r._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    r._element.append(instr)
    fld("separate")
    run(paragraph_, "1", font, size)
    fld("end")


def _page_footer(section: Any) -> None:
    """第 X 页 共 Y 页, centred, in the section's footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "第 ", BODY_FONT, 10.5)
    _field(p, "PAGE", BODY_FONT, 10.5)
    run(p, " 页 共 ", BODY_FONT, 10.5)
    _field(p, "NUMPAGES", BODY_FONT, 10.5)
    run(p, " 页", BODY_FONT, 10.5)


def new_document(
    *,
    landscape: bool = False,
    margins_cm: tuple[float, float, float, float] | None = None,
    page_numbers: bool = True,
) -> Any:
    """An empty A4 document (portrait, or landscape for wide tables) with the court's styles.

    ``margins_cm`` is (top, right, bottom, left); the default is 2.54 / 2.0 / 2.2 / 2.5 cm portrait
    (a 左装订 margin a little wider) and 2.0 / 1.8 / 1.8 / 2.0 cm landscape. With ``page_numbers``
    the footer reads 第 X 页 共 Y 页.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Document()
    _setup_styles(doc)
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    top, right, bottom, left = margins_cm or ((2.0, 1.8, 1.8, 2.0) if landscape else (2.54, 2.0, 2.2, 2.5))
    sec.top_margin, sec.right_margin = Cm(top), Cm(right)
    sec.bottom_margin, sec.left_margin = Cm(bottom), Cm(left)
    sec.header_distance = Cm(1.0)
    sec.footer_distance = Cm(0.9)
    if page_numbers:
        _page_footer(sec)
    return doc


def text_width_cm(doc: Any) -> float:
    """The width between the margins of the document's last section, in cm."""
    sec = doc.sections[-1]
    return (sec.page_width - sec.left_margin - sec.right_margin) / 360000


# --- text ----------------------------------------------------------------------------------------


def run(paragraph_: Any, text: str, font: str = BODY_FONT, size: float = 12, *, bold: bool = False) -> Any:
    """Add a run in ``font`` (汉字 and Latin alike) of ``size`` pt, with the East Asian language."""
    from docx.shared import Pt

    if size < MIN_PT:
        raise ValueError(f"printed text must be at least {MIN_PT} pt, not {size}")
    r = paragraph_.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    _set_fonts(r._element.get_or_add_rPr(), font)
    return r


def paragraph(
    container: Any,
    text: str = "",
    font: str = BODY_FONT,
    size: float = 12,
    *,
    bold: bool = False,
    center: bool = False,
    right: bool = False,
    space_after_pt: float | None = None,
    space_before_pt: float | None = None,
    keep_with_next: bool = False,
) -> Any:
    """A paragraph in a document or table cell (a cell's first, empty paragraph is reused), or the
    given paragraph itself. ``text`` may hold ``\\n`` for line breaks inside it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if hasattr(container, "add_paragraph"):
        paras = getattr(container, "paragraphs", [])
        is_cell = hasattr(container, "merge")
        p = paras[0] if is_cell and len(paras) == 1 and not paras[0].text else container.add_paragraph()
    else:
        p = container
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after_pt is not None:
        p.paragraph_format.space_after = Pt(space_after_pt)
    if space_before_pt is not None:
        p.paragraph_format.space_before = Pt(space_before_pt)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    last = None
    for line in text.split("\n") if text else []:
        if last is not None:
            last.add_break()  # <w:br/> inside the run: a line break within the paragraph
        last = run(p, line, font, size, bold=bold)
    return p


def title_block(doc: Any, court: str, title: str, *, subtitle: str = "") -> None:
    """The court's name and the form's title, centred, 宋体 — every printed form opens with both."""
    if not court.strip():
        raise ValueError("a printed form names its court")
    paragraph(doc, court, TITLE_FONT, 16, bold=True, center=True, space_after_pt=2)
    paragraph(doc, title, TITLE_FONT, 20, bold=True, center=True, space_after_pt=6 if not subtitle else 2)
    if subtitle:
        paragraph(doc, subtitle, BODY_FONT, 12, center=True, space_after_pt=6)
    doc.core_properties.title = f"{court}{title}"


# --- tables --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, its width in cm (relative: the table is scaled to the text
    width), whether its values must stay on one line (amounts, dates, 序号 — the column is
    widened to its longest value first) and how its values align (``left``/``center``/``right``)."""

    header: str
    width_cm: float
    nowrap: bool = False
    align: str = "left"


#: Latin advance widths in em, on the wide side (DejaVu Sans, LibreOffice's fallback for a Latin
#: run in 仿宋/宋体 where those are not installed; Times New Roman and SimSun are narrower)
_NARROW = {**dict.fromkeys(",.:;!|'", 0.32), **dict.fromkeys("-()[] ", 0.40), "/": 0.34}


def text_width_of(text: str, size_pt: float) -> float:
    """How wide ``text`` prints at ``size_pt``, in cm (a 汉字 is one em, a digit about 0.64)."""
    ems = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            ems += 1.0
        else:
            ems += _NARROW.get(ch, 0.64)
    return ems * size_pt / _PT_PER_CM


def _fit_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], total: float, size: float
) -> list[float]:
    """Column widths (cm) that sum to ``total``: nowrap columns at least their longest line, the
    rest sharing what is left in proportion to their declared widths."""
    need: list[float] = []
    for i, c in enumerate(columns):
        if not c.nowrap:
            need.append(0.0)
            continue
        longest = max(
            (text_width_of(line, size) for r in rows for line in str(r[i]).split("\n")),
            default=0.0,
        )
        need.append(longest + _CELL_PADDING_CM + 0.1)
    declared = sum(c.width_cm for c in columns)
    widths = [c.width_cm * total / declared for c in columns]
    # widen the nowrap columns that need it, taking the room from the wrapping ones
    for _ in range(len(columns)):
        short = [(i, need[i] - widths[i]) for i in range(len(columns)) if need[i] > widths[i] + 1e-6]
        if not short:
            break
        extra = sum(d for _, d in short)
        for i, _d in short:
            widths[i] = need[i]
        donors = [i for i, c in enumerate(columns) if not c.nowrap]
        pool = sum(widths[i] for i in donors)
        if pool <= extra:
            break  # nothing left to give: the nowrap columns wrap after all
        for i in donors:
            widths[i] -= extra * widths[i] / pool
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _row_props(
    row: Any, *, header: bool = False, height_cm: float | None = None, exact: bool = False
) -> None:
    """``w:cantSplit`` on every row, ``w:tblHeader`` on a header row, an optional height."""
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
    if header and tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))
    if height_cm is not None:
        for old in tr_pr.findall(qn("w:trHeight")):
            tr_pr.remove(old)
        tr_pr.append(
            tr_pr.makeelement(
                qn("w:trHeight"),
                {qn("w:val"): str(_dxa(height_cm)), qn("w:hRule"): "exact" if exact else "atLeast"},
            )
        )


def _new_table(doc: Any, widths_cm: Sequence[float]) -> Any:
    """An empty fixed-layout table whose grid is ``widths_cm`` (tblW = their sum)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn

    table = doc.add_table(rows=0, cols=len(widths_cm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout w:type="fixed"
    tbl = table._tbl
    grid = tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        gc.set(qn("w:w"), str(_dxa(w)))
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = tbl_pr.makeelement(qn("w:tblW"), {})
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(_dxa(w) for w in widths_cm)))
    tbl_w.set(qn("w:type"), "dxa")
    return table


def _cell_width(cell: Any, cm: float) -> None:
    from docx.shared import Cm

    cell.width = Cm(cm)


def _no_wrap(cell: Any) -> None:
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    if tc_pr.find(qn("w:noWrap")) is None:
        tc_pr.append(tc_pr.makeelement(qn("w:noWrap"), {}))


def _vcenter(cell: Any) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _table_widths(table: Any) -> list[float]:
    from docx.oxml.ns import qn

    return [int(gc.get(qn("w:w"))) / _DXA_PER_CM for gc in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def table(
    doc: Any,
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    size: float = 10.5,
    header_size: float | None = None,
    width_cm: float | None = None,
) -> Any:
    """A grid table: a bold header row repeated on every page, then ``rows`` (one string per
    column, ``\\n`` for a line break), none split across pages; widths fit the text width (or
    ``width_cm``) — see :class:`Column`."""
    rows = [tuple("" if v is None else str(v) for v in r) for r in rows]
    header_size = header_size or size
    total = width_cm if width_cm is not None else text_width_cm(doc)
    widths = _fit_widths(columns, [*rows, tuple(c.header for c in columns)], total, size)
    t = _new_table(doc, widths)
    head = t.add_row()
    _row_props(head, header=True)
    for cell, col, w in zip(head.cells, columns, widths, strict=True):
        _cell_width(cell, w)
        _vcenter(cell)
        paragraph(cell, col.header, TITLE_FONT, header_size, bold=True, center=True)
    for values in rows:
        row = t.add_row()
        _row_props(row)
        for cell, col, value, w in zip(row.cells, columns, values, widths, strict=True):
            _cell_width(cell, w)
            _vcenter(cell)
            if col.nowrap:
                _no_wrap(cell)
            paragraph(cell, value, BODY_FONT, size, center=col.align == "center", right=col.align == "right")
    return t


def label_table(
    doc: Any,
    rows: Iterable[tuple[str, str]],
    *,
    label_cm: float = 4.2,
    size: float = 12,
    width_cm: float | None = None,
) -> Any:
    """A form's table: a 宋体 label column and a 仿宋 value column, filling the text width; no row
    splits across pages. Add boxes to write in with :func:`opinion_row`."""
    total = width_cm if width_cm is not None else text_width_cm(doc)
    t = _new_table(doc, (label_cm, total - label_cm))
    for label, value in rows:
        label_row(t, label, value, size)
    return t


def label_row(t: Any, label: str, value: str, size: float = 12) -> Any:
    """Append a label | value row to a :func:`label_table`."""
    widths = _table_widths(t)
    row = t.add_row()
    _row_props(row)
    cells = row.cells
    for cell, w in zip(cells, widths, strict=True):
        _cell_width(cell, w)
    _vcenter(cells[0])
    _vcenter(cells[1])
    paragraph(cells[0], label, TITLE_FONT, size, bold=True, center=True)
    paragraph(cells[1], value, BODY_FONT, size)
    return row


def opinion_row(
    t: Any,
    label: str,
    text: str = "",
    *,
    height_cm: float = 4.0,
    signer: str = "签名",
    name: str = "",
    on: date | None = None,
    size: float = 12,
) -> Any:
    """A box of ``height_cm`` (at least) to write an opinion in by hand: ``text`` (a recorded
    opinion, or nothing — a pending decision prints blank) at the top, the signature and date line
    at the bottom right (``name`` and ``on`` printed when recorded)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    widths = _table_widths(t)
    row = t.add_row()
    _row_props(row, height_cm=height_cm)
    cells = row.cells
    for cell, w in zip(cells, widths, strict=True):
        _cell_width(cell, w)
    _vcenter(cells[0])
    paragraph(cells[0], label, TITLE_FONT, size, bold=True, center=True)
    box = cells[1]
    box.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    paragraph(box, text, BODY_FONT, size)
    # blank lines so the signature sits near the bottom of the box
    line_cm = size * 1.3 / _PT_PER_CM
    used = line_cm * (1 + max(1, len(text) * size / _PT_PER_CM // max(widths[1] - 0.4, 1)))
    for _ in range(max(0, int((height_cm - used - line_cm - 0.3) / line_cm))):
        box.add_paragraph()
    signed = f"{signer}：{name or SIGN_BLANK}　　{cn_date(on)}"
    paragraph(box, signed, BODY_FONT, size, right=True)
    return row


def signature_lines(
    doc: Any,
    signers: Sequence[tuple[str, str]],
    *,
    dated: bool = True,
    size: float = 12,
    on: date | None = None,
) -> None:
    """One line per signer: ``角色（签名）：＿＿＿＿（printed name）`` and the date flush right
    (a right tab stop at the margin); the lines are kept together on one page."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    paragraph(doc, "", size=size, space_before_pt=6, keep_with_next=True)
    for i, (role, name) in enumerate(signers):
        p = paragraph(doc, "", size=size, space_after_pt=10, keep_with_next=i < len(signers) - 1)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(text_width_cm(doc) - 0.05), WD_TAB_ALIGNMENT.RIGHT)
        run(p, f"{role}（签名）：", TITLE_FONT, size, bold=True)
        run(p, SIGN_BLANK, BODY_FONT, size)
        if name:
            run(p, f"（{name}）", BODY_FONT, size)
        if dated:
            run(p, f"\t{cn_date(on) if on else '　　年　　月　　日'}", BODY_FONT, size)


_label_row = label_row  # the name the first forms on this layer imported


# --- output --------------------------------------------------------------------------------------


def to_bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def save(doc: Any, path: str | Path) -> Path:
    """Write the document atomically (a temporary name in the same folder, then renamed)."""
    return atomic_write_bytes(path, to_bytes(doc))
