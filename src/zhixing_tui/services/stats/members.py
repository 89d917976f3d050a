"""Queries for the 线索查控 per-member monthly figures (监利 004 第三组 2).

``member_sheet(desk, year, month)`` is what the monthly workbook's 线索查控人员 sheet calls: it
returns the headings, one row per member and the definitions for the 说明, all plain values.
The counting rules are in ``domain.member_stats``; this module only reads the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import col, or_, select

from ...domain.measures import DETENTION, FINE
from ...domain.member_stats import DEFINITIONS, Holding, MeasureRow, MemberFigures, member_figures
from ...errors import Conflict
from ...storage.models import Case, Measure, Staff, StageEntry
from ..board.distribution import distribution_stage
from ..desk import Desk
from ..triage.decisions import unit_by_name

__all__ = ["MemberSheet", "member_sheet", "monthly_member_figures"]


@dataclass(frozen=True)
class MemberSheet:
    title: str
    columns: list[str]  # 姓名 + the headings of DEFINITIONS
    rows: list[list[object]]
    notes: list[str]  # 说明: one line per heading
    figures: list[MemberFigures]


def _month(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    return start, date(year + (month == 12), month % 12 + 1, 1)


def monthly_member_figures(desk: Desk, year: int, month: int) -> list[MemberFigures]:
    """Each member of the distributing unit (监利 线索查控组) with the month's figures."""
    profile = desk.profile
    dist = profile.triage.distribute
    stage = distribution_stage(profile)
    if dist is None or stage is None:
        raise Conflict("本院配置没有组内平均分案的小组，无人员月度通报")
    start, end = _month(year, month)
    lo, hi = datetime.combine(start, time.min), datetime.combine(end, time.min)
    closing = frozenset(s.code for s in profile.stages if s.kind in ("closed", "review"))
    moves = {m.to_stage for m in profile.moves_from(stage)}
    disposal = next((c for c in ("disposal",) if c in moves), "")
    refusal = next((c for c in ("refusal",) if c in moves), "")
    with desk.session() as s:
        unit = unit_by_name(s, desk, dist.unit)
        stmt = select(Staff.id, Staff.name).where(Staff.unit_id == unit.id, Staff.active).order_by(Staff.id)
        if not dist.include_leader:
            stmt = stmt.where(Staff.is_leader.is_(False))
        staff = dict(s.exec(stmt).all())
        stays = s.exec(
            select(StageEntry)
            .where(
                StageEntry.stage == stage,
                col(StageEntry.handler_id).in_(list(staff)),
                StageEntry.entered_at < hi,
                or_(col(StageEntry.left_at).is_(None), col(StageEntry.left_at) >= lo),
            )
            .order_by(StageEntry.case_id, StageEntry.entered_at, StageEntry.id)
        ).all()
        case_ids = sorted({e.case_id for e in stays})
        later: dict[int, list[StageEntry]] = {}
        methods: dict[int, str | None] = {}
        measures: list[MeasureRow] = []
        for i in range(0, len(case_ids), 500):
            chunk = case_ids[i : i + 500]
            for e in s.exec(
                select(StageEntry)
                .where(col(StageEntry.case_id).in_(chunk), StageEntry.entered_at >= lo)
                .order_by(StageEntry.case_id, StageEntry.id)
            ):
                later.setdefault(e.case_id, []).append(e)
            methods.update(s.exec(select(Case.id, Case.closing_method).where(col(Case.id).in_(chunk))).all())
            measures += [
                MeasureRow(cid, kind, day)
                for cid, kind, day in s.exec(
                    select(Measure.case_id, Measure.kind, Measure.decided_on).where(
                        col(Measure.case_id).in_(chunk),
                        col(Measure.kind).in_([DETENTION, FINE]),
                        Measure.decided_on >= start,
                        Measure.decided_on < end,
                    )
                )
            ]
    holdings = []
    for e in stays:
        nxt = None
        if (
            e.left_at is not None
        ):  # the next stay: entries are appended in order (ids), moves may share a second
            nxt = next(
                (n.stage for n in later.get(e.case_id, ()) if n.id > e.id and n.entered_at >= e.left_at),
                None,
            )
        holdings.append(
            Holding(
                member=staff[e.handler_id],
                case_id=e.case_id,
                entered=e.entered_at.date(),
                left=e.left_at.date() if e.left_at else None,
                next_stage=nxt,
                closing_method=methods.get(e.case_id),
            )
        )
    return member_figures(
        list(staff.values()),
        holdings,
        measures,
        start,
        end,
        disposal_stage=disposal,
        refusal_stage=refusal,
        closing_stages=closing,
    )


def member_sheet(desk: Desk, year: int, month: int) -> MemberSheet:
    """The 线索查控人员 sheet of the monthly workbook for ``year``-``month``."""
    figures = monthly_member_figures(desk, year, month)
    unit = desk.profile.triage.distribute.unit  # type: ignore[union-attr]  # checked above
    return MemberSheet(
        title=f"{unit}人员办案业绩通报（{year}年{month}月）",
        columns=["姓名"] + [h for h, _ in DEFINITIONS],
        rows=[[f.member, *f.row()] for f in figures],
        notes=[f"{h}：{d}" for h, d in DEFINITIONS],
        figures=figures,
    )
