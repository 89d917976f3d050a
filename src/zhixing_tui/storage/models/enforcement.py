"""Enforcement on a case: measures (执行措施), property controls (查封/冻结/扣押) and money (案款)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel

from ._base import CASE_FK


class Measure(SQLModel, table=True):
    """A measure on the respondent: 限消, 失信, 罚款, 拘留, 拘传, 限制出境, 搜查, 悬赏, 终本约谈 …"""

    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    kind: str = Field(index=True, max_length=20)
    decided_on: date
    entered_on: date | None = None
    amount_fen: int | None = None  # 罚款
    days: int | None = None  # 拘留
    note: str = Field(default="", max_length=300)
    by: str = Field(default="", max_length=40)


class PropertyControl(SQLModel, table=True):
    """A seal or freeze (查封/冻结/扣押) with its term; renewals chain through ``renewed_from_id``."""

    __tablename__ = "property_control"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    asset_kind: str = Field(max_length=20)  # deposit | movable | real_estate | other_right
    action: str = Field(max_length=10)  # 冻结 | 查封 | 扣押
    description: str = Field(default="", max_length=200)
    amount_fen: int | None = None
    controlled_on: date
    expires_on: date = Field(index=True)
    renewed_from_id: int | None = Field(default=None, foreign_key="property_control.id")
    released_on: date | None = None


class Payment(SQLModel, table=True):
    """案款: money that arrived for a case, and when it was claimed and paid out."""

    __tablename__ = "payment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key=CASE_FK, index=True)
    arrived_on: date = Field(index=True)
    amount_fen: int
    payer: str = Field(default="", max_length=120)
    claimed_on: date | None = None
    paid_out_on: date | None = None
    note: str = Field(default="", max_length=200)
