"""Ask for the reason an approval (出差, 类案集中, 简转繁 …) is not granted (不予批准)."""

from __future__ import annotations

from ...i18n import approvals as approvals_text
from .return_reason import ReturnReasonModal


class RejectReasonModal(ReturnReasonModal):
    """The 退回整改 dialog with the wording of a rejection; dismisses with the reason (never
    empty), or None on Escape. The reason is typed into ``#return-reason``."""

    TEXTS = {
        "title": approvals_text.REJECT_TITLE,
        "prompt": approvals_text.REJECT_PROMPT,
        "placeholder": approvals_text.REJECT_PLACEHOLDER,
        "empty": approvals_text.REJECT_EMPTY,
    }
