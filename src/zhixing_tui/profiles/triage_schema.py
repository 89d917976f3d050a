"""The ``[triage]`` section of a profile: 繁简分流 criteria, exclusions and routes.

Everything is declarative data; nothing is evaluated as code. A condition over the facts
(see ``domain.triage.FACT_KEYS``) is a small table whose parts must all hold::

    when = { all = ["performed_or_willing"] }                # every listed flag is true
    when = { any = ["performed_or_willing", "settlement_likely"] }   # at least one is true
    when = { claim_amount_max = "50000" }                    # 申请执行标的额 ≤ 5万元 (inclusive)
    when = { money_covers_claim = true }                     # money found ≥ the claim
    when = { within_months_of = { fact = "prior_zhongben_closed_on", months = 6 } }

A criterion with ``manual = true`` (the seeds' "其他…案件") never matches by itself: it is
shown so that a person can decide, and a person who relies on it overrides with a reason.

Routes are tried in order; the first whose ``class`` and ``when`` both hold decides. A route
names one ``team`` (the unit's seed name) or a ``pool`` of team names for an even random
draw. Where a seed leaves the precedence open, the profile states its choice in ``note``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..domain.triage import FLAG_FACTS, WINDOW_FACTS

#: The class names as the seeds write them (JSON and screens use these).
CLASS_NAMES = ("简易", "普通", "特殊")

#: The facts a condition may name are the rules' (``domain.triage``): ``FLAG_FACTS``, the boolean
#: facts ``all``/``any`` list (imported above, and importable from here), and ``DATE_FACTS``, the
#: date facts a ``within_months_of`` may name.
DATE_FACTS = WINDOW_FACTS

ClassName = Literal["简易", "普通", "特殊"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class MonthsWindow(_Strict):
    """The case was filed on or after ``fact`` and no later than ``months`` months after it."""

    fact: str
    months: int = Field(ge=1, le=120)

    @field_validator("fact")
    @classmethod
    def _fact(cls, v: str) -> str:
        if v not in DATE_FACTS:
            raise ValueError(f"不认识的日期事实：{v}（可用：{'、'.join(DATE_FACTS)}）")
        return v


class Condition(_Strict):
    """All given parts must hold. An empty condition is refused (use ``manual`` instead)."""

    all: list[str] = Field(default_factory=list, description="flags that must all be true")
    any: list[str] = Field(default_factory=list, description="flags of which at least one is true")
    claim_amount_max: Decimal | None = Field(
        default=None, ge=0, description="申请执行标的额上限（元，含本数）"
    )
    money_covers_claim: bool | None = Field(default=None, description="查控到的存款及网络资金 ≥ 标的额")
    within_months_of: MonthsWindow | None = None

    @field_validator("all", "any")
    @classmethod
    def _flags(cls, v: list[str]) -> list[str]:
        unknown = [f for f in v if f not in FLAG_FACTS]
        if unknown:
            raise ValueError(f"不认识的事实：{'、'.join(unknown)}")
        return v

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not (self.all or self.any or self.within_months_of or self.money_covers_claim is not None):
            if self.claim_amount_max is None:
                raise ValueError(
                    "条件为空：至少写 all、any、claim_amount_max、money_covers_claim、within_months_of 之一"
                )
        return self

    def __str__(self) -> str:
        parts: list[str] = []
        if self.all:
            parts.append("全部：" + "、".join(self.all))
        if self.any:
            parts.append("任一：" + "、".join(self.any))
        if self.claim_amount_max is not None:
            parts.append(f"标的额≤{self.claim_amount_max}元")
        if self.money_covers_claim is not None:
            parts.append("存款及网络资金足额" if self.money_covers_claim else "存款及网络资金不足额")
        if self.within_months_of is not None:
            parts.append(f"{self.within_months_of.fact}后{self.within_months_of.months}个月内立案")
        return "；".join(parts)


class _Clause(_Strict):
    """A numbered clause of a seed with the seed's wording and when it matches."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    text: str = Field(description="the seed's own wording")
    source: str = Field(default="", description="seed clause, e.g. 003 §四(一)2（一）")
    when: Condition | None = None
    manual: bool = Field(default=False, description="the seed's 其他… clause: only a person decides")
    note: str = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _when_or_manual(self) -> _Clause:
        if self.manual and self.when is not None:
            raise ValueError(f"{self.id}：manual = true 时不能再写 when")
        if not self.manual and self.when is None:
            raise ValueError(f"{self.id}：缺少 when（或写 manual = true）")
        return self


class Criterion(_Clause):
    """A clause that points a case to a class (``class``, default 简易)."""

    cls: ClassName = Field(default="简易", alias="class")


class Exclusion(_Clause):
    """A clause that keeps a case out of ``blocks`` even when that class's criteria match."""

    blocks: ClassName = "简易"


class Route(_Strict):
    """Where a case goes: one team, or an even random draw over a pool of teams."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    cls: ClassName | None = Field(default=None, alias="class")
    when: Condition | None = None
    team: str | None = None
    pool: list[str] = Field(default_factory=list)
    text: str = Field(default="", description="the seed's wording of this route")
    source: str = ""
    note: str = Field(default="", description="the profile's choice where the seed leaves it open")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _target(self) -> Route:
        if bool(self.team) == bool(self.pool):
            raise ValueError(f"路由 {self.id}：team 与 pool 必须且只能写一个")
        if self.pool and len(set(self.pool)) != len(self.pool):
            raise ValueError(f"路由 {self.id}：pool 中有重复的团队")
        return self


class Distribution(_Strict):
    """Cases that reach ``unit`` are spread evenly over its members (监利 线索查控组)."""

    unit: str = Field(description="the unit's seed name, e.g. 线索查控组")
    include_leader: bool = Field(default=False, description="the leader hands cases out; not in the pool")
    text: str = ""
    source: str = ""


def _default_classes() -> list[ClassName]:
    return ["简易", "普通"]


def _default_precedence() -> list[ClassName]:
    return ["特殊", "普通", "简易"]


class TriageSection(_Strict):
    mode: Literal["classes", "none"] = Field(
        default="classes", description="none: no one-time triage after filing (监利 pipeline)"
    )
    classes: list[ClassName] = Field(default_factory=_default_classes)
    precedence: list[ClassName] = Field(
        default_factory=_default_precedence,
        description="when criteria of several classes match, the first class here wins",
    )
    default_class: ClassName = "普通"
    criteria: list[Criterion] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    distribute: Distribution | None = None
    fast_limit_days: int | None = Field(default=None, ge=1, description="速执/快执 closing limit from 立案")
    fast_teams: list[str] = Field(default_factory=list, description="teams the fast limit applies to")
    simple_to_complex: bool = Field(
        default=False,
        description="a fast-team case still open at fast_limit_days goes to the 执行局长 on a 简转繁审批表 "
        "(汝阳 000 §二(二)13); off where the seed has no such approval (001)",
    )
    related_cases: bool = Field(default=False, description="类案集中 with 执行局长 approval")
    notes: list[str] = Field(default_factory=list, description="precedence choices and seed readings")
    source: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> TriageSection:
        for c in self.criteria:
            if c.cls not in self.classes:
                raise ValueError(f"{c.id} 指向本配置没有的类别：{c.cls}")
        for e in self.exclusions:
            if e.blocks not in self.classes:
                raise ValueError(f"{e.id} 指向本配置没有的类别：{e.blocks}")
        ids = [
            *(c.id for c in self.criteria),
            *(e.id for e in self.exclusions),
            *(r.id for r in self.routes),
        ]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"triage 中的 id 重复：{'、'.join(dup)}")
        if self.default_class not in self.classes:
            raise ValueError(f"default_class 不在 classes 中：{self.default_class}")
        return self

    @property
    def simple(self) -> list[Criterion]:
        """The 简易 criteria (what ``profiles check`` counts)."""
        return [c for c in self.criteria if c.cls == "简易"]

    def team_names(self) -> set[str]:
        """Every team a route or the distribution names (checked against the profile's units)."""
        names = {r.team for r in self.routes if r.team}
        names.update(t for r in self.routes for t in r.pool)
        names.update(self.fast_teams)
        if self.distribute:
            names.add(self.distribute.unit)
        return names
