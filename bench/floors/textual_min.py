"""Floor of the app's start and of a screen switch: a minimal Textual app, driven the same way.

``python -m bench.floors.textual_min cold``: start a one-label app headless (same size as
zhixing's) and exit once the label is on screen — the harness times the process.
``… switch``: from the first screen, a key switches to a second mode with a label and a 50-row
table; the figure is from the key to that screen drawn, as ``bench.screens`` measures zhixing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time


def _app():
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header, Static

    class Home(Screen):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("home", id="label")
            yield Footer()

    class Other(Screen):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("other")
            yield DataTable(id="table")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("a", "b", "c")
            table.add_rows([(str(i), f"row {i}", "x" * 20) for i in range(50)])

    class Minimal(App[None]):
        MODES = {"home": Home, "other": Other}
        DEFAULT_MODE = "home"
        BINDINGS = [Binding("f4", "switch_mode('other')"), Binding("f10", "switch_mode('home')")]

    return Minimal()


async def cold() -> dict:
    from bench.drive import settle

    app = _app()
    async with app.run_test(size=(160, 50)):
        await settle(app)
        os._exit(0)  # the harness times the process to here
    return {}


async def switch() -> dict:
    from bench.drive import key, settle, until

    app = _app()
    async with app.run_test(size=(160, 50)):
        await settle(app)
        times = []
        for _ in range(2):
            started = time.perf_counter()
            key(app, "f4")
            await until(lambda: app.current_mode == "other")
            await settle(app)
            times.append(time.perf_counter() - started)
            key(app, "f10")
            await until(lambda: app.current_mode == "home")
            await settle(app)
        return {"seconds": times[0], "again": times[1]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("cold", "switch"))
    args = ap.parse_args(argv)
    import json

    figures = asyncio.run(cold() if args.what == "cold" else switch())
    sys.stdout.write("BENCH " + json.dumps(figures) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
