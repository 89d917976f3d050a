"""Which printed form goes with a pending approval or a submitted closing, for the keys that print
"the form of this row" (the approvals screen): 出差 → 出差审批表, 类案集中 → 类案集中审批表, 案款逾期发放
→ 案款逾期发放说明及审批表, a closing submitted for review → 结案审查表 — each only where the court's
profile lists the form (``printed_forms``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...domain.forms import form_title
from ..desk import Desk

__all__ = ["APPROVAL_FORMS", "approval_form", "closing_form", "write_approval_form", "write_closing_form"]

#: approval kind → form id
APPROVAL_FORMS = {"travel": "travel", "related_cases": "related_cases", "late_payout": "late_payout"}
CLOSING = "closing_review"


def approval_form(profile: Any, kind: str) -> str | None:
    """The form printed for a pending approval of ``kind`` at this court, or None."""
    form = APPROVAL_FORMS.get(kind)
    return form if form is not None and profile.prints(form) else None


def closing_form(profile: Any, handoff_kind: str) -> str | None:
    """The form printed for a submitted handoff (a closing: 结案审查表) at this court, or None."""
    return CLOSING if handoff_kind == "close" and profile.prints(CLOSING) else None


def write_approval_form(desk: Desk, kind: str, approval_id: int, case_no: str) -> tuple[str, Path]:
    """Write the form of approval ``approval_id``; returns (its title, the path)."""
    form = APPROVAL_FORMS.get(kind)
    if form == "travel":
        from .travel_form import write_travel_form

        return form_title(form), write_travel_form(desk, approval_id)
    if form == "related_cases":
        from .related_cases_form import write_related_cases

        return form_title(form), write_related_cases(desk, case_no, approval_id=approval_id)
    if form == "late_payout":
        from .late_payout import write_late_payout

        return form_title(form), write_late_payout(desk, approval_id)
    from ...errors import Conflict

    raise Conflict(f"此类审批事项（{kind}）没有打印的审批表")


def write_closing_form(desk: Desk, handoff_id: int, case_no: str) -> tuple[str, Path]:
    """Write the 结案审查表 of the closing submitted as handoff ``handoff_id``."""
    from .closing_review import write_closing_review

    return form_title(CLOSING), write_closing_review(desk, case_no, handoff_id=handoff_id)
