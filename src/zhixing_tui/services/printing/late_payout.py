"""《案款逾期发放说明及审批表》 as a Word document (python-docx), written atomically.

浉河 003 四(二)2(6): "执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批";
四(三)2(2): "……督促承办人向执行局长或主管院领导书面说明原因……经执行局长或主管院领导批准后，可以延缓发放".
The form is the written reason with the approver's decision (services.money.late).
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from ...domain.money import format_money
from ...locations import exports_dir
from ...storage.models import Case, Party, Staff
from ..desk import Desk
from ..money.late import late_payout_form
from .files import atomic_write_bytes
from .word import BODY_FONT, TITLE_FONT, new_document, paragraph, to_bytes

__all__ = ["TITLE", "late_payout_rows", "write_late_payout"]

TITLE = "案款逾期发放说明及审批表"


def _day(d) -> str:
    return d.strftime("%Y年%m月%d日") if d else ""


def late_payout_rows(desk: Desk, approval_id: int) -> list[tuple[str, str]]:
    """The form's lines (label, value) for one late-payout approval."""
    f = late_payout_form(desk, approval_id)
    with desk.session() as s:
        case = s.exec(select(Case).where(Case.case_no == f.case_no)).one()
        parties = list(
            s.exec(
                select(Party).where(Party.case_id == case.id).order_by(col(Party.sort_order), col(Party.id))
            )
        )
        handler = s.get(Staff, case.handler_id) if case.handler_id else None
    decision = "待审批"
    if f.status != "pending":
        verdict = "同意延缓发放" if f.status == "approved" else "不同意"
        decision = f"{verdict}。{f.note}".rstrip("。") + f"　　{f.decided_by or ''}　{_day(f.decided_at)}"
    return [
        ("案号", f.case_no),
        ("申请执行人", "、".join(p.name for p in parties if p.role == "applicant")),
        ("被执行人", "、".join(p.name for p in parties if p.role == "respondent")),
        ("承办人", handler.name if handler else ""),
        ("缴款人", f.payer),
        ("到账日期", _day(f.arrived_on)),
        ("到账金额（元）", format_money(f.amount_fen)),
        ("未发放金额（元）", format_money(f.balance_fen)),
        ("应发放期限", _day(f.due_on)),
        ("未按期发放的理由", f.reason),
        (f"{f.approver}审批意见", decision),
        ("填报人", f.requested_by),
        ("填报时间", _day(f.requested_at)),
    ]


def write_late_payout(desk: Desk, approval_id: int, path: str | Path | None = None) -> Path:
    """Write the form as .docx (default ``exports/案款逾期发放说明及审批表_<案号>_<编号>.docx``)."""
    from docx.shared import Cm

    rows = late_payout_rows(desk, approval_id)
    source = late_payout_form(desk, approval_id).source
    doc = new_document()
    paragraph(doc, desk.profile.court.name, TITLE_FONT, 16, bold=True, center=True)
    paragraph(doc, TITLE, TITLE_FONT, 20, bold=True, center=True)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(4.5), Cm(12.5)
        paragraph(cells[0], label, TITLE_FONT, 12, bold=True)
        paragraph(cells[1], value, BODY_FONT, 12)
    paragraph(
        doc,
        "依据：执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批；"
        f"经执行局长或主管院领导批准后，可以延缓发放（{source}）。",
        BODY_FONT,
        10.5,
    )
    target = Path(path) if path else exports_dir() / f"{TITLE}_{rows[0][1]}_{approval_id}.docx"
    return atomic_write_bytes(target, to_bytes(doc))
