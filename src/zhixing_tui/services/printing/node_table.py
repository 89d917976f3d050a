"""《执行流程节点表》 (固始 002 §二.13) as a Word document: every node of a case with its rule and
source, due date, completion time and who completed it, and an empty column for the signature.

"执行流程管控采用期限明确的格式化《执行流程节点表》随卷流转，实现全程留痕，各节点责任人按规定时间完成
执行措施，在流程表对应栏填入完成时间并签名存档。" A4 landscape, 宋体 headings, 仿宋 text; written
to a temporary name and renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import col, select

from ...domain.case_no import normalize_case_no
from ...domain.events import event_name
from ...errors import NotFound
from ...locations import exports_dir
from ...storage.models import Case
from ..deadlines.case_nodes import NodeView, case_nodes
from ..desk import Desk
from .files import atomic_write_bytes
from .word import new_document, to_bytes
from .word import paragraph as _para

__all__ = ["COLUMNS", "TITLE", "NodeTable", "node_table", "write_node_table"]

TITLE = "执行流程节点表"
COLUMNS = ("序号", "流程节点", "期限（起算）", "依据", "到期日", "完成时间", "完成人", "状态", "责任人签名")
_WIDTHS_CM = (1.0, 6.2, 3.4, 4.6, 2.3, 3.0, 1.9, 1.8, 2.6)


@dataclass(frozen=True, slots=True)
class NodeTable:
    court: str
    case_no: str
    filed_on: date
    applicants: str
    respondents: str
    team: str
    handler: str
    as_of: date
    nodes: tuple[NodeView, ...]


def find_case_id(desk: Desk, case_no: str) -> int:
    text = normalize_case_no(case_no)
    with desk.session() as s:
        cid = s.exec(select(Case.id).where(col(Case.case_no) == text)).first()
    if cid is None:
        raise NotFound(f"没有案号为 {text} 的案件")
    return int(cid)


def node_table(desk: Desk, case_no: str, as_of: date | None = None) -> NodeTable:
    """The table's content for the case ``case_no`` (statuses as of ``as_of``, default today)."""
    from ..cases.detail import case_detail

    as_of = as_of or desk.today()
    detail = case_detail(desk, find_case_id(desk, case_no))
    return NodeTable(
        court=desk.profile.court.name,
        case_no=detail.case_no,
        filed_on=detail.filed_on,
        applicants="、".join(p.name for p in detail.applicants),
        respondents="、".join(p.name for p in detail.respondents),
        team=detail.unit_name or "",
        handler=detail.handler_name or "",
        as_of=as_of,
        nodes=tuple(case_nodes(desk, detail.id, as_of)),
    )


def _moment(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def table_rows(t: NodeTable) -> list[tuple[str, ...]]:
    """The rows under the header, as printed (the signature column stays empty)."""
    rows = []
    for i, n in enumerate(t.nodes, start=1):
        rows.append(
            (
                str(i),
                f"{n.name}\n{n.note}" if n.note else n.name,
                f"{n.period}（自{event_name(n.anchor_event)} {n.anchor_at:%Y-%m-%d}）",
                n.source,
                n.due_at.strftime("%Y-%m-%d %H:%M") if n.due_at else n.due_on.isoformat(),
                _moment(n.completed_at),
                n.completed_by or "",
                n.status_name,
                "",
            )
        )
    return rows


def render_docx(t: NodeTable) -> bytes:
    """The .docx bytes: A4 landscape, title, case lines, the node table, a closing note."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    doc = new_document(landscape=True)
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(1.8)
    sec.top_margin = sec.bottom_margin = Cm(1.6)
    _para(doc, t.court, "宋体", 16, bold=True, center=True)
    _para(doc, TITLE, "宋体", 20, bold=True, center=True)
    _para(doc, f"案号：{t.case_no}　　立案日期：{t.filed_on:%Y年%m月%d日}", "仿宋", 12)
    _para(doc, f"申请执行人：{t.applicants}　　被执行人：{t.respondents}", "仿宋", 12)
    _para(
        doc,
        f"承办团队：{t.team or '—'}　　承办人：{t.handler or '—'}　　状态截至：{t.as_of:%Y年%m月%d日}",
        "仿宋",
        12,
    )

    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header, width in zip(table.rows[0].cells, COLUMNS, _WIDTHS_CM, strict=True):
        cell.width = Cm(width)
        _para(cell.paragraphs[0], header, "宋体", 10.5, bold=True, center=True)
    for values in table_rows(t):
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, _WIDTHS_CM, strict=True):
            cell.width = Cm(width)
            _para(cell.paragraphs[0], value, "仿宋", 10)
    if not t.nodes:
        _para(doc, "本案尚无流程节点。", "仿宋", 12)
    _para(
        doc,
        "说明：本表随卷流转，各节点责任人按规定时间完成执行措施，在对应栏填入完成时间并签名存档。"
        "期间开始之日不计入，届满日为法定休假日的顺延至其后第一个工作日（民事诉讼法第八十五条）。",
        "仿宋",
        10,
    )
    return to_bytes(doc)


def write_node_table(desk: Desk, case_no: str, path: str | Path | None = None) -> Path:
    """Write the case's 执行流程节点表 (default ``exports/执行流程节点表-<案号>.docx``); return the path."""
    t = node_table(desk, case_no)
    target = Path(path) if path else exports_dir() / f"{TITLE}-{t.case_no}.docx"
    return atomic_write_bytes(target, render_docx(t))
