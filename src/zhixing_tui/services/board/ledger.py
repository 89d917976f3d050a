"""The handoff lists: the approval queue (``submitted``) and the 台账 of returns (``returned``),
with its .xlsx export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, func, select

from ...storage.models import Case, Handoff
from ..desk import Desk

__all__ = [
    "LEDGER_WHAT",
    "HandoffRow",
    "count_handoffs",
    "export_ledger",
    "ledger_page_budget",
    "ledger_path",
    "list_handoffs",
]


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
    submitted_by_id: int | None = None  # who submitted it, by staff id ("mine" is decided by id)


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
                h.submitted_by_id,
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


#: the export's name in the file-name pattern (printing.xlsx.export_name)
LEDGER_WHAT = "流转退回整改台账"


#: pages the 台账 may take on A4 at ``rows`` returns (make print-check): ≥ 15 rows a page
def ledger_page_budget(rows: int) -> int:
    return max(1, -(-rows // 15))


def ledger_path(desk: Desk) -> Path:
    """``exports/汝阳-2026-12-06-流转退回整改台账.xlsx`` (the one file-name pattern of every export)."""
    from ...locations import exports_dir
    from ..printing.xlsx import export_name

    return exports_dir() / export_name(desk.profile.court.short_name, desk.today(), LEDGER_WHAT)


def export_ledger(desk: Desk, path: str | Path | None = None) -> Path:
    """The 台账 of returned handoffs as .xlsx (written atomically; default :func:`ledger_path`): the
    court's name and the day in the title, 退回原因 wrapped, A4 landscape, the header repeated."""
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
        Col("案号", width=22, wrap=True),
        Col("移出", width=12, wrap=True),
        Col("移入", width=12, wrap=True),
        Col("提交人", width=8, wrap=True),
        Col("提交时间", "datetime", width=17),
        Col("审批人", width=8, wrap=True),
        Col("退回时间", "datetime", width=17),
        Col("退回原因", width=24, wrap=True),
    ]
    title = f"{profile.court.name} 流转退回整改台账"
    wb.properties.title = title
    write_table(
        wb,
        "退回整改台账",
        cols,
        rows,
        heading=[title, f"截至 {desk.today():%Y-%m-%d}　共 {len(rows)} 件次"],
        print_title=title,
        footer=profile.court.name,
        landscape=True,
    )
    return save_workbook(wb, path or ledger_path(desk))
