"""Enforcement on a case: measures (执行措施) and property controls (查封/冻结/扣押); its money
(案款) is in ``money``."""

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, now


class Measure(TableModel, table=True):
    """A measure (执行措施) on a case: 限制消费, 失信, 罚款, 拘留, 边控, 约谈, 搜查, 悬赏 …

    ``kind`` is a code of :data:`domain.measures.MEASURE_KINDS`; ``state`` says whether it is in
    force (``active``), was lifted (``lifted``: 解除限消, 解除边控 …), shielded or revoked (失信
    屏蔽/撤销), or is a one-off act that is simply done (``done``: 约谈, 搜查). ``approval_id``
    points at the approval the seed asks for (监利: not detaining an eligible respondent).
    """

    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(index=True, max_length=20)
    party_id: int | None = Field(default=None, foreign_key="party.id")  # the person it is taken on
    decided_on: date
    entered_on: date | None = None  # 失信: entered into the national list
    amount_fen: int | None = None  # 罚款, 悬赏
    days: int | None = None  # 拘留
    doc_no: str = Field(default="", max_length=60)  # 决定书/文书字号
    state: str = Field(default="active", index=True, max_length=12)
    lifted_on: date | None = None
    lift_reason: str = Field(default="", max_length=200)
    lift_doc_no: str = Field(default="", max_length=60)
    lifted_by: str = Field(default="", max_length=40)
    lifted_by_id: int | None = Field(default=None, foreign_key="staff.id")
    approval_id: int | None = Field(default=None, foreign_key="approval.id")
    note: str = Field(default="", max_length=300)
    by: str = Field(default="", max_length=40)  # the handler who took it
    by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: NaiveDatetime = Field(default_factory=now)


class PropertyControl(TableModel, table=True):
    """A seal or freeze (查封/冻结/扣押) with its term; renewals chain through ``renewed_from_id``."""

    __tablename__ = "property_control"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    asset_kind: str = Field(max_length=20)  # deposit | movable | real_estate | other_right
    action: str = Field(max_length=10)  # 冻结 | 查封 | 扣押
    description: str = Field(default="", max_length=200)
    amount_fen: int | None = None
    controlled_on: date
    expires_on: date = Field(index=True)  # the legal end of the term, never moved to a working day
    renewed_from_id: int | None = Field(default=None, foreign_key="property_control.id")
    released_on: date | None = None
    # The register (查封冻结登记, revision 0006): the object, the document, the state of the term.
    query_item_id: int | None = None  # the checklist item whose seal/freeze made the row
    bank: str = Field(default="", max_length=60)  # 冻结: the bank (or the institution holding it)
    account_no: str = Field(default="", max_length=60)
    plate_no: str = Field(default="", max_length=20)  # 车辆: 车牌号
    certificate_no: str = Field(default="", max_length=60)  # 不动产权证号 / 登记证号
    doc_no: str = Field(default="", max_length=60)  # 裁定书/协助执行通知书字号
    term: str = Field(default="", max_length=10)  # 1年 | 2年 | 3年
    remind_on: date | None = None  # the renewal is due on this working day before expires_on
    state: str = Field(default="active", max_length=12)  # active | renewed | released
    release_reason: str = Field(default="", max_length=200)
    by: str = Field(default="", max_length=40)
    by_id: int | None = Field(default=None, foreign_key="staff.id")
    note: str = Field(default="", max_length=200)
