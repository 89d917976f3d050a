"""The ``[deadlines]`` section of a profile: node rules (流程节点), and the national rules every
profile carries.

A rule says: *node* (``name``) — *anchor event* (``anchor``; the clock starts at that event, or at
the earlier event named by ``clock``) — *period* (as the seed writes it) — *owner* (a unit code of
the profile, or ``handler`` for the case's current team and handler) — *source* (the seed clause).
A node instance is created when the anchor is recorded on a case that the rule applies to
(``classes``/``units``/``subjects``) and completed by any of ``completed_by``; events in
``cancelled_by`` withdraw an open node (it no longer applies); ``reanchor_on`` completes the node
and starts a new one (续封/续冻 starts a new term). Closing a case completes the open nodes whose
rule has ``ends_with_case`` (default).

The national rules (:data:`NATIONAL_RULES`, :data:`ZHONGBEN_CONDITIONS`) live here, in code, with
their legal citations; :func:`rules_for` merges them with the profile's own rules (a profile rule
with the same id overrides a national one) and with the stage limits of the profile's stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, TypedDict

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..domain.events import EVENTS
from ..domain.nodes import SEAL_TERMS

RuleKind = Literal["node", "execution_period", "seal", "stage_limit"]


def _check_events(values: list[str] | str, what: str) -> None:
    for v in [values] if isinstance(values, str) else values:
        if v not in EVENTS:
            raise ValueError(f"{what} 中的事件不认识：{v}（见 domain/events.py）")


class DeadlineRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    name: str
    anchor: str = Field(description="the event that starts the clock, e.g. filed, received, handoff")
    period: str = Field(description="as the seed writes it: 当日, 24小时, 3日, 3个工作日, 3周, 6个月")
    completed_by: list[str] = Field(default_factory=list, description="events that fulfil the node")
    owner: str = Field(default="", description="unit code or role that owns the node")
    source: str = Field(description="the seed clause, or the national rule, it encodes")
    kind: RuleKind = "node"
    clock: str | None = Field(
        default=None, description="start counting at this earlier event, not the anchor"
    )
    classes: list[str] = Field(
        default_factory=list, description="triage classes the rule applies to (empty: all)"
    )
    units: list[str] = Field(default_factory=list, description="unit codes holding the case (empty: all)")
    subjects: list[str] = Field(
        default_factory=list, description="event subjects (stage code, asset kind) the rule applies to"
    )
    cancelled_by: list[str] = Field(
        default_factory=list, description="events after which the node no longer applies"
    )
    reanchor_on: list[str] = Field(
        default_factory=list, description="events that complete it and start a new one"
    )
    ends_with_case: bool = Field(default=True, description="closing the case completes the open node")
    warning_window: str | None = Field(
        default=None, description="临期 window for this rule (default: the section's)"
    )
    note: str = Field(default="", description="how the seed's wording was read")

    @field_validator("anchor", "clock")
    @classmethod
    def _anchor(cls, v: str | None) -> str | None:
        if v is not None:
            _check_events(v, "anchor/clock")
        return v

    @field_validator("completed_by", "cancelled_by", "reanchor_on")
    @classmethod
    def _events(cls, v: list[str]) -> list[str]:
        _check_events(v, "completed_by/cancelled_by/reanchor_on")
        return v

    @field_validator("source")
    @classmethod
    def _source(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("每条节点规则都必须写明依据（source）")
        return v


class ZhongbenCondition(BaseModel):
    """One procedural condition for closing by 终结本次执行程序 (终本)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    name: str
    events: list[str] = Field(description="any of these events satisfies the condition")
    within: str | None = Field(
        default=None, description="the event must fall within this period before closing"
    )
    source: str

    @field_validator("events")
    @classmethod
    def _events(cls, v: list[str]) -> list[str]:
        _check_events(v, "events")
        return v


class DeadlineSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    warning_window: str = Field(default="2个工作日", description="临期 window")
    rules: list[DeadlineRule] = Field(default_factory=list)


# --- what rules_for reads of a profile ---------------------------------------------------------
# ``schema.Profile`` holds a DeadlineSection, so this module does not import ``schema`` (that
# would be a cycle): :func:`rules_for` takes any object of this shape, and a Profile is one.


class _StageLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def limit(self) -> str | None: ...
    @property
    def units(self) -> Sequence[str]: ...
    @property
    def source(self) -> str: ...


class _UnitLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def limit(self) -> str | None: ...
    @property
    def source(self) -> str: ...


class _CourtLike(Protocol):
    @property
    def seed(self) -> str: ...


class _FlowLike(Protocol):
    @property
    def approver_unit(self) -> str | None: ...


class _DeadlinesLike(Protocol):
    @property
    def rules(self) -> Sequence[DeadlineRule]: ...


class RulesProfile(Protocol):
    """What :func:`rules_for` reads of a profile (``schema.Profile`` satisfies it)."""

    @property
    def stages(self) -> Sequence[_StageLike]: ...
    @property
    def court(self) -> _CourtLike: ...
    @property
    def flow(self) -> _FlowLike: ...
    @property
    def deadlines(self) -> _DeadlinesLike: ...
    def unit(self, code: str) -> _UnitLike:
        """The unit with ``code``; KeyError if there is none."""
        ...


# --- national rules (every profile) ----------------------------------------------------------

_PERIOD_RULES = "《最高人民法院关于人民法院办理执行案件若干期限的规定》（法发〔2006〕35号）第一条"
_EXCLUDED = "中止、暂缓执行的期间不计入：《最高人民法院关于严格执行案件审理期限制度的若干规定》（法释〔2000〕29号）第九条"
_SEAL_TERMS = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条（冻结存款不超过一年，查封扣押动产不超过二年，查封不动产、冻结其他财产权不超过三年；期满前续行）"
_ZHONGBEN = "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第一条"


class _SealCommon(TypedDict):
    """The fields every national seal rule shares (passed to :class:`DeadlineRule` with ``**``)."""

    anchor: str
    completed_by: list[str]
    reanchor_on: list[str]
    owner: str
    kind: RuleKind
    ends_with_case: bool
    warning_window: str
    source: str


_SEAL_COMMON = _SealCommon(
    anchor="sealed",
    completed_by=["released"],
    reanchor_on=["renewed"],
    owner="handler",
    kind="seal",
    ends_with_case=False,
    warning_window="1个月",
    source=_SEAL_TERMS,
)

_SEALS = (
    ("deposit", "续冻", "银行存款冻结"),
    ("movable", "续封", "动产查封扣押"),
    ("real_estate", "续封", "不动产查封"),
    ("other_right", "续冻", "其他财产权冻结"),
)

#: Rules every profile carries, cited to the national provisions they encode.
NATIONAL_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id="national.execution_period",
        name="法定执行期限（立案起6个月内执结）",
        anchor="filed",
        period="6个月",
        completed_by=["closed"],
        owner="handler",
        kind="execution_period",
        source=f"{_PERIOD_RULES}；{_EXCLUDED}",
        note="经批准延长的，以批准的期限为准；中止/暂缓期间顺延",
    ),
    *(
        DeadlineRule(
            id=f"national.seal.{kind}",
            name=f"{verb}：{what}期满（{SEAL_TERMS[kind]}）",
            period=SEAL_TERMS[kind],
            subjects=[kind],
            **_SEAL_COMMON,
        )
        for kind, verb, what in _SEALS
    ),
)

#: The procedural conditions of 终本 (seed 003 §四(二)4(2) lists the same four).
ZHONGBEN_CONDITIONS: tuple[ZhongbenCondition, ...] = (
    ZhongbenCondition(
        id="zhongben.national_query",
        name="结案前三个月内进行“总对总”查控",
        events=["national_query_started", "national_query_done"],
        within="3个月",
        source=f"{_ZHONGBEN}；003 §四(二)2(2)、§四(二)4(2)",
    ),
    ZhongbenCondition(
        id="zhongben.offline_query",
        name="进行传统查控",
        events=["offline_query_started", "offline_query_registered", "offline_done", "first_round_started"],
        source=f"{_ZHONGBEN}；003 §四(二)4(2)",
    ),
    ZhongbenCondition(
        id="zhongben.interview",
        name="进行终本约谈",
        events=["zhongben_interview"],
        source=f"{_ZHONGBEN}；003 §四(二)2(5)、§四(二)4(2)",
    ),
    ZhongbenCondition(
        id="zhongben.consumption_ban",
        name="发布限制消费令",
        events=["consumption_ban_issued"],
        source=f"{_ZHONGBEN}；003 §四(二)4(2)",
    ),
)


def stage_limit_rules(profile: RulesProfile) -> list[DeadlineRule]:
    """Rules derived from the profile's structure, so a limit is written once, where it belongs.

    * one rule per stage with a ``limit`` (监利 stage limits: 线上查控 3周 …): the case may stay
      that long after entering the stage;
    * the approver unit's ``limit`` (监利 指挥监控组 1周): a submitted handoff is decided within it.
    """
    out = []
    for st in profile.stages:
        if not st.limit:
            continue
        out.append(
            DeadlineRule(
                id=f"stage.{st.code}",
                name=f"{st.name}阶段期限（{st.limit}）",
                anchor="stage_entered",
                period=st.limit,
                completed_by=["stage_left", "closed"],
                owner=st.units[0] if st.units else "handler",
                source=st.source or f"{profile.court.seed} 阶段 {st.name}",
                kind="stage_limit",
                subjects=[st.code],
            )
        )
    approver = profile.flow.approver_unit
    if approver:
        unit = profile.unit(approver)
        if unit.limit:
            out.append(
                DeadlineRule(
                    id=f"approval.{unit.code}",
                    name=f"{unit.name}审批流转（{unit.limit}）",
                    anchor="handoff_submitted",
                    period=unit.limit,
                    completed_by=["handoff_approved", "handoff_returned"],
                    owner=unit.code,
                    source=unit.source,
                )
            )
    return out


_CACHE: dict[int, tuple[RulesProfile, list[DeadlineRule]]] = {}


def rules_for(profile: RulesProfile) -> list[DeadlineRule]:
    """Every rule that runs under ``profile``: national, derived (stage limits), and its own.

    A profile rule with the id of a national or derived rule replaces it (e.g. ``stage.fast``
    written out in full to add ``cancelled_by``).
    """
    hit = _CACHE.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    own = list(profile.deadlines.rules)
    own_ids = {r.id for r in own}
    derived = [r for r in stage_limit_rules(profile) if r.id not in own_ids]
    rules = [r for r in NATIONAL_RULES if r.id not in own_ids] + derived + own
    _CACHE[id(profile)] = (profile, rules)
    return rules


def rule_by_id(profile: RulesProfile, rule_id: str) -> DeadlineRule | None:
    for r in rules_for(profile):
        if r.id == rule_id:
            return r
    return None
