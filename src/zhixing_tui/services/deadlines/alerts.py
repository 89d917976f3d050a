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
from ...profiles.deadline_schema import EXECUTION_RULE, rules_for
from ...storage.models import Case, DeadlineNode, OrgUnit, Staff, Suspension, Urge
from ...storage.queries import MAX_PAGE, Page
from ..desk import Desk

__all__ = [
    "AlertFilter",
    "AlertRow",
    "FilterOptions",
    "alert_counts",
    "alert_page",
    "all_overdue_rows",
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


def _parts(s, desk: Desk, as_of: date):
    """(status expression, the WHERE conditions that make a node an alert on ``as_of``).

    The conditions let the database reach only open nodes through ``ix_deadline_node_open_due``
    (completed_at, due_on): a node counts when not completed by the end of ``as_of``, which is
    ``completed_at IS NULL`` alone unless some node was completed after that day (a report on a
    past day) — checked first through the index, so the usual query has no OR on completed_at —
    and its due date is at most the latest warning limit (a redundant bound the index can use)."""
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
    limits = {w: approach_limit(as_of, w, cal) for w in (default, *windows)}
    approaching = [and_(rid.not_in(special) if special else literal(True), due <= limits[default])]
    approaching += [and_(rid.in_(ids), due <= limits[w]) for w, ids in windows.items()]
    end = _day_end(as_of)
    completed = col(DeadlineNode.completed_at)
    completed_later = s.exec(select(DeadlineNode.id).where(completed >= end).limit(1)).first() is not None
    not_done = or_(completed.is_(None), completed >= end) if completed_later else completed.is_(None)
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
        not_done,
        due <= max(as_of, *limits.values()),
        col(DeadlineNode.anchor_at) < end,
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
            staff_id = s.exec(select(Staff.id).where(Staff.name == str(flt.handler))).one_or_none()
            if staff_id is None:
                raise NotFound(f"没有这个人员：{flt.handler}")
        out.append(_handler_expr() == staff_id)
    if flt.node_type:
        out.append(col(DeadlineNode.rule_id) == flt.node_type)
    return out


def _checked(desk: Desk, as_of: date | None, statuses: tuple[str, ...]) -> date:
    unknown = set(statuses) - set(ALERT_STATUSES)
    if unknown:
        raise InvalidValue(f"状态不认识：{'、'.join(sorted(unknown))}", field="状态")
    return as_of or desk.today()


def _rows_statement(
    s,
    desk: Desk,
    as_of: date,
    flt: AlertFilter,
    statuses: tuple[str, ...],
    order: Order,
    *,
    urges: bool = False,
):
    """(the SELECT of alert rows in ``order``, the WHERE conditions): plain columns, no ORM
    entities, so a whole report's rows come back in one pass without building objects.
    ``urges``: a last column counting each node's 督办 (the screen's page shows it; the report
    does not need it)."""
    status, where = _parts(s, desk, as_of)
    where = where + _filters(s, flt) + [status.in_(statuses)]
    if order == "status":
        # 超期 (due before as_of), then 今日到期 (due on it), then 临期 (after it): by due date
        # alone, which the open-nodes index already gives — a page needs no sort of every alert
        ordering = [col(DeadlineNode.due_on), col(Case.case_no), col(DeadlineNode.id)]
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
            DeadlineNode.id,
            DeadlineNode.case_id,
            Case.case_no,
            DeadlineNode.rule_id,
            DeadlineNode.name,
            DeadlineNode.source,
            DeadlineNode.period,
            DeadlineNode.anchor_at,
            DeadlineNode.due_on,
            DeadlineNode.due_at,
            status.label("status"),
            _team_expr().label("team_id"),
            Team.name,
            _handler_expr().label("handler_id"),
            Handler.name,
            DeadlineNode.note,
            *(
                [
                    select(func.count())
                    .select_from(Urge)
                    .where(col(Urge.node_id) == col(DeadlineNode.id))
                    .scalar_subquery()
                ]
                if urges
                else []
            ),
        )
        .join(Case, col(Case.id) == col(DeadlineNode.case_id))
        .join(Team, col(Team.id) == _team_expr(), isouter=True)
        .join(Handler, col(Handler.id) == _handler_expr(), isouter=True)
        .where(*where)
        .order_by(*ordering)
    )
    return stmt, where


def _alert_row(as_of: date, row) -> AlertRow:
    nid, case_id, case_no, rule_id, name, source, period, anchor_at, due_on, due_at, st = row[:11]
    tid, tname, hid, hname, note = row[11:16]
    urged = int(row[16] or 0) if len(row) > 16 else 0
    # by position: a report builds tens of thousands of rows, and keywords cost a third of each
    return AlertRow(
        nid,  # node_id
        case_id,
        case_no,
        rule_id,
        name,  # node
        source,
        period,
        anchor_at,
        due_on,
        due_at,
        st,  # status
        status_name(st),
        (as_of - due_on).days if st == OVERDUE else (due_on - as_of).days,  # days
        tid,  # team_id
        tname or "",  # team
        hid,  # handler_id
        hname or "",  # handler
        note,
        urged,
    )


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
    return alert_page(
        desk,
        as_of,
        team=team,
        handler=handler,
        node_type=node_type,
        statuses=statuses,
        order=order,
        limit=limit,
        offset=offset,
    )[0]


def alert_page(
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
) -> tuple[Page[AlertRow], dict[str, int]]:
    """:func:`overdue_rows`' page and :func:`alert_counts` with the same filters, from one count:
    every alert has one of the three statuses, so the page's total is the sum of the counts of
    ``statuses`` — and the counts read no case unless a filter needs one (issue 17: 超期预警
    counted the alerts twice, once joined to every alert's case)."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidValue(f"每页行数应在 1–{MAX_PAGE} 之间：{limit}", field="limit", value=limit)
    as_of = _checked(desk, as_of, statuses)
    flt = AlertFilter(team, handler, node_type)
    with desk.session() as s:
        counts = _counts(s, desk, as_of, flt)
        stmt, _where = _rows_statement(s, desk, as_of, flt, statuses, order, urges=True)
        items = tuple(_alert_row(as_of, r) for r in s.exec(stmt.offset(offset).limit(limit)))
    total = sum(counts[st] for st in statuses)
    return Page(items=items, total=total, offset=offset, limit=limit), counts


def all_overdue_rows(
    desk: Desk,
    as_of: date | None = None,
    *,
    team: str | int | None = None,
    order: Order = "team",
) -> tuple[AlertRow, ...]:
    """Every alert row on ``as_of`` in one pass of the query (the nightly report: no paging, no
    count — the rows are the count), in the same order as :func:`overdue_rows`."""
    as_of = _checked(desk, as_of, ALERT_STATUSES)
    with desk.session() as s:
        stmt, _where = _rows_statement(s, desk, as_of, AlertFilter(team), ALERT_STATUSES, order)
        # plain columns through the connection: no ORM row loading for tens of thousands of rows
        return tuple(_alert_row(as_of, r) for r in s.connection().execute(stmt))


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
    with desk.session() as s:
        return _counts(s, desk, as_of, AlertFilter(team, handler, node_type))


def _counts(s, desk: Desk, as_of: date, flt: AlertFilter) -> dict[str, int]:
    out = dict.fromkeys(ALERT_STATUSES, 0)
    status, where = _parts(s, desk, as_of)
    where = where + _filters(s, flt)
    stmt = select(status, func.count()).select_from(DeadlineNode)
    if flt.team not in (None, "") or flt.handler not in (None, ""):
        # the team and handler filters read the case's unit and handler. Without them the
        # case is not joined: every node has its case (case_id NOT NULL, a foreign key), and
        # a look-up of the case for each of some 50,000 open nodes was most of the home
        # counts' time at county scale (issue 17)
        stmt = stmt.join(Case, col(Case.id) == col(DeadlineNode.case_id))
    for st, n in s.exec(stmt.where(*where).group_by(status)).all():
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
