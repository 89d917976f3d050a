"""Fair, reproducible assignment (平均随机分案).

The case goes to the member of the pool (a team, or a person of a group) with the fewest
assignments in the current period; a tie is broken by ``random.Random(seed).choice`` over
the tied members in pool order. The record keeps the pool, the counts and the seed, so that
anyone can :func:`replay` it and see why that member was chosen. Because the winner always
has the fewest, no two members of a pool ever differ by more than one over any run of draws
that starts level.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import InvalidValue

__all__ = ["DrawResult", "draw", "new_seed", "period_of", "replay"]


@dataclass(frozen=True)
class DrawResult:
    chosen: str
    pool: tuple[str, ...]
    counts: dict[str, int]
    seed: int
    tied: tuple[str, ...]  # the members with the fewest assignments, in pool order

    def explain(self) -> str:
        """One Chinese sentence: why this member."""
        counts = "，".join(f"{m} {self.counts.get(m, 0)} 件" for m in self.pool)
        if len(self.tied) == 1:
            return f"本期已分案：{counts}；{self.chosen} 最少，分给 {self.chosen}。"
        return (
            f"本期已分案：{counts}；{'、'.join(self.tied)} 同为最少，"
            f"以随机种子 {self.seed} 抽取，分给 {self.chosen}。"
        )

    def to_record(self) -> dict[str, Any]:
        return {
            "pool": list(self.pool),
            "counts": dict(self.counts),
            "seed": self.seed,
            "chosen": self.chosen,
        }


def new_seed() -> int:
    """A fresh seed for a draw (kept in the record)."""
    return secrets.randbits(31)


def period_of(day: date) -> str:
    """The counting period of a day: its month, ``2026-11``."""
    return f"{day.year:04d}-{day.month:02d}"


def draw(pool: Sequence[str], counts: Mapping[str, int], seed: int) -> DrawResult:
    """Choose from ``pool`` the member with the fewest ``counts`` (missing = 0); seeded tie-break."""
    members = tuple(pool)
    if not members:
        raise InvalidValue("分案池为空：没有可分案的团队或人员", field="pool")
    if len(set(members)) != len(members):
        raise InvalidValue(f"分案池中有重复：{'、'.join(members)}", field="pool")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidValue(f"随机种子应为整数，实为 {seed!r}", field="seed", value=seed)
    snapshot = {m: int(counts.get(m, 0)) for m in members}
    fewest = min(snapshot.values())
    tied = tuple(m for m in members if snapshot[m] == fewest)
    chosen = tied[0] if len(tied) == 1 else random.Random(seed).choice(tied)
    return DrawResult(chosen=chosen, pool=members, counts=snapshot, seed=seed, tied=tied)


def replay(record: Mapping[str, Any] | Any) -> DrawResult:
    """Draw again from a stored record (a dict or an ``AssignmentDraw`` row)."""
    return draw(list(_field(record, "pool")), dict(_field(record, "counts")), int(_field(record, "seed")))


def _field(record: Mapping[str, Any] | Any, key: str) -> Any:
    """``record[key]`` of a dict (None when missing), or the attribute of a row."""
    if isinstance(record, Mapping):
        return record.get(key)
    return getattr(record, key)
