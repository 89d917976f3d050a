"""繁简分流 of a case: its decisions (the clerk's facts and the fair draws of a team member are in
``triage_inputs``: the statistics read the decisions alone)."""

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from ._base import CASE_FK, TableModel, json_field, now


class TriageDecision(TableModel, table=True):
    """繁简分流: the engine's suggestion, the person's decision, and any override reason."""

    __tablename__ = "triage_decision"
    # the month's decisions counted by the statistics from the index alone
    __table_args__ = (
        Index("ix_triage_decision_decided", "decided_at", "status", "kind", "final_class", "final_unit_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(default="initial", max_length=20)  # initial | reassign | simple_to_complex
    facts: dict = json_field()
    suggested_class: str = Field(max_length=10)
    suggested_unit: str | None = Field(default=None, max_length=40)
    matched: list = json_field(default_factory=list)
    excluded_by: list = json_field(default_factory=list)
    final_class: str = Field(max_length=10)
    final_unit_id: int | None = Field(default=None, foreign_key="org_unit.id")
    overridden: bool = False
    reason: str = Field(default="", max_length=500)
    status: str = Field(default="decided", max_length=12)  # decided | pending_approval | rejected
    approved_by: str | None = Field(default=None, max_length=40)
    approved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    decided_by: str = Field(max_length=40)
    decided_by_id: int | None = Field(default=None, foreign_key="staff.id")
    decided_at: NaiveDatetime = Field(default_factory=now)
