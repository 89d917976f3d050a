"""A case's stays: its stage and assignment history — defined on first use (``storage.models.LAZY``),
on its own: the statistics read the stays and nothing else of a case's history."""

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from ._base import TableModel, now


class StageEntry(TableModel, table=True):
    """One stay of a case in a stage/unit with a handler: the stage and assignment history."""

    __tablename__ = "stage_entry"
    __table_args__ = (
        # a case's stays in time order with their unit and stage: the unit that held a case at a
        # moment (its last stay begun before it) and the stay after another, from the index alone
        Index("ix_stage_entry_case_stays", "case_id", "entered_at", "id", "unit_id", "stage"),
        # a stage's stays that began / ended in a month and where each went (七组流转), from the
        # index alone and in stage order: no sort of the month's stays (0019)
        Index("ix_stage_entry_stage_entered", "stage", "entered_at", "left_at", "next_stage"),
        Index("ix_stage_entry_stage_left", "stage", "left_at", "entered_at", "next_stage"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    stage: str = Field(max_length=40)
    unit_id: int | None = Field(default=None, foreign_key="org_unit.id")
    handler_id: int | None = Field(default=None, foreign_key="staff.id")
    entered_at: NaiveDatetime = Field(default_factory=now)
    left_at: NaiveDatetime | None = None
    #: the stage of the stay that followed this one, written when the case left it for that stay
    #: (None while it is open, and for a stay left with none after it); 七组流转 counts where the
    #: stays of a month went from it (migration 0018)
    next_stage: str | None = Field(default=None, max_length=40)
    reason: str = Field(default="", max_length=200)
