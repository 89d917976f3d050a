"""《评估工作交接表》 as a Word document (python-docx), written atomically.

浉河 003 三(六)2: 对涉案财产处置变现需要委托评估的，执行实施团队在移送评估前应当预先对涉案财产的
权属状况、占有使用情况等进行调查，并制作填写《评估工作交接表》，移交财产处置组。The form is filled
from the asset's disposal record (the survey typed with 启动评估) and the case; the hand-over and
receipt are signed on paper, each on a line with its date (over the printing layer, word.py).
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from ...domain.disposal import VALUATION_METHODS
from ...domain.money import format_money
from ...locations import exports_dir
from ...profiles.citations import cite
from ...storage.models import Case, Disposal, OrgUnit, Party, Staff
from ..desk import Desk
from ..disposal.records import pick_disposal
from .node_table import find_case_id
from .word import label_table, new_document, opinion_row, paragraph, save, title_block

__all__ = ["PAGE_BUDGET", "print_samples", "valuation_form_rows", "write_valuation_form"]

TITLE = "评估工作交接表"
PAGE_BUDGET = 1
SOURCE = "003 三(六)2"
#: the signed rows: (label, who signs)
SIGNED = (("移交人（执行实施团队）", "移交人"), ("接收人（财产处置组）", "接收人"))
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
        ]


def write_valuation_form(
    desk: Desk, case_no: str, *, item_id: int | None = None, path: str | Path | None = None
) -> Path:
    """Write the form as .docx (default ``exports/评估工作交接表_<案号>.docx``); return the path."""
    rows = valuation_form_rows(desk, case_no, item_id)
    doc = new_document()
    title_block(doc, desk.profile.court.name, TITLE)
    t = label_table(doc, rows, label_cm=4.6)
    for label, signer in SIGNED:
        opinion_row(t, label, "", height_cm=1.6, signer=signer)
    paragraph(
        doc,
        "依据：对涉案财产处置变现需要委托评估的，执行实施团队在移送评估前应当预先对涉案财产的权属状况、"
        f"占有使用情况等进行调查，并制作填写《评估工作交接表》，移交财产处置组（{cite(SOURCE)}）。",
        size=10.5,
        space_before_pt=4,
    )
    target = Path(path) if path else exports_dir() / f"{TITLE}_{rows[0][1]}.docx"
    return save(doc, target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the first asset in disposal that has reached its reference price step."""
    from sqlmodel import select

    with desk.session() as s:
        row = s.exec(
            select(Case.case_no, Disposal.query_item_id)
            .join(Case, Case.id == Disposal.case_id)  # type: ignore[arg-type]
            .where(col(Disposal.started_on).is_not(None))
            .order_by(col(Disposal.id))
            .limit(1)
        ).first()
    if row is None:
        return []
    return [write_valuation_form(desk, row[0], item_id=row[1], path=out / "评估工作交接表.docx")]
