"""Visible strings of the 初次接待 screen, the case picker and the register/discard modals."""

from __future__ import annotations

SCREEN_TITLE = "初次接待"

# --- keys ---------------------------------------------------------------------------------------
KEY_SAVE = "保存"
KEY_PRINT = "打印笔录"
KEY_PICK = "选择案件"
KEY_REGISTER = "登记新案件"
KEY_CANCEL = "取消"
KEY_DISCARD = "放弃修改"
KEY_KEEP = "继续编辑"

# --- case picker --------------------------------------------------------------------------------
PICK_PLACEHOLDER = "输入案号、当事人姓名或拼音首字母，回车打开（F9 换案件）"
PICK_HINT = "请先选择案件：输入案号或当事人，上下键选择，回车打开；新案件按 Ctrl+N 登记。"
PICK_NONE = "没有找到“{query}”。"
PICK_REGISTER = "案号 {case_no} 尚未登记：按 Ctrl+N 登记新案件。"
PICK_ROW = "{case_no}　{applicant}／{respondent}　{stage}"

# --- form ---------------------------------------------------------------------------------------
MODE_LABEL = "接待方式"
MODE_INTERVIEW = "进行初次接待（谈话笔录）"
MODE_NONE = "未进行初次接待（原因说明）"
REQUIRED_MARK = "＊"
CASE_LINE = "{case_no}　立案 {filed_on}　标的 {claim} 元　执行依据：{basis}"
PARTIES_LINE = "申请执行人：{applicants}　被执行人：{respondents}"
VERSION_NEW = "尚未保存（新笔录）"
VERSION_LINE = "第{version}版，{saved_by} {saved_at} 保存（共{count}版）"
DIRTY_MARK = "　＊有未保存的修改"

# --- outcomes -----------------------------------------------------------------------------------
SAVED = "已保存初次接待笔录（第{version}版）"
SAVED_NONE = "已保存未进行初次接待原因的说明（第{version}版）"
SAVED_TITLE = "已保存"
PROBLEMS = "有{count}处需要更正：{problems}"
PROBLEMS_TOAST = "有 {count} 处需要更正，见表单上方"
PROBLEMS_TITLE = "不能保存"
PRINTED = "已写入 {path}"
PRINT_SAVE_FIRST = "请先保存（Ctrl+S）再打印"
PRINT_NOTHING = "尚无已保存的笔录可打印"
NO_CASE = "请先选择案件（F9）"
REGISTERED = "已登记案件 {case_no}"

# --- modals -------------------------------------------------------------------------------------
DISCARD_TEXT = "初次接待笔录有未保存的修改。按 y 放弃修改并离开，按 n 或 Esc 继续编辑。"
REGISTER_TITLE = "登记新案件"
REGISTER_NOTE = "按本院立案信息填写；Ctrl+S 登记，Esc 取消。"
R_CASE_NO = "案号"
R_FILED_ON = "立案日期"
R_CLAIM = "申请执行标的额（元）"
R_BASIS = "执行依据"
R_APPLICANT = "申请执行人"
R_APPLICANT_ID = "申请执行人证件号码"
R_RESPONDENT = "被执行人"
R_RESPONDENT_ID = "被执行人证件号码"
R_KIND = "类型"
R_PROBLEMS = "有{count}处需要更正：{problems}"
R_NON_LITIGATION = "非诉执行案件（执行期限自立案起3个月）"
CHECKLIST_HINT = "（一个 Tab 停留点：↑/↓ 逐项移动，空格 勾选或取消，Tab 到下一栏）"
