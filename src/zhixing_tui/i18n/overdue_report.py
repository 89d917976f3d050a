"""Strings of ``zhixing report``: the nightly overdue report (超期节点报告) on the command line."""

from __future__ import annotations

APP_HELP = "报告：每晚的超期节点报告、终本案件定期查询报告、案款报告（均可由 cron 运行）。"

OVERDUE_HELP = """\
列出截至某日 超期、今日到期、临期 的流程节点：按组/团队、再按承办人分组，组内到期日早的在前。
在终端上显示表格；输出到管道或由 cron 运行时输出纯文本。与界面“超期预警”使用同一查询，结果一致。
可在界面打开同一数据库时运行（只读）。

\b
退出码：
  0  没有超期节点（今日到期、临期不算超期）
  1  有超期节点
  2  出错（日期无效、找不到组/团队、数据库无法打开、文件无法写入等）

\b
--json 输出（UTF-8）：
  {"as_of": "2026-11-23", "team": 组/团队名称（未用 --team 时为 null）,
   "overdue": 超期数, "due_today": 今日到期数, "approaching": 临期数,
   "rows": [{"case_no": 案号, "node": 节点名称, "rule_id": 规则编号,
             "source": 依据条款, "period": 期限, "due": 到期日,
             "status": "overdue"|"due_today"|"approaching", "status_name": 状态中文,
             "days": 超期天数（超期）/ 剩余天数（临期）/ 0（今日到期）,
             "team": 组/团队, "handler": 承办人}]}

\b
--xlsx 工作簿：一张节点表（标题含法院名称和截至日期，冻结表头、自动筛选，节点和依据自动换行，
A4 横向打印、每页重复表头、页脚有页码）和一张“说明”；先写临时文件再改名，不会留下半个文件。
--xlsx 给的是文件夹时，文件名为“法院简称-日期-超期节点.xlsx”（如 汝阳-2026-12-06-超期节点.xlsx）。

\b
cron 示例（每天 18:30，有超期时 cron 会把输出发邮件）：
  30 18 * * 1-5  cd /srv/zhixing && .venv/bin/zhixing report overdue --db data/zhixing.db \\
      --xlsx exports/
"""

AS_OF_HELP = "截至日期，如 2026-11-23（默认今天）"
TEAM_HELP = "只看一个组/团队（代码或名称，如 ordinary_1 或 普执一团队）"
JSON_HELP = "以 JSON 输出（格式见上）"
XLSX_HELP = "另写一个 .xlsx 工作簿到此路径（文件夹：其中的 法院简称-日期-超期节点.xlsx）"
AS_OF_FIELD = "截至日期"

# --- the table on a terminal --------------------------------------------------------------------
NOTHING_DUE = "没有超期、今日到期或临期的节点。"
TABLE_TITLE = "{team}　承办人：{handler}"
NO_TEAM = "未分配"
NO_HANDLER = "未指定"
COL_STATUS = "状态"
COL_CASE_NO = "案号"
COL_NODE = "节点"
COL_DUE = "到期日"
COL_SOURCE = "依据"
