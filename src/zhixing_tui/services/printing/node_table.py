"""《执行流程节点表》 (固始 002 §二.13) as a Word document: every node of a case with its rule and
source, due date, completion time and who completed it, and an empty column for the signature.

"执行流程管控采用期限明确的格式化《执行流程节点表》随卷流转，实现全程留痕，各节点责任人按规定时间完成
执行措施，在流程表对应栏填入完成时间并签名存档。" A4 landscape over the printing layer (word.py):
the header row repeats on every page, no row splits, 第 X 页 共 Y 页 in the footer, columns that fit
the text width; 依据 cites the seed by its short title (《实施意见》一、5), named in full under the
table. A case of 20 nodes prints on two pages.
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
from ...profiles.citations import abbreviations, cite
from ...storage.models import Case, DeadlineNode
from ..deadlines.case_nodes import NodeView, case_nodes
from ..desk import Desk
from .word import Column, new_document, paragraph, save, table, title_block, to_bytes

__all__ = [
    "COLUMNS",
    "PAGE_BUDGET",
    "TITLE",
    "NodeTable",
    "node_table",
    "print_samples",
    "render",
    "write_node_table",
]

TITLE = "执行流程节点表"
#: pages for a case of up to :data:`BUDGET_NODES` nodes
PAGE_BUDGET = 2
BUDGET_NODES = 20
COLUMNS = (
    Column("序号", 0.9, nowrap=True, align="center"),
    Column("流程节点", 5.0),
    Column("期限", 1.3, nowrap=True, align="center"),
    Column("起算", 2.6),
    Column("依据", 3.6),
    Column("到期日", 2.4, nowrap=True, align="center"),
    Column("完成时间", 2.4, nowrap=True, align="center"),
    Column("完成人", 1.5),
    Column("状态", 1.5, nowrap=True, align="center"),
    Column("责任人签名", 2.2),
)


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
    """A moment on two lines (date, then time), so the column stays narrow."""
    return f"{value:%Y-%m-%d}\n{value:%H:%M}" if value else ""


def table_rows(t: NodeTable) -> list[tuple[str, ...]]:
    """The rows under the header, as printed (the signature column stays empty)."""
    rows = []
    for i, n in enumerate(t.nodes, start=1):
        rows.append(
            (
                str(i),
                f"{n.name}，{n.note}" if n.note else n.name,
                n.period,
                f"{event_name(n.anchor_event)}\n{n.anchor_at:%Y-%m-%d}",
                cite(n.source, short=True),
                _moment(n.due_at) if n.due_at else n.due_on.isoformat(),
                _moment(n.completed_at),
                n.completed_by or "",
                n.status_name,
                "",
            )
        )
    return rows


def render(t: NodeTable):
    """The document: court and title, the case lines, the node table, the notes."""
    doc = new_document(landscape=True)
    title_block(doc, t.court, TITLE)
    paragraph(doc, f"案号：{t.case_no}　　立案日期：{t.filed_on:%Y年%m月%d日}", size=12)
    paragraph(doc, f"申请执行人：{t.applicants}　　被执行人：{t.respondents}", size=12)
    paragraph(
        doc,
        f"承办团队：{t.team or '—'}　　承办人：{t.handler or '—'}　　状态截至：{t.as_of:%Y年%m月%d日}",
        size=12,
        space_after_pt=4,
    )
    if t.nodes:
        table(doc, COLUMNS, table_rows(t), size=10)
    else:
        paragraph(doc, "本案尚无流程节点。", size=12)
    notes = [
        "说明：本表随卷流转，各节点责任人按规定时间完成执行措施，在对应栏填入完成时间并签名存档。"
        "期间开始之日不计入，届满日为法定休假日的顺延至其后第一个工作日（民事诉讼法第八十五条）。"
    ]
    legend = abbreviations(n.source for n in t.nodes)
    if legend:
        notes.append("依据栏中：" + "；".join(legend) + "。")
    for line in notes:
        paragraph(doc, line, size=10, space_before_pt=3)
    return doc


def render_docx(t: NodeTable) -> bytes:
    """The .docx bytes (see :func:`render`)."""
    return to_bytes(render(t))


def write_node_table(desk: Desk, case_no: str, path: str | Path | None = None) -> Path:
    """Write the case's 执行流程节点表 (default ``exports/<法院简称>-执行流程节点表-<案号>.docx``); return the path."""
    t = node_table(desk, case_no)
    target = (
        Path(path) if path else exports_dir() / f"{desk.profile.court.short_name}-{TITLE}-{t.case_no}.docx"
    )
    return save(render(t), target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the case with the most nodes up to :data:`BUDGET_NODES`, and a table of
    exactly 20 nodes (that case's nodes repeated, as a long-running case's table would read)."""
    from dataclasses import replace

    from sqlalchemy import func

    with desk.session() as s:
        cid = s.exec(
            select(DeadlineNode.case_id)
            .group_by(col(DeadlineNode.case_id))
            .having(func.count() <= BUDGET_NODES)
            .order_by(func.count().desc(), col(DeadlineNode.case_id))
            .limit(1)
        ).first()
        case = s.get(Case, cid) if cid is not None else None
    if case is None:
        return []
    written = [write_node_table(desk, case.case_no, out / "流程节点表.docx")]
    t = node_table(desk, case.case_no)
    nodes = (t.nodes * BUDGET_NODES)[:BUDGET_NODES]
    written.append(save(render(replace(t, nodes=nodes)), out / f"流程节点表-{BUDGET_NODES}节点.docx"))
    return written
