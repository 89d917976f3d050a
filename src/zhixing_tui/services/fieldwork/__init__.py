"""首轮传统查控: the implementing team's first round of traditional enquiry after the center hands
the case over, and the finding it leads to.

汝阳 000 §二(二)8: 执行实施团队在收到执行事务中心集约查控材料后10日内，启动首轮传统查控，主要是第一次
传唤、查物、找人、现场调查等 — :func:`start_first_round` records which of these the team started
(``first_round_started`` completes the ``ruyang.first_round`` node anchored at ``transferred``).
It is the team's own act, not the center's 传统查控 of the checklist (000 §二(一)2, which leaves the
现场调查 to the team), so it is recorded explicitly, once per case, by a member of the team that
holds the case.

000 §二(二)9: 经首轮传统查控后，大概率为无财产可供执行的案件，实施团队…10日内…限消、失信、罚款、拘留 —
:func:`record_no_property` records that finding (``no_property_found`` starts
``ruyang.no_property_measures``; the measures recorded in :mod:`services.measures` complete it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from ...domain.roles import at_least, require, role_name
from ...errors import Conflict, InvalidValue, PermissionDenied
from ...storage.models import AuditEntry, Case, OrgUnit
from ...storage.queries import get_case, get_open_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import find_operator, operator_role

__all__ = [
    "FIRST_ROUND_STEPS",
    "FieldworkState",
    "check_day",
    "fieldwork_state",
    "record_no_property",
    "require_case_team",
    "start_first_round",
]

#: what a first round consists of (000 §二(二)8), in the seed's order
FIRST_ROUND_STEPS = ("传唤", "查物", "找人", "现场调查")

START_ACTION = "first_round.start"
NO_PROPERTY_ACTION = "first_round.no_property"
NOTE_MAX = 200


@dataclass(frozen=True)
class FieldworkState:
    first_round_started: bool
    no_property_found: bool


def require_case_team(s: Session, desk: Desk, case: Case, what: str) -> str:
    """The operator's role, when they may act for the team holding ``case``: a handler (or higher)
    of the case's own unit, or the bureau's leadership (执行局副局长 and above) or the administrator."""
    role = operator_role(s, desk)
    require(role, "handler", what)
    if role == "admin" or at_least(role, "deputy_chief"):
        return role
    me = find_operator(s, desk)
    unit_id = me.unit_id if me is not None else None
    if case.unit_id is None or unit_id != case.unit_id:
        unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        holder = unit.name if unit else "承办团队"
        raise PermissionDenied(
            f"{desk.operator}（{role_name(role)}）不是{holder}的人员，不能{what}（案件 {case.case_no}）"
        )
    return role


def check_day(desk: Desk, on: date | None, *, not_before: date | None = None, since: str = "") -> date:
    """``on`` (default today): not after today, and not before ``not_before`` (named ``since``)."""
    today = desk.today()
    day = on or today
    if day > today:
        raise InvalidValue(
            f"日期不能晚于今天（{today.isoformat()}）：{day.isoformat()}", field="日期", value=day
        )
    if not_before is not None and day < not_before:
        raise InvalidValue(
            f"日期不能早于{since}（{not_before.isoformat()}）：{day.isoformat()}", field="日期", value=day
        )
    return day


def _done(s: Session, case_id: int, action: str) -> bool:
    n = s.exec(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.case_id == case_id, AuditEntry.action == action)
    ).one()
    return bool(n)


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise InvalidValue(f"说明不能超过{NOTE_MAX}字", field="说明", value=note)
    return note


def fieldwork_state(desk: Desk, case_id: int) -> FieldworkState:
    """Whether the case's first round was started and no property was found after it."""
    with desk.session() as s:
        get_case(s, case_id)
        return FieldworkState(_done(s, case_id, START_ACTION), _done(s, case_id, NO_PROPERTY_ACTION))


@emits("first_round_started")
def start_first_round(
    desk: Desk, case_id: int, *, steps: Sequence[str], on: date | None = None, note: str = ""
) -> tuple[str, ...]:
    """The team starts its first round of traditional enquiry with ``steps`` (of
    :data:`FIRST_ROUND_STEPS`); returns them in the seed's order."""
    wanted = {x.strip() for x in steps if x.strip()}
    unknown = sorted(wanted - set(FIRST_ROUND_STEPS))
    if unknown:
        raise InvalidValue(
            f"不认识的首轮查控事项：{'、'.join(unknown)}（可选：{'、'.join(FIRST_ROUND_STEPS)}）",
            field="事项",
            value=unknown,
        )
    if not wanted:
        raise InvalidValue(f"请写明启动了哪些事项：{'、'.join(FIRST_ROUND_STEPS)}", field="事项")
    chosen = tuple(x for x in FIRST_ROUND_STEPS if x in wanted)
    note = _note(note)
    with desk.transaction() as s:
        case = get_open_case(s, case_id)
        require_case_team(s, desk, case, "启动首轮传统查控")
        stage = desk.profile.stage(case.stage)
        if stage.kind != "work":
            raise Conflict(
                f"案件 {case.case_no} 尚在{stage.name}阶段，未移交实施团队；首轮传统查控由实施团队在收到案件后启动"
            )
        if _done(s, case_id, START_ACTION):
            raise Conflict(f"案件 {case.case_no} 已启动首轮传统查控")
        day = check_day(desk, on, not_before=case.stage_entered_at.date(), since=f"移交{stage.name}之日")
        audit.record_case(
            s,
            desk,
            case_id,
            START_ACTION,
            f"启动首轮传统查控：{'、'.join(chosen)}（{day.isoformat()}）" + (f"。{note}" if note else ""),
            after={"steps": list(chosen), "on": day.isoformat(), "note": note},
        )
        apply_event(s, desk, case, "first_round_started", desk.moment_on(day), desk.operator)
        return chosen


@emits("no_property_found")
def record_no_property(desk: Desk, case_id: int, *, on: date | None = None, note: str = "") -> None:
    """After the first round: no property found that can be executed (000 §二(二)9), so the team
    turns to 限消、失信、罚款、拘留 within 10 days."""
    note = _note(note)
    with desk.transaction() as s:
        case = get_open_case(s, case_id)
        require_case_team(s, desk, case, "认定无财产可供执行")
        if not _done(s, case_id, START_ACTION):
            raise Conflict(f"案件 {case.case_no} 尚未启动首轮传统查控，不能认定无财产可供执行")
        if _done(s, case_id, NO_PROPERTY_ACTION):
            raise Conflict(f"案件 {case.case_no} 已认定首轮查控后无财产可供执行")
        day = check_day(desk, on, not_before=case.filed_on, since="立案日期")
        audit.record_case(
            s,
            desk,
            case_id,
            NO_PROPERTY_ACTION,
            f"首轮传统查控后认定无财产可供执行（{day.isoformat()}）" + (f"。{note}" if note else ""),
            after={"on": day.isoformat(), "note": note},
        )
        apply_event(s, desk, case, "no_property_found", desk.moment_on(day), desk.operator)
