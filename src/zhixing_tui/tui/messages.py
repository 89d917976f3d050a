"""App-wide messages: workers post these with plain result objects; screens render them."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # annotations only: the app imports these messages before any service it runs
    from ..services.cases.detail import CaseDetail, TimelineRow
    from ..services.cases.home import HomeSummary
    from ..services.cases.search import CaseRow, StaffRow
    from ..storage.queries import Page


@dataclass
class HomeLoaded(Message):
    summary: HomeSummary


@dataclass
class SearchLoaded(Message):
    """A page of the search; ``counted``: ``page.total`` is the total found, else a
    :class:`SearchCounted` for the same query follows with it."""

    query: str
    page: Page[CaseRow]
    counted: bool = True
    #: set once the page is on screen (or the message was dropped): the count waits for it
    drawn: threading.Event | None = None


@dataclass
class SearchCounted(Message):
    query: str
    offset: int
    total: int


@dataclass
class CaseLoaded(Message):
    detail: CaseDetail
    timeline: Page[TimelineRow]


@dataclass
class TimelineLoaded(Message):
    case_id: int
    timeline: Page[TimelineRow]


@dataclass
class StaffLoaded(Message):
    query: str
    staff: list[StaffRow]


@dataclass
class OperatorChanged(Message):
    """Posted to the app when the person at the keyboard changes."""

    name: str


@dataclass
class OpenCase(Message):
    """Ask the app to open a case's detail screen (from search, palette or a role screen)."""

    case_id: int
