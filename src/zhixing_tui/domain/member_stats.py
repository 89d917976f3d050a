"""线索查控 per-member monthly figures (监利 004 第三组 2), over plain rows (no database).

"建立线索查控办案业绩通报制度，每月通报一次，突出结案数率、执行完毕数率、执行终结数率、移送财产
处置组数率、拘留数、罚款数及移送拒执打击组数等指标。" The definitions below are printed in the
workbook's 说明 (``DEFINITIONS``); every rate has the member's 承办数 as its base.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .closing import EXECUTED_IN_FULL, TERMINATED
from .measures import DETENTION, FINE

__all__ = ["DEFINITIONS", "Holding", "MeasureRow", "MemberFigures", "member_figures", "rate_text"]


#: (column heading, its definition) in the order of the sheet.
DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("承办数", "本月内任一日在线索查控组由该员承办的案件数（月初在手的与月内分得的都计入）。"),
    ("结案数", "本月内由该员承办、从线索查控组报结（移送结案审查或直接结案）的案件数。"),
    ("结案数率", "结案数 ÷ 承办数。"),
    ("执行完毕数", "结案数中结案方式为“执行完毕”的案件数。"),
    ("执行完毕数率", "执行完毕数 ÷ 承办数。"),
    ("执行终结数", "结案数中结案方式为“终结执行”（含达成和解协议后终结）的案件数。"),
    ("执行终结数率", "执行终结数 ÷ 承办数。"),
    ("移送财产处置组数", "本月内该员承办的案件移送财产处置组评估拍卖的件数。"),
    ("移送财产处置组数率", "移送财产处置组数 ÷ 承办数。"),
    ("拘留数", "本月内（按决定日期）对该员在手案件的被执行人决定拘留的人次。"),
    ("罚款数", "本月内（按决定日期）对该员在手案件的被执行人决定罚款的次数。"),
    ("移送拒执打击组数", "本月内该员承办的案件拘留后移送拒执打击组的件数。"),
)


@dataclass(frozen=True, slots=True)
class Holding:
    """One stay of a case with a member in the distributing stage.

    ``left``: the day it left (None while still there); ``next_stage``: where it went then (the
    kind of the next stage for closings: ``closed`` or ``review``); ``closing_method``: the
    case's 结案方式 when it closed."""

    member: str
    case_id: int
    entered: date
    left: date | None
    next_stage: str | None
    closing_method: str | None = None


@dataclass(frozen=True, slots=True)
class MeasureRow:
    case_id: int
    kind: str
    decided_on: date


@dataclass(frozen=True, slots=True)
class MemberFigures:
    member: str
    handled: int
    closed: int
    executed: int
    terminated: int
    to_disposal: int
    detentions: int
    fines: int
    to_refusal: int

    def rate(self, count: int) -> Fraction | None:
        return Fraction(count, self.handled) if self.handled else None

    @property
    def closed_rate(self) -> Fraction | None:
        return self.rate(self.closed)

    @property
    def executed_rate(self) -> Fraction | None:
        return self.rate(self.executed)

    @property
    def terminated_rate(self) -> Fraction | None:
        return self.rate(self.terminated)

    @property
    def disposal_rate(self) -> Fraction | None:
        return self.rate(self.to_disposal)

    def row(self) -> list[object]:
        """The sheet row, in the order of ``DEFINITIONS`` (rates as text, see ``rate_text``)."""
        return [
            self.handled,
            self.closed,
            rate_text(self.closed_rate),
            self.executed,
            rate_text(self.executed_rate),
            self.terminated,
            rate_text(self.terminated_rate),
            self.to_disposal,
            rate_text(self.disposal_rate),
            self.detentions,
            self.fines,
            self.to_refusal,
        ]


def rate_text(rate: Fraction | None) -> str:
    """``Fraction(1, 3)`` → ``33.33%`` (half up); None (no base) → ``—``."""
    if rate is None:
        return "—"
    hundredths = (rate * 10000 * 2 + 1) // 2  # round half up, in 0.01 %
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


def member_figures(
    members: Sequence[str],
    holdings: Iterable[Holding],
    measures: Iterable[MeasureRow],
    start: date,
    end: date,
    *,
    disposal_stage: str,
    refusal_stage: str,
    closing_stages: frozenset[str],
) -> list[MemberFigures]:
    """Figures for ``members`` (in that order) for the days ``start`` ≤ d < ``end``."""
    stays = [
        h for h in holdings if h.member in members and h.entered < end and (h.left is None or h.left >= start)
    ]
    by_case: dict[int, list[Holding]] = {}
    for h in stays:
        by_case.setdefault(h.case_id, []).append(h)
    handled: dict[str, set[int]] = {m: set() for m in members}
    counts = {m: {"closed": 0, "executed": 0, "terminated": 0, "disposal": 0, "refusal": 0} for m in members}
    for h in stays:
        handled[h.member].add(h.case_id)
        if h.left is None or not (start <= h.left < end):
            continue
        c = counts[h.member]
        if h.next_stage in closing_stages:
            c["closed"] += 1
            c["executed"] += h.closing_method == EXECUTED_IN_FULL
            c["terminated"] += h.closing_method == TERMINATED
        elif h.next_stage == disposal_stage:
            c["disposal"] += 1
        elif h.next_stage == refusal_stage:
            c["refusal"] += 1
    kinds = {m: {DETENTION: 0, FINE: 0} for m in members}
    for m in measures:
        if not (start <= m.decided_on < end) or m.kind not in (DETENTION, FINE):
            continue
        holder = next(
            (
                h.member
                for h in by_case.get(m.case_id, ())
                if h.entered <= m.decided_on and (h.left is None or m.decided_on <= h.left)
            ),
            None,
        )
        if holder is not None:
            kinds[holder][m.kind] += 1
    return [
        MemberFigures(
            member=m,
            handled=len(handled[m]),
            closed=counts[m]["closed"],
            executed=counts[m]["executed"],
            terminated=counts[m]["terminated"],
            to_disposal=counts[m]["disposal"],
            detentions=kinds[m][DETENTION],
            fines=kinds[m][FINE],
            to_refusal=counts[m]["refusal"],
        )
        for m in members
    ]
