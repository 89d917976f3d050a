"""Deadline nodes for demo cases, derived from the rows the demo wrote.

The demo keeps every event moment in the database (filing, receipt, stage entries, closing,
payments, measures, property controls). :func:`backfill_demo_nodes` turns them into events —
adding the center's own steps (网络查控, 文书, 传统查控 …) at plausible, seeded moments, some late
and a few never done — and runs them through the same pure engine as ``apply_event``
(``domain.nodes.step``), in memory, then bulk-inserts the nodes. So the demo has nodes in every
status on its as-of date: 已完成, 超期完成, 未到期, 临期, 今日到期, 超期.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from sqlmodel import Session, col, select

from ..clock import now
from ..domain.calendar import WorkCalendar
from ..domain.closing import TERMINATED_THIS_ROUND
from ..domain.measures import ENTRY_EVENT, ENTRY_KINDS, MEASURE_EVENTS
from ..domain.nodes import NodeSpec, execution_due, instantiate, seal_spec, series_spec, step
from ..domain.periods import HOURS, add_months, compute_due, parse_period
from ..profiles.deadline_schema import rules_for
from ..storage.bulk import insert_rows
from ..storage.models import Case, DeadlineNode, Measure, OrgUnit, Payment, PropertyControl, Staff, StageEntry

__all__ = ["backfill_demo_nodes", "demo_events"]

FORGOTTEN = 0.05  # share of the center's own steps never recorded (they show as 超期)

#: center steps: event → (anchor key, min days, max days, share done on the anchor day)
_CENTER_STEPS: tuple[tuple[str, str, int, int, float], ...] = (
    ("intake_done", "received", 0, 2, 0.6),
    ("national_query_started", "received", 0, 2, 0.85),
    ("national_query_done", "national_query_started", 0, 2, 0.8),
    ("feedback_printed", "national_query_done", 0, 2, 0.7),
    ("notices_sent", "filed", 1, 5, 0.0),
    ("notices_served", "received", 1, 5, 0.0),
    ("offline_query_started", "received", 2, 15, 0.0),
    ("offline_query_registered", "received", 5, 18, 0.0),
    ("offline_done", "received", 3, 9, 0.0),
)
#: after a property is controlled: event, min/max days after the previous step, share that gets there
_DISPOSAL_STEPS: tuple[tuple[str, int, int, float], ...] = (
    ("disposal_started", 2, 12, 0.95),
    ("valuation_started", 1, 6, 0.85),
    ("reference_price_set", 7, 30, 0.9),
    ("handed_to_auction", 0, 2, 0.9),
)


@dataclass
class _Node:
    rule_id: str
    anchor_at: datetime
    row: dict


@dataclass(frozen=True)
class _Entry:
    stage: str
    unit_id: int | None
    handler_id: int | None
    entered_at: datetime
    left_at: datetime | None


def _at(day: date, rng: random.Random, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour)) + timedelta(minutes=rng.randint(0, 420))


def demo_events(
    case: Case,
    entries: Sequence[_Entry],
    payments: Sequence[Payment],
    measures: Sequence[Measure],
    controls: Sequence[PropertyControl],
    *,
    work_stages: set[str],
    closed_stages: set[str],
    end: datetime,
    steps: Sequence[tuple[str, datetime, str | None]] | None = None,
) -> list[tuple[str, datetime, str | None]]:
    """The case's events in time order (none after ``end``: the closing moment or the as-of evening).

    ``steps`` are the center's own steps as the demo recorded them (the interview, the queries,
    documents, handoffs …); without them they are laid out at random moments after receipt."""
    rng = random.Random(f"nodes:{case.id}:{case.case_no}")
    received = entries[0].entered_at if entries else _at(case.received_on or case.filed_on, rng)
    filed = min(datetime.combine(case.filed_on, time(9)), received)
    ev: list[tuple[str, datetime, str | None]] = [("filed", filed, None), ("received", received, None)]
    moments = {"filed": filed, "received": received}
    if steps is not None:
        ev.extend(steps)
    for name, key, lo, hi, same_day in _CENTER_STEPS if steps is None else ():
        base = moments.get(key)
        if base is None or rng.random() < FORGOTTEN:
            continue
        days = 0 if rng.random() < same_day else rng.randint(max(lo, 1) if same_day else lo, hi)
        at = base + timedelta(days=days, minutes=rng.randint(20, 240))
        moments[name] = at
        ev.append((name, at, None))
    transferred = False
    for e in entries:
        if e.stage in closed_stages:
            continue
        ev.append(("stage_entered", e.entered_at, e.stage))
        if e.left_at is not None:
            ev.append(("stage_left", e.left_at, e.stage))
        if e.stage in work_stages and not transferred:
            transferred = True
            ev.append(("triage_done", e.entered_at, None))
            ev.append(("transferred", e.entered_at, None))
            if rng.random() >= FORGOTTEN:
                ev.append(
                    ("first_round_started", e.entered_at + timedelta(days=rng.randint(1, 12), hours=2), None)
                )
    for p in payments:
        ev.append(("money_arrived", _at(p.arrived_on, rng), None))
        if p.claimed_on:
            ev.append(("money_claimed", _at(p.claimed_on, rng, 10), None))
        if p.paid_out_on:
            ev.append(("money_paid_out", _at(p.paid_out_on, rng, 14), None))
    for m in measures:
        for name in MEASURE_EVENTS.get(m.kind, ()):  # the measures service records the same
            ev.append((name, _at(m.decided_on, rng), None))
        if m.kind in ENTRY_KINDS and m.entered_on:
            ev.append((ENTRY_EVENT, _at(m.entered_on, rng, 15), None))
    for c in controls:
        at = _at(c.controlled_on, rng)
        ev.append(("property_controlled", at, None))
        ev.append(("sealed", at, c.asset_kind))
        if c.released_on:
            ev.append(("released", _at(c.released_on, rng, 15), c.asset_kind))
        if rng.random() < FORGOTTEN:
            continue
        chain = at
        for name, lo, hi, share in _DISPOSAL_STEPS:
            if rng.random() >= share:
                break
            chain += timedelta(days=rng.randint(lo, hi), minutes=rng.randint(10, 200))
            ev.append((name, chain, None))
    if case.status == "closed" and case.closed_on:
        closed_at = next((e.entered_at for e in entries if e.stage in closed_stages), None)
        closed_at = closed_at or datetime.combine(case.closed_on, time(16))
        ev.append(("closed", closed_at, case.closing_method))  # the method: 终本 starts the re-queries
        if rng.random() >= FORGOTTEN:  # 卷宗: the electronic file becomes an image file
            ev.append(("image_file_done", closed_at + timedelta(days=rng.randint(2, 18), hours=1), None))
        if case.closing_method == TERMINATED_THIS_ROUND:  # 终本案件库: a network re-query every 6 months
            ev.extend(_requeries(closed_at, end, rng))
    ev = [e for e in ev if e[1] <= end]
    ev.sort(key=lambda e: e[1])
    return ev


def _requeries(closed_at: datetime, end: datetime, rng: random.Random) -> list[tuple[str, datetime, None]]:
    """The 终本 re-queries a 终本管理组 made: most in the month before each 6-month mark, a few late,
    some forgotten (the library then shows them 超期)."""
    out: list[tuple[str, datetime, None]] = []
    for k in range(1, 11):
        mark = datetime.combine(add_months(closed_at.date(), 6 * k), time(10))
        if mark - timedelta(days=30) > end:
            break
        if rng.random() < FORGOTTEN * 2:
            continue
        at = mark + timedelta(days=rng.randint(-30, 10), minutes=rng.randint(0, 300))
        if closed_at < at <= end:
            out.append(("national_query_done", at, None))
    return out


class _MemoCalendar(WorkCalendar):
    """The same answers, remembered: a demo batch asks about the same few hundred days again and again."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[date, bool] = {}

    def is_workday(self, d: date) -> bool:
        hit = self._memo.get(d)
        if hit is None:
            hit = self._memo[d] = super().is_workday(d)
        return hit


def _calendar(session: Session) -> WorkCalendar:
    from ..storage.models import CalendarDay, CalendarYear

    years = {y.year: y.source for y in session.exec(select(CalendarYear))}
    days = {d.day: (d.is_workday, d.name) for d in session.exec(select(CalendarDay))}
    return _MemoCalendar(overrides=days, loaded_years=years, sources=years)


def backfill_demo_nodes(
    session: Session,
    case_ids: Sequence[int],
    *,
    profile,
    as_of: date,
    milestones: dict | None = None,
    written: dict[str, list[dict]] | None = None,
) -> int:
    """Create the deadline nodes of the demo cases ``case_ids`` (one batch); return how many.
    ``milestones``: case id → the center's steps the demo recorded (see :func:`demo_events`);
    ``written``: the batch's rows as the demo inserted them (table → row dicts), read instead of
    loading them again."""
    if not case_ids:
        return 0
    cal = _calendar(session)
    rules = rules_for(profile)
    by_id = {r.id: r for r in rules}
    # the rules an event may start (``anchors`` is false for every other rule): ``step`` then
    # weighs a handful of rules per event instead of all of them, in the profile's order
    by_event: dict[str, tuple] = {}
    for event in {e for r in rules for e in (r.anchor, *r.reanchor_on)}:
        by_event[event] = tuple(r for r in rules if event == r.anchor or event in r.reanchor_on)
    work_stages = {s.code for s in profile.stages if s.kind == "work"}
    closed_stages = {s.code for s in profile.stages if s.kind == "closed"}
    unit_codes = {uid: code for uid, code in session.exec(select(OrgUnit.id, OrgUnit.code))}
    unit_ids = {code: uid for uid, code in unit_codes.items()}
    staff_names = {sid: name for sid, name in session.exec(select(Staff.id, Staff.name))}
    ids = list(case_ids)

    def grouped(model, order):
        out = defaultdict(list)
        if written is not None:  # the same rows in the same order (a stable sort keeps ties in id order)
            for row in sorted(written[model.__tablename__], key=lambda r: r[order]):
                out[row["case_id"]].append(SimpleNamespace(**row))
            return out
        for row in session.exec(select(model).where(col(model.case_id).in_(ids)).order_by(order)):
            out[row.case_id].append(row)
        return out

    entries = grouped(StageEntry, "entered_at")
    payments = grouped(Payment, "arrived_on")
    measures = grouped(Measure, "decided_on")
    controls = grouped(PropertyControl, "controlled_on")
    created_at = now()  # the current clock: the demo desk's, fixed on its as-of date
    # no event after the moment the demo is built (issue 14: nothing in the demo in the future)
    evening = min(datetime.combine(as_of, time(18)), created_at)
    rows: list[dict] = []
    dues: dict = {}  # (start, period) → Due, for this batch's calendar
    if written is not None:
        cases = [SimpleNamespace(**c) for c in sorted(written["enforcement_case"], key=lambda c: c["id"])]
    else:
        cases = session.exec(select(Case).where(col(Case.id).in_(ids)).order_by(col(Case.id)))
    for case in cases:
        stays = [_Entry(e.stage, e.unit_id, e.handler_id, e.entered_at, e.left_at) for e in entries[case.id]]
        events = demo_events(
            case,
            stays,
            payments[case.id],
            measures[case.id],
            controls[case.id],
            work_stages=work_stages,
            closed_stages=closed_stages,
            end=evening,
            steps=None if milestones is None else milestones.get(case.id, []),
        )
        rows.extend(
            _simulate(
                case,
                stays,
                events,
                by_event,
                by_id,
                cal,
                unit_codes,
                unit_ids,
                staff_names,
                created_at,
                dues,
                profile.deadlines.seal_reminder,
            )
        )
    insert_rows(session.connection(), DeadlineNode.__table__, rows)  # one executemany of tuples
    return len(rows)


def _instantiate(rule, event: str, at: datetime, cal, clock_at, dues: dict) -> NodeSpec:
    """:func:`instantiate`, its due date remembered per start and period (``dues``, one batch's):
    a period in days, months or years depends only on the start's day, an hour period on the moment."""
    start = clock_at if clock_at is not None else at
    period = rule.period
    key = (start.date() if type(start) is datetime and parse_period(period).unit != HOURS else start, period)
    due = dues.get(key)
    if due is None:
        due = dues[key] = compute_due(start, period, cal)
    return instantiate(rule, event, at, cal, clock_at=clock_at, due=due)


def _holder(stays: Sequence[_Entry], at: datetime) -> _Entry | None:
    current = None
    for e in stays:
        if e.entered_at <= at:
            current = e
        else:
            break
    return current


def _simulate(
    case, stays, events, by_event, by_id, cal, unit_codes, unit_ids, staff_names, created_at, dues, reminder
) -> list[dict]:
    open_nodes: list[_Node] = []
    out: list[dict] = []
    first: dict[str, datetime] = {}
    series: dict[str, tuple[datetime, int]] = {}  # series rule → (its grid's origin, nodes so far)
    for event, at, subject in events:
        first.setdefault(event, at)
        holder = _holder(stays, at)
        unit_id = holder.unit_id if holder else None
        handler_id = holder.handler_id if holder else None
        result = step(
            by_event.get(event, ()),  # the rules the event may start (by_id has them all)
            open_nodes,
            event,
            at,
            subject=subject,
            triage_class=case.triage_class,
            unit_code=unit_codes.get(unit_id),
            by_id=by_id,
        )
        if result.complete or result.withdraw:
            gone = {id(n) for n in result.complete} | {id(n) for n in result.withdraw}
            open_nodes = [n for n in open_nodes if id(n) not in gone]
        for n in result.complete:
            n.row.update(
                completed_at=at,
                completed_event=event,
                completed_by=staff_names.get(handler_id, "") or "演示数据",
                completed_by_id=handler_id if handler_id in staff_names else None,
            )
            out.append(n.row)
        follows = []
        for n in result.repeat:  # a series (终本 re-query): the next node on the closing's grid
            origin, count = series.get(n.rule_id, (n.anchor_at, 1))
            nxt = series_spec(by_id[n.rule_id], n.row["anchor_event"], origin, count + 1, cal)
            if nxt is not None:
                series[n.rule_id] = (origin, count + 1)
                follows.append((by_id[n.rule_id], nxt))
        for rule in [*result.create, *(r for r, _ in follows)] if follows else result.create:
            clock_at = first.get(rule.clock) if rule.clock else None
            if rule.repeat_every:
                spec = next((s for r, s in follows if r is rule), None) or series_spec(
                    rule, event, at, 1, cal
                )
                assert spec is not None
                series.setdefault(rule.id, (at, 1))
            else:
                spec = _instantiate(rule, event, at, cal, clock_at, dues)
                if rule.kind == "seal":  # due on the renewal reminder day, the term's end in the note
                    spec = seal_spec(spec, rule.subjects[0], rule.period, at, cal, reminder)
            due_on = spec.due_on
            if rule.kind == "execution_period":
                due_on, _ = execution_due(clock_at or at, (), cal, period=rule.period)
            owner_unit = owner_staff = None
            if rule.owner and rule.owner != "handler":
                owner_unit = unit_ids.get(rule.owner)
                owner_staff = handler_id if owner_unit is not None and owner_unit == unit_id else None
            row = {
                "case_id": case.id,
                "rule_id": rule.id,
                "name": spec.name,
                "source": rule.source[:200],
                "period": spec.period,
                "anchor_event": spec.anchor_event,
                "anchor_at": spec.anchor_at,
                "due_on": due_on,
                "due_at": spec.due_at,
                "owner_unit_id": owner_unit,
                "owner_staff_id": owner_staff,
                "completed_at": None,
                "completed_by": None,
                "completed_by_id": None,
                "completed_event": None,
                "warnings": list(spec.warnings),
                "note": spec.note[:200],
                "created_at": created_at,
            }
            open_nodes.append(_Node(rule.id, spec.anchor_at, row))
    out.extend(n.row for n in open_nodes)
    return out
