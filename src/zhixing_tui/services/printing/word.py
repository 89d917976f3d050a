"""What every printed record shares: A4 pages and runs whose Chinese text is set in 宋体/仿宋.

Word picks the font for 汉字 from ``w:eastAsia``; python-docx's ``run.font.name`` sets only the
Latin fonts, so every run goes through :func:`run`.
"""

from __future__ import annotations

import io
from typing import Any

TITLE_FONT = "宋体"
BODY_FONT = "仿宋"


def new_document(*, landscape: bool = False, margin_cm: float = 2.0) -> Any:
    """An empty A4 document (portrait, or landscape for wide tables) with even margins."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Document()
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(margin_cm))
    return doc


def run(paragraph: Any, text: str, font: str = BODY_FONT, size: float = 12, *, bold: bool = False) -> Any:
    """Add a run in ``font`` for Latin and East Asian text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r = paragraph.add_run(text)
    r.font.name = font
    r.font.size = Pt(size)
    r.font.bold = bold
    rpr = r._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)
    return r


def paragraph(
    container: Any,
    text: str = "",
    font: str = BODY_FONT,
    size: float = 12,
    *,
    bold: bool = False,
    center: bool = False,
    space_after_pt: float | None = None,
) -> Any:
    """A paragraph in a document or table cell (a cell's first, empty paragraph is reused)."""
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
    if space_after_pt is not None:
        p.paragraph_format.space_after = Pt(space_after_pt)
    if text:
        run(p, text, font, size, bold=bold)
    return p


def to_bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
