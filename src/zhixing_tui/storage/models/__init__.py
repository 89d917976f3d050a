"""All SQLModel tables. Import from here (``from zhixing_tui.storage.models import Case``).

The tables the app's first screen reads (cases and their suspensions, deadline nodes and the
calendar, handoffs and approvals, units, staff and settings) are defined when this package is
imported; the others — the audit trail, a case's parties, stays and links (``case_history``), its
window work (``window``), triage, measures and 案款 (``enforcement``, ``money``), disposal, 委托,
卷宗 — when first named (PEP 562 ``__getattr__``): defining those 19 tables (SQLModel builds a
pydantic model and a SQLAlchemy table and mapper for each) was some 60 ms of the app's cold start
to 今日概况, which reads none of them (issue 17). The screen or command that first uses one pays
for it once (a few tens of ms).

``metadata`` (alembic, ``create_all``) and :func:`load_all` define every table first, so the
metadata is always complete where it is read as a whole.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlmodel import SQLModel

from .board import Approval, Handoff
from .case import Case, Suspension
from .deadlines import CalendarDay, CalendarYear, DeadlineNode, Urge
from .org import DeskSetting, OrgUnit, Staff

if TYPE_CHECKING:  # the lazy tables, for type checkers (defined on first use, below)
    from .audit import AuditEntry
    from .case_history import Party, RelatedCaseLink, StageEntry
    from .delegation import Delegation
    from .disposal import Disposal, DisposalRound
    from .enforcement import Measure, Payment, PropertyControl
    from .files import FileMovement
    from .money import Payout
    from .triage import AssignmentDraw, CaseFacts, TriageDecision
    from .window import Document, IntakeRecord, QueryItem, ServiceAttempt

    metadata = SQLModel.metadata

#: table class → the module (of this package) that defines it on first use
LAZY: dict[str, str] = {
    "AuditEntry": "audit",
    "Party": "case_history",
    "RelatedCaseLink": "case_history",
    "StageEntry": "case_history",
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
    """Define every table (import every module of the package): the metadata is then complete."""
    for module in sorted(set(LAZY.values())):
        importlib.import_module(f"{__name__}.{module}")


def __getattr__(name: str) -> Any:
    if name == "metadata":
        load_all()
        return SQLModel.metadata
    module = LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly from now on
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
