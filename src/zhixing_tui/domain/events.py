"""The event vocabulary: what can happen to a case, as ASCII codes with Chinese names.

Deadline rules (流程节点) name events: the *anchor* that starts a node's clock and the events
that *complete* (or cancel) it. Services that record something on a case call
``services.deadlines.nodes.apply_event(…, event=<code>, subject=…)``; the ``subject`` narrows an event
where it needs it (a stage code for ``stage_entered``/``stage_left``, an asset kind for
``sealed``/``renewed``/``released``).
"""

from __future__ import annotations

from ..errors import InvalidValue

#: event code → Chinese name (as staff read it on the timeline and in the node table)
EVENTS: dict[str, str] = {
    # 立案、收案、初次接待
    "filed": "立案",
    "received": "收案登记",
    "intake_done": "初次接待完成",
    # 网络查控（总对总 / 点对点）
    "national_query_started": "发起网络查控（总对总/点对点）",
    "national_query_done": "网络查控完成（反馈）",
    "feedback_printed": "打印查控反馈表",
    "online_handed": "线上查控完成并移交线下组",
    # 格式化文书与送达
    "notices_sent": "发出执行通知书、报告财产令",
    "notices_served": "执行通知书等文书制作并送达",
    "service_by_notice": "公告送达（发出公告）",
    # 传统 / 线下查控
    "offline_query_started": "启动传统查控",
    "offline_query_registered": "完成传统查控登记",
    "offline_done": "完成传统（线下）查控及送达",
    "offline_property_found": "线下调查发现需控制的财产",
    # 分流与移交
    "triage_done": "繁简分流完成",
    "transferred": "移交实施团队",
    "handoff_decided": "作出二次分案决定",
    "reassigned": "移交新的实施团队",
    "simple_to_complex": "简转繁审批通过",
    "stage_entered": "进入阶段",
    "handoff_submitted": "报送流转审批",
    "handoff_approved": "流转审批通过",
    "handoff_returned": "流转退回整改",
    "stage_left": "移出阶段",
    # 实施
    "first_round_started": "启动首轮传统查控",
    "no_property_found": "首轮查控后判断无财产可供执行",
    "measures_taken": "采取限消/失信/强制措施",
    "dishonest_decided": "作出失信/限消决定",
    "dishonest_entered": "失信/限消信息录入",
    "consumption_ban_issued": "发布限制消费令",
    "zhongben_interview": "终本约谈",
    # 财产控制与处置
    "property_controlled": "控制财产（查封/扣押/冻结）",
    "sealed": "查封/冻结/扣押",
    "renewed": "续封/续冻",
    "released": "解除查封/冻结",
    "vacate_needed": "确定需腾房",
    "vacate_notice_published": "发出腾房公告",
    "vacate_notice_expired": "腾房公告期满",
    "vacated": "腾房完毕",
    "disposal_started": "进入财产处置",
    "valuation_started": "启动议价/询价/评估",
    "reference_price_set": "确定财产处置参考价",
    "handed_to_auction": "移交综合组办理拍卖",
    "auction_ruling": "作出拍卖裁定",
    "auction_notice_published": "拍卖公告发布上网",
    "auction_notice_served": "拍卖公告送达",
    "full_payment": "拍卖款全额缴纳",
    "deal_ruling": "作出拍卖成交裁定",
    "auction_failed": "流拍且拍卖、变卖程序终结（未成交）",
    # 案款
    "money_arrived": "案款到账",
    "money_claimed": "案款认领",
    "money_paid_out": "案款发放",
    # 委托
    "delegation_needed": "发现辖区外财产需委托",
    "delegation_handed": "移交事项委托专员",
    "delegation_sent": "发出事项委托",
    "delegation_arrived": "外院委托到达",
    "delegation_received": "接收受托事项",
    "delegation_done": "受托事项办结",
    # 恢复执行、中止
    "resumption_requested": "收到恢复执行申请材料",
    "resumption_decided": "作出恢复执行/不予立案决定",
    "resumption_filed": "恢复执行立案（执恢案件）",
    "suspended": "中止/暂缓执行",
    "resumed": "恢复执行（中止/暂缓结束）",
    "extension_approved": "延长执行期限获批",
    # 卷宗
    "materials_returned": "外出办案返回单位",
    "materials_submitted": "纸质材料移送卷宗管理中心",
    "files_scanned": "扫描上传并命名编目",
    "file_borrowed": "借出卷宗",
    "borrow_reason_ended": "借卷事由消失",
    "file_returned": "归还卷宗",
    "image_file_done": "电子卷宗转为影像卷宗",
    # 结案
    "closed": "结案",
}

#: events whose ``subject`` is a stage code
STAGE_EVENTS = frozenset({"stage_entered", "stage_left"})
#: events whose ``subject`` is an asset kind (see :data:`ASSET_KINDS`)
SEAL_EVENTS = frozenset({"sealed", "renewed", "released"})

#: asset kinds of a seal/freeze, with their Chinese names
ASSET_KINDS: dict[str, str] = {
    "deposit": "银行存款",
    "movable": "动产",
    "real_estate": "不动产",
    "other_right": "其他财产权",
}


def is_event(code: str) -> bool:
    return code in EVENTS


def event_name(code: str) -> str:
    """The Chinese name of an event code (the code itself when unknown)."""
    return EVENTS.get(code, code)


def require_event(code: str, *, field: str = "事件") -> str:
    """``code`` when it is a known event, else InvalidValue naming it."""
    if code not in EVENTS:
        raise InvalidValue(
            f"{field}不认识：{code}（应为 domain/events.py 中的事件代码）", field=field, value=code
        )
    return code


__all__ = [
    "ASSET_KINDS",
    "EVENTS",
    "SEAL_EVENTS",
    "STAGE_EVENTS",
    "event_name",
    "is_event",
    "require_event",
]
