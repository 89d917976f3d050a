"""A case's stage moves and its closing (结案).

:func:`set_stage` is a session-level helper that registration, the flow, triage and handoff
services reuse to move a case; :func:`close_in_session` closes a case inside the caller's
transaction (:func:`close_case` and the 结案审查 approval both close through it). Every change is
audited in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from ... import clock
from ...domain.closing import TERMINATED_THIS_ROUND, check_closing_amounts, normalize_closing_method
from ...errors import Conflict, InvalidValue
from ...storage.models import Case, StageEntry
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..zhongben.conditions import require_zhongben

__all__ = ["CLOSING_FIELDS", "close_case", "close_in_session", "recovered_so_far", "set_stage"]


@emits("stage_entered")
def set_stage(
    session: Session,
    case: Case,
    stage: str,
    unit_id: int | None,
    handler_id: int | None,
    reason: str,
    operator: str,
    *,
    at: datetime | None = None,
    record: bool = True,
    desk: Desk | None = None,
) -> StageEntry:
    """Move ``case`` to ``stage`` (unit, handler): close the open StageEntry, open a new one.

    With ``record`` (the default) an audit entry ``reason`` is written; callers that audit the
    move themselves pass ``record=False``. ``at`` is the moment of the move (default now). With
    ``desk`` the move is also recorded as the ``stage_entered`` event, which starts the new stage's
    deadline clock (and ends the old stage's).
    """
    moment = clock.now()  # the current clock: the desk's, inside its transaction
    at = at or moment
    for open_entry in session.exec(
        select(StageEntry).where(StageEntry.case_id == case.id, StageEntry.left_at.is_(None))
    ):
        open_entry.left_at = at
        open_entry.next_stage = stage  # where it went (七组流转)
        session.add(open_entry)
    before = audit.snapshot(case, ["stage", "unit_id", "handler_id"])
    entry = StageEntry(
        case_id=case.id, stage=stage, unit_id=unit_id, handler_id=handler_id, entered_at=at, reason=reason
    )
    session.add(entry)
    case.stage, case.unit_id, case.handler_id = stage, unit_id, handler_id
    case.stage_entered_at = at
    case.updated_at = moment
    session.add(case)
    session.flush()
    if desk is not None:  # the stage's own clock (a limit such as 监利 线上查控 3周) starts on entry
        apply_event(session, desk, case, "stage_entered", at, operator, subject=stage)
    if record:
        audit.record(
            session,
            operator=operator,
            action="stage",
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            summary=reason or f"移入阶段 {stage}",
            before=before,
            after=audit.snapshot(case, ["stage", "unit_id", "handler_id"]),
            at=at,
        )
    return entry


CLOSING_FIELDS = [
    "status",
    "stage",
    "closed_on",
    "closing_method",
    "closing_fen",
    "recovered_fen",
    "abandoned_fen",
]


@emits("closed")
def close_in_session(
    s: Session,
    desk: Desk,
    case: Case,
    *,
    method: str,
    closed_on: date,
    closing_fen: int,
    recovered_fen: int,
    abandoned_fen: int = 0,
    reason: str = "",
    at: datetime | None = None,
    summary: str | None = None,
) -> None:
    """结案 inside the caller's transaction: check, record method and amounts, move the case to the
    profile's closed stage, audit, and complete the nodes closing completes. ``close_case`` and
    the 结案审查 approval (handoffs) both close through here, so a 终本 closing always passes the
    conditions of ``services.zhongben.conditions`` (only imported historical cases do not)."""
    method = normalize_closing_method(method)
    check_closing_amounts(
        method, closing_fen=closing_fen, recovered_fen=recovered_fen, abandoned_fen=abandoned_fen
    )
    if case.status == "closed":
        raise Conflict(f"案件 {case.case_no} 已于 {case.closed_on} 结案，不能重复结案")
    if closed_on < case.filed_on:
        raise InvalidValue(
            f"结案日期 {closed_on} 早于立案日期 {case.filed_on}", field="结案日期", value=closed_on
        )
    if method == TERMINATED_THIS_ROUND:  # 法〔2016〕373号 and the court's list, on the closing day
        require_zhongben(s, desk, case, closed_on)
    closed_stage = next((st.code for st in desk.profile.stages if st.kind == "closed"), None)
    before = audit.snapshot(case, CLOSING_FIELDS)
    at = at or desk.moment_on(closed_on)
    if closed_stage:
        set_stage(
            s,
            case,
            closed_stage,
            case.unit_id,  # a closed case stays counted under the unit that closed it
            case.handler_id,
            f"结案：{method}",
            desk.operator,
            at=at,
            record=False,
        )
    else:
        for open_entry in s.exec(
            select(StageEntry).where(StageEntry.case_id == case.id, StageEntry.left_at.is_(None))
        ):
            open_entry.left_at = at
            s.add(open_entry)
    case.status = "closed"
    case.closed_on = closed_on
    case.closing_method = method
    case.closing_fen = closing_fen
    case.recovered_fen = recovered_fen
    case.abandoned_fen = abandoned_fen
    case.closing_reason = reason.strip()
    case.updated_at = desk.now()
    s.add(case)
    audit.record_case(
        s,
        desk,
        case.id,
        "close",
        summary or f"结案：{method}",
        before=before,
        after=audit.snapshot(case, CLOSING_FIELDS + ["closing_reason"]),
    )
    # the closing method is the event's subject: 终本 starts the 终本案件库's re-query series
    apply_event(s, desk, case, "closed", at, desk.operator, subject=method)


def recovered_so_far(desk: Desk, case_id: int) -> int:
    """执行到位金额 the case carries now (案款 claimed to it, less what was returned): what a closing
    form starts from, so closing does not overwrite the money already recovered with 0."""
    with desk.session() as s:
        return get_case(s, case_id).recovered_fen


def close_case(
    desk: Desk,
    case_id: int,
    *,
    method: str,
    closed_on: date,
    closing_fen: int,
    recovered_fen: int,
    abandoned_fen: int = 0,
    reason: str = "",
) -> None:
    """结案: record method and amounts; the case moves to the profile's closed stage (if any)."""
    with desk.transaction() as s:
        close_in_session(
            s,
            desk,
            get_case(s, case_id),
            method=method,
            closed_on=closed_on,
            closing_fen=closing_fen,
            recovered_fen=recovered_fen,
            abandoned_fen=abandoned_fen,
            reason=reason,
        )
