"""Reading the 卷宗 register: a case's movements (``zhixing file list``) and the borrowing list — who
holds which file, since when, whether the reason ended and the return is late (``zhixing file
borrowed``, the 卷宗管理 screen). Both page in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, exists
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select

from ...domain import files as df
from ...domain.periods import add_working_days
from ...storage.models import Case, FileMovement
from ...storage.queries import Page, clamp_page, get_case
from ..deadlines.calendar import calendar_for
from ..desk import Desk

__all__ = ["BorrowedRow", "MovementRow", "borrowed_page", "register_page"]


@dataclass(frozen=True, slots=True)
class MovementRow:
    id: int
    case_id: int
    case_no: str
    kind: str
    kind_name: str
    moved_on: date
    from_party: str
    to_party: str
    what: str
    reason: str
    reason_ended_on: date | None
    borrow_id: int | None
    by: str

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in self.__slots__}
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class BorrowedRow:
    """A file out of the 卷宗管理中心: the 借出 row and its age on ``today``."""

    borrow_id: int
    case_id: int
    case_no: str
    borrower: str
    what: str
    reason: str
    borrowed_on: date
    reason_ended_on: date | None
    return_due: date | None
    days_out: int
    overdue_days: int

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in self.__slots__}
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in out.items()}


def register_page(
    desk: Desk, case_id: int | None = None, *, limit: int = 100, offset: int = 0
) -> Page[MovementRow]:
    """A case's movements in the order they happened; without a case, the whole register newest first."""
    limit, offset = clamp_page(limit, offset)
    where = [FileMovement.case_id == case_id] if case_id is not None else []
    with desk.session() as s:
        if case_id is not None:
            get_case(s, case_id)
        total = s.exec(select(func.count(col(FileMovement.id))).where(*where)).one()
        order = (
            (col(FileMovement.moved_on), col(FileMovement.id))
            if case_id is not None
            else (col(FileMovement.moved_on).desc(), col(FileMovement.id).desc())
        )
        rows = s.exec(
            select(FileMovement, Case.case_no)
            .join(Case, col(Case.id) == col(FileMovement.case_id))
            .where(*where)
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        ).all()
        items = tuple(
            MovementRow(
                id=int(m.id or 0),
                case_id=m.case_id,
                case_no=case_no,
                kind=m.kind,
                kind_name=df.kind_name(m.kind),
                moved_on=m.moved_on,
                from_party=m.from_party,
                to_party=m.to_party,
                what=m.what,
                reason=m.reason,
                reason_ended_on=m.reason_ended_on,
                borrow_id=m.borrow_id,
                by=m.by,
            )
            for m, case_no in rows
        )
    return Page(items=items, total=int(total), offset=offset, limit=limit)


def borrowed_page(
    desk: Desk,
    today: date | None = None,
    *,
    limit: int = 100,
    offset: int = 0,
    borrower: str | None = None,
) -> Page[BorrowedRow]:
    """The files lent and not returned, longest out first (optionally one borrower's)."""
    today = today or desk.today()
    limit, offset = clamp_page(limit, offset)
    back = aliased(FileMovement)
    where: list[Any] = [
        col(FileMovement.kind) == df.BORROW,
        col(FileMovement.moved_on) <= today,
        ~exists().where(and_(col(back.borrow_id) == col(FileMovement.id), col(back.moved_on) <= today)),
    ]
    if borrower:
        where.append(FileMovement.to_party == borrower.strip())
    cal = calendar_for(desk)
    with desk.session() as s:
        total = s.exec(select(func.count(col(FileMovement.id))).where(*where)).one()
        rows = s.exec(
            select(FileMovement, Case.case_no)
            .join(Case, col(Case.id) == col(FileMovement.case_id))
            .where(*where)
            .order_by(col(FileMovement.moved_on), col(FileMovement.id))
            .offset(offset)
            .limit(limit)
        ).all()
        items = []
        for m, case_no in rows:
            ended = (
                m.reason_ended_on if m.reason_ended_on is not None and m.reason_ended_on <= today else None
            )
            age = df.borrow_age(m.moved_on, today, add_working_days(ended, 1, cal) if ended else None)
            items.append(
                BorrowedRow(
                    borrow_id=int(m.id or 0),
                    case_id=m.case_id,
                    case_no=case_no,
                    borrower=m.to_party,
                    what=m.what,
                    reason=m.reason,
                    borrowed_on=m.moved_on,
                    reason_ended_on=ended,
                    return_due=age.return_due,
                    days_out=age.days_out,
                    overdue_days=age.overdue_days,
                )
            )
    return Page(items=tuple(items), total=int(total), offset=offset, limit=limit)
