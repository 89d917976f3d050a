"""All SQLModel tables. Import from here (``from zhixing_tui.storage.models import Case``).

The tables the app's first screen reads (cases and their suspensions, deadline nodes and the
calendar, handoffs and approvals, units, staff and settings) are defined when this package is
imported; the others — the audit trail, a case's parties and links (``case_history``), its stays
(``stays``), its window work (``window``), triage decisions (``triage``) and what they are decided
from (``triage_inputs``), measures (``enforcement``), 案款 (``money``), disposal, 委托, 卷宗 — when
first named (PEP 562 ``__getattr__``): defining those 19 tables (SQLModel builds a pydantic model
and a SQLAlchemy table and mapper for each) was some 60 ms of the app's cold start to 今日概况,
which reads none of them (issue 17). The screen or command that first uses one pays for it once
(a few ms a table); a module holds the tables used together, so that the monthly statistics
(stays, triage decisions, 案款) define no table they do not read.

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
    from .case_history import Party, RelatedCaseLink
    from .delegation import Delegation
    from .disposal import Disposal, DisposalRound
    from .enforcement import Measure, PropertyControl
    from .files import FileMovement
    from .money import Payment, Payout
    from .stays import StageEntry
    from .triage import TriageDecision
    from .triage_inputs import AssignmentDraw, CaseFacts
    from .window import Document, IntakeRecord, QueryItem, ServiceAttempt

    metadata = SQLModel.metadata

#: table class → the module (of this package) that defines it on first use
LAZY: dict[str, str] = {
    "AuditEntry": "audit",
    "Party": "case_history",
    "RelatedCaseLink": "case_history",
    "StageEntry": "stays",
    "Delegation": "delegation",
    "Disposal": "disposal",
    "DisposalRound": "disposal",
    "Measure": "enforcement",
    "Payment": "money",
    "PropertyControl": "enforcement",
    "FileMovement": "files",
    "Payout": "money",
    "AssignmentDraw": "triage_inputs",
    "CaseFacts": "triage_inputs",
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
