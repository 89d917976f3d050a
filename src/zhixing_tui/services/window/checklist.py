"""查控 checklist of a case: query items, documents and service attempts.

The items a case needs come from the profile (``domain.checklist.catalogue``); :func:`ensure_checklist`
creates what is missing. Every change runs in one transaction with its audit entry and records
the events it fulfils through ``services.deadlines.nodes.apply_event`` (the first network query started,
every network item answered, a seal, 执行通知书 and 报告财产令 sent, the notice set served …), so the
deadline nodes follow the checklist. Amounts are integer 分; the money found in deposits and
online funds is what the triage compares with the claim (``services.triage.derive_facts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...domain import checklist as rules
from ...domain.money import format_money
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import AuditEntry, Case, Document, QueryItem, ServiceAttempt
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk

__all__ = [
    "AttemptRow",
    "ChecklistView",
    "DocRow",
    "ItemRow",
    "Summary",
    "ensure_checklist",
    "load_checklist",
    "mark_feedback_printed",
    "mark_national_none",
    "move_item",
    "set_amounts",
]


@dataclass(frozen=True)
class ItemRow:
    id: int
    channel: str
    asset_type: str
    label: str
    status: str
    result: str | None
    amount_found_fen: int
    amount_controlled_fen: int
    started_on: date | None
    feedback_on: date | None
    controlled_on: date | None
    handler: str
    note: str

    @property
    def status_text(self) -> str:
        return rules.status_text(self.status, self.result)

    @property
    def next_moves(self) -> list[str]:
        return rules.allowed_moves(rules.ItemState(self.channel, self.asset_type, self.status, self.result))


@dataclass(frozen=True)
class AttemptRow:
    id: int
    step: str
    address_kind: str
    attempted_on: date
    result: str
    refused: bool
    note: str
    by: str


@dataclass(frozen=True)
class DocRow:
    id: int
    kind: str
    label: str
    status: str
    made_on: date | None
    served_on: date | None
    attempts: tuple[AttemptRow, ...]

    @property
    def next_step(self) -> str | None:
        if self.status == "pending":
            return None
        return rules.next_step([(a.step, a.result) for a in self.attempts])


@dataclass(frozen=True)
class Summary:
    claim_fen: int
    found_fen: int  # every amount found
    money_found_fen: int  # deposits and online funds (what triage compares with the claim)
    controlled_fen: int
    items_total: int
    items_answered: int
    items_found: int
    notices_total: int
    notices_served: int

    def line(self) -> str:
        """One Chinese line: property found against the claim."""
        cover = "足以清偿" if self.claim_fen and self.money_found_fen >= self.claim_fen else "不足清偿"
        return (
            f"申请标的 {format_money(self.claim_fen)} 元　查得存款及网络资金 {format_money(self.money_found_fen)} 元"
            f"（{cover}）　查得财产合计 {format_money(self.found_fen)} 元　已控制 {format_money(self.controlled_fen)} 元"
            f"　已反馈 {self.items_answered}/{self.items_total} 项（有财产 {self.items_found}）"
            f"　文书送达 {self.notices_served}/{self.notices_total}"
        )


@dataclass(frozen=True)
class ChecklistView:
    case_id: int
    case_no: str
    items: tuple[ItemRow, ...]
    documents: tuple[DocRow, ...]
    summary: Summary
    feedback_printed: bool
    #: a closed case's checklist is read only (every change is refused)
    closed: bool = False


# --- helpers ------------------------------------------------------------------------------------
def _open_case(s: Session, case_id: int) -> Case:
    case = get_case(s, case_id)
    if case.status == "closed":
        raise Conflict(f"案件 {case.case_no} 已结案，查控清单不能再修改")
    return case


def _day(desk: Desk, on: date | None, what: str) -> date:
    today = desk.today()
    day = on or today
    if day > today:
        raise InvalidValue(
            f"{what}不能晚于今天（{today.isoformat()}）：{day.isoformat()}", field=what, value=day
        )
    return day


def _labels(desk: Desk) -> tuple[dict[str, str], list[str]]:
    items = rules.catalogue(desk.profile.checklist)
    return {i.key: i.label for i in items}, [i.key for i in items]


def _items(s: Session, case_id: int) -> list[QueryItem]:
    return list(s.exec(select(QueryItem).where(QueryItem.case_id == case_id)))


def _item_and_case(s: Session, item_id: int) -> tuple[QueryItem, Case]:
    item = s.get(QueryItem, item_id)
    if item is None:
        raise NotFound(f"查控项目（编号 {item_id}）不存在")
    return item, _open_case(s, item.case_id)


def _states(items: list[QueryItem]) -> list[rules.ItemState]:
    return [rules.ItemState(i.channel, i.asset_type, i.status, i.result) for i in items]


def _docs(s: Session, case_id: int) -> list[Document]:
    return list(s.exec(select(Document).where(Document.case_id == case_id).order_by(col(Document.id))))


def _doc_states(docs: list[Document]) -> list[rules.DocState]:
    return [rules.DocState(d.kind, d.status) for d in docs]


def _emit(s: Session, desk: Desk, case: Case, events: list[tuple[str, str | None]], at: datetime) -> None:
    for event, subject in events:
        apply_event(s, desk, case, event, at, desk.operator, subject=subject)


def _item_label(item: QueryItem, labels: dict[str, str]) -> str:
    name = labels.get(f"{item.channel}.{item.asset_type}") or rules.ASSET_TYPES.get(
        item.asset_type, item.asset_type
    )
    return f"{rules.CHANNELS.get(item.channel, item.channel)}·{name}"


# --- reading ------------------------------------------------------------------------------------
def ensure_checklist(desk: Desk, case_id: int) -> int:
    """Create the case's missing items and documents (per the profile); return how many were added."""
    wanted = rules.catalogue(desk.profile.checklist)
    with desk.session() as s:
        have = {(i.channel, i.asset_type) for i in _items(s, case_id)}
        have_docs = {d.kind for d in _docs(s, case_id)}
    missing = [w for w in wanted if (w.channel, w.asset_type) not in have]
    missing_docs = [k for k in rules.DOCUMENT_KINDS if k not in have_docs]
    if not missing and not missing_docs:
        return 0
    with desk.transaction() as s:
        get_case(s, case_id)
        have = {(i.channel, i.asset_type) for i in _items(s, case_id)}
        have_docs = {d.kind for d in _docs(s, case_id)}
        added = [w for w in missing if (w.channel, w.asset_type) not in have]
        added_docs = [k for k in missing_docs if k not in have_docs]
        for w in added:
            s.add(QueryItem(case_id=case_id, channel=w.channel, asset_type=w.asset_type))
        for k in added_docs:
            s.add(Document(case_id=case_id, kind=k))
        if added or added_docs:
            audit.record_case(
                s,
                desk,
                case_id,
                "query.checklist",
                f"生成查控清单：查控项目 {len(added)} 项，文书 {len(added_docs)} 件",
                after={"items": [w.key for w in added], "documents": added_docs},
            )
        return len(added) + len(added_docs)


def load_checklist(desk: Desk, case_id: int, *, ensure: bool = True) -> ChecklistView:
    """The case's checklist (created first when ``ensure``), items in catalogue order."""
    if ensure:
        ensure_checklist(desk, case_id)
    labels, order = _labels(desk)
    with desk.session() as s:
        case = get_case(s, case_id)
        raw = _items(s, case_id)
        rank = {k: n for n, k in enumerate(order)}
        channel_rank = list(rules.CHANNELS)
        raw.sort(
            key=lambda i: (
                channel_rank.index(i.channel) if i.channel in channel_rank else 9,
                rank.get(f"{i.channel}.{i.asset_type}", 99),
                i.id,
            )
        )
        items = tuple(
            ItemRow(
                i.id,  # type: ignore[arg-type]
                i.channel,
                i.asset_type,
                labels.get(f"{i.channel}.{i.asset_type}")
                or rules.ASSET_TYPES.get(i.asset_type, i.asset_type),
                i.status,
                i.result,
                i.amount_found_fen,
                i.amount_controlled_fen,
                i.started_on,
                i.feedback_on,
                i.controlled_on,
                i.handler,
                i.note,
            )
            for i in raw
        )
        docs = _docs(s, case_id)
        kinds = list(rules.DOCUMENT_KINDS)
        docs.sort(key=lambda d: (kinds.index(d.kind) if d.kind in kinds else 99, d.id))
        attempts: dict[int, list[AttemptRow]] = {}
        if docs:
            for a in s.exec(
                select(ServiceAttempt)
                .where(col(ServiceAttempt.document_id).in_([d.id for d in docs]))
                .order_by(col(ServiceAttempt.attempted_on), col(ServiceAttempt.id))
            ):
                attempts.setdefault(a.document_id, []).append(
                    AttemptRow(
                        a.id, a.step, a.address_kind, a.attempted_on, a.result, a.refused, a.note, a.by
                    )  # type: ignore[arg-type]
                )
        documents = tuple(
            DocRow(
                d.id,  # type: ignore[arg-type]
                d.kind,
                rules.DOCUMENT_KINDS.get(d.kind, d.kind),
                d.status,
                d.made_on,
                d.served_on,
                tuple(attempts.get(d.id, [])),  # type: ignore[arg-type]
            )
            for d in docs
        )
        printed = s.exec(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.case_id == case_id, AuditEntry.action == "query.feedback_printed")
        ).one()
        found = [i for i in items if i.result == "found"]
        summary = Summary(
            claim_fen=case.claim_fen,
            found_fen=sum(i.amount_found_fen for i in found),
            money_found_fen=sum(i.amount_found_fen for i in found if i.asset_type in rules.MONEY_TYPES),
            controlled_fen=sum(i.amount_controlled_fen for i in items),
            items_total=len(items),
            items_answered=sum(1 for i in items if i.status not in ("not_started", "started")),
            items_found=len(found),
            notices_total=sum(1 for d in documents if d.kind in rules.NOTICE_SET),
            notices_served=sum(1 for d in documents if d.kind in rules.NOTICE_SET and d.status == "served"),
        )
        return ChecklistView(
            case_id, case.case_no, items, documents, summary, bool(printed), closed=case.status == "closed"
        )


# --- query items --------------------------------------------------------------------------------
def _apply_move(
    item: QueryItem, target: str, result: str | None, day: date, operator: str, amount_fen: int | None
) -> None:
    """Set the item's columns for a move the rules allowed."""
    if target == "started":
        item.started_on = day
    elif target == "feedback":
        item.started_on = item.started_on or day
        item.feedback_on = day
        item.result = result
        if amount_fen is not None:
            item.amount_found_fen = amount_fen
        if result == "none":
            item.amount_found_fen = 0
    else:
        item.controlled_on = day
        if amount_fen is not None:
            item.amount_controlled_fen = amount_fen
        elif target in ("frozen", "deducted", "sealed") and not item.amount_controlled_fen:
            item.amount_controlled_fen = item.amount_found_fen
    item.status = target
    item.handler = operator


def _require_control(s: Session, desk: Desk, target: str) -> None:
    """Freezing, sealing, deducting or handing an item to another court are the work of those the
    registers they feed allow (the seal register: ``services.seals.SEAL_ROLES``; 委托:
    ``services.delegation.records.ROLES``): the same person may not do from 查控 what the
    register would refuse them. Recording a query's start or its answer stays open to the window."""
    from ...domain.roles import require
    from ..delegation.records import ROLES as DELEGATION_ROLES
    from ..permissions import operator_role
    from ..seals import SEAL_ROLES

    allowed = DELEGATION_ROLES if target == "delegated" else SEAL_ROLES
    require(operator_role(s, desk), allowed, f"{rules.ACTIONS[target]}财产")


def _check_amount(amount_fen: int | None, what: str) -> None:
    if amount_fen is not None and (not isinstance(amount_fen, int) or amount_fen < 0):
        raise InvalidValue(f"{what}应为不小于0的金额", field=what, value=amount_fen)


@emits(*rules.ITEM_EVENTS, *rules.MILESTONE_EVENTS, "released")  # released: a freeze deducted
def move_item(
    desk: Desk,
    item_id: int,
    target: str,
    *,
    result: str | None = None,
    amount_fen: int | None = None,
    on: date | None = None,
) -> None:
    """Move one item to ``target`` (``feedback`` with ``result`` found/none and the amount found;
    a control with the amount controlled). Moving 未发起 straight to 已反馈 records the start too."""
    _check_amount(amount_fen, "金额")
    day = _day(desk, on, "日期")
    labels, _ = _labels(desk)
    with desk.transaction() as s:
        item, case = _item_and_case(s, item_id)
        items = _items(s, case.id)  # type: ignore[arg-type]
        before_states = _states(items)
        state = rules.ItemState(item.channel, item.asset_type, item.status, item.result)
        after_state = rules.check_move(state, target, result)
        if target in rules.CONTROLLED:
            _require_control(s, desk, target)
        before = audit.snapshot(item, ["status", "result", "amount_found_fen", "amount_controlled_fen"])
        _apply_move(item, target, result, day, desk.operator, amount_fen)
        if target in rules.CONTROLLED:
            rules.check_amounts(item.amount_found_fen, item.amount_controlled_fen)
        s.add(item)
        s.flush()
        after = audit.snapshot(item, ["status", "result", "amount_found_fen", "amount_controlled_fen"])
        label = _item_label(item, labels)
        money = ""
        if target == "feedback" and result == "found" and item.amount_found_fen:
            money = f"，金额 {format_money(item.amount_found_fen)} 元"
        elif target in rules.CONTROLLED and item.amount_controlled_fen:
            money = f"，金额 {format_money(item.amount_controlled_fen)} 元"
        audit.record_case(
            s,
            desk,
            case.id,
            "query.move",
            f"{label}：{rules.status_text(target, item.result)}{money}",
            entity="query_item",
            entity_id=item.id,
            before=before,
            after=after,
        )
        events: list[tuple[str, str | None]] = [
            (e, None) for e in rules.case_events(before_states, _states(items))
        ]
        events += rules.item_events(state, after_state)
        if target in ("frozen", "sealed") and state.status != target:
            from ..seals import register_from_checklist  # the seal register row: typed once, here

            register_from_checklist(s, desk, case, item, day)
        elif target == "deducted" and state.status == "frozen":
            from ..seals import release_on_deduction  # the freeze ends with the deduction

            release_on_deduction(s, desk, case, item, day)
        elif target == "delegated" and state.status != target:
            from ..delegation.records import hand_over_item  # the 委托 row: handed to the officer

            hand_over_item(s, desk, case, item, day)
        _emit(s, desk, case, events, desk.moment_on(day))


def set_amounts(
    desk: Desk, item_id: int, *, found_fen: int | None = None, controlled_fen: int | None = None
) -> None:
    """Correct the amount found and/or controlled on an item (entered inline on the screen)."""
    _check_amount(found_fen, "查得金额")
    _check_amount(controlled_fen, "控制金额")
    labels, _ = _labels(desk)
    with desk.transaction() as s:
        item, case = _item_and_case(s, item_id)
        if found_fen is not None and item.result != "found":
            raise Conflict(f"{_item_label(item, labels)}尚未反馈“有财产”，不能填写查得金额")
        if controlled_fen is not None and item.status not in rules.CONTROLLED:
            raise Conflict(f"{_item_label(item, labels)}尚未冻结、查封或扣划，不能填写控制金额")
        if controlled_fen is not None:
            _require_control(s, desk, item.status)
        before = audit.snapshot(item, ["amount_found_fen", "amount_controlled_fen"])
        if found_fen is not None:
            item.amount_found_fen = found_fen
        if controlled_fen is not None:
            item.amount_controlled_fen = controlled_fen
        after = audit.snapshot(item, ["amount_found_fen", "amount_controlled_fen"])
        if before == after:
            return
        rules.check_amounts(item.amount_found_fen, item.amount_controlled_fen)
        s.add(item)
        parts = []
        if found_fen is not None:
            parts.append(f"查得 {format_money(item.amount_found_fen)} 元")
        if controlled_fen is not None:
            parts.append(f"控制 {format_money(item.amount_controlled_fen)} 元")
        audit.record_case(
            s,
            desk,
            case.id,
            "query.amount",
            f"{_item_label(item, labels)}金额：{'，'.join(parts)}",
            entity="query_item",
            entity_id=item.id,
            before=before,
            after=after,
        )


@emits(*rules.MILESTONE_EVENTS)
def mark_national_none(desk: Desk, case_id: int, *, on: date | None = None) -> int:
    """Every 总对总 item not yet answered → 已反馈（无财产）at once; return how many were marked."""
    day = _day(desk, on, "日期")
    with desk.transaction() as s:
        case = _open_case(s, case_id)
        items = _items(s, case_id)
        before_states = _states(items)
        marked = [i for i in items if rules.awaiting_national(i.channel, i.status)]
        if not marked:
            raise Conflict("没有待反馈的总对总查控项目")
        for item in marked:
            _apply_move(item, "feedback", "none", day, desk.operator, None)
            s.add(item)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            "query.batch_none",
            f"总对总查控 {len(marked)} 项反馈：均无财产",
            after={"items": [i.id for i in marked], "status": "feedback", "result": "none"},
        )
        events = rules.case_events(before_states, _states(items))
        _emit(s, desk, case, [(e, None) for e in events], desk.moment_on(day))
        return len(marked)


@emits("feedback_printed")
def mark_feedback_printed(desk: Desk, case_id: int, *, on: date | None = None) -> None:
    """The 总对总 system feedback table was printed into the file (浉河: within 24 hours)."""
    day = _day(desk, on, "日期")
    with desk.transaction() as s:
        case = _open_case(s, case_id)
        if not any(i.channel in rules.NETWORK and i.result for i in _items(s, case_id)):
            raise Conflict("尚无网络查控反馈，没有可打印的反馈表")
        audit.record_case(s, desk, case_id, "query.feedback_printed", "打印“总对总”系统反馈表入卷")
        _emit(s, desk, case, [("feedback_printed", None)], desk.moment_on(day))
