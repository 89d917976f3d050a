"""《评估工作交接表》 (浉河 003 三(六)2) as a Word document, written atomically.

The content is :func:`..disposal.handover.valuation_handover` (the asset's disposal record and the
survey typed when valuation started); the hand-over by the implementing team and the receipt by
财产处置组 are signed on paper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ...domain.forms import PRINTED_FORMS
from ...domain.money import format_money
from ...storage.models import Case, Disposal
from ..desk import Desk
from ..disposal.handover import ValuationHandover, valuation_handover
from .form_layout import (
    Opinion,
    day,
    field_table,
    form_citation,
    form_header,
    form_path,
    note,
    require_form,
)
from .word import new_document, save

__all__ = ["FORM", "PAGE_BUDGET", "print_samples", "render", "write_valuation_form"]

FORM = "valuation_handover"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages
_BLANK = ""  # not surveyed yet: the row is left for the team to fill in by hand


def render(f: ValuationHandover, profile: Any) -> Any:
    doc = new_document()
    form_header(doc, f.court, FORM)
    c = f.case
    method = f"{f.method}（{day(f.valuation_started_on)}启动）" if f.method else ""
    field_table(
        doc,
        [
            ("案号", c.case_no),
            ("申请执行人", c.applicants),
            ("被执行人", c.respondents),
            ("申请执行标的额（元）", format_money(c.claim_fen)),
            ("承办团队", c.unit),
            ("承办人", c.handler),
            ("财产", f.asset),
            ("控制情况", f"{day(f.controlled_on)}控制" if f.controlled_on else ""),
            ("进入处置日期", day(f.started_on)),
            Opinion("权属状况", f.ownership or _BLANK, 2.2, signer=""),
            Opinion("占有使用情况", f.occupancy or _BLANK, 2.2, signer=""),
            ("参考价确定方式", method),
            ("备注", f.note),
            Opinion("移交人（执行实施团队）", "", 1.6, signer="移交人签名"),
            Opinion("接收人（财产处置组）", "", 1.6, signer="接收人签名"),
        ],
        label_cm=5.0,
    )
    note(
        doc,
        "依据：对涉案财产处置变现需要委托评估的，执行实施团队在移送评估前应当预先对涉案财产的权属状况、"
        "占有使用情况等进行调查，并制作填写《评估工作交接表》，移交财产处置组"
        f"（{form_citation(profile, FORM)}）。",
    )
    return doc


def write_valuation_form(
    desk: Desk, case_no: str, *, item_id: int | None = None, path: str | Path | None = None
) -> Path:
    """Write the form (default ``exports/浉河-评估工作交接表-<案号>.docx``); return the path."""
    require_form(desk.profile, FORM)
    f = valuation_handover(desk, case_no, item_id)
    target = Path(path) if path else form_path(desk.profile, FORM, f.case.case_no)
    return save(render(f, desk.profile), target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the first assets whose valuation has started."""
    if not desk.profile.prints(FORM):
        return []
    with desk.session() as s:
        rows = s.exec(
            select(Disposal.query_item_id, Case.case_no)
            .join(Case, col(Case.id) == col(Disposal.case_id))
            .where(col(Disposal.valuation_started_on).is_not(None))
            .order_by(col(Disposal.id))
            .limit(2)
        ).all()
    return [
        write_valuation_form(desk, no, item_id=int(item), path=out / f"{FORM}-{item}.docx")
        for item, no in rows
    ]
