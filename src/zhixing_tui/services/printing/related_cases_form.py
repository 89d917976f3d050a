"""《类案集中审批表》 (固始 002 二、15) as a Word document: the related cases 执行事务中心 found, the
team it proposes, and the 执行局长's approval. The content is :func:`..triage.related_form.related_cases_form`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ...domain.forms import PRINTED_FORMS
from ...domain.money import format_money
from ...i18n.triage import RELATED_REASON_NAMES
from ...storage.models import Approval, Case
from ..desk import Desk
from ..triage.related_form import RelatedCasesForm, related_cases_form
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

__all__ = ["FORM", "PAGE_BUDGET", "print_samples", "render", "write_related_cases"]

FORM = "related_cases"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages
COLUMNS = (
    Column("序号", 1.0, nowrap=True, align="center"),
    Column("案号", 5.2, nowrap=True),
    Column("关联情形", 4.0),
    Column("当事人", 4.2),
    Column("承办团队", 2.6),
)


def render(f: RelatedCasesForm, profile: Any) -> Any:
    doc = new_document()
    form_header(doc, f.court, FORM)
    c = f.case
    field_table(
        doc,
        [
            ("案号", c.case_no),
            ("立案日期", day(c.filed_on)),
            ("申请执行人", c.applicants),
            ("被执行人", c.respondents),
            ("申请执行标的额（元）", format_money(c.claim_fen)),
            ("关联案件", f"共{len(f.related)}件（见下表）"),
            ("建议承办团队", f.proposed_team),
            ("报批人、报批日期", f"{f.proposed_by}　{day(f.proposed_at)}"),
        ],
        label_cm=5.0,
    )
    paragraph(doc, "关联执行案件", TITLE_FONT, 12, bold=True, space_before_pt=6, keep_with_next=True)
    table(
        doc,
        COLUMNS,
        [
            (
                str(i),
                r.case_no + (f"\n（{r.status}）" if r.status else ""),
                "、".join(RELATED_REASON_NAMES.get(x, x) for x in r.reasons),
                "\n".join(x for x in (r.applicants, r.respondents) if x),
                r.team,
            )
            for i, r in enumerate(f.related, 1)
        ],
    )
    paragraph(doc, "", size=9)
    field_table(
        doc,
        [
            Opinion("执行事务中心意见", f"建议交{f.proposed_team}集中办理。" if f.proposed_team else "", 2.6),
            Opinion("执行局长审批意见", decision_text(f.decision, "同意集中办理", "不同意集中办理"), 3.4),
        ],
        label_cm=5.0,
    )
    note(
        doc,
        "依据：类案集中是指对执行标的相同、被执行人相同或申请执行人为其他执行案件的被执行人的案件相对集中"
        "办理；由执行事务中心或者执行事务团队先行查询执行关联案件，报局长审批后根据不同情况再行分案，"
        f"原则上交由同一执行实施团队办理（{form_citation(profile, FORM)}）。",
    )
    return doc


def write_related_cases(
    desk: Desk, case_no: str, path: str | Path | None = None, *, approval_id: int | None = None
) -> Path:
    """Write the case's latest 类案集中审批表 (default ``exports/固始-类案集中审批表-<案号>.docx``)."""
    require_form(desk.profile, FORM)
    f = related_cases_form(desk, case_no, approval_id)
    return save(
        render(f, desk.profile), Path(path) if path else form_path(desk.profile, FORM, f.case.case_no)
    )


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the proposals with the most related cases."""
    if not desk.profile.prints(FORM):
        return []
    with desk.session() as s:
        rows = s.exec(
            select(Approval, Case.case_no)
            .join(Case, col(Case.id) == col(Approval.case_id))
            .where(Approval.kind == FORM)
            .order_by(col(Approval.id))
        ).all()
    biggest = sorted(rows, key=lambda r: -len((r[0].details or {}).get("related", [])))[:2]
    return [write_related_cases(desk, no, out / f"{FORM}-{a.id}.docx", approval_id=a.id) for a, no in biggest]
