"""``zhixing export monthly YYYY-MM [--out PATH]``: the month's statistics workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import startup
from ..i18n import imports as imports_text
from .common import DbOpt, OperatorOpt, echo, new_app, open_reading_desk

app = new_app(imports_text.EXPORT_HELP)


@app.command("monthly", help=imports_text.MONTHLY_HELP)
def monthly(
    month: Annotated[str, typer.Argument(help=imports_text.MONTH_HELP, show_default=False)],
    out: Annotated[Path | None, typer.Option("--out", help=imports_text.OUT_HELP, show_default=False)] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.statistics import month_of
    from ..services.printing.monthly_export import export_monthly

    which = month_of(month)
    desk = open_reading_desk(db, operator)
    try:
        path, figures = export_monthly(desk, which, out)
    finally:
        desk.close()  # its connections closed here, not by the collection at exit
    total = figures.total
    rate = f"{total.closing_rate:.2%}" if total.closing_rate is not None else "—"
    echo(imports_text.MONTHLY_DONE.format(path=path))
    echo(
        imports_text.MONTHLY_TOTALS.format(
            old=total.old, new=total.new, closed=total.closed, open=total.pending, rate=rate
        )
    )
    startup.finish()  # the process ends here: no last collection over all it loaded (0.2 s)
