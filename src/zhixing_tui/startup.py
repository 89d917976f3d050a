"""The ``zhixing`` process's start: Python's cyclic garbage collector off while it loads.

Loading SQLAlchemy, SQLModel, pydantic, Textual and the app's own tables and profile schema
creates some 300,000 objects that live as long as the process. With Python's default
thresholds the collector runs a young collection every 700 new objects and, now and then, an
older one over most of what was allocated so far: 90–100 ms of CPU in the app's cold start
(issue 17: a tenth of it), collecting next to nothing. :func:`begin` (the first thing the
console script, ``zhixing_tui.cli.entry``, does) turns the collector off; :func:`done` — called by the app once its first
screen is drawn, and by the command line before any other command runs — moves what start-up
built into the permanent generation (``gc.freeze``: later collections no longer walk the
libraries' objects) and turns the collector back on, with its thresholds as they were.
Start-up is bounded, so the cycles it leaves meanwhile are few. A process that never called
:func:`begin` (tests, tools, the library used from Python) is left as it is.
"""

from __future__ import annotations

import gc

_begun = False


def begin() -> None:
    """Turn the collector off until :func:`done` (no-op when already begun or already off)."""
    global _begun
    if not _begun and gc.isenabled():
        _begun = True
        gc.disable()


def done() -> None:
    """Start-up is over: freeze what it built, turn the collector back on (no-op unless begun)."""
    global _begun
    if not _begun:
        return
    _begun = False
    gc.freeze()
    gc.enable()
