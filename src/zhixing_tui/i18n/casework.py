"""Strings of the casework commands: 首轮传统查控 (round), 影像卷宗 (file),
发出事项委托 (delegation)."""

from __future__ import annotations

HELP_ROUND = "首轮传统查控：实施团队启动首轮查控（传唤、查物、找人、现场调查），首轮后认定无财产可供执行"
HELP_ROUND_START = (
    "启动首轮传统查控（实施团队收到案件后）：用 --step 写明传唤、查物、找人、现场调查中的一项或多项"
)
HELP_ROUND_NO_PROPERTY = "首轮传统查控后认定无财产可供执行（此后10日内采取限消、失信、罚款、拘留等措施）"
HELP_FILE = "卷宗管理：案卷流转登记（材料移送、扫描编目、借阅归还、移交）、借阅清单、影像卷宗"
HELP_FILE_IMAGE = "登记结案案件的电子卷宗已转化为影像卷宗（卷宗管理中心）"
HELP_DELEGATION = (
    "事项委托：本院委托（需委托、发出、反馈、办结）与受托事项（到达、接收、办结回复），未办结清单"
)
HELP_DELEGATION_SEND = "发出事项委托（查控清单中标记“委托外地”的项目；只有一项待委托时可不写 --item）"

HELP_CASE_NO = "案号，如 （2026）豫0326执1号（半角括号也可）"
HELP_ON = "日期（YYYY-MM-DD），默认今天"
HELP_NOTE = "说明（可不写）"
HELP_STEP = "首轮查控事项：传唤、查物、找人、现场调查（可写多次）"
HELP_ITEM = "查控项目编号（案件有多项时必写）"
HELP_COURT = "受托法院（财产所在地法院）"

DONE_ROUND_START = "已启动首轮传统查控：{case_no}　{steps}　{on}"
DONE_NO_PROPERTY = "已认定首轮查控后无财产可供执行：{case_no}　{on}"
DONE_IMAGE = "已登记影像卷宗转化：{case_no}　{on}"
DONE_DELEGATION = "已发出事项委托：{case_no}　{label}　受托法院 {court}　{on}"
STEP_SEPARATOR = "、"
