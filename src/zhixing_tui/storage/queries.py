"""Queries every capability shares: one case by id (an open one), and one page of a result.

Paging is done in SQL (``LIMIT``/``OFFSET`` with a count): no screen or report loads a whole
table; :data:`MAX_PAGE` bounds what one page may hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlmodel import Session

from ..errors import Conflict, NotFound
from .models import Case

T = TypeVar("T")

MAX_PAGE = 500  # no screen holds more rows than this at once


def get_case(session: Session, case_id: int) -> Case:
    """The case with this id, or :class:`NotFound` naming it."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"案件（编号 {case_id}）不存在")
    return case


def get_open_case(session: Session, case_id: int) -> Case:
    """The case with this id (see :func:`get_case`), or :class:`Conflict` when it is closed."""
    case = get_case(session, case_id)
    if case.status == "closed":
        raise Conflict(f"案件 {case.case_no} 已结案")
    return case


def clamp_page(limit: int, offset: int) -> tuple[int, int]:
    """``limit`` within 1…MAX_PAGE and ``offset`` ≥ 0."""
    return max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a result: the rows, the total matching, and where the page starts."""

    items: tuple[T, ...]
    total: int
    offset: int
    limit: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def has_prev(self) -> bool:
        return self.offset > 0

    @property
    def page_no(self) -> int:
        """1-based number of this page."""
        return self.offset // self.limit + 1 if self.limit else 1

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1
