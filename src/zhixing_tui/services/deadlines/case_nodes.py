"""A case's deadline nodes as the case screen and the 执行流程节点表 show them: every node with
its status (超期, 今日到期, 临期 …) on a given day, by the profile's warning windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from ...domain.nodes import node_status, status_name
from ...errors import NotFound
from ...profiles.deadline_schema import rules_for
from ...storage.models import Case, DeadlineNode
from ..desk import Desk

__all__ = ["NodeView", "case_nodes"]


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
    note: str = ""  # e.g. 经批准延长3个月（2027-01-05 副院长 王某 批准）


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
                n.note,
            )
        )
    return out
