"""The two handoff forms of 监利 004 as Word documents: 《总对总查控实有情况表》 (线上 → 线下, 第一组 3)
and 《线下查控实有情况表》 (线下 → 线索, 第二组 3), "由组长签字后随卷移送".

The rows come from the case's query checklist (the same ``handoffs.build_form`` the handoff
carries, whose 合计 counts an asset found through both 点对点 and 总对总 once). The 承办组 is the
group that ran the queries (the stage the handoff left, else the unit of the staff member who
recorded them) and the 填表日期 the latest feedback on the form — the record the form reports,
not the day it is printed. A4 portrait over the printing layer (word.py): columns sized so amounts
and dates never break, one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from ...domain.checklist import ASSET_TYPES, CHANNELS, RESULTS, STATUSES
from ...errors import InvalidValue
from ...locations import exports_dir
from ...storage.models import Case, Handoff, OrgUnit, QueryItem, Staff
from ..board.handoffs import FORM_TITLES, build_form
from ..desk import Desk
from .node_table import find_case_id
from .word import Column, cn_date, new_document, paragraph, save, signature_lines, table, title_block

__all__ = [
    "FORM_KINDS",
    "PAGE_BUDGET",
    "QueryForm",
    "form_kind",
    "print_samples",
    "query_form",
    "write_query_form",
]

#: one page, whatever the checklist holds (the print check holds every form to its budget)
PAGE_BUDGET = 1

#: accepted KIND words → the handoff form kind
FORM_KINDS: dict[str, str] = {
    "national": "national_query_form",
    "总对总": "national_query_form",
    "online": "national_query_form",
    "offline": "offline_query_form",
    "线下": "offline_query_form",
}
COLUMNS = (
    Column("序号", 1.0, nowrap=True, align="center"),
    Column("查询\n渠道", 1.5, nowrap=True, align="center"),
    Column("财产类型", 3.4),
    Column("查询\n情况", 1.7, align="center"),
    Column("查到金额\n（元）", 2.9, nowrap=True, align="right"),
    Column("控制金额\n（元）", 2.9, nowrap=True, align="right"),
    Column("反馈日期", 2.4, nowrap=True, align="center"),
)
#: which checklist channels each form reports (the queries the group ran)
_CHANNELS = {"national_query_form": ("national", "local"), "offline_query_form": ("offline",)}
DEDUP_NOTE = "同一财产经点对点、总对总两个渠道查到的，合计只计一次。"


@dataclass(frozen=True, slots=True)
class QueryForm:
    court: str
    title: str
    case_no: str
    applicants: str
    respondents: str
    claim: str
    unit: str  # the group that ran the queries ("" when unknown: written in by hand)
    handler: str  # who recorded them
    rows: tuple[tuple[str, ...], ...]
    total_found: str
    total_controlled: str
    filled_on: date | None  # the latest feedback on the form
    counted_once: bool = False  # an asset on two lines (点对点 and 总对总) was counted once
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


def _query_group(s: Session, desk: Desk, case: Case, fk: str, items: list[QueryItem]) -> tuple[str, str]:
    """(承办组, 查询人): the group that ran this form's queries and the person who recorded them.

    The form travels with the handoff that leaves the querying stage (监利 线上查控组 → 线下查控组):
    that stage's group, else the stage the court's flow sends this form from; in a court whose flow
    carries no such form, the unit of the staff member named on the query lines (the main channel
    first: 总对总 for the national form)."""
    main = [i for i in items if i.channel == _CHANNELS[fk][0]] + items
    handler = next((i.handler for i in main if i.handler), "")
    handoff = s.exec(
        select(Handoff)
        .where(Handoff.case_id == case.id, Handoff.form_kind == fk)
        .order_by(col(Handoff.submitted_at).desc())
    ).first()
    if handoff is not None:
        stage = next((st for st in desk.profile.stages if st.code == handoff.from_stage), None)
        if stage is not None and stage.units:
            return desk.profile.unit(stage.units[0]).name, handler or handoff.submitted_by
    # the court's flow names the stage whose move carries this form (监利 线上查控 → 线下查控)
    for move in desk.profile.flow.moves:
        stage = next((st for st in desk.profile.stages if st.code == move.from_stage), None)
        if move.form == fk and stage is not None and stage.units:
            return desk.profile.unit(stage.units[0]).name, handler
    if handler:
        unit_id = s.exec(select(Staff.unit_id).where(Staff.name == handler)).first()
        unit = s.get(OrgUnit, unit_id) if unit_id else None
        if unit is not None:
            return unit.name, handler
    return "", handler


def query_form(desk: Desk, kind: str, case_no: str) -> QueryForm:
    """The content of the form ``kind`` for the case ``case_no``."""
    from ..cases.detail import case_detail

    fk = form_kind(kind)
    case_id = find_case_id(desk, case_no)
    d = case_detail(desk, case_id)
    with desk.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        form = build_form(s, case, fk)
        items = list(
            s.exec(
                select(QueryItem).where(
                    QueryItem.case_id == case_id, col(QueryItem.channel).in_(_CHANNELS[fk])
                )
            )
        )
        unit, handler = _query_group(s, desk, case, fk, items)
    rows = tuple(
        (
            str(i),
            CHANNELS.get(item["channel"], item["channel"]),
            ASSET_TYPES.get(item["asset_type"], item["asset_type"]),
            _state(item["status"], item["result"]),
            item["found"],
            item["controlled"],
            item["feedback_on"] or "—",
        )
        for i, item in enumerate(form["items"], start=1)
    )
    feedback = [i.feedback_on for i in items if i.feedback_on]
    found_types = [i.asset_type for i in items if i.amount_found_fen or i.amount_controlled_fen]
    return QueryForm(
        court=desk.profile.court.name,
        title=FORM_TITLES[fk],
        case_no=d.case_no,
        applicants="、".join(p.name for p in d.applicants),
        respondents="、".join(p.name for p in d.respondents),
        claim=form["claim"],
        unit=unit,
        handler=handler,
        rows=rows,
        total_found=form["total_found"],
        total_controlled=form["total_controlled"],
        filled_on=max(feedback) if feedback else None,
        counted_once=len(found_types) != len(set(found_types)),
        note=_note(desk),
    )


def _state(status: str, result: str | None) -> str:
    """查询情况: the step the line reached, with the answer once there is one (已反馈\n有财产)."""
    text = STATUSES.get(status, status)
    if status == "feedback" and result:
        text += "\n" + RESULTS.get(result, result)
    return text


def _note(desk: Desk) -> str:
    """The form's closing note, from the court's own flow (who approves the handoff, if anyone)."""
    profile = desk.profile
    approver = profile.flow.approver_unit
    if approver:
        return f"说明：本表由组长签字后随卷移送，并报{profile.unit(approver).name}审批流转。"
    return "说明：本表由组长签字后随卷移送。"


def render(f: QueryForm):
    """The document: court and title, the case, the checklist lines, 合计, the signatures."""
    doc = new_document()
    title_block(doc, f.court, f.title)
    paragraph(doc, f"案号：{f.case_no}　　申请执行标的额：{f.claim} 元", size=12)
    paragraph(doc, f"申请执行人：{f.applicants}　　被执行人：{f.respondents}", size=12)
    paragraph(
        doc, f"承办组：{f.unit or '　' * 8}　　查询人：{f.handler or '　' * 4}", size=12, space_after_pt=4
    )
    table(doc, COLUMNS, f.rows, size=10)
    if not f.rows:
        paragraph(doc, "本案尚无该渠道的查控记录。", size=12)
    paragraph(
        doc, f"合计：查到 {f.total_found} 元，控制 {f.total_controlled} 元。", size=12, space_before_pt=4
    )
    if f.counted_once:
        paragraph(doc, DEDUP_NOTE, size=10.5)
    paragraph(doc, f"填表日期：{cn_date(f.filled_on)}", size=12, space_before_pt=4)
    signature_lines(doc, [("填表人", f.handler), ("组长", "")], dated=False)
    paragraph(doc, f.note, size=10.5)
    return doc


def render_docx(f: QueryForm) -> bytes:
    from .word import to_bytes

    return to_bytes(render(f))


def write_query_form(desk: Desk, kind: str, case_no: str, path: str | Path | None = None) -> Path:
    """Write the form (default ``exports/<法院简称>-<表名>-<案号>.docx``); return the path."""
    f = query_form(desk, kind, case_no)
    target = (
        Path(path) if path else exports_dir() / f"{desk.profile.court.short_name}-{f.title}-{f.case_no}.docx"
    )
    return save(render(f), target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: both forms of the case with the most checklist lines, and of one whose
    assets were found through both 点对点 and 总对总."""
    from sqlalchemy import func

    with desk.session() as s:
        busiest = s.exec(
            select(QueryItem.case_id).group_by(QueryItem.case_id).order_by(func.count().desc()).limit(1)
        ).first()
        both = s.exec(
            select(QueryItem.case_id)
            .where(col(QueryItem.channel).in_(("national", "local")), QueryItem.amount_found_fen > 0)
            .group_by(QueryItem.case_id, QueryItem.asset_type)
            .having(func.count() > 1)
            .limit(1)
        ).first()
        nos = [s.get(Case, cid).case_no for cid in dict.fromkeys(c for c in (busiest, both) if c)]  # type: ignore[union-attr]
    written = []
    for n, case_no in enumerate(nos):
        for kind in ("national", "offline"):
            written.append(write_query_form(desk, kind, case_no, out / f"查控表-{kind}-{n}.docx"))
    return written
