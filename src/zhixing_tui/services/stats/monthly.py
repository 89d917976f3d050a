"""The monthly statistics (月度执行工作统计): SQL aggregates → :class:`MonthlyFigures`.

:func:`monthly_figures` gathers every table of the month: 首执 (执) cases by unit and every case type
on its own, each for the month and for the year to the month's end (本年累计); the node, triage,
stage-flow, member and 案款 tables and a 12-month trend. The big tables are GROUP BY queries
(:mod:`.aggregates`), portable to SQLite and PostgreSQL; the 速执 and 6-month rates compare the
closing day with the due day the case's own nodes store, the 案款 7-day rate with a due day counted
by the nodes' rule (§85, :func:`domain.periods.compute_due`) with the court's calendar. Tables whose
data the desk does not hold yet give zeros, never errors. The statements run as two halves on two
connections at once where the database allows (:mod:`.parallel`): the court's profile and the
cases' table; the nodes and the trend (which need nothing of the profile: they run while it
loads), 繁简分流, 七组流转 and 案款.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...domain.member_stats import MemberFigures
from ...domain.periods import DAYS, MONTHS, WEEKS, WORKDAYS, YEARS, add_months, compute_due, parse_period
from ...domain.statistics import (
    FIRST,
    TOTAL,
    TYPE_NAMES,
    IntakeClosing,
    Month,
    Settings,
    Span,
    rate,
    settings_from,
)
from ...domain.statistics_sheets import FlowRow
from ...errors import InvalidValue
from ...storage.reader import Reader
from .aggregates import flow_figures, holding_unit, intake_figures, node_figures, trend_figures
from .parallel import StatsDesk, both
from .read_desk import work_calendar
from .sqldays import day_lookup
from .tables import case_units, first_by_unit, month_bounds, triage_table

__all__ = ["MonthlyFigures", "TypeRow", "monthly_figures"]

#: 案款 to be paid out within 7 days of arrival (汝阳 000 二(一)5, 浉河 003 四(二)2(6))
PAYOUT_PERIOD = "7日"


@dataclass(frozen=True)
class TypeRow:
    """One case type (执, 执恢, 执保 …) of the 各类案件 table: the month and the year to date."""

    code: str
    name: str
    month: IntakeClosing
    ytd: IntakeClosing


@dataclass
class MonthlyFigures:
    month: Month
    as_of: date
    court: str
    court_short: str
    profile_id: str
    settings: Settings
    intake: list[IntakeClosing]  # 首执 (执) by unit, the month; 合计 last
    intake_ytd: list[IntakeClosing]  # 首执 by unit, the year to the month's end; 合计 last
    types: list[TypeRow]  # every case type, month and year to date; 合计 last
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

    @property
    def ytd(self) -> Span:
        return self.month.ytd

    @property
    def stat_day(self) -> date:
        """The day point-in-time figures are taken on: the month's end, or today if earlier."""
        return min(self.as_of, self.month.end)


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


def _by_type(table, settings: Settings) -> list[TypeRow]:
    """Every case type of the court's cases (首执 first, then in 案号 order), then 合计."""
    sums: dict[str, list[IntakeClosing]] = {}
    for (_uid, code), pair in table.items():
        rows = sums.setdefault(code, [IntakeClosing(code, rate_base=settings.rate_base) for _ in pair])
        for row, part in zip(rows, pair, strict=True):
            row.merge(part)
    order = list(TYPE_NAMES)
    codes = sorted(sums, key=lambda c: (order.index(c) if c in order else len(order), c))
    if FIRST not in codes:
        codes.insert(0, FIRST)
        sums[FIRST] = [IntakeClosing(FIRST, rate_base=settings.rate_base) for _ in range(2)]
    total = [IntakeClosing(TOTAL, rate_base=settings.rate_base) for _ in range(2)]
    for code in codes:
        for t, row in zip(total, sums[code], strict=True):
            t.merge(row)
    out = [TypeRow(c, TYPE_NAMES.get(c, c), sums[c][0], sums[c][1]) for c in codes]
    return [*out, TypeRow(TOTAL, TOTAL, total[0], total[1])]


def monthly_figures(desk: StatsDesk, month: Month, *, as_of: date | None = None) -> MonthlyFigures:
    """Every table of the month's workbook, from the desk's database."""
    as_of = as_of or desk.today()
    stat_day = min(as_of, month.end)
    start_at, end_at = month_bounds(month)

    def cases():
        """The court's profile (loaded here, or by ``zhixing export monthly``'s writer thread first,
        while the other part's first statements run), then the cases' table (首执 by unit, every
        type; the month and the year), the largest query."""
        profile = desk.profile
        settings = settings_from(profile.statistics)
        cal = work_calendar(desk)
        with desk.reader() as r:
            units = case_units(r, profile)
            table = intake_figures(r, month, settings, end_at, cal)
        return settings, units, table

    def the_rest():
        """Nodes and the trend — statements that need nothing of the profile, run first — then
        繁简分流, 七组流转 and 案款, beside the cases' table (about as long: 七组流转 is one aggregate
        a stage over the stage's own month indexes, 0019; 案款's arrivals come from theirs, 0020)."""
        with desk.reader() as r:
            node_rows = node_figures(r, month, stat_day)
            series = trend_figures(r, month)
            profile = desk.profile  # loaded by the other part meanwhile (or here, alone)
            listed, unit_name = case_units(r, profile)
            nodes = _node_table(node_rows, unit_name)
            triage = triage_table(r, month, unit_name, listed)
            flow = flow_figures(r, month, _flow_stages(profile), _closed_stage(profile))
            returned = r.rows(
                "SELECT handoff.from_stage, count(*) FROM handoff WHERE handoff.status = 'returned'"
                " AND handoff.decided_at >= :start_at AND handoff.decided_at < :end_at"
                " GROUP BY handoff.from_stage",
                start_at=start_at,
                end_at=end_at,
            )
            back = dict(returned)
            for row in flow:
                row.returned = int(back.get(row.stage, 0))
            pays = _payment_table(r, month, as_of, unit_name, listed, work_calendar(desk))
        return nodes, triage, flow, series, pays

    # two connections at once where the database allows (.parallel): about half the work each
    (settings, (listed, unit_name), table), (nodes, triage, flow, series, pays) = both(desk, cases, the_rest)
    profile = desk.profile
    intake = first_by_unit(table, 0, listed, unit_name, settings)
    intake_ytd = first_by_unit(table, 1, listed, unit_name, settings)
    for row in (*intake, *intake_ytd):
        row.rate_base = settings.rate_base
    types = _by_type(table, settings)
    # 线索查控人员: the per-member figures are computed once, in the core (services.stats.members)
    clue = _clue_stage(profile)
    members = []
    if clue:
        from .members import monthly_member_figures

        members = monthly_member_figures(desk.orm_desk(), month.year, month.month)
    return MonthlyFigures(
        month=month,
        as_of=as_of,
        court=profile.court.name,
        court_short=profile.court.short_name,
        profile_id=profile.id,
        settings=settings,
        intake=intake,
        intake_ytd=intake_ytd,
        types=types,
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


def _closed_stage(profile) -> str | None:
    return next((st.code for st in profile.stages if st.kind == "closed"), None)


def _flow_stages(profile) -> list[tuple[str, str, str, int | None]]:
    """(code, name, limit text, limit days) of the stages 七组流转 lists: all but the closed one."""
    return [
        (st.code, st.name, st.limit or "", _limit_days(st.limit))
        for st in profile.stages
        if st.kind != "closed"
    ]


def _clue_stage(profile) -> str | None:
    """The stage whose cases the court distributes over its members (监利 线索查控), if any. The
    distribution services (and the triage machinery they import) are loaded only for a court
    that has one: the workbook of any other court needs none of them."""
    if profile.triage.distribute is None:
        return None
    from ..board.distribution import distribution_stage

    return distribution_stage(profile)


def _node_table(rows, unit_name) -> list[tuple[str, str, int, int, int, int]]:
    """(节点, 部门, 本月到期, 按期完成, 超期完成, 仍超期) sorted by node and unit, then 合计."""
    table: dict[tuple[str, str], list[int]] = {}
    for name, uid, *figures in rows:
        row = table.setdefault((name, unit_name(uid)), [0, 0, 0, 0])
        for i, v in enumerate(figures):
            row[i] += v
    out = [(name, unit, *v) for (name, unit), v in sorted(table.items())]
    t = [sum(v[i] for v in table.values()) for i in range(4)]
    return [*out, (TOTAL, "", *t)]  # type: ignore[list-item]


def _claimed_by(bound: date, months: int = 1) -> date:
    """The last 认领 day whose day ``months`` later (:func:`add_months`) is still before ``bound``:
    ``add_months(claimed, 1) < bound`` exactly for the days up to it (add_months never goes back)."""
    day = bound
    while add_months(day, months) >= bound:
        day -= timedelta(days=1)
    return day


def _payment_table(r: Reader, month: Month, as_of: date, unit_name, listed: list[str], cal) -> list[list]:
    """案款 (:func:`domain.statistics_sheets.payments`'s table) summed by the database per unit: the
    arrivals claimed to a case that arrived this month or were still unpaid on the statistics day,
    under the unit holding the case (the last one that did for a case no unit holds any more); the
    7-day payout's last day counted as the 案款 node counts it (§85 with the court's calendar), a
    ``CASE`` over the month's days (:func:`.sqldays.day_lookup`); the balance left is the amount
    less what was paid out or returned by the day, summed only where it is counted."""
    bound = min(as_of, month.end)
    p = "payment"
    arrived, amount, paid, claimed = (
        f"{p}.arrived_on",
        f"{p}.amount_fen",
        f"{p}.paid_out_on",
        f"{p}.claimed_on",
    )
    out = (
        f"(SELECT coalesce(sum(payout.amount_fen), 0) FROM payout"
        f" WHERE payout.payment_id = {p}.id AND payout.paid_on <= :bound)"
    )
    days = [month.start + timedelta(days=i) for i in range((month.end - month.start).days + 1)]
    due = day_lookup(arrived, {d: compute_due(d, PAYOUT_PERIOD, cal).due_on for d in days}, r.is_sqlite)
    in_month = f"{arrived} >= :start AND {arrived} <= :end"
    unpaid = f"({paid} IS NULL OR {paid} > :bound) AND {claimed} IS NOT NULL AND {claimed} <= :bound"
    urge = f"{unpaid} AND {claimed} <= :urge_by"  # (bound − 认领).days > 20
    track = f"{unpaid} AND {claimed} <= :track_by"  # add_months(认领, 1) < bound
    left = f"{amount} - {out}"

    def total(cond: str, value: str = "1") -> str:
        return f"sum(CASE WHEN {cond} THEN {value} ELSE 0 END)"

    sql = (
        f"SELECT coalesce(enforcement_case.unit_id, {holding_unit(f'{p}.case_id', None)}) AS unit,"
        f" min({arrived}), min({p}.id),"
        f" {total(in_month)}, {total(in_month, amount)},"
        f" {total(f'{in_month} AND {paid} IS NOT NULL AND {paid} <= {due}')},"
        f" {total(urge)}, {total(urge, left)}, {total(track)}, {total(track, left)}"
        f" FROM {p} JOIN enforcement_case ON enforcement_case.id = {p}.case_id"
        f" WHERE {arrived} <= :end AND ({arrived} >= :start OR {paid} IS NULL OR {paid} > :bound)"
        " GROUP BY unit"
    )
    rows = r.rows(
        sql,
        start=month.start,
        end=month.end,
        bound=bound,
        urge_by=bound - timedelta(days=21),
        track_by=_claimed_by(bound),
    )
    # the units the profile lists first, then any other in the order its first arrival came
    table: dict[str, list[int]] = {u: [0] * 7 for u in listed}
    for uid, _first, _id, *sums in sorted(rows, key=lambda row: (row[1], row[2])):
        row = table.setdefault(unit_name(uid), [0] * 7)
        for i, v in enumerate(sums):
            row[i] += int(v or 0)
    totals = [sum(v[i] for v in table.values()) for i in range(7)]
    rows_out = [*table.items(), (TOTAL, totals)]
    return [[u, v[0], v[1], v[2], rate(v[2], v[0]), v[3], v[4], v[5], v[6]] for u, v in rows_out]
