"""Visible strings of 执行措施: the ``zhixing measure`` commands and the measures screen/dialogs."""

from __future__ import annotations

# --- CLI help -----------------------------------------------------------------------------------
HELP_APP = "执行措施：限制消费、失信、罚款、拘留、边控、约谈、终本约谈、搜查、悬赏的采取、录入、解除与查看。"
HELP_ADD = "对案件采取一项执行措施（写明决定日期、文书字号；拘留写天数，罚款、悬赏写金额）。"
HELP_ENTER = "记录失信、限消决定录入系统的日期（浉河：决定后一个工作日内录入）。"
HELP_LIFT = "解除一项仍在执行的措施：限消、边控“解除”，失信“删除/屏蔽/撤销”，悬赏“撤销”。"
HELP_LIST = "列出案件的全部执行措施（编号、种类、对象、日期、文书字号、状态）。"
HELP_DECLINE = "报请批准不予拘留（监利：案情特殊不适用拘留的报局长批准）。"
HELP_CASE_NO = "案号，如 （2026）豫0326执123号（半角括号也可）"
HELP_KIND = "措施种类：限制消费（限消）、失信、罚款、拘留、边控、约谈、终本约谈、搜查、悬赏"
HELP_MEASURE_ID = "措施编号（见 zhixing measure list）"
HELP_DATE = "日期 YYYY-MM-DD（默认今天）"
HELP_DOC = "文书字号（决定书、限制消费令等；约谈可不填）"
HELP_PARTY = "对象的姓名或名称（本案只有一名被执行人时可不填；终本约谈为申请执行人）"
HELP_DAYS = "拘留天数（1至15日）"
HELP_AMOUNT = "金额（元）：罚款或悬赏金"
HELP_NOTE = "备注"
HELP_VERB = "解除方式：解除、删除、屏蔽、撤销"
DEFAULT_VERB = "解除"
HELP_REASON = "理由"
HELP_LIFT_DOC = "解除（撤销）文书字号；屏蔽、删除可不填"

# --- CLI output ---------------------------------------------------------------------------------
ADDED = "已记录：{case_no}　{text}（编号 {id}）"
ENTERED = "已记录录入：{case_no}　措施编号 {id}　{on}"
LIFTED = "已{verb}：{case_no}　措施编号 {id}　状态：{state}"
DECLINED = "已报请{level}批准不予拘留：{case_no}（审批编号 {id}）"
NO_MEASURES = "{case_no} 尚无执行措施"
NOT_OF_CASE = "案件 {case_no} 没有编号为 {id} 的执行措施"
COL_ID = "编号"
COL_KIND = "种类"
COL_PARTY = "对象"
COL_DECIDED = "决定日期"
COL_DOC = "文书字号"
COL_DETAIL = "内容"
COL_STATE = "状态"
COL_ENTERED = "录入日期"
COL_LIFT = "解除"
DAYS = "{days}日"
YUAN = "{amount}元"
LIFT_TEXT = "{on} {reason}"
NONE = "—"

# --- the measures screen ------------------------------------------------------------------------
SCREEN = "执行措施"
TITLE = "执行措施　{case_no}"
COUNT = "共 {total} 项，在执行 {active} 项"
EMPTY = "尚无执行措施，按 a 新增"
CLOSED = "案件已结案，不能新增执行措施（在执行的措施仍可解除）"
LOADING = "正在读取……"
KEY_ADD = "新增措施"
KEY_LIFT = "解除"
KEY_ENTER = "录入"
KEY_REFRESH = "刷新"
KEY_MEASURES = "执行措施"
DONE_ADD = "已记录：{text}"
DONE_LIFT = "已{verb}{kind}"
DONE_ENTER = "已记录{kind}录入（{on}）"
CANNOT_LIFT = "该措施不能解除（一次性措施，或已解除）"
CANNOT_ENTER = "只有尚未录入的失信、限消决定需要录入"

# --- the dialogs --------------------------------------------------------------------------------
ADD_TITLE = "新增执行措施　{case_no}"
LIFT_TITLE = "解除执行措施　{what}"
F_KIND = "种类"
F_PARTY = "对象"
F_DATE = "日期（YYYY-MM-DD）"
F_DOC = "文书字号"
F_DAYS = "拘留天数（1至15日）"
F_AMOUNT = "金额（元，罚款或悬赏）"
F_NOTE = "备注"
F_VERB = "解除方式"
F_REASON = "理由"
BAD_DAYS = "拘留天数应为整数：{text}"
#: the measures service's names of the dialogs' fields (InvalidValue.field) → the field's widget
ADD_FIELDS = {
    "措施种类": "measure-kind",
    "当事人": "measure-party",
    "决定日期": "measure-date",
    "文书字号": "measure-doc",
    "拘留天数": "measure-days",
    "金额": "measure-amount",
}
LIFT_FIELDS = {
    "解除方式": "lift-verb",
    "解除日期": "lift-date",
    "理由": "lift-reason",
    "文书字号": "lift-doc",
}
