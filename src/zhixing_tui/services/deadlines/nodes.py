"""Deadline nodes on cases: recording events, suspensions, 督办, and a case's node list.

:func:`apply_event` is the one entry point: any service that records something on a case (立案,
收案, a handoff, a decision, money arriving, a seal …) calls it inside its own transaction. It
completes (or withdraws) the case's open nodes that the event fulfils and creates the nodes whose
anchor is the event, and writes one audit entry saying what changed. The alerts screen and the
nightly report read through :mod:`services.deadlines.alerts` (one query, so they agree).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from ...domain.calendar import WorkCalendar
from ...domain.events import event_name, require_event
from ...domain.nodes import (
    NodeSpec,
    Pause,
    as_moment,
    execution_due,
    instantiate,
    node_status,
    status_name,
    step,
)
from ...errors import Conflict, InvalidValue, NotFound
from ...profiles.deadline_schema import DeadlineRule, rules_for
from ...storage.models import Case, DeadlineNode, OrgUnit, Staff, Suspension, Urge
from .. import audit
from ..desk import Desk

__all__ = [
    "EXECUTION_RULE",
    "NodeView",
    "apply_event",
    "apply_events",
    "case_nodes",
    "resume",
    "suspend",
    "urge",
]

EXECUTION_RULE = "national.execution_period"
_SUMMARY_MAX = 300


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
    return text if len(text) <= _SUMMARY_MAX else text[: _SUMMARY_MAX - 1] + "…"


def apply_events(
    session: Session,
    ctx,
    case: Case,
    events: Iterable[tuple[str, datetime | date, str | None]],
    operator: str,
    *,
    cal: WorkCalendar | None = None,
    record: bool = True,
) -> int:
    """Apply ``(event, at, subject)`` in time order; return how many nodes were created."""
    profile, cal = _context(ctx, cal)
    n = 0
    for event, at, subject in sorted(events, key=lambda e: as_moment(e[1])):
        n += len(
            apply_event(session, profile, case, event, at, operator, subject=subject, cal=cal, record=record)
        )
    return n


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


# --- 中止 / 暂缓 ---------------------------------------------------------------------------------
SUSPENSION_KINDS = ("中止", "暂缓")


def suspend(desk: Desk, case_id: int, *, kind: str, start_on: date, reason: str) -> int:
    """Record a 中止/暂缓 from ``start_on`` with its reason; the execution period stops running."""
    if kind not in SUSPENSION_KINDS:
        raise InvalidValue(f"中止类型应为 中止 或 暂缓：{kind}", field="类型", value=kind)
    if not reason.strip():
        raise InvalidValue("中止/暂缓必须写明原因", field="原因")
    with desk.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"案件（编号 {case_id}）不存在")
        if case.status != "open":
            raise Conflict(f"案件 {case.case_no} 当前不是执行中状态，不能{kind}")
        row = Suspension(case_id=case_id, kind=kind, start_on=start_on, reason=reason.strip())
        s.add(row)
        case.status = "suspended"
        s.add(case)
        s.flush()
        audit.record(
            s,
            operator=desk.operator,
            action="suspend",
            entity="suspension",
            entity_id=row.id,
            case_id=case_id,
            summary=f"{kind}执行：自 {start_on} 起，原因：{reason.strip()}"[:_SUMMARY_MAX],
            after=audit.snapshot(row),
        )
        apply_event(s, desk, case, "suspended", start_on, desk.operator, record=False)
        return row.id


def resume(desk: Desk, case_id: int, *, end_on: date) -> date | None:
    """End the open 中止/暂缓 on ``end_on``; return the execution period's new last day."""
    with desk.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"案件（编号 {case_id}）不存在")
        row = s.exec(
            select(Suspension).where(Suspension.case_id == case_id, col(Suspension.end_on).is_(None))
        ).first()
        if row is None:
            raise Conflict(f"案件 {case.case_no} 没有未结束的中止/暂缓")
        if end_on < row.start_on:
            raise InvalidValue(f"恢复日期 {end_on} 早于{row.kind}开始日期 {row.start_on}", field="恢复日期")
        before = audit.snapshot(row)
        row.end_on = end_on
        s.add(row)
        case.status = "open"
        s.add(case)
        s.flush()
        apply_event(s, desk, case, "resumed", end_on, desk.operator, record=False)
        node = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id, DeadlineNode.rule_id == EXECUTION_RULE
            )
        ).first()
        new_due = node.due_on if node else None
        audit.record(
            s,
            operator=desk.operator,
            action="resume",
            entity="suspension",
            entity_id=row.id,
            case_id=case_id,
            summary=f"{row.kind}结束，恢复执行：{row.start_on} 至 {end_on} 不计入执行期限"
            + (f"，执行期限顺延至 {new_due}" if new_due else ""),
            before=before,
            after=audit.snapshot(row),
        )
        return new_due


# --- 督办 -------------------------------------------------------------------------------------
def urge(desk: Desk, node_id: int, urged_staff_id: int | None, about: str, note: str = "") -> int:
    """督办: record that ``urged_staff_id`` was urged about node ``node_id``; audited on the case."""
    about = about.strip()
    if not about:
        raise InvalidValue("督办事项不能为空", field="督办事项")
    with desk.transaction() as s:
        node = s.get(DeadlineNode, node_id)
        if node is None:
            raise NotFound(f"流程节点（编号 {node_id}）不存在")
        who = ""
        if urged_staff_id is not None:
            staff = s.get(Staff, urged_staff_id)
            if staff is None:
                raise NotFound(f"被督办人（编号 {urged_staff_id}）不存在")
            who = staff.name
        row = Urge(
            case_id=node.case_id,
            node_id=node.id,
            urged_staff_id=urged_staff_id,
            about=about[:200],
            note=note.strip()[:500],
            by=desk.operator,
        )
        s.add(row)
        s.flush()
        text = f"督办{who or ''}：{about}（节点：{node.name}，期限 {node.due_on}）"
        if note.strip():
            text += f"；{note.strip()}"
        audit.record(
            s,
            operator=desk.operator,
            action="urge",
            entity="urge",
            entity_id=row.id,
            case_id=node.case_id,
            summary=text[:_SUMMARY_MAX],
            after=audit.snapshot(row),
        )
        return row.id


# --- a case's nodes ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NodeView:
    id: int
    rule_id: str
    name: str
    source: str
    period: str
    anchor_event: str
    anchor_at: datetime
    due_on: date
    due_at: datetime | None
    completed_at: datetime | None
    completed_by: str | None
    completed_event: str | None
    status: str
    status_name: str
    days: int


def case_nodes(desk: Desk, case_id: int, as_of: date | None = None) -> list[NodeView]:
    """Every node of a case with its status on ``as_of`` (default today), by anchor then due date."""
    from .calendar import calendar_for

    as_of = as_of or desk.today()
    cal = calendar_for(desk)
    profile = desk.profile
    windows = {r.id: r.warning_window for r in rules_for(profile) if r.warning_window}
    default = profile.deadlines.warning_window
    with desk.session() as s:
        if s.get(Case, case_id) is None:
            raise NotFound(f"案件（编号 {case_id}）不存在")
        rows = s.exec(
            select(DeadlineNode)
            .where(DeadlineNode.case_id == case_id)
            .order_by(col(DeadlineNode.anchor_at), col(DeadlineNode.due_on), col(DeadlineNode.id))
        ).all()
    out = []
    for n in rows:
        st, days = node_status(n, as_of, cal, windows.get(n.rule_id, default))
        out.append(
            NodeView(
                n.id,
                n.rule_id,
                n.name,
                n.source,
                n.period,
                n.anchor_event,
                n.anchor_at,
                n.due_on,
                n.due_at,
                n.completed_at,
                n.completed_by,
                n.completed_event,
                st,
                status_name(st),
                days,
            )
        )
    return out
