"""Scratch PostgreSQL databases for the tests (``ZHIXING_TEST_PG`` names the server).

``ZHIXING_TEST_PG`` is a URL such as ``postgresql+psycopg://postgres@127.0.0.1:5432/test``: its
database is only the one the admin connection logs into; every test gets a database of its own,
``CREATE DATABASE … TEMPLATE`` from a template built once per session and worker, dropped after the
test. Names carry the process id, so workers, helpers and parallel runs on one server never meet.
"""

from __future__ import annotations

import itertools
import os
import re

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

PG_URL = os.environ.get("ZHIXING_TEST_PG", "").strip()
_counter = itertools.count()
_admin: Engine | None = None


def enabled() -> bool:
    return bool(PG_URL)


def _prefix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"zxt_{os.getpid()}_{re.sub(r'[^a-z0-9]', '', worker.lower())}"


def admin() -> Engine:
    """An autocommit engine on the server's login database (CREATE/DROP DATABASE run outside a transaction)."""
    global _admin
    if _admin is None:
        _admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT", pool_size=1)
    return _admin


def unreachable() -> str | None:
    """Why the server cannot be used, or None when it answers."""
    try:
        with admin().connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any driver or network failure: reported to the person running pytest
        return str(exc).splitlines()[0]
    return None


def url_for(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def new_name(kind: str = "db") -> str:
    return f"{_prefix()}_{kind}_{next(_counter)}"


def create(name: str, template: str | None = None) -> str:
    """Create database ``name`` (empty, or a copy of ``template``) and return its URL."""
    sql = f'CREATE DATABASE "{name}"'
    if template:
        sql += f' TEMPLATE "{template}"'
    with admin().connect() as conn:
        conn.execute(text(sql))
    return url_for(name)


def drop(name: str) -> None:
    with admin().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def drop_leftovers() -> None:
    """Drop this process's databases that a failed test left behind (at the session's end)."""
    with admin().connect() as conn:
        names = conn.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{_prefix()}\\_%"}
        ).scalars()
        for name in list(names):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
