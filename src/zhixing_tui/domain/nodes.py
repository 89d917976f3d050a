"""Deadline nodes (流程节点), pure: a rule becomes a node on its anchor event, events complete or
withdraw it, and on any day a node has one of six statuses.

Statuses (DOMAIN §3): 已完成 (done on time), 超期完成 (done late), 未到期, 临期 (due within the
warning window — default 2 working days), 今日到期, 超期 (past due, not done).

National rules encoded here (the profile schema cites them too):

* the execution period, 6 months from 立案 (《最高人民法院关于人民法院办理执行案件若干期限的规定》
  第一条), with the time under 中止/暂缓 not counted (《最高人民法院关于严格执行案件审理期限制度的
  若干规定》第九条): :func:`execution_due`;
* seal/freeze terms (《最高人民法院关于适用〈民事诉讼法〉的解释》第四百八十五条): bank deposits 1 year,
  movables 2 years, real estate and other property rights 3 years, renewed (续冻/续封) before they
  lapse: :data:`SEAL_TERMS`, :func:`seal_expiry`;
* the 终本 procedural conditions (法〔2016〕373号 第一条; seed 003 §四(二)4(2)): :func:`check_zhongben`.

Nothing here touches the database: rules are any objects with the fields of
``profiles.deadline_schema.DeadlineRule``; nodes are anything with ``due_on``, ``due_at`` and
``completed_at``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from .calendar import WorkCalendar, default_calendar
from .periods import compute_due, next_working_day

# --- statuses ---------------------------------------------------------------------------------
DONE = "done"
DONE_LATE = "done_late"
PENDING = "pending"
APPROACHING = "approaching"
DUE_TODAY = "due_today"
OVERDUE = "overdue"

#: status code → Chinese name, in display order
STATUS_NAMES: dict[str, str] = {
    DONE: "已完成",
    DONE_LATE: "超期完成",
    PENDING: "未到期",
    APPROACHING: "临期",
    DUE_TODAY: "今日到期",
    OVERDUE: "超期",
}
#: the statuses the alerts screen and the nightly report show, in their order
ALERT_STATUSES: tuple[str, ...] = (OVERDUE, DUE_TODAY, APPROACHING)
DEFAULT_WARNING_WINDOW = "2个工作日"

#: asset kind → legal maximum term of a seal/freeze (民诉法解释 第四百八十五条)
SEAL_TERMS: dict[str, str] = {
    "deposit": "1年",
    "movable": "2年",
    "real_estate": "3年",
    "other_right": "3年",
}


def status_name(code: str) -> str:
    return STATUS_NAMES.get(code, code)


class NodeLike(Protocol):
    due_on: date
    due_at: datetime | None
    completed_at: datetime | None


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """A node to create: what the service stores as a DeadlineNode row."""

    rule_id: str
    name: str
    source: str
    period: str
    anchor_event: str
    anchor_at: datetime
    due_on: date
    due_at: datetime | None
    owner: str
    warnings: tuple[str, ...] = ()


# --- matching rules to events -----------------------------------------------------------------
def _subject_ok(rule: Any, subject: str | None) -> bool:
    return not rule.subjects or subject in rule.subjects


def anchors(
    rule: Any,
    event: str,
    *,
    subject: str | None = None,
    triage_class: str | None = None,
    unit_code: str | None = None,
) -> bool:
    """Does ``event`` create a node of ``rule`` on a case in this class/unit?"""
    if event != rule.anchor and event not in rule.reanchor_on:
        return False
    if not _subject_ok(rule, subject):
        return False
    if rule.classes and triage_class not in rule.classes:
        return False
    return not (rule.units and unit_code not in rule.units)


def _moved_on(rule: Any, event: str, subject: str | None) -> bool:
    """A case entering another stage has left the stage a stage-limit rule watches."""
    return (
        rule.kind == "stage_limit"
        and event == "stage_entered"
        and bool(subject)
        and not _subject_ok(rule, subject)
    )


def completes(rule: Any, event: str, *, subject: str | None = None) -> bool:
    """Does ``event`` fulfil an open node of ``rule``? (Closing completes every ``ends_with_case``
    node; entering another stage completes a stage limit that ends when the case leaves.)"""
    if event == "closed" and (rule.ends_with_case or "closed" in rule.completed_by):
        return True
    if _moved_on(rule, event, subject):
        return "stage_left" in rule.completed_by
    if event not in rule.completed_by and event not in rule.reanchor_on:
        return False
    return subject is None or _subject_ok(rule, subject)


def cancels(rule: Any, event: str, *, subject: str | None = None) -> bool:
    """Does ``event`` withdraw an open node of ``rule`` (it no longer applies)? A stage limit that
    only closing fulfils (速执 30日) no longer applies once the case moves to another stage."""
    if _moved_on(rule, event, subject) and "stage_left" not in rule.completed_by:
        return True
    return event in rule.cancelled_by and (subject is None or _subject_ok(rule, subject))


@dataclass(frozen=True, slots=True)
class Step:
    """What one event does to a case's nodes: open nodes it completes or withdraws, rules it starts."""

    complete: tuple[Any, ...]
    withdraw: tuple[Any, ...]
    create: tuple[Any, ...]


class OpenNode(Protocol):
    rule_id: str
    anchor_at: datetime


def step(
    rules: Sequence[Any],
    open_nodes: Iterable[OpenNode],
    event: str,
    at: datetime,
    *,
    subject: str | None = None,
    triage_class: str | None = None,
    unit_code: str | None = None,
    by_id: Mapping[str, Any] | None = None,
) -> Step:
    """Apply ``event`` at ``at`` to a case's open nodes (oldest first) under ``rules``.

    An open node anchored no later than ``at`` is withdrawn when its rule lists the event in
    ``cancelled_by``, else completed when the event fulfils it (a renewal or release answers one
    seal of its kind: the oldest). Then every rule the event anchors on this case starts a node.
    ``by_id`` (rule id → rule) may be passed by callers that apply many events.
    """
    if by_id is None:
        by_id = {r.id: r for r in rules}
    complete, withdraw = [], []
    seal_done: set[str] = set()
    for node in open_nodes:
        rule = by_id.get(node.rule_id)
        if rule is None or node.anchor_at > at:
            continue
        if cancels(rule, event, subject=subject):
            withdraw.append(node)
        elif completes(rule, event, subject=subject):
            if rule.kind == "seal" and event != "closed":
                if rule.id in seal_done:
                    continue
                seal_done.add(rule.id)
            complete.append(node)
    create = tuple(
        r for r in rules if anchors(r, event, subject=subject, triage_class=triage_class, unit_code=unit_code)
    )
    return Step(tuple(complete), tuple(withdraw), create)


def as_moment(value: date | datetime) -> datetime:
    """A date as the start of its day; a datetime unchanged."""
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)


def instantiate(
    rule: Any,
    anchor_event: str,
    anchor_at: datetime,
    cal: WorkCalendar | None = None,
    *,
    clock_at: date | datetime | None = None,
) -> NodeSpec:
    """The node ``rule`` gives when ``anchor_event`` happens at ``anchor_at``.

    The period runs from ``clock_at`` when the rule counts from an earlier event (``clock``),
    else from the anchor itself.
    """
    due = compute_due(clock_at if clock_at is not None else anchor_at, rule.period, cal)
    return NodeSpec(
        rule_id=rule.id,
        name=rule.name,
        source=rule.source,
        period=rule.period,
        anchor_event=anchor_event,
        anchor_at=anchor_at,
        due_on=due.due_on,
        due_at=due.due_at,
        owner=rule.owner,
        warnings=due.warnings,
    )


# --- status -----------------------------------------------------------------------------------
def approach_limit(
    today: date, warning_window: str = DEFAULT_WARNING_WINDOW, cal: WorkCalendar | None = None
) -> date:
    """The last due date that counts as 临期 on ``today``: ``warning_window`` counted from today."""
    return compute_due(today, warning_window, cal).due_on


def is_late(node: NodeLike) -> bool:
    """Was a completed node completed after its due moment (or after its due day)?"""
    if node.completed_at is None:
        return False
    if node.due_at is not None:
        return node.completed_at > node.due_at
    return node.completed_at.date() > node.due_on


def node_status(
    node: NodeLike,
    today: date,
    cal: WorkCalendar | None = None,
    warning_window: str = DEFAULT_WARNING_WINDOW,
    *,
    limit: date | None = None,
) -> tuple[str, int]:
    """``(status, days)`` of ``node`` on ``today``.

    ``days``: for 超期 the days past due; for 临期/未到期 the days left; 0 for 今日到期; for
    超期完成 how many days late it was done; 0 for 已完成. Day counts are calendar days. Completion
    is judged as of its own moment (a node completed after ``today`` is still open on ``today``).
    ``limit`` (the result of :func:`approach_limit`) may be passed to save recomputing it.
    """
    if node.completed_at is not None and node.completed_at.date() <= today:
        if is_late(node):
            return DONE_LATE, max((node.completed_at.date() - node.due_on).days, 0)
        return DONE, 0
    if today > node.due_on:
        return OVERDUE, (today - node.due_on).days
    if today == node.due_on:
        return DUE_TODAY, 0
    if limit is None:
        limit = approach_limit(today, warning_window, cal)
    if node.due_on <= limit:
        return APPROACHING, (node.due_on - today).days
    return PENDING, (node.due_on - today).days


# --- the execution period ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pause:
    """A 中止/暂缓 interval: ``start_on`` … ``end_on`` (None while it lasts), with its reason."""

    start_on: date
    end_on: date | None
    reason: str = ""
    kind: str = "中止"


def excluded_days(pauses: Iterable[Pause], as_of: date | None = None) -> int:
    """Days under 中止/暂缓 (an open pause counts up to ``as_of``; overlapping pauses count once)."""
    days: set[date] = set()
    for p in pauses:
        end = p.end_on or as_of
        if end is None or end <= p.start_on:
            continue
        d = p.start_on
        while d < end:
            days.add(d)
            d += timedelta(days=1)
    return len(days)


def execution_due(
    filed_at: date | datetime,
    pauses: Sequence[Pause] = (),
    cal: WorkCalendar | None = None,
    *,
    period: str = "6个月",
    as_of: date | None = None,
) -> tuple[date, tuple[str, ...]]:
    """The last day of the execution period: ``period`` from 立案, moved on by the days under
    中止/暂缓 (法释〔2000〕29号 第九条), then to a working day if it ends on a rest day."""
    due = compute_due(filed_at, period, cal)
    extra = excluded_days(pauses, as_of)
    if not extra:
        return due.due_on, due.warnings
    raw = (due.extended_from or due.due_on) + timedelta(days=extra)
    return next_working_day(raw, cal), due.warnings


# --- seals and freezes ------------------------------------------------------------------------
def seal_expiry(asset_kind: str, controlled_on: date, cal: WorkCalendar | None = None) -> date:
    """The last day of a seal/freeze term by asset kind (民诉法解释 第四百八十五条)."""
    try:
        term = SEAL_TERMS[asset_kind]
    except KeyError:
        from ..errors import InvalidValue

        raise InvalidValue(
            f"财产类别不认识：{asset_kind}（应为 {'、'.join(SEAL_TERMS)}）",
            field="财产类别",
            value=asset_kind,
        ) from None
    return compute_due(controlled_on, term, cal).due_on


# --- 终本 conditions --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ConditionResult:
    id: str
    name: str
    met: bool
    detail: str
    source: str


def check_zhongben(
    conditions: Iterable[Any],
    moments: Mapping[str, Iterable[date | datetime]],
    closing_on: date,
    cal: WorkCalendar | None = None,
) -> list[ConditionResult]:
    """Check the 终本 procedural conditions against the case's event moments (event → moments).

    A condition with ``within`` (e.g. 总对总 within 3个月 before closing) is met only by an event
    on or after ``closing_on`` minus that period.
    """
    cal = cal or default_calendar()
    out = []
    for c in conditions:
        seen = sorted(
            (m.date() if isinstance(m, datetime) else m) for e in c.events for m in moments.get(e, ())
        )
        seen = [d for d in seen if d <= closing_on]
        if c.within:
            earliest = _back(closing_on, c.within)
            fresh = [d for d in seen if d >= earliest]
            met = bool(fresh)
            if met:
                detail = f"最近一次 {fresh[-1]}"
            elif seen:
                detail = f"最近一次 {seen[-1]}，早于 {earliest}"
            else:
                detail = "未进行"
        else:
            met = bool(seen)
            detail = f"已于 {seen[-1]} 进行" if met else "未进行"
        out.append(ConditionResult(c.id, c.name, met, detail, c.source))
    return out


def _back(day: date, period: str) -> date:
    """``day`` minus a months/days period (no rest-day rolling: a look-back window)."""
    from .periods import DAYS, MONTHS, WEEKS, YEARS, add_months, parse_period

    p = parse_period(period)
    if p.unit == MONTHS:
        return add_months(day, -p.n)
    if p.unit == YEARS:
        return add_months(day, -12 * p.n)
    if p.unit == WEEKS:
        return day - timedelta(days=7 * p.n)
    if p.unit == DAYS:
        return day - timedelta(days=p.n)
    return day


__all__ = [
    "ALERT_STATUSES",
    "APPROACHING",
    "DEFAULT_WARNING_WINDOW",
    "DONE",
    "DONE_LATE",
    "DUE_TODAY",
    "OVERDUE",
    "PENDING",
    "SEAL_TERMS",
    "STATUS_NAMES",
    "ConditionResult",
    "NodeSpec",
    "Pause",
    "Step",
    "anchors",
    "approach_limit",
    "as_moment",
    "cancels",
    "check_zhongben",
    "completes",
    "excluded_days",
    "execution_due",
    "instantiate",
    "is_late",
    "node_status",
    "seal_expiry",
    "status_name",
    "step",
]
