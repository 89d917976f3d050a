"""Strings of the 委托 register: ``zhixing delegation …`` (beyond ``send``) and its screen."""

from __future__ import annotations

HELP_NEED = "登记辖区外财产需委托（已反馈有财产的查控项目；3个工作日内移交委托专员）"
HELP_REPLY = "登记受托法院的反馈"
HELP_FINISH = "本院委托办结（反馈材料移交实施团队）"
HELP_ARRIVE = "登记外院委托到达（受托事项；涉及本院案件时用 --case 关联）"
HELP_RECEIVE = "接收受托事项（当日接收）"
HELP_DONE = "受托事项办结并回复委托法院（三日内）"
HELP_LIST = "列出未办结的委托（本院委托与受托事项），含已过天数与期限"
HELP_ID = "委托编号（见 zhixing delegation list）"
HELP_TEXT = "反馈或回复内容"
HELP_FROM_COURT = "委托法院"
HELP_MATTER = "委托事项（如 冻结存款、查封不动产、送达）"
HELP_THEIR_NO = "委托法院案号或委托编号"
HELP_CASE = "关联的本院案号（可不写）"
HELP_DIRECTION = "只列 out（本院委托）或 in（受托事项）"
HELP_PLACE = "财产所在地法院（可不写）"

DONE_NEED = "已登记需委托：{case_no}　查控项目 {item}　委托编号 {id}　{on}"
DONE_REPLY = "已登记反馈：委托编号 {id}"
DONE_FINISH = "已办结：委托编号 {id}"
DONE_ARRIVE = "已登记受托事项：编号 {id}　{court}　{matter}"
DONE_RECEIVE = "已接收受托事项：编号 {id}"
DONE_DONE = "受托事项已办结并回复：编号 {id}"
LIST_HEADER = "未办结的委托：共 {total} 项"
LIST_LINE = "{id}　{direction}　{state}　{case_no}　{court}　{matter}　已过{age}日　期限 {due}"
DIRECTIONS = {"out": "本院委托", "in": "受托"}
NO_DUE = "—"
NO_CASE = "（未关联案件）"
NONE = "（无）"

# the registers screen's 委托 list: x takes the row's next step (services.delegation.steps)
KEY_STEP = "办理下一步"
STEP_TITLE = "{step}　委托 {id}"
STEP_ABOUT = "{direction}　{state}　{case_no}　{court}　{matter}"
STEP_DONE = "已办理：{step}（委托 {id}）"
NO_STEP = "委托 {id} 当前为“{state}”：请在查控清单（F3）中将该项目标记为委托外地（w），移交委托专员"
