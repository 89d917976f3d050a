"""《案款逾期发放说明及审批表》 as a Word document (python-docx), written atomically.

浉河 003 四(二)2(6): "执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批";
四(三)2(2): "……督促承办人向执行局长或主管院领导书面说明原因……经执行局长或主管院领导批准后，可以延缓发放".
The form is the written reason with the approver's decision (services.money.late): the reason in
a box the 承办人 signs, the decision in a box to write in (blank while pending) with the approver's
signature and date line; over the printing layer (word.py).
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from ...domain.money import format_money
from ...locations import exports_dir
from ...profiles.citations import cite
from ...storage.models import Approval, Case, Party, Staff
from ..desk import Desk
from ..money.late import late_payout_form
from ..money.records import LATE_PAYOUT
from .word import label_table, new_document, opinion_row, paragraph, save, title_block

__all__ = ["PAGE_BUDGET", "TITLE", "late_payout_rows", "print_samples", "write_late_payout"]

TITLE = "案款逾期发放说明及审批表"
PAGE_BUDGET = 1


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
    decision = ""
    if f.status != "pending":
        verdict = "同意延缓发放" if f.status == "approved" else "不同意"
        decision = f"{verdict}。{f.note}".rstrip("。") + "。"
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
    rows = late_payout_rows(desk, approval_id)
    f = late_payout_form(desk, approval_id)
    boxes = {"未按期发放的理由", f"{f.approver}审批意见", "填报人", "填报时间"}
    doc = new_document()
    title_block(doc, desk.profile.court.name, TITLE)
    t = label_table(doc, [(k, v) for k, v in rows if k not in boxes])
    opinion_row(
        t,
        "未按期发放的理由",
        f.reason,
        height_cm=3.6,
        signer="承办人",
        name=f.requested_by,
        on=f.requested_at.date(),
    )
    opinion_row(
        t,
        f"{f.approver}审批意见",
        dict(rows)[f"{f.approver}审批意见"],
        height_cm=3.6,
        signer=f.approver,
        name=(f.decided_by or "") if f.status != "pending" else "",
        on=f.decided_at.date() if f.decided_at and f.status != "pending" else None,
    )
    paragraph(
        doc,
        "依据：执行款到账后7日内应发放案款，因特殊情况未及时发放的，应书面说明理由报局领导审批；"
        f"经执行局长或主管院领导批准后，可以延缓发放（{cite(f.source)}）。",
        size=10.5,
        space_before_pt=4,
    )
    target = Path(path) if path else exports_dir() / f"{TITLE}_{rows[0][1]}_{approval_id}.docx"
    return save(doc, target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: a pending and a decided request, where the court asks for them."""
    with desk.session() as s:
        ids = [
            s.exec(select(Approval.id).where(Approval.kind == LATE_PAYOUT, where).limit(1)).first()
            for where in (Approval.status == "pending", Approval.status != "pending")
        ]
    return [
        write_late_payout(desk, aid, out / f"案款逾期发放-{n}.docx")
        for n, aid in enumerate(a for a in ids if a is not None)
    ]
