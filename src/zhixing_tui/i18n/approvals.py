"""Visible strings of the approvals screen's 待审批事项 lane (every kind of Approval) and the
rejection dialog. The handoff queue and the 台账 keep their strings in ``i18n.board``."""

from __future__ import annotations

#: Approval.kind → Chinese
KIND_NAMES = {
    "travel": "出差查找",
    "related_cases": "类案集中",
    "simple_to_complex": "简转繁",
    "extension": "延长执行期限",
    "no_detention": "不予拘留",
    "resumption": "恢复执行",
    "late_payout": "案款逾期发放",
}

KEY_REJECT = "不批准"

STATUS = "待审批事项 {total} 件（出差、类案集中、简转繁等）"
STATUS_ROLE = "　当前操作人：{role}"
STATUS_NOT_ON_ROSTER = "　当前操作人不在人员名册中，不能审批"

COL_KIND = "事项"
COL_CASE_NO = "案号"
COL_DETAIL = "内容"
COL_LEVEL = "审批级别"
COL_BY = "申请人"
COL_AT = "申请时间"

# --- the highlighted request's details ----------------------------------------------------------
FORM_TITLE = "{kind}　{case_no}"
FORM_WHO = "{by} 于 {at} 提出，须由{level}（或更高职级）审批"
OR = "或"
FORM_CANNOT = "当前操作人（{role}）无权审批此事项：需要{level}"
TRAVEL = "{scope}　{destination}　{purpose}"
RELATED = "建议交{team}办理（关联案件 {n} 件）"
RELATED_CASE = "{case_no}（{team}）：{reasons}"
S2C = "{team}　立案已{days}日（期限{limit}日）"
S2C_REASON = "原因：{reason}"
EXTENSION = "延长执行期限{period}（现届满日 {due}）"
EXTENSION_REASON = "特殊情况：{reason}"
S2C_NO_REASON = "原因：到期未结，系统自动提出"
OTHER_ITEM = "{key}：{value}"
NO_DETENTION = "被执行人 {party}　特殊情况：{reason}"
NO_DETENTION_SOURCE = "依据：{source}"
LATE_PAYOUT = "案款 {amount}元（{payer}，{arrived} 到账，期限 {due}）　理由：{reason}"

# --- deciding -----------------------------------------------------------------------------------
DECIDED_APPROVE = "已批准{kind}：{case_no}"
DECIDED_REJECT = "已不予批准{kind}：{case_no}（{note}）"

REJECT_TITLE = "不予批准　{case_no}"
REJECT_PROMPT = "不予批准的理由（必填，记入审批记录和审计）："
REJECT_PLACEHOLDER = "如：理由不充分，请补充材料后再报"
REJECT_EMPTY = "请写明不予批准的理由"

RESUMPTION = "恢复执行申请（{received_on} 收到）：{reason}"
RESUMPTION_STEP = "本级：{step}"
