"""线索查控 distribution (监利 004 第三组 1): the group leader hands incoming cases out evenly.

A case is *incoming* when it sits in the distributing unit's stage and is still held by nobody
or by the leader (a handoff makes the receiving leader the handler). Each case is drawn with the
fair engine of ``triage_followup.distribute_to_member`` (fewest this month; seeded tie-break; an
``AssignmentDraw`` row and an audit entry per case), so this module only picks the cases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import col, or_, select

from ..domain.assignment import DrawResult
from ..errors import Conflict
from ..profiles.schema import Profile
from ..storage.models import Case, Staff
from .desk import Desk
from .triage import unit_by_name
from .triage_followup import distribute_to_member

__all__ = ["Distribution", "distribute_incoming", "distribution_stage", "incoming_cases"]

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


def distribution_stage(profile: Profile) -> str | None:
    """The stage whose cases the profile distributes over members (监利: 线索查控), if any."""
    dist = profile.triage.distribute
    if dist is None:
        return None
    codes = {u.code for u in profile.units if u.name == dist.unit}
    return next((s.code for s in profile.stages if codes & set(s.units)), None)


def incoming_cases(desk: Desk, *, limit: int = BATCH_LIMIT) -> list[int]:
    """Ids of the cases waiting to be distributed, longest waiting first."""
    dist = desk.profile.triage.distribute
    stage = distribution_stage(desk.profile)
    if dist is None or stage is None:
        raise Conflict("本院配置没有组内平均分案")
    with desk.session() as s:
        unit = unit_by_name(s, desk, dist.unit)
        leaders = select(Staff.id).where(Staff.unit_id == unit.id, Staff.is_leader)
        rows = s.exec(
            select(Case.id)
            .where(
                Case.status != "closed",
                Case.stage == stage,
                Case.unit_id == unit.id,
                or_(col(Case.handler_id).is_(None), col(Case.handler_id).in_(leaders)),
            )
            .order_by(col(Case.stage_entered_at), col(Case.id))
            .limit(limit)
        ).all()
    return [int(r) for r in rows]


def distribute_incoming(desk: Desk, *, seed: int | None = None) -> Distribution:
    """Distribute every incoming case (up to ``BATCH_LIMIT``); one recorded draw per case.

    With ``seed`` the tie-breaks are reproducible (seed, seed + 1, … per case)."""
    dist = desk.profile.triage.distribute
    if dist is None:
        raise Conflict("本院配置没有组内平均分案")
    out = Distribution(dist.unit)
    for i, case_id in enumerate(incoming_cases(desk)):
        out.draws.append(
            (case_id, distribute_to_member(desk, case_id, seed=None if seed is None else seed + i))
        )
    return out
