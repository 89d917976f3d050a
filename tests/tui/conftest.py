"""Fixtures for the Textual shell: a desk with the known sample cases, and the wait helpers.

- :func:`until` waits for something that should happen (a screen, a row, a file).
- :func:`settle` waits until the app has nothing left to do, before asserting that something did
  *not* happen: a fixed pause proves nothing on a slow day.
- :func:`notifications` (and :func:`errors`) read what the app notified; no test reads Textual's
  notification list itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from textual.notifications import Notification

from tests.search_fixtures import AS_OF, add_sample_cases, add_work
from zhixing_tui.services.desk import Desk

#: the case add_work() gives nodes, a handoff, an approval and two more audit entries
WORK_CASE = "（2026）豫0326执12号"


@dataclass(frozen=True)
class Shell:
    desk: Desk
    ids: dict[str, int]


@pytest.fixture
def shell(desk) -> Shell:
    ids = add_sample_cases(desk)
    add_work(desk, ids[WORK_CASE], AS_OF)
    return Shell(desk, ids)


async def until(pilot, predicate: Callable[[], object], *, timeout: float = 5.0) -> None:
    """Let the app run (workers, timers, messages) until ``predicate()`` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {getattr(predicate, '__name__', predicate)}")
        await pilot.pause(0.02)


async def settle(pilot, *, timeout: float = 10.0) -> None:
    """Let the app finish what it started: wait until none of its workers (on any screen, modals
    included) is pending or running, and every message posted so far (the keys pressed, what the
    workers sent back) has been handled by the app and by every screen on the stack.

    For assertions that something did *not* happen. A worker that a handled message starts is
    waited for too. Timers that have not fired yet (a search box's debounce) are not waited for:
    wait for what they lead to with :func:`until`. Raises AssertionError after ``timeout``."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            await _drain(app, deadline - loop.time())
            await pilot.pause()
            if all(w.is_finished for w in app.workers):
                return
        if loop.time() > deadline:
            raise AssertionError(f"the app did not settle in {timeout}s: {busy or 'messages pending'}")
        if busy:
            await asyncio.sleep(0.01)


async def _drain(app, timeout: float) -> None:
    """Wait until the app and every node of every screen on the stack have handled the messages
    queued so far (Pilot's own wait covers the screen on top only)."""
    nodes = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
    handled: list[asyncio.Event] = []
    for node in nodes:
        event = asyncio.Event()
        if node.call_later(event.set):  # runs after what is already queued on that node
            handled.append(event)
    try:
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in handled)), max(timeout, 0.1))
    except TimeoutError:
        raise AssertionError("the app did not handle its pending messages") from None


def notifications(app) -> list[Notification]:
    """The app's notifications still shown, oldest first.

    Textual 8.2.8 has no public way to read them: ``App.notify`` stores them in the private
    ``App._notifications`` (which drops expired ones as it is read), and only the toast rack reads
    that. This is the one place the tests read it."""
    return list(app._notifications)


def errors(app) -> list[Notification]:
    """The error notifications (``severity="error"``) still shown, oldest first."""
    return [n for n in notifications(app) if n.severity == "error"]


def messages(app) -> list[str]:
    """The text of every notification still shown, oldest first."""
    return [str(n.message) for n in notifications(app)]
