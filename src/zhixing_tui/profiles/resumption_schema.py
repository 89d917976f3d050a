"""The ``[resumption]`` section of a profile: who decides a 恢复执行 application, step by step.

终本 cases may be resumed on the applicant's application (《最高人民法院关于严格规范终结本次执行程序
的规定（试行）》（法〔2016〕373号）第九条第一款). Courts differ on who decides: 汝阳 lets the
终本管理组 decide within 7日 (000 二(一)6; the 7日 is the deadline rule ``ruyang.resumption``),
监利 has the 组长 review first and the 局长 approve (004 第一组 1)::

    [resumption]
    source = "004 第一组 1"

    [[resumption.steps]]
    name = "组长初审"
    roles = ["group_leader"]

    [[resumption.steps]]
    name = "局长审核"
    roles = ["bureau_chief"]

Each step is passed by one person holding any of ``roles`` (or a role higher on the approval
ladder of ``domain.roles``); the last step's approval registers the 执恢 case.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..domain.roles import ROLES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ResumptionStep(_Strict):
    name: str = Field(description="初审 / 审核 / 审查决定 …")
    roles: list[str] = Field(min_length=1, description="role ids of domain.roles, any one may pass it")

    @field_validator("roles")
    @classmethod
    def _roles(cls, v: list[str]) -> list[str]:
        for r in v:
            if r not in ROLES:
                raise ValueError(f"未知角色 {r}；可用：{'、'.join(ROLES)}")
        return v


def _default_steps() -> list[ResumptionStep]:
    return [ResumptionStep(name="审查决定", roles=["group_leader"])]


class ResumptionSection(_Strict):
    steps: list[ResumptionStep] = Field(default_factory=_default_steps, min_length=1)
    source: str = Field(default="", description="the seed clause of the chain (empty: the default)")
