"""Deadline nodes on cases, 督办 (urges), and the holiday schedules staff load."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from ._base import CASE_FK, TableModel, json_field, now


class DeadlineNode(TableModel, table=True):
    """An instance of a profile's deadline rule (流程节点) on one case."""

    __tablename__ = "deadline_node"
    # The alerts screen, the home counts and the nightly report ask for open nodes by due date
    # (the index also holds what their conditions read, so counting never visits the table); a
    # case's screens (F4's triage deadline, the case detail) for one case's open nodes of some rules;
    # the statistics for a case's node of one rule (法定执行期限, 速执 stage) and its due day.
    __table_args__ = (
        Index("ix_deadline_node_open_due", "completed_at", "due_on", "rule_id", "anchor_at", "case_id"),
        Index("ix_deadline_node_case_open", "case_id", "completed_at", "rule_id", "due_on"),
        Index("ix_deadline_node_case_rule_due", "case_id", "rule_id", "due_on"),
        # the nodes due in a month, counted by the statistics from the index alone
        Index("ix_deadline_node_month", "due_on", "completed_at", "owner_unit_id", "case_id", "name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    rule_id: str = Field(index=True, max_length=60)
    name: str = Field(max_length=120)
    source: str = Field(default="", max_length=200)  # the seed clause the rule cites
    period: str = Field(max_length=30)  # as written: 3个工作日, 24小时, 6个月 …
    anchor_event: str = Field(max_length=40)
    anchor_at: NaiveDatetime
    due_on: date = Field(index=True)
    due_at: NaiveDatetime | None = None  # for hour periods
    owner_unit_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    owner_staff_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    completed_at: NaiveDatetime | None = Field(default=None, index=True)
    completed_by: str | None = Field(default=None, max_length=40)
    completed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    completed_event: str | None = Field(default=None, max_length=40)
    warnings: list = json_field(default_factory=list)
    note: str = Field(default="", max_length=200)  # e.g. 经批准延长3个月
    created_at: NaiveDatetime = Field(default_factory=now)


class Urge(TableModel, table=True):
    """督办: a supervisor urged someone about a node or case."""

    __tablename__ = "urge"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    node_id: int | None = Field(default=None, foreign_key="deadline_node.id")
    urged_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    about: str = Field(max_length=200)
    note: str = Field(default="", max_length=500)
    by: str = Field(max_length=40)
    by_id: int | None = Field(default=None, foreign_key="staff.id")
    at: NaiveDatetime = Field(default_factory=now)


class CalendarYear(TableModel, table=True):
    """A year's official holiday schedule loaded by staff (takes precedence over the library)."""

    __tablename__ = "calendar_year"

    year: int = Field(primary_key=True)
    source: str = Field(max_length=200)  # the State Council notice
    loaded_at: NaiveDatetime = Field(default_factory=now)
    loaded_by: str = Field(default="", max_length=40)
    loaded_by_id: int | None = Field(default=None, foreign_key="staff.id")


class CalendarDay(TableModel, table=True):
    """A day that differs from the plain weekday/weekend rule: a holiday or a make-up working day."""

    __tablename__ = "calendar_day"

    day: date = Field(primary_key=True)
    year: int = Field(foreign_key="calendar_year.year", index=True)
    is_workday: bool
    name: str = Field(default="", max_length=40)
