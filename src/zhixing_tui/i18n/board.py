"""Visible strings of the handoff board (流转看板), the approval queue (审批) and their modals."""

from __future__ import annotations

# --- board --------------------------------------------------------------------------------------
BOARD_LOADING = "正在载入看板…"
BOARD_STATUS = "在办 {total} 件　超限 {over} 件　待审批 {awaiting} 件"
BOARD_FILTERS = "　筛选：{filters}"
FILTER_HANDLER = "承办人 {name}"
FILTER_OVER = "只看超限"
FILTER_AWAITING = "只看待审批"
COLUMN_TITLE = "{name} {total}"  # the count always shows: the name is cut first
COLUMN_LIMIT = "限{limit}"
COLUMN_NO_LIMIT = "无时限"
COLUMN_OVER = "超{over}"
COLUMN_AWAITING = "批{awaiting}"
COLUMN_PAGE = "{page}/{pages}"
COLUMN_EMPTY = "（无案件）"
CARD_DAYS = "{days}天"
CARD_DAYS_LIMIT = "{days}天/{limit}"
CARD_PENDING = "批"
CARD_NO_RESPONDENT = "（未录被执行人）"
#: a card's 案号 without the court's code, from longest to shortest: 2025执1675号, 1675号·25执,
#: 执1675号, 1675号 (``yy`` is the year's last two digits)
CARD_CASE_NO_FORMS = ("{year}{kind}{number}号", "{number}号·{yy}{kind}", "{kind}{number}号", "{number}号")
CASE_NO_END = "号"  # the last character of a 案号: （2026）鄂1088执12号

KEY_LEFT = "左一组"
KEY_RIGHT = "右一组"
KEY_DOWN = "下一件"
KEY_UP = "上一件"
KEY_MOVE_LEFT = "移送左组"
KEY_MOVE_RIGHT = "移送右组"
KEY_JUMP = "移送到…"
KEY_CLOSE_CASE = "报结案"
KEY_TRAVEL = "申请出差查找"
KEY_OPEN = "打开案件"
KEY_REFRESH = "刷新"
KEY_FILTER_HANDLER = "按承办人"
KEY_FILTER_OVER = "只看超限"
KEY_FILTER_AWAITING = "只看待审批"
KEY_DISTRIBUTE = "组内分案"

NO_MOVE = "{stage}没有可移送的相邻组"
NO_TARGETS = "{stage}没有可移送的组"
ALREADY_PENDING = "案件 {case_no} 已有待审批的移送，请等待指挥监控组审批"
SUBMITTED = "已提交：{case_no} {label}，等待审批"
MOVED = "已移送：{case_no} → {stage}"
CLOSE_SUBMITTED = "已报结案审查：{case_no}（{method}）"
TRAVEL_SUBMITTED = "已申请出差：{case_no}，{scope}"
DISTRIBUTED = "已在{unit}内分案 {n} 件：{detail}"
DISTRIBUTED_MEMBER = "{name} {n} 件"
DISTRIBUTED_NONE = "{unit}没有待分配的案件"
DISTRIBUTE_TITLE = "{unit}平均分案"
DISTRIBUTE_CONFIRM = "将 {n} 件分给 {m} 名组员，确定？\n组员：{members}\n（按本月已分案数最少者优先、随机抽签；承办人变更，阶段计时不变）"
KEY_CONFIRM = "确定"
CONFIRM_HINT = "y 或回车确定，n 或 Esc 取消"

# --- pick a target ------------------------------------------------------------------------------
PICK_TITLE = "移送　{case_no}"
PICK_PROMPT = "从「{stage}」移送到：（上下键选择，回车提交，Esc 取消）"
PICK_OPTION = "{stage}　{label}"
PICK_APPROVAL = "（报指挥监控审批）"
PICK_FORM = "　附《{form}》"
PICK_NOTE = "备注（可不填）"
KEY_SUBMIT = "提交"
KEY_CANCEL = "取消"

# --- return with a reason -----------------------------------------------------------------------
RETURN_TITLE = "退回整改　{case_no}"
RETURN_PROMPT = "退回原因（必填，记入台账）："
RETURN_PLACEHOLDER = "如：实有情况表未经组长签字"
RETURN_EMPTY = "请写明退回原因"

# --- close a case -------------------------------------------------------------------------------
CLOSE_TITLE = "报结案审查　{case_no}"
CLOSE_METHOD = "结案方式"
CLOSE_CLAIM = "申请执行标的额 {claim} 元"
CLOSE_AMOUNT = "结案标的额（元）"
CLOSE_RECOVERED = "执行到位金额（元）"
CLOSE_ABANDONED = "申请人放弃金额（元）"
CLOSE_REASON = "结案理由（可不填）"
CLOSE_MISSING = "终本条件尚缺（须补齐才能以终本结案）："
CLOSE_READY = "终本条件（法定条件与本院清单）均已具备："
CLOSE_CONDITION_MET = "✓ {name}：{evidence}"
CLOSE_CONDITION_MISSING = "✗ {name}：{evidence}（{citation}）"
CLOSE_CONDITION_OVERRIDDEN = "△ {name}：局长已决定（{evidence}）"
CLOSE_LAW_SHORT = "法〔2016〕373号"
CLOSE_ZHONGBEN_REFUSED = "终本条件不具备，不能以终本结案；尚缺：{missing}"
CLOSE_HINT = "Tab 切换输入，Ctrl+S 提交，Esc 取消"
#: the closing method whose conditions (终本条件) must all be met; as the profiles name it
CLOSE_MISSING_SEP = "；"
KEY_SAVE = "提交"

# --- travel -------------------------------------------------------------------------------------
TRAVEL_TITLE = "申请出差查找被执行人　{case_no}"
TRAVEL_SCOPE = "出差范围（决定审批人）"
TRAVEL_DESTINATION = "目的地"
TRAVEL_PURPOSE = "事由"
TRAVEL_PURPOSE_DEFAULT = "查找被执行人"

# --- handler filter -----------------------------------------------------------------------------
HANDLER_TITLE = "按承办人筛选"
HANDLER_ALL = "（全部承办人）"
HANDLER_OPTION = "{name}　{cases} 件"

# --- approvals ----------------------------------------------------------------------------------
APPROVALS_QUEUE = "待审批流转 {total} 件"
APPROVALS_LEDGER = "退回整改台账 {total} 件"
APPROVALS_LOADING = "正在载入…"
APPROVALS_NOT_MONITOR = "当前操作人（{role}）不能审批流转；可查看和导出台账。"
OWN_HANDOFF = "这是当前操作人本人提交的移送：须由指挥监控组的其他人员审批。"
OWN_REQUEST = "这是当前操作人本人提交的申请：须由其他有权人员审批。"
COL_CASE_NO = "案号"
COL_FROM = "移出"
COL_TO = "移入"
COL_WHAT = "事项"
COL_BY = "提交人"
COL_AT = "提交时间"
COL_DECIDED_BY = "审批人"
COL_REASON = "退回原因"
CLOSING_REVIEW = "结案审查"
FORM_NONE = "（无随附表格）"
FORM_ITEM = "{channel}　{asset}　{status}　查到 {found}　控制 {controlled}"
FORM_TOTAL = "合计：查到 {found} 元，控制 {controlled} 元"
FORM_CLOSE = "结案方式：{method}　结案标的 {closing} 元　到位 {recovered} 元　放弃 {abandoned} 元"
FORM_NOTE = "备注：{note}"
KEY_APPROVE = "批准"
KEY_RETURN = "退回整改"
KEY_SWITCH = "切换列表"  # 待审批流转 → 退回整改台账 → 待审批事项
KEY_EXPORT = "导出台账"
APPROVED = "已批准：{case_no} {what}"
RETURNED = "已退回整改：{case_no}"
EXPORTED = "台账已导出：{path}"
LEDGER_FILE = "流转退回整改台账_{day:%Y%m%d}.xlsx"  # under exports/
CHANNELS = {"national": "总对总", "local": "点对点", "offline": "线下"}
