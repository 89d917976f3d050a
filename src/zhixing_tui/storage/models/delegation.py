"""委托: requests sent to other courts (事项委托) and requests received from them (受托)."""

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, now


class Delegation(TableModel, table=True):
    """One 委托, either way.

    ``direction`` ``out`` (本院委托外院): ``opened_on`` is the day the out-of-area property was found
    and the 委托 became needed, then ``handed_on`` (移交委托专员), ``sent_on`` (发出), ``replied_on``
    (受托法院反馈), ``done_on`` (办结: the materials returned to the team). ``in`` (外院委托本院):
    ``opened_on`` is the day it arrived, then ``received_on`` (接收), ``done_on`` (办结并网上回复,
    ``replied_on`` the same day). ``case_id``: the case of ours it belongs to (always for ``out``;
    for ``in`` only when it concerns a case registered here). ``state``: open steps
    needed | handed | sent | replied (out), arrived | received (in); ``done`` when finished.
    """

    __tablename__ = "delegation"

    id: int | None = Field(default=None, primary_key=True)
    direction: str = Field(max_length=4, index=True)  # out | in
    case_id: int | None = Field(default=None, foreign_key=CASE_FK, index=True)
    query_item_id: int | None = Field(default=None, foreign_key="query_item.id")
    court: str = Field(default="", max_length=60)  # 受托法院 (out) / 委托法院 (in)
    matter: str = Field(default="", max_length=100)  # 事项：查封不动产、冻结存款、送达 …
    their_case_no: str = Field(default="", max_length=60)  # 委托法院的案号 / 委托编号 (in)
    opened_on: date = Field(index=True)
    handed_on: date | None = None
    sent_on: date | None = None
    received_on: date | None = None
    replied_on: date | None = None
    done_on: date | None = None
    state: str = Field(default="needed", max_length=12, index=True)
    reply: str = Field(default="", max_length=200)  # 反馈/回复 in short
    note: str = Field(default="", max_length=200)
    by: str = Field(default="", max_length=40)
    by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now)
