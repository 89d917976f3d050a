"""The one query behind the overdue alerts screen, the nightly report and the home counts.

A node shows on a day ``as_of`` when it existed then (anchored no later than that day), was not
yet completed, and is 超期 (due before ``as_of``), 今日到期 (due that day) or 临期 (due within the
warning window: the profile's, or the rule's own, counted in working days from ``as_of``). The
execution period does not run while a pause that began before it fell due lasts (中止/暂缓, or 公告,
评估, 拍卖 opened by an operation's event). The status
is computed in SQL so that paging, filtering and counting agree with each other, and with
``domain.nodes.node_status`` for every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import and_, case, exists, func, literal, not_, or_
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from ...domain.nodes import ALERT_STATUSES, APPROACHING, DUE_TODAY, OVERDUE, approach_limit, status_name
from ...errors import InvalidValue, NotFound
from ...profiles.deadline_schema import rules_for
from ...storage.models import Case, DeadlineNode, OrgUnit, Staff, Suspension, Urge
from ...storage.queries import MAX_PAGE, Page
from ..desk import Desk
from .nodes import EXECUTION_RULE

__all__ = [
    "AlertFilter",
    "AlertRow",
    "FilterOptions",
    "alert_counts",
    "filter_options",
    "overdue_rows",
]

Order = Literal["status", "team"]


@dataclass(frozen=True, slots=True)
class AlertRow:
    node_id: int
    case_id: int
    case_no: str
    rule_id: str
    node: str
    source: str
    period: str
    anchor_at: datetime
    due_on: date
    due_at: datetime | None
    status: str  # overdue | due_today | approaching
    status_name: str
    days: int  # 超期: days past due; 今日到期: 0; 临期: days left
    team_id: int | None
    team: str
    handler_id: int | None
    handler: str
    note: str = ""  # e.g. 经批准延长3个月（…副院长 王某 批准）
    urged: int = 0  # how many times someone was urged (督办) about this node


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Filters of the alerts screen and the report. ``team``: a unit code or id; ``handler``: a
    staff id or name; ``node_type``: a rule id."""

    team: str | int | None = None
    handler: str | int | None = None
    node_type: str | None = None


def _day_end(d: date) -> datetime:
    return datetime.combine(d + timedelta(days=1), time.min)


def _parts(desk: Desk, as_of: date):
    """(status expression, the WHERE conditions that make a node an alert on ``as_of``)."""
    from .calendar import calendar_for

    profile = desk.profile
    cal = calendar_for(desk)
    default = profile.deadlines.warning_window
    windows: dict[str, list[str]] = {}
    for r in rules_for(profile):
        if r.warning_window and r.warning_window != default:
            windows.setdefault(r.warning_window, []).append(r.id)
    special = [rid for ids in windows.values() for rid in ids]
    due = col(DeadlineNode.due_on)
    rid = col(DeadlineNode.rule_id)
    approaching = [
        and_(rid.not_in(special) if special else literal(True), due <= approach_limit(as_of, default, cal))
    ]
    approaching += [and_(rid.in_(ids), due <= approach_limit(as_of, w, cal)) for w, ids in windows.items()]
    end = _day_end(as_of)
    completed = col(DeadlineNode.completed_at)
    paused = and_(
        rid == EXECUTION_RULE,
        exists().where(
            Suspension.case_id == DeadlineNode.case_id,
            Suspension.start_on <= as_of,
            Suspension.start_on <= DeadlineNode.due_on,
            or_(col(Suspension.end_on).is_(None), col(Suspension.end_on) > as_of),
        ),
    )
    where = [
        col(DeadlineNode.anchor_at) < end,
        or_(completed.is_(None), completed >= end),
        or_(due <= as_of, or_(*approaching)),
        not_(paused),
    ]
    status = case(
        (due < as_of, literal(OVERDUE)), (due == as_of, literal(DUE_TODAY)), else_=literal(APPROACHING)
    )
    return status, where


Team = aliased(OrgUnit)
Handler = aliased(Staff)


def _team_expr():
    return func.coalesce(col(DeadlineNode.owner_unit_id), col(Case.unit_id))


def _handler_expr():
    follows_case = or_(
        col(DeadlineNode.owner_unit_id).is_(None), col(DeadlineNode.owner_unit_id) == col(Case.unit_id)
    )
    return func.coalesce(
        col(DeadlineNode.owner_staff_id), case((follows_case, col(Case.handler_id)), else_=None)
    )


def _filters(s, flt: AlertFilter) -> list:
    out = []
    if flt.team not in (None, ""):
        team_id = flt.team if isinstance(flt.team, int) else None
        if team_id is None:
            team_id = s.exec(select(OrgUnit.id).where(OrgUnit.code == str(flt.team))).first()
            if team_id is None:
                team_id = s.exec(select(OrgUnit.id).where(OrgUnit.name == str(flt.team))).first()
            if team_id is None:
                raise NotFound(f"没有这个组/团队：{flt.team}")
        out.append(_team_expr() == team_id)
    if flt.handler not in (None, ""):
        staff_id = flt.handler if isinstance(flt.handler, int) else None
        if staff_id is None:
            staff_id = s.exec(select(Staff.id).where(Staff.name == str(flt.handler))).first()
            if staff_id is None:
                raise NotFound(f"没有这个人员：{flt.handler}")
        out.append(_handler_expr() == staff_id)
    if flt.node_type:
        out.append(col(DeadlineNode.rule_id) == flt.node_type)
    return out


def overdue_rows(
    desk: Desk,
    as_of: date | None = None,
    *,
    team: str | int | None = None,
    handler: str | int | None = None,
    node_type: str | None = None,
    statuses: tuple[str, ...] = ALERT_STATUSES,
    order: Order = "status",
    limit: int = 100,
    offset: int = 0,
) -> Page[AlertRow]:
    """The nodes that are 超期 / 今日到期 / 临期 on ``as_of`` (default today), one page of them.

    ``order="status"``: 超期, then 今日到期, then 临期, oldest due first (the alerts screen).
    ``order="team"``: by team, then handler, oldest due first (the nightly report).
    """
    as_of = as_of or desk.today()
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidValue(f"每页行数应在 1–{MAX_PAGE} 之间：{limit}", field="limit", value=limit)
    unknown = set(statuses) - set(ALERT_STATUSES)
    if unknown:
        raise InvalidValue(f"状态不认识：{'、'.join(sorted(unknown))}", field="状态")
    status, where = _parts(desk, as_of)
    flt = AlertFilter(team, handler, node_type)
    with desk.session() as s:
        where = where + _filters(s, flt) + [status.in_(statuses)]
        team_id, handler_id = _team_expr().label("team_id"), _handler_expr().label("handler_id")
        total = s.exec(
            select(func.count())
            .select_from(DeadlineNode)
            .join(Case, col(Case.id) == col(DeadlineNode.case_id))
            .where(*where)
        ).one()
        rank = case((status == OVERDUE, 0), (status == DUE_TODAY, 1), else_=2)
        if order == "status":
            ordering = [rank, col(DeadlineNode.due_on), col(Case.case_no), col(DeadlineNode.id)]
        else:
            ordering = [
                func.coalesce(col(Team.sort_order), 1_000_000),
                col(Team.name),
                col(Handler.name),
                col(DeadlineNode.due_on),
                col(Case.case_no),
                col(DeadlineNode.id),
            ]
        stmt = (
            select(
                DeadlineNode,
                Case.case_no,
                status.label("status"),
                team_id,
                Team.name,
                handler_id,
                Handler.name,
                select(func.count())
                .select_from(Urge)
                .where(col(Urge.node_id) == col(DeadlineNode.id))
                .scalar_subquery(),
            )
            .join(Case, col(Case.id) == col(DeadlineNode.case_id))
            .join(Team, col(Team.id) == _team_expr(), isouter=True)
            .join(Handler, col(Handler.id) == _handler_expr(), isouter=True)
            .where(*where)
            .order_by(*ordering)
            .offset(offset)
            .limit(limit)
        )
        items = []
        for node, case_no, st, tid, tname, hid, hname, urged in s.exec(stmt).all():
            days = (as_of - node.due_on).days if st == OVERDUE else (node.due_on - as_of).days
            items.append(
                AlertRow(
                    node_id=node.id,
                    case_id=node.case_id,
                    case_no=case_no,
                    rule_id=node.rule_id,
                    node=node.name,
                    source=node.source,
                    period=node.period,
                    anchor_at=node.anchor_at,
                    due_on=node.due_on,
                    due_at=node.due_at,
                    status=st,
                    status_name=status_name(st),
                    days=days,
                    team_id=tid,
                    team=tname or "",
                    handler_id=hid,
                    handler=hname or "",
                    note=node.note,
                    urged=int(urged or 0),
                )
            )
    return Page(items=tuple(items), total=int(total), offset=offset, limit=limit)


def alert_counts(
    desk: Desk,
    as_of: date | None = None,
    *,
    team: str | int | None = None,
    handler: str | int | None = None,
    node_type: str | None = None,
) -> dict[str, int]:
    """How many nodes are 超期 / 今日到期 / 临期 on ``as_of`` (same rules as :func:`overdue_rows`)."""
    as_of = as_of or desk.today()
    status, where = _parts(desk, as_of)
    out = dict.fromkeys(ALERT_STATUSES, 0)
    with desk.session() as s:
        where = where + _filters(s, AlertFilter(team, handler, node_type))
        rows = s.exec(
            select(status, func.count())
            .select_from(DeadlineNode)
            .join(Case, col(Case.id) == col(DeadlineNode.case_id))
            .where(*where)
            .group_by(status)
        ).all()
    for st, n in rows:
        out[st] = int(n)
    return out


@dataclass(frozen=True, slots=True)
class FilterOptions:
    teams: tuple[tuple[int, str], ...]  # (unit id, name) of units that own or hold cases
    people: tuple[tuple[int, str], ...]  # (staff id, name)
    node_types: tuple[tuple[str, str], ...]  # (rule id, name)


def filter_options(desk: Desk) -> FilterOptions:
    """Choices for the alerts screen's filters: units, active staff, the profile's rules."""
    with desk.session() as s:
        teams = s.exec(
            select(OrgUnit.id, OrgUnit.name)
            .where(col(OrgUnit.kind).in_(("center", "group", "team", "office")), col(OrgUnit.active))
            .order_by(col(OrgUnit.sort_order), col(OrgUnit.id))
        ).all()
        people = s.exec(select(Staff.id, Staff.name).where(col(Staff.active)).order_by(col(Staff.name))).all()
    rules = tuple((r.id, r.name) for r in rules_for(desk.profile))
    return FilterOptions(tuple((int(i), n) for i, n in teams), tuple((int(i), n) for i, n in people), rules)
