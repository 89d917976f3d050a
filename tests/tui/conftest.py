"""Fixtures for the Textual shell: a desk with the known sample cases, and the wait helpers.

- :func:`until` waits for something that should happen (a screen, a row, a file).
- :func:`settle` waits until the app has nothing left to do, before asserting that something did
  *not* happen: a fixed pause proves nothing on a slow day.
- :func:`notifications` (and :func:`errors`, :func:`messages`): every notification an app raised,
  kept as it was raised (Textual drops one from its own list once it times out, so what a test saw
  depended on how slow the day was).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify

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


#: every notification each app under test raised, in order (see _record_notify_messages)
_RAISED: weakref.WeakKeyDictionary[App, list[Notification]] = weakref.WeakKeyDictionary()


@pytest.fixture(autouse=True)
def _record_notify_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``app.run_test()`` keeps the notifications its app raises, through Textual's public
    test hook (``run_test(message_hook=...)`` sees every message, ``Notify`` included).

    Textual 8.2.8 has no public reader of an app's notifications: ``App.notify`` posts a ``Notify``
    that lands in the private ``App._notifications``, which drops a notification once its timeout
    (5 s, or the 3 s/8 s the app asks for) has passed. Read there, a test saw a notification or not
    depending on how loaded the machine was; kept here, it always does."""
    run_test = App.run_test

    def run_test_recording(self: App, *args, message_hook=None, **kwargs):
        raised = _RAISED.setdefault(self, [])

        def hook(message: Message) -> None:
            if isinstance(message, Notify):
                raised.append(message.notification)
            if message_hook is not None:
                message_hook(message)

        return run_test(self, *args, message_hook=hook, **kwargs)

    monkeypatch.setattr(App, "run_test", run_test_recording)


def notifications(app: App) -> list[Notification]:
    """Every notification the app has raised so far, oldest first, timed out or not. The one place
    the tests read notifications."""
    return list(_RAISED.get(app, ()))


def errors(app: App) -> list[Notification]:
    """The error notifications (``severity="error"``) the app has raised, oldest first."""
    return [n for n in notifications(app) if n.severity == "error"]


def messages(app: App) -> list[str]:
    """The text of every notification the app has raised, oldest first."""
    return [str(n.message) for n in notifications(app)]
