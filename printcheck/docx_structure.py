"""What a written .docx promises before any viewer lays it out, read from its XML (python-docx).

:func:`docx_problems` lists, in Chinese-free engineering terms, everything that would print badly:
a table wider than the text area, a grid that disagrees with its cells' widths (LibreOffice then
draws equal columns), a table not of fixed layout, a run under 9 pt, a run without the East Asian
language, a document without the page X / Y fields. The print check and the pytest structural tests
both use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MIN_PT = 9.0
#: rounding of cm ↔ twips, and Word's own: half a millimetre
TOLERANCE_TWIPS = 30
EAST_ASIAN_LANG = "zh-CN"


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def text_width_twips(section: Any) -> int:
    """The width between the margins, in twentieths of a point."""
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


def table_widths(tbl: Any) -> list[int]:
    """The table's grid columns, in twips."""
    grid = tbl.find(_qn("w:tblGrid"))
    if grid is None:
        return []
    return [int(gc.get(_qn("w:w")) or 0) for gc in grid.findall(_qn("w:gridCol"))]


def _cell_width(tc: Any) -> tuple[int | None, int]:
    """(tcW in twips or None, gridSpan)."""
    pr = tc.find(_qn("w:tcPr"))
    if pr is None:
        return None, 1
    w = pr.find(_qn("w:tcW"))
    span = pr.find(_qn("w:gridSpan"))
    n = int(span.get(_qn("w:val"))) if span is not None else 1
    if w is None or w.get(_qn("w:type")) not in (None, "dxa"):
        return None, n
    return int(w.get(_qn("w:w"))), n


def table_problems(tbl: Any, limit_twips: int, where: str) -> list[str]:
    """A table's problems: wider than ``limit_twips``, grid ≠ cells, not fixed, rows that split."""
    out = []
    grid = table_widths(tbl)
    if not grid:
        return [f"{where}: table without w:tblGrid"]
    total = sum(grid)
    if total > limit_twips + TOLERANCE_TWIPS:
        out.append(f"{where}: table {total / 567:.2f} cm wide, text area {limit_twips / 567:.2f} cm")
    pr = tbl.find(_qn("w:tblPr"))
    layout = pr.find(_qn("w:tblLayout")) if pr is not None else None
    if layout is None or layout.get(_qn("w:type")) != "fixed":
        out.append(f"{where}: table layout not fixed (the viewer re-measures the columns)")
    for r, tr in enumerate(tbl.findall(_qn("w:tr"))):
        col = 0
        row_width = sum(_cell_width(tc)[0] or 0 for tc in tr.findall(_qn("w:tc")))
        if row_width > limit_twips + TOLERANCE_TWIPS and total <= limit_twips + TOLERANCE_TWIPS:
            out.append(
                f"{where} row {r + 1}: cells {row_width / 567:.2f} cm wide, text area {limit_twips / 567:.2f} cm"
            )
        for tc in tr.findall(_qn("w:tc")):
            width, span = _cell_width(tc)
            want = sum(grid[col : col + span])
            if width is None:
                out.append(f"{where} row {r + 1}: cell {col + 1} has no width in twips")
            elif abs(width - want) > TOLERANCE_TWIPS:
                out.append(f"{where} row {r + 1}: cell {col + 1} is {width} twips, its grid {want}")
            col += span
        if col != len(grid):
            out.append(f"{where} row {r + 1}: {col} cells for a grid of {len(grid)}")
        trpr = tr.find(_qn("w:trPr"))
        if trpr is None or trpr.find(_qn("w:cantSplit")) is None:
            out.append(f"{where} row {r + 1}: may split across pages (no w:cantSplit)")
    return out


def _runs(part_element: Any):
    yield from part_element.iter(_qn("w:r"))


def run_problems(element: Any, where: str) -> list[str]:
    """Runs under 9 pt (w:sz is in half points) and runs of text without the East Asian language."""
    out = []
    small = 0
    no_lang = 0
    for r in _runs(element):
        if not "".join(t.text or "" for t in r.iter(_qn("w:t"))).strip():
            continue
        rpr = r.find(_qn("w:rPr"))
        sz = rpr.find(_qn("w:sz")) if rpr is not None else None
        if sz is not None and int(sz.get(_qn("w:val"))) < MIN_PT * 2:
            small += 1
        lang = rpr.find(_qn("w:lang")) if rpr is not None else None
        fonts = rpr.find(_qn("w:rFonts")) if rpr is not None else None
        if (
            lang is None
            or lang.get(_qn("w:eastAsia")) != EAST_ASIAN_LANG
            or fonts is None
            or not fonts.get(_qn("w:eastAsia"))
        ):
            no_lang += 1
    if small:
        out.append(f"{where}: {small} runs under {MIN_PT:g} pt")
    if no_lang:
        out.append(f"{where}: {no_lang} runs without w:lang eastAsia={EAST_ASIAN_LANG} and an eastAsia font")
    return out


def _has_fields(element: Any, *names: str) -> bool:
    text = " ".join(
        [t.text or "" for t in element.iter(_qn("w:instrText"))]
        + [f.get(_qn("w:instr")) or "" for f in element.iter(_qn("w:fldSimple"))]
    )
    return all(n in text.split() for n in names)


def docx_problems(path: Path | str) -> list[str]:
    """Every structural problem of the document at ``path`` (empty when it will print well)."""
    from docx import Document

    doc = Document(str(path))
    out: list[str] = []
    body = doc.element.body
    sections = doc.sections
    limit = min(text_width_twips(s) for s in sections)
    for i, tbl in enumerate(body.iter(_qn("w:tbl")), start=1):
        out.extend(table_problems(tbl, limit, f"table {i}"))
    out.extend(run_problems(body, "body"))
    for n, sec in enumerate(sections, start=1):
        footer = sec.footer._element
        if not _has_fields(footer, "PAGE", "NUMPAGES"):
            out.append(f"section {n}: footer without PAGE / NUMPAGES fields")
        out.extend(run_problems(footer, f"section {n} footer"))
    styles = doc.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    lang = defaults.find(f".//{_qn('w:lang')}") if defaults is not None else None
    if lang is None or lang.get(_qn("w:eastAsia")) != EAST_ASIAN_LANG:
        out.append(f"styles: document defaults without w:lang eastAsia={EAST_ASIAN_LANG}")
    return out
