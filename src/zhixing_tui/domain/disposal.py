"""财产处置: which controlled property enters disposal (pure).

汝阳 000 §二(二)10: 控制财产之日起10日内进入财产处置阶段 — property that was sealed or frozen to be
sold (房产、土地、车辆、股权、证券、保险 …). Money (存款、网络资金、公积金) is deducted (扣划), not
disposed of; that is the same line :func:`domain.checklist.item_events` draws for
``property_controlled``.
"""

from __future__ import annotations

from .checklist import MONEY_TYPES

__all__ = ["disposable"]

#: money-like assets: deducted, never auctioned
_NOT_DISPOSED = (*MONEY_TYPES, "housing_fund")


def disposable(asset_type: str, status: str) -> bool:
    """Whether a checklist item in ``status`` is controlled property that can enter disposal."""
    return status in ("sealed", "frozen") and asset_type not in _NOT_DISPOSED
