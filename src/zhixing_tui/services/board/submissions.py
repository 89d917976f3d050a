"""各组送审案件情况统计表 (监利 004 第七组 3: 指挥监控组"每月给院党组呈报一次各组送审案件情况统计表").

送审 is what a group submits to 指挥监控组 for approval (第七组 1: "对各组报送的案件进行流转审批；
对不符合流转标准的案件退回整改，并建立台账记录"): a move to the next group that needs approval,
or a closing for 结案审查. For one month, per group (the stage the case was in when submitted):
how many were submitted, of which moves and closings, and — as of the month's last day (or today,
for the running month) — how many were approved, returned for correction, or still awaiting a
decision; the return rate (退回整改 ÷ decided); and the month's returns with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from ...domain import board
from ...domain.statistics import Month, rate
from ...errors import Conflict
from ...storage.models import Case, Handoff
from ..desk import Desk

__all__ = ["GroupSubmissions", "ReturnLine", "SubmissionRow", "group_submissions"]

TOTAL = "合计"


@dataclass
class SubmissionRow:
    group: str
    submitted: int = 0
    moves: int = 0
    closings: int = 0
    approved: int = 0
    returned: int = 0
    pending: int = 0

    @property
    def return_rate(self) -> float | None:
        return rate(self.returned, self.approved + self.returned)


@dataclass(frozen=True)
class ReturnLine:
    case_no: str
    group: str
    submitted_on: date
    returned_on: date
    decided_by: str
    reason: str


@dataclass(frozen=True)
class GroupSubmissions:
    court: str
    month: Month
    as_of: date  # decisions counted up to this day
    rows: tuple[SubmissionRow, ...]  # one per group in flow order, then 合计
    returns: tuple[ReturnLine, ...] = field(default_factory=tuple)
    approver: str = ""  # 指挥监控组

    @property
    def total(self) -> SubmissionRow:
        return self.rows[-1]


def _needs_approval(desk: Desk, h: Handoff) -> bool:
    if h.kind == "close":
        return True
    try:
        return board.check_move(desk.profile, h.from_stage, h.to_stage or "").needs_approval
    except Conflict:
        return True  # a move the profile no longer lists was submitted under an older profile


def group_submissions(desk: Desk, month: Month) -> GroupSubmissions:
    """The month's table (see the module). Groups are the board's stages in flow order."""
    profile = desk.profile
    today = desk.today()
    if month.start > today:
        raise Conflict(f"{month.title}尚未开始，没有送审情况可统计")
    as_of = min(month.end, today)
    start = datetime.combine(month.start, time())
    end = datetime.combine(month.end + timedelta(days=1), time())
    cutoff = datetime.combine(as_of + timedelta(days=1), time())
    names = {c.code: c.name for c in board.board_columns(profile)}
    for st in profile.stages:
        for code in st.units:
            try:
                names[st.code] = profile.unit(code).name
                break
            except KeyError:
                continue
    rows: dict[str, SubmissionRow] = {
        code: SubmissionRow(names[code]) for code in (c.code for c in board.board_columns(profile))
    }
    returns: list[ReturnLine] = []
    with desk.session() as s:
        found = s.exec(
            select(Handoff, Case.case_no)
            .join(Case, col(Case.id) == col(Handoff.case_id))
            .where(col(Handoff.submitted_at) >= start, col(Handoff.submitted_at) < end)
            .order_by(col(Handoff.submitted_at), col(Handoff.id))
        ).all()
    for h, case_no in found:
        if not _needs_approval(desk, h):
            continue
        row = rows.setdefault(h.from_stage, SubmissionRow(names.get(h.from_stage, h.from_stage)))
        row.submitted += 1
        if h.kind == "close":
            row.closings += 1
        else:
            row.moves += 1
        decided = h.decided_at is not None and h.decided_at < cutoff and h.status != "submitted"
        if decided and h.status == "approved":
            row.approved += 1
        elif decided and h.status == "returned":
            row.returned += 1
            assert h.decided_at is not None
            returns.append(
                ReturnLine(
                    case_no,
                    row.group,
                    h.submitted_at.date(),
                    h.decided_at.date(),
                    h.decided_by or "",
                    h.return_reason,
                )
            )
        else:
            row.pending += 1
    total = SubmissionRow(TOTAL)
    for r in rows.values():
        for name in ("submitted", "moves", "closings", "approved", "returned", "pending"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    approver = ""
    if profile.flow.approver_unit:
        approver = profile.unit(profile.flow.approver_unit).name
    return GroupSubmissions(
        court=profile.court.name,
        month=month,
        as_of=as_of,
        rows=(*rows.values(), total),
        returns=tuple(returns),
        approver=approver,
    )
