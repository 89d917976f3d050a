"""The monthly figures as SQL aggregates (GROUP BY, CASE, the day arithmetic of :mod:`.sqldays`).

One statement per table, SQL text run through a :class:`~zhixing_tui.storage.reader.Reader`
(SQLite and PostgreSQL alike; nothing streams a table through Python). Each function gives the
same figures as the pure definitions in :mod:`domain.statistics` and
:mod:`domain.statistics_sheets` (``tests/services/test_monthly_sql.py`` compares them on a demo).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from ...domain.closing import CLOSING_METHODS
from ...domain.periods import compute_due
from ...domain.statistics import FIRST, IntakeClosing, Month, Settings, Span
from ...domain.statistics_sheets import FlowRow
from ...storage.reader import Reader, as_day
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


def holding_unit(case_id: str, bound: str | None) -> str:
    """The unit of the case ``case_id`` (an SQL expression)'s last stay with a unit that began
    before the moment parameter ``bound`` (any stay for None): the unit that held the case then —
    for a case closed by then, the unit that closed it. Read from the case's stays index alone."""
    before = f" AND stage_entry.entered_at < :{bound}" if bound else ""
    return (
        "(SELECT stage_entry.unit_id FROM stage_entry"
        f" WHERE stage_entry.case_id = {case_id} AND stage_entry.unit_id IS NOT NULL{before}"
        " ORDER BY stage_entry.entered_at DESC, stage_entry.id DESC LIMIT 1)"
    )


def _count(cond: str) -> str:
    return f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _fallback_dues(r: Reader, span: Span, settings: Settings, cal) -> tuple[str, str]:
    """(速执 due, execution period due) of a case by its filing day, for the cases closed in ``span``
    that have no 速执-stage or execution-period node (a 简易 case never sent to the 速执 stage, an
    old import): counted as the nodes count (§85 with the court's calendar) in Python, looked up in
    SQL as ``CASE filed_on WHEN … THEN …`` (:func:`.sqldays.day_lookup`) — evaluated only where the
    node is missing."""
    rows = r.rows(
        "SELECT DISTINCT enforcement_case.filed_on FROM enforcement_case"
        " WHERE enforcement_case.closed_on >= :start AND enforcement_case.closed_on <= :end",
        start=span.start,
        end=span.end,
    )
    if not rows:
        return "NULL", "NULL"
    days = [as_day(d) for (d,) in rows]
    fast, legal = f"{settings.fast_days}日", f"{settings.legal_months}个月"
    filed = "enforcement_case.filed_on"
    return (
        day_lookup(filed, {d: compute_due(d, fast, cal).due_on for d in days}, r.is_sqlite),
        day_lookup(filed, {d: compute_due(d, legal, cal).due_on for d in days}, r.is_sqlite),
    )


def intake_figures(
    r: Reader,
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
    fast_fallback, legal_fallback = _fallback_dues(r, span, settings, cal)
    c = "enforcement_case"
    filed, closed = f"{c}.filed_on", f"{c}.closed_on"
    # a stay in a 速执 stage, read from the case's stays index alone (id, not *)
    fast = (
        f"({c}.triage_class = 'simple' OR EXISTS (SELECT stage_entry.id FROM stage_entry"
        f" WHERE stage_entry.case_id = {c}.id AND stage_entry.stage IN :fast_stages))"
    )
    legal_due = (
        f"coalesce((SELECT max(deadline_node.due_on) FROM deadline_node WHERE deadline_node.case_id = {c}.id"
        f" AND deadline_node.rule_id = :execution_rule), {legal_fallback})"
    )
    fast_due = (
        f"coalesce((SELECT max(deadline_node.due_on) FROM deadline_node WHERE deadline_node.case_id = {c}.id"
        f" AND deadline_node.rule_id IN :stage_rules), {fast_fallback})"
    )
    # One pass over the cases open at some time in the year: each case falls in a few buckets —
    # filed before the year (0), in the year before the month (1), in the month (2); closed in the
    # year before the month (1), in the month (2), not by the month's end (3) — and the figures of
    # both spans are sums over the groups (few: units × types × buckets × methods × flags).
    fb = f"CASE WHEN {filed} < :ytd_start THEN 0 WHEN {filed} < :month_start THEN 1 ELSE 2 END"
    cb = (
        f"CASE WHEN {closed} IS NULL OR {closed} > :month_end THEN 3"
        f" WHEN {closed} >= :month_start THEN 2 ELSE 1 END"
    )
    done = f"{closed} IS NOT NULL AND {closed} <= :month_end"
    # 0: not closed by the month's end, or not a 速执 case; 1: 速执, closed late; 2: in time
    # (one CASE, so the 速执 test runs once a case)
    fast_state = (
        f"CASE WHEN {done} THEN CASE WHEN {fast} THEN CASE WHEN {closed} <= {fast_due} THEN 2 ELSE 1 END"
        " ELSE 0 END ELSE 0 END"
    )
    legal_in = f"CASE WHEN {done} AND {closed} <= {legal_due} THEN 1 ELSE 0 END"
    # the buckets and both flags packed into one whole number (:func:`_unpack`): the database
    # sorts the year's cases into their groups on four keys, not seven (~10 % of the statement)
    packed = f"{fb} + 3 * {cb} + 12 * {fast_state} + 36 * {legal_in}"
    held = f"coalesce({holding_unit(f'{c}.id', 'bound')}, {c}.unit_id)"
    unit = f"CASE WHEN {c}.type_code IN :by_unit THEN {held} END" if by_unit else "NULL"
    where = [f"{filed} <= :month_end", f"({closed} IS NULL OR {closed} >= :span_start)"]
    if types is not None:
        where.append(f"{c}.type_code IN :types")
    if filed_from is not None:
        where.append(f"{filed} >= :filed_from")
    if filed_before is not None:
        where.append(f"{filed} < :filed_before")
    sql = (
        f"SELECT {unit} AS unit, {c}.type_code, CASE WHEN {done} THEN {c}.closing_method END AS method,"
        f" {packed} AS packed, count(*), sum({c}.claim_fen), sum({c}.recovered_fen)"
        f" FROM {c} WHERE {' AND '.join(where)}"
        # by the labels: the unit's and the flags' subqueries run once a case
        f" GROUP BY unit, {c}.type_code, method, packed"
    )
    rows = r.rows(
        sql,
        fast_stages=list(settings.fast_stages),
        execution_rule=EXECUTION_RULE,
        stage_rules=[f"{STAGE_RULE}{code}" for code in settings.fast_stages],
        ytd_start=month.ytd.start,
        month_start=month.start,
        month_end=month.end,
        span_start=span.start,
        bound=bound,
        by_unit=list(by_unit),
        types=list(types or ()),
        filed_from=filed_from,
        filed_before=filed_before,
    )
    out: dict[tuple[int | None, str], tuple[IntakeClosing, ...]] = {}
    for uid, type_code, how, packed_key, n, claim, recovered in rows:
        f, cl, fast_key, legal_key = _unpack(packed_key)
        is_fast, fast_in = int(fast_key > 0), int(fast_key == 2)
        pair = out.get((uid, type_code))
        if pair is None:
            pair = out[(uid, type_code)] = tuple(
                IntakeClosing("", rate_base=settings.rate_base) for _ in range(2 if year else 1)
            )
        money = (int(claim or 0), int(recovered or 0))
        # the month: open at some time in it (a case closed earlier in the year is in neither)
        _bucket(
            pair[0],
            int(n),
            money,
            old=f < 2 and cl >= 2,
            new=f == 2,
            closed=cl == 2,
            counted=(cl == 2) if settings.amounts_over == "closed" else f == 2,
            how=how,
            flags=(is_fast, fast_in, legal_key),
        )
        if not year:
            continue
        _bucket(
            pair[1],
            int(n),
            money,
            old=f == 0,
            new=f >= 1,
            closed=cl <= 2,
            counted=(cl <= 2) if settings.amounts_over == "closed" else f >= 1,
            how=how,
            flags=(is_fast, fast_in, legal_key),
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


def node_figures(r: Reader, month: Month, stat_day: date) -> list[tuple[str, int | None, int, int, int, int]]:
    """(node, unit id, 本月到期, 按期完成, 超期完成, 仍超期) for the nodes due in the month. The unit is
    the node's own (a rule that names one) or, for a node that follows the case (owner "handler"),
    the unit that held the case on the statistics day."""
    unit = f"coalesce(deadline_node.owner_unit_id, {holding_unit('deadline_node.case_id', 'held_at')})"
    sql = (
        f"SELECT deadline_node.name, {unit} AS unit, {_node_counts(r)} FROM deadline_node"
        " WHERE deadline_node.due_on >= :start AND deadline_node.due_on <= :end"
        " GROUP BY deadline_node.name, unit"
    )
    rows = r.rows(sql, held_at=day_end(stat_day), **_node_params(month, stat_day))
    return [(name, uid, int(a), int(b or 0), int(c or 0), int(d or 0)) for name, uid, a, b, c, d in rows]


def node_totals(r: Reader, month: Month, stat_day: date) -> tuple[int, int, int, int]:
    """The 合计 of :func:`node_figures` (本月到期, 按期完成, 超期完成, 仍超期) without the units: no
    holding-unit look-up, the nodes read from the index on their due day alone."""
    sql = (
        f"SELECT {_node_counts(r)} FROM deadline_node"
        " WHERE deadline_node.due_on >= :start AND deadline_node.due_on <= :end"
    )
    a, b, c, d = r.one(sql, **_node_params(month, stat_day))
    return int(a), int(b or 0), int(c or 0), int(d or 0)


def _node_params(month: Month, stat_day: date) -> dict[str, object]:
    # done by the statistics day: before the first moment after it
    return {"start": month.start, "end": month.end, "stat_day": stat_day, "after": day_end(stat_day)}


def _node_counts(r: Reader) -> str:
    """本月到期, 按期完成 (done by the due day), 超期完成 (after it, by the statistics day), 仍超期 (not
    done by the statistics day, due before it) of the nodes selected."""
    due, done = "deadline_node.due_on", "deadline_node.completed_at"
    done_on = day_of(done, r.is_sqlite)
    return ", ".join(
        [
            "count(*)",
            _count(f"{done} IS NOT NULL AND {done_on} <= {due}"),
            _count(f"{done} IS NOT NULL AND {done} < :after AND {done_on} > {due}"),
            _count(f"({done} IS NULL OR {done} >= :after) AND {due} < :stat_day"),
        ]
    )


def flow_figures(
    r: Reader, month: Month, stages: Sequence[tuple[str, str, str, int | None]], closed_stage: str | None
) -> list[FlowRow]:
    """七组流转 per stage (code, name, limit text, limit days) from the stays overlapping the month;
    where a stay that ended in the month went is the stage it was left for (``next_stage``, written
    with the move: migration 0018), read with the stay from the month indexes.

    Each stage's figures are one aggregate over two ranges of the stage's own stays — those that
    began in the month (``ix_stage_entry_stage_entered``) and those that began before it and ended
    in it (``ix_stage_entry_stage_left``, 0019) — joined by ``UNION ALL``: no stay is sorted or
    grouped (a ``GROUP BY stage`` over the month's ~94,000 stays at county scale sorted them all:
    about half of the statement's time)."""
    s = "stage_entry"
    left_in = f"{s}.left_at IS NOT NULL AND {s}.left_at >= :start_at AND {s}.left_at < :end_at"
    ended_days = f"{day_number(f'{s}.left_at', r.is_sqlite)} - {day_number(f'{s}.entered_at', r.is_sqlite)}"
    went_on = f"{s}.next_stage IS NOT NULL"
    to_closed = f"{s}.next_stage = :closed_stage" if closed_stage else None
    handed_on = f"{went_on} AND {s}.next_stage != :closed_stage" if closed_stage else went_on

    def figures(i: int, limit: int | None, began: bool) -> str:
        """Stage ``i``'s stays that began in the month (``began``), or began before it and ended in
        it. Where a stay went and how long it lasted count only for the stays that ended in the
        month: a condition on the first range, implied by the second."""

        def ended(cond: str | None = None) -> str:
            both = [c for c in ((left_in if began else None), cond) if c]
            return " AND ".join(f"({c})" for c in both) if both else "1 = 1"

        columns = [
            f"{i} AS i",
            "count(*)" if began else "0",
            _count(ended(to_closed)) if to_closed is not None else "0",
            _count(ended(handed_on)),
            _count(ended()),
            f"sum(CASE WHEN {ended()} THEN {ended_days} END)",
            _count(ended(f"{ended_days} > {int(limit)}")) if limit is not None else "0",
        ]
        where = (
            f"{s}.entered_at >= :start_at AND {s}.entered_at < :end_at"
            if began
            else f"{left_in} AND {s}.entered_at < :start_at"
        )
        return f"SELECT {', '.join(columns)} FROM {s} WHERE {s}.stage = :stage_{i} AND {where}"

    params: dict[str, object] = {
        "start_at": day_end(month.start - timedelta(days=1)),
        "end_at": day_end(month.end),
        "closed_stage": closed_stage,
    }
    parts = []
    for i, (code, _n, _t, limit) in enumerate(stages):
        params[f"stage_{i}"] = code
        parts += [figures(i, limit, began) for began in (True, False)]
    got: dict[int, list[int]] = {}
    if parts:
        for i, *values in r.rows(" UNION ALL ".join(parts), **params):  # two rows a stage, added up
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


def trend_figures(r: Reader, last: Month, months: int = 12) -> list[tuple[str, int, int]]:
    """(YYYY-MM, 新收, 结案) for the ``months`` months ending with ``last``, oldest first: one
    statement of two counts a month, each a range of the index on the filing / closing day (no
    date function or sort over the year's cases)."""
    first = last.shift(-(months - 1))
    span = [first.shift(i) for i in range(months)]
    counts, params = [], {}
    for i, m in enumerate(span):
        params[f"s{i}"], params[f"e{i}"] = m.start, m.end
        for day in ("filed_on", "closed_on"):
            counts.append(
                f"(SELECT count(*) FROM enforcement_case WHERE enforcement_case.{day} >= :s{i}"
                f" AND enforcement_case.{day} <= :e{i})"
            )
    row = r.one(f"SELECT {', '.join(counts)}", **params)
    return [(m.label, int(row[2 * i]), int(row[2 * i + 1])) for i, m in enumerate(span)]
