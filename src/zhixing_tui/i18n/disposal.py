"""Strings of 财产处置: the ``zhixing disposal`` commands, the 评估工作交接表 command and the
case's 财产处置 screen with its dialog."""

from __future__ import annotations

from typing import Any

# --- CLI ------------------------------------------------------------------------------------------
HELP_DISPOSAL = "财产处置：已查封、冻结的财产进入处置，评估/询价/议价、参考价、拍卖（一拍、二拍、变卖）、成交、成交裁定、腾房、过户/交付"
HELP_START = "已控制的财产进入财产处置阶段（案件只有一项待处置财产时可不写 --item）"
HELP_VALUE = "启动当事人议价、定向询价、网络询价或委托评估（--method）"
HELP_PRICE = "确定财产处置参考价（--amount，元）"
HELP_HANDOVER = "确定参考价后将材料移交拍卖（汝阳：移交执行事务中心综合组）"
HELP_AUCTION = (
    "拍卖：拍卖裁定（ruling）、公告发布上网（notice，一拍、流拍后二拍、再流拍后变卖）、公告送达（serve）"
)
HELP_AUCTION_RULING = "作出拍卖裁定（拍卖期间起不计入执行期限）"
HELP_AUCTION_NOTICE = "拍卖（变卖）公告发布上网：开始下一轮（一拍、二拍、变卖）"
HELP_AUCTION_SERVE = "拍卖公告送达当事人及利害关系人"
HELP_FAIL = "本轮流拍（--end：拍卖、变卖程序终结未成交；变卖流拍时自动终结）"
HELP_END = "流拍后不再拍卖、变卖：程序终结（未成交）"
HELP_DEAL = "本轮成交（--price 成交价，元）"
HELP_PAY = "买受人全额缴纳价款"
HELP_RULING = "作出拍卖成交裁定（及过户协助执行通知）"
HELP_TRANSFER = "产权过户/交付买受人：处置完毕"
HELP_VACATE = "腾房：确定需腾房（need）、发出腾房公告（notice）、公告期满（expire）、腾房完毕（done）"
HELP_VACATE_NEED = "确定需腾房（汝阳：查封之日起10日内发出腾房公告）"
HELP_VACATE_NOTICE = "发出腾房公告（--until 公告所定的腾房期限，可不写）"
HELP_VACATE_EXPIRE = "腾房公告期满"
HELP_VACATE_DONE = "腾房完毕"
HELP_LIST = "列出一案进入财产处置的财产及各步骤"
HELP_METHOD = "参考价确定方式：当事人议价、定向询价、网络询价、委托评估"
HELP_OWNERSHIP = "权属状况（评估工作交接表，可不写）"
HELP_OCCUPANCY = "占有使用情况（评估工作交接表，可不写）"
HELP_AMOUNT = "参考价（元），如 1,200,000.00"
HELP_DEAL_PRICE = "成交价（元）"
HELP_FAIL_END = "拍卖、变卖程序同时终结（未成交）"
HELP_UNTIL = "腾房期限（YYYY-MM-DD）"
HELP_ON = "日期（YYYY-MM-DD），默认今天"
HELP_NOTE = "说明（可不写）"

DONE = "已记录：{case_no}　{summary}"
DONE_MOVE = "已提交移送：{label}（待审批）"
DONE_START = "已进入财产处置：{case_no}　{label}　{on}"

LIST_EMPTY = "{case_no} 没有进入财产处置的财产"
LIST_HEAD = "{case_no} 财产处置（{count} 项）"
LIST_ITEM = "查控项目 {item_id}　{label}　{status}"
LIST_STEP = "　{name}：{value}"
LIST_NEXT = "　可记录：{steps}"
LIST_ROUND = "{name}：公告 {published}{served}{result}"
LIST_SERVED = "，送达 {on}"
LIST_FAILED = "，流拍 {on}"
LIST_SOLD = "，成交 {on}"
STEP_SEPARATOR = "、"

F_STARTED = "进入处置"
F_VALUATION = "议价/询价/评估"
F_PRICE = "参考价"
F_HANDOVER = "移交拍卖"
F_RULING = "拍卖裁定"
F_ROUNDS = "拍卖轮次"
F_DEAL = "成交"
F_PAID = "全额缴款"
F_DEAL_RULING = "成交裁定"
F_TRANSFER = "过户/交付"
F_ENDED = "程序终结（未成交）"
F_VACATE = "腾房"
VALUE_ON_METHOD = "{on}　{method}"
VALUE_MONEY = "{money} 元（{on}）"
VACATE_TEXT = "需腾房 {need}{notice}{expired}{done}"
VACATE_NOTICE = "，公告 {on}"
VACATE_EXPIRED = "，期满 {on}"
VACATE_DONE = "，腾房完毕 {on}"

#: step code (domain.disposal.STEPS) → the short name shown as "可记录"
STEP_NAMES = {
    "start": "进入处置",
    "value": "启动评估/询价",
    "price": "参考价",
    "handover": "移交拍卖",
    "ruling": "拍卖裁定",
    "notice": "拍卖公告",
    "serve": "公告送达",
    "fail": "流拍",
    "end": "程序终结",
    "deal": "成交",
    "pay": "全额缴款",
    "deal_ruling": "成交裁定",
    "transfer": "过户/交付",
    "vacate_need": "需腾房",
    "vacate_notice": "腾房公告",
    "vacate_expire": "腾房公告期满",
    "vacated": "腾房完毕",
}


def _day(d: Any) -> str:
    return d.isoformat() if d else ""


def round_text(r: Any) -> str:
    """``一拍：公告 2026-12-08，送达 2026-12-09，流拍 2026-12-10``."""
    result = ""
    if r.result == "failed":
        result = LIST_FAILED.format(on=_day(r.result_on))
    elif r.result == "sold":
        result = LIST_SOLD.format(on=_day(r.result_on))
    served = LIST_SERVED.format(on=_day(r.served_on)) if r.served_on else ""
    return LIST_ROUND.format(name=r.name, published=_day(r.published_on), served=served, result=result)


def detail_pairs(v: Any, money: Any) -> list[tuple[str, str]]:
    """The steps recorded on a disposal (a ``services.disposal.DisposalView``) as (label, value);
    ``money`` formats 分 as 元."""
    pairs: list[tuple[str, str]] = []
    if v.vacate_needed_on:
        pairs.append(
            (
                F_VACATE,
                VACATE_TEXT.format(
                    need=_day(v.vacate_needed_on),
                    notice=VACATE_NOTICE.format(on=_day(v.vacate_notice_on)) if v.vacate_notice_on else "",
                    expired=VACATE_EXPIRED.format(on=_day(v.vacate_expired_on))
                    if v.vacate_expired_on
                    else "",
                    done=VACATE_DONE.format(on=_day(v.vacated_on)) if v.vacated_on else "",
                ),
            )
        )
    if v.started_on:
        pairs.append((F_STARTED, _day(v.started_on)))
    if v.valuation_started_on:
        pairs.append((F_VALUATION, VALUE_ON_METHOD.format(on=_day(v.valuation_started_on), method=v.method)))
    if v.reference_price_fen is not None:
        pairs.append(
            (F_PRICE, VALUE_MONEY.format(money=money(v.reference_price_fen), on=_day(v.reference_price_on)))
        )
    for label, day in ((F_HANDOVER, v.handed_over_on), (F_RULING, v.auction_ruling_on)):
        if day:
            pairs.append((label, _day(day)))
    for r in v.rounds:
        pairs.append((F_ROUNDS, round_text(r)))
    if v.deal_price_fen is not None:
        pairs.append((F_DEAL, VALUE_MONEY.format(money=money(v.deal_price_fen), on=_day(v.deal_on))))
    for label, day in (
        (F_PAID, v.paid_on),
        (F_DEAL_RULING, v.deal_ruling_on),
        (F_TRANSFER, v.transferred_on),
        (F_ENDED, v.ended_on),
    ):
        if day:
            pairs.append((label, _day(day)))
    return pairs


def next_text(steps: Any) -> str:
    return STEP_SEPARATOR.join(STEP_NAMES.get(s, s) for s in steps)


# --- print: 评估工作交接表 --------------------------------------------------------------------------
HELP_PRINT_VALUATION = (
    "写出一项财产的《评估工作交接表》（浉河 003 三(六)2：移送评估前调查权属、占有使用情况，移交财产处置组）"
)
HELP_PRINT_CASE_NO = "案号"
HELP_PRINT_ITEM = "查控项目编号（案件只有一项处置中的财产时可不写）"
HELP_PRINT_OUT = "输出文件（默认 exports/法院简称-评估工作交接表-案号.docx）"

# --- TUI ------------------------------------------------------------------------------------------
KEY_DISPOSAL = "财产处置"
SCREEN = "财产处置"
TITLE = "{case_no}　财产处置"
LOADING = "正在读取…"
EMPTY = "尚无进入处置的财产：按 s 使已查封、冻结的财产进入处置"
COUNT = "共 {total} 项"
KEY_START = "进入处置"
KEY_NEXT = "记录下一步"
KEY_PRINT = "评估工作交接表"
KEY_REFRESH = "刷新"
COL_ITEM = "项目"
COL_LABEL = "财产"
COL_STATUS = "进度"
COL_PRICE = "参考价"
COL_DEAL = "成交价"
COL_NEXT = "可记录"
NO_NEXT = "这项财产没有可记录的步骤"
NO_CANDIDATE = "没有已查封、冻结而尚未进入处置的财产"
STEP_TITLE = "{label}：记录处置步骤"
F_STEP = "步骤"
F_DATE = "日期（YYYY-MM-DD）"
F_METHOD = "参考价确定方式（启动议价/询价/评估时）"
F_AMOUNT = "金额（元；参考价或成交价）"
F_UNTIL = "腾房期限（发出腾房公告时，可不写）"
F_END = "流拍时终结拍卖、变卖程序"
F_NOTE = "说明（可不写）"
#: the disposal service's names of the step dialog's fields (InvalidValue.field) → the field's widget
STEP_FIELDS = {
    "步骤": "disposal-step",
    "日期": "disposal-date",
    "方式": "disposal-method",
    "金额": "disposal-amount",
    "期限": "disposal-until",
    "说明": "disposal-note",
}
START_TITLE = "进入财产处置"
F_ITEM = "财产"
PRINTED = "已写出：{path}"
