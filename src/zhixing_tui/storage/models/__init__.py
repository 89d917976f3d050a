"""All SQLModel tables. Import from here so the metadata is complete for alembic."""

from sqlmodel import SQLModel

from .audit import AuditEntry
from .board import Approval, Handoff
from .case import Case, Party, RelatedCaseLink, StageEntry, Suspension
from .deadlines import CalendarDay, CalendarYear, DeadlineNode, Urge
from .delegation import Delegation
from .disposal import Disposal, DisposalRound
from .enforcement import Measure, Payment, PropertyControl
from .files import FileMovement
from .money import Payout
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
    "Delegation",
    "DeskSetting",
    "Disposal",
    "DisposalRound",
    "FileMovement",
    "Document",
    "Handoff",
    "IntakeRecord",
    "Measure",
    "OrgUnit",
    "Party",
    "Payment",
    "Payout",
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
