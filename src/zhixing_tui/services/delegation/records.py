"""The 委托 register: each 委托 a row of ``delegation``, its steps dated, its nodes fed.

Outgoing (本院委托外院, 浉河 003 三(二)6(2)、三(四)2): the 线下查控组 finds property outside the
court's area on a checklist item (:func:`flag_delegation` → ``delegation_needed``: 3 working days
to hand it over), the item marked 委托外地 hands it to the 委托专员 (the checklist calls
:func:`hand_over_item`; the checklist records ``delegation_handed``: 1 working day to send), the
officer sends it (``send_delegation`` → ``delegation_sent``), the receiving court replies
(:func:`record_reply`) and the materials go back to the team (:func:`finish_outgoing`).

Incoming (外院委托本院, 003 三(四)2: 所有受托案件需在当日接收，在三日内完成): the request arrives
(:func:`register_incoming` → ``delegation_arrived``), is received the same day
(:func:`receive_incoming` → ``delegation_received``) and done and replied online within 3日
(:func:`finish_incoming` → ``delegation_done``). Nodes need a case: an incoming 委托 is linked to
the case of ours it concerns when the officer names one (the 受托 case registered here); one that
concerns no case of ours is kept in this register only, where :func:`open_delegations` still
shows its age and the due day of its step (the same profile rules, counted the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...domain.nodes import instantiate
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...profiles.deadline_schema import rules_for
from ...storage.models import Case, Delegation, QueryItem
from ...storage.queries import MAX_PAGE, Page, get_case, get_open_case
from .. import audit
from ..deadlines.calendar import calendar_for
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role

__all__ = [
    "OPEN_STATES",
    "STATE_NAMES",
    "DelegationRow",
    "finish_incoming",
    "finish_outgoing",
    "flag_delegation",
    "hand_over_item",
    "open_delegations",
    "receive_incoming",
    "record_reply",
    "register_incoming",
]

ROLES = {"handler", "query_clerk"}
STATE_NAMES = {
    "needed": "待移交",
    "handed": "待发出",
    "sent": "已发出待反馈",
    "replied": "已反馈待办结",
    "arrived": "待接收",
    "received": "办理中",
    "done": "已办结",
}
OPEN_STATES = ("needed", "handed", "sent", "replied", "arrived", "received")
#: an open step → (the column its clock starts at, the event that starts its rule)
_STEP_CLOCK = {
    "needed": ("opened_on", "delegation_needed"),
    "handed": ("handed_on", "delegation_handed"),
    "sent": ("sent_on", ""),
    "replied": ("replied_on", ""),
    "arrived": ("opened_on", "delegation_arrived"),
    "received": ("received_on", "delegation_received"),
}


@dataclass(frozen=True)
class DelegationRow:
    id: int
    direction: str  # out | in
    case_id: int | None
    case_no: str
    court: str
    matter: str
    their_case_no: str
    opened_on: date
    state: str
    since: date  # the day the current step began
    age_days: int  # days since the 委托 was opened
    due_on: date | None  # the current step's due day under the profile's rules, if any
    item_id: int | None = None  # an outgoing 委托's checklist item (发出 names it)

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, self.state)


def _text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidValue(f"请写明{field}", field=field)
    if len(value) > limit:
        raise InvalidValue(f"{field}不能超过{limit}字", field=field, value=value)
    return value


def _day(desk: Desk, on: date | None, not_before: date | None = None, since: str = "") -> date:
    from ..fieldwork import check_day

    return check_day(desk, on, not_before=not_before, since=since)


def _get(s: Session, delegation_id: int, direction: str) -> Delegation:
    row = s.get(Delegation, delegation_id)
    if row is None or row.direction != direction:
        what = "本院委托" if direction == "out" else "受托事项"
        raise NotFound(f"没有编号为 {delegation_id} 的{what}")
    return row


def _advance(
    s: Session, desk: Desk, what: str, delegation_id: int, direction: str, state: str, refusal: str
) -> Delegation:
    """The 委托 an act (``what``, for the permission check) moves on from ``state``; ``refusal``
    (with ``{id}`` and ``{state}``, the name of the state it is in) when it is not there."""
    require(operator_role(s, desk), ROLES, what)
    row = _get(s, delegation_id, direction)
    if row.state != state:
        raise Conflict(refusal.format(id=delegation_id, state=STATE_NAMES[row.state]))
    return row


def _record(s: Session, desk: Desk, row: Delegation, action: str, summary: str) -> None:
    audit.record(
        s,
        operator=desk.operator,
        action=action,
        entity="delegation",
        entity_id=row.id,
        case_id=row.case_id,
        summary=summary,
        after={"state": row.state, "court": row.court, "matter": row.matter},
    )


def item_row(s: Session, item_id: int) -> Delegation | None:
    """The open outgoing 委托 of a checklist item, if any."""
    return s.exec(
        select(Delegation)
        .where(Delegation.query_item_id == item_id, Delegation.direction == "out", Delegation.state != "done")
        .order_by(col(Delegation.id).desc())
    ).first()


@emits("delegation_needed")
def flag_delegation(
    desk: Desk, case_id: int, item_id: int, *, on: date | None = None, court: str = "", note: str = ""
) -> int:
    """发现辖区外财产需委托: the property an offline item found is outside the court's area; the
    3 working days to hand it to the 委托专员 start. Returns the 委托's id."""
    court = _text(court, "财产所在地法院", 60)
    note = _text(note, "备注", 200)
    with desk.transaction() as s:
        require(operator_role(s, desk), ROLES, "登记辖区外财产需委托")
        case = get_open_case(s, case_id)
        item = s.get(QueryItem, item_id)
        if item is None or item.case_id != case_id:
            raise NotFound(f"案件 {case.case_no} 没有编号为 {item_id} 的查控项目")
        if item.result != "found" or item.status != "feedback":
            raise Conflict("只有已反馈“有财产”、尚未控制的查控项目才能登记为需委托外地")
        if item_row(s, item_id) is not None:
            raise Conflict(f"查控项目 {item_id} 已登记委托")
        day = _day(desk, on, item.feedback_on, "反馈之日")
        row = Delegation(
            direction="out",
            case_id=case_id,
            query_item_id=item_id,
            court=court,
            opened_on=day,
            state="needed",
            note=note,
            by=desk.operator[:40],
            matter="查封/冻结辖区外财产",
        )
        s.add(row)
        s.flush()
        _record(
            s, desk, row, "delegation.need", f"发现辖区外财产需委托（查控项目 {item_id}）{day.isoformat()}"
        )
        apply_event(s, desk, case, "delegation_needed", desk.moment_on(day), desk.operator)
        return row.id  # type: ignore[return-value]


def hand_over_item(s: Session, desk: Desk, case: Case, item: QueryItem, day: date) -> Delegation:
    """The item marked 委托外地 is handed to the 委托专员 (in the checklist's transaction; the
    checklist records ``delegation_handed``)."""
    row = item_row(s, item.id)  # type: ignore[arg-type]
    if row is None:
        row = Delegation(
            direction="out",
            case_id=case.id,
            query_item_id=item.id,
            opened_on=day,
            by=desk.operator[:40],
            matter="查封/冻结辖区外财产",
        )
    row.handed_on, row.state = day, "handed"
    s.add(row)
    s.flush()
    _record(s, desk, row, "delegation.hand", f"移交事项委托专员（查控项目 {item.id}）{day.isoformat()}")
    return row


def record_reply(desk: Desk, delegation_id: int, *, on: date | None = None, reply: str = "") -> None:
    """The receiving court's reply (反馈) to a 委托 we sent."""
    reply = _text(reply, "反馈内容", 200, required=True)
    with desk.transaction() as s:
        refusal = "委托 {id} 当前为“{state}”，不能登记反馈"
        row = _advance(s, desk, "登记受托法院反馈", delegation_id, "out", "sent", refusal)
        row.replied_on = _day(desk, on, row.sent_on, "发出之日")
        row.reply, row.state = reply, "replied"
        s.add(row)
        _record(s, desk, row, "delegation.reply", f"受托法院反馈：{reply}（{row.replied_on.isoformat()}）")


def finish_outgoing(desk: Desk, delegation_id: int, *, on: date | None = None, note: str = "") -> None:
    """办结: the reply's materials printed and handed back to the team."""
    note = _text(note, "备注", 200)
    with desk.transaction() as s:
        refusal = "委托 {id} 当前为“{state}”，受托法院反馈后才能办结"
        row = _advance(s, desk, "办结事项委托", delegation_id, "out", "replied", refusal)
        row.done_on = _day(desk, on, row.replied_on, "反馈之日")
        row.state = "done"
        row.note = note or row.note
        s.add(row)
        _record(s, desk, row, "delegation.finish", f"委托办结，材料移交实施团队（{row.done_on.isoformat()}）")


@emits("delegation_arrived")
def register_incoming(
    desk: Desk,
    *,
    court: str,
    matter: str,
    their_case_no: str = "",
    arrived_on: date | None = None,
    case_id: int | None = None,
    note: str = "",
) -> int:
    """A 委托 from another court arrives (on the 执行指挥平台); linked to ``case_id`` when it
    concerns a case of ours (its nodes then run on that case). Returns its id."""
    court = _text(court, "委托法院", 60, required=True)
    matter = _text(matter, "委托事项", 100, required=True)
    their_case_no = _text(their_case_no, "委托法院案号", 60)
    note = _text(note, "备注", 200)
    with desk.transaction() as s:
        require(operator_role(s, desk), ROLES, "登记受托事项")
        case = get_case(s, case_id) if case_id is not None else None
        day = _day(desk, arrived_on)
        row = Delegation(
            direction="in",
            case_id=case_id,
            court=court,
            matter=matter,
            their_case_no=their_case_no,
            opened_on=day,
            state="arrived",
            note=note,
            by=desk.operator[:40],
        )
        s.add(row)
        s.flush()
        _record(s, desk, row, "delegation.arrive", f"外院委托到达：{court} {matter}（{day.isoformat()}）")
        if case is not None:
            apply_event(s, desk, case, "delegation_arrived", desk.moment_on(day), desk.operator)
        return row.id  # type: ignore[return-value]


@emits("delegation_received")
def receive_incoming(desk: Desk, delegation_id: int, *, on: date | None = None) -> None:
    """接收: the officer takes the 委托 in (the same day it arrived, 003 三(四)2)."""
    with desk.transaction() as s:
        row = _advance(s, desk, "接收受托事项", delegation_id, "in", "arrived", "受托事项 {id} 已接收")
        row.received_on = _day(desk, on, row.opened_on, "到达之日")
        row.state = "received"
        s.add(row)
        _record(s, desk, row, "delegation.receive", f"接收受托事项（{row.received_on.isoformat()}）")
        if row.case_id is not None:
            apply_event(
                s, desk, row.case_id, "delegation_received", desk.moment_on(row.received_on), desk.operator
            )


@emits("delegation_done")
def finish_incoming(desk: Desk, delegation_id: int, *, reply: str, on: date | None = None) -> None:
    """办结: done, the feedback uploaded and replied online to the requesting court (即办结完成)."""
    reply = _text(reply, "回复内容", 200, required=True)
    with desk.transaction() as s:
        refusal = "受托事项 {id} 当前为“{state}”，接收后才能办结"
        row = _advance(s, desk, "办结受托事项", delegation_id, "in", "received", refusal)
        day = _day(desk, on, row.received_on, "接收之日")
        row.done_on = row.replied_on = day
        row.reply, row.state = reply, "done"
        s.add(row)
        _record(s, desk, row, "delegation.done", f"受托事项办结并回复委托法院：{reply}（{day.isoformat()}）")
        if row.case_id is not None:
            apply_event(s, desk, row.case_id, "delegation_done", desk.moment_on(day), desk.operator)


def open_delegations(
    desk: Desk, *, direction: str | None = None, limit: int = 100, offset: int = 0
) -> Page[DelegationRow]:
    """The 委托 not yet finished, oldest first, with their age and the due day of their step."""
    if direction not in (None, "out", "in"):
        raise InvalidValue(
            f"方向应为 out（本院委托）或 in（受托）：{direction}", field="方向", value=direction
        )
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidValue(f"每页行数应在 1–{MAX_PAGE} 之间：{limit}", field="limit", value=limit)
    where: list = [col(Delegation.state).in_(OPEN_STATES)]
    if direction:
        where.append(col(Delegation.direction) == direction)
    today = desk.today()
    rules = {r.anchor: r for r in rules_for(desk.profile) if r.anchor.startswith("delegation_")}
    cal = calendar_for(desk)
    with desk.session() as s:
        total = s.exec(select(func.count()).select_from(Delegation).where(*where)).one()
        rows = s.exec(
            select(Delegation, Case.case_no)
            .join(Case, col(Case.id) == col(Delegation.case_id), isouter=True)
            .where(*where)
            .order_by(col(Delegation.opened_on), col(Delegation.id))
            .offset(offset)
            .limit(limit)
        ).all()
    items = []
    for row, case_no in rows:
        column, event = _STEP_CLOCK[row.state]
        since = getattr(row, column) or row.opened_on
        rule = rules.get(event) if event else None
        due = instantiate(rule, event, desk.moment_on(since), cal).due_on if rule is not None else None
        items.append(
            DelegationRow(
                row.id,  # type: ignore[arg-type]
                row.direction,
                row.case_id,
                case_no or "",
                row.court,
                row.matter,
                row.their_case_no,
                row.opened_on,
                row.state,
                since,
                (today - row.opened_on).days,
                due,
                row.query_item_id,
            )
        )
    return Page(items=tuple(items), total=int(total), offset=offset, limit=limit)
