"""The window's work on a case: the 初次接待 record, the 查控 checklist, documents and their service."""

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, json_field, now


class IntakeRecord(TableModel, table=True):
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
    saved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    saved_at: NaiveDatetime = Field(default_factory=now)


class QueryItem(TableModel, table=True):
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


class Document(TableModel, table=True):
    """A formatted document (文书): made, then served."""

    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(max_length=30)
    made_on: date | None = None
    served_on: date | None = None
    status: str = Field(default="pending", max_length=12)  # pending | made | served


class ServiceAttempt(TableModel, table=True):
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
    by_id: int | None = Field(default=None, foreign_key="staff.id")
