"""``zhixing staff password|role`` and ``zhixing audit verify``: accounts and the audit chain."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import accounts as accounts_text
from .common import DbOpt, OperatorOpt, echo, log_in, new_app, open_desk, read_new_password

staff_app = new_app(accounts_text.STAFF_HELP)
audit_app = new_app(accounts_text.AUDIT_HELP)

NameArg = Annotated[str, typer.Argument(help=accounts_text.NAME_HELP, show_default=False)]


@staff_app.command("password", help=accounts_text.PASSWORD_HELP)
def password(
    name: NameArg,
    new_password_file: Annotated[
        str | None, typer.Option("--new-password-file", help=accounts_text.NEW_PASSWORD_FILE_HELP)
    ] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services import accounts

    desk = open_desk(db, operator, login=False)  # logged in below, unless no keeper has a password yet
    if accounts.keepers_without_password(desk):  # upgraded from before accounts: the first keeper
        accounts.set_first_password(desk, name, read_new_password(name, new_password_file))
    else:
        log_in(desk, operator)
        accounts.set_password(desk, name, read_new_password(name, new_password_file))
    echo(accounts_text.PASSWORD_SET.format(name=name))


@staff_app.command("role", help=accounts_text.ROLE_HELP)
def role(
    name: NameArg,
    new_role: Annotated[str, typer.Argument(help=accounts_text.ROLE_ARG_HELP, show_default=False)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.roles import role_name
    from ..services import accounts
    from ..services.imports.staff import role_from_text

    wanted = role_from_text(new_role)
    desk = open_desk(db, operator)
    old, new = accounts.change_role(desk, name, wanted)
    if old == new:
        echo(accounts_text.ROLE_UNCHANGED.format(name=name, role=role_name(new)))
    else:
        echo(accounts_text.ROLE_CHANGED.format(name=name, old=role_name(old), new=role_name(new)))


@audit_app.command("verify", help=accounts_text.VERIFY_HELP)
def verify(db: DbOpt = None) -> None:
    from ..services.audit import verify as check

    desk = open_desk(db, "report")
    try:
        with desk.session() as s:
            report = check(s)
    finally:
        desk.engine.dispose()
    if report.broken is not None:
        b = report.broken
        at = b.at.isoformat(sep=" ", timespec="seconds") if b.at else "—"
        echo(
            accounts_text.VERIFY_BROKEN.format(
                id=b.id, at=at, operator=b.operator, problem=accounts_text.PROBLEMS[b.problem]
            )
        )
        echo(accounts_text.VERIFY_CHECKED.format(count=report.count, hash=report.head.hash))
        raise typer.Exit(1)
    if report.count == 0:
        echo(accounts_text.VERIFY_EMPTY)
        return
    echo(accounts_text.VERIFY_OK.format(count=report.count, hash=report.head.hash))
