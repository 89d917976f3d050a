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
- ``db_backend``: ``"sqlite"``, or — for the tests under ``tests/storage``, ``tests/services`` when
  ``ZHIXING_TEST_PG`` names a PostgreSQL server — each such test runs twice, ``[sqlite]`` and
  ``[postgresql]``. On PostgreSQL the templates are databases and each test gets its own
  ``CREATE DATABASE … TEMPLATE`` copy, dropped after the test (tests/pg_scratch.py).
- ``empty_db_url``: a URL of an empty database on the test's backend (a file in tmp_path, or a
  scratch PostgreSQL database).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from tests import pg_scratch
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


@pytest.fixture(scope="session")
def _password_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file holding :data:`PASSWORD`, outside every test's own ``tmp_path``."""
    path = tmp_path_factory.mktemp("password") / "password"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """zhixing's cache folder (validated profiles, ``profiles.cache``) for the whole run: used as
    the app uses it, never the user's own ``~/.cache``."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _password_file: Path, _cache_dir: Path
) -> Path:
    monkeypatch.setenv("ZHIXING_HOME", str(tmp_path))
    monkeypatch.setenv("ZHIXING_CACHE_DIR", str(_cache_dir))
    for name in ("ZHIXING_DB", "ZHIXING_OPERATOR", "ZHIXING_AS_OF"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZHIXING_PASSWORD_FILE", str(_password_file))
    return tmp_path


#: the test folders that run on PostgreSQL as well when ZHIXING_TEST_PG is set
PG_SUITES = ("storage", "services")


def pytest_configure(config: pytest.Config) -> None:
    if pg_scratch.enabled():
        problem = pg_scratch.unreachable()
        if problem:
            pytest.exit(
                f"ZHIXING_TEST_PG={pg_scratch.PG_URL}: the PostgreSQL server does not answer ({problem}). "
                "Start it (pg_ctlcluster 15 main start) or run with ZHIXING_TEST_PG= for SQLite only.",
                returncode=3,
            )


def pytest_report_header(config: pytest.Config) -> str:
    if pg_scratch.enabled():
        return f"databases: sqlite and postgresql ({pg_scratch.PG_URL}) for tests/{{{','.join(PG_SUITES)}}}"
    return "databases: sqlite only (ZHIXING_TEST_PG is not set)"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not pg_scratch.enabled() or "db_backend" not in metafunc.fixturenames:
        return
    suite = Path(str(metafunc.definition.path)).parent.name
    if suite in PG_SUITES and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if pg_scratch.enabled():
        pg_scratch.drop_leftovers()


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """The engine the test's databases live on: ``sqlite`` unless parametrised (see PG_SUITES)."""
    return getattr(request, "param", "sqlite")


def _build(url: str, profile_id: str, cases: int, seed: int, as_of: date) -> None:
    from zhixing_tui.services.accounts import preset_passwords
    from zhixing_tui.services.setup import init_database

    desk = Desk.open(url, operator=OPERATOR, as_of=as_of)
    try:
        init_database(desk, profile_id, seed=seed)
        if cases:
            from zhixing_tui.demo.build import build_demo

            build_demo(desk, profile_id=profile_id, cases=cases, seed=seed, as_of=as_of)
        preset_passwords(desk, PASSWORD, record=False)
        if desk.engine.dialect.name == "sqlite":
            with desk.engine.connect() as conn:  # fold the WAL into the file so a copy is complete
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        desk.engine.dispose()


@pytest.fixture(scope="session")
def _desk_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """A template per (backend, profile, cases, seed, as_of): a SQLite file's path or a PostgreSQL
    database's name. Built on first use, kept for the session."""
    root = tmp_path_factory.mktemp("desk-templates")
    built: dict[tuple, str] = {}

    def template(backend: str, profile_id: str, cases: int, seed: int, as_of: date) -> str:
        key = (backend, profile_id, cases, seed, as_of)
        if key not in built:
            if backend == "postgresql":
                name = pg_scratch.new_name("tpl")
                _build(pg_scratch.create(name), profile_id, cases, seed, as_of)
                built[key] = name
            else:
                path = root / f"{profile_id}-{cases}-{seed}-{as_of:%Y%m%d}.db"
                _build(str(path), profile_id, cases, seed, as_of)
                built[key] = str(path)
        return built[key]

    yield template
    for (backend, *_), name in built.items():
        if backend == "postgresql":
            pg_scratch.drop(name)


@pytest.fixture
def desk_factory(tmp_path: Path, _desk_templates: Callable[..., str], db_backend: str):
    """Make Desks on fresh copies of (cached) template databases; engines are disposed (and scratch
    PostgreSQL databases dropped) after the test."""
    made: list[Desk] = []
    scratch: list[str] = []

    def make(
        profile_id: str = "ruyang",
        cases: int = 0,
        seed: int = 1,
        as_of: date = AS_OF,
        operator: str = OPERATOR,
    ) -> Desk:
        source = _desk_templates(db_backend, profile_id, cases, seed, as_of)
        if db_backend == "postgresql":
            name = pg_scratch.new_name()
            target = pg_scratch.create(name, template=source)
            scratch.append(name)
        else:
            path = tmp_path / f"desk-{len(made)}-{Path(source).name}"
            shutil.copyfile(source, path)
            target = str(path)
        desk = Desk.open(target, operator=operator, as_of=as_of)
        made.append(desk)
        return desk

    yield make
    for d in made:
        d.engine.dispose()
    for name in scratch:
        pg_scratch.drop(name)


@pytest.fixture
def empty_db_url(tmp_path: Path, db_backend: str):
    """The URL of an empty database on the test's backend."""
    if db_backend == "postgresql":
        name = pg_scratch.new_name("empty")
        yield pg_scratch.create(name)
        pg_scratch.drop(name)
    else:
        yield f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def desk(desk_factory) -> Desk:
    return desk_factory()


@pytest.fixture
def demo_desk(desk_factory) -> Desk:
    return desk_factory(cases=300)
