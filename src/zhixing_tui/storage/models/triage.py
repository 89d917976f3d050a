"""繁简分流 of a case: the clerk's facts, decisions and the fair draws of a team member."""

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from ._base import CASE_FK, TableModel, json_field, now


class CaseFacts(TableModel, table=True):
    """Triage facts set by a clerk (the ones that cannot be derived from the case)."""

    __tablename__ = "case_facts"

    case_id: int = Field(foreign_key=CASE_FK, primary_key=True)
    facts: dict = json_field()
    updated_by: str = Field(default="", max_length=40)
    updated_by_id: int | None = Field(default=None, foreign_key="staff.id")
    updated_at: NaiveDatetime = Field(default_factory=now)


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


class AssignmentDraw(TableModel, table=True):
    """A fair draw: pool, the counts at draw time, the seed and the winner — enough to replay it."""

    __tablename__ = "assignment_draw"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    scope: str = Field(max_length=40)  # e.g. "team" or a unit code for person draws
    period: str = Field(max_length=10)  # e.g. 2026-11
    pool: list = json_field(default_factory=list)
    counts: dict = json_field()
    seed: int
    chosen: str = Field(max_length=60)
    #: the member of staff a person draw chose (by id: a later rename or namesake does not move
    #: the month's counts); None for a team draw
    chosen_staff_id: int | None = Field(default=None, index=True)
    drawn_at: NaiveDatetime = Field(default_factory=now)
    drawn_by: str = Field(max_length=40)
    drawn_by_id: int | None = Field(default=None, foreign_key="staff.id")
