"""Ask for the reason an approval (出差, 类案集中, 简转繁 …) is not granted (不予批准)."""

from __future__ import annotations

from ...i18n import approvals as T
from .return_reason import ReturnReasonModal


class RejectReasonModal(ReturnReasonModal):
    """The 退回整改 dialog with the wording of a rejection; dismisses with the reason (never
    empty), or None on Escape. The reason is typed into ``#return-reason``."""

    TEXTS = {
        "title": T.REJECT_TITLE,
        "prompt": T.REJECT_PROMPT,
        "placeholder": T.REJECT_PLACEHOLDER,
        "empty": T.REJECT_EMPTY,
    }
