"""Deadline nodes on cases: recording the events that create, complete and withdraw them.

:func:`apply_event` is the one entry point: any service that records something on a case (立案,
收案, a handoff, a decision, money arriving, a seal …) calls it inside its own transaction. It
completes (or withdraws) the case's open nodes that the event fulfils and creates the nodes whose
anchor is the event, and writes one audit entry saying what changed. The execution period's last
day follows the case: its base period (6 months, 3 for 非诉执行), the time the law does not count —
中止/暂缓 (:mod:`.suspensions`) and the pauses the events of the operations open and close (公告, 评估,
拍卖: ``domain.execution_period.PAUSE_RULES``, stored as ``Suspension`` rows with ``source_event``) —
and approved extensions (:mod:`.extensions`): :func:`refresh_execution_period`. Suspensions live in :mod:`.suspensions`, 督办 in
:mod:`.urges`, a case's node list in :mod:`.case_nodes`; the alerts screen and the nightly
report read through :mod:`services.deadlines.alerts` (one query, so they agree).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from ...domain.calendar import WorkCalendar
from ...domain.events import event_name, require_event
from ...domain.execution_period import (
    PAUSE_EVENTS,
    execution_due,
    extension_note,
    pause_step,
    period_for,
    period_name,
)
from ...domain.nodes import NodeSpec, Pause, as_moment, instantiate, seal_spec, series_spec, step
from ...domain.seals import DEFAULT_REMINDER
from ...errors import NotFound
from ...profiles.deadline_schema import EXECUTION_RULE, DeadlineRule, rules_for
from ...storage.models import Approval, Case, DeadlineNode, OrgUnit, Suspension
from .. import audit
from ..desk import Desk
from .emitters import check_declared

__all__ = [
    "EXECUTION_RULE",
    "SUMMARY_MAX",
    "apply_event",
    "first_in_series",
    "join_series",
    "new_case_nodes",
    "approved_extensions",
    "refresh_execution_period",
]

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
    rows = session.exec(select(Suspension).where(Suspension.case_id == case_id))
    return [Pause(r.start_on, r.end_on, r.reason, r.kind) for r in rows]


def approved_extensions(session: Session, case_id: int) -> list[Approval]:
    """The case's approved extensions of the execution period, oldest decision first."""
    return list(
        session.exec(
            select(Approval)
            .where(Approval.case_id == case_id, Approval.kind == "extension", Approval.status == "approved")
            .order_by(col(Approval.decided_at), col(Approval.id))
        )
    )


def _execution(session: Session, rule: DeadlineRule, case: Case, clock: datetime, cal: WorkCalendar):
    """(period, name, due_on, warnings, note) of the case's execution period counted from ``clock``."""
    period = period_for(
        case.non_litigation, period=rule.period, non_litigation_period=rule.non_litigation_period
    )
    granted = approved_extensions(session, case.id)
    due_on, warnings = execution_due(
        clock,
        _pauses(session, case.id),
        cal,
        period=period,
        extensions=[a.details.get("period", "") for a in granted],
    )
    note = "；".join(
        extension_note(
            a.details.get("period", ""),
            (a.decided_at or a.requested_at).date(),
            a.details.get("approver_title", ""),
            a.decided_by or "",
        )
        for a in granted
    )
    name = period_name(True, period) if case.non_litigation else rule.name
    return period, name, due_on, warnings, note[:200]


def _spec(
    session: Session,
    rule: DeadlineRule,
    case: Case,
    event: str,
    at: datetime,
    cal: WorkCalendar,
    reminder: str = DEFAULT_REMINDER,
) -> NodeSpec:
    if rule.repeat_every:  # the first node of a series (终本 re-query: 第1期)
        first = series_spec(rule, event, at, 1, cal)
        assert first is not None
        return first
    clock_at = _clock_moment(session, case, rule.clock) if rule.clock else None
    spec = instantiate(rule, event, at, cal, clock_at=clock_at)
    if rule.kind == "execution_period":
        period, name, due_on, warnings, _note = _execution(session, rule, case, clock_at or at, cal)
        spec = replace(spec, period=period, name=name, due_on=due_on, warnings=warnings)
    if rule.kind == "seal":
        spec = seal_spec(spec, rule.subjects[0], rule.period, at, cal, reminder)
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

    created: list[DeadlineNode] = []
    unit_ids: dict[str, int] | None = None
    specs: list[tuple[DeadlineRule, NodeSpec]] = []
    for rule in result.create:
        if only is not None and rule.id not in only:
            continue
        specs.append((rule, _spec(session, rule, case, event, at, cal, profile.deadlines.seal_reminder)))
    by_id = {r.id: r for r in rules}
    for done_node in result.repeat:  # a series: the completed node is followed by the next one
        rule = by_id[done_node.rule_id]
        if only is None or rule.id in only:
            follow = _next_in_series(session, rule, case, done_node, cal)
            if follow is not None:
                specs.append((rule, follow))
    for rule, spec in specs:
        twin = session.exec(
            select(DeadlineNode.id).where(
                DeadlineNode.case_id == case.id,
                DeadlineNode.rule_id == rule.id,
                DeadlineNode.anchor_at == spec.anchor_at,
            )
        ).first()
        if twin is not None:
            continue
        if unit_ids is None:
            unit_ids = _unit_ids(session)
        created.append(_new_node(session, case, rule, spec, unit_ids))
    if created:
        session.flush()
    paused = _apply_pauses(session, case, event, at) if event in PAUSE_EVENTS else []
    if paused or event in ("resumed", "extension_approved"):
        refresh_execution_period(session, ctx, case, cal=cal)
    if record and (created or done or withdrawn or paused):
        audit.record(
            session,
            operator=operator,
            action="nodes",
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            summary=_summary(event, _subject_text(profile, subject), created, done, withdrawn, paused),
            after={
                "event": event,
                "subject": subject,
                "created": [n.rule_id for n in created],
                "completed": done,
                "withdrawn": withdrawn,
                **({"paused": paused} if paused else {}),
            },
            at=at,
        )
    return created


def _next_in_series(
    session: Session, rule: DeadlineRule, case: Case, done_node: DeadlineNode, cal: WorkCalendar
) -> NodeSpec | None:
    """The node after ``done_node`` in its series: the grid stays on the first node's anchor (the
    终本 closing), the index is how many nodes of the series the case has had."""
    anchors = session.exec(
        select(DeadlineNode.anchor_at)
        .where(
            DeadlineNode.case_id == case.id,
            DeadlineNode.rule_id == rule.id,
            DeadlineNode.anchor_event == done_node.anchor_event,
        )
        .order_by(col(DeadlineNode.anchor_at))
    ).all()
    if not anchors:
        return None
    return series_spec(rule, done_node.anchor_event, anchors[0], len(anchors) + 1, cal)


def _new_node(
    session: Session, case: Case, rule: DeadlineRule, spec: NodeSpec, unit_ids: dict[str, int]
) -> DeadlineNode:
    node = DeadlineNode(**_node_values(case, rule, spec, unit_ids))  # created_at: the model's default
    session.add(node)
    return node


def _node_values(
    case, rule: DeadlineRule, spec: NodeSpec, unit_ids: dict[str, int], created_at: datetime | None = None
) -> dict:
    """A new node's columns (a bulk INSERT gives ``created_at``; :func:`_new_node` leaves it to the
    model's default)."""
    owner_unit, owner_staff = _owner(rule, case, unit_ids)
    return dict(
        case_id=case.id,
        rule_id=spec.rule_id,
        name=spec.name,
        source=spec.source[:200],
        period=spec.period,
        anchor_event=spec.anchor_event,
        anchor_at=spec.anchor_at,
        due_on=spec.due_on,
        due_at=spec.due_at,
        owner_unit_id=owner_unit,
        owner_staff_id=owner_staff,
        completed_at=None,
        completed_by=None,
        completed_event=None,
        warnings=list(spec.warnings),
        note=spec.note[:200],
        **({} if created_at is None else {"created_at": created_at}),
    )


def new_case_nodes(
    profile,
    cal: WorkCalendar,
    case,
    event: str,
    at: datetime,
    unit_ids: dict[str, int],
    created_at: datetime,
    *,
    unit_code: str | None = None,
    only: frozenset[str] | set[str] | None = None,
    memo: dict | None = None,
) -> list[dict]:
    """The nodes :func:`apply_event` creates when ``event`` happens on a case that has no nodes,
    pauses or approvals yet (a case just inserted by an import), as column dicts for one bulk INSERT.

    ``case`` needs ``id``, ``unit_id``, ``handler_id``, ``triage_class``, ``non_litigation``,
    ``filed_on`` and ``received_on``. The same pure rules as :func:`apply_event` (``step``,
    ``instantiate``, ``execution_due``), without a query per case. ``memo`` (one dict for one
    batch under one calendar) keeps each due date computed once: many cases share a filing day."""
    rules = rules_for(profile)
    result = step(rules, (), event, at, triage_class=case.triage_class, unit_code=unit_code)
    out: list[dict] = []
    seen: set[tuple[str, datetime]] = set()
    for rule in result.create:
        if only is not None and rule.id not in only:
            continue
        key = (rule.id, event, at, bool(case.non_litigation), case.filed_on, case.received_on)
        spec = memo.get(key) if memo is not None else None
        if spec is None:
            spec = _fresh_spec(rule, case, event, at, cal, profile.deadlines.seal_reminder)
            if memo is not None:
                memo[key] = spec
        if (rule.id, spec.anchor_at) in seen:
            continue
        seen.add((rule.id, spec.anchor_at))
        out.append(_node_values(case, rule, spec, unit_ids, created_at))
    return out


def _fresh_spec(
    rule: DeadlineRule, case, event: str, at: datetime, cal: WorkCalendar, reminder: str
) -> NodeSpec:
    """:func:`_spec` for a case with no nodes, pauses or approved extensions yet."""
    if rule.repeat_every:
        first = series_spec(rule, event, at, 1, cal)
        assert first is not None
        return first
    clock_at = None
    if rule.clock == "filed":
        clock_at = datetime.combine(case.filed_on, time.min)
    elif rule.clock == "received":
        clock_at = datetime.combine(case.received_on or case.filed_on, time.min)
    spec = instantiate(rule, event, at, cal, clock_at=clock_at)
    if rule.kind == "execution_period":
        period = period_for(
            case.non_litigation, period=rule.period, non_litigation_period=rule.non_litigation_period
        )
        due_on, warnings = execution_due(clock_at or at, (), cal, period=period, extensions=[])
        name = period_name(True, period) if case.non_litigation else rule.name
        spec = replace(spec, period=period, name=name, due_on=due_on, warnings=warnings)
    if rule.kind == "seal":
        spec = seal_spec(spec, rule.subjects[0], rule.period, at, cal, reminder)
    return spec


def first_in_series(
    profile,
    cal: WorkCalendar,
    case,
    rule_id: str,
    anchor_event: str,
    origin: datetime,
    today: date,
    unit_ids: dict[str, int],
    created_at: datetime,
    memo: dict | None = None,
) -> dict | None:
    """:func:`join_series` for a case that has no node of ``rule_id`` yet, as a column dict for a
    bulk INSERT (None when the series has ended). ``memo`` as in :func:`new_case_nodes`."""
    from ...domain.nodes import series_count

    rule = next((r for r in rules_for(profile) if r.id == rule_id), None)
    if rule is None or not rule.repeat_every:
        return None
    key = ("series", rule_id, anchor_event, origin, today)
    if memo is not None and key in memo:
        spec = memo[key]
    else:
        spec = None
        for index in range(1, series_count(rule) + 1):
            found = series_spec(rule, anchor_event, origin, index, cal)
            if found is not None and found.due_on >= today:
                spec = found
                break
        if memo is not None:
            memo[key] = spec
    return None if spec is None else _node_values(case, rule, spec, unit_ids, created_at)


def join_series(
    session: Session,
    desk: Desk,
    case: Case,
    rule_id: str,
    anchor_event: str,
    origin: datetime,
    *,
    cal: WorkCalendar | None = None,
) -> DeadlineNode | None:
    """Put ``case`` into the series ``rule_id`` started at ``origin`` at its first node due today
    or later (None when the series has ended or the case already has a node of it).

    For a case that arrives by import already closed by 终本: the re-queries before the import
    happened in the national system, unseen here, so only the next one is tracked — counting
    the earlier ones 超期 would be false."""
    from ...domain.nodes import series_count

    rule = next((r for r in rules_for(desk.profile) if r.id == rule_id), None)
    if rule is None or not rule.repeat_every:
        return None
    has = session.exec(
        select(DeadlineNode.id).where(DeadlineNode.case_id == case.id, DeadlineNode.rule_id == rule_id)
    ).first()
    if has is not None:
        return None
    if cal is None:
        from .calendar import calendar_for

        cal = calendar_for(desk)
    for index in range(1, series_count(rule) + 1):
        spec = series_spec(rule, anchor_event, origin, index, cal)
        if spec is not None and spec.due_on >= desk.today():
            node = _new_node(session, case, rule, spec, _unit_ids(session))
            session.flush()
            return node
    return None


def _subject_text(profile, subject: str | None) -> str:
    """What an event was about, as a clerk reads it: a stage's name (进入阶段（收案登记）), an
    asset's (查封/冻结/扣押（存款）), else as recorded (a closing method is its Chinese name). The
    audit entry's ``after`` keeps the code."""
    if not subject:
        return ""
    stage = next((st.name for st in profile.stages if st.code == subject), None)
    if stage is not None:
        return stage
    from ...domain.checklist import ASSET_TYPES
    from ...domain.seals import SEAL_KIND_NAMES

    return SEAL_KIND_NAMES.get(subject) or ASSET_TYPES.get(subject) or subject


def _summary(event: str, subject, created, done, withdrawn, paused=()) -> str:
    parts = [f"{event_name(event)}{f'（{subject}）' if subject else ''}"]
    if created:
        parts.append("新增节点：" + "、".join(f"{n.name}（{n.due_on} 前）" for n in created))
    if done:
        parts.append("完成节点：" + "、".join(done))
    if withdrawn:
        parts.append("不再适用：" + "、".join(withdrawn))
    if paused:
        parts.append("执行期限" + "、".join(paused))
    text = "；".join(parts)
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"


def _apply_pauses(session: Session, case: Case, event: str, at: datetime) -> list[str]:
    """Open and close the pauses ``event`` starts and ends (each once); say what changed."""
    rows = session.exec(
        select(Suspension).where(Suspension.case_id == case.id, Suspension.source_event != "")
    ).all()
    change = pause_step(rows, event, at)
    said = []
    for new in change.open:
        session.add(
            Suspension(
                case_id=case.id,
                kind=new.kind,
                start_on=new.start_on,
                end_on=new.end_on,
                reason=new.reason[:200],
                source_event=new.source_event,
            )
        )
        until = f"至 {new.end_on}" if new.end_on else "起"
        said.append(f"不计入期间：{new.kind}（自 {new.start_on} {until}）")
    for row in change.close:
        row.end_on = change.end_on
        session.add(row)
        said.append(f"不计入期间结束：{row.kind}（{row.start_on} 至 {change.end_on}）")
    if said:
        session.flush()
    return said


def refresh_execution_period(
    session: Session, ctx, case: Case, *, cal: WorkCalendar | None = None
) -> date | None:
    """Recompute the case's open execution-period node (period by the 非诉 flag, pauses, approved
    extensions); return its last day, or None when the case has no open one."""
    profile, cal = _context(ctx, cal)
    rule = next((r for r in rules_for(profile) if r.id == EXECUTION_RULE), None)
    if rule is None:
        return None
    due: date | None = None
    for node in session.exec(
        select(DeadlineNode).where(
            DeadlineNode.case_id == case.id,
            DeadlineNode.rule_id == EXECUTION_RULE,
            col(DeadlineNode.completed_at).is_(None),
        )
    ):
        clock = (_clock_moment(session, case, rule.clock) if rule.clock else None) or node.anchor_at
        node.period, node.name, node.due_on, warnings, node.note = _execution(session, rule, case, clock, cal)
        node.warnings = list(warnings)
        session.add(node)
        due = node.due_on
    return due
