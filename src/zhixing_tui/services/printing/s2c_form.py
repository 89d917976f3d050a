"""《简转繁审批表》 as a Word document (python-docx), written atomically.

Seed 000 §二(二)13: 速执团队 cases are to be closed within 30 days; when objective reasons (newly
found property to dispose of, an objection …) prevent it, the team fills in the 简转繁审批表 and
the 执行局长 approves; the case stays with the same team.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from ...domain.money import format_money
from ...errors import NotFound
from ...locations import exports_dir
from ...storage.models import Approval, Case, OrgUnit, Party, Staff
from ..desk import Desk
from .files import atomic_write_bytes
from .word import BODY_FONT, TITLE_FONT, new_document, paragraph, to_bytes

__all__ = ["simple_to_complex_rows", "write_simple_to_complex_form"]

TITLE = "简转繁审批表"


def simple_to_complex_rows(desk: Desk, approval_id: int) -> list[tuple[str, str]]:
    """The form's lines (label, value) for one 简转繁 approval."""
    with desk.session() as s:
        ap = s.get(Approval, approval_id)
        if ap is None or ap.kind != "simple_to_complex":
            raise NotFound(f"简转繁审批（编号 {approval_id}）不存在")
        case = s.get(Case, ap.case_id)
        assert case is not None
        parties = list(
            s.exec(select(Party).where(Party.case_id == case.id).order_by(Party.sort_order, Party.id))
        )
        unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        handler = s.get(Staff, case.handler_id) if case.handler_id else None
        d = ap.details
        decision = "待审批"
        if ap.status != "pending":
            verdict = "同意转为普通案件，仍由原团队办理" if ap.status == "approved" else "不同意"
            when = ap.decided_at.strftime("%Y年%m月%d日") if ap.decided_at else ""
            decision = f"{verdict}。{ap.note}".rstrip("。") + f"　　{ap.decided_by}　{when}"
        return [
            ("案号", case.case_no),
            ("立案日期", case.filed_on.strftime("%Y年%m月%d日")),
            ("申请执行人", "、".join(p.name for p in parties if p.role == "applicant")),
            ("被执行人", "、".join(p.name for p in parties if p.role == "respondent")),
            ("申请执行标的额（元）", format_money(case.claim_fen)),
            ("执行到位金额（元）", format_money(case.recovered_fen)),
            ("承办团队", unit.name if unit else d.get("team", "")),
            ("承办人", handler.name if handler else ""),
            ("已用期限", f"立案已{d.get('days', '')}日（期限{d.get('limit', 30)}日）"),
            (
                "不能在期限内办结的原因",
                d.get("reason") or "（确因新发现财产需要处置、执行异议等客观原因，请填写）",
            ),
            ("团队意见", ""),
            ("执行局长审批意见", decision),
            ("填报人", ap.requested_by),
            ("填报时间", ap.requested_at.strftime("%Y年%m月%d日")),
        ]


def write_simple_to_complex_form(desk: Desk, approval_id: int, path: str | Path | None = None) -> Path:
    """Write the form as .docx (default ``exports/简转繁审批表_<案号>.docx``); return the path."""
    from docx.shared import Cm

    rows = simple_to_complex_rows(desk, approval_id)
    court = desk.profile.court.name
    doc = new_document()
    paragraph(doc, court, TITLE_FONT, 16, bold=True, center=True)
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
        "依据：速执团队办理的执行案件一般要求30天内执结；确因客观原因不能在期限内办结的，填报本表，"
        "由执行局长审批后，仍由原团队办理（汝法〔2022〕19号 二(二)13）。",
        BODY_FONT,
        10.5,
    )
    case_no = rows[0][1]
    target = Path(path) if path else exports_dir() / f"{TITLE}_{case_no}.docx"
    return atomic_write_bytes(target, to_bytes(doc))
