"""The court profile: a validated TOML description of one court's organisation and rules.

A profile holds the court (name, 法院代字), its units (groups/teams with their seed names,
sizes and, where the seed names them, members), its stages and the moves allowed between
them, and the sections later parts of zhixing read: deadline rules and triage rules. Every
rule cites the seed clause it comes from (``source``).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..domain.closing import CLOSING_METHODS
from ..domain.forms import PRINTED_FORMS
from ..domain.roles import ROLES
from .checklist_schema import ChecklistSection
from .deadline_schema import DeadlineSection
from .measures_schema import MeasuresSection
from .money_schema import MoneySection
from .resumption_schema import ResumptionSection
from .triage_schema import TriageSection
from .zhongben_schema import ZhongbenSection

COURT_CODE_RE = re.compile(r"^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\d{4}$")

UnitKind = Literal["bureau", "center", "group", "team", "office"]


def _check_role(v: str) -> str:
    if v and v not in ROLES:
        raise ValueError(f"未知角色 {v}；可用：{'、'.join(ROLES)}")
    return v


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Court(Strict):
    name: str = Field(description="法院全称, e.g. 监利市人民法院")
    short_name: str = Field(description="简称, e.g. 监利")
    code: str = Field(description="法院代字 used in 案号, e.g. 鄂1088")
    province: str
    document: str = Field(default="", description="the reform document's number and title")
    seed: str = Field(description="the seed file this profile encodes")

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not COURT_CODE_RE.match(v):
            raise ValueError("法院代字应为省份简称加四位数字，如 豫0326")
        return v


class Member(Strict):
    name: str
    title: str = Field(default="", description="员额法官 / 法官助理 / 书记员 / 执行员 / 辅助人员 / 法警")
    role: str = Field(default="", description="a role id from domain.roles; default: the unit's member_role")
    leader: bool = False
    note: str = ""
    concurrent: bool = Field(
        default=False,
        description="兼任: the person's staff record belongs to another unit (where the same name is "
        "listed without concurrent); listed here because the seed names them here too",
    )

    _role = field_validator("role")(_check_role)


class Unit(Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    kind: UnitKind
    parent: str | None = None
    size: int | None = Field(default=None, ge=1, description="the seed's stated head count")
    member_role: str = "handler"
    leader_role: str = "group_leader"
    members: list[Member] = Field(default_factory=list)
    duties: list[str] = Field(default_factory=list, description="short duty lines from the seed")
    source: str = Field(description="seed clause, e.g. 004 二、机构设置")
    receives_cases: bool = Field(default=True, description="cases can be assigned to this unit")
    limit: str | None = Field(
        default=None,
        description="for a unit that holds no stage of its own: how long it may take on a case "
        "(e.g. 指挥监控组 1周 to decide a handoff)",
    )

    _roles = field_validator("member_role", "leader_role")(_check_role)

    def role_of(self, member: Member) -> str:
        """The member's effective role: their own, else the unit's leader or member role."""
        return member.role or (self.leader_role if member.leader else self.member_role)


class Stage(Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    kind: Literal["center", "triage", "work", "review", "closed"] = "work"
    units: list[str] = Field(default_factory=list, description="unit codes that hold cases in this stage")
    limit: str | None = Field(default=None, description="how long a case may stay, e.g. 3周 (a period)")
    can_close: list[str] = Field(default_factory=list, description="closing methods this stage may use")
    source: str = ""

    # 结案方式: domain.closing's names (和解 closes as 终结执行, or 执行完毕 once performed).
    @field_validator("can_close")
    @classmethod
    def _methods(cls, v: list[str]) -> list[str]:
        bad = [m for m in v if m not in CLOSING_METHODS]
        if bad:
            raise ValueError(f"未知结案方式 {'、'.join(bad)}；可用：{'、'.join(CLOSING_METHODS)}")
        return v


class Move(Strict):
    """An allowed move of a case from one stage to another."""

    from_stage: str = Field(alias="from")
    to_stage: str = Field(alias="to")
    label: str
    form: str | None = Field(default=None, description="the handoff form kind, e.g. national_query_form")
    needs_approval: bool = False
    approver_role: str = "monitor"
    kind: Literal["forward", "return", "jump"] = "forward"
    on_event: str | None = Field(
        default=None,
        description="an event (domain.events) that submits this move by itself when recorded on a case "
        "in the from stage (监利: 流拍 → 退回线索查控组)",
    )
    source: str = ""

    _approver = field_validator("approver_role")(_check_role)

    @field_validator("on_event")
    @classmethod
    def _known_event(cls, v: str | None) -> str | None:
        from ..domain.events import EVENTS

        if v is not None and v not in EVENTS:
            raise ValueError(f"不认识的事件：{v}（应为 domain/events.py 中的事件代码）")
        return v

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FormUse(Strict):
    """A form the court prints (an id of ``domain.forms.PRINTED_FORMS``) and the seed clause that
    asks for it (``source``, e.g. ``004 第三组 6、7``; printed as 《…改革方案》第三组6、7)."""

    id: str
    source: str = Field(min_length=1, description="seed clause, e.g. 004 第三组 6、7")

    @field_validator("id")
    @classmethod
    def _known(cls, v: str) -> str:
        if v not in PRINTED_FORMS:
            known = "、".join(f"{k}（{f.title}）" for k, f in PRINTED_FORMS.items())
            raise ValueError(f"未知表格 {v}；可用：{known}")
        return v


class Flow(Strict):
    model: Literal["pipeline", "teams"] = Field(
        description="pipeline: 监利-style stage closing; teams: center → triage → implementing teams"
    )
    entry_stage: str
    approver_unit: str | None = Field(default=None, description="the unit that approves handoffs")
    closing_review: str | None = Field(default=None, description="the stage or unit that reviews closings")
    moves: list[Move] = Field(default_factory=list)


class IntakeSection(Strict):
    """The 初次接待谈话笔录's signers."""

    one_person_may_record: bool = Field(
        default=False,
        description=(
            "the 谈话人 may also be the 记录人; no seed allows it — 002 一.4 and 003 三(一)3 have the "
            "record signed by 谈话人、记录人、被谈话人 — so a court sets it only when its own rules do"
        ),
    )
    source: str = "002 一.4；003 三(一)3"


class Profile(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = 1
    court: Court
    units: list[Unit]
    stages: list[Stage]
    flow: Flow
    deadlines: DeadlineSection = Field(default_factory=DeadlineSection)
    triage: TriageSection = Field(default_factory=TriageSection)
    checklist: ChecklistSection = Field(default_factory=ChecklistSection)
    zhongben: ZhongbenSection = Field(default_factory=ZhongbenSection)
    measures: MeasuresSection = Field(default_factory=MeasuresSection)
    resumption: ResumptionSection = Field(default_factory=ResumptionSection)
    money: MoneySection = Field(default_factory=MoneySection)
    intake: IntakeSection = Field(default_factory=IntakeSection)
    statistics: dict[str, str] = Field(
        default_factory=dict, description="figure definitions that differ from the defaults"
    )
    printed_forms: list[FormUse] = Field(
        default_factory=list,
        description="the forms of domain.forms this court prints because its plan names them "
        "(出差审批表, 结案审查表 …), each with the plan's clause; the keys and ``zhixing print`` follow it",
    )

    @field_validator("printed_forms")
    @classmethod
    def _forms(cls, v: list[FormUse]) -> list[FormUse]:
        ids = [f.id for f in v]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"printed_forms 中的表格重复：{'、'.join(dup)}")
        return v

    @model_validator(mode="after")
    def _references(self) -> Profile:
        unit_codes = [u.code for u in self.units]
        dup = {c for c in unit_codes if unit_codes.count(c) > 1}
        if dup:
            raise ValueError(f"units 中的 code 重复：{'、'.join(sorted(dup))}")
        stage_codes = [s.code for s in self.stages]
        dup = {c for c in stage_codes if stage_codes.count(c) > 1}
        if dup:
            raise ValueError(f"stages 中的 code 重复：{'、'.join(sorted(dup))}")
        for u in self.units:
            if u.parent and u.parent not in unit_codes:
                raise ValueError(f"units.{u.code}.parent 指向不存在的单位：{u.parent}")
        for s in self.stages:
            for uc in s.units:
                if uc not in unit_codes:
                    raise ValueError(f"stages.{s.code}.units 指向不存在的单位：{uc}")
        if self.flow.entry_stage not in stage_codes:
            raise ValueError(f"flow.entry_stage 指向不存在的阶段：{self.flow.entry_stage}")
        if self.flow.approver_unit and self.flow.approver_unit not in unit_codes:
            raise ValueError(f"flow.approver_unit 指向不存在的单位：{self.flow.approver_unit}")
        cr = self.flow.closing_review
        if cr and cr not in stage_codes and cr not in unit_codes:
            raise ValueError(f"flow.closing_review 指向不存在的阶段或单位：{cr}")
        for i, m in enumerate(self.flow.moves):
            for end in (m.from_stage, m.to_stage):
                if end not in stage_codes:
                    raise ValueError(f"flow.moves[{i}] 指向不存在的阶段：{end}")
        return self

    # --- lookups ----------------------------------------------------------------------------
    def unit(self, code: str) -> Unit:
        for u in self.units:
            if u.code == code:
                return u
        raise KeyError(code)

    def stage(self, code: str) -> Stage:
        for s in self.stages:
            if s.code == code:
                return s
        raise KeyError(code)

    def prints(self, form_id: str) -> bool:
        """Whether the court prints form ``form_id`` (domain.forms; its plan names the form)."""
        return any(f.id == form_id for f in self.printed_forms)

    def form_source(self, form_id: str) -> str:
        """The seed clause that asks for form ``form_id`` ("" when the court does not print it)."""
        return next((f.source for f in self.printed_forms if f.id == form_id), "")

    def moves_from(self, stage_code: str) -> list[Move]:
        return [m for m in self.flow.moves if m.from_stage == stage_code]
