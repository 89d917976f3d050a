"""A streamed import's private spool: the checked chunks, ready to write, between its two passes.

Pass 1 reads and checks the file outside any write transaction and puts each chunk's rows, as the
write will consume them, here; pass 2 replays them inside the one short write transaction. The
file is created by :func:`tempfile.mkstemp` (mode 0600, only its owner can read it: it holds
parties' ID numbers and phones) and removed when the import ends, however it ends. Each chunk is
one pickle record: only this process writes and reads it back.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["PREFIX", "Spool"]

#: the spool files' name prefix (in the system's temporary directory unless ``directory`` says)
PREFIX = "zhixing-import-"


class Spool:
    """Chunks put in order, read back in order once the file is complete."""

    def __init__(self, directory: str | Path | None = None) -> None:
        fd, name = tempfile.mkstemp(prefix=PREFIX, suffix=".spool", dir=directory)
        self.path = Path(name)
        self._file = os.fdopen(fd, "w+b")
        self.chunks = 0

    def put(self, chunk: Any) -> None:
        pickle.dump(chunk, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks += 1

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self.chunks):
            was_on = gc.isenabled()
            gc.disable()  # a chunk is thousands of small tuples and dicts, none of them cyclic
            try:
                chunk = pickle.load(self._file)  # noqa: S301 - our own private file, written above
            finally:
                if was_on:
                    gc.enable()
            yield chunk

    def close(self) -> None:
        """Close and remove the file (safe to call twice)."""
        try:
            self._file.close()
        finally:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
