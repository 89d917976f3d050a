"""财产处置: controlled property entering disposal, the first step of the disposal workflow.

汝阳 000 §二(二)10: 实施团队…控制财产之日起10日内进入财产处置阶段 (``ruyang.disposal``, anchored at
``property_controlled``); §二(二)11 then gives 5日 to start 议价/询价/评估 (``ruyang.valuation``,
anchored at ``disposal_started``). :func:`start_disposal` is the handler's act on one sealed or
frozen item of the 查控 checklist: audited on that item (entity ``query_item``), once per item,
by a member of the team holding the case. The rest of disposal (评估, 拍卖, 变卖, 以物抵债) builds on
this record: :func:`disposal_started_items` says which items have entered disposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain import checklist as cl
from ...domain.disposal import disposable
from ...errors import Conflict, NotFound
from ...storage.models import AuditEntry, Case, QueryItem
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day, require_case_team

__all__ = ["ACTION", "DisposalItem", "disposal_candidates", "disposal_started_items", "start_disposal"]

ACTION = "disposal.start"


@dataclass(frozen=True)
class DisposalItem:
    item_id: int
    label: str
    controlled_on: date | None


def _label(desk: Desk, item: QueryItem) -> str:
    labels = {c.key: c.label for c in cl.catalogue(desk.profile.checklist)}
    name = labels.get(f"{item.channel}.{item.asset_type}") or cl.ASSET_TYPES.get(
        item.asset_type, item.asset_type
    )
    return (
        f"{cl.CHANNELS.get(item.channel, item.channel)}·{name}（{cl.STATUSES.get(item.status, item.status)}）"
    )


def _started(s: Session, case_id: int) -> set[int]:
    rows = s.exec(
        select(AuditEntry.entity_id).where(
            AuditEntry.case_id == case_id, AuditEntry.action == ACTION, AuditEntry.entity == "query_item"
        )
    ).all()
    return {int(r) for r in rows if r is not None}


def _candidates(s: Session, case_id: int) -> list[QueryItem]:
    started = _started(s, case_id)
    items = s.exec(select(QueryItem).where(QueryItem.case_id == case_id).order_by(col(QueryItem.id))).all()
    return [i for i in items if disposable(i.asset_type, i.status) and i.id not in started]


def disposal_candidates(desk: Desk, case_id: int) -> list[DisposalItem]:
    """The case's sealed or frozen property that has not entered disposal yet."""
    with desk.session() as s:
        get_case(s, case_id)
        return [DisposalItem(i.id, _label(desk, i), i.controlled_on) for i in _candidates(s, case_id)]  # type: ignore[arg-type]


def disposal_started_items(desk: Desk, case_id: int) -> set[int]:
    """The checklist items of the case that have entered disposal."""
    with desk.session() as s:
        return _started(s, case_id)


def _pick(desk: Desk, s: Session, case: Case, item_id: int | None) -> QueryItem:
    candidates = _candidates(s, case.id)  # type: ignore[arg-type]
    if item_id is not None:
        item = s.get(QueryItem, item_id)
        if item is None or item.case_id != case.id:
            raise NotFound(f"案件 {case.case_no} 没有编号为 {item_id} 的查控项目")
        if item not in candidates:
            if disposable(item.asset_type, item.status):
                raise Conflict(f"{_label(desk, item)}已进入财产处置")
            raise Conflict(f"{_label(desk, item)}不是已查封、冻结待处置的财产，不能进入财产处置")
        return item
    if not candidates:
        raise Conflict(f"案件 {case.case_no} 没有已查封、冻结而尚未进入处置的财产")
    if len(candidates) > 1:
        listed = "；".join(f"编号 {i.id} {_label(desk, i)}" for i in candidates)
        raise Conflict(f"案件 {case.case_no} 有多项待处置财产，请指定查控项目：{listed}")
    return candidates[0]


@emits("disposal_started")
def start_disposal(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> DisposalItem:
    """The controlled item (``item_id``; may be left out when the case has exactly one) enters
    disposal on ``on`` (default today); returns it."""
    note = note.strip()[:200]
    with desk.transaction() as s:
        case = get_case(s, case_id)
        if case.status == "closed":
            raise Conflict(f"案件 {case.case_no} 已结案")
        require_case_team(s, desk, case, "将财产转入处置")
        item = _pick(desk, s, case, item_id)
        day = check_day(desk, on, not_before=item.controlled_on, since="控制财产之日")
        label = _label(desk, item)
        audit.record_case(
            s,
            desk,
            case_id,
            ACTION,
            f"{label}进入财产处置（{day.isoformat()}）" + (f"。{note}" if note else ""),
            entity="query_item",
            entity_id=item.id,
            after={"on": day.isoformat(), "asset_type": item.asset_type, "note": note},
        )
        apply_event(s, desk, case, "disposal_started", desk.moment_on(day), desk.operator)
        return DisposalItem(item.id, label, item.controlled_on)  # type: ignore[arg-type]
