"""Visible strings of the app shell: header, navigation, search, case detail, home, modals."""

from __future__ import annotations

APP_NAME = "执行事务中心桌面"
COURT_UNKNOWN = "（未初始化法院配置）"

# --- header -------------------------------------------------------------------------------------
HEADER_OPERATOR = "操作人：{name}"
HEADER_NO_OPERATOR = "操作人：未选择"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# --- screens (registry titles) ------------------------------------------------------------------
SCREEN_HOME = "今日概况"
SCREEN_INTAKE = "初次接待"
SCREEN_QUERY = "查控"
SCREEN_TRIAGE = "繁简分流"
SCREEN_BOARD = "流转看板"
SCREEN_OVERDUE = "超期预警"
SCREEN_APPROVALS = "审批"
SCREEN_STATS = "统计报表"
SCREEN_SEARCH = "案件查询"
SCREEN_CASE = "案件详情"
SCREEN_OPERATOR = "选择操作人"

# --- bindings (descriptions shown in the footer and the help) -----------------------------------
KEY_QUIT = "退出"
KEY_HELP = "帮助"
KEY_SEARCH = "查询案件"
KEY_PALETTE = "命令"
KEY_OPERATOR = "切换操作人"
KEY_BACK = "返回"
KEY_CLOSE = "关闭"
KEY_REFRESH = "刷新"
KEY_OPEN = "打开案件"
KEY_NEXT_PAGE = "下一页"
KEY_PREV_PAGE = "上一页"
KEY_FOCUS_INPUT = "输入查询"
KEY_FOCUS_LIST = "转到列表"
KEY_DOWN = "下移"
KEY_UP = "上移"
KEY_SHOW_SCREEN = "转到{title}"
KEY_CANCEL = "取消"
KEY_SUBMIT = "提交"
UNSAVED_TITLE = "放弃未保存的修改？"
UNSAVED_DIALOG = "对话框"
UNSAVED_CLOSE = "「{where}」中已输入的内容尚未保存。按 y 放弃并关闭，按 n 或 Esc 继续编辑。"
UNSAVED_QUIT = "「{where}」有未保存的修改。按 y 放弃修改并退出，按 n 或 Esc 继续编辑。"
UNSAVED_SWITCH = "「{where}」有未保存的修改。按 y 放弃修改并离开，按 n 或 Esc 继续编辑。"
UNSAVED_OPERATOR = "「{where}」有未保存的修改。按 y 放弃修改并切换操作人，按 n 或 Esc 继续编辑。"

# --- command palette ----------------------------------------------------------------------------
PALETTE_PLACEHOLDER = "输入命令或案号、当事人、拼音首字母…"
PALETTE_NO_MATCHES = "没有符合的命令或案件"
CMD_SCREEN = "界面：{title}"
CMD_SCREEN_HELP = "转到「{title}」界面"
CMD_CASE = "案件：打开 {case_no}　{applicant}／{respondent}"
CMD_CASE_HELP = "{stage}　{unit}"
CMD_DO_MONTHLY = "办理：导出月报"
CMD_DO_MONTHLY_HELP = "在统计报表中导出上月的月度执行工作统计（.xlsx）"
CMD_DO_OVERDUE = "办理：超期报告"
CMD_DO_OVERDUE_HELP = "在统计报表中写出今天的超期报告（与每晚的超期报告同一查询）"
CMD_DO_PRINT_INTAKE = "办理：打印笔录"
CMD_DO_PRINT_INTAKE_HELP = "在初次接待中打印当前案件的初次接待谈话笔录（.docx）"
CMD_REGISTER = "案件：登记新案件"
CMD_REGISTER_HELP = "立案登记一件尚未录入的案件，然后在初次接待中打开"
CMD_QUIT = "系统：退出"
CMD_QUIT_HELP = "关闭执行事务中心桌面"
CMD_THEME = "系统：配色"
CMD_THEME_HELP = "更换界面配色"
CMD_OPERATOR = "系统：切换操作人"
CMD_OPERATOR_HELP = "从人员名册中选择当前操作人"
CMD_HELP = "系统：帮助"
CMD_HELP_HELP = "当前界面的用途和按键"

# --- search screen ------------------------------------------------------------------------------
SEARCH_PLACEHOLDER = "案号、当事人或拼音首字母，如 zs、(2026)豫0326执12"
SEARCH_COUNT = "共 {total} 件　第 {page}/{pages} 页"
SEARCH_COUNTING = "计数中…　第 {page} 页"
SEARCH_NONE = "没有符合「{query}」的案件"
SEARCH_LOADING = "查询中…"

COL_CASE_NO = "案号"
COL_APPLICANT = "申请执行人"
COL_RESPONDENT = "被执行人"
COL_CLAIM = "标的额（元）"
COL_STAGE = "阶段"
COL_UNIT = "部门"
COL_HANDLER = "承办人"
COL_STATUS = "状态"
COL_FILED = "立案日期"
COL_TIME = "时间"
COL_OPERATOR = "操作人"
COL_WHAT = "事项"
COL_COUNT = "件数"

STATUS = {"open": "在办", "closed": "已结", "suspended": "中止"}
PARTY_ROLE = {"applicant": "申请执行人", "respondent": "被执行人"}
PARTY_KIND = {"person": "自然人", "company": "企业", "organ": "机关", "other_org": "其他组织"}
TRIAGE_CLASS = {"simple": "简易", "ordinary": "普通", "special": "特殊"}
UNASSIGNED = "未分配"
NONE = "—"

# --- case detail --------------------------------------------------------------------------------
CASE_INFO = "案件信息"
CASE_TIMELINE = "经过（审计记录，按时间先后）"
CASE_TIMELINE_COUNT = "共 {total} 条　第 {page}/{pages} 页"
CASE_TIMELINE_EMPTY = "尚无审计记录"
CASE_LOADING = "载入中…"
F_FILED = "立案日期"
F_RECEIVED = "收案日期"
F_BASIS = "执行依据"
F_CAUSE = "案由"
F_CLAIM = "申请执行标的额"
F_RECOVERED = "执行到位金额"
F_STAGE = "当前阶段"
F_STAGE_SINCE = "进入阶段"
F_UNIT = "承办部门"
F_HANDLER = "承办人"
F_TRIAGE = "繁简分类"
F_STATUS = "状态"
F_CLOSED = "结案日期"
F_CLOSING_METHOD = "结案方式"
F_CLOSING_AMOUNT = "结案标的额"
F_ABANDONED = "申请人放弃标的额"
F_CLOSING_REASON = "结案说明"
F_ID_NUMBER = "证件号"
F_PHONE = "电话"
F_ADDRESS = "地址"
YUAN = "{amount} 元"

# --- home ---------------------------------------------------------------------------------------
HOME_DUE_TODAY = "今日到期"
HOME_OVERDUE = "已超期"
HOME_APPROACHING = "临期"
HOME_AWAITING = "待审批"
HOME_OPEN_TOTAL = "在办案件"
HOME_NODE_UNIT = "{n} 个节点"
HOME_CASE_UNIT = "{n} 件"
HOME_BY_STAGE = "在办案件·按阶段"
HOME_BY_UNIT = "在办案件·按部门"
HOME_KEYS = "功能键"

# --- operator picker ----------------------------------------------------------------------------
OPERATOR_PROMPT = "请选择当前操作人（输入姓名或拼音首字母筛选，回车选定）"
OPERATOR_PLACEHOLDER = "姓名或拼音首字母，如 zs"
OPERATOR_EMPTY = "名册中没有符合的人员"
OPERATOR_NO_ROSTER = "人员名册为空：请先用 zhixing init 建库并建立名册（或 zhixing import staff 导入）"
OPERATOR_CHOSEN = "当前操作人：{name}"
OPERATOR_LOGIN_TITLE = "登录：选择操作人"
OPERATOR_QUIT_HINT = "回车选定后输入密码；Esc 退出程序"
OPERATOR_CHANGE_HINT = "回车选定后输入密码；Esc 取消，沿用当前操作人"
#: Esc on the login at start: nobody is logged in, the app ends (the footer says so, as the hint does)
KEY_QUIT_APP = "退出程序"
DEMO_PASSWORD_HINT = "演示数据库：所有人员的密码均为 demo"

# --- password -----------------------------------------------------------------------------------
SCREEN_PASSWORD = "输入密码"
PASSWORD_PROMPT = "{name}（{role}），请输入密码后回车"
PASSWORD_PLACEHOLDER = "密码"
PASSWORD_EMPTY = "请输入密码"
PASSWORD_HINT = "回车登录；Esc 返回重选操作人"
KEY_LOGIN = "登录"
OPERATOR_STAFF_SEP = "　"  # between a person's name, title and unit in the roster

# --- help ---------------------------------------------------------------------------------------
HELP_KEY = "键"
HELP_ACTION = "作用"
HELP_KEY_OR = " 或 "
HELP_GLOBAL = "任何界面均可用"
HELP_NOT_NOW = "（此时不适用）"
HELP_CLOSE_HINT = "按 Esc 或 F1 关闭"
HELP_TITLE = "帮助：{title}"

# --- errors -------------------------------------------------------------------------------------
ERROR_TITLE = "出错了"
ERROR_UNEXPECTED = "意外错误：{error}"
#: a dialog's refusal whose message does not name the field it is about
FIELD_ERROR = "{field}：{message}"

# 案件详情: printed node table (执行流程节点表, 固始 002 二.13)
KEY_PRINT_NODES = "打印节点表"
CASE_PRINTED = "已写入 {path}"
NO_CASE_ON_ROW = "这一行没有关联的案件，无法打开"
