"""The ``[triage]`` section of a profile: 繁简分流 criteria and routes. Owned by the triage work."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str = Field(description="the seed's own wording")
    when: str = Field(default="", description="the fact expression that makes it match")


class TriageSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    classes: list[str] = Field(default_factory=lambda: ["simple", "ordinary"])
    simple: list[Criterion] = Field(default_factory=list)
    exclusions: list[Criterion] = Field(default_factory=list)
    source: str = ""
