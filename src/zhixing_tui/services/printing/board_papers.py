"""《出差审批表》 and 《结案审查表》 (监利 004) as Word documents, written atomically.

The content is :mod:`..board.papers`; here only the paper: the court's name in the title, the
recorded facts, tall opinion rows with a signature and date line for each person who signs, and
the clause of the court's plan that asks for the form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...domain.forms import form_title
from ...domain.money import format_money
from ..board.papers import ClosingReviewForm, TravelForm, closing_review_form, travel_form
from ..cases.heading import Decision
from ..desk import Desk
from .files import atomic_write_bytes
from .form_layout import (
    Opinion,
    day,
    field_table,
    form_citation,
    form_header,
    form_path,
    new_form,
    note,
    require_form,
    row_props,
    table_grid,
)
from .word import BODY_FONT, TITLE_FONT, paragraph, to_bytes

__all__ = [
    "closing_review_docx",
    "decision_text",
    "travel_docx",
    "write_closing_review",
    "write_travel_form",
]

TRAVEL = "travel"
CLOSING = "closing_review"
#: the rows of the closing's 终本 materials: 序号, 材料, 是否具备, 记录
MATERIAL_WIDTHS = (1.2, 8.0, 2.0, 5.8)


def decision_text(d: Decision, yes: str, no: str) -> str:
    """What an opinion box shows of a decision recorded in zhixing (nothing while it is pending:
    the box is for the signer's own hand)."""
    if d.pending:
        return ""
    verdict = yes if d.status == "approved" else no
    text = verdict + (f"：{d.note}" if d.note else "") + "。"
    did = "批准" if d.status == "approved" else ("退回" if d.status == "returned" else "不批准")
    return text + f"（{d.by}于{day(d.at)}在系统中{did}）"


def travel_docx(f: TravelForm, profile: Any) -> bytes:
    doc = new_form()
    form_header(doc, f.court, form_title(TRAVEL))
    rows: list[tuple[str, str] | Opinion] = [
        ("案号", f.case.case_no),
        ("申请执行人", f.case.applicants),
        ("被执行人", f.case.respondents),
        ("出差人", f"{f.traveller}（{f.traveller_unit}）" if f.traveller_unit else f.traveller),
        ("同行人员", ""),
        ("出差事由", f.purpose or "查找被执行人"),
        ("目的地", f.destination),
        ("出差范围", f.scope_name),
        ("出差时间", "　　　年　　月　　日至　　　年　　月　　日，共　　天"),
        ("交通方式", ""),
        ("申请日期", day(f.requested_at)),
        Opinion("出差人签名", height_cm=1.4),
    ]
    decided = decision_text(f.decision, "同意出差", "不同意出差")
    if f.approver != "组长":
        rows.append(Opinion("组长意见"))
    rows.append(Opinion(f"{f.approver}审批意见", decided))
    field_table(doc, rows)
    note(
        doc,
        "依据：到县内查找的报组长批准，县外市内查找的报局长批准，市外省内查找的报党组书记、副院长批准，"
        "到省外查找的报院长批准，没有上述领导批准签字，财务室不予报销差旅费"
        f"（{form_citation(profile, TRAVEL)}）。",
    )
    return to_bytes(doc)


def _materials(doc: Any, f: ClosingReviewForm) -> None:
    paragraph(doc, "终结本次执行程序的条件和材料", TITLE_FONT, 12, bold=True, space_after_pt=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "条件或材料", "是否具备", "系统记录"), strict=True):
        paragraph(cell, text, TITLE_FONT, 10.5, bold=True)
    for i, m in enumerate(f.materials, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(i), m.name, "具备" if m.met else "欠缺", m.evidence), strict=True):
            paragraph(cell, text, BODY_FONT, 10.5)
    for row in table.rows:
        row_props(row)
    table_grid(table, MATERIAL_WIDTHS)


def closing_review_docx(f: ClosingReviewForm, profile: Any) -> bytes:
    doc = new_form()
    form_header(doc, f.court, form_title(CLOSING))
    c = f.case
    rows: list[tuple[str, str] | Opinion] = [
        ("案号", c.case_no),
        ("立案日期", day(c.filed_on)),
        ("案由", c.cause),
        ("执行依据", c.basis),
        ("申请执行人", c.applicants),
        ("被执行人", c.respondents),
        ("报结组别", f.group),
        ("承办人", c.handler),
        ("结案方式", f.method),
        ("申请执行标的额（元）", format_money(f.claim_fen)),
        ("结案标的额（元）", format_money(f.closing_fen)),
        ("执行到位金额（元）", format_money(f.recovered_fen)),
        ("申请人放弃金额（元）", format_money(f.abandoned_fen)),
        ("结案情况说明", f.reason),
        ("报结人、报结日期", f"{f.submitted_by}　{day(f.submitted_at)}"),
        Opinion("承办人意见", height_cm=2.0),
        Opinion("报结组组长意见", height_cm=2.0),
        Opinion(
            f"{f.reviewer_unit or '结案审查'}审查意见",
            decision_text(f.decision, "审查合格，同意结案", "退回整改"),
            height_cm=3.5,
            sign="审查人签名：＿＿＿＿＿＿＿＿（盖章）　　　年　　月　　日",
        ),
    ]
    field_table(doc, rows, label_cm=5.0)
    if f.materials:
        _materials(doc, f)
    note(
        doc,
        "依据：能够执行完毕或者执行终结的案件，结案后将卷宗送结案审查组审查合格盖章后在网上报结"
        f"（{form_citation(profile, CLOSING)}）。",
    )
    return to_bytes(doc)


def write_travel_form(desk: Desk, approval_id: int, path: str | Path | None = None) -> Path:
    """Write the 出差审批表 (default ``exports/监利-出差审批表-<案号>-<编号>.docx``)."""
    require_form(desk.profile, TRAVEL)
    f = travel_form(desk, approval_id)
    target = Path(path) if path else form_path(desk.profile, TRAVEL, f.case.case_no, approval_id)
    return atomic_write_bytes(target, travel_docx(f, desk.profile))


def write_closing_review(
    desk: Desk, case_no: str, path: str | Path | None = None, *, handoff_id: int | None = None
) -> Path:
    """Write the 结案审查表 of the case's latest closing (default ``exports/监利-结案审查表-<案号>.docx``)."""
    require_form(desk.profile, CLOSING)
    f = closing_review_form(desk, case_no, handoff_id)
    target = Path(path) if path else form_path(desk.profile, CLOSING, f.case.case_no)
    return atomic_write_bytes(target, closing_review_docx(f, desk.profile))
