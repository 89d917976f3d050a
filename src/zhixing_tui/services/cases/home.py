"""今日概况 (the home screen): open cases by stage and by unit, the deadline node counts, and what
awaits approval.

The node counts come from :func:`services.deadlines.alerts.alert_counts` — the same query and
临期 rule as the alerts screen and the nightly report. The dependency runs one way: this module
imports ``deadlines``; nothing in ``deadlines`` imports ``cases``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import col, select

from ...storage.models import Approval, Case, Handoff, OrgUnit
from ..deadlines.alerts import alert_counts
from ..desk import Desk
from .names import stage_names

__all__ = ["CountRow", "HomeSummary", "NodeCounts", "home_summary"]


@dataclass(frozen=True, slots=True)
class CountRow:
    """One line of a GROUP BY: a code (stage code / unit id as text), its label, the count."""

    key: str | None
    label: str | None
    count: int


@dataclass(frozen=True, slots=True)
class NodeCounts:
    """Open deadline nodes due today, overdue and approaching (临期), by the alerts' rules."""

    due_today: int
    overdue: int
    approaching: int


@dataclass(frozen=True, slots=True)
class HomeSummary:
    today: date
    open_total: int
    by_stage: tuple[CountRow, ...]
    by_unit: tuple[CountRow, ...]
    nodes: NodeCounts
    handoffs_submitted: int
    approvals_pending: int

    @property
    def awaiting_approval(self) -> int:
        return self.handoffs_submitted + self.approvals_pending


def home_summary(desk: Desk, today: date | None = None) -> HomeSummary:
    """今日概况: open cases by stage and by unit, node counts, and what awaits approval."""
    today = today or desk.today()
    names = stage_names(desk)
    is_open = col(Case.status) == "open"
    # the open cases counted by (stage, unit) in the order of ix_enforcement_case_status_stage_unit
    # (no sort of the open cases, no unit looked up for each of them: issue 17), with each unit's
    # name and place; the few rows give both tables. What awaits approval: one statement.
    per_stage = (
        select(col(Case.stage).label("stage"), col(Case.unit_id).label("unit_id"), func.count().label("n"))
        .where(is_open)
        .group_by(col(Case.stage), col(Case.unit_id))
        .subquery()
    )
    awaiting = select(
        select(func.count()).select_from(Handoff).where(col(Handoff.status) == "submitted").scalar_subquery(),
        select(func.count()).select_from(Approval).where(col(Approval.status) == "pending").scalar_subquery(),
    )
    with desk.session() as s:
        rows = s.exec(
            select(per_stage.c.stage, per_stage.c.unit_id, OrgUnit.name, OrgUnit.sort_order, per_stage.c.n)
            .select_from(per_stage)
            .join(OrgUnit, col(OrgUnit.id) == per_stage.c.unit_id, isouter=True)
        ).all()
        nodes = NodeCounts(**alert_counts(desk, today))
        handoffs, approvals = s.exec(awaiting).one()
    stages: dict[str, int] = {}
    units: dict[int | None, list] = {}  # unit id → [sort order, name, count]
    for stage, uid, name, sort_order, n in rows:
        stages[stage] = stages.get(stage, 0) + int(n)
        units.setdefault(uid, [sort_order, name, 0])[2] += int(n)
    order = list(names)
    by_stage = sorted(
        (CountRow(code, names.get(code, code), n) for code, n in stages.items()),
        key=lambda r: (order.index(r.key) if r.key in order else len(order), r.key or ""),
    )
    # by the unit's place, then id; a case without a unit (or with a unit no longer listed) first
    by_unit = tuple(
        CountRow(str(uid) if uid is not None else None, name, n)
        for uid, (_sort, name, n) in sorted(
            units.items(),
            key=lambda u: (u[1][0] is not None, u[1][0] or 0, u[0] is not None, u[0] or 0),
        )
    )
    return HomeSummary(
        today=today,
        open_total=sum(r.count for r in by_stage),
        by_stage=tuple(by_stage),
        by_unit=by_unit,
        nodes=nodes,
        handoffs_submitted=int(handoffs),
        approvals_pending=int(approvals),
    )
