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

The national rules (:data:`NATIONAL_RULES`) live here, in code, with their legal citations (the 终本
conditions are ``domain.zhongben``); :func:`rules_for` merges them with the profile's own rules (a profile rule
with the same id overrides a national one) and with the stage limits of the profile's stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, TypedDict

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..domain.closing import TERMINATED_THIS_ROUND
from ..domain.events import EVENTS
from ..domain.execution_period import (
    EXCLUDED_SOURCE,
    EXECUTION_PERIOD,
    NON_LITIGATION_PERIOD,
    PERIOD_SOURCE,
    period_name,
)
from ..domain.nodes import SEAL_TERMS, check_series
from ..domain.seals import DEFAULT_REMINDER, REMINDER_SOURCE, reminder_day
from ..errors import InvalidValue

RuleKind = Literal["node", "execution_period", "seal", "stage_limit", "requery"]


def _check_events(values: list[str] | str, what: str) -> None:
    for v in [values] if isinstance(values, str) else values:
        if v not in EVENTS:
            raise ValueError(f"{what} 中的事件不认识：{v}（见 domain/events.py）")


class DeadlineRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    non_litigation_period: str | None = Field(
        default=None, description="the period of a 非诉执行 case, when it differs (execution period: 3个月)"
    )
    repeat_every: str | None = Field(
        default=None,
        description="a series: when a node completes, the next is due this much later (6个月)",
    )
    repeat_for: str | None = Field(
        default=None, description="a series stops when its due dates would pass this span (5年)"
    )

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

    @model_validator(mode="after")
    def _series(self) -> DeadlineRule:
        if (self.repeat_every is None) != (self.repeat_for is None):
            raise ValueError(f"{self.id}：repeat_every 与 repeat_for 须同时填写")
        if self.repeat_every is not None:
            check_series(self.period, self.repeat_every, self.repeat_for or "")
        return self


class DeadlineSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    warning_window: str = Field(default="2个工作日", description="临期 window")
    seal_reminder: str = Field(
        default=DEFAULT_REMINDER,
        description=(
            "续封/续冻提醒：查封冻结期满前多久到期（N日、N周或N个工作日，遇休息日提前到工作日）；"
            f"依据：{REMINDER_SOURCE}"
        ),
    )
    rules: list[DeadlineRule] = Field(default_factory=list)

    @field_validator("seal_reminder")
    @classmethod
    def _reminder(cls, v: str) -> str:
        from datetime import date

        try:
            reminder_day(date(2026, 3, 6), v)
        except InvalidValue as exc:
            raise ValueError(str(exc)) from None
        return v


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

_PERIOD_RULES = PERIOD_SOURCE
_EXCLUDED = f"公告、鉴定/审计/评估、中止、暂缓、拍卖/变卖的期间不计入：{EXCLUDED_SOURCE}"
_SEAL_TERMS = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条（冻结存款不超过一年，查封扣押动产不超过二年，查封不动产、冻结其他财产权不超过三年；期满前续行）"
_ZHONGBEN_REQUERY = (
    "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第九条第二款"
    "（终结本次执行程序后的五年内，执行法院应当每六个月通过网络执行查控系统查询一次被执行人的财产）"
)
#: the rule id of the 终本 re-query series (终本案件库)
ZHONGBEN_REQUERY = "national.zhongben_requery"


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
    # the node falls due on the reminder day (``seal_reminder`` before the legal end, which is in
    # its note); it turns 临期 like any other node
    warning_window="2个工作日",
    source=_SEAL_TERMS,
)

_SEALS = (
    ("deposit", "续冻", "银行存款冻结"),
    ("movable", "续封", "动产查封扣押"),
    ("real_estate", "续封", "不动产查封"),
    ("other_right", "续冻", "其他财产权冻结"),
)

#: the rule whose node's due day is the case's execution period (its pauses and extensions)
EXECUTION_RULE = "national.execution_period"

#: Rules every profile carries, cited to the national provisions they encode.
NATIONAL_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id=EXECUTION_RULE,
        name=period_name(False, EXECUTION_PERIOD),
        anchor="filed",
        period=EXECUTION_PERIOD,
        non_litigation_period=NON_LITIGATION_PERIOD,
        completed_by=["closed"],
        owner="handler",
        kind="execution_period",
        source=f"{_PERIOD_RULES}；{_EXCLUDED}",
        note="非诉执行案件3个月；经院长或副院长批准延长的，加上批准的期限；不计入的期间顺延",
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
    DeadlineRule(
        id=ZHONGBEN_REQUERY,
        name="终本案件定期网络查控（每六个月一次）",
        anchor="closed",
        subjects=[TERMINATED_THIS_ROUND],
        period="6个月",
        repeat_every="6个月",
        repeat_for="5年",
        completed_by=["national_query_done"],
        cancelled_by=["resumption_filed"],
        owner="handler",
        kind="requery",
        ends_with_case=False,
        warning_window="1个月",
        source=_ZHONGBEN_REQUERY,
        note=(
            "以终本结案之日为起点，固定按结案后第6、12……60个月到期（不随实际查询日漂移），"
            "提前查询计入本期；每期完成后生成下一期，五年届满不再生成；恢复执行立案后不再适用"
        ),
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
