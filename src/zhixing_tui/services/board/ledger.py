"""The handoff lists: the approval queue (``submitted``) and the 台账 of returns (``returned``),
with its .xlsx export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, func, select

from ...storage.models import Case, Handoff
from ..desk import Desk

__all__ = ["HandoffRow", "count_handoffs", "export_ledger", "list_handoffs"]


@dataclass(frozen=True)
class HandoffRow:
    id: int
    case_id: int
    case_no: str
    kind: str
    from_stage: str
    to_stage: str | None
    label: str
    form_kind: str | None
    form: dict
    status: str
    submitted_by: str
    submitted_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    return_reason: str


def _rows(s: Session, stmt) -> list[HandoffRow]:
    out = []
    for h, case_no in s.exec(stmt):
        out.append(
            HandoffRow(
                h.id,
                h.case_id,
                case_no,
                h.kind,
                h.from_stage,
                h.to_stage,
                h.form.get("label", ""),
                h.form_kind,
                dict(h.form),
                h.status,
                h.submitted_by,
                h.submitted_at,
                h.decided_by,
                h.decided_at,
                h.return_reason,
            )
        )
    return out


def list_handoffs(
    desk: Desk, *, status: str = "submitted", limit: int = 200, offset: int = 0
) -> list[HandoffRow]:
    """Handoffs by status, oldest first (the approval queue is ``submitted``; the 台账 ``returned``)."""
    with desk.session() as s:
        stmt = (
            select(Handoff, Case.case_no)
            .join(Case, Case.id == Handoff.case_id)
            .where(Handoff.status == status)
            .order_by(Handoff.submitted_at, Handoff.id)
            .offset(offset)
            .limit(limit)
        )
        return _rows(s, stmt)


def count_handoffs(desk: Desk, status: str = "submitted") -> int:
    with desk.session() as s:
        return s.exec(select(func.count()).select_from(Handoff).where(Handoff.status == status)).one()


def export_ledger(desk: Desk, path: str | Path) -> Path:
    """The 台账 of returned handoffs as .xlsx (written atomically)."""
    from ..printing.xlsx import Col, new_workbook, save_workbook, write_table

    profile = desk.profile
    rows = []
    offset = 0
    while True:
        page = list_handoffs(desk, status="returned", limit=500, offset=offset)
        if not page:
            break
        for h in page:
            rows.append(
                [
                    h.case_no,
                    profile.stage(h.from_stage).name,
                    profile.stage(h.to_stage).name if h.to_stage else "结案审查",
                    h.submitted_by,
                    h.submitted_at,
                    h.decided_by or "",
                    h.decided_at,
                    h.return_reason,
                ]
            )
        offset += len(page)
    wb = new_workbook()
    cols = [
        Col("案号"),
        Col("移出"),
        Col("移入"),
        Col("提交人"),
        Col("提交时间", "datetime"),
        Col("审批人"),
        Col("退回时间", "datetime"),
        Col("退回原因", width=40),
    ]
    write_table(wb, "退回整改台账", cols, rows, print_title=f"{profile.court.name} 流转退回整改台账")
    return save_workbook(wb, path)
