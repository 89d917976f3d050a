"""Cases and their suspensions (a case's parties and links: ``case_history``; its stays: ``stays``)."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from ._base import TableModel, now


class Case(TableModel, table=True):
    """An enforcement case (执行案件). Closing data lives on the case itself."""

    __tablename__ = "enforcement_case"
    # A stage's cases longest in it first: the board's columns, the triage queue; the open cases
    # counted by stage and by unit (今日概况) from the index alone.
    __table_args__ = (
        Index("ix_enforcement_case_stage_entered", "stage", "stage_entered_at", "status", "handler_id"),
        Index("ix_enforcement_case_status_stage_unit", "status", "stage", "unit_id"),
        Index("ix_enforcement_case_basis", "basis"),  # 类案集中: the cases on the same 执行依据
        # the filing days of the cases closed in a span (monthly statistics' due days), index alone
        Index("ix_enforcement_case_closed_filed", "closed_on", "filed_on"),
        # the search's page newest filed first, each case's text tested from the index (0016)
        Index("ix_enforcement_case_filed_search", "filed_on", "id", "search_text"),
        # the cases of a month's or a year's statistics by filing day with every column they are
        # counted by, from the index alone: no row of the (wide) table read (0019)
        Index(
            "ix_enforcement_case_filed_month",
            "filed_on",
            "closed_on",
            "type_code",
            "triage_class",
            "closing_method",
            "unit_id",
            "claim_fen",
            "recovered_fen",
            "id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_no: str = Field(index=True, unique=True, max_length=60)  # normalised, full-width parentheses
    year: int = Field(index=True)
    court_code: str = Field(max_length=10)
    type_code: str = Field(max_length=4)
    number: int
    filed_on: date = Field(index=True)  # 立案日期
    received_on: date | None = None  # 收案 by the center
    basis: str = Field(default="", max_length=200)  # 执行依据
    cause: str = Field(default="", max_length=100)  # 案由
    claim_fen: int = 0  # 申请执行标的额, 分
    # Where the case is now.
    status: str = Field(default="open", index=True, max_length=10)  # open | closed | suspended
    stage: str = Field(default="intake", index=True, max_length=40)  # profile stage code
    unit_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    handler_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    stage_entered_at: NaiveDatetime = Field(default_factory=now)
    triage_class: str | None = Field(default=None, max_length=10)  # simple | ordinary | special
    special_campaign: bool = False
    criminal_property: bool = False  # 刑事涉财产刑
    non_litigation: bool = False  # 非诉执行: 3-month execution period
    # Closing (结案).
    closed_on: date | None = Field(default=None, index=True)
    closing_method: str | None = Field(default=None, max_length=20)  # see domain.closing
    closing_fen: int | None = None  # 结案标的额
    abandoned_fen: int | None = None  # 申请人放弃标的额
    recovered_fen: int = 0  # 执行到位金额
    closing_reason: str = Field(default="", max_length=200)
    # Search.
    search_text: str = Field(default="", index=True, max_length=600)  # case_no + party names + pinyin
    created_at: NaiveDatetime = Field(default_factory=now)
    updated_at: NaiveDatetime = Field(default_factory=now)


class Suspension(TableModel, table=True):
    """Time excluded from the execution period: 中止 / 暂缓 typed by a clerk, or 公告, 鉴定/评估,
    拍卖/变卖 opened and closed by the events of the operations that run them (``source_event``)."""

    __tablename__ = "suspension"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    kind: str = Field(max_length=10)  # 中止 | 暂缓 | 公告 | 评估 | 拍卖 …
    start_on: date
    end_on: date | None = None
    reason: str = Field(default="", max_length=200)
    source_event: str = Field(default="", max_length=40)  # the event that opened it, if any
