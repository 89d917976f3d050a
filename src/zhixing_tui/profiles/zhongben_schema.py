"""The ``[zhongben]`` section of a profile: the court's own 终本 list on top of the national conditions
(``domain.zhongben``), and whether a 局长 may override a missing item.

    [zhongben]
    override = "off"          # off | court (only the court's own items) | all (national ones too)
    override_source = ""      # the seed clause that lets the 局长 decide (required unless off)
    three_month_waiver = ""   # the seed clause that waives 立案满三个月 when the court's list is complete

    [[zhongben.items]]
    id = "shihe.national_query"
    name = "结案前三个月内进行“总对总”查控"
    evidence = ["query:national"]   # any one of: measure:<kind>, document:<kind>, query:national,
    within = "3个月"                 #             query:offline, material (ticked on the case file)
    source = "003 §四(二)4(2)"
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..domain.periods import parse_period
from ..domain.zhongben import check_evidence_spec


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ZhongbenItem(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    name: str
    evidence: list[str] = Field(min_length=1)
    within: str | None = Field(default=None, description="query:national must fall within this period")
    source: str

    @field_validator("evidence")
    @classmethod
    def _evidence(cls, v: list[str]) -> list[str]:
        return [check_evidence_spec(x) for x in v]

    @field_validator("within")
    @classmethod
    def _within(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                parse_period(v)
            except Exception as exc:  # InvalidValue: pydantic wants a ValueError
                raise ValueError(str(exc)) from None
        return v

    @field_validator("source")
    @classmethod
    def _source(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("终本清单的每一项都必须写明依据（source）")
        return v

    @property
    def is_material(self) -> bool:
        return "material" in self.evidence


class ZhongbenSection(_Strict):
    items: list[ZhongbenItem] = Field(default_factory=list)
    override: Literal["off", "court", "all"] = "off"
    override_source: str = ""
    three_month_waiver: str = ""

    @model_validator(mode="after")
    def _checks(self) -> ZhongbenSection:
        ids = [i.id for i in self.items]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"zhongben.items 中的 id 重复：{'、'.join(sorted(dup))}")
        for i in ids:
            if i.startswith("national."):
                raise ValueError(f"zhongben.items 的 id 不能以 national. 开头（留给全国性条件）：{i}")
        if self.override != "off" and not self.override_source.strip():
            raise ValueError("允许局长决定终本缺项（override）须写明依据（override_source）")
        return self

    def materials(self) -> list[ZhongbenItem]:
        """The items met by a material ticked on the case file (监利's six)."""
        return [i for i in self.items if i.is_material]
