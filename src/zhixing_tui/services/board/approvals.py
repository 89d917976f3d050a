"""Deciding a pending approval of any kind through the service that owns the kind.

类案集中 (``related_cases``) → :func:`.triage_followup.decide_related` (the case goes to the
proposed team); 简转繁 (``simple_to_complex``) → :func:`.triage_followup.decide_simple_to_complex`
(the case becomes 普通); every other kind (出差 ``travel``, ``extension`` …) →
:func:`.travel.decide_approval`. Each of them checks the operator's level itself, in its own
transaction, and writes the audit entry; this module only picks the right one, after refusing
a decision on one's own request (whatever the kind: ``board_rights.refuse_own``).
"""

from __future__ import annotations

from ...errors import NotFound
from ...storage.models import Approval
from ..desk import Desk
from ..triage.followup import decide_related, decide_simple_to_complex
from .rights import refuse_own
from .travel import decide_approval

__all__ = ["decide_any"]


def decide_any(desk: Desk, approval_id: int, *, approve: bool, note: str = "") -> str:
    """Approve or reject approval ``approval_id``; returns its kind.

    Raises what the owning service raises: ``PermissionDenied`` (the operator's level is too
    low, or the operator asked for it), ``Conflict`` (already decided), ``NotFound``.
    """
    with desk.session() as s:
        row = s.get(Approval, approval_id)
        if row is None:
            raise NotFound(f"审批事项（编号 {approval_id}）不存在")
        kind = row.kind
        refuse_own(row.requested_by, desk.operator, "申请")
    if kind == "related_cases":
        decide_related(desk, approval_id, approve=approve, note=note)
    elif kind == "simple_to_complex":
        decide_simple_to_complex(desk, approval_id, approve=approve, note=note)
    else:
        decide_approval(desk, approval_id, approve_it=approve, note=note)
    return kind
