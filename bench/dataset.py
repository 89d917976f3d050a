"""The bench's data, built once and cached in ``bench/.cache/`` (git-ignored).

- the demo database: ``zhixing demo --profile ruyang --cases N --seed 7 --as-of 2026-11-20``,
  built under ``nice`` into a ``.partial`` file and renamed when done (a killed build is never
  reused), then brought to the head revision and its planner statistics refreshed
  (``python -m bench.dataset prepare``, in a child: the harness itself imports no zhixing code);
- the import workbook of ``rows`` rows (``bench.workbook``) and an initialised empty court
  database to import it into;
- an empty database at the head revision (the demo floor writes into a copy of it);
- a password file holding ``demo`` (the demo's password, given to the import template's first
  administrator ``bench``): the commands that write log their operator in with it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from bench.measure import PYTHON, ROOT, ZHIXING

CACHE = ROOT / "bench" / ".cache"
PROFILE = "ruyang"
SEED = 7
AS_OF = "2026-11-20"
OPERATOR = "bench"
PASSWORD = "demo"


def demo_args(cases: int, db: Path | str) -> list[str]:
    return [
        ZHIXING, "demo", "--profile", PROFILE, "--cases", str(cases), "--seed", str(SEED),
        "--as-of", AS_OF, "--db", str(db), "--no-tui", "--operator", OPERATOR,
    ]  # fmt: skip


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a checkpointed SQLite file (no -wal beside the source)."""
    remove_db(target)
    shutil.copyfile(source, target)
    return target


def demo_db(cases: int, cache: Path = CACHE, *, log=print) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{PROFILE}-{cases}-s{SEED}-{AS_OF}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        remove_db(partial)
        log(f"building the {cases}-case demo database (nice -n 10) → {path}")
        subprocess.run(["nice", "-n", "10", *demo_args(cases, partial)], check=True, cwd=ROOT)
        checkpoint(partial)
        partial.rename(path)
    subprocess.run([PYTHON, "-m", "bench.dataset", "prepare", "--db", str(path)], check=True, cwd=ROOT)
    return path


def checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def empty_db(cache: Path = CACHE) -> Path:
    """An empty database at the head revision (what ``zhixing demo`` starts from)."""
    path = cache / "empty-head.db"
    remove_db(path)
    subprocess.run([PYTHON, "-m", "bench.dataset", "prepare", "--db", str(path)], check=True, cwd=ROOT)
    checkpoint(path)
    return path


def password_file(cache: Path = CACHE) -> Path:
    """The file ``--password-file`` names: the operator's password on its first line."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "password"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


def import_inputs(rows: int, cache: Path = CACHE) -> tuple[Path, Path]:
    """(the workbook of ``rows`` case rows, an initialised ruyang database to import it into, its
    first administrator ``bench`` with the password of :func:`password_file`)."""
    from bench.workbook import make_workbook

    cache.mkdir(parents=True, exist_ok=True)
    book = cache / f"import-{rows}.xlsx"
    if not book.exists():
        make_workbook(book, rows)
    template = cache / "import-template.db"
    remove_db(template)
    subprocess.run(
        [
            ZHIXING,
            "init",
            "--profile",
            PROFILE,
            "--db",
            str(template),
            "--operator",
            OPERATOR,
            "--password-file",
            str(password_file(cache)),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    checkpoint(template)
    return book, template


def prepare(db: str) -> None:
    """Bring a cached database to the head revision (no backup: the cache can be rebuilt) and
    refresh the planner's statistics as after the demo that built it (on PostgreSQL with
    ``VACUUM``: a database built before the demo did that itself gets its pages marked
    all-visible too)."""
    from zhixing_tui.storage.db import make_engine, resolve_url
    from zhixing_tui.storage.migrate import current_revision, head_revision, upgrade

    engine = make_engine(resolve_url(db))
    if current_revision(engine) != head_revision():
        upgrade(engine)
    try:
        from zhixing_tui.storage.db import optimize
    except ImportError:  # before the storage helper existed
        optimize = None
    if optimize is not None:
        try:
            optimize(engine, bulk=True)
        except TypeError:  # (an older zhixing, compared in paired runs: ANALYZE alone)
            optimize(engine)
    engine.dispose()
    if "://" not in db:  # a PostgreSQL database has no WAL file to fold in
        checkpoint(Path(db))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("prepare",))
    ap.add_argument("--db", required=True)
    args = ap.parse_args(argv)
    prepare(args.db)


if __name__ == "__main__":
    main()
