"""Visible strings of the statistics screen (统计报表, F8)."""

from __future__ import annotations

# --- status and notes ---------------------------------------------------------------------------
LOADING = "正在统计 {month}…"
STATUS = "{month} 首执收结案统计　统计日 {as_of}"
STATUS_MONTH_KEYS = "　（[ ] 或 h l 换月）"
NODES = "流程节点：本月到期 {due}　按期完成 {on_time}　超期完成 {late}　仍超期 {open}"
TRIAGE = "繁简分流：简易 {simple}　普通 {ordinary}　特殊 {special}　简转繁 {s2c}　二次分案 {reassign}"
SHORT_NAMES = "完毕率＝执行完毕率，到位率＝实际执行到位率。"
#: the figures whose definitions (domain.statistics.definitions) are shown under the table
DEFINED = ("结案率", "执行完毕率", "终本率", "实际执行到位率")
DEFINITION = "{name}：{text}"

# --- table columns ------------------------------------------------------------------------------
COL_UNIT = "部门"
COL_OLD = "旧存"
COL_NEW = "新收"
COL_CLOSED = "结案"
COL_PENDING = "未结"
COL_CLOSING_RATE = "结案率"
COL_FULL_RATE = "执行完毕率"
COL_ZHONGBEN_RATE = "终本率"
COL_RECOVERED_RATE = "实际执行到位率"
COL_FULL_RATE_SHORT = "完毕率"
COL_RECOVERED_RATE_SHORT = "到位率"
COL_FULL = "执行完毕"
COL_ZHONGBEN = "终本"
COL_CLAIM = "申请标的额"
COL_RECOVERED = "执行到位额"
COL_FAST_RATE = "速执{days}日结案率"
COL_LEGAL_RATE = "{months}个月内结案率"
NO_RATE = "—"

# --- keys ---------------------------------------------------------------------------------------
KEY_PREV_MONTH = "上个月"
KEY_NEXT_MONTH = "下个月"
KEY_WORKBOOK = "导出月度统计工作簿"
KEY_OVERDUE = "导出今日超期报告"

# --- exports ------------------------------------------------------------------------------------
WORKBOOK_STARTED = "正在写 {month} 执行工作统计…"
WORKBOOK_DONE = "月度统计工作簿已写入：{path}"
OVERDUE_STARTED = "正在写今日超期节点报告…"
OVERDUE_DONE = "超期节点报告已写入：{path}（超期 {overdue}　今日到期 {due_today}　临期 {approaching}）"
