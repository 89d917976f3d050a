"""Writing files atomically: write to a temporary name in the same folder, then ``os.replace``.

A reader (or a crash) never sees a half-written report: either the old file or the new one. A
temporary file a killed write left behind is removed by the next write of the same kind of file
in that folder (:func:`clean_stale`).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write", "atomic_write_bytes", "clean_stale"]


def atomic_write(path: str | os.PathLike[str], write_fn: Callable[[BinaryIO], object]) -> Path:
    """Call ``write_fn(fileobj)`` on a temporary file beside ``path``, then rename it into place.

    The folder is created when missing. On any error the temporary file is removed and the
    existing ``path`` (if any) is left untouched. Returns the final path.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    clean_stale(target, now=os.fstat(fd).st_mtime, keep=tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            write_fn(fh)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file 0600; a report is for the court's staff, so give it the
        # permissions an ordinary new file gets (0666 less the umask).
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return atomic_write(path, lambda fh: fh.write(data))
