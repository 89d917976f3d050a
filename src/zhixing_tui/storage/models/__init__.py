"""All SQLModel tables. Import from here so the metadata is complete for alembic."""

from sqlmodel import SQLModel

from .case import Case, Party, RelatedCaseLink, StageEntry, Suspension
from .org import DeskSetting, OrgUnit, Staff
from .work import (
    Approval,
    AssignmentDraw,
    AuditEntry,
    CalendarDay,
    CalendarYear,
    CaseFacts,
    DeadlineNode,
    Document,
    Handoff,
    IntakeRecord,
    Measure,
    Payment,
    PropertyControl,
    QueryItem,
    ServiceAttempt,
    TriageDecision,
    Urge,
)

metadata = SQLModel.metadata

__all__ = [
    "Approval",
    "AssignmentDraw",
    "AuditEntry",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseFacts",
    "DeadlineNode",
    "DeskSetting",
    "Document",
    "Handoff",
    "IntakeRecord",
    "Measure",
    "OrgUnit",
    "Party",
    "Payment",
    "PropertyControl",
    "QueryItem",
    "RelatedCaseLink",
    "ServiceAttempt",
    "Staff",
    "StageEntry",
    "Suspension",
    "TriageDecision",
    "Urge",
    "metadata",
]
