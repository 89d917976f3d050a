"""《评估工作交接表》 as a Word document (python-docx), written atomically.

浉河 003 三(六)2: 对涉案财产处置变现需要委托评估的，执行实施团队在移送评估前应当预先对涉案财产的
权属状况、占有使用情况等进行调查，并制作填写《评估工作交接表》，移交财产处置组。The form is filled
from the asset's disposal record (the survey typed with 启动评估) and the case; the hand-over and
receipt are signed on paper.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from ...domain.disposal import VALUATION_METHODS
from ...domain.money import format_money
from ...locations import exports_dir
from ...storage.models import Case, OrgUnit, Party, Staff
from ..desk import Desk
from ..disposal.records import pick_disposal
from .files import atomic_write_bytes
from .node_table import find_case_id
from .word import BODY_FONT, TITLE_FONT, new_document, paragraph, to_bytes

__all__ = ["valuation_form_rows", "write_valuation_form"]

TITLE = "评估工作交接表"
_BLANK = "（移送前调查填写）"


def _day(d) -> str:
    return d.strftime("%Y年%m月%d日") if d else ""


def valuation_form_rows(desk: Desk, case_no: str, item_id: int | None = None) -> list[tuple[str, str]]:
    """The form's lines (label, value) for one asset of the case in disposal."""
    cid = find_case_id(desk, case_no)
    with desk.session() as s:
        case = s.get(Case, cid)
        assert case is not None
        d, item = pick_disposal(s, case, item_id, "price")
        parties = list(
            s.exec(select(Party).where(Party.case_id == cid).order_by(col(Party.sort_order), col(Party.id)))
        )
        unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        handler = s.get(Staff, case.handler_id) if case.handler_id else None
        method = VALUATION_METHODS.get(d.valuation_method, "")
        return [
            ("案号", case.case_no),
            ("申请执行人", "、".join(p.name for p in parties if p.role == "applicant")),
            ("被执行人", "、".join(p.name for p in parties if p.role == "respondent")),
            ("申请执行标的额（元）", format_money(case.claim_fen)),
            ("承办团队", unit.name if unit else ""),
            ("承办人", handler.name if handler else ""),
            ("财产", d.label),
            ("控制情况", f"{_day(item.controlled_on)}控制" if item.controlled_on else ""),
            ("进入处置日期", _day(d.started_on)),
            ("权属状况", d.ownership or _BLANK),
            ("占有使用情况", d.occupancy or _BLANK),
            ("参考价确定方式", f"{method}（{_day(d.valuation_started_on)}启动）" if method else ""),
            ("备注", d.note),
            ("移交人（执行实施团队）", "　　　　　　　　年　　月　　日"),
            ("接收人（财产处置组）", "　　　　　　　　年　　月　　日"),
        ]


def write_valuation_form(
    desk: Desk, case_no: str, *, item_id: int | None = None, path: str | Path | None = None
) -> Path:
    """Write the form as .docx (default ``exports/评估工作交接表_<案号>.docx``); return the path."""
    from docx.shared import Cm

    rows = valuation_form_rows(desk, case_no, item_id)
    doc = new_document()
    paragraph(doc, desk.profile.court.name, TITLE_FONT, 16, bold=True, center=True)
    paragraph(doc, TITLE, TITLE_FONT, 20, bold=True, center=True)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(5.0), Cm(12.0)
        paragraph(cells[0], label, TITLE_FONT, 12, bold=True)
        paragraph(cells[1], value, BODY_FONT, 12)
    paragraph(
        doc,
        "依据：对涉案财产处置变现需要委托评估的，执行实施团队在移送评估前应当预先对涉案财产的权属状况、"
        "占有使用情况等进行调查，并制作填写《评估工作交接表》，移交财产处置组（浉河区法院方案 三(六)2）。",
        BODY_FONT,
        10.5,
    )
    target = Path(path) if path else exports_dir() / f"{TITLE}_{rows[0][1]}.docx"
    return atomic_write_bytes(target, to_bytes(doc))
