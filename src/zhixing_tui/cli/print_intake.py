"""``zhixing print intake``: the 初次接待谈话笔录 (or the no-interview note) of a case as .docx."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import printing as printing_text
from .common import DbOpt, echo, open_desk
from .print_cmd import app as print_app


@print_app.command("intake")
def intake(
    case_no: Annotated[str, typer.Argument(help=printing_text.CASE_NO_HELP)],
    out: Annotated[
        Path | None,
        typer.Option("--out", help=printing_text.INTAKE_OUT_HELP, show_default=False),
    ] = None,
    db: DbOpt = None,
) -> None:
    """写出一案的《初次接待谈话笔录》（未进行接待的写《未进行初次接待原因的说明》）：案件、各项记录、风险告知勾选项和签名栏。"""
    from ..services.printing.intake_record import write_intake_record

    desk = open_desk(db, operator="print", read_only=True)
    try:
        path = write_intake_record(desk, case_no, out)
    finally:
        desk.engine.dispose()
    echo(cli_text.WRITTEN.format(path=path))
