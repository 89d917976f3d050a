"""财产处置的各个步骤: each a clerk's act on one asset's disposal, in the order
:func:`domain.disposal.check_step` allows, dated not before the step it follows, in one
transaction with an audit entry (action ``disposal.<step>``, entity ``disposal``) and the event the
profiles wait for:

========================  ==========================  ==============================================
step                      event                       rules it feeds (and the execution period)
========================  ==========================  ==============================================
启动议价/询价/评估         valuation_started           汝阳 ruyang.valuation (000 二(二)11); 评估期间不计入执行期限
确定参考价                 reference_price_set         汝阳 ruyang.auction_handover; 评估期间结束
移交拍卖（综合组）          handed_to_auction           汝阳 ruyang.auction_handover (2日)
拍卖裁定                   auction_ruling              浉河 shihe.auction_notice (3个工作日); 拍卖期间开始
拍卖公告发布               auction_notice_published    浉河 shihe.auction_notice_serve (3个工作日)
拍卖公告送达               auction_notice_served       浉河 shihe.auction_notice_serve
流拍（本轮）               —                           次轮拍卖或变卖 (003 三(六)7)
拍卖、变卖程序终结          auction_failed              拍卖期间结束; 监利 流拍退回线索查控组 (004 第四组 2)
成交                       —                           （价款记入 deal_price_fen）
全额缴款                   full_payment                浉河 shihe.deal_ruling (3个工作日, 003 三(六)8)
成交裁定                   deal_ruling                 浉河 shihe.deal_ruling; 拍卖期间结束
过户/交付                  —                           处置完毕
确定需腾房                 vacate_needed               汝阳 ruyang.vacate_notice (查封起10日)
腾房公告                   vacate_notice_published     汝阳 ruyang.vacate_notice; 公告期间不计入执行期限
腾房公告期满               vacate_notice_expired       汝阳 ruyang.vacate_done (10日)
腾房完毕                   vacated                     汝阳 ruyang.vacate_done
========================  ==========================  ==============================================

Every function takes the case and, when the case has more than one asset in disposal, the
checklist item (``item_id``); ``on`` defaults to today and is never in the future.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain import disposal as dd
from ...domain.disposal import disposable
from ...domain.money import format_money
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, Disposal, DisposalRound, QueryItem
from ...storage.queries import get_open_case
from .. import audit
from ..board.handoffs import submit_on_event
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day
from .records import DisposalView, authorize, item_label, pick_disposal, state_of, view_of

__all__ = [
    "StepDone",
    "deal",
    "end_procedure",
    "full_payment",
    "hand_over",
    "publish_notice",
    "record_failure",
    "rule_auction",
    "rule_deal",
    "serve_notice",
    "set_reference_price",
    "start_valuation",
    "transfer",
    "vacate_expired",
    "vacate_needed",
    "vacate_notice",
    "vacated",
]

NOTE_MAX = 200
TEXT_MAX = 200

_FIELDS = [
    "started_on",
    "valuation_method",
    "valuation_started_on",
    "reference_price_fen",
    "reference_price_on",
    "handed_over_on",
    "auction_ruling_on",
    "deal_price_fen",
    "deal_on",
    "paid_on",
    "deal_ruling_on",
    "transferred_on",
    "ended_on",
    "vacate_needed_on",
    "vacate_notice_on",
    "vacate_until",
    "vacate_expired_on",
    "vacated_on",
]


@dataclass(frozen=True)
class StepDone:
    """What a step recorded: the disposal after it, the audit summary, and the board move the
    profile submitted because of it (监利 流拍), if any."""

    disposal: DisposalView
    summary: str
    move: str | None = None


#: change(session, disposal, day, state) → (what was done, the event to record or None)
Change = Callable[[Session, Disposal, date, dd.DisposalState], tuple[str, str | None]]


def _text(value: str, field: str, limit: int = TEXT_MAX) -> str:
    value = value.strip()
    if len(value) > limit:
        raise InvalidValue(f"{field}不能超过{limit}字", field=field, value=value)
    return value


def _amount(fen: int, field: str) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int) or fen <= 0:
        raise InvalidValue(f"{field}应为大于零的金额（分）：{fen}", field=field, value=fen)
    return fen


def _vacate_target(s: Session, desk: Desk, case: Case, item_id: int | None) -> tuple[Disposal, QueryItem]:
    """需腾房 may come before the asset enters disposal (汝阳: 查封起10日内发出腾房公告): the item's
    record, created when there is none yet."""
    if item_id is None:
        if s.exec(select(Disposal.id).where(Disposal.case_id == case.id)).first() is not None:
            return pick_disposal(s, case, None, "vacate_need")
        items = [
            i
            for i in s.exec(select(QueryItem).where(QueryItem.case_id == case.id).order_by(col(QueryItem.id)))
            if disposable(i.asset_type, i.status)
        ]
        if len(items) != 1:
            if not items:
                raise Conflict(f"案件 {case.case_no} 没有已查封、冻结待处置的财产")
            listed = "；".join(f"编号 {i.id} {item_label(desk, i)}" for i in items)
            raise Conflict(f"案件 {case.case_no} 有多项查封、冻结的财产，请指定查控项目：{listed}")
        item_id = items[0].id
    item = s.get(QueryItem, item_id)
    if item is None or item.case_id != case.id:
        raise NotFound(f"案件 {case.case_no} 没有编号为 {item_id} 的查控项目")
    row = s.exec(select(Disposal).where(Disposal.query_item_id == item.id)).first()
    if row is not None:
        return row, item
    if not disposable(item.asset_type, item.status):
        raise Conflict(f"{item_label(desk, item)}不是已查封、冻结待处置的财产")
    label = item_label(desk, item)
    return Disposal(case_id=case.id, query_item_id=item.id, label=label), item  # type: ignore[arg-type]


def _step(
    desk: Desk,
    case_id: int,
    item_id: int | None,
    step: str,
    on: date | None,
    note: str,
    change: Change,
) -> StepDone:
    """One step: checked, dated, changed, audited, its event recorded — in one transaction."""
    note = _text(note, "说明", NOTE_MAX)
    with desk.transaction() as s:
        case = get_open_case(s, case_id)
        authorize(s, desk, case, step)
        if step == "vacate_need":
            d, item = _vacate_target(s, desk, case, item_id)
        else:
            d, item = pick_disposal(s, case, item_id, step)
        state = (
            state_of(s, d, item.controlled_on) if d.id else dd.DisposalState(controlled_on=item.controlled_on)
        )
        try:
            not_before, since = dd.check_step(state, step)
        except Conflict as exc:
            raise Conflict(f"{d.label}：{exc.message}") from None
        day = check_day(desk, on, not_before=not_before, since=since)
        before = audit.snapshot(d, _FIELDS) if d.id else None
        what, event = change(s, d, day, state)
        if note and not d.note:
            d.note = note
        s.add(d)
        s.flush()
        summary = f"{d.label}{what}（{day.isoformat()}）" + (f"。{note}" if note else "")
        audit.record_case(
            s,
            desk,
            case_id,
            f"disposal.{step}",
            summary,
            entity="disposal",
            entity_id=d.id,
            before=before,
            after=audit.snapshot(d, _FIELDS),
        )
        move = None
        if event is not None:
            apply_event(s, desk, case, event, desk.moment_on(day), desk.operator)
            if event == "auction_failed":
                move = submit_on_event(s, desk, case, event, summary)
        return StepDone(view_of(s, d, item.controlled_on), summary, move)


def _dated(field: str, what: str, event: str | None) -> Change:
    """The change of a step that only dates itself: ``field`` set to the day."""

    def change(s, d, day, state):
        setattr(d, field, day)
        return what, event

    return change


def _current_round(s: Session, d: Disposal) -> DisposalRound:
    row = s.exec(
        select(DisposalRound).where(DisposalRound.disposal_id == d.id).order_by(col(DisposalRound.id).desc())
    ).first()
    assert row is not None  # check_step made sure
    return row


# --- 评估 / 参考价 / 移交 -------------------------------------------------------------------------
@emits("valuation_started")
def start_valuation(
    desk: Desk,
    case_id: int,
    *,
    method: str,
    item_id: int | None = None,
    on: date | None = None,
    ownership: str = "",
    occupancy: str = "",
    note: str = "",
) -> StepDone:
    """启动当事人议价、定向询价、网络询价或委托评估 (``method``: a code or name of
    :data:`domain.disposal.VALUATION_METHODS`); ``ownership``/``occupancy`` are the 权属状况 and
    占有使用情况 the team surveyed before 移送评估 (浉河 003 三(六)2, the 评估工作交接表)."""
    code = dd.parse_method(method)
    ownership, occupancy = _text(ownership, "权属状况"), _text(occupancy, "占有使用情况")

    def change(s, d, day, state):
        d.valuation_method, d.valuation_started_on = code, day
        d.ownership, d.occupancy = ownership, occupancy
        return f"启动{dd.VALUATION_METHODS[code]}", "valuation_started"

    return _step(desk, case_id, item_id, "value", on, note, change)


@emits("reference_price_set")
def set_reference_price(
    desk: Desk,
    case_id: int,
    *,
    price_fen: int,
    item_id: int | None = None,
    on: date | None = None,
    note: str = "",
) -> StepDone:
    """确定财产处置参考价 (in 分)."""
    price_fen = _amount(price_fen, "参考价")

    def change(s, d, day, state):
        d.reference_price_fen, d.reference_price_on = price_fen, day
        return f"确定处置参考价{format_money(price_fen)}元", "reference_price_set"

    return _step(desk, case_id, item_id, "price", on, note, change)


@emits("handed_to_auction")
def hand_over(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """确定参考价后将材料移交拍卖（汝阳：移交执行事务中心综合组办理网络拍卖，000 二(二)11）."""
    change = _dated("handed_over_on", "材料移交拍卖", "handed_to_auction")
    return _step(desk, case_id, item_id, "handover", on, note, change)


# --- 拍卖 -----------------------------------------------------------------------------------------
@emits("auction_ruling")
def rule_auction(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """作出拍卖裁定 (the 拍卖 period, not counted in the execution period, starts)."""
    change = _dated("auction_ruling_on", "作出拍卖裁定", "auction_ruling")
    return _step(desk, case_id, item_id, "ruling", on, note, change)


@emits("auction_notice_published")
def publish_notice(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """拍卖（变卖）公告发布上网: opens the next round — 一拍, after a 流拍 二拍, then 变卖."""

    def change(s, d, day, state):
        kind = dd.next_round(state)
        assert kind is not None  # check_step made sure
        s.add(DisposalRound(disposal_id=d.id, kind=kind, published_on=day))
        return f"{dd.ROUNDS[kind]}公告发布", "auction_notice_published"

    return _step(desk, case_id, item_id, "notice", on, note, change)


@emits("auction_notice_served")
def serve_notice(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """拍卖公告送达当事人及利害关系人 (浉河: 发布上网之日起3个工作日内)."""

    def change(s, d, day, state):
        r = _current_round(s, d)
        r.served_on = day
        s.add(r)
        return f"{dd.ROUNDS[r.kind]}公告送达", "auction_notice_served"

    return _step(desk, case_id, item_id, "serve", on, note, change)


def _ended(d: Disposal, day: date) -> tuple[str, str]:
    d.ended_on = day
    return "，拍卖、变卖程序终结（未成交）", "auction_failed"


@emits("auction_failed")
def record_failure(
    desk: Desk,
    case_id: int,
    *,
    item_id: int | None = None,
    on: date | None = None,
    end: bool = False,
    note: str = "",
) -> StepDone:
    """本轮流拍. With ``end`` (always after a failed 变卖) the 拍卖/变卖 procedure ends without a
    sale: ``auction_failed`` closes the 拍卖 pause and, where the profile ties a board move to it
    (监利 流拍退回线索查控组), submits that move."""

    def change(s, d, day, state):
        r = _current_round(s, d)
        r.result, r.result_on = "failed", day
        s.add(r)
        what = f"{dd.ROUNDS[r.kind]}流拍"
        if end or r.kind == "sale":
            extra, event = _ended(d, day)
            return what + extra, event
        return what, None

    return _step(desk, case_id, item_id, "fail", on, note, change)


@emits("auction_failed")
def end_procedure(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """After a 流拍, no further round: the procedure ends without a sale (see :func:`record_failure`)."""

    def change(s, d, day, state):
        return _ended(d, day)

    return _step(desk, case_id, item_id, "end", on, note, change)


@emits()  # 成交 itself is no node's event: the price is paid next (full_payment)
def deal(
    desk: Desk,
    case_id: int,
    *,
    price_fen: int,
    item_id: int | None = None,
    on: date | None = None,
    note: str = "",
) -> StepDone:
    """本轮成交 at ``price_fen``."""
    price_fen = _amount(price_fen, "成交价")

    def change(s, d, day, state):
        r = _current_round(s, d)
        r.result, r.result_on = "sold", day
        s.add(r)
        d.deal_price_fen, d.deal_on = price_fen, day
        return f"{dd.ROUNDS[r.kind]}成交，成交价{format_money(price_fen)}元", None

    return _step(desk, case_id, item_id, "deal", on, note, change)


@emits("full_payment")
def full_payment(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """买受人全额缴纳价款 (浉河: 财产处置专员当天告知实施团队; 成交裁定 within 3 working days)."""
    change = _dated("paid_on", "价款全额缴纳", "full_payment")
    return _step(desk, case_id, item_id, "pay", on, note, change)


@emits("deal_ruling")
def rule_deal(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """作出拍卖成交裁定（及过户协助执行通知）: the 拍卖 period ends."""
    change = _dated("deal_ruling_on", "作出成交裁定", "deal_ruling")
    return _step(desk, case_id, item_id, "deal_ruling", on, note, change)


@emits()  # 过户/交付 ends the disposal; no profile waits for it
def transfer(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """产权过户/交付买受人: the disposal is complete."""
    change = _dated("transferred_on", "过户/交付完毕", None)
    return _step(desk, case_id, item_id, "transfer", on, note, change)


# --- 腾房 -----------------------------------------------------------------------------------------
@emits("vacate_needed")
def vacate_needed(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """确定需腾房 (汝阳: 查封之日起10日内发出腾房公告; the 10-day disposal node no longer applies)."""
    change = _dated("vacate_needed_on", "确定需腾房", "vacate_needed")
    return _step(desk, case_id, item_id, "vacate_need", on, note, change)


@emits("vacate_notice_published")
def vacate_notice(
    desk: Desk,
    case_id: int,
    *,
    item_id: int | None = None,
    on: date | None = None,
    until: date | None = None,
    note: str = "",
) -> StepDone:
    """发出腾房公告, with the day its period ends (``until``, optional)."""

    def change(s, d, day, state):
        if until is not None and until <= day:
            raise InvalidValue(
                f"腾房期限应晚于公告之日（{day.isoformat()}）：{until.isoformat()}", field="期限", value=until
            )
        d.vacate_notice_on, d.vacate_until = day, until
        tail = f"，限{until.isoformat()}前腾房" if until else ""
        return "发出腾房公告" + tail, "vacate_notice_published"

    return _step(desk, case_id, item_id, "vacate_notice", on, note, change)


@emits("vacate_notice_expired")
def vacate_expired(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """腾房公告期满 (汝阳: 腾房 within 10日 after; the 公告 period of the execution clock ends)."""
    change = _dated("vacate_expired_on", "腾房公告期满", "vacate_notice_expired")
    return _step(desk, case_id, item_id, "vacate_expire", on, note, change)


@emits("vacated")
def vacated(
    desk: Desk, case_id: int, *, item_id: int | None = None, on: date | None = None, note: str = ""
) -> StepDone:
    """腾房完毕."""
    change = _dated("vacated_on", "腾房完毕", "vacated")
    return _step(desk, case_id, item_id, "vacated", on, note, change)
