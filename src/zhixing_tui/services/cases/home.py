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
from .search import stage_names

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
    with desk.session() as s:
        stage_rows = s.exec(
            select(Case.stage, func.count())
            .where(is_open)
            .group_by(col(Case.stage))
            .order_by(col(Case.stage))
        ).all()
        # counted by (stage, unit) first, in the order of ix_enforcement_case_status_stage_unit
        # (no sort of the open cases, no unit look-up for each of them), then summed by unit over
        # those few rows with the unit's name (issue 17: a third of the time of the home figures)
        per_stage = (
            select(col(Case.unit_id).label("unit_id"), func.count().label("n"))
            .where(is_open)
            .group_by(col(Case.stage), col(Case.unit_id))
            .subquery()
        )
        unit_rows = s.exec(
            select(per_stage.c.unit_id, OrgUnit.name, func.sum(per_stage.c.n))
            .select_from(per_stage)
            .join(OrgUnit, col(OrgUnit.id) == per_stage.c.unit_id, isouter=True)
            .group_by(per_stage.c.unit_id, col(OrgUnit.name), col(OrgUnit.sort_order))
            .order_by(col(OrgUnit.sort_order), per_stage.c.unit_id)
        ).all()
        nodes = NodeCounts(**alert_counts(desk, today))
        handoffs = s.exec(
            select(func.count()).select_from(Handoff).where(col(Handoff.status) == "submitted")
        ).one()
        approvals = s.exec(
            select(func.count()).select_from(Approval).where(col(Approval.status) == "pending")
        ).one()
    order = list(names)
    by_stage = sorted(
        (CountRow(code, names.get(code, code), int(n)) for code, n in stage_rows),
        key=lambda r: (order.index(r.key) if r.key in order else len(order), r.key or ""),
    )
    by_unit = tuple(
        CountRow(str(uid) if uid is not None else None, name, int(n)) for uid, name, n in unit_rows
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
