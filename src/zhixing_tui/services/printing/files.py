"""Writing files atomically: write to a temporary name in the same folder, then ``os.replace``.

A reader (or a crash) never sees a half-written report: either the old file or the new one.
An exported file is readable by its owner and group only (0640): a workbook carries names and
身份证号. A path that cannot be written (a folder, ``/proc``, a name too long, no permission, a
full disk) is an :class:`InvalidValue` naming the path, in Chinese.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ...errors import InvalidValue

__all__ = ["EXPORT_MODE", "atomic_write", "atomic_write_bytes", "unwritable"]

#: exports: owner reads and writes, the group (the court's staff account group) reads, others nothing
EXPORT_MODE = 0o640
#: the longest file name (bytes) most file systems take; the temporary name adds ~16
NAME_MAX = 255 - 16

_REASONS = {
    errno.EISDIR: "这是一个文件夹",
    errno.ENOENT: "所在文件夹不存在或无法创建",
    errno.ENOTDIR: "路径中有一段不是文件夹",
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
    return InvalidValue(f"无法写入文件 {os.fspath(path)}：{reason}", field="输出文件", value=os.fspath(path))


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


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return atomic_write(path, lambda fh: fh.write(data))
