"""The ``zhixing`` process's start: Python's cyclic garbage collector off while it loads.

Loading SQLAlchemy, SQLModel, pydantic, Textual and the app's own tables and profile schema
creates some 300,000 objects that live as long as the process. With Python's default
thresholds the collector runs a young collection every 700 new objects and, now and then, an
older one over most of what was allocated so far: 90–100 ms of CPU in the app's cold start
(issue 17: a tenth of it), collecting next to nothing. :func:`begin` (the first thing the
console script, ``zhixing_tui.cli.entry``, does) turns the collector off; :func:`done` — called by the app once its first
screen is drawn, and by the command line before any other command runs (but ``export``'s,
which keep it off to their end: ``cli.main.LOADS_AND_ENDS``) — moves what start-up
built into the permanent generation (``gc.freeze``: later collections no longer walk the
libraries' objects) and turns the collector back on, with its thresholds as they were.
Start-up is bounded, so the cycles it leaves meanwhile are few. A process that never called
:func:`begin` (tests, tools, the library used from Python) is left as it is, by both.

:func:`finish` is for a command whose work is done and whose process is about to end: the
interpreter's last act is one more full collection over every object still alive (the libraries,
the tables, openpyxl's …), about 0.2 s of a CLI command's wall time (``export monthly``) that
finds nothing to free. Frozen, they are not walked; the operating system frees the memory.
"""

from __future__ import annotations

import gc
import sys

#: The interpreter's switch interval for the console script's process (Python's default: 5 ms).
#: A thread that has waited this long for the interpreter's lock asks the running one to let go.
#: The app's start and ``export monthly`` run database reads in threads (the home figures, the
#: workbook's two halves) beside a thread that is busy in Python (Textual drawing, openpyxl
#: loading): each statement gives the lock up while SQLite works and waits for it again to
#: hand its rows back, up to the whole interval every time — with ten statements, as long as the
#: statements themselves (issue 17). A shorter interval hands the lock over sooner; the cost is
#: a few more switches between two busy threads.
SWITCH_INTERVAL_S = 0.0005

_begun = False
#: :func:`begin` was called: the process is the console script's, it ends when its command does
_console = False


def begin() -> None:
    """Turn the collector off until :func:`done` (no-op when already begun or already off), and
    shorten the switch interval for the process's life (:data:`SWITCH_INTERVAL_S`)."""
    global _begun, _console
    _console = True
    sys.setswitchinterval(SWITCH_INTERVAL_S)
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


def finish() -> None:
    """The command is over and the process about to exit: move every object into the permanent
    generation (``gc.freeze``), so that the collection the interpreter runs at exit does not walk
    them. Whatever must be closed (database connections, files) is closed by the caller first:
    an object kept alive only by a reference cycle is not collected, nor finalised, any more.
    No-op in a process that did not start with :func:`begin` (a test running the command goes on
    after it)."""
    if _console:
        gc.freeze()
