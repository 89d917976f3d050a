"""The 卷宗 register (案卷统一流转登记簿, seed 001 二(一)(二)): one row per movement of a case's file.

``kind`` is a code of :data:`domain.files.MOVEMENT_KINDS` (外出返回、材料移送、不予签收、扫描编目、借出、
归还、移交、影像卷宗). A 借出 row carries the borrower in ``to_party``, the reason and, once recorded,
the day the reason ended; the 归还 row that closes it points back at it (``borrow_id``).
"""

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, now


class FileMovement(TableModel, table=True):
    __tablename__ = "file_movement"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(index=True, max_length=12)
    moved_on: date = Field(index=True)
    from_party: str = Field(default="", max_length=60)
    to_party: str = Field(default="", max_length=60)
    #: the receiving person's staff id when on the roster (the borrower of a 借出), else None
    to_party_id: int | None = Field(default=None, foreign_key="staff.id")
    what: str = Field(default="", max_length=200)  # 材料/卷宗: 正卷一册、查控反馈 12 页 …
    reason: str = Field(default="", max_length=200)  # 借卷事由; 不予签收的修改意见
    reason_ended_on: date | None = None  # 借出: 借卷事由消失之日
    borrow_id: int | None = Field(default=None, foreign_key="file_movement.id", index=True)  # 归还 → 借出
    by: str = Field(max_length=40)  # who recorded it
    by_id: int | None = Field(default=None, foreign_key="staff.id")
    recorded_at: NaiveDatetime = Field(default_factory=now)
