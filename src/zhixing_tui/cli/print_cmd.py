"""``zhixing print``: printable records (.docx) for the paper file.

Other modules add their own commands to this sub-app without editing this file::

    from .print_cmd import app as print_app

    @print_app.command("intake")
    def intake(...): ...

and are imported in ``cli/main.py`` after this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import printing as printing_text
from .common import DbOpt, echo, new_app, open_desk

app = new_app(printing_text.APP_HELP)


@app.command("nodes")
def nodes(
    case_no: Annotated[str, typer.Argument(help=printing_text.CASE_NO_HELP)],
    out: Annotated[
        Path | None,
        typer.Option("--out", help=printing_text.NODES_OUT_HELP, show_default=False),
    ] = None,
    db: DbOpt = None,
) -> None:
    """写出一案的《执行流程节点表》（固始 002 二.13）：每个节点的期限与依据、到期日、完成时间、完成人和空白的签名栏。"""
    from ..services.printing.node_table import write_node_table

    desk = open_desk(db, operator="print", read_only=True)
    try:
        path = write_node_table(desk, case_no, out)
    finally:
        desk.engine.dispose()
    echo(cli_text.WRITTEN.format(path=path))
