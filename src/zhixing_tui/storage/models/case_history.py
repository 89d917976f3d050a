"""A case's parties, its stage/assignment history and its links to other cases — defined on first
use (``storage.models.LAZY``): 今日概况 reads none of them."""

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from ._base import TableModel, now


class Party(TableModel, table=True):
    """A party to a case: applicant (申请执行人) or respondent (被执行人)."""

    __tablename__ = "party"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    role: str = Field(max_length=12)  # applicant | respondent
    kind: str = Field(max_length=12)  # person | company | organ | other_org
    name: str = Field(index=True, max_length=120)
    search_key: str = Field(default="", index=True, max_length=400)
    id_number: str | None = Field(default=None, index=True, max_length=18)
    phone: str = Field(default="", max_length=30)
    address: str = Field(default="", max_length=200)
    sort_order: int = 0


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


class RelatedCaseLink(TableModel, table=True):
    """A link between two cases: found by 类案集中 (same respondent, subject, or cross-party), or a
    执恢 case resuming the case it was closed as (``reason`` says which)."""

    __tablename__ = "related_case_link"
    __table_args__ = (UniqueConstraint("case_id", "other_case_id", name="uq_related_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    other_case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    reason: str = Field(max_length=40)
