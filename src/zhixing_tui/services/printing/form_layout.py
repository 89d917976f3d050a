"""What the forms a court's plan names share (出差审批表, 结案审查表, 类案集中审批表, 送达地址确认书 …),
over the printing layer (:mod:`.word`): the court's name and the title, a label | value table with
opinion boxes tall enough to write in by hand, the citation of the court's own clause (its
profile's ``printed_forms``, cited by :func:`..profiles.citations.cite`), the refusal for a court
whose plan does not name the form, and the one file-name pattern (法院简称-表名-案号.docx).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...domain.forms import form_title
from ...errors import Conflict
from ...locations import exports_dir
from ...profiles.citations import cite
from ..cases.heading import Decision
from .word import BODY_FONT, label_row, label_table, opinion_row, paragraph, title_block

__all__ = [
    "Opinion",
    "day",
    "decision_text",
    "field_table",
    "form_citation",
    "form_header",
    "form_path",
    "note",
    "require_form",
]


def day(d: date | datetime | None) -> str:
    """2026年11月3日 (empty for none)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def form_citation(profile: Any, form_id: str) -> str:
    """The court's own clause for form ``form_id`` as a person reads it (《…改革方案》第三组6、7)."""
    return cite(profile.form_source(form_id))


def require_form(profile: Any, form_id: str) -> None:
    """Refuse a form the court's profile does not list (``printed_forms``): its plan does not ask for it."""
    if not profile.prints(form_id):
        raise Conflict(
            f"{profile.court.name}的配置未列出《{form_title(form_id)}》（printed_forms）：本院方案未规定此表"
        )


def form_path(profile: Any, form_id: str, *parts: object) -> Path:
    """``exports/监利-出差审批表-（2026）鄂1088执12号-5.docx``: the court first, one pattern for all."""
    name = "-".join([profile.court.short_name, form_title(form_id), *(str(p) for p in parts if p != "")])
    return exports_dir() / f"{name}.docx"


def form_header(doc: Any, court: str, form_id: str, subtitle: str = "") -> None:
    title_block(doc, court, form_title(form_id), subtitle=subtitle)


def decision_text(d: Decision, yes: str, no: str) -> str:
    """What an opinion box shows of a decision recorded in zhixing; nothing while it is pending
    (the box is for the signer's own hand)."""
    if d.pending:
        return ""
    verdict = yes if d.status == "approved" else no
    did = "批准" if d.status == "approved" else ("退回" if d.status == "returned" else "不批准")
    return verdict + (f"：{d.note}" if d.note else "") + f"。（{d.by}于{day(d.at)}在系统中{did}）"


@dataclass(frozen=True)
class Opinion:
    """An opinion box: who writes it (``label``), what the system recorded (``text``: a decision
    already taken, else empty), its height, and the signature line's words (``signer``; empty
    for a box that is not signed)."""

    label: str
    text: str = ""
    height_cm: float = 3.2
    signer: str = "签名"


def field_table(
    doc: Any, rows: Sequence[tuple[str, str] | Opinion], *, label_cm: float = 4.2, size: float = 12
) -> Any:
    """The form's table: (label, value) rows and :class:`Opinion` boxes, in order, filling the text
    width; no row splits across pages."""
    table = label_table(doc, [], label_cm=label_cm, size=size)
    for item in rows:
        if isinstance(item, Opinion):
            if item.signer:
                # an empty box still gets its writing room above the signature line ("　" keeps
                # opinion_row from putting the line into the box's first, empty paragraph)
                text = item.text or "　"
                opinion_row(table, item.label, text, height_cm=item.height_cm, signer=item.signer, size=size)
            else:
                _drop_signature(
                    opinion_row(table, item.label, item.text, height_cm=item.height_cm, size=size)
                )
        else:
            label_row(table, item[0], item[1], size)
    return table


def _drop_signature(row: Any) -> None:
    """An unsigned box (权属状况, 问题及建议): remove the signature line opinion_row ends with."""
    cell = row.cells[1]
    last = cell.paragraphs[-1]
    last._element.getparent().remove(last._element)


def note(doc: Any, text: str, size: float = 10.5) -> None:
    """A small paragraph under the form (the rule it follows, how to fill it in)."""
    paragraph(doc, text, BODY_FONT, size, space_before_pt=4, space_after_pt=2)
