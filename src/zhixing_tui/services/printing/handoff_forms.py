"""The two handoff forms of 监利 004 as Word documents: 《总对总查控实有情况表》 (线上 → 线下, 第一组 3)
and 《线下查控实有情况表》 (线下 → 线索, 第二组 3), "由组长签字后随卷移送".

The rows come from the case's query checklist (the same ``handoffs.build_form`` the handoff
carries). A4 portrait, 宋体 headings, 仿宋 text; written to a temporary name and renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...domain.checklist import ASSET_TYPES, CHANNELS, RESULTS, STATUSES
from ...errors import InvalidValue
from ...locations import exports_dir
from ...storage.models import Case
from ..board.handoffs import FORM_TITLES, build_form
from ..desk import Desk
from .files import atomic_write_bytes
from .node_table import find_case_id
from .word import new_document, to_bytes
from .word import paragraph as _para

__all__ = ["FORM_KINDS", "QueryForm", "form_kind", "query_form", "write_query_form"]

#: accepted KIND words → the handoff form kind
FORM_KINDS: dict[str, str] = {
    "national": "national_query_form",
    "总对总": "national_query_form",
    "online": "national_query_form",
    "offline": "offline_query_form",
    "线下": "offline_query_form",
}
COLUMNS = (
    "序号",
    "查询渠道",
    "财产类型",
    "查询状态",
    "查询结果",
    "查到金额（元）",
    "控制金额（元）",
    "反馈日期",
)


@dataclass(frozen=True, slots=True)
class QueryForm:
    court: str
    title: str
    case_no: str
    applicants: str
    respondents: str
    claim: str
    unit: str
    handler: str
    rows: tuple[tuple[str, ...], ...]
    total_found: str
    total_controlled: str
    as_of: date
    note: str = "说明：本表由组长签字后随卷移送。"


def form_kind(kind: str) -> str:
    """The form kind named by ``kind`` (national/总对总 or offline/线下)."""
    try:
        return FORM_KINDS[kind.strip()]
    except KeyError:
        raise InvalidValue(
            f"未知表格：{kind}；可用：national（总对总查控实有情况表）、offline（线下查控实有情况表）",
            field="KIND",
            value=kind,
        ) from None


def query_form(desk: Desk, kind: str, case_no: str) -> QueryForm:
    """The content of the form ``kind`` for the case ``case_no``."""
    from ..cases.detail import case_detail

    fk = form_kind(kind)
    case_id = find_case_id(desk, case_no)
    d = case_detail(desk, case_id)
    with desk.session() as s:
        case = s.get(Case, case_id)
        form = build_form(s, case, fk)
    rows = tuple(
        (
            str(i),
            CHANNELS.get(item["channel"], item["channel"]),
            ASSET_TYPES.get(item["asset_type"], item["asset_type"]),
            STATUSES.get(item["status"], item["status"]),
            RESULTS.get(item["result"] or "", "—"),
            item["found"],
            item["controlled"],
            item["feedback_on"] or "—",
        )
        for i, item in enumerate(form["items"], start=1)
    )
    return QueryForm(
        court=desk.profile.court.name,
        title=FORM_TITLES[fk],
        case_no=d.case_no,
        applicants="、".join(p.name for p in d.applicants),
        respondents="、".join(p.name for p in d.respondents),
        claim=form["claim"],
        unit=d.unit_name or "",
        handler=d.handler_name or "",
        rows=rows,
        total_found=form["total_found"],
        total_controlled=form["total_controlled"],
        as_of=desk.today(),
        note=_note(desk),
    )


def _note(desk: Desk) -> str:
    """The form's closing note, from the court's own flow (who approves the handoff, if anyone)."""
    profile = desk.profile
    approver = profile.flow.approver_unit
    if approver:
        return f"说明：本表由组长签字后随卷移送，并报{profile.unit(approver).name}审批流转。"
    return "说明：本表由组长签字后随卷移送。"


def render_docx(f: QueryForm) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    doc = new_document()
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(1.8)
    _para(doc, f.court, "宋体", 16, bold=True, center=True)
    _para(doc, f.title, "宋体", 20, bold=True, center=True)
    _para(doc, f"案号：{f.case_no}　　申请执行标的额：{f.claim} 元", "仿宋", 12)
    _para(doc, f"申请执行人：{f.applicants}　　被执行人：{f.respondents}", "仿宋", 12)
    _para(doc, f"承办组：{f.unit or '—'}　　承办人：{f.handler or '—'}", "仿宋", 12)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, COLUMNS, strict=True):
        _para(cell.paragraphs[0], header, "宋体", 10, bold=True, center=True)
    for values in f.rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _para(cell.paragraphs[0], value, "仿宋", 10)
    if not f.rows:
        _para(doc, "本案尚无该渠道的查控记录。", "仿宋", 12)
    _para(doc, f"合计：查到 {f.total_found} 元，控制 {f.total_controlled} 元。", "仿宋", 12)
    _para(doc, f"填表日期：{f.as_of:%Y年%m月%d日}　　填表人：＿＿＿＿　　组长签字：＿＿＿＿", "仿宋", 12)
    _para(doc, f.note, "仿宋", 10)
    return to_bytes(doc)


def write_query_form(desk: Desk, kind: str, case_no: str, path: str | Path | None = None) -> Path:
    """Write the form (default ``exports/<表名>-<案号>.docx``); return the path."""
    f = query_form(desk, kind, case_no)
    target = Path(path) if path else exports_dir() / f"{f.title}-{f.case_no}.docx"
    return atomic_write_bytes(target, render_docx(f))
