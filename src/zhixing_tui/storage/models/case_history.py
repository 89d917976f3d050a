"""A case's parties and its links to other cases — defined on first use (``storage.models.LAZY``):
今日概况 reads none of them. Its stays (stage and assignment history) are in ``stays``."""

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from ._base import TableModel


class Party(TableModel, table=True):
    """A party to a case: applicant (申请执行人) or respondent (被执行人)."""

    __tablename__ = "party"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    role: str = Field(max_length=12)  # applicant | respondent
    kind: str = Field(max_length=12)  # person | company | organ | other_org
    name: str = Field(index=True, max_length=120)
    search_key: str = Field(default="", index=True, max_length=400)
    id_number: str | None = Field(default=None, index=True, max_length=18)
    phone: str = Field(default="", max_length=30)
    address: str = Field(default="", max_length=200)
    sort_order: int = 0


class RelatedCaseLink(TableModel, table=True):
    """A link between two cases: found by 类案集中 (same respondent, subject, or cross-party), or a
    执恢 case resuming the case it was closed as (``reason`` says which)."""

    __tablename__ = "related_case_link"
    __table_args__ = (UniqueConstraint("case_id", "other_case_id", name="uq_related_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    other_case_id: int = Field(foreign_key="enforcement_case.id", index=True)
    reason: str = Field(max_length=40)
