"""The monthly workbook's other tables, over plain rows: node overdue, triage, the stage
pipeline (七组流转), 线索查控 members and 案款. Definitions: :func:`statistics.definitions`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .periods import add_months
from .statistics import TOTAL, Month, rate

__all__ = [
    "FlowRow",
    "NodeRow",
    "PaymentRow",
    "StageStay",
    "TriageRow",
    "node_overdue",
    "payments",
    "stage_flow",
    "triage_counts",
]


@dataclass(frozen=True)
class NodeRow:
    name: str
    unit: str
    due_on: date
    completed_on: date | None


def node_overdue(
    nodes: Iterable[NodeRow], month: Month, as_of: date
) -> list[tuple[str, str, int, int, int, int]]:
    """(节点, 部门, 本月到期, 按期完成, 超期完成, 仍超期), by node and unit, then 合计."""
    as_of = min(as_of, month.end)
    table: dict[tuple[str, str], list[int]] = {}
    for n in nodes:
        if n.due_on not in month:
            continue
        row = table.setdefault((n.name, n.unit), [0, 0, 0, 0])
        row[0] += 1
        if n.completed_on is not None and n.completed_on <= n.due_on:
            row[1] += 1
        elif n.completed_on is not None and n.completed_on <= as_of:
            row[2] += 1
        elif n.due_on < as_of:
            row[3] += 1
    out = [(name, unit, v[0], v[1], v[2], v[3]) for (name, unit), v in sorted(table.items())]
    t = [sum(v[i] for v in table.values()) for i in range(4)]
    return [*out, (TOTAL, "", t[0], t[1], t[2], t[3])]


@dataclass(frozen=True)
class TriageRow:
    unit: str
    kind: str  # initial | reassign | simple_to_complex
    final_class: str  # simple | ordinary | special
    n: int = 1  # decisions alike (counted together by the database)


def triage_counts(
    rows: Iterable[TriageRow], units: Sequence[str] = ()
) -> list[tuple[str, int, int, int, int, int, int]]:
    """(部门, 简易, 普通, 特殊, 分流合计, 简转繁, 二次分案) by final unit, then 合计."""
    table: dict[str, list[int]] = {u: [0] * 6 for u in units}
    for r in rows:
        row = table.setdefault(r.unit, [0] * 6)
        if r.kind == "simple_to_complex":
            row[4] += r.n
        elif r.kind == "reassign":
            row[5] += r.n
        else:
            i = {"simple": 0, "ordinary": 1, "special": 2}.get(r.final_class)
            if i is not None:
                row[i] += r.n
                row[3] += r.n
    out = [(u, v[0], v[1], v[2], v[3], v[4], v[5]) for u, v in table.items()]
    t = [sum(v[i] for v in table.values()) for i in range(6)]
    return [*out, (TOTAL, t[0], t[1], t[2], t[3], t[4], t[5])]


@dataclass(frozen=True)
class StageStay:
    """One stay of a case in a stage (from StageEntry); ``next_stage`` is where it went."""

    stage: str
    entered_on: date
    left_on: date | None
    next_stage: str | None


@dataclass
class FlowRow:
    stage: str
    name: str
    limit: str
    limit_days: int | None
    received: int = 0
    closed_here: int = 0
    handed_on: int = 0
    returned: int = 0
    left: int = 0  # stays that ended in the month
    days_total: int = 0  # their days in the stage, summed
    over_limit: int = 0  # of them, stays longer than limit_days

    @property
    def average_days(self) -> float | None:
        return self.days_total / self.left if self.left else None

    def add_days(self, days: int) -> None:
        self.left += 1
        self.days_total += days
        if self.limit_days is not None and days > self.limit_days:
            self.over_limit += 1


def stage_flow(
    stages: Sequence[tuple[str, str, str, int | None]],
    stays: Iterable[StageStay],
    closed_last_stage: Iterable[str],
    returned: Iterable[str],
    month: Month,
    closed_stage: str | None,
) -> list[FlowRow]:
    """七组流转 per stage (code, name, limit text, limit days): received, closed there, handed on,
    returned, days in stage of the stays that ended in the month."""
    rows = {code: FlowRow(code, name, limit, days) for code, name, limit, days in stages}
    for st in stays:
        row = rows.get(st.stage)
        if row is None:
            continue
        if st.entered_on in month:
            row.received += 1
        if st.left_on is not None and st.left_on in month:
            row.add_days((st.left_on - st.entered_on).days)
            if st.next_stage is not None and st.next_stage != closed_stage:
                row.handed_on += 1
    for code in closed_last_stage:
        if code in rows:
            rows[code].closed_here += 1
    for code in returned:
        if code in rows:
            rows[code].returned += 1
    return list(rows.values())


@dataclass(frozen=True)
class PaymentRow:
    unit: str
    arrived_on: date
    amount_fen: int
    paid_out_on: date | None  # the day the arrival was fully paid out or returned
    claimed_on: date | None = None  # 认领
    out_fen: int = 0  # paid out or returned by the statistics day (the balance is amount − out)
    due_on: date | None = None  # the 7-day payout period's last day (§85); None: arrived + 7 days


def payments(
    rows: Iterable[PaymentRow], month: Month, as_of: date, units: Sequence[str] = ()
) -> list[list[str | int | float | None]]:
    """(部门, 到账笔数, 到账金额, 7日内发放笔数, 7日内发放率, 认领超20日未发放笔数, 余额, 认领超一个月仍有余额笔数, 余额).

    The 7日 count from 到账 (000 二(一)5, 003 四(二)2(6)); the 20日 urge and the one-month tracking
    count from 认领 (003 四(三)2(3)): money not yet claimed is in neither.
    """
    as_of = min(as_of, month.end)
    table: dict[str, list[int]] = {u: [0] * 7 for u in units}
    for p in rows:
        row = table.setdefault(p.unit, [0] * 7)
        if p.arrived_on in month:
            row[0] += 1
            row[1] += p.amount_fen
            if p.paid_out_on is not None and p.paid_out_on <= (p.due_on or p.arrived_on + timedelta(days=7)):
                row[2] += 1
        unpaid = p.paid_out_on is None or p.paid_out_on > as_of
        if unpaid and p.claimed_on is not None and p.claimed_on <= as_of:
            left = p.amount_fen - p.out_fen
            if (as_of - p.claimed_on).days > 20:
                row[3] += 1
                row[4] += left
            if add_months(p.claimed_on, 1) < as_of:
                row[5] += 1
                row[6] += left
    totals = [sum(v[i] for v in table.values()) for i in range(7)]
    out = [*table.items(), (TOTAL, totals)]
    return [[u, v[0], v[1], v[2], rate(v[2], v[0]), v[3], v[4], v[5], v[6]] for u, v in out]
