"""Which service functions can record which events: the registry the rule-coverage check reads.

Every service function that calls :func:`.nodes.apply_event` says what it may record::

    @emits("sealed", "renewed")
    def record_seal(desk, case_id, ...): ...

:data:`EMITTERS` then maps each event to the functions that emit it, and
``tests/unit/test_rule_coverage.py`` compares it with the rules of every profile: a rule whose
anchor no clerk's operation records never starts (a dead rule), one whose completion nobody
records turns 超期 on every case it touches.

The registry is kept honest twice: at run time :func:`check_declared` (called by ``apply_event``)
refuses an event the innermost running emitter did not declare, and an AST test requires every
function of ``services/`` that calls ``apply_event`` to carry the decorator. The demo generator
does not go through here (it runs the pure node engine), so it cannot make a rule look live.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from ...domain.events import require_event

__all__ = ["EMITTERS", "UndeclaredEvent", "check_declared", "emits", "emitted_events"]

P = ParamSpec("P")
R = TypeVar("R")

#: event code → the qualified names ("module.function") of the functions that may emit it
EMITTERS: dict[str, set[str]] = {}

_RUNNING: ContextVar[tuple[str, frozenset[str]] | None] = ContextVar("zhixing_emitter", default=None)


class UndeclaredEvent(RuntimeError):
    """A service recorded an event its ``@emits`` does not list (a programming error)."""


def emits(*events: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare the events the decorated service function may record (see the module docstring)."""
    for event in events:
        require_event(event)
    declared = frozenset(events)

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        name = f"{fn.__module__}.{fn.__qualname__}"
        for event in declared:
            EMITTERS.setdefault(event, set()).add(name)

        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            token = _RUNNING.set((name, declared))
            try:
                return fn(*args, **kwargs)
            finally:
                _RUNNING.reset(token)

        run.__emits__ = declared  # type: ignore[attr-defined]
        return run

    return wrap


def check_declared(event: str) -> None:
    """Refuse ``event`` when the innermost running emitter did not declare it.

    Outside any emitter (a test or a maintenance script calling ``apply_event`` itself) nothing
    is checked: the AST test makes sure no service is outside one."""
    running = _RUNNING.get()
    if running is not None and event not in running[1]:
        name, declared = running
        raise UndeclaredEvent(f"{name} records {event!r} but declares only {sorted(declared)}")


def emitted_events() -> frozenset[str]:
    """Every event some registered service function can record (import the services first)."""
    return frozenset(e for e, names in EMITTERS.items() if names)
