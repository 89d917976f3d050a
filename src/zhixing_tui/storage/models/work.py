"""The work on a case: deadline nodes, intake records, queries, documents and service,
measures and property controls, money (案款), triage decisions, handoffs, approvals."""

from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from ._base import json_field, json_field_nullable, now

CASE_FK = "enforcement_case.id"


class DeadlineNode(SQLModel, table=True):
    """An instance of a profile's deadline rule (流程节点) on one case."""

    __tablename__ = "deadline_node"
    # The alerts screen and the nightly report ask for open nodes by due date.
    __table_args__ = (Index("ix_deadline_node_open_due", "completed_at", "due_on"),)

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
    completed_event: str | None = Field(default=None, max_length=40)
    warnings: list = json_field(default_factory=list)
    created_at: NaiveDatetime = Field(default_factory=now)


class CalendarYear(SQLModel, table=True):
    """A year's official holiday schedule loaded by staff (takes precedence over the library)."""

    __tablename__ = "calendar_year"

    year: int = Field(primary_key=True)
    source: str = Field(max_length=200)  # the State Council notice
    loaded_at: NaiveDatetime = Field(default_factory=now)
    loaded_by: str = Field(default="", max_length=40)


class CalendarDay(SQLModel, table=True):
    """A day that differs from the plain weekday/weekend rule: a holiday or a make-up working day."""

    __tablename__ = "calendar_day"

    day: date = Field(primary_key=True)
    year: int = Field(foreign_key="calendar_year.year", index=True)
    is_workday: bool
    name: str = Field(default="", max_length=40)


class Urge(SQLModel, table=True):
    """督办: a supervisor urged someone about a node or case."""

    __tablename__ = "urge"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    node_id: int | None = Field(default=None, foreign_key="deadline_node.id")
    urged_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    about: str = Field(max_length=200)
    note: str = Field(default="", max_length=500)
    by: str = Field(max_length=40)
    at: NaiveDatetime = Field(default_factory=now)


class IntakeRecord(SQLModel, table=True):
    """初次接待: one version of the interview record (or the no-interview note).

    Every save appends a version; the latest has ``is_current``. Key facts the triage reads are
    columns; the whole form is kept in ``answers``.
    """

    __tablename__ = "intake_record"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    version: int = 1
    is_current: bool = Field(default=True, index=True)
    interviewed: bool = True
    no_interview_reason: str = Field(default="", max_length=500)
    settlement_willing: bool | None = None
    performed_or_willing: bool | None = None
    notice_service_at_trial: bool | None = None
    applicant_phone: str = Field(default="", max_length=30)
    collection_account: str = Field(default="", max_length=40)
    interviewer: str = Field(default="", max_length=40)
    recorder: str = Field(default="", max_length=40)
    interviewee: str = Field(default="", max_length=40)
    held_on: date | None = None
    place: str = Field(default="", max_length=100)
    answers: dict = json_field()
    saved_by: str = Field(max_length=40)
    saved_at: NaiveDatetime = Field(default_factory=now)


class QueryItem(SQLModel, table=True):
    """One line of the query checklist (查控): a channel × asset type."""

    __tablename__ = "query_item"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    channel: str = Field(max_length=12)  # national | local | offline
    asset_type: str = Field(max_length=30)
    status: str = Field(default="not_started", max_length=20)
    result: str | None = Field(default=None, max_length=12)  # found | none
    amount_found_fen: int = 0
    amount_controlled_fen: int = 0
    started_on: date | None = None
    feedback_on: date | None = None
    controlled_on: date | None = None
    handler: str = Field(default="", max_length=40)
    note: str = Field(default="", max_length=300)


class Document(SQLModel, table=True):
    """A formatted document (文书): made, then served."""

    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(max_length=30)
    made_on: date | None = None
    served_on: date | None = None
    status: str = Field(default="pending", max_length=12)  # pending | made | served


class ServiceAttempt(SQLModel, table=True):
    """送达 attempt by one of the four steps (003 §三(三))."""

    __tablename__ = "service_attempt"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    step: str = Field(max_length=12)  # phone | mail | direct | notice
    address_kind: str = Field(default="", max_length=12)  # 户籍地 | 暂住地 | 工商登记地
    attempted_on: date
    result: str = Field(max_length=12)  # served | failed | refused | returned
    refused: bool = False
    note: str = Field(default="", max_length=300)
    by: str = Field(default="", max_length=40)


class Measure(SQLModel, table=True):
    """A measure on the respondent: 限消, 失信, 罚款, 拘留, 拘传, 限制出境, 搜查, 悬赏, 终本约谈 …"""

    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(index=True, max_length=20)
    decided_on: date
    entered_on: date | None = None
    amount_fen: int | None = None  # 罚款
    days: int | None = None  # 拘留
    note: str = Field(default="", max_length=300)
    by: str = Field(default="", max_length=40)


class PropertyControl(SQLModel, table=True):
    """A seal or freeze (查封/冻结/扣押) with its term; renewals chain through ``renewed_from_id``."""

    __tablename__ = "property_control"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    asset_kind: str = Field(max_length=20)  # deposit | movable | real_estate | other_right
    action: str = Field(max_length=10)  # 冻结 | 查封 | 扣押
    description: str = Field(default="", max_length=200)
    amount_fen: int | None = None
    controlled_on: date
    expires_on: date = Field(index=True)
    renewed_from_id: int | None = Field(default=None, foreign_key="property_control.id")
    released_on: date | None = None


class Payment(SQLModel, table=True):
    """案款: money that arrived for a case, and when it was claimed and paid out."""

    __tablename__ = "payment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    arrived_on: date = Field(index=True)
    amount_fen: int
    payer: str = Field(default="", max_length=120)
    claimed_on: date | None = None
    paid_out_on: date | None = None
    note: str = Field(default="", max_length=200)


class TriageDecision(SQLModel, table=True):
    """繁简分流: the engine's suggestion, the person's decision, and any override reason."""

    __tablename__ = "triage_decision"

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
    decided_by: str = Field(max_length=40)
    decided_at: NaiveDatetime = Field(default_factory=now)


class AssignmentDraw(SQLModel, table=True):
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
    drawn_at: NaiveDatetime = Field(default_factory=now)
    drawn_by: str = Field(max_length=40)


class Handoff(SQLModel, table=True):
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
    submitted_at: NaiveDatetime = Field(default_factory=now)
    decided_by: str | None = Field(default=None, max_length=40)
    decided_at: NaiveDatetime | None = None
    return_reason: str = Field(default="", max_length=500)


class Approval(SQLModel, table=True):
    """A request that needs a named level's approval (travel, 简转繁, 类案集中, extension …)."""

    __tablename__ = "approval"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(max_length=20)  # travel | simple_to_complex | related_cases | extension
    level: str = Field(max_length=20)  # the role that must approve
    details: dict = json_field()
    status: str = Field(default="pending", index=True, max_length=12)  # pending | approved | rejected
    requested_by: str = Field(max_length=40)
    requested_at: NaiveDatetime = Field(default_factory=now)
    decided_by: str | None = Field(default=None, max_length=40)
    decided_at: NaiveDatetime | None = None
    note: str = Field(default="", max_length=500)


class CaseFacts(SQLModel, table=True):
    """Triage facts set by a clerk (the ones that cannot be derived from the case)."""

    __tablename__ = "case_facts"

    case_id: int = Field(foreign_key=CASE_FK, primary_key=True)
    facts: dict = json_field()
    updated_by: str = Field(default="", max_length=40)
    updated_at: NaiveDatetime = Field(default_factory=now)


class AuditEntry(SQLModel, table=True):
    """The append-only audit trail (留痕): who, when, what, before and after."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(default_factory=now, index=True)
    operator: str = Field(max_length=40, index=True)
    action: str = Field(max_length=40, index=True)
    entity: str = Field(max_length=30)
    entity_id: int | None = None
    case_id: int | None = Field(default=None, foreign_key=CASE_FK, index=True)
    summary: str = Field(default="", max_length=300)  # a Chinese sentence for the timeline
    before: dict | None = json_field_nullable()
    after: dict | None = json_field_nullable()
