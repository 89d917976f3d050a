"""The execution period (执行期限), pure: its length, the time its clock stands still, extensions.

* **Length** — 《最高人民法院关于人民法院办理执行案件若干期限的规定》（法发〔2006〕35号）第一条第一款:
  "被执行人有财产可供执行的案件，一般应当在立案之日起6个月内执结；非诉执行案件一般应当在立案之日起3个月
  内执结。" (:data:`EXECUTION_PERIOD`, :data:`NON_LITIGATION_PERIOD`; counted as every period is:
  民事诉讼法 第八十五条, 民法典 第二百零二条 — see :mod:`.periods`).
* **Time not counted** — 《最高人民法院关于严格执行案件审理期限制度的若干规定》（法释〔2000〕29号）第九条:
  (六) 公告、鉴定的期间; (八) 审计、评估、资产清理的期间; (九) 中止执行至恢复执行的期间; (十)(十一) 暂缓执行
  的期间; (十二) 执行中拍卖、变卖被查封、扣押财产的期间. 中止/暂缓 are decisions a clerk records
  (``services.deadlines.suspensions``); the others are opened and closed by the events of the operations
  that run them (:data:`PAUSE_RULES`, :func:`pause_step`).
* **Extension** — 法发〔2006〕35号 第一条第二款、第三款: "有特殊情况须延长执行期限的，应当报请本院院长或副院长
  批准。申请延长执行期限的，应当在期限届满前5日内提出。" The desk reads the last sentence as issue #12 does:
  the request must be made no later than 5 days before the period ends (so that the 院长/副院长 can
  decide in time): :func:`check_extension_timing`. 法释〔2000〕29号 第五条 gives the usual length: "经本院院长
  批准，可以延长三个月" (:data:`DEFAULT_EXTENSION`; one request extends by at most that).

The due date: the base period (3 or 6 months) plus every approved extension, counted from 立案 (months
add up: 6个月 + 3个月 is 9 months from 立案, so a month end stays a month end), then moved on by the
days not counted, then to the next working day if it is a rest day: :func:`execution_due`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from ..errors import Conflict, InvalidValue
from .calendar import WorkCalendar
from .events import event_name, require_event
from .periods import DAYS, MONTHS, WEEKS, YEARS, compute_due, parse_period

__all__ = [
    "DEFAULT_EXTENSION",
    "EXCLUDED_SOURCE",
    "EXECUTION_PERIOD",
    "EXTENSION_APPROVER",
    "EXTENSION_LEAD_DAYS",
    "EXTENSION_SOURCE",
    "NON_LITIGATION_PERIOD",
    "PAUSE_EVENTS",
    "PAUSE_RULES",
    "PERIOD_SOURCE",
    "NewPause",
    "Pause",
    "PauseRule",
    "PauseStep",
    "check_extension_period",
    "check_extension_timing",
    "excluded_days",
    "execution_due",
    "extension_note",
    "last_request_day",
    "pause_step",
    "period_for",
    "period_name",
]

PERIOD_SOURCE = "《最高人民法院关于人民法院办理执行案件若干期限的规定》（法发〔2006〕35号）第一条第一款"
EXCLUDED_SOURCE = "《最高人民法院关于严格执行案件审理期限制度的若干规定》（法释〔2000〕29号）第九条"
EXTENSION_SOURCE = (
    "《最高人民法院关于人民法院办理执行案件若干期限的规定》（法发〔2006〕35号）第一条第二款、第三款；"
    "《最高人民法院关于严格执行案件审理期限制度的若干规定》（法释〔2000〕29号）第五条"
)

EXECUTION_PERIOD = "6个月"  # 有财产可供执行的案件
NON_LITIGATION_PERIOD = "3个月"  # 非诉执行案件
DEFAULT_EXTENSION = "3个月"  # 法释〔2000〕29号 第五条: 可以延长三个月
EXTENSION_LEAD_DAYS = 5  # 申请延长执行期限的，应当在期限届满前5日内提出
EXTENSION_APPROVER = "vice_president"  # 院长或副院长 (domain.roles ladder: vice_president and above)

_MAX_EXTENSION = {DAYS: 92, WEEKS: 13, MONTHS: 3}


def period_for(
    non_litigation: bool, *, period: str = EXECUTION_PERIOD, non_litigation_period: str | None = None
) -> str:
    """The base period of a case: ``non_litigation_period`` (default 3个月) for 非诉执行, else ``period``."""
    if non_litigation:
        return non_litigation_period or NON_LITIGATION_PERIOD
    return period


@dataclass(frozen=True, slots=True)
class Pause:
    """Time not counted: ``start_on`` … ``end_on`` (None while it lasts), with its reason and kind."""

    start_on: date
    end_on: date | None
    reason: str = ""
    kind: str = "中止"


def excluded_days(pauses: Iterable[Pause], as_of: date | None = None) -> int:
    """Days not counted (an open pause counts up to ``as_of``; overlapping pauses count once)."""
    days: set[date] = set()
    for p in pauses:
        end = p.end_on or as_of
        if end is None or end <= p.start_on:
            continue
        d = p.start_on
        while d < end:
            days.add(d)
            d += timedelta(days=1)
    return len(days)


def period_name(non_litigation: bool, period: str) -> str:
    """The node's name: ``法定执行期限（立案起6个月内执结）`` / ``法定执行期限（非诉执行，立案起3个月内执结）``."""
    kind = "非诉执行，" if non_litigation else ""
    return f"法定执行期限（{kind}立案起{period}内执结）"


# --- the pauses operations open and close ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PauseRule:
    """A kind of time not counted: which events open it, which close it (or how long it lasts)."""

    kind: str  # as stored in suspension.kind (≤ 10 characters)
    opened_by: tuple[str, ...]
    closed_by: tuple[str, ...] = ()
    lasts: str | None = None  # a fixed length: the pause closes itself
    source: str = ""


PAUSE_RULES: tuple[PauseRule, ...] = (
    PauseRule(
        "评估",
        opened_by=("valuation_started",),
        closed_by=("reference_price_set",),
        source=f"{EXCLUDED_SOURCE}（八）审计、评估的期间；（六）鉴定的期间",
    ),
    PauseRule(
        "拍卖",
        # The 拍卖 procedure starts with the ruling (003 §五4); a court that records only the notice
        # going online starts it there. Either way one pause: the second event finds it running.
        opened_by=("auction_ruling", "auction_notice_published"),
        closed_by=("deal_ruling", "auction_failed"),
        source=f"{EXCLUDED_SOURCE}（十二）执行中拍卖、变卖被查封、扣押财产的期间",
    ),
    PauseRule(
        "公告",
        opened_by=("vacate_notice_published",),
        closed_by=("vacate_notice_expired",),
        source=f"{EXCLUDED_SOURCE}（六）公告的期间（腾房公告期）",
    ),
    PauseRule(
        "公告送达",
        # 民事诉讼法 第九十五条: 自发出公告之日起，经过三十日，即视为送达.
        opened_by=("service_by_notice",),
        lasts="30日",
        source=f"{EXCLUDED_SOURCE}（六）公告的期间；《中华人民共和国民事诉讼法》第九十五条（经过三十日即视为送达）",
    ),
)

#: every event that opens or closes a pause
PAUSE_EVENTS: frozenset[str] = frozenset(e for r in PAUSE_RULES for e in (*r.opened_by, *r.closed_by))
for _event in PAUSE_EVENTS:  # the mapping names real event codes (an import-time check)
    require_event(_event)


class PauseLike(Protocol):
    """A stored pause (a ``Suspension`` row)."""

    kind: str
    start_on: date
    end_on: date | None
    source_event: str


@dataclass(frozen=True, slots=True)
class NewPause:
    kind: str
    start_on: date
    end_on: date | None
    source_event: str
    reason: str


@dataclass(frozen=True, slots=True)
class PauseStep:
    """What one event does to a case's pauses: pauses to open, open ones to close (and on which day)."""

    open: tuple[NewPause, ...]
    close: tuple[PauseLike, ...]
    end_on: date


def pause_step(rows: Iterable[PauseLike], event: str, on: date | datetime) -> PauseStep:
    """The pauses ``event`` on day ``on`` opens and closes, given the case's stored pauses.

    Idempotent: an opening event finds its pause already running (or the same event already recorded
    that day) and opens nothing; a closing event with nothing open closes nothing. A pause closes
    only if it began no later than ``on``.
    """
    day = on.date() if isinstance(on, datetime) else on
    rows = list(rows)
    opened: list[NewPause] = []
    closed: list[PauseLike] = []
    for rule in PAUSE_RULES:
        mine = [r for r in rows if r.source_event in rule.opened_by]
        if event in rule.opened_by:
            running = any(r.end_on is None or r.end_on > day >= r.start_on for r in mine)
            twice = any(r.source_event == event and r.start_on == day for r in mine)
            if not running and not twice:
                end = _plain_end(day, rule.lasts) if rule.lasts else None
                opened.append(NewPause(rule.kind, day, end, event, f"{event_name(event)}（{rule.source}）"))
        if event in rule.closed_by:
            closed.extend(r for r in mine if r.end_on is None and r.start_on <= day)
    return PauseStep(tuple(opened), tuple(closed), day)


def _plain_end(day: date, period: str) -> date:
    """``day`` + a fixed pause length, as calendar days (the days not counted are calendar days)."""
    p = parse_period(period)
    return day + timedelta(days=p.n * (7 if p.unit == WEEKS else 1))


# --- the due date ---------------------------------------------------------------------------------
def _months(period: str) -> int | None:
    p = parse_period(period)
    if p.unit == MONTHS:
        return p.n
    if p.unit == YEARS:
        return 12 * p.n
    return None


def execution_due(
    filed_at: date | datetime,
    pauses: Sequence[Pause] = (),
    cal: WorkCalendar | None = None,
    *,
    period: str = EXECUTION_PERIOD,
    extensions: Sequence[str] = (),
    as_of: date | None = None,
) -> tuple[date, tuple[str, ...]]:
    """The last day of the execution period and the calendar's coverage warnings.

    ``period`` from 立案 plus each approved extension (months add up and count from 立案; other units
    run on from the unextended last day), then the days under ``pauses`` (overlaps once; an open pause
    up to ``as_of``), then to the next working day when the last day is a rest day.
    """
    warnings: list[str] = []
    months = [_months(p) for p in (period, *extensions)]
    if all(m is not None for m in months):
        due = compute_due(filed_at, f"{sum(m or 0 for m in months)}个月", cal)
        last = due.extended_from or due.due_on
        warnings += due.warnings
    else:
        due = compute_due(filed_at, period, cal)
        last = due.extended_from or due.due_on
        warnings += due.warnings
        for ext in extensions:
            more = compute_due(last, ext, cal)
            last = more.extended_from or more.due_on
            warnings += more.warnings
    last += timedelta(days=excluded_days(pauses, as_of))
    final = compute_due(last, "当日", cal)
    warnings += final.warnings
    return final.due_on, tuple(dict.fromkeys(warnings))


# --- extensions -----------------------------------------------------------------------------------
def check_extension_period(text: str) -> str:
    """The requested extension in its canonical spelling (``3个月``); at most 3 months (第五条)."""
    p = parse_period(text)
    limit = _MAX_EXTENSION.get(p.unit)
    if limit is None:
        raise InvalidValue(
            f"延长期限应以日、周或个月计（如 3个月、30日）：{text}", field="延长期限", value=text
        )
    if p.n > limit:
        raise InvalidValue(
            f"一次延长不超过三个月（{EXTENSION_SOURCE}）：{text}", field="延长期限", value=text
        )
    return p.label


def last_request_day(due_on: date) -> date:
    """The last day an extension may be requested: :data:`EXTENSION_LEAD_DAYS` days before ``due_on``."""
    return due_on - timedelta(days=EXTENSION_LEAD_DAYS)


def check_extension_timing(today: date, due_on: date) -> None:
    """Refuse a request made fewer than 5 days before the period ends (法发〔2006〕35号 第一条第三款)."""
    last = last_request_day(due_on)
    if today > last:
        raise Conflict(
            f"执行期限于 {due_on} 届满，延长申请应在期限届满前{EXTENSION_LEAD_DAYS}日提出（最迟 {last}），"
            f"今天 {today} 已不能申请（{EXTENSION_SOURCE}）"
        )


def extension_note(period: str, decided_on: date, approver_title: str, approver: str) -> str:
    """What the node shows: ``经批准延长3个月（2027-01-05 副院长 王某 批准）``."""
    return f"经批准延长{period}（{decided_on.isoformat()} {approver_title} {approver} 批准）"
