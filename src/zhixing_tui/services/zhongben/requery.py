"""终本案件定期查询: the network query a 终本 case gets every 6 months for 5 years after closing.

《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第九条第二款: 终结本次执行
程序后的五年内，执行法院应当每六个月通过网络执行查控系统查询一次被执行人的财产，并将查询结果告知申请
执行人. Closing a case by 终本 starts the node series ``national.zhongben_requery`` (see
``profiles.deadline_schema``); :func:`record_requery` records one such query on the case's checklist
and completes the open period's node, which starts the next one.

A closed case's checklist is otherwise frozen (``services.window.checklist`` refuses every change
on a closed case); this is the one change allowed, and only on a case closed by 终本. The query
answers the network items (总对总/点对点) again: items found now get 有财产 with the query's date and
amount (that is what the 终本案件库 shows as 新发现财产), the others 无财产 with the query's date —
except items already under control (frozen, sealed …) and items found before the closing, which
the query does not change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ...domain import checklist as rules
from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.money import format_money
from ...domain.roles import require
from ...errors import Conflict, InvalidValue
from ...profiles.deadline_schema import ZHONGBEN_REQUERY
from ...storage.models import Case, QueryItem
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role

__all__ = ["REQUERY_EVENTS", "RequeryResult", "record_requery", "zhongben_case"]

#: the events a re-query records (the same as a first network query's)
REQUERY_EVENTS = ("national_query_started", "national_query_done")
#: who may record a re-query: the 查控专员 or anyone on the handler ladder (承办人 and up)
REQUERY_ROLES = {"query_clerk", "handler", "supervisor"}


@dataclass(frozen=True, slots=True)
class RequeryResult:
    answered: int  # network items answered by this query
    found: tuple[str, ...]  # labels of the items found
    completed: tuple[str, ...]  # names of the nodes the query completed
    created: tuple[str, ...]  # names (with due dates) of the nodes it started


def zhongben_case(s: Session, case_id: int) -> Case:
    """The case, when it is closed by 终本; Conflict otherwise."""
    case = get_case(s, case_id)
    if case.status != "closed" or case.closing_method != TERMINATED_THIS_ROUND:
        raise Conflict(f"案件 {case.case_no} 不是以终结本次执行程序结案的案件")
    return case


def _label(item: QueryItem, labels: Mapping[str, str]) -> str:
    name = labels.get(f"{item.channel}.{item.asset_type}") or rules.ASSET_TYPES.get(
        item.asset_type, item.asset_type
    )
    return f"{rules.CHANNELS.get(item.channel, item.channel)}·{name}"


def _match(items: list[QueryItem], key: str, labels: Mapping[str, str]) -> QueryItem:
    """The network item ``key`` names: ``deposit`` (总对总 first), ``local.deposit``, or its Chinese
    label (银行存款, 点对点·银行存款)."""
    text = key.strip()
    for item in sorted(items, key=lambda i: rules.NETWORK.index(i.channel)):
        names = {
            item.asset_type,
            f"{item.channel}.{item.asset_type}",
            labels.get(f"{item.channel}.{item.asset_type}", ""),
            rules.ASSET_TYPES.get(item.asset_type, ""),
            _label(item, labels),
        }
        if text in names - {""}:
            return item
    known = "、".join(dict.fromkeys(_label(i, labels) for i in items))
    raise InvalidValue(f"查控项目不认识：{text}（本案网络查控项目：{known}）", field="查得财产", value=key)


@emits(*REQUERY_EVENTS)
def record_requery(
    desk: Desk, case_id: int, *, on: date | None = None, found: Mapping[str, int] | None = None
) -> RequeryResult:
    """Record a 终本 re-query (网络查控) made ``on`` (default today) on a case closed by 终本.

    ``found`` names the network items the query found property in (asset type, ``channel.asset``
    or the Chinese label) with the amount found in 分 (0 when not a sum: a house, a car); every
    other network item is answered 无财产. One transaction, audited; the events complete the open
    re-query node, which starts the next one on the fixed 6-monthly grid.
    """
    today = desk.today()
    day = on or today
    if day > today:
        raise InvalidValue(
            f"查询日期不能晚于今天（{today.isoformat()}）：{day.isoformat()}", field="查询日期", value=day
        )
    found = dict(found or {})
    for key, amount in found.items():
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise InvalidValue(f"{key} 的查得金额应为不小于0的金额", field="查得金额", value=amount)
    labels = {i.key: i.label for i in rules.catalogue(desk.profile.checklist)}
    with desk.transaction() as s:
        require(operator_role(s, desk), REQUERY_ROLES, "记录终本案件定期查询")
        case = zhongben_case(s, case_id)
        assert case.closed_on is not None
        if day < case.closed_on:
            raise InvalidValue(
                f"查询日期 {day.isoformat()} 早于终本结案日期 {case.closed_on.isoformat()}",
                field="查询日期",
                value=day,
            )
        items = list(
            s.exec(
                select(QueryItem).where(
                    QueryItem.case_id == case_id,
                    QueryItem.channel.in_(rules.NETWORK),  # type: ignore[attr-defined]
                )
            )
        )
        if not items:
            raise Conflict(f"案件 {case.case_no} 没有网络查控项目（总对总/点对点），无法记录定期查询")
        hits = {}
        for key, amount in found.items():
            item = _match(items, key, labels)
            if item.status in rules.CONTROLLED:
                raise Conflict(
                    f"{_label(item, labels)}已{rules.STATUSES.get(item.status, item.status)}，不必再记录查得财产"
                )
            hits[item.id] = amount
        answered, found_labels, before, after = 0, [], {}, {}
        for item in items:
            if item.status in rules.CONTROLLED:
                continue
            old = audit.snapshot(item, ["status", "result", "amount_found_fen", "feedback_on"])
            if item.id in hits:
                item.result, item.amount_found_fen = "found", hits[item.id]
                found_labels.append(
                    _label(item, labels) + (f" {format_money(hits[item.id])} 元" if hits[item.id] else "")
                )
            elif item.result == "found" and (item.feedback_on or day) <= case.closed_on:
                continue  # found before 终本 (could not be disposed of): this query leaves it as it was
            else:
                item.result, item.amount_found_fen = "none", 0
            item.status, item.started_on, item.feedback_on = "feedback", day, day
            item.handler = desk.operator
            s.add(item)
            before[str(item.id)] = old
            after[str(item.id)] = audit.snapshot(
                item, ["status", "result", "amount_found_fen", "feedback_on"]
            )
            answered += 1
        s.flush()
        outcome = "发现财产：" + "、".join(found_labels) if found_labels else "未发现可供执行的财产"
        audit.record_case(
            s,
            desk,
            case_id,
            "zhongben.requery",
            f"终本案件定期查询（网络查控 {answered} 项，{day.isoformat()}）：{outcome}",
            entity="query_item",
            before=before,
            after=after,
        )
        moment = desk.moment_on(day)
        before_open = _open_requery(s, case_id)
        created = []
        for event in REQUERY_EVENTS:  # only the series' own nodes: other query rules ended with the case
            created += apply_event(
                s, desk, case, event, moment, desk.operator, only=frozenset({ZHONGBEN_REQUERY})
            )
        completed = [n for n in before_open if n.completed_at is not None]
        return RequeryResult(
            answered,
            tuple(found_labels),
            tuple(n.name for n in completed),
            tuple(f"{n.name}（{n.due_on.isoformat()} 前）" for n in created),
        )


def _open_requery(s: Session, case_id: int) -> list:
    from sqlmodel import col

    from ...storage.models import DeadlineNode

    return list(
        s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id,
                DeadlineNode.rule_id == ZHONGBEN_REQUERY,
                col(DeadlineNode.completed_at).is_(None),
            )
        )
    )
