"""Strings of the 终本案件库: ``zhixing zhongben`` (定期查询, 恢复执行), ``zhixing report zhongben`` and
the 终本案件库 screen."""

from __future__ import annotations

# --- zhixing zhongben ---------------------------------------------------------------------------
HELP_APP = "终本案件库：终本后每六个月的定期网络查控（五年内）、恢复执行申请与审查。"
HELP_CASE_NO = "以终本结案的案件的案号，如 （2026）豫0326执123号（半角括号也可）"
HELP_DATE = "日期，如 2027-03-05（默认今天）"
HELP_REQUERY = (
    "记录一次终本案件定期查询（网络查控，法〔2016〕373号第九条第二款）：完成本期查询节点并生成下一期；"
    "未用 --found 时各网络查控项目均记为无财产"
)
HELP_FOUND = "查得财产的项目及金额，如 --found 银行存款=1234.50（可重复；房产、车辆等写 =0）"
HELP_REQUEST = "登记恢复执行申请（收到申请材料之日起算审查期限）"
HELP_REASON = "申请理由，如申请执行人提供的财产线索"
HELP_DECIDE = "审查恢复执行申请（按本院审批流程逐级；最后一级同意即立执恢案件并与原案关联）"
HELP_APPROVE = "同意（--approve）或不同意（--reject，须写 --note 理由）"
HELP_NOTE = "审查意见；不予恢复执行时必填"

FOUND_FORMAT = "--found 应写成 项目=金额，如 银行存款=1234.50：{value}"
REQUERY_DONE = "已记录 {case_no} 的终本定期查询（{on}，网络查控 {answered} 项）：{outcome}"
REQUERY_NONE = "未发现可供执行的财产"
REQUERY_FOUND = "发现财产：{items}"
REQUERY_COMPLETED = "完成节点：{names}"
REQUERY_CREATED = "下一期：{names}"
REQUERY_NO_NODE = "没有待完成的定期查询节点"
REQUESTED = "已登记 {case_no} 的恢复执行申请（审批编号 {id}），待{step}"
DECIDED_STEP = "{case_no} 恢复执行申请{step}通过，待{next}"
DECIDED_YES = "{case_no} 予以恢复执行：已立案 {new_case_no}（与原案关联）"
DECIDED_NO = "{case_no} 不予恢复执行（不予立案）"

# --- zhixing report zhongben --------------------------------------------------------------------
REPORT_HELP = """\
终本管理组的定期查询报告：截至某日，终本案件中定期网络查控 超期、今日到期、临期
（到期前1个月内）的，以及终本后新发现财产而尚未恢复执行的案件；终本日期近的在前。
依据《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第九条第二款：
终本后五年内每六个月查询一次，到期日按结案日起第6、12……60个月计算（遇休息日顺延）。

\b
退出码：
  0  没有超期的定期查询
  1  有超期的定期查询
  2  出错（日期无效、数据库无法打开、文件无法写入等）

\b
--json 输出（UTF-8）：
  {"as_of": 截至日期, "total": 终本案件数, "needs_action": 需处理数,
   "overdue": 超期数, "due_today": 今日到期数, "approaching": 临期数, "new_property": 新发现财产数,
   "rows": [{"case_no": 案号, "respondents": 被执行人, "closed_on": 终本日期,
             "team": 组/团队, "handler": 承办人, "next_requery": 下次查询节点, "next_due": 到期日,
             "status": "overdue"|"due_today"|"approaching"|"pending"|null, "status_name": 状态中文,
             "status_text": 如 超期2天, "days": 天数, "last_requery_on": 上次查询日期,
             "new_property": 是否新发现财产, "new_property_text": "有"|"",
             "resumption_pending": 是否有待审查的恢复执行申请, "resumption_text": "待审查"|"",
             "resumed_by": 执恢案号}]}

\b
--xlsx 工作簿：一张案件表和一张“说明”；先写临时文件再改名。
"""

# --- the 终本案件库 screen ----------------------------------------------------------------------
SCREEN_TITLE = "终本案件库"
KEY_REFRESH = "刷新"
KEY_ACTION = "只看需处理"
KEY_REQUEST = "恢复执行申请"
KEY_NEXT = "下一页"
KEY_PREV = "上一页"
STATUS = "终本案件 {total} 件　第 {page}/{pages} 页　截至 {as_of}"
STATUS_ACTION = "需处理的终本案件 {total} 件　第 {page}/{pages} 页　截至 {as_of}"
EMPTY = "没有以终本结案的案件"
COL_STATUS = "定期查询"
COL_CASE_NO = "案号"
COL_RESPONDENTS = "被执行人"
COL_CLOSED = "终本日期"
COL_DUE = "下次到期"
COL_LAST = "上次查询"
COL_FOUND = "新发现财产"
COL_RESUME = "恢复执行"
COL_HANDLER = "承办人"
FOUND_YES = "有"
RESUME_PENDING = "待审查"
NONE = "—"
SERIES_OVER = "已满五年"
REQUEST_TITLE = "恢复执行申请　{case_no}"
REQUEST_DATE = "收到申请日期"
REQUEST_REASON = "申请理由"
REQUEST_REASON_HINT = "如申请执行人提供的财产线索"
REQUEST_REASON_EMPTY = "请填写申请理由"
#: the resumption service's names of the dialog's fields (InvalidValue.field) → the field's widget
REQUEST_FIELDS = {"收到日期": "resume-date", "申请理由": "resume-reason"}
REQUEST_DONE = "已登记恢复执行申请：{case_no}"

# --- the case detail: linked cases ---------------------------------------------------------------
F_RELATED = "关联案件"
RELATED_ITEM = "{case_no}（{reason}）"
