"""终本案件库: every case closed by 终本, with its re-query schedule and what the re-queries found.

One page at a time in SQL (never the whole table): the cases closed by 终结本次执行程序, newest
closing first, each with its handler, the next re-query node of the 5-year series
(法〔2016〕373号 第九条第二款) and its status on ``as_of`` (超期 / 今日到期 / 临期 / 未到期), the
last re-query, whether a network item answered 有财产 after the closing (新发现财产 — the case to
resume), a pending 恢复执行 application and the 执恢 case that resumed it.

``needs_action`` keeps the cases the 终本管理组 must act on (the nightly ``zhixing report
zhongben``): the next re-query is 超期, 今日到期 or 临期, or new property was found and the case is not
resumed yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, not_, or_
from sqlmodel import col, select

from ...domain.checklist import NETWORK
from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.nodes import DEFAULT_WARNING_WINDOW, approach_limit, node_status, status_name
from ...errors import InvalidValue
from ...profiles.deadline_schema import ZHONGBEN_REQUERY, rule_by_id
from ...storage.models import Approval, Case, DeadlineNode, OrgUnit, Party, QueryItem, RelatedCaseLink, Staff
from ...storage.queries import MAX_PAGE, Page
from ..desk import Desk

__all__ = ["RESUMPTION_LINK", "LibraryRow", "library_counts", "zhongben_library"]

#: ``RelatedCaseLink.reason`` of a 执恢 case → the case it resumes
RESUMPTION_LINK = "恢复执行"


@dataclass(frozen=True, slots=True)
class LibraryRow:
    case_id: int
    case_no: str
    respondents: str
    closed_on: date
    team: str | None
    handler: str | None
    next_requery: str | None  # the open node's name (第k期), None when the series is over
    next_due: date | None
    status: str | None  # overdue | due_today | approaching | pending (None: no open node)
    days: int
    last_requery_on: date | None
    new_property: bool
    resumption_pending: bool
    resumed_by: str | None  # the 执恢 case's 案号

    @property
    def status_name(self) -> str:
        return status_name(self.status) if self.status else ""


def _end(as_of: date) -> datetime:
    return datetime.combine(as_of + timedelta(days=1), time.min)


def _window(desk: Desk) -> str:
    rule = rule_by_id(desk.profile, ZHONGBEN_REQUERY)
    return (
        (rule.warning_window if rule else None)
        or desk.profile.deadlines.warning_window
        or DEFAULT_WARNING_WINDOW
    )


def _conditions(desk: Desk, as_of: date, needs_action: bool):
    where = [
        Case.status == "closed",
        Case.closing_method == TERMINATED_THIS_ROUND,
        col(Case.closed_on) <= as_of,
    ]
    if not needs_action:
        return where
    from ..deadlines.calendar import calendar_for

    end = _end(as_of)
    limit = approach_limit(as_of, _window(desk), calendar_for(desk))
    due_soon = exists().where(
        col(DeadlineNode.case_id) == col(Case.id),
        col(DeadlineNode.rule_id) == ZHONGBEN_REQUERY,
        col(DeadlineNode.anchor_at) < end,
        or_(col(DeadlineNode.completed_at).is_(None), col(DeadlineNode.completed_at) >= end),
        col(DeadlineNode.due_on) <= limit,
    )
    resumed = exists().where(
        col(RelatedCaseLink.other_case_id) == col(Case.id), col(RelatedCaseLink.reason) == RESUMPTION_LINK
    )
    return [*where, or_(due_soon, and_(_new_property(as_of), not_(resumed)))]


def _new_property(as_of: date):
    return exists().where(
        col(QueryItem.case_id) == col(Case.id),
        col(QueryItem.result) == "found",
        col(QueryItem.feedback_on) > Case.closed_on,
        col(QueryItem.feedback_on) <= as_of,
    )


def library_counts(desk: Desk, as_of: date | None = None) -> dict[str, int]:
    """How many 终本 cases there are, and how many need action on ``as_of``."""
    as_of = as_of or desk.today()
    with desk.session() as s:
        total = s.exec(select(func.count()).select_from(Case).where(*_conditions(desk, as_of, False))).one()
        action = s.exec(select(func.count()).select_from(Case).where(*_conditions(desk, as_of, True))).one()
    return {"total": int(total), "needs_action": int(action)}


def zhongben_library(
    desk: Desk,
    as_of: date | None = None,
    *,
    limit: int = 100,
    offset: int = 0,
    needs_action: bool = False,
) -> Page[LibraryRow]:
    """One page of the 终本案件库 on ``as_of`` (default today), newest closing first."""
    from ..deadlines.calendar import calendar_for

    as_of = as_of or desk.today()
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidValue(f"每页行数应在 1–{MAX_PAGE} 之间：{limit}", field="limit", value=limit)
    if offset < 0:
        raise InvalidValue(f"起始行不能为负数：{offset}", field="offset", value=offset)
    cal = calendar_for(desk)
    window = _window(desk)
    limit_day = approach_limit(as_of, window, cal)
    end = _end(as_of)
    where = _conditions(desk, as_of, needs_action)
    with desk.session() as s:
        total = s.exec(select(func.count()).select_from(Case).where(*where)).one()
        rows = s.exec(
            select(  # type: ignore[call-overload]
                Case.id, Case.case_no, Case.closed_on, OrgUnit.name, Staff.name, _new_property(as_of)
            )
            .join(OrgUnit, col(OrgUnit.id) == col(Case.unit_id), isouter=True)
            .join(Staff, col(Staff.id) == col(Case.handler_id), isouter=True)
            .where(*where)
            .order_by(col(Case.closed_on).desc(), col(Case.id).desc())
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [r[0] for r in rows]
        nodes: dict[int, list[DeadlineNode]] = {}
        respondents: dict[int, list[str]] = {}
        last_query: dict[int, date] = {}
        resumed: dict[int, str] = {}
        pending: set[int] = set()
        if ids:
            for n in s.exec(
                select(DeadlineNode)
                .where(col(DeadlineNode.case_id).in_(ids), DeadlineNode.rule_id == ZHONGBEN_REQUERY)
                .order_by(col(DeadlineNode.anchor_at), col(DeadlineNode.id))
            ):
                nodes.setdefault(n.case_id, []).append(n)
            for case_id, name in s.exec(
                select(Party.case_id, Party.name)
                .where(col(Party.case_id).in_(ids), Party.role == "respondent")
                .order_by(col(Party.sort_order), col(Party.id))
            ):
                respondents.setdefault(case_id, []).append(name)
            closed = {r[0]: r[2] for r in rows}
            for case_id, day in s.exec(
                select(QueryItem.case_id, func.max(QueryItem.feedback_on))
                .where(
                    col(QueryItem.case_id).in_(ids),
                    col(QueryItem.channel).in_(NETWORK),
                    col(QueryItem.feedback_on) <= as_of,
                )
                .group_by(col(QueryItem.case_id))
            ):
                if day is not None and day > closed[case_id]:
                    last_query[case_id] = day
            for old_id, new_no in s.exec(
                select(RelatedCaseLink.other_case_id, Case.case_no)
                .join(Case, col(Case.id) == col(RelatedCaseLink.case_id))
                .where(col(RelatedCaseLink.other_case_id).in_(ids), RelatedCaseLink.reason == RESUMPTION_LINK)
            ):
                resumed[old_id] = new_no
            pending = set(
                s.exec(
                    select(Approval.case_id).where(
                        col(Approval.case_id).in_(ids),
                        Approval.kind == "resumption",
                        Approval.status == "pending",
                    )
                ).all()
            )
    items = []
    for case_id, case_no, closed_on, team, handler, found in rows:
        series = nodes.get(case_id, [])
        done = [n.completed_at.date() for n in series if n.completed_at is not None and n.completed_at < end]
        # the next re-query: the series' first node not yet answered — also when a query made early
        # in its period already answered the current one and the next opens only at the coming mark
        started = any(n.anchor_at < end for n in series)
        open_ = [n for n in series if started and (n.completed_at is None or n.completed_at >= end)]
        nxt = min(open_, key=lambda n: n.due_on) if open_ else None
        status, days = node_status(nxt, as_of, cal, window, limit=limit_day) if nxt else (None, 0)
        last = max([*done, *([last_query[case_id]] if case_id in last_query else [])], default=None)
        items.append(
            LibraryRow(
                case_id=case_id,
                case_no=case_no,
                respondents="、".join(respondents.get(case_id, [])),
                closed_on=closed_on,
                team=team,
                handler=handler,
                next_requery=nxt.name if nxt else None,
                next_due=nxt.due_on if nxt else None,
                status=status,
                days=days,
                last_requery_on=last,
                new_property=bool(found),
                resumption_pending=case_id in pending,
                resumed_by=resumed.get(case_id),
            )
        )
    return Page(tuple(items), int(total), offset, limit)
