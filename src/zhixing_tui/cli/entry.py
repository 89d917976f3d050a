"""The ``zhixing`` console script: the garbage collector off while the process loads
(:mod:`zhixing_tui.startup`), then the command line. Its own module, so that ``startup`` stays a
leaf every layer may import (the app ends start-up once its first screen is drawn)."""

from __future__ import annotations

from .. import startup


def main() -> None:
    startup.begin()
    from .main import main as cli_main

    cli_main()
