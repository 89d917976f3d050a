"""Launching the Textual app from the command line."""

from __future__ import annotations


def launch(db: str | None, operator: str | None) -> None:
    """Open the app on its login screen: the roster and a password, or — with ``--operator``
    (who must be on the roster) — that person's password."""
    from ..services.accounts import roster_member
    from ..tui.app import make_app
    from .common import open_desk

    desk = open_desk(db, "", need_profile=True, read_only=False, login=False)
    login = roster_member(desk, operator) if operator else None
    app = make_app(desk, login=login)
    app.run()
