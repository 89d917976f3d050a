"""All SQLModel tables. Import from here so the metadata is complete for alembic."""

from sqlmodel import SQLModel

from .audit import AuditEntry
from .board import Approval, Handoff
from .case import Case, Party, RelatedCaseLink, StageEntry, Suspension
from .deadlines import CalendarDay, CalendarYear, DeadlineNode, Urge
from .enforcement import Measure, Payment, PropertyControl
from .org import DeskSetting, OrgUnit, Staff
from .triage import AssignmentDraw, CaseFacts, TriageDecision
from .window import Document, IntakeRecord, QueryItem, ServiceAttempt

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
