"""The handoff board: handoffs between groups and pending approvals of every kind."""

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, json_field, now


class Handoff(TableModel, table=True):
    """流转: a submitted move (or closing) awaiting 指挥监控 approval, with its form."""

    __tablename__ = "handoff"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(default="move", max_length=10)  # move | close
    from_stage: str = Field(max_length=40)
    to_stage: str | None = Field(default=None, max_length=40)
    form_kind: str | None = Field(default=None, max_length=30)
    form: dict = json_field()
    status: str = Field(default="submitted", index=True, max_length=12)  # submitted | approved | returned
    submitted_by: str = Field(max_length=40)
    submitted_by_id: int | None = Field(default=None, foreign_key="staff.id")
    submitted_at: NaiveDatetime = Field(default_factory=now)
    decided_by: str | None = Field(default=None, max_length=40)
    decided_by_id: int | None = Field(default=None, foreign_key="staff.id")
    decided_at: NaiveDatetime | None = None
    return_reason: str = Field(default="", max_length=500)


class Approval(TableModel, table=True):
    """A request that needs a named level's approval (travel, 简转繁, 类案集中, extension …)."""

    __tablename__ = "approval"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(max_length=20)  # travel | simple_to_complex | related_cases | extension
    level: str = Field(max_length=20)  # the role that must approve
    details: dict = json_field()
    status: str = Field(default="pending", index=True, max_length=12)  # pending | approved | rejected
    requested_by: str = Field(max_length=40)
    requested_by_id: int | None = Field(default=None, foreign_key="staff.id")
    requested_at: NaiveDatetime = Field(default_factory=now)
    decided_by: str | None = Field(default=None, max_length=40)
    decided_by_id: int | None = Field(default=None, foreign_key="staff.id")
    decided_at: NaiveDatetime | None = None
    note: str = Field(default="", max_length=500)
