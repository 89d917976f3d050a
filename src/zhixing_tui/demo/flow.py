"""How demo cases travel through a profile's flow: stage paths, typical stays, closing stages.

:class:`FlowPlan` reads a profile once: the stages, the simple paths from the entry stage to
every stage along forward/jump moves, the labels of the moves (used as timeline sentences),
and how long a case typically stays in each stage (the stage's ``limit`` where it has one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..domain.closing import TERMINATED_THIS_ROUND
from ..domain.periods import DAYS, HOURS, MONTHS, SAME_DAY, WEEKS, WORKDAYS, YEARS, parse_period
from ..errors import InvalidValue

MAX_PATHS = 64

#: Typical stay (days) where the stage has no limit, by stage kind.
_DEFAULT_STAY = {"center": 4.0, "triage": 2.0, "work": 75.0, "review": 12.0, "closed": 0.0}
#: The span (days) a stay should keep within where the stage states no limit: the center's own
#: steps take about a week, triage a few days, a team's work the 6-month execution period.
_SOFT_LIMIT = {"center": 7.0, "triage": 4.0, "work": 150.0, "review": 20.0, "closed": 0.0}
_NOMINAL = {SAME_DAY: 0.6, HOURS: 1 / 24, DAYS: 1.0, WORKDAYS: 1.4, WEEKS: 7.0, MONTHS: 30.0, YEARS: 365.0}


@dataclass(frozen=True)
class StagePlan:
    code: str
    name: str
    kind: str
    units: tuple[str, ...]
    typical_days: float
    can_close: tuple[str, ...]
    limit_days: float = 0.0  # the stated limit in days (nominal), else a soft limit by kind
    has_limit: bool = False


def limit_days(limit: str | None, kind: str) -> tuple[float, bool]:
    """(days, stated): the stage's limit in nominal days, or the soft limit of its kind."""
    if limit:
        try:
            p = parse_period(limit)
        except InvalidValue:
            pass
        else:
            return _NOMINAL[p.unit] * max(p.n, 1), True
    return _SOFT_LIMIT.get(kind, 10.0), False


def typical_days(limit: str | None, kind: str) -> float:
    """Days a case usually stays: most of a stated limit, else a default for the stage kind."""
    if not limit:
        return _DEFAULT_STAY.get(kind, 10.0)
    try:
        p = parse_period(limit)
    except InvalidValue:
        return _DEFAULT_STAY.get(kind, 10.0)
    per_unit = {
        SAME_DAY: 0.3,
        HOURS: 1 / 24,
        DAYS: 1.0,
        WORKDAYS: 1.4,
        WEEKS: 7.0,
        MONTHS: 30.0,
        YEARS: 365.0,
    }
    days = per_unit[p.unit] * max(p.n, 1)
    return days * 0.7 if p.unit != SAME_DAY else days


class FlowPlan:
    """The stage graph of a profile, prepared for generating demo histories."""

    def __init__(self, profile) -> None:
        self.profile = profile
        self.stages: dict[str, StagePlan] = {
            s.code: StagePlan(
                code=s.code,
                name=s.name,
                kind=s.kind,
                units=tuple(s.units),
                typical_days=typical_days(s.limit, s.kind),
                can_close=tuple(s.can_close),
                limit_days=limit_days(s.limit, s.kind)[0],
                has_limit=limit_days(s.limit, s.kind)[1],
            )
            for s in profile.stages
        }
        self.triage_stage: str | None = next((s.code for s in profile.stages if s.kind == "triage"), None)
        #: work stages by the unit code that holds them
        self.stage_of_unit: dict[str, str] = {
            u: s.code for s in profile.stages if s.kind == "work" for u in s.units
        }
        self.entry: str = profile.flow.entry_stage
        self.closed_stage: str | None = next((s.code for s in profile.stages if s.kind == "closed"), None)
        #: stages a case can be in while open, in profile order
        self.open_stages: list[str] = [s.code for s in profile.stages if s.kind != "closed"]
        self.labels: dict[tuple[str, str], str] = {}
        forward: dict[str, list[str]] = {}
        self.returns: dict[str, list[str]] = {}
        for m in profile.flow.moves:
            self.labels.setdefault((m.from_stage, m.to_stage), m.label)
            if m.to_stage == self.closed_stage:
                continue
            if m.kind == "return":
                self.returns.setdefault(m.from_stage, []).append(m.to_stage)
            else:
                forward.setdefault(m.from_stage, []).append(m.to_stage)
        self.paths: dict[str, list[tuple[str, ...]]] = {code: [] for code in self.stages}
        self._walk(forward, (self.entry,))
        for code, paths in self.paths.items():
            if not paths:  # reachable only by a return, or not at all: go straight there
                paths.append((self.entry,) if code == self.entry else (self.entry, code))

    def _walk(self, forward: dict[str, list[str]], path: tuple[str, ...]) -> None:
        here = path[-1]
        if len(self.paths[here]) < MAX_PATHS:
            self.paths[here].append(path)
        for nxt in forward.get(here, ()):
            if nxt not in path and nxt in self.stages:
                self._walk(forward, path + (nxt,))

    def path_to(self, rng: random.Random, target: str, via: tuple[str, str] | None = None) -> list[str]:
        """A path from the entry stage to ``target``; now and then with a return loop (流拍退回).

        ``via`` = (stage, next stage): only paths with that step (a triage stage to a team), when any."""
        options = self.paths[target]
        if via is not None:
            options = [p for p in options if _has_step(p, via)] or options
        path = list(rng.choice(options))
        if len(path) >= 3 and rng.random() < 0.08:
            path = self.with_loop(path)
        return path

    def with_loop(self, path: list[str]) -> list[str]:
        """``path`` with one return loop added at its last stage that has a return move (unchanged
        when none has)."""
        for i in range(len(path) - 1, 0, -1):
            back = [b for b in self.returns.get(path[i], ()) if b in path[:i]]
            if back:
                j = path.index(back[0])
                return path[: i + 1] + path[j : i + 1] + path[i + 1 :]
        return path

    @staticmethod
    def share(code: str) -> float:
        """How much of the caseload a stage gets relative to its peers: 特执 takes few cases."""
        return 0.15 if "special" in code else 1.0

    def label(self, from_stage: str, to_stage: str) -> str:
        """The move's label, else "移送<stage name>"."""
        found = self.labels.get((from_stage, to_stage))
        if found:
            return found
        return f"移送{self.stages[to_stage].name}"

    def closing_stages(self, method: str) -> list[str]:
        """Stages a case closed by ``method`` plausibly closes from."""
        named = [c for c, s in self.stages.items() if method in s.can_close]
        if named:
            if method == TERMINATED_THIS_ROUND:  # 终本 goes through the review stage where there is one
                reviews = [c for c in named if self.stages[c].kind == "review"]
                return reviews or named
            return named
        work = [c for c, s in self.stages.items() if s.kind == "work"]
        return work or [c for c in self.open_stages]


def _has_step(path: tuple[str, ...], step: tuple[str, str]) -> bool:
    return any(path[i : i + 2] == step for i in range(len(path) - 1))


__all__ = ["FlowPlan", "StagePlan", "limit_days", "typical_days"]
