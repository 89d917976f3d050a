"""Writing files atomically: write to a temporary name in the same folder, then ``os.replace``.

A reader (or a crash) never sees a half-written report: either the old file or the new one. A
temporary file a killed write left behind is removed by the next write of the same kind of file
in that folder (:func:`clean_stale`). An exported file is readable by its owner and group only
(0640): a workbook carries names and 身份证号. A path that cannot be written (a folder, ``/proc``,
a name too long, no permission, a full disk) is an :class:`InvalidValue` naming the path, in Chinese.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ...errors import InvalidValue

__all__ = ["EXPORT_MODE", "atomic_write", "atomic_write_bytes", "clean_stale", "unwritable"]

#: exports: owner reads and writes, the group (the court's staff account group) reads, others nothing
EXPORT_MODE = 0o640
#: the longest file name (bytes) most file systems take; the temporary name adds ~16
NAME_MAX = 255 - 16

_REASONS = {
    errno.EISDIR: "这是一个文件夹",
    errno.ENOENT: "所在文件夹不存在或无法创建",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "路径中有一段不是文件夹",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在位置只读",
    errno.ENOSPC: "磁盘空间已满",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EXDEV: "无法在此位置改名",
}


def unwritable(path: str | os.PathLike[str], exc: OSError | None = None, reason: str = "") -> InvalidValue:
    """The Chinese refusal for a file that cannot be written at ``path``."""
    if exc is not None:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    refusal = InvalidValue(
        f"无法写入文件 {os.fspath(path)}：{reason}", field="输出文件", value=os.fspath(path)
    )
    refusal.reason = reason  # type: ignore[attr-defined]  # for a caller that words it its own way
    return refusal


def atomic_write(path: str | os.PathLike[str], write_fn: Callable[[BinaryIO], object]) -> Path:
    """Call ``write_fn(fileobj)`` on a temporary file beside ``path``, then rename it into place.

    The folder is created when missing. On any error the temporary file is removed and the
    existing ``path`` (if any) is left untouched. Returns the final path.
    """
    target = Path(path)
    if len(os.fsencode(target.name)) > NAME_MAX:
        raise unwritable(target, reason=f"文件名过长（最多约 {NAME_MAX} 字节）")
    try:
        if target.is_dir():
            raise unwritable(target, reason=_REASONS[errno.EISDIR])
        if target.exists() and not target.is_file():  # /dev/zero, a pipe: never replaced
            raise unwritable(target, reason="这不是普通文件（设备或管道）")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise unwritable(target, exc) from None
    tmp = Path(tmp_name)
    clean_stale(target, now=os.fstat(fd).st_mtime, keep=tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            write_fn(fh)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file 0600; an export is for the court's staff: owner and group read
        os.chmod(tmp, EXPORT_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise unwritable(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


#: a temporary file untouched this long was left by a writer that died (a kill, a power cut)
STALE_AFTER_SECONDS = 15 * 60
_TMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what ``atomic_write``'s mkstemp names


def clean_stale(target: Path, *, now: float, keep: Path | None = None) -> list[Path]:
    """Remove the temporary files a killed write left beside ``target``: those of the same kind of
    file (same suffix) in its folder, not modified for :data:`STALE_AFTER_SECONDS` before ``now``
    (the file system's time: the modification time of a file just created)."""
    removed: list[Path] = []
    limit = now - STALE_AFTER_SECONDS
    try:
        candidates = list(target.parent.glob(f".*{target.suffix}.*.tmp"))
    except OSError:
        return removed
    for p in candidates:
        try:
            if p == keep or not _TMP_NAME.match(p.name):
                continue
            if p.is_file() and p.stat().st_mtime < limit:
                p.unlink()
                removed.append(p)
        except OSError:
            continue  # another desk removed it, or it cannot be: the write itself goes on
    return removed


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return atomic_write(path, lambda fh: fh.write(data))
