"""财产处置: which controlled property enters disposal, and the order of its steps (pure).

汝阳 000 §二(二)10: 控制财产之日起10日内进入财产处置阶段 — property that was sealed or frozen to be
sold (房产、土地、车辆、股权、证券、保险 …). Money (存款、网络资金、公积金) is deducted (扣划), not
disposed of; that is the same line :func:`domain.checklist.item_events` draws for
``property_controlled``. 涉及腾房的：查封之日起10日内发出腾房公告，公告期限届满10日内腾房完毕.

The steps of one asset (:data:`STEPS`), in the order 《最高人民法院关于人民法院确定财产处置参考价
若干问题的规定》 and 《最高人民法院关于人民法院网络司法拍卖若干问题的规定》 give them and the seeds
time them (000 §二(二)10–11; 003 三(六)2–8; 004 第四组):

进入处置 → 启动议价/询价/评估 → 确定参考价 → (汝阳：移交综合组) → 拍卖裁定 → 一拍公告发布 → 公告送达
→ 流拍 → 二拍 … 变卖 → 成交 → 全额缴款 → 成交裁定 → 过户/交付; or, after a 流拍, the procedure ends
without a sale. 腾房 (需腾房 → 公告 → 公告期满 → 腾房完毕) runs beside it. :func:`check_step` says
whether a step may be recorded now and from which day (a step is never dated before the one it
follows); it raises :class:`~zhixing_tui.errors.Conflict` in Chinese when it may not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import Conflict, InvalidValue
from .checklist import MONEY_TYPES

__all__ = [
    "ROUNDS",
    "STEPS",
    "VALUATION_METHODS",
    "DisposalState",
    "RoundState",
    "check_step",
    "disposable",
    "next_round",
    "next_steps",
    "parse_method",
    "status_name",
]

#: money-like assets: deducted, never auctioned
_NOT_DISPOSED = (*MONEY_TYPES, "housing_fund")

#: how the reference price is found (参考价规定 第二条): 当事人议价、定向询价、网络询价、委托评估
VALUATION_METHODS: dict[str, str] = {
    "bargain": "当事人议价",
    "directed": "定向询价",
    "online": "网络询价",
    "appraisal": "委托评估",
}

#: the rounds of sale, in order (网拍规定 第二十六条: 流拍后再次拍卖；再次拍卖流拍的，可以变卖)
ROUNDS: dict[str, str] = {"first": "一拍", "second": "二拍", "sale": "变卖"}

#: step code → its Chinese name (and the event it records, if any)
STEPS: dict[str, str] = {
    "start": "进入财产处置",
    "value": "启动议价/询价/评估",
    "price": "确定处置参考价",
    "handover": "移交拍卖",
    "ruling": "作出拍卖裁定",
    "notice": "发布拍卖（变卖）公告",
    "serve": "送达拍卖公告",
    "fail": "流拍",
    "end": "拍卖、变卖程序终结（未成交）",
    "deal": "成交",
    "pay": "全额缴纳价款",
    "deal_ruling": "作出成交裁定",
    "transfer": "过户/交付",
    "vacate_need": "确定需腾房",
    "vacate_notice": "发出腾房公告",
    "vacate_expire": "腾房公告期满",
    "vacated": "腾房完毕",
}


def disposable(asset_type: str, status: str) -> bool:
    """Whether a checklist item in ``status`` is controlled property that can enter disposal."""
    return status in ("sealed", "frozen") and asset_type not in _NOT_DISPOSED


def parse_method(text: str) -> str:
    """A valuation method by code or Chinese name (``appraisal`` / ``委托评估`` / ``评估``)."""
    t = text.strip()
    for code, name in VALUATION_METHODS.items():
        if t in (code, name):
            return code
    found = [code for code, name in VALUATION_METHODS.items() if len(t) >= 2 and name.endswith(t)]
    if len(found) == 1:  # 评估, 议价; not 询价 (定向 or 网络?)
        return found[0]
    options = "、".join(VALUATION_METHODS.values())
    raise InvalidValue(f"不认识的参考价确定方式：{t}（可选：{options}）", field="方式", value=text)


@dataclass(frozen=True)
class RoundState:
    kind: str  # a code of ROUNDS
    published_on: date
    served_on: date | None = None
    result: str = ""  # "" | failed | sold
    result_on: date | None = None


@dataclass(frozen=True)
class DisposalState:
    """What has been recorded for one asset (the dates of the steps done)."""

    controlled_on: date | None = None
    started_on: date | None = None
    valuation_started_on: date | None = None
    reference_price_on: date | None = None
    handed_over_on: date | None = None
    auction_ruling_on: date | None = None
    rounds: tuple[RoundState, ...] = ()
    deal_on: date | None = None
    paid_on: date | None = None
    deal_ruling_on: date | None = None
    transferred_on: date | None = None
    ended_on: date | None = None
    vacate_needed_on: date | None = None
    vacate_notice_on: date | None = None
    vacate_until: date | None = None
    vacate_expired_on: date | None = None
    vacated_on: date | None = None

    @property
    def current_round(self) -> RoundState | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def finished(self) -> bool:
        """Sold and handed over, or ended without a sale: no further disposal step."""
        return self.transferred_on is not None or self.ended_on is not None


def next_round(state: DisposalState) -> str | None:
    """The round a new 公告 opens: 一拍 first, the next after a 流拍, None when none can follow."""
    last = state.current_round
    if last is None:
        return "first"
    if last.result != "failed":
        return None
    order = list(ROUNDS)
    i = order.index(last.kind)
    return order[i + 1] if i + 1 < len(order) else None


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _need(value: object, message: str) -> None:
    if value is None or value is False:
        raise Conflict(message)


def _not(value: object, message: str) -> None:
    if value is not None and value is not False:
        raise Conflict(message)


def _then(before: date | None, missing: str, this: object, done: str, since: str) -> tuple[date | None, str]:
    """A step that follows one other: refused while that one (``before``) is missing or once this
    one is done; dated not before ``before``."""
    _need(before, missing)
    _not(this, done)
    return before, since


def check_step(state: DisposalState, step: str) -> tuple[date | None, str]:
    """May ``step`` be recorded now? Returns the earliest day it may carry and the name of what
    that day is (for the refusal of an earlier date); raises Conflict when it is out of order."""
    s = state
    r = s.current_round
    if step in ("vacate_need", "vacate_notice", "vacate_expire", "vacated"):
        return _check_vacate(s, step)
    if step == "start":
        _not(s.started_on, "已进入财产处置")
        return s.controlled_on, "控制财产之日"
    _need(s.started_on, "尚未进入财产处置")
    if step != "transfer":
        _not(s.ended_on, "拍卖、变卖程序已终结（未成交）")
        _not(s.transferred_on, "已过户/交付，处置已完毕")
    if step == "value":
        _not(s.valuation_started_on, "已启动议价/询价/评估")
        return s.started_on, "进入财产处置之日"
    if step == "price":
        _need(s.valuation_started_on, "尚未启动议价/询价/评估")
        _not(s.reference_price_on, "已确定处置参考价")
        return s.valuation_started_on, "启动议价/询价/评估之日"
    if step == "handover":
        _need(s.reference_price_on, "尚未确定处置参考价，不能移交拍卖")
        _not(s.handed_over_on, "已移交拍卖")
        _not(s.auction_ruling_on, "已作出拍卖裁定")
        return s.reference_price_on, "确定参考价之日"
    if step == "ruling":
        _need(s.reference_price_on, "尚未确定处置参考价，不能作出拍卖裁定")
        _not(s.auction_ruling_on, "已作出拍卖裁定")
        return _latest(s.reference_price_on, s.handed_over_on), "确定参考价（移交拍卖）之日"
    if step == "notice":
        _need(s.auction_ruling_on, "尚未作出拍卖裁定，不能发布拍卖公告")
        if r is not None and r.result == "":
            raise Conflict(f"{ROUNDS[r.kind]}尚未结束（未流拍也未成交）")
        _not(s.deal_on, "已成交")
        if next_round(s) is None:
            raise Conflict("变卖已流拍，没有下一轮；请终结拍卖、变卖程序")
        if r is None:
            return s.auction_ruling_on, "拍卖裁定之日"
        return r.result_on, f"{ROUNDS[r.kind]}流拍之日"
    if step == "serve":
        _need(r, "尚未发布拍卖公告")
        assert r is not None
        _not(r.served_on, f"{ROUNDS[r.kind]}公告已送达")
        if r.result:
            raise Conflict(f"{ROUNDS[r.kind]}已{'流拍' if r.result == 'failed' else '成交'}")
        return r.published_on, "公告发布之日"
    if step in ("fail", "deal"):
        _need(r, "尚未发布拍卖公告")
        assert r is not None
        if r.result:
            raise Conflict(f"{ROUNDS[r.kind]}已{'流拍' if r.result == 'failed' else '成交'}")
        return r.published_on, "公告发布之日"
    if step == "end":
        if r is None or r.result != "failed":
            raise Conflict("尚未流拍，不能终结拍卖、变卖程序")
        return r.result_on, "流拍之日"
    if step == "pay":
        return _then(s.deal_on, "尚未成交", s.paid_on, "已全额缴纳价款", "成交之日")
    if step == "deal_ruling":
        _need(s.deal_on, "尚未成交，不能作出成交裁定")
        _need(s.paid_on, "价款尚未全额缴纳，不能作出成交裁定")
        _not(s.deal_ruling_on, "已作出成交裁定")
        return s.paid_on, "全额缴款之日"
    if step == "transfer":
        _not(s.transferred_on, "已过户/交付")
        _need(s.deal_ruling_on, "尚未作出成交裁定，不能过户/交付")
        return s.deal_ruling_on, "成交裁定之日"
    raise InvalidValue(f"不认识的处置步骤：{step}", field="步骤", value=step)


def _check_vacate(s: DisposalState, step: str) -> tuple[date | None, str]:
    if step == "vacate_need":
        _not(s.vacate_needed_on, "已确定需腾房")
        _not(s.ended_on, "拍卖、变卖程序已终结（未成交）")
        _not(s.transferred_on, "已过户/交付，处置已完毕")
        return s.controlled_on, "控制财产之日"
    if step == "vacate_notice":
        return _then(
            s.vacate_needed_on, "尚未确定需腾房", s.vacate_notice_on, "已发出腾房公告", "确定需腾房之日"
        )
    if step == "vacate_expire":
        _need(s.vacate_notice_on, "尚未发出腾房公告")
        _not(s.vacate_expired_on, "腾房公告已期满")
        if s.vacate_until is not None:
            return s.vacate_until, "公告所定的腾房期限"
        return s.vacate_notice_on, "腾房公告之日"
    return _then(s.vacate_expired_on, "腾房公告尚未期满", s.vacated_on, "已腾房完毕", "腾房公告期满之日")


def next_steps(state: DisposalState) -> tuple[str, ...]:
    """The steps that may be recorded now, in :data:`STEPS` order."""
    out = []
    for step in STEPS:
        try:
            check_step(state, step)
        except Conflict:
            continue
        out.append(step)
    return tuple(out)


def status_name(state: DisposalState) -> str:
    """Where the asset stands, in a word or two (for lists)."""
    s, r = state, state.current_round
    if s.transferred_on:
        return "已过户/交付"
    if s.ended_on:
        return "流拍，程序终结"
    if s.deal_ruling_on:
        return "已作出成交裁定"
    if s.paid_on:
        return "已全额缴款"
    if s.deal_on:
        return "已成交"
    if r is not None:
        if r.result == "failed":
            return f"{ROUNDS[r.kind]}流拍"
        return f"{ROUNDS[r.kind]}中" + ("（公告已送达）" if r.served_on else "")
    if s.auction_ruling_on:
        return "已作出拍卖裁定"
    if s.handed_over_on:
        return "已移交拍卖"
    if s.reference_price_on:
        return "已确定参考价"
    if s.valuation_started_on:
        return "评估/询价中"
    if s.started_on:
        return "已进入处置"
    return "待进入处置（腾房）"
