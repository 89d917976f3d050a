"""The monthly statistics (月度执行工作统计): queries → plain rows → :mod:`domain.statistics`.

:func:`monthly_figures` gathers every table of the month; :func:`export_monthly` writes the
workbook (:mod:`.monthly_workbook`). Queries are bounded by the month (cases open at some time
in it, nodes due in it, stays overlapping it …) and streamed; nothing reads a whole table.
Tables whose data the desk does not hold yet (deadline nodes, triage decisions, handoffs,
payments) give zeros, never errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from ...domain.member_stats import MemberFigures
from ...domain.periods import DAYS, MONTHS, WEEKS, WORKDAYS, YEARS, parse_period
from ...domain.statistics import (
    UNASSIGNED,
    CaseRow,
    IntakeClosing,
    Month,
    Settings,
    intake_closing,
    settings_from,
    trend,
)
from ...domain.statistics_sheets import (
    FlowRow,
    NodeRow,
    PaymentRow,
    StageStay,
    TriageRow,
    node_overdue,
    payments,
    stage_flow,
    triage_counts,
)
from ...errors import InvalidValue
from ...storage.models import (
    Approval,
    Case,
    DeadlineNode,
    Handoff,
    OrgUnit,
    Payment,
    Payout,
    StageEntry,
    Suspension,
    TriageDecision,
)
from ..board.distribution import distribution_stage
from ..desk import Desk
from .members import monthly_member_figures

__all__ = ["MonthlyFigures", "monthly_figures"]

_STREAM = {"yield_per": 2000}
SIMPLE_TO_COMPLEX = "simple_to_complex"


@dataclass
class MonthlyFigures:
    month: Month
    as_of: date
    court: str
    profile_id: str
    settings: Settings
    intake: list[IntakeClosing]
    nodes: list[tuple]
    triage: list[tuple]
    flow: list[FlowRow]
    clue_stage: str | None
    members: list[MemberFigures]
    payments: list[list]
    trend: list[tuple[str, int, int]]
    produced_at: datetime
    produced_by: str

    @property
    def total(self) -> IntakeClosing:
        return self.intake[-1]


def _bounds(month: Month) -> tuple[datetime, datetime]:
    return datetime.combine(month.start, time(0)), datetime.combine(month.end + timedelta(days=1), time(0))


def _in_scope(month: Month) -> Any:
    """Cases open at some time in the month: filed by its end, not closed before its start."""
    return and_(Case.filed_on <= month.end, or_(col(Case.closed_on).is_(None), Case.closed_on >= month.start))


def _holding_units(s: Session, scope: Any, bound: datetime) -> dict[int, int]:
    """case id → the unit of its last stay (with a unit) that began before ``bound``."""
    out: dict[int, int] = {}
    stmt = (
        select(StageEntry.case_id, StageEntry.unit_id)
        .join(Case, Case.id == StageEntry.case_id)
        .where(scope, col(StageEntry.unit_id).is_not(None), StageEntry.entered_at < bound)
        .order_by(StageEntry.case_id, StageEntry.entered_at, StageEntry.id)
        .execution_options(**_STREAM)
    )
    for case_id, unit_id in s.exec(stmt):
        out[case_id] = unit_id
    return out


def _limit_days(limit: str | None) -> int | None:
    if not limit:
        return None
    try:
        p = parse_period(limit)
    except InvalidValue:
        return None
    return {DAYS: p.n, WEEKS: 7 * p.n, WORKDAYS: (p.n * 7 + 4) // 5, MONTHS: 30 * p.n, YEARS: 365 * p.n}.get(
        p.unit
    )


def monthly_figures(desk: Desk, month: Month, *, as_of: date | None = None) -> MonthlyFigures:
    """Every table of the month's workbook, from the desk's database."""
    profile = desk.profile
    settings = settings_from(profile.statistics)
    as_of = as_of or desk.today()
    closed_stage = next((st.code for st in profile.stages if st.kind == "closed"), None)
    start_at, end_at = _bounds(month)
    scope = _in_scope(month)
    with desk.session() as s:
        unit_rows = s.exec(select(OrgUnit.id, OrgUnit.code, OrgUnit.name)).all()
        names = {uid: name for uid, _code, name in unit_rows}
        by_code = {code: name for _uid, code, name in unit_rows}
        stage_units = [code for st in profile.stages if st.kind != "closed" for code in st.units]
        listed = [by_code[u.code] for u in profile.units if u.code in stage_units and u.code in by_code]

        def unit_name(uid: int | None) -> str:
            return names.get(uid, UNASSIGNED) if uid is not None else UNASSIGNED

        holding = _holding_units(s, scope, end_at)
        fast_ids = set(
            s.exec(
                select(StageEntry.case_id)
                .join(Case, Case.id == StageEntry.case_id)
                .where(scope, col(StageEntry.stage).in_(settings.fast_stages))
                .distinct()
            )
        )
        suspended = _suspended_days(s, scope, as_of)
        cases = [
            CaseRow(
                case_id=cid,
                unit=unit_name(holding.get(cid, uid)),
                filed_on=filed,
                closed_on=closed,
                closing_method=method,
                claim_fen=claim or 0,
                recovered_fen=recovered or 0,
                fast=cid in fast_ids or triage_class == "simple",
                suspended_days=suspended.get(cid, 0),
            )
            for cid, uid, filed, closed, method, claim, recovered, triage_class in s.exec(
                select(
                    Case.id,
                    Case.unit_id,
                    Case.filed_on,
                    Case.closed_on,
                    Case.closing_method,
                    Case.claim_fen,
                    Case.recovered_fen,
                    Case.triage_class,
                ).where(scope)
            )
        ]
        intake = intake_closing(cases, month, settings, listed)

        nodes = node_overdue(
            (
                NodeRow(name, unit_name(uid), due, done.date() if done else None)
                for name, uid, due, done in s.exec(
                    select(
                        DeadlineNode.name,
                        DeadlineNode.owner_unit_id,
                        DeadlineNode.due_on,
                        DeadlineNode.completed_at,
                    )
                    .where(DeadlineNode.due_on >= month.start, DeadlineNode.due_on <= month.end)
                    .execution_options(**_STREAM)
                )
            ),
            month,
            as_of,
        )
        decisions = (
            TriageRow(unit_name(uid), kind, final)
            for kind, final, uid in s.exec(
                select(TriageDecision.kind, TriageDecision.final_class, TriageDecision.final_unit_id).where(
                    TriageDecision.decided_at >= start_at,
                    TriageDecision.decided_at < end_at,
                    TriageDecision.status != "rejected",
                    TriageDecision.kind != SIMPLE_TO_COMPLEX,  # counted from the approvals below
                )
            )
        )
        triage = triage_counts(chain(decisions, _simple_to_complex(s, start_at, end_at, unit_name)), listed)
        stays = list(_stays(s, start_at, end_at))
        flow_stages = [
            (st.code, st.name, st.limit or "", _limit_days(st.limit))
            for st in profile.stages
            if st.kind != "closed"
        ]
        returned = s.exec(
            select(Handoff.from_stage).where(
                Handoff.status == "returned", Handoff.decided_at >= start_at, Handoff.decided_at < end_at
            )
        ).all()
        flow = stage_flow(
            flow_stages,
            (st for _cid, _h, st in stays),
            [st.stage for _cid, _h, st in stays if st.next_stage == closed_stage and st.left_on in month],
            returned,
            month,
            closed_stage,
        )
        pays = payments(_payment_rows(s, month, as_of, unit_name), month, as_of, listed)
        first = month.shift(-11)
        filed = s.exec(select(Case.filed_on).where(Case.filed_on >= first.start, Case.filed_on <= month.end))
        closed = s.exec(
            select(Case.closed_on).where(Case.closed_on >= first.start, Case.closed_on <= month.end)
        )
        series = trend(filed, closed, month)
    # 线索查控人员: the per-member figures are computed once, in the core (services.stats.members)
    clue = distribution_stage(profile)
    members = monthly_member_figures(desk, month.year, month.month) if clue else []
    return MonthlyFigures(
        month=month,
        as_of=as_of,
        court=profile.court.name,
        profile_id=profile.id,
        settings=settings,
        intake=intake,
        nodes=nodes,
        triage=triage,
        flow=flow,
        clue_stage=profile.stage(clue).name if clue else None,
        members=members,
        payments=pays,
        trend=series,
        produced_at=desk.now(),
        produced_by=desk.operator,
    )


def _simple_to_complex(s: Session, start_at: datetime, end_at: datetime, unit_name) -> Iterator[TriageRow]:
    """简转繁: the 简转繁审批表 the 执行局长 approved in the month (汝阳 000 §二(二)13: 速执案件30天内未能结案
    的…报执行局长审批), one row each, under the team that keeps the case (the one named in the form)."""
    stmt = (
        select(Approval.details, Case.unit_id)
        .join(Case, col(Case.id) == col(Approval.case_id))
        .where(
            Approval.kind == SIMPLE_TO_COMPLEX,
            Approval.status == "approved",
            col(Approval.decided_at) >= start_at,
            col(Approval.decided_at) < end_at,
        )
    )
    for details, uid in s.exec(stmt):
        team = (details or {}).get("team") or unit_name(uid)
        yield TriageRow(team, SIMPLE_TO_COMPLEX, "ordinary")


def _suspended_days(s: Session, scope: Any, as_of: date) -> dict[int, int]:
    out: dict[int, int] = {}
    stmt = (
        select(Suspension.case_id, Suspension.start_on, Suspension.end_on, Case.closed_on)
        .join(Case, Case.id == Suspension.case_id)
        .where(scope, col(Suspension.kind).in_(("中止", "暂缓")))
    )
    for cid, start, end, closed in s.exec(stmt):
        stop = min(d for d in (end, closed, as_of) if d is not None)
        out[cid] = out.get(cid, 0) + max((stop - start).days, 0)
    return out


def _stays(s: Session, start_at: datetime, end_at: datetime) -> Iterator[tuple[int, int | None, StageStay]]:
    """(case id, handler id, stay) for stays overlapping the month, each with the stage it went to."""
    stmt = (
        select(
            StageEntry.case_id,
            StageEntry.stage,
            StageEntry.handler_id,
            StageEntry.entered_at,
            StageEntry.left_at,
        )
        .where(
            StageEntry.entered_at < end_at,
            or_(col(StageEntry.left_at).is_(None), StageEntry.left_at >= start_at),
        )
        .order_by(StageEntry.case_id, StageEntry.entered_at, StageEntry.id)
        .execution_options(**_STREAM)
    )
    prev: tuple | None = None
    for row in s.exec(stmt):
        if prev is not None:
            same = prev[0] == row[0]
            yield prev[0], prev[2], _stay(prev, row[1] if same else None)
        prev = row
    if prev is not None:
        yield prev[0], prev[2], _stay(prev, None)


def _stay(row: tuple, next_stage: str | None) -> StageStay:
    _cid, stage, _handler, entered, left = row
    return StageStay(stage, entered.date(), left.date() if left else None, next_stage if left else None)


def _payment_rows(s: Session, month: Month, as_of: date, unit_name) -> Iterator[PaymentRow]:
    """Arrivals claimed to a case that arrived this month or were still unpaid on the day, with
    their 认领 day and what was paid out or returned by the day."""
    bound = min(as_of, month.end)
    out = (
        select(func.coalesce(func.sum(Payout.amount_fen), 0))
        .where(Payout.payment_id == Payment.id, Payout.paid_on <= bound)
        .scalar_subquery()
    )
    stmt = (
        select(
            Payment.case_id,
            Payment.arrived_on,
            Payment.amount_fen,
            Payment.paid_out_on,
            Payment.claimed_on,
            out,
            Case.unit_id,
        )
        .join(Case, Case.id == Payment.case_id)
        .where(
            Payment.arrived_on <= month.end,
            or_(
                Payment.arrived_on >= month.start,
                col(Payment.paid_out_on).is_(None),
                Payment.paid_out_on > bound,
            ),
        )
        .execution_options(**_STREAM)
    )
    rows = s.exec(stmt).all()
    closed_units = _last_units(s, [r[0] for r in rows if r[-1] is None])
    for cid, arrived, amount, paid, claimed, out_fen, uid in rows:
        unit = unit_name(uid if uid is not None else closed_units.get(cid))
        yield PaymentRow(unit, arrived, amount, paid, claimed, int(out_fen or 0))


def _last_units(s: Session, case_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(case_ids), 500):
        for cid, uid in s.exec(
            select(StageEntry.case_id, StageEntry.unit_id)
            .where(
                col(StageEntry.case_id).in_(case_ids[start : start + 500]),
                col(StageEntry.unit_id).is_not(None),
            )
            .order_by(StageEntry.case_id, StageEntry.entered_at, StageEntry.id)
        ):
            out[cid] = uid
    return out
