"""Where a demo case is and since when (a mixin of ``CaseMaker``).

An open case sits in a stage it could have reached by its age, and has been there for a time
drawn against the stage's limit (or, without one, the usual span of its kind): mostly within it,
some over, a few far over. The time before goes to the earlier stays, and beyond their usual
length to the teams' work rather than to the center's steps. A closed case's stays fill the span
to its closing, the teams' again taking what is beyond the usual.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta


@dataclass
class Span:
    """A case's stage history as laid out: the first stay in each stage, the end of what happened."""

    entries: dict[str, tuple[datetime, datetime | None]]
    received_at: datetime
    end: datetime  # the closing moment, or the as-of evening
    milestones: list[tuple[str, datetime, str | None]] = field(default_factory=list)

    def stay(self, code: str) -> tuple[datetime, datetime | None] | None:
        return self.entries.get(code)

    def mark(self, event: str, at: datetime, subject: str | None = None) -> None:
        if at <= self.end:
            self.milestones.append((event, at, subject))


class CaseLayout:
    """Needs from the class it is mixed into: rng, plan, triage, reach, as_of, end_of_day,
    _office, _weekday."""

    def _clock(self, at: datetime, latest: datetime | None = None) -> datetime:
        """``at`` moved into office hours (weekdays 08:30–17:30), unless that passes ``latest``."""
        day, t = at.date(), at.time()
        if t < time(8, 30) or t > time(17, 30):
            if t > time(17, 30):
                day += timedelta(days=1)
            moved = datetime.combine(day, time(8, 30)) + timedelta(minutes=self.rng.randint(0, 150))
        else:
            moved = at
        while moved.weekday() >= 5:
            moved += timedelta(days=1)
        if latest is not None and moved >= latest:
            return at if at < latest else latest - timedelta(minutes=1)
        return moved

    # --- where an open case is and for how long ------------------------------------------------
    def _open_target(self, age: int) -> str:
        """A stage an open case of ``age`` days plausibly sits in: one it could have reached by now
        and not yet have outgrown (older cases sit in the stages they reach late)."""
        plan = self.plan
        weights = []
        for c in plan.open_stages:
            st = plan.stages[c]
            reach = self.reach[c]
            lo, hi = reach * 0.3, reach * 2.2 + st.limit_days * 1.2 + 3
            fit = 1.0 if lo <= age <= hi else 0.02 if age > hi and reach > 0 else 0.0
            weights.append(st.typical_days * plan.share(c) * fit)
        if not any(weights):
            return plan.entry
        return self.rng.choices(plan.open_stages, weights)[0]

    def _elapsed(self, code: str) -> float:
        """Days an open case has been in its stage: mostly within the limit, some over, a few far over."""
        rng, limit = self.rng, self.plan.stages[code].limit_days
        r = rng.random()
        if r < 0.84:
            return limit * rng.random() ** 1.2 * 0.92
        if r < 0.97:
            return limit * rng.uniform(1.08, 1.9)
        return limit * rng.uniform(2.0, 5.0)

    def _moments(self, path: list[str], received_at: datetime, age: int, closed: bool):
        """(entry moment of every stay, closing moment or None)."""
        rng, plan = self.rng, self.plan
        stays = [plan.stages[c].typical_days * math.exp(rng.gauss(-0.45, 0.55)) for c in path]
        # Time beyond the usual stays goes to the teams' work, not to the center's steps.
        elastic = {i for i, c in enumerate(path) if plan.stages[c].kind in ("work", "review")}
        if closed:
            span = max(1.0, age * rng.uniform(0.2, 1.0))
            cap = sum(s for i, s in enumerate(stays) if i not in elastic)
            cap += sum(plan.stages[path[i]].limit_days * 1.3 for i in elastic)
            stays = _fit(stays, elastic, min(span, max(cap, 1.0)))
        else:
            available = max((self.end_of_day - received_at).total_seconds() / 86400, 0.0)
            # The stays before keep their usual length where the case's age allows.
            elapsed = min(self._elapsed(path[-1]), max(available - sum(stays[:-1]), available * 0.2))
            room = max(available - elapsed, 0.0)
            stays[:-1] = _fit(stays[:-1], elastic, room)
        moments = [received_at]
        for s in stays[:-1]:
            nxt = moments[-1] + timedelta(days=s)
            day = self._weekday(nxt.date(), self.as_of)
            at = (
                self._office(day)
                if day < self.as_of
                else min(self._office(self.as_of), self.end_of_day - timedelta(hours=1))
            )
            if at <= moments[-1]:
                at = moments[-1] + timedelta(minutes=rng.randint(1, 20))
            moments.append(at)
        closed_at = None
        if closed:
            end = moments[-1] + timedelta(days=stays[-1])
            closed_at = self._office(min(self._weekday(end.date(), self.as_of), self.as_of))
            if closed_at <= moments[-1]:
                closed_at = moments[-1] + timedelta(minutes=rng.randint(10, 120))
            closed_at = max(min(closed_at, self.end_of_day), moments[-1] + timedelta(minutes=1))
        return moments, closed_at

    def _reroute(self, path: list[str], target: str, team: str, method: str | None) -> tuple[list[str], str]:
        """A path through ``team`` after triage, to the same place where possible."""
        plan, setup = self.plan, self.triage
        stage = setup.stage_of_team[team]
        if plan.stages[target].kind == "work" and target in setup.team_of_stage:
            if method is None or method in plan.stages[stage].can_close or not plan.stages[stage].can_close:
                target = stage
        return plan.path_to(self.rng, target, via=(plan.triage_stage, stage)), target


def _fit(stays: list[float], elastic: set[int], total: float) -> list[float]:
    """``stays`` made to add up to ``total``: shrunk evenly, or stretched in the ``elastic`` stays."""
    now = sum(stays)
    stretch = [i for i in elastic if i < len(stays)]
    if now >= total or not stretch:
        return [s * total / now for s in stays] if now > 0 else stays
    fixed = sum(s for i, s in enumerate(stays) if i not in stretch)
    factor = (total - fixed) / max(sum(stays[i] for i in stretch), 1e-6)
    return [s * factor if i in stretch else s for i, s in enumerate(stays)]
