"""《结案审查表》 (监利 004: "结案后将卷宗送结案审查组审查合格盖章后在网上报结") as a Word document.

The content is :func:`..board.papers.closing_review_form` (the closing submitted by ``submit_close``
with its method and amounts, the 终本 conditions and materials, 结案审查组's decision if taken).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ...domain.forms import PRINTED_FORMS
from ...domain.money import format_money
from ...profiles.citations import cite, short_title_note
from ...storage.models import Case, Handoff
from ..board.papers import ClosingReviewForm, closing_review_form
from ..desk import Desk
from .form_layout import (
    Opinion,
    day,
    decision_text,
    field_table,
    form_citation,
    form_header,
    form_path,
    note,
    require_form,
)
from .word import TITLE_FONT, Column, new_document, paragraph, save, table

__all__ = ["FORM", "PAGE_BUDGET", "print_samples", "render", "write_closing_review"]

FORM = "closing_review"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages
MATERIAL_COLUMNS = (
    Column("序号", 1.0, nowrap=True, align="center"),
    Column("条件或材料", 8.0),
    Column("是否具备", 1.8, nowrap=True, align="center"),
    Column("系统记录", 5.5),
)


_SEED_REF = re.compile(r"(?<!\d)(00\d) (第\S+?组 ?[\d（(）)一二三四五六七八九十]+)")


def _paper(evidence: str) -> str:
    """A record's seed reference as paper cites it (依 004 第六组 3 → 依《改革方案》第六组3)."""
    return _SEED_REF.sub(lambda m: cite(f"{m.group(1)} {m.group(2)}", short=True), evidence).replace(
        " 《", "《"
    )


def render(f: ClosingReviewForm, profile: Any) -> Any:
    doc = new_document()
    form_header(doc, f.court, FORM)
    c = f.case
    field_table(
        doc,
        [
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
            Opinion("承办人意见", "", 2.2),
            Opinion("报结组组长意见", "", 2.2),
            Opinion(
                f"{f.reviewer_unit or '结案审查'}审查意见",
                decision_text(f.decision, "审查合格，同意结案", "退回整改"),
                3.4,
                signer="审查人签名（盖章）",
            ),
        ],
        label_cm=5.0,
    )
    if f.materials:
        paragraph(
            doc,
            "终结本次执行程序的条件和材料",
            TITLE_FONT,
            12,
            bold=True,
            space_before_pt=6,
            keep_with_next=True,
        )
        table(
            doc,
            MATERIAL_COLUMNS,
            [
                (str(i), m.name, "具备" if m.met else "欠缺", _paper(m.evidence))
                for i, m in enumerate(f.materials, 1)
            ],
        )
        if _SEED_REF.search(" ".join(m.evidence for m in f.materials)):
            note(doc, short_title_note(profile.court.seed), 9.5)
    note(
        doc,
        "依据：能够执行完毕或者执行终结的案件，结案后将卷宗送结案审查组审查合格盖章后在网上报结"
        f"（{form_citation(profile, FORM)}）。",
    )
    return doc


def write_closing_review(
    desk: Desk, case_no: str, path: str | Path | None = None, *, handoff_id: int | None = None
) -> Path:
    """Write the form of the case's latest closing (default ``exports/监利-结案审查表-<案号>.docx``)."""
    require_form(desk.profile, FORM)
    f = closing_review_form(desk, case_no, handoff_id)
    return save(
        render(f, desk.profile), Path(path) if path else form_path(desk.profile, FORM, f.case.case_no)
    )


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the first closings submitted for review (a 终本 one among them if any)."""
    if not desk.profile.prints(FORM):
        return []
    with desk.session() as s:
        rows = s.exec(
            select(Handoff.id, Case.case_no)
            .join(Case, col(Case.id) == col(Handoff.case_id))
            .where(Handoff.kind == "close")
            .order_by(col(Handoff.id))
            .limit(3)
        ).all()
    return [
        write_closing_review(desk, no, out / f"{FORM}-{hid}.docx", handoff_id=int(hid or 0))
        for hid, no in rows
    ]
