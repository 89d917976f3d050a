"""One clock: nothing under ``src/zhixing_tui`` reads the wall clock except ``zhixing_tui/clock.py``.

Every moment comes from the desk (``desk.today()``, ``desk.now()``) or, where no desk is at hand,
from the current clock (``clock.now()``), so a demo built as of a day, a replayed day and the tests
all see one time. Read by parsing the source (aliases such as ``from datetime import datetime as dt``
and ``import time as _t`` are followed).
"""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

import pytest

import zhixing_tui
from zhixing_tui import clock
from zhixing_tui.clock import Clock

PACKAGE_DIR = Path(zhixing_tui.__file__).parent
CLOCK_MODULE = PACKAGE_DIR / "clock.py"

#: (module, class or None) → the attribute calls that read the wall clock
WALL_READS = {
    ("datetime", "date"): {"today"},
    ("datetime", "datetime"): {"now", "today", "utcnow"},
    ("time", None): {"time", "time_ns", "localtime", "gmtime", "ctime", "strftime"},
}


def wall_clock_reads(source: str, filename: str = "<src>") -> list[tuple[int, str]]:
    """(line, text) of every wall-clock read in ``source``."""
    tree = ast.parse(source, filename=filename)
    # name bound in this module → what it is: ("datetime", "date") for the class, ("time", None) …
    bound: dict[str, tuple[str, str | None]] = {}
    modules: dict[str, str] = {}  # alias → module name (import datetime as dt)
    direct: dict[str, str] = {}  # from time import time as now → {"now": "time.time"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in ("datetime", "time"):
                    modules[a.asname or a.name] = a.name
        elif isinstance(node, ast.ImportFrom) and node.module in ("datetime", "time") and not node.level:
            for a in node.names:
                name = a.asname or a.name
                if node.module == "datetime" and a.name in ("date", "datetime"):
                    bound[name] = ("datetime", a.name)
                elif node.module == "time" and a.name in WALL_READS[("time", None)]:
                    direct[name] = f"time.{a.name}"
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in direct:
            found.append((node.lineno, f"{direct[func.id]}()"))
            continue
        if not isinstance(func, ast.Attribute):
            continue
        target = func.value
        kind: tuple[str, str | None] | None = None
        if isinstance(target, ast.Name):
            if target.id in bound:
                kind = bound[target.id]
            elif modules.get(target.id) == "time":
                kind = ("time", None)
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and modules.get(target.value.id) == "datetime"
            and target.attr in ("date", "datetime")
        ):
            kind = ("datetime", target.attr)
        if kind is not None and func.attr in WALL_READS[kind]:
            found.append((node.lineno, f"{ast.unparse(func)}()"))
    return sorted(found)


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if p != CLOCK_MODULE)


def test_nothing_but_the_clock_module_reads_the_wall_clock():
    offenders = [
        f"{path.relative_to(PACKAGE_DIR.parent)}:{line}: {text}"
        for path in source_files()
        for line, text in wall_clock_reads(path.read_text(encoding="utf-8"), str(path))
    ]
    assert not offenders, "read the time from the desk (desk.today()/desk.now()) or zhixing_tui.clock:\n" + (
        "\n".join(offenders)
    )


def test_the_clock_module_is_the_one_that_reads_it():
    assert [t for _, t in wall_clock_reads(CLOCK_MODULE.read_text(encoding="utf-8"))] == ["datetime.now()"]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from datetime import date\ndef f():\n    return date.today()\n", [(3, "date.today()")]),
        (
            "from datetime import datetime\nx = datetime.now().replace(microsecond=0)\n",
            [(2, "datetime.now()")],
        ),
        ("from datetime import datetime as dt\nx = dt.today()\n", [(2, "dt.today()")]),
        ("import datetime\nx = datetime.date.today()\n", [(2, "datetime.date.today()")]),
        ("import datetime as d\nx = d.datetime.utcnow()\n", [(2, "d.datetime.utcnow()")]),
        ("import time\nx = time.time()\n", [(2, "time.time()")]),
        ("import time as _t\nx = _t.time_ns()\n", [(2, "_t.time_ns()")]),
        ("from time import time\nx = time()\n", [(2, "time.time()")]),
        # not wall-clock reads: durations, fixed dates, the desk's clock
        ("import time\nx = time.perf_counter()\n", []),
        ("from datetime import date\nx = date(2026, 11, 23)\n", []),
        ("def f(desk):\n    return desk.today(), desk.now()\n", []),
        ("from . import clock\nx = clock.now()\n", []),
    ],
)
def test_the_scan_finds_every_spelling(source, expected):
    assert wall_clock_reads(source) == expected


def test_a_service_reading_the_wall_clock_would_fail(tmp_path):
    """The scan is not vacuous: a service with ``date.today()`` added is caught."""
    service = PACKAGE_DIR / "services" / "cases" / "registry.py"
    text = service.read_text(encoding="utf-8") + "\n\ndef _sneaky():\n    return date.today()\n"
    assert [t for _, t in wall_clock_reads(text)] == ["date.today()"]


def test_a_fixed_clock_is_fixed_and_the_wall_clock_follows_the_machine(time_machine):
    fixed = Clock.on(date(2026, 11, 23))
    assert fixed.now() == datetime(2026, 11, 23, 12, 0)
    assert fixed.today() == date(2026, 11, 23) and fixed.as_of == date(2026, 11, 23)
    assert fixed.moment_on(date(2026, 11, 23)) == datetime(2026, 11, 23, 12, 0)
    assert fixed.moment_on(date(2026, 11, 20)) == datetime(2026, 11, 20, 9, 0)
    time_machine.move_to(datetime(2029, 3, 4, 10, 30, 15, 999), tick=False)
    assert clock.WALL.now() == datetime(2029, 3, 4, 10, 30, 15)
    assert clock.now() == datetime(2029, 3, 4, 10, 30, 15)
    with clock.using(fixed):
        assert clock.now() == datetime(2026, 11, 23, 12, 0)
    assert clock.today() == date(2029, 3, 4)
