"""The ``[deadlines]`` section of a profile: node rules (流程节点). Owned by the deadlines work."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DeadlineRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    name: str
    anchor: str = Field(description="the event that starts the clock, e.g. filed, received, handoff")
    period: str = Field(description="as the seed writes it: 当日, 24小时, 3日, 3个工作日, 3周, 6个月")
    completed_by: list[str] = Field(default_factory=list, description="events that fulfil the node")
    owner: str = Field(default="", description="unit code or role that owns the node")
    source: str = Field(description="the seed clause, or the national rule, it encodes")


class DeadlineSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    warning_window: str = Field(default="2个工作日", description="临期 window")
    rules: list[DeadlineRule] = Field(default_factory=list)
