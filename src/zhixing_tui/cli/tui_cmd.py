"""Launching the Textual app from the command line."""

from __future__ import annotations

import sys

from ..i18n import cli as cli_text


def terminal_missing() -> str | None:
    """The stream the app cannot run without, when it is not a terminal: the app reads keys from
    standard input and draws on standard error (Textual's choice: standard output stays free to
    redirect). None on a terminal. Started from a script or ``cron`` (standard input ``/dev/null``
    or a pipe) the app would otherwise draw into the void and poll its input for ever, a core busy.
    The streams of the moment (``sys.stdin``, not ``sys.__stdin__``): the process's own outside a
    test, the test's under Typer's runner."""
    if not _isatty(sys.stdin):
        return cli_text.STDIN
    if not _isatty(sys.stderr):
        return cli_text.STDERR
    return None


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):  # closed, or no file behind it
        return False


def launch(db: str | None, operator: str | None) -> None:
    """Open the app on its login screen: the roster and a password, or — with ``--operator``
    (who must be on the roster) — that person's password. Refused (exit 2, nothing opened) off a
    terminal (:func:`terminal_missing`)."""
    missing = terminal_missing()
    if missing is not None:
        from ..errors import InvalidValue

        raise InvalidValue(cli_text.NOT_A_TERMINAL.format(stream=missing))
    from ..services.accounts import roster_member
    from ..tui.app import make_app
    from .common import open_desk

    desk = open_desk(db, "", need_profile=True, read_only=False, login=False)
    login = roster_member(desk, operator) if operator else None
    app = make_app(desk, login=login)
    app.run()
