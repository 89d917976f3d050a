"""委托: requests to other courts (事项委托) and, in the next step, requests received from them.

浉河 003 三(四)2 / 三(二)6(2): 线下财产在辖区外的，移交事项委托专员 (the checklist item marked 委托外地
records ``delegation_handed``); 实施团队交办的事项委托一个工作日内完成 — :func:`send_delegation`
is the 委托专员's act of sending the request for that item to the court where the property is
(``delegation_sent`` completes ``shihe.delegation_send``). Once per item; audited on the item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain import checklist as cl
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import AuditEntry, Case, QueryItem
from ...storage.models import Delegation as DelegationRecord
from ...storage.queries import get_case, get_open_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day
from ..permissions import operator_role
from .records import (
    DelegationRow,
    finish_incoming,
    finish_outgoing,
    flag_delegation,
    item_row,
    open_delegations,
    receive_incoming,
    record_reply,
    register_incoming,
)

__all__ = [
    "SEND_ACTION",
    "Delegation",
    "DelegationRow",
    "finish_incoming",
    "finish_outgoing",
    "flag_delegation",
    "open_delegations",
    "pending_delegations",
    "receive_incoming",
    "record_reply",
    "register_incoming",
    "send_delegation",
]

SEND_ACTION = "delegation.send"
COURT_MAX = 60
#: 事项委托专员 (浉河: 指挥中心 staff on the handler roster), 查控专员 (汝阳 财产查控组: 外地法院委托事项)
SEND_ROLES = {"handler", "query_clerk"}


@dataclass(frozen=True)
class Delegation:
    item_id: int
    label: str
    court: str = ""


def _label(desk: Desk, item: QueryItem) -> str:
    labels = {c.key: c.label for c in cl.catalogue(desk.profile.checklist)}
    name = labels.get(f"{item.channel}.{item.asset_type}") or cl.ASSET_TYPES.get(
        item.asset_type, item.asset_type
    )
    return f"{cl.CHANNELS.get(item.channel, item.channel)}·{name}"


def _sent(s: Session, case_id: int) -> set[int]:
    """Items whose 委托 was sent: a register row with its sending date (or, before the register,
    the audit entry of the sending)."""
    rows = s.exec(
        select(AuditEntry.entity_id).where(
            AuditEntry.case_id == case_id, AuditEntry.action == SEND_ACTION, AuditEntry.entity == "query_item"
        )
    ).all()
    registered = s.exec(
        select(DelegationRecord.query_item_id).where(
            DelegationRecord.case_id == case_id, col(DelegationRecord.sent_on).is_not(None)
        )
    ).all()
    return {int(r) for r in [*rows, *registered] if r is not None}


def _waiting(s: Session, case_id: int) -> list[QueryItem]:
    sent = _sent(s, case_id)
    items = s.exec(
        select(QueryItem)
        .where(QueryItem.case_id == case_id, QueryItem.status == "delegated")
        .order_by(col(QueryItem.id))
    ).all()
    return [i for i in items if i.id not in sent]


def pending_delegations(desk: Desk, case_id: int) -> list[Delegation]:
    """The case's items handed over as 委托外地 whose request has not been sent yet."""
    with desk.session() as s:
        get_case(s, case_id)
        return [Delegation(i.id, _label(desk, i)) for i in _waiting(s, case_id)]  # type: ignore[arg-type]


def _pick(desk: Desk, s: Session, case: Case, item_id: int | None) -> QueryItem:
    waiting = _waiting(s, case.id)  # type: ignore[arg-type]
    if item_id is not None:
        item = s.get(QueryItem, item_id)
        if item is None or item.case_id != case.id:
            raise NotFound(f"案件 {case.case_no} 没有编号为 {item_id} 的查控项目")
        if item.status != "delegated":
            raise Conflict(f"{_label(desk, item)}未标记“委托外地”，不能发出事项委托")
        if item not in waiting:
            raise Conflict(f"{_label(desk, item)}的事项委托已发出")
        return item
    if not waiting:
        raise Conflict(f"案件 {case.case_no} 没有待发出的事项委托（查控清单中标记“委托外地”的项目）")
    if len(waiting) > 1:
        listed = "；".join(f"编号 {i.id} {_label(desk, i)}" for i in waiting)
        raise Conflict(f"案件 {case.case_no} 有多项待委托，请指定查控项目：{listed}")
    return waiting[0]


@emits("delegation_sent")
def send_delegation(
    desk: Desk,
    case_id: int,
    *,
    court: str,
    item_id: int | None = None,
    on: date | None = None,
    note: str = "",
) -> Delegation:
    """Send the 事项委托 for the item marked 委托外地 (``item_id``; may be left out when the case has
    exactly one waiting) to ``court`` (受托法院) on ``on`` (default today); returns it."""
    court = court.strip()
    if not court:
        raise InvalidValue("请写明受托法院", field="受托法院")
    if len(court) > COURT_MAX:
        raise InvalidValue(f"受托法院名称不能超过{COURT_MAX}字", field="受托法院", value=court)
    note = note.strip()[:200]
    with desk.transaction() as s:
        require(operator_role(s, desk), SEND_ROLES, "发出事项委托")
        case = get_open_case(s, case_id)
        item = _pick(desk, s, case, item_id)
        day = check_day(desk, on, not_before=item.controlled_on, since="移交委托之日")
        label = _label(desk, item)
        row = item_row(s, item.id)  # type: ignore[arg-type]
        if row is None:  # marked 委托外地 before the register
            row = DelegationRecord(
                direction="out",
                case_id=case_id,
                query_item_id=item.id,
                opened_on=item.controlled_on or day,
                handed_on=item.controlled_on or day,
                by=desk.operator[:40],
                matter="查封/冻结辖区外财产",
            )
        row.court, row.sent_on, row.state = court, day, "sent"
        s.add(row)
        audit.record_case(
            s,
            desk,
            case_id,
            SEND_ACTION,
            f"发出事项委托：{label}，受托法院 {court}（{day.isoformat()}）" + (f"。{note}" if note else ""),
            entity="query_item",
            entity_id=item.id,
            after={"court": court, "on": day.isoformat(), "note": note},
        )
        apply_event(s, desk, case, "delegation_sent", desk.moment_on(day), desk.operator)
        return Delegation(item.id, label, court)  # type: ignore[arg-type]
