"""Shared fixtures.

- The wall clock is moved (time-machine, autouse) to :data:`WALL_CLOCK`, years away from every
  fixture's as-of date: a stray wall-clock read in the product fails today, deterministically,
  instead of the day the calendar reaches a fixture's date. Desks get their date from ``as_of``.
- Every test runs with ``ZHIXING_HOME`` set to its own ``tmp_path`` (autouse), and with
  ``ZHIXING_DB`` / ``ZHIXING_OPERATOR`` unset, so nothing is written into the repo's ``data/``
  or ``exports/`` and the environment of the shell running pytest does not leak in.
- ``desk_factory(profile_id="ruyang", cases=0, seed=1, as_of=date(2026, 11, 23))`` returns a
  :class:`Desk` on a fresh SQLite file in ``tmp_path``: migrated, initialised for the profile
  and, with ``cases > 0``, filled with demo cases. ``desk.as_of`` is ``as_of`` and the
  operator is ``测试员``. Each distinct set of arguments is built once per session into a
  template file, then copied for every test (a copy is a few milliseconds).
- ``desk``: ``desk_factory()`` (汝阳, no cases).
- ``demo_desk``: ``desk_factory(cases=300)`` (汝阳, 300 demo cases as of 2026-11-23).
- Every member of staff of a fixture's roster has the password :data:`PASSWORD` (``demo``, as in
  a demo database), and ``ZHIXING_PASSWORD_FILE`` (autouse) names a file holding it, so the CLI
  commands that ask for the operator's password get it. A test that wants the prompt or a wrong
  password unsets or replaces the variable.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from zhixing_tui.services.desk import Desk

AS_OF = date(2026, 11, 23)
OPERATOR = "测试员"
#: every fixture account's password (the demo's too)
PASSWORD = "demo"
#: where the machine's clock stands during the tests: far from every as-of date a fixture uses
WALL_CLOCK = datetime(2038, 3, 17, 10, 0)


@pytest.fixture(autouse=True)
def _wall_clock_far_away(time_machine) -> None:
    """Every test runs with the wall clock at WALL_CLOCK (ticking, so timers and workers run)."""
    time_machine.move_to(WALL_CLOCK, tick=True)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHIXING_HOME", str(tmp_path))
    for name in ("ZHIXING_DB", "ZHIXING_OPERATOR", "ZHIXING_AS_OF"):
        monkeypatch.delenv(name, raising=False)
    password_file = tmp_path / ".password"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    monkeypatch.setenv("ZHIXING_PASSWORD_FILE", str(password_file))
    return tmp_path


def _build(path: Path, profile_id: str, cases: int, seed: int, as_of: date) -> None:
    from zhixing_tui.services.accounts import preset_passwords
    from zhixing_tui.services.setup import init_database

    desk = Desk.open(str(path), operator=OPERATOR, as_of=as_of)
    try:
        init_database(desk, profile_id, seed=seed)
        if cases:
            from zhixing_tui.demo.build import build_demo

            build_demo(desk, profile_id=profile_id, cases=cases, seed=seed, as_of=as_of)
        preset_passwords(desk, PASSWORD, record=False)
        with desk.engine.connect() as conn:  # fold the WAL into the file so a copy is complete
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        desk.engine.dispose()


@pytest.fixture(scope="session")
def _desk_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    root = tmp_path_factory.mktemp("desk-templates")
    built: dict[tuple, Path] = {}

    def template(profile_id: str, cases: int, seed: int, as_of: date) -> Path:
        key = (profile_id, cases, seed, as_of)
        if key not in built:
            path = root / f"{profile_id}-{cases}-{seed}-{as_of:%Y%m%d}.db"
            _build(path, profile_id, cases, seed, as_of)
            built[key] = path
        return built[key]

    return template


@pytest.fixture
def desk_factory(tmp_path: Path, _desk_templates: Callable[..., Path]):
    """Make Desks on fresh copies of (cached) template databases; engines are disposed after the test."""
    made: list[Desk] = []

    def make(
        profile_id: str = "ruyang",
        cases: int = 0,
        seed: int = 1,
        as_of: date = AS_OF,
        operator: str = OPERATOR,
    ) -> Desk:
        source = _desk_templates(profile_id, cases, seed, as_of)
        target = tmp_path / f"desk-{len(made)}-{source.name}"
        shutil.copyfile(source, target)
        desk = Desk.open(str(target), operator=operator, as_of=as_of)
        made.append(desk)
        return desk

    yield make
    for d in made:
        d.engine.dispose()


@pytest.fixture
def desk(desk_factory) -> Desk:
    return desk_factory()


@pytest.fixture
def demo_desk(desk_factory) -> Desk:
    return desk_factory(cases=300)
