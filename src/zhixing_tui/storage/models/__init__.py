"""All SQLModel tables. Import from here; ``metadata`` (alembic, ``load_all``) is complete.

The tables every screen and the app's start use (the roster and settings, cases, 案件移交 and
approvals, deadline nodes and the calendar, the audit trail) are defined on import. The others
(委托, 处置, 措施 and 案款, 卷宗, 繁简分流, 立案窗口) are defined when a name of theirs is first
imported from here, or by :func:`load_all`: building some 30 SQLModel classes was a
noticeable part of the app's cold start (issue 17). Each module defines its tables only
(no relationships between classes), so a table defined later changes nothing for the others.
Whatever walks the whole schema (``metadata``, ``SQLModel.metadata.sorted_tables``) calls
:func:`load_all` first; ``metadata`` does it itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlmodel import SQLModel

from .audit import AuditEntry
from .board import Approval, Handoff
from .case import Case, Party, RelatedCaseLink, StageEntry, Suspension
from .deadlines import CalendarDay, CalendarYear, DeadlineNode, Urge
from .org import DeskSetting, OrgUnit, Staff

if TYPE_CHECKING:
    from .delegation import Delegation
    from .disposal import Disposal, DisposalRound
    from .enforcement import Measure, Payment, PropertyControl
    from .files import FileMovement
    from .money import Payout
    from .triage import AssignmentDraw, CaseFacts, TriageDecision
    from .window import Document, IntakeRecord, QueryItem, ServiceAttempt

    metadata = SQLModel.metadata

#: the names defined on first use, and their module
_LATER: dict[str, str] = {
    "Delegation": "delegation",
    "Disposal": "disposal",
    "DisposalRound": "disposal",
    "Measure": "enforcement",
    "Payment": "enforcement",
    "PropertyControl": "enforcement",
    "FileMovement": "files",
    "Payout": "money",
    "AssignmentDraw": "triage",
    "CaseFacts": "triage",
    "TriageDecision": "triage",
    "Document": "window",
    "IntakeRecord": "window",
    "QueryItem": "window",
    "ServiceAttempt": "window",
}


def load_all() -> None:
    """Define every table (the complete ``SQLModel.metadata``)."""
    for module in sorted(set(_LATER.values())):
        importlib.import_module(f"{__name__}.{module}")


def __getattr__(name: str) -> Any:
    if name == "metadata":
        load_all()
        return SQLModel.metadata
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
    "load_all",
    "metadata",
]
