"""What every command shares: the --db and --operator options, output helpers, the error boundary.

Heavy modules (sqlmodel, openpyxl, textual) are imported inside commands, never here.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from ..errors import ZhixingError
from ..i18n import cli as cli_text

if TYPE_CHECKING:
    from datetime import date

    from ..services.desk import Desk

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="ZHIXING_DB",
        help=cli_text.DB_OPTION_HELP,
        show_default=False,
    ),
]
OperatorOpt = Annotated[
    str | None,
    typer.Option(
        "--operator",
        envvar="ZHIXING_OPERATOR",
        help=cli_text.OPERATOR_OPTION_HELP,
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help=cli_text.JSON_OPTION_HELP)]


class ZhixingGroup(TyperGroup):
    """The one error boundary: a ZhixingError becomes ``错误：…`` on stderr and its exit code."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ZhixingError as exc:
            typer.echo(cli_text.ERROR.format(message=exc.message), err=True)
            raise typer.Exit(exc.exit_code) from None


def new_app(help_text: str) -> typer.Typer:
    return typer.Typer(
        cls=ZhixingGroup,
        help=help_text,
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def open_desk(
    db: str | None, operator: str | None = None, *, need_profile: bool = True, read_only: bool = False
) -> Desk:
    """The Desk on ``--db``. ``read_only`` (reports, exports, printing, due dates): SQLite opened
    with mode=ro, refusing — untouched — a file that is not a zhixing database."""
    from ..errors import NotFound
    from ..services.desk import Desk
    from ..storage.db import resolve_url, sqlite_path

    if need_profile:  # a court's database must exist already: never create one from a typo
        path = sqlite_path(resolve_url(db))
        if path is not None and not path.exists():
            raise NotFound(cli_text.NO_DATABASE.format(path=path))
    desk = Desk.open(db, operator=operator, read_only=read_only)
    if desk.backup_made:
        echo_err(cli_text.SCHEMA_UPGRADED.format(path=desk.backup_made))
    if need_profile:
        _ = desk.profile_id  # raises a clear error when the database was never initialised
    return desk


def open_case(db: str | None, operator: str | None, case_no: str) -> tuple[Desk, str, int]:
    """The desk, the normalized 案号 and the case's id (NotFound when there is no such case)."""
    from ..domain.case_no import normalize_case_no
    from ..services.printing.node_table import find_case_id

    desk = open_desk(db, operator)
    return desk, normalize_case_no(case_no), find_case_id(desk, case_no)


def parse_day(text: str | None, field: str = "--on") -> date | None:
    """An option's date, None when left out (the service then takes today)."""
    from ..domain.dates import parse_date

    return parse_date(text, field=field) if text else None


def echo(text: str = "") -> None:
    typer.echo(text)


def echo_err(text: str) -> None:
    typer.echo(text, err=True)


def is_tty() -> bool:
    return sys.stdout.isatty()
