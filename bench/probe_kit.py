"""What the probes (``bench/probes.py``) share: the CLI run in a child process, the work folder
with its password file and base demo database, the result row, and small SQLite/PostgreSQL looks."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"
PG_URL = os.environ.get("ZHIXING_TEST_PG", "").strip() or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
#: the CLI of this checkout (``make venv``), run as a separate process like a clerk's shell would
ZHIXING = str(Path(sys.prefix) / "bin" / "zhixing")
PYTHON = sys.executable
CSV_HEAD = "案号,立案日期,申请执行人,被执行人,申请执行标的额"


@dataclass
class Row:
    """One probe's line in the table."""

    probe: str
    expected: str
    runs: int = 0
    lost: int = 0  # runs that lost or half-wrote data
    tracebacks: int = 0
    locks: int = 0  # "database is locked" failures
    failed: int = 0  # runs whose outcome was not the expected one (besides the three above)
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.runs > 0 and not (self.lost or self.tracebacks or self.locks or self.failed)

    def saw(self, run: Run) -> None:
        """Count a CLI run's tracebacks and lock failures."""
        self.tracebacks += run.traceback
        self.locks += run.locked


@dataclass
class Run:
    rc: int
    out: str
    err: str

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.out or "Traceback" in self.err

    @property
    def locked(self) -> bool:
        return "database is locked" in self.out + self.err

    def chinese_error(self, code: int = 2) -> bool:
        """Refused as the README promises: the exit code, ``错误：`` first on stderr, no traceback."""
        return self.rc == code and self.err.startswith("错误：") and not self.traceback


class Work:
    """The probes' temporary folder: ZHIXING_HOME, the password file (``demo``, every demo
    account's password) and a 300-case demo database the probes copy."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.home.mkdir()
        self.password = root / "password"
        self.password.write_text("demo\n", encoding="utf-8")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("ZHIXING_")},
            "ZHIXING_HOME": str(self.home),
            "ZHIXING_PASSWORD_FILE": str(self.password),
            "ZHIXING_AS_OF": AS_OF,
        }
        self._n = 0
        self.base = root / "base.db"

    def cli(self, *args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 300) -> Run:
        p = subprocess.run(
            [ZHIXING, *args],
            capture_output=True,
            text=True,
            env={**self.env, **(env or {})},
            cwd=cwd or self.root,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        return Run(p.returncode, p.stdout, p.stderr)

    def popen(self, *args: str, cwd: Path | None = None) -> subprocess.Popen:
        return subprocess.Popen(
            [ZHIXING, *args],
            env=self.env,
            cwd=cwd or self.root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def folder(self, name: str) -> Path:
        self._n += 1
        path = self.root / f"{self._n:03d}-{name}"
        path.mkdir()
        return path

    def copy(self, name: str) -> Path:
        """A fresh copy of the base demo database in a folder of its own."""
        target = self.folder(name) / "court.db"
        shutil.copyfile(self.base, target)
        return target

    def build_base(self, cases: int = 300) -> None:
        run = self.cli(
            "demo", "--db", str(self.base), "--cases", str(cases), "--no-tui", "--operator", "演示"
        )
        if run.rc != 0:
            raise SystemExit(f"the base demo failed: {run.err}")


def one(db: Path, sql: str, *params: object) -> object:
    con = sqlite3.connect(db, timeout=60)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def staff(db: Path, role: str) -> str:
    return str(one(db, "SELECT name FROM staff WHERE role = ? AND active ORDER BY id LIMIT 1", role))


def cases_csv(path: Path, rows: int, *, year: int = 2023, start: int = 1) -> Path:
    """A case import file of ``rows`` valid rows (案号 from ``start``)."""
    lines = [CSV_HEAD]
    for i in range(start, start + rows):
        lines.append(
            f"（{year}）豫0326执{i}号,{year}-{1 + i % 12:02d}-{1 + i % 28:02d},张{i % 97}甲,李{i}乙,{1000 + i}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pg_admin():
    """An autocommit psycopg connection to the server's login database, or None when it does not answer."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    try:
        return psycopg.connect(
            host=url.host or "127.0.0.1",
            port=url.port or 5432,
            user=url.username or "postgres",
            password=url.password or None,
            dbname=url.database or "postgres",
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.Error:
        return None


def pg_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def pg_run(name: str, sql: str, *, fetch: bool = True) -> object:
    """Run ``sql`` on database ``name`` (autocommit); the first value of its first row when ``fetch``."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    with psycopg.connect(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username or "postgres",
        password=url.password or None, dbname=name, autocommit=True,
    ) as conn:  # fmt: skip
        cur = conn.execute(sql)
        return cur.fetchone()[0] if fetch else None


def pg_one(name: str, sql: str) -> object:
    return pg_run(name, sql)
