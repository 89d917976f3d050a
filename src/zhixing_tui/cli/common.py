"""What every command shares: the --db and --operator options, output helpers, the error boundary.

Heavy modules (sqlmodel, openpyxl, textual) are imported inside commands, never here.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from ..errors import ZhixingError, busy_error
from ..i18n import cli as cli_text

if TYPE_CHECKING:
    from datetime import date

    from ..services.desk import Desk
    from ..services.stats.read_desk import ReadDesk

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
PasswordFileOpt = Annotated[
    str | None,
    typer.Option("--password-file", help=cli_text.PASSWORD_FILE_HELP, show_default=False),
]
PASSWORD_FILE_FLAG = "--password-file"
PASSWORD_FILE_ENV = "ZHIXING_PASSWORD_FILE"
#: pseudo-operators of the read-only commands (report, print, list): they log nobody in
READ_ONLY_OPERATORS = frozenset({"print", "report", "list"})
#: the longest password file read (its first line is the password)
PASSWORD_FILE_LIMIT = 4096

#: ``--password-file`` of the running command line (taken out wherever it stands)
_password_file: str | None = None


def take_password_file(args: list[str]) -> list[str]:
    """Remove ``--password-file F`` (or ``--password-file=F``) from ``args`` wherever it stands
    and remember F for :func:`read_password`."""
    global _password_file
    _password_file = None
    out: list[str] = []
    it = iter(args)
    for arg in it:
        if arg == "--":
            out.append(arg)
            out.extend(it)
            break
        if arg == PASSWORD_FILE_FLAG:
            _password_file = next(it, "")
        elif arg.startswith(PASSWORD_FILE_FLAG + "="):
            _password_file = arg.split("=", 1)[1]
        else:
            out.append(arg)
    return out


class ZhixingGroup(TyperGroup):
    """The one error boundary: a ZhixingError becomes ``错误：…`` on stderr and its exit code.

    The outermost group also takes ``--password-file`` out of the command line wherever it
    stands (every command that logs in reads it)."""

    def parse_args(self, ctx, args):  # type: ignore[override]
        if ctx.parent is None and not ctx.resilient_parsing:
            args = take_password_file(list(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ZhixingError as exc:
            typer.echo(cli_text.ERROR.format(message=exc.message), err=True)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:  # a lock met outside a transaction's own wait: 数据库正忙, no traceback
            busy = busy_error(exc)
            if busy is None:
                raise
            typer.echo(cli_text.ERROR.format(message=busy.message), err=True)
            raise typer.Exit(busy.exit_code) from None


def new_app(help_text: str) -> typer.Typer:
    return typer.Typer(
        cls=ZhixingGroup,
        help=help_text,
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def open_desk(
    db: str | None,
    operator: str | None = None,
    *,
    need_profile: bool = True,
    read_only: bool | None = None,
    login: bool | None = None,
) -> Desk:
    """The desk on ``db``. ``read_only`` (reports, exports, printing, lists; by default the
    :data:`READ_ONLY_OPERATORS`): SQLite is opened with mode=ro, refusing — untouched — a file
    that is not a zhixing database, and no password is asked. Otherwise ``operator`` must be on
    the roster and give their password: the desk is then logged in (its ``operator_id`` set);
    ``login=False`` leaves that to the caller (the app's own login screen)."""
    from ..errors import NotFound
    from ..services.desk import Desk
    from ..storage.db import resolve_url, sqlite_path

    if need_profile:  # a court's database must exist already: never create one from a typo
        path = sqlite_path(resolve_url(db))
        if path is not None and not path.exists():
            raise NotFound(cli_text.NO_DATABASE.format(path=path))
    if read_only is None:
        read_only = operator in READ_ONLY_OPERATORS
    desk = Desk.open(db, operator=operator, read_only=read_only)
    if desk.backup_made:
        echo_err(cli_text.SCHEMA_UPGRADED.format(path=desk.backup_made))
    if need_profile:
        _ = desk.profile_id  # raises a clear error when the database was never initialised
    if login is None:
        login = not read_only
    if login:
        log_in(desk, operator)
    return desk


def open_reading_desk(db: str | None, operator: str | None = None) -> Desk | ReadDesk:
    """A desk for the statistics only (``export monthly``): on a SQLite file of zhixing's at the
    schema's head, a :class:`~..services.stats.read_desk.ReadDesk` — plain ``sqlite3``, no SQLAlchemy
    imported —, else the desk :func:`open_desk` opens read-only (which upgrades an older file or
    says what is wrong with it)."""
    from ..services.stats.read_desk import ReadDesk

    desk = ReadDesk.open(db, operator=operator)
    return desk if desk is not None else open_desk(db, operator, read_only=True)


def log_in(desk: Desk, operator: str | None) -> None:
    """Check ``operator``'s password (file or hidden prompt) and log the desk in as them."""
    from ..errors import InvalidValue
    from ..services import accounts

    name = (operator or "").strip()
    if not name:
        raise InvalidValue(cli_text.NO_OPERATOR, field="--operator")
    member = accounts.roster_member(desk, name)
    who = accounts.authenticate(desk, member.id, read_password(member.name))
    desk.operator, desk.operator_id = who.name, who.id


def _password_file_path() -> str | None:
    return _password_file or os.environ.get(PASSWORD_FILE_ENV) or None


def read_password(name: str) -> str:
    """The password: the first line of ``--password-file``/``ZHIXING_PASSWORD_FILE``, else a
    hidden prompt on a terminal; refused (exit 2) when there is neither."""
    from ..errors import InvalidValue

    path = _password_file_path()
    if path:
        return _read_password_file(path)
    if sys.stdin.isatty():
        return typer.prompt(cli_text.PASSWORD_PROMPT.format(name=name), hide_input=True)
    raise InvalidValue(cli_text.NO_PASSWORD_SOURCE.format(name=name), field="--password-file")


def _read_password_file(path: str) -> str:
    from ..errors import InvalidValue

    try:
        with open(path, "rb") as fh:
            raw = fh.read(PASSWORD_FILE_LIMIT)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise InvalidValue(
            cli_text.PASSWORD_FILE_UNREADABLE.format(path=path, reason=reason), field="--password-file"
        ) from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise InvalidValue(cli_text.PASSWORD_FILE_EMPTY.format(path=path), field="--password-file")
    return line


def read_new_password(name: str, file: str | None = None) -> str:
    """A new password: the first line of ``file`` (else of the password file), else asked twice
    on a terminal."""
    from ..errors import InvalidValue

    path = file or _password_file_path()
    if path:
        return _read_password_file(path)
    if sys.stdin.isatty():
        first = typer.prompt(cli_text.NEW_PASSWORD_PROMPT.format(name=name), hide_input=True)
        again = typer.prompt(cli_text.PASSWORD_CONFIRM_PROMPT, hide_input=True)
        if first != again:
            raise InvalidValue(cli_text.PASSWORD_MISMATCH, field="--new-password-file")
        return first
    raise InvalidValue(cli_text.NO_PASSWORD_SOURCE.format(name=name), field="--password-file")


def open_case(
    db: str | None, operator: str | None, case_no: str, *, read_only: bool | None = None
) -> tuple[Desk, str, int]:
    """The desk, the normalized 案号 and the case's id (NotFound when there is no such case)."""
    from ..domain.case_no import normalize_case_no
    from ..services.printing.node_table import find_case_id

    desk = open_desk(db, operator, read_only=read_only)
    return desk, normalize_case_no(case_no), find_case_id(desk, case_no)


def parse_day(text: str | None, field: str = "--on") -> date | None:
    """An option's date, None when left out (the service then takes today)."""
    from ..domain.dates import parse_date

    return parse_date(text, field=field) if text else None


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: a report builds and prints ~10⁵ short-lived objects that
    hold no cycles, and every collection they trigger would walk again the hundreds of thousands of
    long-lived objects of the ORM and the profile (a third of the JSON's time at 100,000 cases).
    The collector runs as before afterwards (the CLI in a test's process)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def echo(text: str = "") -> None:
    typer.echo(text)


def echo_err(text: str) -> None:
    typer.echo(text, err=True)


def is_tty() -> bool:
    return sys.stdout.isatty()
