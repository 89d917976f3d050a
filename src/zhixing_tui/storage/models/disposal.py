"""财产处置: one record per controlled asset (a sealed/frozen item of the 查控 checklist) from
腾房 and 进入处置 through 评估, 拍卖 rounds and 成交 to 过户/交付 (services.disposal)."""

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, now


class Disposal(TableModel, table=True):
    """The disposal of one controlled asset; each date is the day a step was done.

    ``started_on`` is empty while only 腾房 was recorded (汝阳: the notice comes within 10日 of
    查封, before the property enters disposal). ``ended_on`` is the day the 拍卖/变卖 procedure
    ended without a sale (``auction_failed``)."""

    __tablename__ = "disposal"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    query_item_id: int = Field(foreign_key="query_item.id", unique=True, index=True)
    label: str = Field(default="", max_length=120)
    started_on: date | None = None
    valuation_method: str = Field(default="", max_length=20)  # domain.disposal.VALUATION_METHODS
    valuation_started_on: date | None = None
    ownership: str = Field(default="", max_length=200)  # 权属状况 (评估工作交接表)
    occupancy: str = Field(default="", max_length=200)  # 占有使用情况
    reference_price_fen: int | None = None
    reference_price_on: date | None = None
    handed_over_on: date | None = None
    auction_ruling_on: date | None = None
    deal_price_fen: int | None = None
    deal_on: date | None = None
    paid_on: date | None = None
    deal_ruling_on: date | None = None
    transferred_on: date | None = None
    ended_on: date | None = None
    vacate_needed_on: date | None = None
    vacate_notice_on: date | None = None
    vacate_until: date | None = None
    vacate_expired_on: date | None = None
    vacated_on: date | None = None
    note: str = Field(default="", max_length=200)
    created_at: NaiveDatetime = Field(default_factory=now)


class DisposalRound(TableModel, table=True):
    """One round of sale of a disposal: 一拍 (``first``), 二拍 (``second``), 变卖 (``sale``) — its
    公告 published and served, and how it ended (``failed`` 流拍, ``sold`` 成交)."""

    __tablename__ = "disposal_round"

    id: int | None = Field(default=None, primary_key=True)
    disposal_id: int = Field(foreign_key="disposal.id", index=True)
    kind: str = Field(max_length=10)
    published_on: date
    served_on: date | None = None
    result: str = Field(default="", max_length=10)
    result_on: date | None = None
