"""The ``zhixing`` console script: the garbage collector off while the process loads
(:mod:`zhixing_tui.startup`), an imported spreadsheet read meanwhile (:func:`_prefetch`), then
the command line. Its own module, so that ``startup`` stays a
leaf every layer may import (the app ends start-up once its first screen is drawn)."""

from __future__ import annotations

import sys

from .. import startup

#: ``zhixing import KIND FILE …``: the kinds whose FILE is read while the command line loads
IMPORT_KINDS = ("cases", "payments", "staff")


def main() -> None:
    startup.begin()
    _prefetch(sys.argv[1:])
    from .main import main as cli_main

    cli_main()


def _prefetch(args: list[str]) -> None:
    """``import KIND FILE``: start parsing FILE now, in a thread (calamine lets go of the GIL), so
    the command line, the database layer and the login load meanwhile. Only that exact shape
    (FILE right after KIND); the import takes the sheet (or the error reading it), or forgets it
    when it does not read it (:func:`..services.imports.read.discard`)."""
    if (
        len(args) >= 3
        and args[0] == "import"
        and args[1] in IMPORT_KINDS
        and not args[2].startswith("-")
        and not any(a.startswith("--reader") for a in args)  # (openpyxl: read it the other way)
    ):
        from ..services.imports.read import prefetch

        prefetch(args[2])
