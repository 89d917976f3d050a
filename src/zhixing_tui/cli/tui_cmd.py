"""Launching the Textual app from the command line."""

from __future__ import annotations


def launch(db: str | None, operator: str | None) -> None:
    from ..tui.app import make_app
    from .common import open_desk

    desk = open_desk(db, operator or "", need_profile=True)
    app = make_app(desk, operator=operator)
    app.run()
