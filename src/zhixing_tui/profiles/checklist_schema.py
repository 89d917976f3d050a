"""The ``[checklist]`` section of a profile: where a court's 查控 items differ from the defaults.

The default items (``domain.checklist.DEFAULT_ITEMS``) are the union the seeds name (DOMAIN §5).
A court lists only its differences::

    [[checklist.items]]          # replaces the item with the same channel and asset type, or adds one
    channel = "local"
    asset_type = "real_estate"
    label = "洛阳市不动产"
    source = "000 二.2"

    [checklist]
    omit = ["offline.site_visit"]   # items this court does not keep on the checklist
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..domain.checklist import ASSET_TYPES, CHANNELS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ChecklistItemSpec(_Strict):
    channel: Literal["national", "local", "offline"]
    asset_type: str
    label: str = ""
    source: str = ""

    @field_validator("asset_type")
    @classmethod
    def _asset(cls, v: str) -> str:
        if v not in ASSET_TYPES:
            raise ValueError(f"不认识的财产类型 {v}；可用：{'、'.join(ASSET_TYPES)}")
        return v


class ChecklistSection(_Strict):
    items: list[ChecklistItemSpec] = Field(default_factory=list)
    omit: list[str] = Field(default_factory=list, description='"channel.asset_type" keys left out')

    @field_validator("omit")
    @classmethod
    def _omit(cls, v: list[str]) -> list[str]:
        for key in v:
            channel, _, asset = key.partition(".")
            if channel not in CHANNELS or asset not in ASSET_TYPES:
                raise ValueError(f"omit 中的 {key} 应写成 渠道.财产类型，如 offline.site_visit")
        return v
