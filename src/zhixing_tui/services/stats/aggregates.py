"""The monthly figures as SQL aggregates (GROUP BY, CASE, date arithmetic of :mod:`.sqldays`).

One query per table, portable to SQLite and PostgreSQL; nothing streams a table through Python.
Each function gives the same figures as the pure definitions in :mod:`domain.statistics` and
:mod:`domain.statistics_sheets` (``tests/services/test_monthly_sql.py`` compares them on a demo).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Integer,
    and_,
    case,
    func,
    literal_column,
    null,
    or_,
    true,
    union_all,
)
from sqlmodel import Session, col, select

from ...domain.closing import CLOSING_METHODS
from ...domain.periods import compute_due
from ...domain.statistics import FIRST, IntakeClosing, Month, Settings, Span
from ...domain.statistics_sheets import FlowRow
from ...storage.models import Case, DeadlineNode, StageEntry
from .sqldays import day_lookup, day_number, day_of

__all__ = [
    "EXECUTION_RULE",
    "day_end",
    "flow_figures",
    "holding_unit",
    "intake_figures",
    "merge_intake",
    "node_figures",
    "node_totals",
    "trend_figures",
]

#: the node whose due day is the case's execution period (services.deadlines.nodes.EXECUTION_RULE)
EXECUTION_RULE = "national.execution_period"
#: a stage's own period is the node ``stage.<code>`` (profiles.deadline_schema): 速执 30日 from entering it
STAGE_RULE = "stage."
OTHER = CLOSING_METHODS[-1]  # 其他: a method not named, or none


def day_end(d: date) -> datetime:
    """The first moment after day ``d``."""
    return datetime.combine(d + timedelta(days=1), time.min)


def holding_unit(case_id: Any, bound: datetime):
    """The unit of the case's last stay (with a unit) that began before ``bound``: the unit that
    held the case then — for a case closed by then, the unit that closed it."""
    return (
        select(StageEntry.unit_id)
        .where(
            col(StageEntry.case_id) == case_id,
            col(StageEntry.unit_id).is_not(None),
            col(StageEntry.entered_at) < bound,
        )
        .order_by(col(StageEntry.entered_at).desc(), col(StageEntry.id).desc())
        .limit(1)
        .scalar_subquery()
    )


def _within(x: Any, span: Span) -> Any:
    return and_(x >= span.start, x <= span.end)


def _count(cond: Any) -> Any:
    return func.sum(case((cond, 1), else_=0))


def _fallback_dues(s: Session, span: Span, settings: Settings, cal) -> tuple[Any, Any]:
    """(速执 due, execution period due) of a case by its filing day, for the cases closed in ``span``
    that have no 速执-stage or execution-period node (a 简易 case never sent to the 速执 stage, an
    old import): counted as the nodes count (§85 with the court's calendar) in Python, looked up in
    SQL as ``CASE filed_on WHEN … THEN …`` (:class:`.sqldays.day_lookup`) — evaluated only where the
    node is missing."""
    days = s.exec(select(Case.filed_on).where(_within(col(Case.closed_on), span)).distinct()).all()
    if not days:
        return null(), null()
    fast, legal = f"{settings.fast_days}日", f"{settings.legal_months}个月"
    filed = col(Case.filed_on)
    return (
        day_lookup(filed, {d: compute_due(d, fast, cal).due_on for d in days}),
        day_lookup(filed, {d: compute_due(d, legal, cal).due_on for d in days}),
    )


def intake_figures(
    s: Session,
    month: Month,
    settings: Settings,
    bound: datetime,
    cal,
    *,
    by_unit: Sequence[str] = (FIRST,),
    types: Sequence[str] | None = None,
    year: bool = True,
    filed_from: date | None = None,
    filed_before: date | None = None,
) -> dict[tuple[int | None, str], tuple[IntakeClosing, ...]]:
    """(unit id, 案件类型) → (the month's row, the year-to-date row), the unit being the one that
    held the case at ``bound`` (the end of the month) for the types in ``by_unit`` (the tables
    split only 首执 by unit; the other types come under ``None``: no holding-unit look-up for them).
    ``types``: only these case types; ``year=False``: the month's row alone, from the cases open
    at some time in the month only (统计 F8 shows no more). ``filed_from`` / ``filed_before``: only the
    cases filed on or after / before that day (a share of the work for one of two connections,
    a range of the filing-day index; the figures of the shares add up to the whole's,
    :func:`merge_intake`)."""
    span = month.ytd if year else month.span
    fast_fallback, legal_fallback = _fallback_dues(s, span, settings, cal)
    filed, closed = col(Case.filed_on), col(Case.closed_on)
    method = col(Case.closing_method)
    fast = or_(
        col(Case.triage_class) == "simple",
        # a stay in a 速执 stage, read from the case's stays index alone (id, not *)
        select(StageEntry.id)
        .where(col(StageEntry.case_id) == col(Case.id), col(StageEntry.stage).in_(settings.fast_stages))
        .exists(),
    )
    node_due = (
        select(func.max(DeadlineNode.due_on))
        .where(col(DeadlineNode.case_id) == col(Case.id), col(DeadlineNode.rule_id) == EXECUTION_RULE)
        .scalar_subquery()
    )
    legal_due = func.coalesce(node_due, legal_fallback)
    stage_due = (
        select(func.max(DeadlineNode.due_on))
        .where(
            col(DeadlineNode.case_id) == col(Case.id),
            col(DeadlineNode.rule_id).in_([f"{STAGE_RULE}{code}" for code in settings.fast_stages]),
        )
        .scalar_subquery()
    )
    fast_due = func.coalesce(stage_due, fast_fallback)
    # One pass over the cases open at some time in the year: each case falls in a few buckets —
    # filed before the year (0), in the year before the month (1), in the month (2); closed in the
    # year before the month (1), in the month (2), not by the month's end (3) — and the figures of
    # both spans are sums over the groups (few: units × types × buckets × methods × flags).
    ytd = month.ytd
    fb = case((filed < ytd.start, 0), (filed < month.start, 1), else_=2)
    cb = case((or_(closed.is_(None), closed > month.end), 3), (closed >= month.start, 2), else_=1)
    done = and_(closed.is_not(None), closed <= month.end)
    how = case((done, method), else_=None).label("method")
    # 0: not closed by the month's end, or not a 速执 case; 1: 速执, closed late; 2: in time
    # (one CASE, so the 速执 test runs once a case)
    fast_state = case((done, case((fast, case((closed <= fast_due, 2), else_=1)), else_=0)), else_=0)
    legal_in = case((and_(done, closed <= legal_due), 1), else_=0)
    # the buckets and both flags packed into one whole number (:func:`_unpack`): the database
    # sorts the year's cases into their groups on four keys, not seven (~10 % of the statement)
    packed = (fb + 3 * cb + 12 * fast_state + 36 * legal_in).label("packed")
    held = func.coalesce(holding_unit(col(Case.id), bound), col(Case.unit_id))
    unit = (case((col(Case.type_code).in_(by_unit), held), else_=None) if by_unit else null()).label("unit")
    keys = [
        literal_column("unit"),
        col(Case.type_code),
        literal_column(how.name),
        literal_column(packed.name),
    ]
    stmt = (
        select(
            unit,
            col(Case.type_code),
            how,
            packed,
            func.count(),
            func.sum(col(Case.claim_fen)),
            func.sum(col(Case.recovered_fen)),
        )
        .select_from(Case)
        .where(filed <= month.end, or_(closed.is_(None), closed >= span.start))
        .group_by(*keys)  # by the labels: the unit's and the flags' subqueries run once a case
    )
    if types is not None:
        stmt = stmt.where(col(Case.type_code).in_(types))
    if filed_from is not None:
        stmt = stmt.where(filed >= filed_from)
    if filed_before is not None:
        stmt = stmt.where(filed < filed_before)
    out: dict[tuple[int | None, str], tuple[IntakeClosing, ...]] = {}
    for uid, type_code, how, packed, n, claim, recovered in s.exec(stmt):
        f, c, fast_state, legal_in = _unpack(packed)
        is_fast, fast_in = int(fast_state > 0), int(fast_state == 2)
        pair = out.get((uid, type_code))
        if pair is None:
            pair = out[(uid, type_code)] = tuple(
                IntakeClosing("", rate_base=settings.rate_base) for _ in range(2 if year else 1)
            )
        money = (int(claim or 0), int(recovered or 0))
        # the month: open at some time in it (a case closed earlier in the year is in neither)
        _bucket(
            pair[0],
            n,
            money,
            old=f < 2 and c >= 2,
            new=f == 2,
            closed=c == 2,
            counted=(c == 2) if settings.amounts_over == "closed" else f == 2,
            how=how,
            flags=(is_fast, fast_in, legal_in),
        )
        if not year:
            continue
        _bucket(
            pair[1],
            n,
            money,
            old=f == 0,
            new=f >= 1,
            closed=c <= 2,
            counted=(c <= 2) if settings.amounts_over == "closed" else f >= 1,
            how=how,
            flags=(is_fast, fast_in, legal_in),
        )
    return out


def _unpack(packed: int) -> tuple[int, int, int, int]:
    """(filing bucket 0–2, closing bucket 1–3, 速执 state 0–2, within the execution period 0–1)
    of :func:`intake_figures`' packed key ``fb + 3·cb + 12·fast + 36·legal``."""
    legal, rest = divmod(int(packed), 36)
    fast, rest = divmod(rest, 12)
    closing, filing = divmod(rest, 3)
    return filing, closing, fast, legal


def merge_intake(
    *tables: dict[tuple[int | None, str], tuple[IntakeClosing, ...]],
) -> dict[tuple[int | None, str], tuple[IntakeClosing, ...]]:
    """The figures of the parts of :func:`intake_figures` (``filed_from`` / ``filed_before``) added up: the whole's, in the
    order SQLite groups them in (no unit first, then by unit id and type)."""
    out: dict[tuple[int | None, str], tuple[IntakeClosing, ...]] = {}
    for table in tables:
        for key, pair in table.items():
            have = out.get(key)
            if have is None:
                out[key] = pair
                continue
            for mine, theirs in zip(have, pair, strict=True):
                mine.merge(theirs)
    return dict(sorted(out.items(), key=lambda kv: (kv[0][0] is not None, kv[0][0] or 0, kv[0][1])))


def _bucket(
    row: IntakeClosing,
    n: int,
    money: tuple[int, int],
    *,
    old: bool,
    new: bool,
    closed: bool,
    counted: bool,
    how: str | None,
    flags: tuple[int, int, int],
) -> None:
    """Add ``n`` cases of one group to a span's row."""
    if old:
        row.old += n
    elif new:
        row.new += n
    else:
        return
    if closed:
        row.closed += n
        row.by_method[how if how in row.by_method else OTHER] += n
        is_fast, fast_in, legal_in = flags
        row.fast_closed += n * is_fast
        row.fast_in_time += n * fast_in
        row.legal_in_time += n * legal_in
    if counted:
        row.claim_fen += money[0]
        row.recovered_fen += money[1]


def node_figures(
    s: Session, month: Month, stat_day: date
) -> list[tuple[str, int | None, int, int, int, int]]:
    """(node, unit id, 本月到期, 按期完成, 超期完成, 仍超期) for the nodes due in the month. The unit is
    the node's own (a rule that names one) or, for a node that follows the case (owner "handler"),
    the unit that held the case on the statistics day."""
    unit = func.coalesce(
        col(DeadlineNode.owner_unit_id), holding_unit(col(DeadlineNode.case_id), day_end(stat_day))
    ).label("unit")
    stmt = (
        select(col(DeadlineNode.name), unit, *_node_counts(stat_day))
        .where(_within(col(DeadlineNode.due_on), month.span))
        .group_by(col(DeadlineNode.name), literal_column("unit"))
    )
    return [
        (name, uid, int(a), int(b or 0), int(c or 0), int(d or 0)) for name, uid, a, b, c, d in s.exec(stmt)
    ]


def node_totals(s: Session, month: Month, stat_day: date) -> tuple[int, int, int, int]:
    """The 合计 of :func:`node_figures` (本月到期, 按期完成, 超期完成, 仍超期) without the units: no
    holding-unit look-up, the nodes read from the index on their due day alone."""
    stmt = select(*_node_counts(stat_day)).where(_within(col(DeadlineNode.due_on), month.span))
    a, b, c, d = s.exec(stmt).one()
    return int(a), int(b or 0), int(c or 0), int(d or 0)


def _node_counts(stat_day: date) -> list[Any]:
    """本月到期, 按期完成 (done by the due day), 超期完成 (after it, by the statistics day), 仍超期 (not
    done by the statistics day, due before it) of the nodes selected."""
    due, done = col(DeadlineNode.due_on), col(DeadlineNode.completed_at)
    done_on = day_of(done)
    after = day_end(stat_day)  # done by the statistics day: before the first moment after it
    return [
        func.count(),
        _count(and_(done.is_not(None), done_on <= due)),
        _count(and_(done.is_not(None), done < after, done_on > due)),
        _count(and_(or_(done.is_(None), done >= after), due < stat_day)),
    ]


def flow_figures(
    s: Session, month: Month, stages: Sequence[tuple[str, str, str, int | None]], closed_stage: str | None
) -> list[FlowRow]:
    """七组流转 per stage (code, name, limit text, limit days) from the stays overlapping the month;
    where a stay that ended in the month went is the stage it was left for (``next_stage``, written
    with the move: migration 0018), read with the stay from the month indexes.

    Each stage's figures are one aggregate over two ranges of the stage's own stays — those that
    began in the month (``ix_stage_entry_stage_entered``) and those that began before it and ended
    in it (``ix_stage_entry_stage_left``, 0019) — joined by ``UNION ALL``: no stay is sorted or
    grouped (a ``GROUP BY stage`` over the month's ~94,000 stays at county scale sorted them all:
    about half of the statement's time)."""
    start_at, end_at = day_end(month.start - timedelta(days=1)), day_end(month.end)
    stage, entered, left = col(StageEntry.stage), col(StageEntry.entered_at), col(StageEntry.left_at)
    following = col(StageEntry.next_stage)
    left_in = and_(left.is_not(None), left >= start_at, left < end_at)
    ended_days = day_number(left) - day_number(entered)
    went_on = following.is_not(None)
    to_closed = following == closed_stage if closed_stage else None
    handed_on = and_(went_on, following != closed_stage) if closed_stage else went_on
    zero = literal_column("0", Integer)  # typed constants: PostgreSQL cannot type a bare $n

    def figures(i: int, code: str, limit: int | None, began: bool):
        """Stage ``i``'s stays that began in the month (``began``), or began before it and ended in
        it. Where a stay went and how long it lasted count only for the stays that ended in the
        month: a condition on the first range, implied by the second."""
        ended = left_in if began else true()
        return select(
            literal_column(str(i), Integer).label("i"),
            func.count() if began else zero,
            _count(and_(ended, to_closed)) if to_closed is not None else zero,
            _count(and_(ended, handed_on)),
            _count(ended),
            func.sum(case((ended, ended_days), else_=None)),
            _count(and_(ended, ended_days > literal_column(str(limit), Integer)))
            if limit is not None
            else zero,
        ).where(
            stage == code,
            *((entered >= start_at, entered < end_at) if began else (left_in, entered < start_at)),
        )

    parts = [
        figures(i, code, limit, began)
        for i, (code, _n, _t, limit) in enumerate(stages)
        for began in (True, False)
    ]
    got: dict[int, list[int]] = {}
    if parts:
        for i, *values in s.exec(union_all(*parts)):  # two rows a stage, added up
            row = got.setdefault(int(i), [0] * 6)
            for j, v in enumerate(values):
                row[j] += int(v or 0)
    out = []
    for i, (code, name, text, limit_days) in enumerate(stages):
        received, closed_here, handed, left_n, total, over = got.get(i, [0] * 6)
        out.append(
            FlowRow(code, name, text, limit_days, received, closed_here, handed, 0, left_n, total, over)
        )
    return out


def trend_figures(s: Session, last: Month, months: int = 12) -> list[tuple[str, int, int]]:
    """(YYYY-MM, 新收, 结案) for the ``months`` months ending with ``last``, oldest first: one
    statement of two counts a month, each a range of the index on the filing / closing day (no
    date function or sort over the year's cases)."""
    first = last.shift(-(months - 1))
    span = [first.shift(i) for i in range(months)]
    counts = [
        select(func.count()).select_from(Case).where(_within(day, m.span)).scalar_subquery()
        for m in span
        for day in (col(Case.filed_on), col(Case.closed_on))
    ]
    row = s.exec(select(*counts)).one()
    return [(m.label, int(row[2 * i]), int(row[2 * i + 1])) for i, m in enumerate(span)]
