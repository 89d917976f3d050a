"""财产处置: controlled property entering disposal, the first step of the disposal workflow.

汝阳 000 §二(二)10: 实施团队…控制财产之日起10日内进入财产处置阶段 (``ruyang.disposal``, anchored at
``property_controlled``); §二(二)11 then gives 5日 to start 议价/询价/评估 (``ruyang.valuation``,
anchored at ``disposal_started``). :func:`start_disposal` is the handler's act on one sealed or
frozen item of the 查控 checklist: audited on that item (entity ``query_item``), once per item,
by a member of the team holding the case. It creates the item's :class:`Disposal` record (or
fills the one 腾房 began); the later steps (评估/询价, 参考价, 拍卖 rounds, 成交, 成交裁定, 腾房,
过户/交付) are :mod:`.steps`, the read side :mod:`.records`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain.disposal import disposable
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, Disposal, QueryItem
from ...storage.queries import get_case, get_open_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day, require_case_team
from .records import DisposalView, RoundView, item_label, list_disposals
from .steps import (
    StepDone,
    deal,
    end_procedure,
    full_payment,
    hand_over,
    publish_notice,
    record_failure,
    rule_auction,
    rule_deal,
    serve_notice,
    set_reference_price,
    start_valuation,
    transfer,
    vacate_expired,
    vacate_needed,
    vacate_notice,
    vacated,
)

__all__ = [
    "ACTION",
    "DisposalItem",
    "DisposalView",
    "RoundView",
    "StepDone",
    "deal",
    "disposal_candidates",
    "disposal_started_items",
    "end_procedure",
    "full_payment",
    "hand_over",
    "list_disposals",
    "publish_notice",
    "record_failure",
    "record_step",
    "rule_auction",
    "rule_deal",
    "serve_notice",
    "set_reference_price",
    "start_disposal",
    "start_valuation",
    "transfer",
    "vacate_expired",
    "vacate_needed",
    "vacate_notice",
    "vacated",
]

ACTION = "disposal.start"


@dataclass(frozen=True)
class DisposalItem:
    item_id: int
    label: str
    controlled_on: date | None


def _started(s: Session, case_id: int) -> set[int]:
    rows = s.exec(
        select(Disposal.query_item_id).where(
            Disposal.case_id == case_id, col(Disposal.started_on).is_not(None)
        )
    ).all()
    return {int(r) for r in rows}


def _candidates(s: Session, case_id: int) -> list[QueryItem]:
    started = _started(s, case_id)
    items = s.exec(select(QueryItem).where(QueryItem.case_id == case_id).order_by(col(QueryItem.id))).all()
    return [i for i in items if disposable(i.asset_type, i.status) and i.id not in started]


def disposal_candidates(desk: Desk, case_id: int) -> list[DisposalItem]:
    """The case's sealed or frozen property that has not entered disposal yet."""
    with desk.session() as s:
        get_case(s, case_id)
        return [DisposalItem(i.id, item_label(desk, i), i.controlled_on) for i in _candidates(s, case_id)]  # type: ignore[arg-type]


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
                raise Conflict(f"{item_label(desk, item)}已进入财产处置")
            raise Conflict(f"{item_label(desk, item)}不是已查封、冻结待处置的财产，不能进入财产处置")
        return item
    if not candidates:
        raise Conflict(f"案件 {case.case_no} 没有已查封、冻结而尚未进入处置的财产")
    if len(candidates) > 1:
        listed = "；".join(f"编号 {i.id} {item_label(desk, i)}" for i in candidates)
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
        case = get_open_case(s, case_id)
        require_case_team(s, desk, case, "将财产转入处置")
        item = _pick(desk, s, case, item_id)
        row = s.exec(select(Disposal).where(Disposal.query_item_id == item.id)).first()
        not_before, since = item.controlled_on, "控制财产之日"
        if row is not None and row.vacate_needed_on is not None:
            not_before, since = (
                max(filter(None, (item.controlled_on, row.vacate_needed_on))),
                "确定需腾房之日",
            )
        day = check_day(desk, on, not_before=not_before, since=since)
        label = item_label(desk, item)
        if row is None:
            row = Disposal(case_id=case_id, query_item_id=item.id, label=label)  # type: ignore[arg-type]
        row.started_on, row.label = day, label
        if note:
            row.note = note
        s.add(row)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            ACTION,
            f"{label}进入财产处置（{day.isoformat()}）" + (f"。{note}" if note else ""),
            entity="query_item",
            entity_id=item.id,
            after={"on": day.isoformat(), "asset_type": item.asset_type, "note": note, "disposal_id": row.id},
        )
        apply_event(s, desk, case, "disposal_started", desk.moment_on(day), desk.operator)
        return DisposalItem(item.id, label, item.controlled_on)  # type: ignore[arg-type]


def record_step(
    desk: Desk,
    case_id: int,
    step: str,
    *,
    item_id: int | None = None,
    on: date | None = None,
    note: str = "",
    method: str = "",
    amount_fen: int | None = None,
    until: date | None = None,
    end: bool = False,
) -> StepDone:
    """Any step by its code (:data:`domain.disposal.STEPS`, ``start`` excepted) with the values it
    takes (``method`` for 评估, ``amount_fen`` for 参考价 and 成交, ``until`` for 腾房公告, ``end``
    for 流拍) — for a screen offering "the next step"."""
    common = {"item_id": item_id, "on": on, "note": note}
    if step in ("price", "deal") and amount_fen is None:
        raise InvalidValue("请填写金额", field="金额")
    if step == "value":
        return start_valuation(desk, case_id, method=method, **common)  # type: ignore[arg-type]
    if step == "price":
        return set_reference_price(desk, case_id, price_fen=amount_fen, **common)  # type: ignore[arg-type]
    if step == "deal":
        return deal(desk, case_id, price_fen=amount_fen, **common)  # type: ignore[arg-type]
    if step == "fail":
        return record_failure(desk, case_id, end=end, **common)  # type: ignore[arg-type]
    if step == "vacate_notice":
        return vacate_notice(desk, case_id, until=until, **common)  # type: ignore[arg-type]
    plain = {
        "handover": hand_over,
        "ruling": rule_auction,
        "notice": publish_notice,
        "serve": serve_notice,
        "end": end_procedure,
        "pay": full_payment,
        "deal_ruling": rule_deal,
        "transfer": transfer,
        "vacate_need": vacate_needed,
        "vacate_expire": vacate_expired,
        "vacated": vacated,
    }
    if step not in plain:
        raise InvalidValue(f"不认识的处置步骤：{step}", field="步骤", value=step)
    return plain[step](desk, case_id, **common)  # type: ignore[arg-type]
