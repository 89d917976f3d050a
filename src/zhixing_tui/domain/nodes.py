"""Deadline nodes (流程节点), pure: a rule becomes a node on its anchor event, events complete or
withdraw it, and on any day a node has one of six statuses.

Statuses (DOMAIN §3): 已完成 (done on time), 超期完成 (done late), 未到期, 临期 (due within the
warning window — default 2 working days), 今日到期, 超期 (past due, not done).

National rules encoded here (the profile schema cites them too):

* the execution period, 6 months from 立案 (3 for 非诉执行; 《最高人民法院关于人民法院办理执行案件
  若干期限的规定》第一条), with the time the law does not count (《最高人民法院关于严格执行案件审理
  期限制度的若干规定》第九条) and approved extensions: :mod:`.execution_period`, re-exported here;
* seal/freeze terms (《最高人民法院关于适用〈民事诉讼法〉的解释》第四百八十五条): bank deposits 1 year,
  movables 2 years, real estate and other property rights 3 years, renewed (续冻/续封) before they
  lapse: :data:`SEAL_TERMS`, :func:`seal_expiry`;
* a node *series* (the 终本 re-query every 6 months for 5 years, 法〔2016〕373号 第九条第二款):
  :func:`series_spec` gives the k-th node of a rule with ``repeat_every``/``repeat_for``.

The 终本 conditions (法〔2016〕373号 第一条、第五条) are :mod:`.zhongben`.

Nothing here touches the database: rules are any objects with the fields of
``profiles.deadline_schema.DeadlineRule``; nodes are anything with ``due_on``, ``due_at`` and
``completed_at``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any, Protocol

from .calendar import WorkCalendar
from .execution_period import Pause, excluded_days, execution_due
from .periods import Due, compute_due
from .seals import SEAL_TERMS, reminder_day, term_end

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
    note: str = ""


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
    """What one event does to a case's nodes: open nodes it completes or withdraws, rules it starts,
    and (``repeat``) the completed nodes whose rule is a series: each is followed by its next node."""

    complete: tuple[Any, ...]
    withdraw: tuple[Any, ...]
    create: tuple[Any, ...]
    repeat: tuple[Any, ...] = ()


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
    repeat = tuple(n for n in complete if getattr(by_id[n.rule_id], "repeat_every", None))
    return Step(tuple(complete), tuple(withdraw), create, repeat)


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
    due: Due | None = None,
) -> NodeSpec:
    """The node ``rule`` gives when ``anchor_event`` happens at ``anchor_at``.

    The period runs from ``clock_at`` when the rule counts from an earlier event (``clock``),
    else from the anchor itself. ``due``: that period's end as :func:`compute_due` gives it,
    when the caller has it already (the demo remembers it per start and period).
    """
    if due is None:
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


# --- series (a node that comes back: 终本 re-query every 6 months for 5 years) -------------------
def _months(period: str) -> int | None:
    """A months/years period in months (None for any other unit)."""
    from .periods import MONTHS, YEARS, parse_period

    p = parse_period(period)
    if p.unit == MONTHS:
        return p.n
    if p.unit == YEARS:
        return 12 * p.n
    return None


def check_series(period: str, repeat_every: str, repeat_for: str) -> None:
    """A series is counted in months on a fixed grid: ``period``, ``repeat_every`` and
    ``repeat_for`` must be months or years, with ``period`` ≤ ``repeat_for``. ValueError otherwise
    (the profile schema reports it)."""
    months = [_months(x) for x in (period, repeat_every, repeat_for)]
    if None in months:
        raise ValueError(f"节点系列只支持按月、按年计算：{period}、{repeat_every}、{repeat_for}")
    first, every, span = months
    if not (first and every and span) or first > span:
        raise ValueError(f"节点系列的期间不合理：首期 {period}，每 {repeat_every}，共 {repeat_for}")


def series_count(rule: Any) -> int:
    """How many nodes a series rule gives at most (6个月 every 6个月 for 5年 → 10)."""
    first, every, span = (_months(x) for x in (rule.period, rule.repeat_every, rule.repeat_for))
    assert first and every and span
    return (span - first) // every + 1


def series_spec(
    rule: Any, anchor_event: str, origin: datetime, index: int, cal: WorkCalendar | None = None
) -> NodeSpec | None:
    """The ``index``-th node (1-based) of a series rule started at ``origin``; None past its end.

    The grid is fixed on ``origin`` (法〔2016〕373号 第九条第二款: every 6 months for 5 years after
    终本): node k is due ``period`` + (k−1)·``repeat_every`` after ``origin`` — 6, 12, … 60 months
    — moved to the next working day when that day is a rest day, and never drifts with the day
    the previous query was actually made. Its own period opens where the previous one ended
    (``anchor_at``), so one query answers one period: a query made early in a period counts for
    that period, and a second query in the same period does not answer the next one.
    """
    from .periods import add_months

    if index < 1 or index > series_count(rule):
        return None
    first, every = _months(rule.period), _months(rule.repeat_every)
    assert first and every
    due_months = first + (index - 1) * every
    opens_after = 0 if index == 1 else due_months - every  # where the previous period ended
    opens = datetime.combine(add_months(origin.date(), opens_after), origin.time())
    due = compute_due(origin, f"{due_months}个月", cal)
    return NodeSpec(
        rule_id=rule.id,
        name=f"{rule.name}第{index}期（共{series_count(rule)}期）",
        source=rule.source,
        period=rule.repeat_every if index > 1 else rule.period,
        anchor_event=anchor_event,
        anchor_at=opens,
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


# --- the execution period: see :mod:`.execution_period` (re-exported here) ----------------------


# --- seals and freezes ------------------------------------------------------------------------
def seal_expiry(asset_kind: str, controlled_on: date, cal: WorkCalendar | None = None) -> date:
    """The last day of a seal/freeze term by asset kind (民诉法解释 第四百八十五条): the corresponding
    day, never moved to a working day (``cal`` is not consulted; see :mod:`.seals`)."""
    return term_end(asset_kind, controlled_on)


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
    "NodeSpec",
    "Pause",
    "Step",
    "anchors",
    "approach_limit",
    "as_moment",
    "cancels",
    "check_series",
    "completes",
    "excluded_days",
    "execution_due",
    "instantiate",
    "is_late",
    "node_status",
    "seal_expiry",
    "series_count",
    "series_spec",
    "status_name",
    "step",
]


def seal_spec(
    spec: NodeSpec, subject: str, period: str, at: datetime, cal: WorkCalendar, reminder: str
) -> NodeSpec:
    """The node of a seal/freeze term (查封/冻结/扣押 of ``subject``, an asset kind) begun at ``at``: due
    on the renewal reminder day (``reminder`` before the end, back to a working day); the legal
    end itself — the corresponding day, never moved — is in the note. The app and the demo both
    make their 续封/续冻 nodes with it."""
    end = term_end(subject, at.date())
    due_on = reminder_day(end, reminder, cal)
    note = f"期满日 {end.isoformat()}（不顺延）"
    return replace(spec, due_on=due_on, due_at=None, note=note)
