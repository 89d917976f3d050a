"""Backing up and restoring a SQLite court database (``zhixing db backup`` / ``zhixing db restore``).

A backup uses SQLite's online backup API: it is consistent while the app and the nightly report
write (WAL content included), is written under a temporary name, checked, and only then renamed
into place, owner-only (0600). The check: ``PRAGMA integrity_check`` is ``ok``, the copy is a
zhixing database (a known schema revision and a court profile) and it holds as many cases and
audit entries as the source had when the copy was taken.

A restore refuses a file that is not a zhixing database (or fails the same check), backs up the
database it replaces into ``backups/`` first, copies the file in with the same API, and records
the restore in the restored database's audit trail.

PostgreSQL is backed up with ``pg_dump`` (see the README); these functions refuse it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ... import clock as clock_module
from ...errors import InvalidValue
from ...locations import backups_dir_for
from ...storage.db import DB_FILE_MODE, check_sqlite_file, resolve_url, sqlite_path
from ...storage.migrate import known_revisions
from ..desk import PROFILE_KEY, Desk

__all__ = ["BackupResult", "backup_database", "check_copy", "restore_database"]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    cases: int
    audit_entries: int
    revision: str
    profile: str
    chain_head: str = ""  # the copy's audit chain head (``zhixing audit verify`` on the copy)


def _database_file(db: str | None) -> Path:
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is None:
        raise InvalidValue(
            "备份与恢复只用于 SQLite 数据库；PostgreSQL 请用 pg_dump / pg_restore（见 README）", field="--db"
        )
    return path


def _counts(conn: sqlite3.Connection) -> tuple[int, int]:
    cases = conn.execute("SELECT count(*) FROM enforcement_case").fetchone()[0]
    entries = conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    return int(cases), int(entries)


def check_copy(path: Path, *, what: str) -> BackupResult:
    """``path`` is a sound zhixing database: integrity_check ok, a known revision, a profile.

    InvalidValue (untouched file) otherwise; ``what`` names the file in the message."""
    check_sqlite_file(path, read_only=True)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InvalidValue(f"{what} {path} 无法打开：{exc}", field=what) from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise InvalidValue(f"{what} {path} 未通过完整性检查：{'；'.join(problems)}", field=what)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "desk_setting", "enforcement_case", "audit_entry"} <= tables:
            raise InvalidValue(f"{what} {path} 不是 zhixing 数据库（缺少 zhixing 的数据表）", field=what)
        revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone() or [""])[0]
        if revision not in known_revisions():
            raise InvalidValue(f"{what} {path} 的结构版本「{revision}」不是本程序认识的版本", field=what)
        profile = conn.execute("SELECT value FROM desk_setting WHERE key = ?", (PROFILE_KEY,)).fetchone()
        if not profile:
            raise InvalidValue(f"{what} {path} 是尚未初始化的空库（没有法院配置）", field=what)
        cases, entries = _counts(conn)
    except sqlite3.DatabaseError as exc:
        raise InvalidValue(f"{what} {path} 无法读取：{exc}", field=what) from None
    finally:
        conn.close()
    return BackupResult(path, cases, entries, revision, profile[0])


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """The online backup of ``source`` into a new private file ``target``."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_FILE_MODE)
    os.close(fd)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dest.close()


def _stamp() -> str:
    return clock_module.now().strftime("%Y%m%d-%H%M%S")


def backup_database(db: str | None, out: str | os.PathLike[str] | None = None) -> BackupResult:
    """Copy the database named by ``db`` to ``out`` (default ``backups/<name>-<time>-backup.db``
    beside it), verified; returns what the copy holds."""
    path = _database_file(db)
    check_copy(path, what="数据库")
    target = Path(out) if out else backups_dir_for(path) / f"{path.stem}-{_stamp()}-backup{path.suffix}"
    target = target.expanduser().absolute()
    if target == path.resolve():
        raise InvalidValue("备份文件不能就是数据库本身", field="--out")
    if len(os.fsencode(target.name)) > 200:
        raise InvalidValue(f"备份文件名过长：{target.name[:20]}…", field="--out")
    if target.is_dir():
        raise InvalidValue(f"备份路径 {target} 是一个文件夹，请给出文件名", field="--out")
    if target.exists() and not target.is_file():
        raise InvalidValue(f"备份路径 {target} 不是普通文件（设备或管道）", field="--out")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidValue(f"无法写入备份 {target}：{exc.strerror}", field="--out") from None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with source:  # one read transaction: the counts and the copy are the same moment
            source.execute("BEGIN")
            cases, entries = _counts(source)
            _copy(source, tmp)
        copy = check_copy(tmp, what="备份")
        if (copy.cases, copy.audit_entries) != (cases, entries):
            raise InvalidValue(
                f"备份核对不符：源库 {cases} 件案件、{entries} 条审计记录，"
                f"备份 {copy.cases} 件、{copy.audit_entries} 条",
                field="--out",
            )
        chain = _audit_chain(tmp)
        if chain.broken is not None:
            raise InvalidValue(
                f"备份未保存：审计记录链在第 {chain.broken.id} 条处断开（数据库中的审计记录被改动过），"
                "请先用 zhixing audit verify 查明",
                field="--db",
            )
        os.replace(tmp, target)
    except OSError as exc:
        raise InvalidValue(f"无法写入备份 {target}：{exc.strerror}", field="--out") from None
    finally:
        source.close()
        tmp.unlink(missing_ok=True)
    return BackupResult(target, copy.cases, copy.audit_entries, copy.revision, copy.profile, chain.head.hash)


def _audit_chain(path: Path):  # -> audit.ChainReport
    """The audit chain of the SQLite file ``path``, walked as ``zhixing audit verify`` does."""
    from sqlmodel import Session

    from ...storage.db import make_engine
    from ..audit import verify

    engine = make_engine(f"sqlite:///{path}", read_only=True)
    try:
        with Session(engine) as s:
            return verify(s)
    finally:
        engine.dispose()


def restore_database(
    db: str | None, file: str | os.PathLike[str], *, operator: str
) -> tuple[BackupResult, Path | None]:
    """Replace the database named by ``db`` with the zhixing database ``file``; the replaced one
    is backed up first (returned, None when there was none). The restore is audited."""
    path = _database_file(db)
    source_path = Path(file).expanduser().resolve()
    incoming = check_copy(source_path, what="恢复文件")
    if source_path == path.resolve():
        raise InvalidValue("恢复文件就是当前数据库本身", field="FILE")
    kept = None
    if path.exists() and path.stat().st_size > 0:
        kept = backup_database(
            str(path), backups_dir_for(path) / f"{path.stem}-{_stamp()}-before-restore{path.suffix}"
        ).path
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_FILE_MODE))
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    dest = sqlite3.connect(path, timeout=10)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    restored = check_copy(path, what="恢复后的数据库")
    desk = Desk.open(str(path), operator=operator)
    try:
        from .. import audit

        with desk.transaction() as s:
            audit.record(
                s,
                operator=desk.operator,
                action="db_restore",
                entity="desk_setting",
                summary=f"从备份恢复数据库：{source_path.name}（{incoming.cases} 件案件）"
                + (f"，原库已备份为 {kept.name}" if kept else ""),
                after={"file": str(source_path), "kept": str(kept) if kept else None},
            )
    finally:
        desk.engine.dispose()
    return restored, kept
