"""Driving a Textual app in a child process without Pilot's idle waits in the figure.

Pilot's ``press`` and ``pause`` wait for the process to look idle (20 ms sleeps), which would
add tens of milliseconds to every figure. Here a key is posted as the terminal would post it,
and the clock stops as soon as the app has done what the key started: the screen is there, no
worker is pending or running, and every node of the screen stack has handled what was queued.
Shared by ``bench.screens`` (zhixing) and ``bench.floors.textual_min`` (the floor); imports no
zhixing code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

TIMEOUT = 300.0
POLL = 0.001


def key(app, name: str) -> None:
    """Post one key as the driver does: a printable character carries itself."""
    from textual import events

    char = name if len(name) == 1 else None
    app.post_message(events.Key(name, char))


async def drain(app) -> None:
    """Until the app and every node of every screen on the stack handled what was queued."""
    nodes = [app, *(n for screen in app.screen_stack for n in screen.walk_children(with_self=True))]
    done = []
    for node in nodes:
        event = asyncio.Event()
        if node.call_later(event.set):
            done.append(event)
    await asyncio.wait_for(asyncio.gather(*(e.wait() for e in done)), TIMEOUT)


async def until(predicate: Callable[[], object]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while not predicate():
        if loop.time() > deadline:
            raise SystemExit("timed out")
        await asyncio.sleep(POLL)


async def settle(app) -> None:
    """Until no worker is pending or running and the messages they sent are handled (twice in a
    row, so a worker started by a handled message is waited for too)."""
    quiet = 0
    while quiet < 2:
        await until(lambda: all(w.is_finished for w in app.workers))
        await drain(app)
        quiet = quiet + 1 if all(w.is_finished for w in app.workers) else 0
