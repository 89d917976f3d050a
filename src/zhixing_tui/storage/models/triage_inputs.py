"""What 繁简分流 decides from: the clerk's facts of a case and the fair draws of a team member."""

from pydantic import NaiveDatetime
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
