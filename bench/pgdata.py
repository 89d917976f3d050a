"""The bench's PostgreSQL database: the same demo as the SQLite file, built once into the database
``--db`` names and reused while its marker says it holds that demo.

The marker is the database's comment (``COMMENT ON DATABASE``; nothing inside zhixing's schema):
``zhixing-bench ruyang cases=N seed=7 as-of=2026-11-20`` once built, ``zhixing-bench building …``
while the demo writes. :func:`pg_demo_db`

- reuses a database whose marker matches (profile, cases, seed, as-of);
- drops and rebuilds one whose marker is the bench's but says something else (another ``--cases``,
  or a build that was killed);
- builds into a missing database (created) or an empty one (no table in any user schema);
- refuses any other database: one that holds tables and carries no bench marker is never
  dropped nor written into.

The demo is ``zhixing demo --db URL`` with the SQLite build's arguments (under ``nice``; on
PostgreSQL it writes in one transaction), then ``python -m bench.dataset prepare`` brings it to
the head revision and runs ``ANALYZE`` (in a child: the harness imports no zhixing code).
"""

from __future__ import annotations

import subprocess

from bench.dataset import AS_OF, PROFILE, SEED, demo_args
from bench.dbapi import conninfo
from bench.measure import PYTHON, ROOT

MARK = "zhixing-bench"


class NotOurs(RuntimeError):
    """The database holds tables and carries no bench marker: the bench leaves it alone."""


def marker(cases: int) -> str:
    return f"{MARK} {PROFILE} cases={cases} seed={SEED} as-of={AS_OF}"


def split(url: str) -> tuple[str, str]:
    """(the URL of the server's ``postgres`` database, the database name of ``url``)."""
    head, _, tail = url.rpartition("/")
    name, _, query = tail.partition("?")
    if not name:
        raise ValueError(f"{url}: no database name")
    return f"{head}/postgres" + (f"?{query}" if query else ""), name


def _admin(url: str):
    import psycopg

    return psycopg.connect(conninfo(split(url)[0]), autocommit=True)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def state(url: str) -> tuple[bool, str | None]:
    """(does the database exist, its comment)."""
    _, name = split(url)
    with _admin(url) as con:
        row = con.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
    return (row is not None, row[0] if row else None)


def user_tables(url: str) -> int:
    import psycopg

    with psycopg.connect(conninfo(url), autocommit=True) as con:
        return con.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]


def _set_comment(url: str, text: str) -> None:
    _, name = split(url)
    with _admin(url) as con:
        con.execute(f"COMMENT ON DATABASE {_ident(name)} IS {_literal(text)}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create(url: str, *, template: str | None = None) -> None:
    _, name = split(url)
    with _admin(url) as con:
        extra = f" TEMPLATE {_ident(template)}" if template else ""
        con.execute(f"CREATE DATABASE {_ident(name)}{extra}")


def drop_ours(url: str) -> None:
    """Drop the database if it carries the bench's marker (and only then)."""
    exists, comment = state(url)
    if not exists:
        return
    if not (comment or "").startswith(MARK):
        raise NotOurs(f"{url}: no {MARK} marker, not dropped")
    _, name = split(url)
    with _admin(url) as con:
        con.execute(f"DROP DATABASE {_ident(name)} WITH (FORCE)")


def pg_demo_db(url: str, cases: int, *, log=print) -> str:
    want = marker(cases)
    exists, comment = state(url)
    if exists and comment != want:
        if (comment or "").startswith(MARK):
            log(f"{url}: marker {comment!r}, not {want!r}: dropping the bench's database to rebuild it")
            drop_ours(url)
            exists = False
        elif user_tables(url):
            raise NotOurs(
                f"{url}: the database holds tables and carries no {MARK} marker; "
                "the bench builds only into a missing or empty database"
            )
    if comment != want:
        if not exists:
            create(url)
        _set_comment(url, f"{MARK} building {want[len(MARK) + 1 :]}")
        log(f"building the {cases}-case demo in PostgreSQL (nice -n 10) → {url}")
        subprocess.run(["nice", "-n", "10", *demo_args(cases, url)], check=True, cwd=ROOT)  # type: ignore[arg-type]
        _set_comment(url, want)
    subprocess.run([PYTHON, "-m", "bench.dataset", "prepare", "--db", url], check=True, cwd=ROOT)
    return url


def server_version(url: str) -> str:
    with _admin(url) as con:
        return con.execute("SHOW server_version").fetchone()[0]


def scratch_url(url: str, suffix: str) -> str:
    """The URL of a scratch database beside ``url``'s (``NAME_suffix``, on the same server)."""
    head, _, tail = url.rpartition("/")
    name, sep, query = tail.partition("?")
    return f"{head}/{name}_{suffix}{sep}{query}"


def fresh(url: str, *, template: str | None = None) -> str:
    """A new database at ``url`` (a copy of database ``template`` if given), marked as the bench's
    scratch; the one there before is dropped only if it carries the bench's marker."""
    drop_ours(url)
    create(url, template=template)
    _set_comment(url, f"{MARK} scratch")
    return url


def table_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(conninfo(url), autocommit=True) as con:
        names = [r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {n: con.execute(f"SELECT count(*) FROM {_ident(n)}").fetchone()[0] for n in sorted(names)}
