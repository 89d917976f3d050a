"""《出差审批表》 (监利 004 第三组 6、7) as a Word document: a trip to find a respondent, signed by the
level its distance needs — 财务室 reimburses the trip only on the signed form.

The content is :func:`..board.papers.travel_form` (the request as recorded by ``request_travel``
and its decision, if taken); here only the paper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ...domain.forms import PRINTED_FORMS
from ...storage.models import Approval
from ..board.papers import TravelForm, travel_form
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
from .word import new_document, save

__all__ = ["FORM", "PAGE_BUDGET", "print_samples", "render", "write_travel_form"]

FORM = "travel"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages


def render(f: TravelForm, profile: Any) -> Any:
    doc = new_document()
    form_header(doc, f.court, FORM)
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
        Opinion("出差人", "", 1.5, signer="出差人签名"),
    ]
    if f.approver != "组长":
        rows.append(Opinion("组长意见", "", 2.6))
    rows.append(Opinion(f"{f.approver}审批意见", decision_text(f.decision, "同意出差", "不同意出差"), 3.2))
    field_table(doc, rows)
    note(
        doc,
        "依据：到县内查找的报组长批准，县外市内查找的报局长批准，市外省内查找的报党组书记、副院长批准，"
        "到省外查找的报院长批准，没有上述领导批准签字，财务室不予报销差旅费"
        f"（{form_citation(profile, FORM)}）。",
    )
    return doc


def write_travel_form(desk: Desk, approval_id: int, path: str | Path | None = None) -> Path:
    """Write the form (default ``exports/监利-出差审批表-<案号>-<编号>.docx``); return the path."""
    require_form(desk.profile, FORM)
    f = travel_form(desk, approval_id)
    return save(
        render(f, desk.profile),
        Path(path) if path else form_path(desk.profile, FORM, f.case.case_no, approval_id),
    )


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the first travel request of each approval level."""
    if not desk.profile.prints(FORM):
        return []
    with desk.session() as s:
        rows = s.exec(
            select(Approval.id, Approval.level).where(Approval.kind == FORM).order_by(col(Approval.id))
        ).all()
    first = {level: int(aid or 0) for aid, level in reversed(rows)}
    return [write_travel_form(desk, aid, out / f"{FORM}-{aid}.docx") for aid in sorted(first.values())]
