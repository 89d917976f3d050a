"""Visible strings of the overdue alerts screen (超期预警) and the 督办 modal."""

from __future__ import annotations

# --- the screen ---------------------------------------------------------------------------------
LOADING = "载入中…"
STATUS_LINE = "截至 {as_of}　超期 {overdue}　今日到期 {due_today}　临期 {approaching}"
PAGE_LINE = "　共 {total} 项　第 {page}/{pages} 页"
EMPTY = "没有超期、今日到期或临期的节点"
FILTER_LINE = "　筛选：{filters}"
FILTER_TEAM = "组/团队 {name}"
FILTER_PERSON = "承办人 {name}"
FILTER_NODE = "节点 {name}"

COL_STATUS = "状态"
COL_DAYS = "天数"
COL_CASE_NO = "案号"
COL_NODE = "节点"
COL_TEAM = "组/团队"
COL_HANDLER = "承办人"
COL_DUE = "到期日"
COL_SOURCE = "依据"

DAYS_OVERDUE = "超{days}天"
DAYS_TODAY = "今天"
DAYS_LEFT = "剩{days}天"
NOBODY = "—"
URGED_MARK = "【已督办{count}次】"
NODE_WITH_NOTE = "{node}（{note}）"
#: a node the page lists more than once for a case (two arrivals of 案款): the moment each started from
NODE_SINCE = "{at} 起算"

KEY_TEAM = "按组"  # short: at 80 columns the footer keeps u, o and F1 beside the filters
KEY_PERSON = "按人"
KEY_NODE = "按节点"
KEY_CLEAR = "清除筛选"
KEY_URGE = "督办"
KEY_PRINT = "打印节点表"

# --- filter picker ------------------------------------------------------------------------------
PICK_TEAM = "按组/团队筛选"
PICK_PERSON = "按承办人筛选"
PICK_NODE = "按节点类型筛选"
PICK_ALL = "（全部）"
KEY_CANCEL = "取消"

# --- 督办 ---------------------------------------------------------------------------------------
URGE_TITLE = "督办　{case_no}"
URGE_NODE = "节点：{node}（{status}，到期 {due}）"
URGE_WHO = "被督办人（上下键选择）"
URGE_ABOUT = "督办事项"
URGE_NOTE = "备注（回车提交）"
URGE_ABOUT_DEFAULT = "请尽快完成：{node}"
URGE_ABOUT_EMPTY = "督办事项不能为空"
URGE_NOBODY = "（不指定个人）"
URGE_DONE = "已督办 {who}：{about}"
KEY_SUBMIT = "提交"
PRINTED = "已写入 {path}"
