"""Where the database is, whether a file is one, and the revision its schema should be at — read
without SQLAlchemy or alembic (the reading path of ``zhixing export monthly`` imports neither:
:mod:`zhixing_tui.services.read_desk`). :mod:`.db` and :mod:`.migrate` build on it."""

from __future__ import annotations

import os
import re
import stat
from functools import cache
from pathlib import Path

from ..errors import InvalidValue
from ..locations import DEFAULT_DB_NAME, data_dir

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_FILE_MODE",
    "MIGRATIONS_DIR",
    "SQLITE_MAGIC",
    "check_sqlite_file",
    "file_head",
    "plain_sqlite_file",
    "resolve_url",
]

#: the first 16 bytes of every SQLite database file
SQLITE_MAGIC = b"SQLite format 3\x00"
#: a database file (and so its -wal/-shm) the desk creates: owner only
DB_FILE_MODE = 0o600

BUSY_TIMEOUT_MS = 10_000


MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# alembic (with mako and its dialects) takes a good part of a second to import: every open of a
# database that is already at the head revision is answered without it (see ensure_schema).
_REVISION_RE = re.compile(r"^revision(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_RE = re.compile(r"^down_revision(?::[^=]*)?=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` value, else ``ZHIXING_DB``, else ``data/zhixing.db``; a bare path means SQLite."""
    value = os.fspath(db) if db is not None else os.environ.get("ZHIXING_DB") or ""
    if not value:
        value = str(data_dir() / DEFAULT_DB_NAME)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (what :func:`resolve_url` makes of a path); None
    for any other URL — another database, in-memory SQLite, a URL with options or escapes (those
    are for SQLAlchemy's reading of URLs: :func:`.db.sqlite_path`)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or any(ch in url for ch in "?#%"):
        return None
    path = url[len(prefix) :]
    return Path(path) if path and path != ":memory:" else None


def check_sqlite_file(path: Path, *, read_only: bool = False) -> None:
    """Refuse ``path`` unless it is a SQLite database file, or (not ``read_only``) missing or empty
    (SQLite makes those a database). Nothing is written to the file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if read_only:
            raise InvalidValue(f"数据库文件不存在：{path}", field="--db", value=str(path)) from None
        return
    except OSError as exc:
        raise InvalidValue(f"无法打开数据库 {path}：{exc.strerror}", field="--db", value=str(path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InvalidValue(f"数据库 {path} 是一个文件夹，请给出数据库文件", field="--db", value=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise InvalidValue(f"数据库 {path} 不是普通文件（设备或管道）", field="--db", value=str(path))
    if st.st_size == 0:
        if read_only:
            raise InvalidValue(
                f"{path} 是空文件，不是 zhixing 数据库，未作任何改动", field="--db", value=str(path)
            )
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise InvalidValue(f"无法读取数据库 {path}：{exc.strerror}", field="--db", value=str(path)) from None
    if head != SQLITE_MAGIC:
        raise InvalidValue(
            f"{path} 不是 zhixing 数据库（不是 SQLite 数据库文件），未作任何改动",
            field="--db",
            value=str(path),
        )


@cache
def file_head() -> str | None:
    """The head revision read from the revision files' ``revision``/``down_revision`` lines
    (the one revision no other revises), or None when that is not a single one — then alembic
    decides. Equal to :func:`head_revision` (a test checks)."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        body = path.read_text(encoding="utf-8")
        rev, down = _REVISION_RE.search(body), _DOWN_RE.search(body)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        if down.group(1):
            downs.add(down.group(1))
    heads = revisions - downs
    return next(iter(heads)) if len(heads) == 1 else None
