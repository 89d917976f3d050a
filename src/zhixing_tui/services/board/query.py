"""Read side of the handoff board (流转看板): per-column counts and one page of cards per column.

Everything is computed in SQL so that the board stays quick with thousands of open cases: the
column counts are one GROUP BY over the open cases; a column's cards are one LIMIT/OFFSET query
ordered by time in the stage (longest first). A case is *over its stage limit* (超限) when the
limit counted from the day it entered the stage (``periods.compute_due``, the court's working
calendar) fell due before today. Because that due date never moves backwards when the entry day
moves forwards, each stage has one *cutoff* day: a case is over exactly when it entered on or
before that day. The cutoffs are computed here in Python, once per query, and handed to SQL as
plain dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, false, func, or_
from sqlmodel import Session, col, select

from ...domain import board
from ...domain.calendar import WorkCalendar
from ...domain.periods import DAYS, HOURS, MONTHS, SAME_DAY, WEEKS, WORKDAYS, YEARS, compute_due, parse_period
from ...storage.models import Approval, Case, Handoff, Staff
from ...storage.queries import MAX_PAGE, Page
from ..cases.search import first_parties
from ..desk import Desk

__all__ = [
    "ApprovalRow",
    "BoardFilter",
    "BoardView",
    "CardRow",
    "ColumnSummary",
    "HandlerOption",
    "column_page",
    "column_summaries",
    "handler_options",
    "load_board",
    "over_cutoff",
    "pending_approvals",
    "stage_cutoffs",
]

PAGE_SIZE = 30
CLOSE_TARGET = "closing"  # pending_to of a submitted closing (no target stage)


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """``handler_id``: only this handler's cases; ``over_limit``: only 超限; ``awaiting``: only
    cases with a handoff or closing awaiting approval."""

    handler_id: int | None = None
    over_limit: bool = False
    awaiting: bool = False

    @property
    def active(self) -> bool:
        return self.handler_id is not None or self.over_limit or self.awaiting


@dataclass(frozen=True, slots=True)
class ColumnSummary:
    code: str
    name: str
    limit: str | None
    total: int  # open cases in the stage (handler filter applied)
    over: int  # of them over the stage limit
    awaiting: int  # of them with a submitted handoff/closing


@dataclass(frozen=True, slots=True)
class CardRow:
    id: int
    case_no: str
    respondent: str
    claim_fen: int
    stage: str
    handler_id: int | None
    handler_name: str | None
    entered_at: datetime
    days: int  # calendar days in the stage
    limit: str | None
    over: bool
    pending_id: int | None  # the submitted handoff, if any
    pending_to: str | None  # its target stage code, or CLOSE_TARGET for a closing


@dataclass(frozen=True, slots=True)
class HandlerOption:
    id: int
    name: str
    cases: int


@dataclass(frozen=True, slots=True)
class BoardView:
    today: date
    filter: BoardFilter
    columns: tuple[ColumnSummary, ...]
    pages: dict[str, Page[CardRow]]


# --- stage limit cutoffs ------------------------------------------------------------------------

_NOMINAL_DAYS = {SAME_DAY: 0, HOURS: 1, DAYS: 1, WORKDAYS: 2, WEEKS: 7, MONTHS: 31, YEARS: 366}


def over_cutoff(limit: str, today: date, cal: WorkCalendar | None = None) -> date:
    """The last entry day whose ``limit`` fell due before ``today`` (a case that entered its stage
    on or before this day is over the limit; one that entered after it is not)."""
    period = parse_period(limit)
    span = _NOMINAL_DAYS[period.unit] * max(period.n, 1) + 30

    def over(day: date) -> bool:
        return compute_due(day, period, cal).due_on < today

    lo = today - timedelta(days=span)
    while not over(lo):  # make sure lo is over (rest days can stretch a period)
        span *= 2
        lo = today - timedelta(days=span)
    hi = today  # never over: a period cannot fall due before the day it starts
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if over(mid):
            lo = mid
        else:
            hi = mid
    return lo


def stage_cutoffs(desk: Desk, today: date | None = None) -> dict[str, date]:
    """Stage code → over-limit cutoff day, for every board stage that has a limit."""
    from ..deadlines.calendar import calendar_for

    today = today or desk.today()
    cal = calendar_for(desk)
    return {c.code: over_cutoff(c.limit, today, cal) for c in board.board_columns(desk.profile) if c.limit}


def _start_of_next(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min)


def _over_expr(cutoffs: dict[str, date]):
    entered = col(Case.stage_entered_at)
    parts = [and_(col(Case.stage) == code, entered < _start_of_next(day)) for code, day in cutoffs.items()]
    return or_(*parts) if parts else false()


# --- queries ------------------------------------------------------------------------------------


def _pending_join():
    return and_(col(Handoff.case_id) == col(Case.id), col(Handoff.status) == "submitted")


def _base_where(
    codes: Sequence[str], flt: BoardFilter, cutoffs: dict[str, date], *, all_filters: bool
) -> list:
    where = [col(Case.status) != "closed", col(Case.stage).in_(list(codes))]
    if flt.handler_id is not None:
        where.append(col(Case.handler_id) == flt.handler_id)
    if all_filters:
        if flt.over_limit:
            where.append(_over_expr(cutoffs))
        if flt.awaiting:
            where.append(col(Handoff.id).is_not(None))
    return where


def _summaries(
    s: Session, desk: Desk, flt: BoardFilter, cutoffs: dict[str, date]
) -> tuple[ColumnSummary, ...]:
    columns = board.board_columns(desk.profile)
    codes = [c.code for c in columns]
    over = func.sum(case((_over_expr(cutoffs), 1), else_=0))
    awaiting = func.sum(case((col(Handoff.id).is_not(None), 1), else_=0))
    stmt = (
        select(Case.stage, func.count(col(Case.id)), over, awaiting)
        .join(Handoff, _pending_join(), isouter=True)
        .where(*_base_where(codes, flt, cutoffs, all_filters=False))
        .group_by(col(Case.stage))
    )
    counts = {stage: (int(n), int(o or 0), int(a or 0)) for stage, n, o, a in s.exec(stmt)}
    return tuple(ColumnSummary(c.code, c.name, c.limit, *counts.get(c.code, (0, 0, 0))) for c in columns)


def _page(
    s: Session,
    desk: Desk,
    stage: str,
    flt: BoardFilter,
    cutoffs: dict[str, date],
    today: date,
    limit: int,
    offset: int,
) -> Page[CardRow]:
    limit, offset = max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))
    where = _base_where([stage], flt, cutoffs, all_filters=True)
    total = s.exec(
        select(func.count(col(Case.id)))
        .select_from(Case)
        .join(Handoff, _pending_join(), isouter=True)
        .where(*where)
    ).one()
    stmt = (
        select(
            Case.id,
            Case.case_no,
            Case.claim_fen,
            Case.stage,
            Case.handler_id,
            Staff.name,
            Case.stage_entered_at,
            Handoff.id,
            Handoff.kind,
            Handoff.to_stage,
        )
        .join(Handoff, _pending_join(), isouter=True)
        .join(Staff, col(Staff.id) == col(Case.handler_id), isouter=True)
        .where(*where)
        .order_by(col(Case.stage_entered_at), col(Case.id))
        .offset(offset)
        .limit(limit)
    )
    rows = list(s.exec(stmt))
    parties = first_parties(s, [r[0] for r in rows])
    limit_text = desk.profile.stage(stage).limit
    cutoff = cutoffs.get(stage)
    items = tuple(
        CardRow(
            id=cid,
            case_no=case_no,
            respondent=parties.get((cid, "respondent"), ""),
            claim_fen=claim,
            stage=code,
            handler_id=hid,
            handler_name=hname,
            entered_at=entered,
            days=board.days_in_stage(entered, today),
            limit=limit_text,
            over=cutoff is not None and entered.date() <= cutoff,
            pending_id=pid,
            pending_to=(CLOSE_TARGET if pkind == "close" else pto) if pid is not None else None,
        )
        for cid, case_no, claim, code, hid, hname, entered, pid, pkind, pto in rows
    )
    return Page(items=items, total=int(total), offset=offset, limit=limit)


def column_summaries(desk: Desk, flt: BoardFilter | None = None) -> tuple[ColumnSummary, ...]:
    """Every board column with its open, over-limit and awaiting-approval counts (one query)."""
    flt = flt or BoardFilter()
    cutoffs = stage_cutoffs(desk)
    with desk.session() as s:
        return _summaries(s, desk, flt, cutoffs)


def column_page(
    desk: Desk, stage: str, flt: BoardFilter | None = None, *, limit: int = PAGE_SIZE, offset: int = 0
) -> Page[CardRow]:
    """One page of a column's cards, longest in the stage first, with every filter applied."""
    flt = flt or BoardFilter()
    desk.profile.stage(stage)  # KeyError for an unknown stage is a programming error
    cutoffs = stage_cutoffs(desk)
    with desk.session() as s:
        return _page(s, desk, stage, flt, cutoffs, desk.today(), limit, offset)


def load_board(
    desk: Desk,
    flt: BoardFilter | None = None,
    *,
    page_size: int = PAGE_SIZE,
    offsets: dict[str, int] | None = None,
) -> BoardView:
    """The whole board as data: column counts and the first (or the given) page of every column."""
    flt = flt or BoardFilter()
    offsets = offsets or {}
    today = desk.today()
    cutoffs = stage_cutoffs(desk, today)
    with desk.session() as s:
        columns = _summaries(s, desk, flt, cutoffs)
        pages = {
            c.code: _page(s, desk, c.code, flt, cutoffs, today, page_size, offsets.get(c.code, 0))
            for c in columns
        }
    return BoardView(today=today, filter=flt, columns=columns, pages=pages)


def handler_options(desk: Desk) -> list[HandlerOption]:
    """The handlers who hold open cases on the board, with how many (for the handler filter)."""
    codes = [c.code for c in board.board_columns(desk.profile)]
    with desk.session() as s:
        rows = s.exec(
            select(Staff.id, Staff.name, func.count(col(Case.id)))
            .join(Case, col(Case.handler_id) == col(Staff.id))
            .where(col(Case.status) != "closed", col(Case.stage).in_(codes))
            .group_by(col(Staff.id), col(Staff.name))
            .order_by(col(Staff.id))
        ).all()
    return [HandlerOption(int(i), n, int(c)) for i, n, c in rows]


# --- approvals awaiting a decision (every kind) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApprovalRow:
    """A pending :class:`Approval`: 出差 (``travel``), 类案集中 (``related_cases``), 简转繁
    (``simple_to_complex``) or any other kind; ``level`` is the role that must approve, and
    ``deciders`` every role the owning service accepts for it (a 恢复执行 step names several:
    汝阳's 终本管理组 or a 组长), each with the roles above it on the ladder."""

    id: int
    kind: str
    case_id: int
    case_no: str
    level: str
    details: dict
    requested_by: str
    requested_at: datetime
    deciders: tuple[str, ...] = ()
    requested_by_id: int | None = None  # who asked, by staff id ("mine" is decided by id)


def _deciders(desk: Desk, approval: Approval) -> tuple[str, ...]:
    """The roles the owning service accepts for ``approval`` now (see ApprovalRow)."""
    if approval.kind == "resumption":
        steps = desk.profile.resumption.steps
        index = min(int((approval.details or {}).get("step", 0)), len(steps) - 1)
        return tuple(steps[index].roles)
    return (approval.level,)


def pending_approvals(
    desk: Desk, *, kind: str | None = None, limit: int = 100, offset: int = 0
) -> Page[ApprovalRow]:
    """Approvals of every kind (or of ``kind``) awaiting a decision, oldest request first."""
    limit, offset = max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))
    where = [col(Approval.status) == "pending"]
    if kind is not None:
        where.append(col(Approval.kind) == kind)
    with desk.session() as s:
        total = s.exec(select(func.count(col(Approval.id))).where(*where)).one()
        rows = s.exec(
            select(Approval, Case.case_no)
            .join(Case, col(Case.id) == col(Approval.case_id))
            .where(*where)
            .order_by(col(Approval.requested_at), col(Approval.id))
            .offset(offset)
            .limit(limit)
        ).all()
        items = tuple(
            ApprovalRow(
                a.id or 0,
                a.kind,
                a.case_id,
                case_no,
                a.level,
                dict(a.details or {}),
                a.requested_by,
                a.requested_at,
                _deciders(desk, a),
                a.requested_by_id,
            )
            for a, case_no in rows
        )
    return Page(items=items, total=int(total), offset=offset, limit=limit)
