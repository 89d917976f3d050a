"""What the 评估工作交接表 shows (浉河 003 三(六)2: "对涉案财产处置变现需要委托评估的，执行实施团队在
移送评估前应当预先对涉案财产的权属状况、占有使用情况等进行调查，并制作填写《评估工作交接表》，移交
财产处置组"): the case, the asset's disposal record with the survey typed when valuation started
(权属状况, 占有使用情况) and how the reference price is set. The hand-over and receipt are signed on
paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.disposal import VALUATION_METHODS
from ..cases.heading import CaseHeading, case_by_no, case_heading
from ..desk import Desk
from .records import pick_disposal

__all__ = ["ValuationHandover", "valuation_handover"]


@dataclass(frozen=True)
class ValuationHandover:
    court: str
    case: CaseHeading
    item_id: int
    asset: str  # the disposal's label (财产)
    controlled_on: date | None
    started_on: date | None  # 进入处置
    ownership: str  # 权属状况 ("" when not surveyed)
    occupancy: str  # 占有使用情况
    method: str  # 参考价确定方式: 当事人议价 / 定向询价 / 网络询价 / 委托评估 ("" before it started)
    valuation_started_on: date | None
    note: str


def valuation_handover(desk: Desk, case_no: str, item_id: int | None = None) -> ValuationHandover:
    """The form of the case's asset in disposal (``item_id``: its 查控 item, when several are)."""
    with desk.session() as s:
        case = case_by_no(s, case_no)
        d, item = pick_disposal(s, case, item_id, "price")
        return ValuationHandover(
            court=desk.profile.court.name,
            case=case_heading(s, case),
            item_id=int(item.id or 0),
            asset=d.label,
            controlled_on=item.controlled_on,
            started_on=d.started_on,
            ownership=d.ownership or "",
            occupancy=d.occupancy or "",
            method=VALUATION_METHODS.get(d.valuation_method or "", ""),
            valuation_started_on=d.valuation_started_on,
            note=d.note or "",
        )
