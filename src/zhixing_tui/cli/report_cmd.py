"""``zhixing report``: the nightly overdue report (超期节点报告), the 终本管理组's re-query report and
the 案款 report (``report money``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import money as money_text
from ..i18n import overdue_report as overdue_report_text
from ..i18n import zhongben_library as zhongben_library_text
from .common import DbOpt, echo, echo_err, gc_paused, is_tty, new_app

app = new_app(overdue_report_text.APP_HELP)

AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help=overdue_report_text.AS_OF_HELP, show_default=False)
]
ReportJsonOpt = Annotated[bool, typer.Option("--json", help=overdue_report_text.JSON_HELP)]
XlsxOpt = Annotated[Path | None, typer.Option("--xlsx", help=overdue_report_text.XLSX_HELP)]


def _fail(message: str) -> typer.Exit:
    echo_err(cli_text.ERROR.format(message=message))
    return typer.Exit(2)


def _build(as_of: str | None, db: str | None, xlsx: Path | None, make: Callable, write: Callable):
    """``make(desk, day)`` the report as of ``--as-of`` (``write`` it to ``--xlsx`` if given): any
    failure — a refusal, an unreadable database, an unwritable file — is ``错误：…`` and exit 2."""
    from ..errors import ZhixingError

    try:
        from ..domain.dates import parse_date
        from .common import open_desk

        day = parse_date(as_of, field=overdue_report_text.AS_OF_FIELD) if as_of else None
        desk = open_desk(db, operator="report", read_only=True)
        try:
            rep = make(desk, day)
            written = write(rep, xlsx, desk) if xlsx else None
        finally:
            desk.engine.dispose()
    except ZhixingError as exc:
        raise _fail(exc.message) from None
    except Exception as exc:
        raise _fail(f"{type(exc).__name__}: {exc}") from None
    return rep, written


def _show(
    rep,
    written: Path | None,
    as_json: bool,
    to_json: Callable,
    to_text: Callable,
    rich: Callable | None = None,
    json_text: Callable | None = None,
) -> None:
    """The report as JSON (``json_text`` writes it when given), as ``rich`` tables (when given) or as
    text on stdout; the xlsx written told on stdout (stderr with --json)."""
    if as_json and json_text is not None:  # megabytes of JSON: written as they are (echo would scan
        sys.stdout.write(json_text(rep) + "\n")  # them for terminal colours JSON cannot hold)
        sys.stdout.flush()
    elif as_json:
        typer.echo(json.dumps(to_json(rep), ensure_ascii=False, indent=2))
    elif rich is not None:
        rich(rep)
    else:
        typer.echo(to_text(rep), nl=False)
    if written is not None:
        (echo_err if as_json else echo)(cli_text.WRITTEN.format(path=written))


def _write_overdue(rep, path: Path, desk) -> Path:
    """The overdue workbook at ``path``; a folder gets the court's file name in it
    (``汝阳-2026-12-06-超期节点.xlsx``)."""
    from ..services.deadlines.report import default_xlsx_name, write_overdue_xlsx

    if path.is_dir():
        path = path / default_xlsx_name(desk, rep.as_of)
    return write_overdue_xlsx(rep, path, desk)


@app.command("overdue", help=overdue_report_text.OVERDUE_HELP)
def overdue(
    as_of: AsOfOpt = None,
    team: Annotated[str | None, typer.Option("--team", help=overdue_report_text.TEAM_HELP)] = None,
    as_json: ReportJsonOpt = False,
    xlsx: XlsxOpt = None,
    db: DbOpt = None,
) -> None:
    from ..services.deadlines.report import overdue_report, report_json, report_json_text, report_text

    with gc_paused():
        rep, written = _build(
            as_of, db, xlsx, lambda desk, day: overdue_report(desk, day, team=team), _write_overdue
        )
        _show(rep, written, as_json, report_json, report_text, _rich if is_tty() else None, report_json_text)
    raise typer.Exit(1 if rep.has_overdue else 0)


def _rich(rep) -> None:
    """One table per team and handler, oldest first; 超期 in red, 今日到期 in yellow."""
    from itertools import groupby

    from rich.console import Console
    from rich.table import Table

    from ..services.deadlines.report import (
        chain_line,
        counts_line,
        days_text,
        legend_lines,
        report_title,
        short_citations,
    )

    console = Console()
    console.print(report_title(rep), style="bold")
    console.print(counts_line(rep))
    if not rep.rows:
        console.print(overdue_report_text.NOTHING_DUE)
        console.print(chain_line(rep))
        return
    short = short_citations(rep)  # 依据 as a person reads it (《实施方案》二（一）2), as on paper
    for (team, handler), rows in groupby(rep.rows, key=lambda r: (r.team, r.handler)):
        title = overdue_report_text.TABLE_TITLE.format(
            team=team or overdue_report_text.NO_TEAM, handler=handler or overdue_report_text.NO_HANDLER
        )
        table = Table(title=title, title_justify="left")
        table.add_column(overdue_report_text.COL_STATUS, no_wrap=True)
        table.add_column(overdue_report_text.COL_CASE_NO, no_wrap=True)
        table.add_column(overdue_report_text.COL_NODE, ratio=1, overflow="fold")
        table.add_column(overdue_report_text.COL_DUE, no_wrap=True)
        table.add_column(overdue_report_text.COL_SOURCE, max_width=24, overflow="fold")
        for r in rows:
            style = "bold red" if r.status == "overdue" else ("yellow" if r.status == "due_today" else "")
            table.add_row(days_text(r), r.case_no, r.node, r.due_on.isoformat(), short[r.source], style=style)
        console.print(table)
    for line in legend_lines(short):
        console.print(line)
    console.print(chain_line(rep))


@app.command("zhongben", help=zhongben_library_text.REPORT_HELP)
def zhongben(
    as_of: AsOfOpt = None,
    as_json: ReportJsonOpt = False,
    xlsx: XlsxOpt = None,
    db: DbOpt = None,
) -> None:
    from ..services.zhongben.report import report_json, report_text, write_zhongben_xlsx, zhongben_report

    with gc_paused():
        rep, written = _build(as_of, db, xlsx, zhongben_report, write_zhongben_xlsx)
        _show(rep, written, as_json, report_json, report_text)
    raise typer.Exit(1 if rep.has_overdue else 0)


@app.command("money", help=money_text.REPORT_HELP)
def money(
    as_of: AsOfOpt = None,
    as_json: ReportJsonOpt = False,
    xlsx: XlsxOpt = None,
    db: DbOpt = None,
) -> None:
    """Exit 0; 2 on an error or when the books do not reconcile (到账 ≠ 已认领 + 未认领 …)."""
    from ..services.money.report import money_report, report_json, report_text, write_money_xlsx

    with gc_paused():
        rep, written = _build(as_of, db, xlsx, money_report, write_money_xlsx)
        _show(rep, written, as_json, report_json, report_text)
    if not rep.reconciles:
        raise _fail(money_text.NOT_RECONCILED.format(why=rep.mismatch))
