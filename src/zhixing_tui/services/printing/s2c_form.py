"""《简转繁审批表》 as a Word document over the printing layer (word.py), written atomically.

Seed 000 §二(二)13: 速执团队 cases are to be closed within 30 days; when objective reasons (newly
found property to dispose of, an objection …) prevent it, the team fills in the 简转繁审批表 and
the 执行局长 approves; the case stays with the same team. The form has a box for the team's opinion
and one for the 执行局长's, each with room to write by hand and a signature and date line; a
request still pending prints its 局长 box blank.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import col, select

from ...domain.money import format_money
from ...errors import NotFound
from ...locations import exports_dir
from ...profiles.citations import cite
from ...storage.models import Approval, Case, OrgUnit, Party, Staff
from ..desk import Desk
from .word import label_table, new_document, opinion_row, paragraph, save, title_block

__all__ = ["PAGE_BUDGET", "TITLE", "print_samples", "simple_to_complex_rows", "write_simple_to_complex_form"]

TITLE = "简转繁审批表"
PAGE_BUDGET = 1
#: the rows printed as boxes to write in (label → the signer named on its line)
OPINION_BOXES = {"不能在期限内办结的原因": "填报人", "团队意见": "团队负责人", "执行局长审批意见": "执行局长"}
SOURCE = "000 二(二)13"


def _decision(ap: Approval) -> tuple[str, str, date | None]:
    """(opinion, who, on) of the 执行局长; all blank while the request is pending."""
    if ap.status == "pending":
        return "", "", None
    verdict = "同意转为普通案件，仍由原团队办理" if ap.status == "approved" else "不同意"
    text = f"{verdict}。{ap.note}".rstrip("。") + "。"
    return text, ap.decided_by or "", ap.decided_at.date() if ap.decided_at else None


def _load(desk: Desk, approval_id: int) -> tuple[list[tuple[str, str]], Approval]:
    with desk.session() as s:
        ap = s.get(Approval, approval_id)
        if ap is None or ap.kind != "simple_to_complex":
            raise NotFound(f"简转繁审批（编号 {approval_id}）不存在")
        case = s.get(Case, ap.case_id)
        assert case is not None
        parties = list(
            s.exec(
                select(Party).where(Party.case_id == case.id).order_by(col(Party.sort_order), col(Party.id))
            )
        )
        unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        handler = s.get(Staff, case.handler_id) if case.handler_id else None
        d = ap.details
        s.expunge(ap)
        rows = [
            ("案号", case.case_no),
            ("立案日期", case.filed_on.strftime("%Y年%m月%d日")),
            ("申请执行人", "、".join(p.name for p in parties if p.role == "applicant")),
            ("被执行人", "、".join(p.name for p in parties if p.role == "respondent")),
            ("申请执行标的额（元）", format_money(case.claim_fen)),
            ("执行到位金额（元）", format_money(case.recovered_fen)),
            ("承办团队", unit.name if unit else d.get("team", "")),
            ("承办人", handler.name if handler else ""),
            ("已用期限", f"立案已{d.get('days', '')}日（期限{d.get('limit', 30)}日）"),
            ("不能在期限内办结的原因", d.get("reason") or ""),
            ("团队意见", ""),
            ("执行局长审批意见", _decision(ap)[0]),
            ("填报人", ap.requested_by),
            ("填报时间", ap.requested_at.strftime("%Y年%m月%d日")),
        ]
    return rows, ap


def simple_to_complex_rows(desk: Desk, approval_id: int) -> list[tuple[str, str]]:
    """The form's lines (label, value) for one 简转繁 approval (an opinion not given yet is "")."""
    return _load(desk, approval_id)[0]


def write_simple_to_complex_form(desk: Desk, approval_id: int, path: str | Path | None = None) -> Path:
    """Write the form as .docx (default ``exports/简转繁审批表_<案号>.docx``); return the path."""
    rows, ap = _load(desk, approval_id)
    values = dict(rows)
    doc = new_document()
    title_block(doc, desk.profile.court.name, TITLE)
    t = label_table(
        doc, [(k, v) for k, v in rows if k not in OPINION_BOXES and k not in ("填报人", "填报时间")]
    )
    opinion_row(
        t,
        "不能在期限内办结的原因",
        values["不能在期限内办结的原因"],
        height_cm=3.2,
        signer="填报人",
        name=ap.requested_by,
        on=ap.requested_at.date(),
    )
    opinion_row(t, "团队意见", "", height_cm=3.6, signer="团队负责人")
    text, who, on = _decision(ap)
    opinion_row(t, "执行局长审批意见", text, height_cm=3.6, signer="执行局长", name=who, on=on)
    paragraph(
        doc,
        "依据：速执团队办理的执行案件一般要求30天内执结；确因新发现财产需要处置、执行异议等客观原因"
        f"不能在期限内办结的，填报本表，由执行局长审批后，仍由原团队办理（{cite(SOURCE)}）。",
        size=10.5,
        space_before_pt=4,
    )
    target = (
        Path(path)
        if path
        else exports_dir() / f"{desk.profile.court.short_name}-{TITLE}-{values['案号']}.docx"
    )
    return save(doc, target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: a pending request and a decided one, where the court has any."""
    with desk.session() as s:
        pending = s.exec(
            select(Approval.id)
            .where(Approval.kind == "simple_to_complex", Approval.status == "pending")
            .limit(1)
        ).first()
        decided = s.exec(
            select(Approval.id)
            .where(Approval.kind == "simple_to_complex", Approval.status != "pending")
            .limit(1)
        ).first()
    return [
        write_simple_to_complex_form(desk, aid, out / f"简转繁审批表-{n}.docx")
        for n, aid in enumerate(a for a in (pending, decided) if a is not None)
    ]
