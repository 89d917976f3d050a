"""初次接待谈话笔录 (or 未进行初次接待原因的说明) as a Word document for signature and the 正卷.

003 §三(一)3: "笔录要由谈话人、记录人、被谈话人签名并随卷移送。未进行初次接待的案件应制作未进行初次接待原因的
说明，由执行初次接待窗口工作人员签名并随卷移送。" Over the printing layer (word.py): A4 portrait, the
court over the title, every field of the form, the risks told as ticked items, a signature line with
its date for each of 被谈话人、谈话人、记录人 (two people of the court: the save refuses one person in
both, domain.intake), 第 X 页 共 Y 页; written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import types as sqltypes

from ...domain import intake as rules
from ...domain.money import format_money
from ...errors import NotFound
from ...locations import exports_dir
from ..cases.registry import PARTY_KINDS
from ..desk import Desk
from ..window.intake import case_id_by_no, load_intake
from .word import new_document, save, signature_lines, title_block, to_bytes
from .word import run as _run

__all__ = [
    "PAGE_BUDGET",
    "TITLE_INTERVIEW",
    "TITLE_NO_INTERVIEW",
    "PrintedIntake",
    "print_samples",
    "printed_intake",
    "write_intake_record",
]

#: the longest record (every field filled, every risk listed) fits on three pages
PAGE_BUDGET = 3

TITLE_INTERVIEW = "初次接待谈话笔录"
TITLE_NO_INTERVIEW = "未进行初次接待原因的说明"
CHECKED, UNCHECKED = "☑", "☐"
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class PrintedIntake:
    court: str
    title: str
    interviewed: bool
    case_lines: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    risks: tuple[tuple[bool, str], ...]
    signers: tuple[tuple[str, str], ...]  # (role, printed name)
    held_on: date | None
    place: str
    version: int
    saved_by: str
    saved_at: datetime | None


def _party_line(parties) -> str:
    out = []
    for p in parties:
        extra = PARTY_KINDS.get(p.kind, p.kind)
        if p.id_number:
            extra += f"，{p.id_number}"
        out.append(f"{p.name}（{extra}）")
    return "；".join(out) or "—"


def printed_intake(desk: Desk, case_no: str) -> PrintedIntake:
    """The printed record's content for the case ``case_no`` (its current saved version)."""
    case_id = case_id_by_no(desk, case_no)
    if case_id is None:
        raise NotFound(f"没有案号为 {case_no.strip()} 的案件")
    view = load_intake(desk, case_id)
    if view.version == 0:
        raise NotFound(f"案件 {view.case.case_no} 尚无初次接待笔录：请先在“初次接待”界面填写并保存")
    a = view.answers
    c = view.case
    case_lines = (
        ("案号", c.case_no),
        ("立案日期", f"{c.filed_on:%Y年%m月%d日}"),
        ("执行依据", c.basis or "—"),
        ("申请执行标的额", f"{format_money(c.claim_fen)} 元"),
        ("申请执行人", _party_line(c.applicants)),
        ("被执行人", _party_line(c.respondents)),
    )
    interviewed = view.interviewed
    sections = []
    if interviewed:
        for code, title in rules.SECTIONS:
            if code in ("risk", "sign", "none"):
                continue
            lines = tuple(
                (f.label, rules.display_value(f.key, a.get(f.key)) or "—")
                for f in rules.FIELDS
                if f.section == code
            )
            sections.append((title, lines))
        ticked = set(a.get("risks") or [])
        risks = tuple((key in ticked, text) for key, text in rules.RISK_ITEMS)
        role = rules.display_value("interviewee_role", a.get("interviewee_role"))
        signers = (
            ("被谈话人", f"{a.get('interviewee', '')}（{role}）" if role else a.get("interviewee", "")),
            ("谈话人", a.get("interviewer", "")),
            ("记录人", a.get("recorder", "")),
        )
    else:
        sections.append(("未进行初次接待的原因", (("原因", a.get("no_interview_reason", "")),)))
        risks = ()
        signers = (("说明人（窗口工作人员）", a.get("interviewer", "")),)
    held = date.fromisoformat(a["held_on"]) if a.get("held_on") else None
    return PrintedIntake(
        court=view.court_name,
        title=TITLE_INTERVIEW if interviewed else TITLE_NO_INTERVIEW,
        interviewed=interviewed,
        case_lines=case_lines,
        sections=tuple(sections),
        risks=risks,
        signers=signers,
        held_on=held,
        place=a.get("place", ""),
        version=view.version,
        saved_by=view.saved_by,
        saved_at=view.saved_at,
    )


# --- rendering ----------------------------------------------------------------------------------
def _line(doc, parts: list[tuple[str, bool]], *, size: float = 12, center: bool = False, font: str = "仿宋"):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, bold in parts:
        _run(p, text, font, size, bold=bold)
    return p


def _cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "　　年　　月　　日"


def render(r: PrintedIntake):
    """The document: court and title, time and place, the case, each section, signatures."""
    doc = new_document(margins_cm=(2.8, 2.4, 2.4, 2.6))
    title_block(doc, r.court, r.title)
    _line(doc, [("时间：", True), (_cn_date(r.held_on), False), ("　　地点：", True), (r.place, False)])
    if r.interviewed:
        who = dict(r.signers)
        _line(
            doc, [("谈话人：", True), (who["谈话人"], False), ("　　记录人：", True), (who["记录人"], False)]
        )
        _line(doc, [("被谈话人：", True), (who["被谈话人"], False)])
    for label, value in r.case_lines:
        _line(doc, [(f"{label}：", True), (value, False)])
    n = 0
    for title, lines in r.sections:
        _line(doc, [(f"{NUMERALS[n]}、{title}", True)], size=14, font="宋体")
        n += 1
        for label, value in lines:
            _line(doc, [(f"{label}：", True), (value, False)])
    if r.interviewed:
        _line(doc, [(f"{NUMERALS[n]}、风险告知与权利释明", True)], size=14, font="宋体")
        for ticked, text in r.risks:
            _line(doc, [(f"{CHECKED if ticked else UNCHECKED} {text}", False)])
        _line(doc, [("以上笔录经被谈话人阅看（或向其宣读），确认无误。", False)])
    else:
        _line(doc, [("以上情况属实，特此说明。", False)])
    signature_lines(doc, list(r.signers))
    saved = f"{r.saved_at:%Y-%m-%d %H:%M}" if r.saved_at else ""
    _line(doc, [(f"（系统记录：第{r.version}版，{r.saved_by} {saved} 保存）", False)], size=9)
    return doc


def render_docx(r: PrintedIntake) -> bytes:
    """The .docx bytes (see :func:`render`)."""
    return to_bytes(render(r))


def write_intake_record(desk: Desk, case_no: str, path: str | Path | None = None) -> Path:
    """Write the case's record (default ``exports/<法院简称>-<标题>-<案号>.docx``); return the path."""
    r = printed_intake(desk, case_no)
    case_no_text = dict(r.case_lines)["案号"]
    target = (
        Path(path)
        if path
        else exports_dir() / f"{desk.profile.court.short_name}-{r.title}-{case_no_text}.docx"
    )
    return save(render(r), target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the longest interview record and a no-interview note."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from ...storage.models import Case, IntakeRecord

    written = []
    with desk.session() as s:
        nos = [
            s.exec(
                select(Case.case_no)
                .join(IntakeRecord, IntakeRecord.case_id == Case.id)  # type: ignore[arg-type]
                .where(col(IntakeRecord.is_current), IntakeRecord.interviewed == interviewed)
                .order_by(func.length(func.cast(IntakeRecord.answers, sqltypes.String)).desc())
                .limit(1)
            ).first()
            for interviewed in (True, False)
        ]
    for n, case_no in enumerate(c for c in nos if c):
        written.append(write_intake_record(desk, case_no, out / f"初次接待-{n}.docx"))
    return written
