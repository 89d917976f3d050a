"""线索查控 distribution (监利 004 第三组 1): the group leader hands incoming cases out evenly.

A case is *incoming* when it sits in the distributing unit's stage and is still held by nobody
or by the leader (a handoff makes the receiving leader the handler). Each case is drawn fairly
(fewest this month; seeded tie-break; an ``AssignmentDraw`` row and an audit entry per case,
``triage.record_draw``) and the whole batch runs in one transaction.

Handing a case to a member does not move it: it stays in the same stage, so its stage clock
(``Case.stage_entered_at``, which the board's days and 超限 read) keeps running from the day it
entered the stage. :func:`assign_handler` changes ``Case.handler_id`` and the handler of the
open :class:`StageEntry` in place (the stay keeps its ``entered_at``; the monthly member figures
read the stay's handler), and writes one audit entry with the handler before and after — a
handler change, not a stage change (``cases.set_stage`` would close the stay and restart the
clock).

Who may distribute: the leader of the distributing unit, or the bureau's leadership
(执行局副局长 and above on the approval ladder); :func:`may_distribute` answers the same for screens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session, col, func, or_, select

from ...domain.assignment import DrawResult, period_of
from ...domain.roles import at_least
from ...errors import Conflict, PermissionDenied
from ...profiles.schema import Profile
from ...storage.models import Case, OrgUnit, Staff, StageEntry
from .. import audit
from ..desk import Desk
from ..permissions import find_operator, operator_role
from ..triage.decisions import member_counts, record_draw, unit_by_name

__all__ = [
    "Distribution",
    "DistributionPreview",
    "assign_handler",
    "distribute_incoming",
    "distribution_preview",
    "distribution_stage",
    "incoming_cases",
    "may_distribute",
]

BATCH_LIMIT = 500


@dataclass(frozen=True)
class Distribution:
    unit: str
    draws: list[tuple[int, DrawResult]] = field(default_factory=list)  # (case id, draw)

    def per_member(self) -> dict[str, int]:
        """How many of this batch each member received, in pool order."""
        counts = Counter(d.chosen for _cid, d in self.draws)
        pool = self.draws[0][1].pool if self.draws else ()
        return {m: counts[m] for m in pool if counts[m]}


@dataclass(frozen=True)
class DistributionPreview:
    """What ``d`` would do now: ``cases`` incoming (at most ``BATCH_LIMIT``) over ``members``."""

    unit: str
    cases: int
    members: tuple[str, ...]


def distribution_stage(profile: Profile) -> str | None:
    """The stage whose cases the profile distributes over members (监利: 线索查控), if any."""
    dist = profile.triage.distribute
    if dist is None:
        return None
    codes = {u.code for u in profile.units if u.name == dist.unit}
    return next((s.code for s in profile.stages if codes & set(s.units)), None)


def _config(desk: Desk) -> tuple[str, str]:
    dist = desk.profile.triage.distribute
    stage = distribution_stage(desk.profile)
    if dist is None or stage is None:
        raise Conflict("本院配置没有组内平均分案")
    return dist.unit, stage


def _operator(s: Session, desk: Desk) -> Staff | None:
    return find_operator(s, desk)


def _is_distributor(staff: Staff, unit: OrgUnit) -> bool:
    if staff.role == "admin" or at_least(staff.role, "deputy_chief"):
        return True
    return staff.unit_id == unit.id and (staff.is_leader or staff.role == "group_leader")


def _require_distributor(s: Session, desk: Desk, unit: OrgUnit) -> None:
    operator_role(s, desk)  # refused when the operator is not on the roster
    staff = _operator(s, desk)
    if staff is None or not _is_distributor(staff, unit):
        raise PermissionDenied(f"只有{unit.name}组长或执行局领导可以在组内分案")


def may_distribute(desk: Desk) -> bool:
    """Whether the operator may distribute (for screens hiding ``d``; the service checks again)."""
    if desk.profile.triage.distribute is None:
        return False
    unit_name, _stage = _config(desk)
    with desk.session() as s:
        staff = _operator(s, desk)
        return staff is not None and _is_distributor(staff, unit_by_name(s, desk, unit_name))


def _incoming(unit: OrgUnit, stage: str) -> tuple:
    leaders = select(Staff.id).where(Staff.unit_id == unit.id, Staff.is_leader)
    return (
        Case.status != "closed",
        Case.stage == stage,
        Case.unit_id == unit.id,
        or_(col(Case.handler_id).is_(None), col(Case.handler_id).in_(leaders)),
    )


def _incoming_ids(s: Session, unit: OrgUnit, stage: str, limit: int) -> list[int]:
    rows = s.exec(
        select(Case.id)
        .where(*_incoming(unit, stage))
        .order_by(col(Case.stage_entered_at), col(Case.id))
        .limit(limit)
    ).all()
    return [int(r) for r in rows]


def _members(s: Session, desk: Desk, unit: OrgUnit) -> list[Staff]:
    dist = desk.profile.triage.distribute
    stmt = select(Staff).where(Staff.unit_id == unit.id, Staff.active).order_by(col(Staff.id))
    if dist is not None and not dist.include_leader:
        stmt = stmt.where(col(Staff.is_leader).is_(False))
    members = list(s.exec(stmt))
    if not members:
        raise Conflict(f"{unit.name}没有可分案的人员")
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise Conflict(f"{unit.name}有同名人员，无法按姓名平均分案")
    return members


def incoming_cases(desk: Desk, *, limit: int = BATCH_LIMIT) -> list[int]:
    """Ids of the cases waiting to be distributed, longest waiting first."""
    unit_name, stage = _config(desk)
    with desk.session() as s:
        return _incoming_ids(s, unit_by_name(s, desk, unit_name), stage, limit)


def distribution_preview(desk: Desk) -> DistributionPreview:
    """How many cases ``d`` would hand out now, and to whom (for the confirmation)."""
    unit_name, stage = _config(desk)
    with desk.session() as s:
        unit = unit_by_name(s, desk, unit_name)
        n = s.exec(select(func.count(col(Case.id))).where(*_incoming(unit, stage))).one()
        members = tuple(m.name for m in _members(s, desk, unit))
    return DistributionPreview(unit_name, min(int(n), BATCH_LIMIT), members)


def assign_handler(s: Session, desk: Desk, case: Case, handler: Staff, reason: str) -> None:
    """Give ``case`` to ``handler`` inside its current stage: no new stay, the stage clock stays."""
    before = audit.snapshot(case, ["handler_id"])
    for stay in s.exec(
        select(StageEntry).where(StageEntry.case_id == case.id, col(StageEntry.left_at).is_(None))
    ):
        stay.handler_id = handler.id
        s.add(stay)
    case.handler_id = handler.id
    case.updated_at = desk.now()
    s.add(case)
    audit.record_case(
        s,
        desk,
        case.id,
        "handler",
        f"{reason}：承办人变更为{handler.name}（阶段计时不变）",
        before=before,
        after=audit.snapshot(case, ["handler_id"]),
    )


def distribute_incoming(desk: Desk, *, seed: int | None = None) -> Distribution:
    """Distribute every incoming case (up to ``BATCH_LIMIT``) in one transaction; one recorded
    draw per case. With ``seed`` the tie-breaks are reproducible (seed, seed + 1, … per case)."""
    unit_name, stage = _config(desk)
    out = Distribution(unit_name)
    with desk.transaction() as s:
        unit = unit_by_name(s, desk, unit_name)
        _require_distributor(s, desk, unit)
        ids = _incoming_ids(s, unit, stage, BATCH_LIMIT)
        if not ids:
            return out
        members = _members(s, desk, unit)
        by_name = {m.name: m for m in members}  # names are unique within the court
        staff_ids = {m.name: m.id for m in members if m.id is not None}
        counts = Counter(member_counts(s, unit.code, period_of(desk.today()), members))
        for i, case_id in enumerate(ids):
            case = s.get(Case, case_id)
            assert case is not None  # selected in this transaction
            result = record_draw(
                s,
                desk,
                case,
                unit.code,
                list(by_name),
                counts,
                None if seed is None else seed + i,
                staff_ids=staff_ids,
            )
            counts[result.chosen] += 1
            assign_handler(s, desk, case, by_name[result.chosen], f"{unit_name}分案")
            out.draws.append((case_id, result))
    return out
