"""The ``[measures]`` section of a profile: where a court asks more of a measure than the law.

监利 (004 第三组 9): a respondent brought to the bureau who can neither pay nor close is detained
for 15 days; "案情特殊不适用拘留的报局长批准" — not detaining needs the 局长's approval::

    [measures.no_detention]
    approver_role = "bureau_chief"
    source = "004 第三组 9"

A court without the section records its measures without any approval.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..domain.roles import ROLES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NoDetentionRule(_Strict):
    """Deciding not to detain a respondent who qualifies needs this role's approval."""

    approver_role: str = Field(description="the role that approves (a role id of domain.roles)")
    source: str = Field(min_length=1, description="seed clause")

    @field_validator("approver_role")
    @classmethod
    def _role(cls, v: str) -> str:
        if v not in ROLES:
            raise ValueError(f"未知角色 {v}；可用：{'、'.join(ROLES)}")
        return v


class MeasuresSection(_Strict):
    no_detention: NoDetentionRule | None = Field(
        default=None, description="不予拘留须报批 (监利 004 第三组 9); absent: no approval asked"
    )
