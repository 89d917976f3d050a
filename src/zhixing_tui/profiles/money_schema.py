"""The ``[money]`` section of a profile: how the court supervises 案款.

``payout_rule`` names the deadline rule whose period is the payout limit counted from 到账 (the
案款 screen and ``report money`` show each claimed-not-paid arrival's last day by it); a court
that asks a written reason approved by its leadership for a late payout says who approves::

    [money]
    payout_rule = "shihe.money_payout"

    [money.late_payout]
    approver_role = "bureau_chief"
    source = "003 四(二)2(6)、四(三)2(2)"

A court without ``late_payout`` records a late payout without approval (the node shows 超期完成).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..domain.roles import ROLES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LatePayoutRule(_Strict):
    """A payout after the limit needs a written reason approved by this role (or above)."""

    approver_role: str = Field(description="the role that approves (a role id of domain.roles)")
    source: str = Field(min_length=1, description="seed clause")

    @field_validator("approver_role")
    @classmethod
    def _role(cls, v: str) -> str:
        if v not in ROLES:
            raise ValueError(f"未知角色 {v}；可用：{'、'.join(ROLES)}")
        return v


class MoneySection(_Strict):
    payout_rule: str | None = Field(
        default=None, description="the deadline rule (anchor money_arrived) whose period is the payout limit"
    )
    late_payout: LatePayoutRule | None = Field(
        default=None, description="逾期发放须书面说明理由报批 (浉河 003); absent: no approval asked"
    )
