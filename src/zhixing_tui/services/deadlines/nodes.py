"""Deadline nodes on cases: recording the events that create, complete and withdraw them.

:func:`apply_event` is the one entry point: any service that records something on a case (立案,
收案, a handoff, a decision, money arriving, a seal …) calls it inside its own transaction. It
completes (or withdraws) the case's open nodes that the event fulfils and creates the nodes whose
anchor is the event, and writes one audit entry saying what changed. Resuming after a 中止/暂缓
moves the execution period's last day. Suspensions live in :mod:`.suspensions`, 督办 in
:mod:`.urges`, a case's node list in :mod:`.case_nodes`; the alerts screen and the nightly
report read through :mod:`services.deadlines.alerts` (one query, so they agree).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from ...domain.calendar import WorkCalendar
from ...domain.events import event_name, require_event
from ...domain.nodes import NodeSpec, Pause, as_moment, execution_due, instantiate, step
from ...errors import NotFound
from ...profiles.deadline_schema import DeadlineRule, rules_for
from ...storage.models import Case, DeadlineNode, OrgUnit, Suspension
from .. import audit
from ..desk import Desk
from .emitters import check_declared

__all__ = ["EXECUTION_RULE", "SUMMARY_MAX", "apply_event"]

EXECUTION_RULE = "national.execution_period"
SUMMARY_MAX = 300  # an audit summary longer than this is cut with …


def _context(ctx, cal: WorkCalendar | None):
    """(profile, calendar) from a Desk or a Profile."""
    if isinstance(ctx, Desk):
        from .calendar import calendar_for

        return ctx.profile, cal or calendar_for(ctx)
    from ...domain.calendar import default_calendar

    return ctx, cal or default_calendar()


def _unit_ids(session: Session) -> dict[str, int]:
    return {code: uid for code, uid in session.exec(select(OrgUnit.code, OrgUnit.id))}


def _unit_code(session: Session, unit_id: int | None) -> str | None:
    if unit_id is None:
        return None
    unit = session.get(OrgUnit, unit_id)
    return unit.code if unit else None


def _clock_moment(session: Session, case: Case, event: str) -> datetime | None:
    """When ``event`` happened on ``case``: a node anchored at it, else what the case row knows."""
    anchored = session.exec(
        select(DeadlineNode.anchor_at)
        .where(DeadlineNode.case_id == case.id, DeadlineNode.anchor_event == event)
        .order_by(col(DeadlineNode.anchor_at))
    ).first()
    if anchored is not None:
        return anchored
    done = session.exec(
        select(DeadlineNode.completed_at)
        .where(DeadlineNode.case_id == case.id, DeadlineNode.completed_event == event)
        .order_by(col(DeadlineNode.completed_at))
    ).first()
    if done is not None:
        return done
    if event == "filed":
        return datetime.combine(case.filed_on, time.min)
    if event == "received":
        return datetime.combine(case.received_on or case.filed_on, time.min)
    return None


def _pauses(session: Session, case_id: int) -> list[Pause]:
    rows = session.exec(select(Suspension).where(Suspension.case_id == case_id, Suspension.kind != "延长"))
    return [Pause(r.start_on, r.end_on, r.reason, r.kind) for r in rows]


def _spec(
    session: Session, rule: DeadlineRule, case: Case, event: str, at: datetime, cal: WorkCalendar
) -> NodeSpec:
    clock_at = _clock_moment(session, case, rule.clock) if rule.clock else None
    spec = instantiate(rule, event, at, cal, clock_at=clock_at)
    if rule.kind == "execution_period":
        due_on, warnings = execution_due(clock_at or at, _pauses(session, case.id), cal, period=rule.period)
        spec = replace(spec, due_on=due_on, warnings=warnings)
    return spec


def _owner(rule: DeadlineRule, case: Case, unit_ids: dict[str, int]) -> tuple[int | None, int | None]:
    """(owner unit, owner staff). ``handler`` nodes store neither: they follow the case."""
    if not rule.owner or rule.owner == "handler":
        return None, None
    unit_id = unit_ids.get(rule.owner)
    staff_id = case.handler_id if unit_id is not None and unit_id == case.unit_id else None
    return unit_id, staff_id


def apply_event(
    session: Session,
    ctx,
    case: Case | int,
    event: str,
    at: datetime | date,
    operator: str,
    *,
    subject: str | None = None,
    cal: WorkCalendar | None = None,
    record: bool = True,
    only: frozenset[str] | set[str] | None = None,
) -> list[DeadlineNode]:
    """Record ``event`` (at ``at``) on ``case`` for the deadline nodes; return the nodes created.

    ``only`` limits the nodes created to those rule ids (an import starts the execution period of
    a case whose other early steps happened in the national system, unseen here).

    ``ctx`` is the Desk (or, in batch code, the Profile). Open nodes anchored no later than ``at``
    are completed when their rule lists the event (``completed_by``/``reanchor_on``, or closing),
    withdrawn when it lists it in ``cancelled_by``; then a node is created for every rule whose
    anchor is the event and that applies to the case (triage class, unit, subject). A node with
    the same rule and anchor moment is never created twice. One audit entry says what changed.
    """
    require_event(event)
    check_declared(event)
    profile, cal = _context(ctx, cal)
    if isinstance(case, int):
        found = session.get(Case, case)
        if found is None:
            raise NotFound(f"案件（编号 {case}）不存在")
        case = found
    at = as_moment(at)
    rules = rules_for(profile)
    open_nodes = session.exec(
        select(DeadlineNode)
        .where(DeadlineNode.case_id == case.id, col(DeadlineNode.completed_at).is_(None))
        .order_by(col(DeadlineNode.anchor_at), col(DeadlineNode.id))
    ).all()
    unit_code = _unit_code(session, case.unit_id)
    result = step(
        rules, open_nodes, event, at, subject=subject, triage_class=case.triage_class, unit_code=unit_code
    )
    for node in result.withdraw:
        session.delete(node)
    for node in result.complete:
        node.completed_at = at
        node.completed_event = event
        node.completed_by = operator
        session.add(node)
    done = [n.name for n in result.complete]
    withdrawn = [n.name for n in result.withdraw]
    if event == "resumed":
        _refresh_execution_period(
            session, case, cal, next((r for r in rules if r.id == EXECUTION_RULE), None)
        )

    created: list[DeadlineNode] = []
    unit_ids: dict[str, int] | None = None
    for rule in result.create:
        if only is not None and rule.id not in only:
            continue
        twin = session.exec(
            select(DeadlineNode.id).where(
                DeadlineNode.case_id == case.id, DeadlineNode.rule_id == rule.id, DeadlineNode.anchor_at == at
            )
        ).first()
        if twin is not None:
            continue
        spec = _spec(session, rule, case, event, at, cal)
        if unit_ids is None:
            unit_ids = _unit_ids(session)
        owner_unit, owner_staff = _owner(rule, case, unit_ids)
        node = DeadlineNode(
            case_id=case.id,
            rule_id=spec.rule_id,
            name=spec.name,
            source=spec.source[:200],
            period=spec.period,
            anchor_event=event,
            anchor_at=at,
            due_on=spec.due_on,
            due_at=spec.due_at,
            owner_unit_id=owner_unit,
            owner_staff_id=owner_staff,
            warnings=list(spec.warnings),
        )
        session.add(node)
        created.append(node)
    if created:
        session.flush()
    if record and (created or done or withdrawn):
        audit.record(
            session,
            operator=operator,
            action="nodes",
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            summary=_summary(event, subject, created, done, withdrawn),
            after={
                "event": event,
                "subject": subject,
                "created": [n.rule_id for n in created],
                "completed": done,
                "withdrawn": withdrawn,
            },
            at=at,
        )
    return created


def _summary(event: str, subject, created, done, withdrawn) -> str:
    parts = [f"{event_name(event)}{f'（{subject}）' if subject else ''}"]
    if created:
        parts.append("新增节点：" + "、".join(f"{n.name}（{n.due_on} 前）" for n in created))
    if done:
        parts.append("完成节点：" + "、".join(done))
    if withdrawn:
        parts.append("不再适用：" + "、".join(withdrawn))
    text = "；".join(parts)
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"


def _refresh_execution_period(session: Session, case: Case, cal: WorkCalendar, rule) -> None:
    if rule is None:
        return
    for node in session.exec(
        select(DeadlineNode).where(
            DeadlineNode.case_id == case.id,
            DeadlineNode.rule_id == EXECUTION_RULE,
            col(DeadlineNode.completed_at).is_(None),
        )
    ):
        clock = _clock_moment(session, case, rule.clock) if rule.clock else node.anchor_at
        node.due_on, _ = execution_due(
            clock or node.anchor_at, _pauses(session, case.id), cal, period=rule.period
        )
        session.add(node)
