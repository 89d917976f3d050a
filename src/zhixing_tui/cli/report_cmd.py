"""``zhixing report``: the nightly overdue report (超期节点报告)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .common import DbOpt, echo, echo_err, is_tty, new_app

app = new_app("报告：每晚的超期节点报告（可由 cron 运行）。")

OVERDUE_HELP = """\
列出截至某日 **超期**、**今日到期**、**临期** 的流程节点：按组/团队、再按承办人分组，组内到期日早的在前。
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
--xlsx 工作簿：一张节点表（冻结表头、自动筛选、适合中文的列宽、A4 打印，标题含截至日期）
和一张“说明”；先写临时文件再改名，不会留下半个文件。

\b
cron 示例（每天 18:30，有超期时 cron 会把输出发邮件）：
  30 18 * * 1-5  cd /srv/zhixing && .venv/bin/zhixing report overdue --db data/zhixing.db \\
      --xlsx exports/超期节点-$(date +\\%F).xlsx
"""


def _fail(message: str) -> typer.Exit:
    echo_err(f"错误：{message}")
    return typer.Exit(2)


@app.command("overdue", help=OVERDUE_HELP)
def overdue(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="截至日期，如 2026-11-23（默认今天）", show_default=False)
    ] = None,
    team: Annotated[
        str | None, typer.Option("--team", help="只看一个组/团队（代码或名称，如 ordinary_1 或 普执一团队）")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出（格式见上）")] = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="另写一个 .xlsx 工作簿到此路径")] = None,
    db: DbOpt = None,
) -> None:
    from ..errors import ZhixingError

    try:
        from ..domain.dates import parse_date
        from ..services.deadlines.report import overdue_report, report_json, report_text, write_overdue_xlsx
        from .common import open_desk

        day = parse_date(as_of, field="截至日期") if as_of else None
        desk = open_desk(db, operator="report")
        try:
            rep = overdue_report(desk, day, team=team)
            written = write_overdue_xlsx(rep, xlsx) if xlsx else None
        finally:
            desk.engine.dispose()
    except ZhixingError as exc:
        raise _fail(exc.message) from None
    except Exception as exc:  # any failure — unreadable database, unwritable file — is exit 2
        raise _fail(f"{type(exc).__name__}: {exc}") from None

    if as_json:
        typer.echo(json.dumps(report_json(rep), ensure_ascii=False, indent=2))
    elif is_tty():
        _rich(rep)
    else:
        typer.echo(report_text(rep), nl=False)
    if written is not None:
        (echo_err if as_json else echo)(f"已写入 {written}")
    raise typer.Exit(1 if rep.has_overdue else 0)


def _rich(rep) -> None:
    """One table per team and handler, oldest first; 超期 in red, 今日到期 in yellow."""
    from itertools import groupby

    from rich.console import Console
    from rich.table import Table

    from ..services.deadlines.report import counts_line, days_text, report_title

    console = Console()
    console.print(report_title(rep), style="bold")
    console.print(counts_line(rep))
    if not rep.rows:
        console.print("没有超期、今日到期或临期的节点。")
        return
    for (team, handler), rows in groupby(rep.rows, key=lambda r: (r.team, r.handler)):
        table = Table(title=f"{team or '未分配'}　承办人：{handler or '未指定'}", title_justify="left")
        table.add_column("状态", no_wrap=True)
        table.add_column("案号", no_wrap=True)
        table.add_column("节点", ratio=1, overflow="fold")
        table.add_column("到期日", no_wrap=True)
        table.add_column("依据", max_width=16, overflow="fold")
        for r in rows:
            style = "bold red" if r.status == "overdue" else ("yellow" if r.status == "due_today" else "")
            table.add_row(days_text(r), r.case_no, r.node, r.due_on.isoformat(), r.source, style=style)
        console.print(table)
