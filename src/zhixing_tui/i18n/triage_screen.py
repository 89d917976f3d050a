"""Strings of the 繁简分流 queue screen and its modals."""

from __future__ import annotations

# --- keys ----------------------------------------------------------------------------------------
KEY_ACCEPT = "接受建议"
KEY_OVERRIDE = "改判"
KEY_FACTS = "填写事实"
KEY_RELATED = "关联案件"
KEY_NEXT_PAGE = "下一页"
KEY_PREV_PAGE = "上一页"
KEY_CONFIRM = "确定"
KEY_CANCEL = "取消"
KEY_SAVE = "保存"
KEY_PROPOSE = "报请类案集中"
KEY_DOWN = "下移"
KEY_UP = "上移"

# --- list ----------------------------------------------------------------------------------------
COL_CASE_NO = "案号"
COL_RESPONDENT = "被执行人"
COL_CLAIM = "标的额"
COL_WAITING = "等待"
COL_DEADLINE = "期限"
COL_MARKS = "标记"
DAYS = "{days}天"
MARK_FACTS = "事实"
MARK_RELATED = "待批"

LOADING = "正在读取待分流案件……"
STATUS = "待分流 {total} 件 · 第 {page}/{pages} 页"
STATUS_EMPTY = "没有等待繁简分流的案件"
STATUS_NO_TRIAGE = "本院不实行立案后的一次性繁简分流（没有繁简分流阶段）"
STATUS_READ_ONLY = "　{operator}（{role}）无权作出分流决定，只能查看、填写事实"
STATUS_NOT_ON_ROSTER = "　操作人「{operator}」不在人员名册中，只能查看"

# --- the suggestion ------------------------------------------------------------------------------
DETAIL_TITLE = "系统建议"
DETAIL_TITLE_CASE = "系统建议 · {case_no}"
LINE_CASE = "案件："
DETAIL_LOADING = "正在读取建议……"
DETAIL_NONE = "选择左侧案件查看系统建议"
LINE_PARTIES = "申请人 {applicant}　被执行人 {respondent}"
LINE_AMOUNTS = "标的额 {claim} 元 · 立案 {filed} · 收案 {received}"
LINE_WAITING = "已等待 {days} 天（{since} 进入{stage}）"
LINE_DEADLINE = "分流期限 {due}（{name}）"
LINE_NO_DEADLINE = "本院没有分流期限节点"
DUE_LEFT = "尚余 {days} 天"
DUE_TODAY = "今日到期"
DUE_OVER = "已超期 {days} 天"
LINE_FACTS = "事实（来源）"
LINE_RELATED = "关联案件 {count} 件（按 r 查看）"
LINE_RELATED_TEAM = "建议交{team}集中办理，须报执行局长审批"
LINE_RELATED_PENDING = "类案集中建议已报执行局长，待审批"
LINE_DECIDED = "本案已作出分流决定"

# --- results -------------------------------------------------------------------------------------
DONE = "{case_no}：{cls}，分至{team}"
DONE_DRAW = "（{draw}）"
DONE_OVERRIDDEN = "（改判：{reason}）"
FACTS_SAVED = "{case_no}：已保存繁简分流事实"
FACTS_UNCHANGED = "事实没有改变"
RELATED_PROPOSED = "{case_no}：类案集中建议已报执行局长审批"
RELATED_NONE = "没有由其他团队办理的关联案件，无需类案集中"

# --- accept modal --------------------------------------------------------------------------------
ACCEPT_TITLE = "接受建议：{case_no}"
ACCEPT_CLASS = "类别：{cls}"
ACCEPT_TEAM = "分至：{team}"
ACCEPT_POOL = "在 {pool} 中平均随机分案（记录抽签）"
ACCEPT_POOL_SEP = "、"
ACCEPT_HINT = "y 或 回车 确定　n 或 Esc 取消"

# --- override modal ------------------------------------------------------------------------------
OVERRIDE_TITLE = "改判：{case_no}"
OVERRIDE_SUGGESTED = "系统建议：{cls}，{route}"
OVERRIDE_CLASS = "类别"
OVERRIDE_TEAM = "团队"
OVERRIDE_BY_ROUTE = "按该类别的分案路径"
OVERRIDE_REASON = "改判理由（必填，记入分流决定）"
OVERRIDE_REASON_PLACEHOLDER = "如：被执行人已当场履行，属简易案件"
OVERRIDE_NEED_REASON = "必须写明改判理由"
OVERRIDE_SAME = "类别和团队与系统建议相同：请按 a 接受建议"
OVERRIDE_HINT = "Tab 切换　回车 确定　Esc 取消"

# --- facts modal ---------------------------------------------------------------------------------
FACTS_TITLE = "繁简分流事实：{case_no}"
FACTS_HINT = "空格 勾选　Ctrl+S 保存　Esc 取消"
FACTS_NONE = "本院的繁简分流标准没有需要填写的是否事实"
FACTS_SOURCE = "（{source}）"

# --- related modal -------------------------------------------------------------------------------
RELATED_TITLE = "关联案件：{case_no}"
RELATED_EMPTY = "没有关联的在办案件"
RELATED_HINT_PROPOSE = "回车 打开案件　p 报请类案集中　Esc 关闭"
RELATED_HINT = "回车 打开案件　Esc 关闭"
RELATED_REASON_SEP = "、"
COL_REASONS = "关联原因"
COL_TEAM = "承办团队"
NO_TEAM = "未分案"
OVERRIDE_TEAM_UNUSUAL = (
    "注意：按本院分流规则，{cls}类案件由{teams}办理，不由{team}办理。确需如此，请再按 Ctrl+S 提交。"
)
