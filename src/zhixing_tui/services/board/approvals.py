"""Deciding a pending approval of any kind through the service that owns the kind.

类案集中 (``related_cases``) → :func:`.triage_followup.decide_related` (the case goes to the
proposed team); 简转繁 (``simple_to_complex``) → :func:`.triage_followup.decide_simple_to_complex`
(the case becomes 普通); 不予拘留 (``no_detention``, 监利) → :func:`.measures.detention.decide_no_detention`;
延长执行期限 (``extension``) → :func:`.deadlines.extensions.decide_extension` (the execution period's
last day moves); 案款逾期发放 (``late_payout``) → :func:`.money.late.decide_late_payout`; every other kind (出差 ``travel`` …) →
:func:`.travel.decide_approval`. Each of them checks the operator's level itself, in its own
transaction, and writes the audit entry; this module only picks the right one, after refusing
a decision on one's own request (whatever the kind: ``board_rights.refuse_own``).
"""

from __future__ import annotations

from ...errors import NotFound
from ...storage.models import Approval
from ..deadlines.extensions import KIND as EXTENSION
from ..deadlines.extensions import decide_extension
from ..desk import Desk
from ..measures.detention import NO_DETENTION, decide_no_detention
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
        kind, case_id = row.kind, row.case_id
        refuse_own(s, desk, row.requested_by_id, row.requested_by, "申请")
    if kind == "related_cases":
        decide_related(desk, approval_id, approve=approve, note=note)
    elif kind == "simple_to_complex":
        decide_simple_to_complex(desk, approval_id, approve=approve, note=note)
    elif kind == "resumption":  # 恢复执行: one step of the court's chain (services/zhongben/resumption)
        from ..zhongben.resumption import decide_resumption

        decide_resumption(desk, case_id, approve=approve, note=note)
    elif kind == EXTENSION:
        decide_extension(desk, approval_id, approve=approve, note=note)
    elif kind == NO_DETENTION:
        decide_no_detention(desk, approval_id, approve=approve, note=note)
    elif kind == "late_payout":  # 案款逾期发放 (浉河 003 四(二)2(6)): services/money/late
        from ..money.late import decide_late_payout

        decide_late_payout(desk, approval_id, approve=approve, note=note)
    else:
        decide_approval(desk, approval_id, approve_it=approve, note=note)
    return kind
