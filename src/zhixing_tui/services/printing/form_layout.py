"""The layout the signed forms share (出差审批表, 结案审查表, 类案集中审批表, 送达地址确认书 …).

A form is: the court's name and the form's title; a two-column table of label and value whose
grid and cell widths agree and fit the A4 text width; opinion rows tall enough to write in by
hand, each ending with a signature and date line; signature lines under the table; and the
citation of the rule that asks for the form, by the court's document title and clause
(:func:`cite`), never by a seed file id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .word import BODY_FONT, TITLE_FONT, new_document, paragraph

__all__ = [
    "LABEL_CM",
    "TEXT_WIDTH_CM",
    "Opinion",
    "cite",
    "day",
    "document_title",
    "field_table",
    "form_citation",
    "form_header",
    "form_path",
    "new_form",
    "note",
    "require_form",
    "row_props",
    "signature_lines",
    "table_grid",
]

TEXT_WIDTH_CM = 17.0  # A4 portrait (21 cm) less two 2 cm margins
LABEL_CM = 4.0
SIGN_LINE = "签名：＿＿＿＿＿＿＿＿　　　　年　　月　　日"


def day(d: date | datetime | None) -> str:
    """2026年11月03日 (empty for none)."""
    return d.strftime("%Y年%m月%d日") if d else ""


def document_title(document: str) -> str:
    """The plan's own title from a profile's ``court.document``: the part in 《》 when there is one
    (监法（2022）19号 关于印发《执行“一站式”改革方案》的通知 → 《执行“一站式”改革方案》), else the
    words after the document number, in 《》."""
    found = re.search(r"《[^》]+》", document)
    if found:
        return found.group(0)
    words = document.split(maxsplit=1)
    title = words[1] if len(words) == 2 else document
    return f"《{title.strip()}》" if title.strip() else ""


def cite(court: Any, clause: str) -> str:
    """A clause of the court's plan for paper: 《执行“一站式”改革方案》（监法（2022）19号）第三组6."""
    document = getattr(court, "document", "") or ""
    title = document_title(document)
    number = document.split(maxsplit=1)[0] if " " in document.strip() else ""
    if number and ("号" in number or "〕" in number or "】" in number):
        return f"{title}（{number}）{clause}"
    return f"{title}{clause}"


def form_citation(profile: Any, form_id: str) -> str:
    """The court's own clause for form ``form_id`` (``printed_forms`` of its profile), cited."""
    clause = profile.form_clause(form_id)
    return cite(profile.court, clause) if clause else document_title(profile.court.document)


def require_form(profile: Any, form_id: str) -> None:
    """Refuse a form the court's profile does not list (``printed_forms``): its plan does not ask for it."""
    from ...domain.forms import form_title
    from ...errors import Conflict

    if not profile.prints(form_id):
        raise Conflict(
            f"{profile.court.name}的配置未列出《{form_title(form_id)}》（printed_forms）：本院方案未规定此表"
        )


def form_path(profile: Any, form_id: str, *parts: object) -> Path:
    """``exports/监利-出差审批表-（2026）鄂1088执12号-5.docx``: the court first, one pattern for all."""
    from ...domain.forms import form_title
    from ...locations import exports_dir

    name = "-".join([profile.court.short_name, form_title(form_id), *(str(p) for p in parts if p != "")])
    return exports_dir() / f"{name}.docx"


def new_form() -> Any:
    """An A4 portrait document whose text is marked Chinese (``w:lang w:eastAsia="zh-CN"``), so
    Word and LibreOffice pick a Chinese face for it."""
    from docx.oxml.ns import qn

    doc = new_document()
    style = doc.styles["Normal"]
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    return doc


def form_header(doc: Any, court: str, title: str, subtitle: str = "") -> None:
    """The court's name and the form's title (in one line: 监利市人民法院出差审批表)."""
    paragraph(doc, f"{court}{title}", TITLE_FONT, 18, bold=True, center=True, space_after_pt=6)
    if subtitle:
        paragraph(doc, subtitle, BODY_FONT, 11, center=True, space_after_pt=6)


def table_grid(table: Any, widths_cm: Sequence[float]) -> None:
    """Fixed layout with the grid and every cell the given widths (they sum to the text width)."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    tbl = table._tbl
    tblpr = tbl.tblPr
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = tblpr.makeelement(qn("w:tblLayout"), {})
        tblpr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = tblpr.makeelement(qn("w:tblW"), {})
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(widths_cm) / 2.54 * 1440)))
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(int(w / 2.54 * 1440)))
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)


def row_props(row: Any, *, min_height_cm: float | None = None) -> None:
    """Rows never split across pages; an opinion row keeps its height for handwriting."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml.ns import qn
    from docx.shared import Cm

    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(trpr.makeelement(qn("w:cantSplit"), {}))
    if min_height_cm:
        row.height = Cm(min_height_cm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


@dataclass(frozen=True)
class Opinion:
    """An opinion row: who writes it (``label``), what the system recorded (``text``: a decision
    already taken, else empty), and the room left to write by hand."""

    label: str
    text: str = ""
    height_cm: float = 3.2
    sign: str = SIGN_LINE


def field_table(
    doc: Any,
    rows: Sequence[tuple[str, str] | Opinion],
    *,
    label_cm: float = LABEL_CM,
    size: float = 12,
) -> Any:
    """The form's table: (label, value) rows and :class:`Opinion` rows, two columns that fit."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for item in rows:
        row = table.add_row()
        label_cell, value_cell = row.cells
        if isinstance(item, Opinion):
            paragraph(label_cell, item.label, TITLE_FONT, size, bold=True)
            paragraph(value_cell, item.text, BODY_FONT, size)
            sign = paragraph(value_cell.add_paragraph(), item.sign, BODY_FONT, size)
            sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            row_props(row, min_height_cm=item.height_cm)
        else:
            label, value = item
            paragraph(label_cell, label, TITLE_FONT, size, bold=True)
            paragraph(value_cell, value, BODY_FONT, size)
            row_props(row)
    table_grid(table, (label_cm, TEXT_WIDTH_CM - label_cm))
    return table


def signature_lines(doc: Any, signers: Sequence[str], size: float = 12) -> None:
    """One line per signer under the table: 承办人签名：＿＿＿＿　　年　月　日."""
    for who in signers:
        paragraph(doc, f"{who}：＿＿＿＿＿＿＿＿　　　　年　　月　　日", BODY_FONT, size, space_after_pt=4)


def note(doc: Any, text: str, size: float = 10.5) -> None:
    """A small paragraph under the form (the rule it follows, how to fill it in)."""
    paragraph(doc, text, BODY_FONT, size, space_after_pt=2)
