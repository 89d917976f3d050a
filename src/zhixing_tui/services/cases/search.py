"""Case search and staff search: the query terms (NFKC, pinyin initials, 案号 fragments), the
portable LIKE conditions, the profile's stage names, and the first party names of a page of cases.

Everything here reads (``desk.session()``), pages in SQL and returns plain frozen dataclasses,
so a screen's worker thread can hand the result to the UI thread without lazy loading. The SQL
is portable (LIKE on lower-cased text, GROUP BY, IN); no SQLite-only functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import and_, func, or_
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from ...storage.models import Case, OrgUnit, Party, Staff
from ...storage.queries import Page, clamp_page
from ..desk import Desk
from .names import stage_names

__all__ = [
    "CaseRow",
    "SearchStopped",
    "StaffRow",
    "case_no_form",
    "count_cases",
    "find_staff",
    "first_parties",
    "is_pinyin",
    "query_terms",
    "search_cases",
    "search_page",
]


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    case_no: str
    applicant: str
    respondent: str
    claim_fen: int
    stage: str
    stage_name: str
    unit_name: str | None
    handler_name: str | None
    status: str
    filed_on: date


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    name: str
    role: str
    title: str
    unit_name: str | None


# --- query text ---------------------------------------------------------------------------------

_OPEN_BRACKETS = "(〔[【"
_CLOSE_BRACKETS = ")〕]】"
_LIKE_ESCAPE = "\\"


#: a search reads at most this many characters and terms: a 案号 and a few names fit; a pasted page
#: would make SQLite's LIKE refuse ("pattern too complex") and PostgreSQL scan for nothing
SEARCH_MAX_CHARS = 100
SEARCH_MAX_TERMS = 8


def query_terms(query: str) -> list[str]:
    """The search terms of ``query``: NFKC-folded (full-width digits and letters to ASCII),
    lower-cased, split on white space — from its first SEARCH_MAX_CHARS characters, at most
    SEARCH_MAX_TERMS terms (the rest is ignored, as a search box of that length would)."""
    text = unicodedata.normalize("NFKC", (query or "")[:SEARCH_MAX_CHARS])[:SEARCH_MAX_CHARS]
    return [t.lower() for t in text.split() if t][:SEARCH_MAX_TERMS]


def case_no_form(term: str) -> str:
    """A term as it appears inside a stored 案号: brackets around the year are full-width."""
    out = term
    for ch in _OPEN_BRACKETS:
        out = out.replace(ch, "（")
    for ch in _CLOSE_BRACKETS:
        out = out.replace(ch, "）")
    return out


def _like(term: str) -> str:
    escaped = re.sub(r"([\\%_])", r"\\\1", term)
    return f"%{escaped}%"


def is_pinyin(term: str) -> bool:
    return term.isascii() and term.isalpha()


def _word_prefix(column, term: str):
    """``column`` (space-separated words) has a word starting with ``term`` (letters only)."""
    return or_(col(column).like(f"{term}%"), col(column).like(f"% {term}%"))


def _term_condition(term: str):
    """A pinyin term (ASCII letters only) matches the start of a word of ``search_text``
    (``zs`` finds 张三, 张三丰 but not 合作社 ``hzs``); any other term (案号 fragment, Chinese
    name, digits) matches anywhere in ``search_text``, as typed or with its brackets as a 案号
    writes them.

    ``search_text`` starts with the lower-cased 案号 (``registry.build_search_text``, refreshed
    whenever the 案号 or a party changes), so it alone answers a 案号 fragment too: the count reads
    only ``ix_enforcement_case_search_text`` instead of every case row (issue 17, search)."""
    if is_pinyin(term):
        return _word_prefix(Case.search_text, term)
    cn = case_no_form(term)
    options = [col(Case.search_text).like(_like(term), escape=_LIKE_ESCAPE)]
    if cn != term:
        options.append(col(Case.search_text).like(_like(cn), escape=_LIKE_ESCAPE))
    return or_(*options)


# --- names from the profile ----------------------------------------------------------------------


# --- search --------------------------------------------------------------------------------------


class SearchStopped(Exception):
    """The search was given up (``stop()`` became true): a newer query replaced it."""


@contextmanager
def _stoppable(s: Session, stop: Callable[[], bool] | None) -> Iterator[None]:
    """On SQLite, ``stop()`` is asked every few thousand steps of a running statement, which
    ends with "interrupted" once it is true: the scan for a word typed half a second ago stops
    instead of competing with the one for the word typed now. PostgreSQL: asked between the
    statements only."""
    conn = s.connection().connection.dbapi_connection if stop is not None else None
    handler = getattr(conn, "set_progress_handler", None)
    if handler is None:
        yield
        return
    handler(lambda: 1 if stop() else 0, _STOP_CHECK_STEPS)
    try:
        yield
    except OperationalError as exc:
        if stop():
            raise SearchStopped from exc
        raise
    finally:
        handler(None, 0)


#: SQLite virtual-machine steps between two asks whether to stop (well under a millisecond)
_STOP_CHECK_STEPS = 5_000


def _where(query: str):
    conditions = [_term_condition(t) for t in query_terms(query)]
    return and_(*conditions) if conditions else None


def search_page(
    desk: Desk,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    stop: Callable[[], bool] | None = None,
) -> tuple[Page[CaseRow], bool]:
    """One page of :func:`search_cases` without counting every match: ``(page, counted)``.
    ``counted`` is true when the page itself tells the total (the last page, or nothing found);
    otherwise ``page.total`` is only what was seen so far (``offset + len(items)``) and
    :func:`count_cases` gives the total. The search screen shows the page at once and the total
    a moment later (issue 17: at 100,000 cases the count is the longest part of a search).

    The page walks ``ix_enforcement_case_filed_search`` (filed_on, id, search_text) newest first
    and stops at ``limit`` matches: each case's text is tested from the index, and only the
    page's cases are read from their rows (columns, not ORM entities)."""
    limit, offset = clamp_page(limit, offset)
    where = _where(query)
    names = stage_names(desk)
    newest_first = (col(Case.filed_on).desc(), col(Case.id).desc())
    # the page's ids alone, so that the walk reads the index only (SQLite would otherwise walk
    # ix_enforcement_case_filed_on, reading every case row it passes to test its text)
    ids = select(Case.id).order_by(*newest_first).offset(offset).limit(limit)
    if where is not None:
        ids = ids.where(where)
    stmt = (
        select(
            Case.id,
            Case.case_no,
            Case.claim_fen,
            Case.stage,
            Case.status,
            Case.filed_on,
            OrgUnit.name,
            Staff.name,
        )
        .join(OrgUnit, col(OrgUnit.id) == col(Case.unit_id), isouter=True)
        .join(Staff, col(Staff.id) == col(Case.handler_id), isouter=True)
        .where(col(Case.id).in_(ids.scalar_subquery()))
        .order_by(*newest_first)
    )
    with desk.session() as s, _stoppable(s, stop):
        rows = list(s.exec(stmt))
        parties = first_parties(s, [r[0] for r in rows])
    items = tuple(
        CaseRow(
            id=case_id,
            case_no=case_no,
            applicant=parties.get((case_id, "applicant"), ""),
            respondent=parties.get((case_id, "respondent"), ""),
            claim_fen=claim_fen,
            stage=stage,
            stage_name=names.get(stage, stage),
            unit_name=unit_name,
            handler_name=handler_name,
            status=status,
            filed_on=filed_on,
        )
        for case_id, case_no, claim_fen, stage, status, filed_on, unit_name, handler_name in rows
    )
    # the last page (or nothing at all): no second pass over the cases to count them
    counted = bool(rows and len(rows) < limit) or (not rows and offset == 0)
    return Page(items=items, total=offset + len(items), offset=offset, limit=limit), counted


def count_cases(desk: Desk, query: str, *, stop: Callable[[], bool] | None = None) -> int:
    """How many cases match every term of ``query`` (one pass over the ``search_text`` index).
    ``stop``: as for :func:`search_cases`."""
    where = _where(query)
    if stop is not None and stop():
        raise SearchStopped
    with desk.session() as s, _stoppable(s, stop):
        count_stmt = select(func.count()).select_from(Case)
        if where is not None:
            count_stmt = count_stmt.where(where)
        return int(s.exec(count_stmt).one())


def search_cases(
    desk: Desk,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    stop: Callable[[], bool] | None = None,
) -> Page[CaseRow]:
    """Cases matching every term of ``query`` (案号 fragment, party name, pinyin initials or
    full pinyin), newest filed first, with the total found. An empty query lists all cases.

    ``stop``: asked while the search runs (the search screen: has a newer query replaced this
    one?); once true the search ends with :class:`SearchStopped` instead of finishing."""
    page, counted = search_page(desk, query, limit=limit, offset=offset, stop=stop)
    if counted:
        return page
    return replace(page, total=count_cases(desk, query, stop=stop))


def first_parties(s: Session, case_ids: Sequence[int]) -> dict[tuple[int, str], str]:
    """(case id, role) → the first party's name, with 等N人 when there are more."""
    if not case_ids:
        return {}
    stmt = (
        select(Party.case_id, Party.role, Party.name)
        .where(col(Party.case_id).in_(list(case_ids)))
        .order_by(col(Party.case_id), col(Party.role), col(Party.sort_order), col(Party.id))
    )
    names: dict[tuple[int, str], list[str]] = {}
    for case_id, role, name in s.exec(stmt):
        names.setdefault((case_id, role), []).append(name)
    return {key: v[0] if len(v) == 1 else f"{v[0]}等{len(v)}人" for key, v in names.items()}


# --- staff ---------------------------------------------------------------------------------------


def find_staff(desk: Desk, query: str = "", *, limit: int = 200) -> list[StaffRow]:
    """Active staff matching every term of ``query`` (pinyin: the start of the initials or full
    pinyin; otherwise part of the name), by unit then id."""
    limit, _ = clamp_page(limit, 0)
    stmt = (
        select(Staff, OrgUnit.name)
        .join(OrgUnit, col(OrgUnit.id) == col(Staff.unit_id), isouter=True)
        .where(col(Staff.active).is_(True))
        .order_by(col(OrgUnit.sort_order).nulls_last(), col(Staff.id))
        .limit(limit)
    )
    for term in query_terms(query):
        if is_pinyin(term):
            stmt = stmt.where(_word_prefix(Staff.search_key, term))
        else:
            stmt = stmt.where(col(Staff.name).like(_like(term), escape=_LIKE_ESCAPE))
    with desk.session() as s:
        return [StaffRow(st.id or 0, st.name, st.role, st.title, unit_name) for st, unit_name in s.exec(stmt)]
