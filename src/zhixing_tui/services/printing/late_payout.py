"""《案款逾期发放说明及审批表》 as a Word document, written atomically.

浉河 003 四(二)2(6): "执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批";
四(三)2(2): "……督促承办人向执行局长或主管院领导书面说明原因……经执行局长或主管院领导批准后，可以延缓发放".
The form is the written reason (:func:`..money.late.late_payout_form`) with room for the
handler's signature and the approver's opinion; a decision already recorded is shown in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ...domain.forms import PRINTED_FORMS
from ...domain.money import format_money
from ...storage.models import Approval
from ..cases.heading import Decision, case_by_no, case_heading
from ..desk import Desk
from ..money.late import LatePayoutForm, late_payout_form
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

__all__ = ["FORM", "PAGE_BUDGET", "TITLE", "print_samples", "render", "write_late_payout"]

FORM = "late_payout"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages
TITLE = PRINTED_FORMS[FORM].title


def render(f: LatePayoutForm, desk: Desk) -> Any:
    with desk.session() as s:
        c = case_heading(s, case_by_no(s, f.case_no))
    decision = Decision(f.status, f.decided_by or "", f.decided_at, f.note)
    doc = new_document()
    form_header(doc, f.court, FORM)
    field_table(
        doc,
        [
            ("案号", f.case_no),
            ("申请执行人", c.applicants),
            ("被执行人", c.respondents),
            ("承办人", c.handler),
            ("缴款人", f.payer),
            ("到账日期", day(f.arrived_on)),
            ("到账金额（元）", format_money(f.amount_fen)),
            ("未发放金额（元）", format_money(f.balance_fen)),
            ("应发放期限", day(f.due_on)),
            ("填报人、填报日期", f"{f.requested_by}　{day(f.requested_at)}"),
            Opinion("未按期发放的理由", f.reason, 3.0, signer=""),
            Opinion("承办人", "", 1.4, signer="承办人签名"),
            Opinion(f"{f.approver}审批意见", decision_text(decision, "同意延缓发放", "不同意延缓发放"), 3.2),
        ],
        label_cm=4.5,
    )
    note(
        doc,
        "依据：执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批；"
        f"经执行局长或主管院领导批准后，可以延缓发放（{form_citation(desk.profile, FORM)}）。",
    )
    return doc


def write_late_payout(desk: Desk, approval_id: int, path: str | Path | None = None) -> Path:
    """Write the form (default ``exports/浉河-案款逾期发放说明及审批表-<案号>-<编号>.docx``)."""
    require_form(desk.profile, FORM)
    f = late_payout_form(desk, approval_id)
    target = Path(path) if path else form_path(desk.profile, FORM, f.case_no, approval_id)
    return save(render(f, desk), target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the first late-payout requests."""
    if not desk.profile.prints(FORM):
        return []
    with desk.session() as s:
        ids = s.exec(
            select(Approval.id).where(Approval.kind == FORM).order_by(col(Approval.id)).limit(2)
        ).all()
    return [write_late_payout(desk, int(aid), out / f"{FORM}-{aid}.docx") for aid in ids]
