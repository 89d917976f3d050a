"""``zhixing print form KIND 案号``: 《总对总查控实有情况表》 or 《线下查控实有情况表》 as .docx."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import printing as printing_text
from .common import DbOpt, echo, open_desk
from .print_cmd import app as print_app


@print_app.command("form")
def form(
    kind: Annotated[str, typer.Argument(help=printing_text.FORM_KIND_HELP)],
    case_no: Annotated[str, typer.Argument(help=printing_text.FORM_CASE_NO_HELP)],
    out: Annotated[
        Path | None,
        typer.Option("--out", help=printing_text.FORM_OUT_HELP, show_default=False),
    ] = None,
    db: DbOpt = None,
) -> None:
    """写出一案的查控实有情况表（监利 004 第一组3、第二组3）：查控清单逐项、合计、组长签字栏，随卷移送。"""
    from ..services.printing.handoff_forms import write_query_form

    desk = open_desk(db, operator="print", read_only=True)
    try:
        path = write_query_form(desk, kind, case_no, out)
    finally:
        desk.engine.dispose()
    echo(cli_text.WRITTEN.format(path=path))
