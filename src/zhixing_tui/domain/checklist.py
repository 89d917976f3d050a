"""查控 checklist: the items by channel and asset type, their status machine, the documents, the four
service steps, and which events each change emits (DOMAIN §5; 000 §二.2; 002 §一.5–6; 003 §三(二)–(三)).

Pure: no database. An item moves 未发起 → 已发起 → 已反馈（有财产／无财产）→ 已冻结／已查封／已扣划／
委托外地 (:func:`check_move`). The events are of two kinds: an item's own (a seal names the asset
kind, 委托外地 hands the item to the 委托 officer: :func:`item_events`) and the case's milestones,
found by comparing the whole checklist before and after a change (:func:`case_events`: the first
network query started, every network item answered, …), so a milestone is emitted exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..errors import Conflict, InvalidValue
from .money import format_money, parse_money

__all__ = [
    "ASSET_TYPES",
    "CHANNELS",
    "DOCUMENT_KINDS",
    "RESULTS",
    "SERVICE_RESULTS",
    "SERVICE_STEPS",
    "STATUSES",
    "CatalogueItem",
    "DocState",
    "ItemState",
    "allowed_moves",
    "DOCUMENT_EVENTS",
    "ITEM_EVENTS",
    "MILESTONE_EVENTS",
    "case_events",
    "catalogue",
    "awaiting_national",
    "check_amounts",
    "typed_amount",
    "check_attempt",
    "check_move",
    "distinct_asset_totals",
    "document_events",
    "item_events",
    "next_step",
    "served_by",
    "status_text",
]

CHANNELS: dict[str, str] = {"national": "总对总", "local": "点对点", "offline": "线下"}
NETWORK = ("national", "local")

ASSET_TYPES: dict[str, str] = {
    "deposit": "银行存款",
    "online_funds": "网络资金（支付宝、微信）",
    "real_estate": "不动产",
    "vehicle": "车辆",
    "securities": "证券",
    "insurance": "保险",
    "housing_fund": "公积金",
    "tax": "税务",
    "business": "工商登记及股权",
    "land": "土地",
    "equity": "股权",
    "business_archive": "工商档案",
    "site_visit": "实地调查",
}

STATUSES: dict[str, str] = {
    "not_started": "未发起",
    "started": "已发起",
    "feedback": "已反馈",
    "frozen": "已冻结",
    "sealed": "已查封",
    "deducted": "已扣划",
    "delegated": "委托外地",
}
RESULTS: dict[str, str] = {"found": "有财产", "none": "无财产"}
CONTROLLED = ("frozen", "sealed", "deducted", "delegated")
#: the verb of each control, for messages and keys
ACTIONS: dict[str, str] = {"frozen": "冻结", "sealed": "查封", "deducted": "扣划", "delegated": "委托外地"}

#: What can be done with property found, by asset type (tax records, archives and a site visit
#: give information, not property to control).
CONTROLS: dict[str, tuple[str, ...]] = {
    "deposit": ("frozen", "deducted", "delegated"),
    "online_funds": ("frozen", "deducted"),
    "housing_fund": ("frozen", "deducted", "delegated"),
    "insurance": ("frozen", "deducted", "delegated"),
    "securities": ("frozen", "deducted", "delegated"),
    "real_estate": ("sealed", "delegated"),
    "land": ("sealed", "delegated"),
    "vehicle": ("sealed", "delegated"),
    "business": ("frozen", "delegated"),
    "equity": ("frozen", "delegated"),
    "tax": (),
    "business_archive": (),
    "site_visit": (),
}
#: Money: amounts found here are what the triage compares with the claim (deposits and online funds).
MONEY_TYPES = ("deposit", "online_funds")
#: asset type → the seal/freeze asset kind of ``domain.events.ASSET_KINDS`` (its term: deposits 1
#: year, movables 2 years, real estate and other property rights 3 years).
SEAL_KIND: dict[str, str] = {
    "deposit": "deposit",
    "online_funds": "deposit",
    "housing_fund": "deposit",
    "insurance": "other_right",
    "securities": "other_right",
    "real_estate": "real_estate",
    "land": "real_estate",
    "vehicle": "movable",
    "business": "other_right",
    "equity": "other_right",
}


@dataclass(frozen=True)
class CatalogueItem:
    channel: str
    asset_type: str
    label: str
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.channel}.{self.asset_type}"


_N = "000 二.2；003 三(二)5"
_O = "000 二.2；003 三(三)1"
DEFAULT_ITEMS: tuple[CatalogueItem, ...] = (
    CatalogueItem("national", "deposit", "银行存款", _N),
    CatalogueItem("national", "online_funds", "网络资金（支付宝、微信）", _N),
    CatalogueItem("national", "real_estate", "不动产", _N),
    CatalogueItem("national", "vehicle", "车辆", _N),
    CatalogueItem("national", "securities", "证券", _N),
    CatalogueItem("national", "insurance", "保险", _N),
    CatalogueItem("national", "housing_fund", "公积金", _N),
    CatalogueItem("national", "tax", "税务", _N),
    CatalogueItem("national", "business", "工商登记及股权", _N),
    CatalogueItem("local", "real_estate", "本地不动产", "002 一.5"),
    CatalogueItem("offline", "real_estate", "房产", _O),
    CatalogueItem("offline", "land", "土地", _O),
    CatalogueItem("offline", "housing_fund", "公积金", _O),
    CatalogueItem("offline", "vehicle", "车辆", _O),
    CatalogueItem("offline", "equity", "股权", _O),
    CatalogueItem("offline", "business_archive", "工商档案", _O),
    CatalogueItem("offline", "deposit", "银行柜面查询（含配偶账户）", "003 三(三)1"),
    CatalogueItem("offline", "site_visit", "实地调查", "000 二(二)8"),
)


class _SectionItem(Protocol):
    channel: str
    asset_type: str
    label: str
    source: str


class _Section(Protocol):
    items: Sequence[_SectionItem]
    omit: Sequence[str]


def catalogue(section: _Section | None = None) -> list[CatalogueItem]:
    """The items that apply: the defaults, with a profile's ``[checklist]`` items replacing (same
    channel and asset type) or adding, and its ``omit`` keys ("offline.site_visit") left out."""
    items = {i.key: i for i in DEFAULT_ITEMS}
    if section is not None:
        for s in section.items:
            old = items.get(f"{s.channel}.{s.asset_type}")
            items[f"{s.channel}.{s.asset_type}"] = CatalogueItem(
                s.channel,
                s.asset_type,
                s.label or (old.label if old else ASSET_TYPES[s.asset_type]),
                s.source or (old.source if old else ""),
            )
        for key in section.omit:
            items.pop(key, None)
    order = list(CHANNELS)
    return sorted(items.values(), key=lambda i: order.index(i.channel))


# --- the status machine ------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemState:
    """What the rules need of one item."""

    channel: str
    asset_type: str
    status: str = "not_started"
    result: str | None = None

    @property
    def answered(self) -> bool:
        return self.status not in ("not_started", "started")


def status_text(status: str, result: str | None = None) -> str:
    """已反馈（有财产） etc."""
    text = STATUSES.get(status, status)
    if status == "feedback" and result in RESULTS:
        return f"{text}（{RESULTS[result]}）"
    return text


def allowed_moves(item: ItemState) -> list[str]:
    """The statuses the item may move to next (``feedback`` again corrects 无财产 to 有财产)."""
    if item.status == "not_started":
        return ["started", "feedback"]
    if item.status == "started":
        return ["feedback"]
    if item.status == "feedback":
        if item.result == "found":
            return list(CONTROLS.get(item.asset_type, ()))
        return ["feedback"]
    if item.status == "frozen" and "deducted" in CONTROLS.get(item.asset_type, ()):
        return ["deducted"]
    return []


def check_move(item: ItemState, target: str, result: str | None = None) -> ItemState:
    """The item after moving to ``target`` (with ``result`` for feedback), or Conflict in Chinese."""
    if target not in STATUSES:
        raise InvalidValue(f"不认识的查控状态：{target}", field="状态", value=target)
    label = f"{CHANNELS.get(item.channel, item.channel)}·{ASSET_TYPES.get(item.asset_type, item.asset_type)}"
    if target == "feedback":
        if result not in RESULTS:
            raise InvalidValue("反馈结果应为 有财产 或 无财产", field="反馈结果", value=result)
        if item.status == "feedback" and not (item.result == "none" and result == "found"):
            raise Conflict(f"{label}已反馈（{RESULTS.get(item.result or '', '')}），只能把无财产更正为有财产")
    if target not in allowed_moves(item):
        here = status_text(item.status, item.result)
        options = "、".join(STATUSES[t] for t in allowed_moves(item)) or "无（已是最后一步）"
        if target in CONTROLLED and item.status == "feedback" and item.result == "found":
            controls = CONTROLS.get(item.asset_type, ())
            if not controls:
                raise Conflict(f"{label}查得的是信息，不能冻结、查封或扣划")
            raise Conflict(f"{label}不能{ACTIONS[target]}；可以{'、'.join(ACTIONS[t] for t in controls)}")
        raise Conflict(f"{label}当前为「{here}」，不能改为「{STATUSES[target]}」；下一步可为：{options}")
    return ItemState(item.channel, item.asset_type, target, result if target == "feedback" else item.result)


def check_amounts(found_fen: int, controlled_fen: int) -> None:
    """An item never controls more than was found: InvalidValue in Chinese otherwise. A found
    amount of 0 means none was stated (a house, a car), which any control amount may follow."""
    if found_fen > 0 and controlled_fen > found_fen:
        raise InvalidValue(
            f"控制金额 {format_money(controlled_fen)} 元超过查到的 {format_money(found_fen)} 元",
            field="控制金额",
            value=controlled_fen,
        )


#: an item in these states has no answer yet (a 总对总 item here is 待反馈)
UNANSWERED = ("not_started", "started")


def awaiting_national(channel: str, status: str) -> bool:
    """Whether an item is a 总对总 item still waiting for its answer (未发起 or 已发起): the ones
    "总对总均无财产" marks at once, and the count the screen offers it for."""
    return channel == "national" and status in UNANSWERED


def typed_amount(target: str, text: str, *, found_fen: int, controlled_fen: int, field: str) -> int | None:
    """The amount a clerk typed when moving an item to ``target`` (``feedback``/``found``: the
    amount found; ``controlled``: the amount controlled; a control such as ``frozen``: the amount
    frozen), checked against the item's other amount (:func:`check_amounts`).

    Nothing typed means: 0 found (a feedback with property whose value is not stated, a house, a
    car), 0 controlled when the controlled amount is edited, and for a freeze, seal, deduction or
    委托外地 ``None``: the amount found is the amount controlled (the service fills it in).
    ``field`` names the input in an error."""
    text = text.strip()
    if not text:
        return None if target in CONTROLLED else 0
    amount = parse_money(text, field=field)
    if target in ("feedback", "found"):
        check_amounts(amount, controlled_fen)
    else:
        check_amounts(found_fen, amount)
    return amount


def item_events(before: ItemState, after: ItemState) -> list[tuple[str, str | None]]:
    """The item's own events: a seal/freeze (with its asset kind), control, 委托外地."""
    if before.status == after.status:
        return []
    if after.status in ("frozen", "sealed"):
        events: list[tuple[str, str | None]] = [("sealed", SEAL_KIND[after.asset_type])]
        if after.asset_type not in MONEY_TYPES and after.asset_type != "housing_fund":
            events.append(("property_controlled", None))
        return events
    if after.status == "delegated":
        return [("delegation_handed", None)]
    return []


def _milestones(items: Iterable[ItemState]) -> set[str]:
    items = list(items)
    network = [i for i in items if i.channel in NETWORK]
    offline = [i for i in items if i.channel == "offline"]
    core_offline = [i for i in offline if i.asset_type != "site_visit"]
    out: set[str] = set()
    if any(i.status != "not_started" for i in network):
        out.add("national_query_started")
    if network and all(i.answered for i in network):
        out.add("national_query_done")
    if any(i.status != "not_started" for i in offline):
        out.add("offline_query_started")
    if core_offline and all(i.answered for i in core_offline):
        out.update(("offline_query_registered", "offline_done"))
    if any(i.result == "found" and CONTROLS.get(i.asset_type) for i in offline):
        out.add("offline_property_found")
    return out


#: milestone events in the order they are emitted
_MILESTONE_ORDER = (
    "national_query_started",
    "national_query_done",
    "offline_query_started",
    "offline_property_found",
    "offline_query_registered",
    "offline_done",
)


#: every event :func:`item_events` can return
ITEM_EVENTS = ("sealed", "property_controlled", "delegation_handed")
#: every event :func:`case_events` can return
MILESTONE_EVENTS = _MILESTONE_ORDER


def case_events(before: Iterable[ItemState], after: Iterable[ItemState]) -> list[str]:
    """The case milestones reached by a change (present after, absent before)."""
    new = _milestones(after) - _milestones(before)
    return [e for e in _MILESTONE_ORDER if e in new]


# --- documents and service ---------------------------------------------------------------------
DOCUMENT_KINDS: dict[str, str] = {
    "notice": "执行通知书",
    "property_order": "报告财产令",
    "declaration": "财产申报表",
    "ruling": "执行裁定书",
    "consumption_ban": "限制消费令",
    "seal_ruling": "查封、扣押、冻结裁定",
}
DOC_STATUSES: dict[str, str] = {"pending": "待制作", "made": "已制作", "served": "已送达"}
#: 000 §二.2: 执行通知书、财产报告令、财产申报表、执行裁定书 made and served together.
NOTICE_SET = ("notice", "property_order", "declaration", "ruling")

SERVICE_STEPS: dict[str, str] = {
    "phone": "电话通知来院领取",
    "mail": "邮寄送达",
    "direct": "直接送达",
    "notice": "公告送达",
}
ADDRESS_KINDS = ("户籍地", "暂住地", "工商登记地")
SERVICE_RESULTS: dict[str, str] = {
    "served": "已送达",
    "failed": "未能送达",
    "returned": "邮件退回",
    "refused": "拒收（已拍照、签字确认）",
}


@dataclass(frozen=True)
class DocState:
    kind: str
    status: str = "pending"


def document_events(before: Iterable[DocState], after: Iterable[DocState]) -> list[str]:
    """Case events reached by a document change: notices sent, the notice set served, 限消令 issued."""

    def reached(docs: Iterable[DocState]) -> set[str]:
        by_kind = {d.kind: d.status for d in docs}
        out: set[str] = set()
        if all(by_kind.get(k) in ("made", "served") for k in ("notice", "property_order")):
            out.add("notices_sent")
        if all(by_kind.get(k) == "served" for k in NOTICE_SET):
            out.add("notices_served")
        if by_kind.get("consumption_ban") in ("made", "served"):
            out.add("consumption_ban_issued")
        return out

    new = reached(after) - reached(before)
    return [e for e in DOCUMENT_EVENTS if e in new]


#: every event :func:`document_events` can return, in the order it returns them
DOCUMENT_EVENTS = ("notices_sent", "notices_served", "consumption_ban_issued")


def served_by(step: str, result: str) -> bool:
    """Whether an attempt serves the document (a refusal at direct service, photographed, does)."""
    return result == "served" or (step == "direct" and result == "refused")


def check_attempt(
    step: str, result: str, *, address_kind: str = "", note: str = "", earlier: Sequence[tuple[str, str]] = ()
) -> None:
    """One service attempt against the four steps (003 §三(三)2); ``earlier`` = (step, result) pairs."""
    if step not in SERVICE_STEPS:
        raise InvalidValue(
            f"送达方式应为 {'、'.join(SERVICE_STEPS.values())} 之一", field="送达方式", value=step
        )
    if result not in SERVICE_RESULTS:
        raise InvalidValue(
            f"送达结果应为 {'、'.join(SERVICE_RESULTS.values())} 之一", field="送达结果", value=result
        )
    if step == "mail" and address_kind not in ADDRESS_KINDS:
        raise InvalidValue(
            f"邮寄送达须写明地址类别：{'、'.join(ADDRESS_KINDS)}", field="地址类别", value=address_kind
        )
    if result == "returned" and step != "mail":
        raise InvalidValue("只有邮寄送达才有“邮件退回”", field="送达结果", value=result)
    if result == "refused" and step != "direct":
        raise InvalidValue("“拒收（拍照签字确认）”只用于直接送达", field="送达结果", value=result)
    if step == "notice":
        if not any(r in ("failed", "returned") for _, r in earlier):
            raise Conflict("公告送达须在电话、邮寄或直接送达未能送达之后进行")
        if not note.strip():
            raise InvalidValue("公告送达须写明被执行人下落不明的证据材料", field="说明", value=note)
    if any(served_by(s, r) for s, r in earlier):
        raise Conflict("该文书已送达，无须再次送达")


def next_step(earlier: Sequence[tuple[str, str]]) -> str | None:
    """The step the seed prescribes next: 电话 → 邮寄 → 直接 → 公告 (None once served)."""
    if any(served_by(s, r) for s, r in earlier):
        return None
    if not earlier:
        return "phone"
    last = earlier[-1][0]
    order = list(SERVICE_STEPS)
    return order[min(order.index(last) + 1, len(order) - 1)]


def distinct_asset_totals(items: Iterable[tuple[str, int, int]]) -> tuple[int, int]:
    """Totals (found, controlled) in 分 of checklist lines ``(asset_type, found, controlled)``,
    counting each asset once.

    The checklist has one line per channel × asset type, so the same 不动产 or 存款 found by both
    点对点 and 总对总 is on two lines with the same amount; a 查控实有情况表's 合计 adds each asset
    type once, at the most any channel found (and controlled) of it."""
    found: dict[str, int] = {}
    controlled: dict[str, int] = {}
    for asset_type, f, c in items:
        found[asset_type] = max(found.get(asset_type, 0), f)
        controlled[asset_type] = max(controlled.get(asset_type, 0), c)
    return sum(found.values()), sum(controlled.values())
