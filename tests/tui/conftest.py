"""Fixtures for the Textual shell: a desk with the known sample cases, and a wait helper."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest

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
