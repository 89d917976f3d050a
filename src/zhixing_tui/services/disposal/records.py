"""财产处置 records: reading a case's disposals, finding the one a step is for, who may record it.

One :class:`~zhixing_tui.storage.models.Disposal` per controlled checklist item; its rounds of
sale in ``disposal_round``. :func:`list_disposals` is the read side (CLI ``disposal list``, the
TUI's 财产处置 screen); :func:`pick_disposal` and :func:`authorize` serve the step operations of
:mod:`.steps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain import checklist as cl
from ...domain import disposal as dd
from ...errors import Conflict, NotFound, PermissionDenied
from ...profiles.deadline_schema import rules_for
from ...storage.models import Case, Disposal, DisposalRound, OrgUnit, QueryItem
from ...storage.queries import get_case
from ..desk import Desk
from ..fieldwork import require_case_team
from ..permissions import find_operator

__all__ = [
    "AUCTION_STEPS",
    "DisposalView",
    "RoundView",
    "authorize",
    "item_label",
    "list_disposals",
    "pick_disposal",
    "state_of",
    "view_of",
]

#: steps of the sale itself, which the unit that runs the auctions may record as well as the team
#: holding the case (浉河 财产处置辅助组: 公告、送达、跟踪拍卖进展 003 三(六)6–8)
AUCTION_STEPS = frozenset({"notice", "serve", "fail", "end", "deal", "pay"})
_AUCTION_EVENTS = frozenset({"auction_notice_published", "auction_notice_served", "full_payment"})


@dataclass(frozen=True)
class RoundView:
    kind: str
    name: str
    published_on: date
    served_on: date | None
    result: str
    result_on: date | None


@dataclass(frozen=True)
class DisposalView:
    id: int
    item_id: int
    label: str
    status: str
    method: str  # the Chinese name, or ""
    reference_price_fen: int | None
    deal_price_fen: int | None
    started_on: date | None
    valuation_started_on: date | None
    reference_price_on: date | None
    handed_over_on: date | None
    auction_ruling_on: date | None
    deal_on: date | None
    paid_on: date | None
    deal_ruling_on: date | None
    transferred_on: date | None
    ended_on: date | None
    vacate_needed_on: date | None
    vacate_notice_on: date | None
    vacate_until: date | None
    vacate_expired_on: date | None
    vacated_on: date | None
    rounds: tuple[RoundView, ...]
    next_steps: tuple[str, ...]


def item_label(desk: Desk, item: QueryItem) -> str:
    """``线下·房产（已查封）``: the checklist item as the clerk knows it."""
    labels = {c.key: c.label for c in cl.catalogue(desk.profile.checklist)}
    name = labels.get(f"{item.channel}.{item.asset_type}") or cl.ASSET_TYPES.get(
        item.asset_type, item.asset_type
    )
    return (
        f"{cl.CHANNELS.get(item.channel, item.channel)}·{name}（{cl.STATUSES.get(item.status, item.status)}）"
    )


def _rounds(s: Session, disposal_id: int | None) -> list[DisposalRound]:
    return list(
        s.exec(
            select(DisposalRound)
            .where(DisposalRound.disposal_id == disposal_id)
            .order_by(col(DisposalRound.id))
        )
    )


#: the days of the steps, the same names on the record, its state and its view
_DATES = (
    "started_on",
    "valuation_started_on",
    "reference_price_on",
    "handed_over_on",
    "auction_ruling_on",
    "deal_on",
    "paid_on",
    "deal_ruling_on",
    "transferred_on",
    "ended_on",
    "vacate_needed_on",
    "vacate_notice_on",
    "vacate_until",
    "vacate_expired_on",
    "vacated_on",
)


def _dates(d: Disposal) -> dict[str, date | None]:
    return {name: getattr(d, name) for name in _DATES}


def state_of(s: Session, d: Disposal, controlled_on: date | None) -> dd.DisposalState:
    """The pure state of a stored disposal (for :func:`domain.disposal.check_step`)."""
    return dd.DisposalState(
        controlled_on=controlled_on,
        rounds=tuple(
            dd.RoundState(r.kind, r.published_on, r.served_on, r.result, r.result_on)
            for r in _rounds(s, d.id)
        ),
        **_dates(d),
    )


def view_of(s: Session, d: Disposal, controlled_on: date | None) -> DisposalView:
    st = state_of(s, d, controlled_on)
    return DisposalView(
        id=d.id,  # type: ignore[arg-type]
        item_id=d.query_item_id,
        label=d.label,
        status=dd.status_name(st),
        method=dd.VALUATION_METHODS.get(d.valuation_method, ""),
        reference_price_fen=d.reference_price_fen,
        deal_price_fen=d.deal_price_fen,
        **_dates(d),
        rounds=tuple(
            RoundView(
                r.kind, dd.ROUNDS.get(r.kind, r.kind), r.published_on, r.served_on, r.result, r.result_on
            )
            for r in st.rounds
        ),
        next_steps=dd.next_steps(st),
    )


def _case_rows(s: Session, case_id: int) -> list[tuple[Disposal, QueryItem]]:
    return [
        (d, i)
        for d, i in s.exec(
            select(Disposal, QueryItem)
            .join(QueryItem, col(QueryItem.id) == col(Disposal.query_item_id))
            .where(Disposal.case_id == case_id)
            .order_by(col(Disposal.id))
        ).all()
    ]


def list_disposals(desk: Desk, case_id: int) -> list[DisposalView]:
    """The case's disposals, oldest first (a case has a handful: no paging needed)."""
    with desk.session() as s:
        get_case(s, case_id)
        return [view_of(s, d, i.controlled_on) for d, i in _case_rows(s, case_id)]


def pick_disposal(s: Session, case: Case, item_id: int | None, step: str) -> tuple[Disposal, QueryItem]:
    """The disposal a step is for: the item's, or the case's only one the step fits."""
    rows = _case_rows(s, case.id)  # type: ignore[arg-type]
    if item_id is not None:
        for d, i in rows:
            if i.id == item_id:
                return d, i
        raise NotFound(f"案件 {case.case_no} 的查控项目（编号 {item_id}）未进入财产处置")
    if not rows:
        raise Conflict(f"案件 {case.case_no} 没有进入财产处置的财产")
    if len(rows) == 1:
        return rows[0]
    fitting = []
    for d, i in rows:
        try:
            dd.check_step(state_of(s, d, i.controlled_on), step)
        except Conflict:
            continue
        fitting.append((d, i))
    if len(fitting) == 1:
        return fitting[0]
    listed = "；".join(f"编号 {i.id} {d.label}" for d, i in (fitting or rows))
    raise Conflict(f"案件 {case.case_no} 有多项处置中的财产，请指定查控项目：{listed}")


def _auction_units(desk: Desk) -> set[str]:
    """The units the profile's rules make responsible for the sale's events (浉河 disposal_aid)."""
    return {
        r.owner
        for r in rules_for(desk.profile)
        if r.anchor in _AUCTION_EVENTS or set(r.completed_by) & _AUCTION_EVENTS
    }


def authorize(s: Session, desk: Desk, case: Case, step: str) -> None:
    """The team holding the case (and the bureau's leadership) records every step; a member of
    the unit the profile's rules charge with the sale also records the sale's own steps."""
    what = f"记录财产处置（{dd.STEPS[step]}）"
    try:
        require_case_team(s, desk, case, what)
    except PermissionDenied:
        if step not in AUCTION_STEPS:
            raise
        me = find_operator(s, desk)
        unit = s.get(OrgUnit, me.unit_id) if me is not None and me.unit_id is not None else None
        code = unit.code if unit is not None else None
        if code is None or code not in _auction_units(desk):
            raise
