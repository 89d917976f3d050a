"""A court profile, once validated, kept for the next run (issue 17: the start of every command and
of the app).

Validating a profile builds the pydantic schema of its ~50 classes (the classes are defined with
``defer_build``: the schema is built on first use) and checks every rule — some 20 ms of CPU at
each start, for a file that changes once in a while. :func:`load` gives the :class:`Profile`
validated before from the same text by the same code, or None; :func:`store` keeps one. The key is
the SHA-256 of the profile's text and of :func:`code_fingerprint` (the sources of
``zhixing_tui.profiles`` and ``zhixing_tui.domain`` — the schema, its validators and the
constants they check against — and pydantic's version): a changed profile or a new zhixing
validates again; an invalid profile is never kept, so its error is reported every time.

Where: ``$ZHIXING_CACHE_DIR`` when set (empty: no cache), else ``$XDG_CACHE_HOME/zhixing`` or
``~/.cache/zhixing``, under ``profiles/``. The files are pickles: the folder is made private
(0700), each file is written to a temporary name and renamed (0600), and a file not owned by the
user running zhixing is ignored. Anything wrong with the cache — missing, unreadable, truncated,
written by another version — only means validating again; a cache that cannot be written is
left alone.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import pydantic

from .schema import Profile

__all__ = ["ENV", "cache_dir", "code_fingerprint", "load", "store"]

#: the folder of zhixing's caches (empty: keep none)
ENV = "ZHIXING_CACHE_DIR"
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path | None:
    """The folder of zhixing's caches, or None when ``$ZHIXING_CACHE_DIR`` is set empty."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if base.strip() else Path.home() / ".cache") / "zhixing"


@functools.cache
def code_fingerprint() -> str:
    """The SHA-256 of the code a profile is validated by: pydantic's version and every source
    file of ``zhixing_tui/profiles`` and ``zhixing_tui/domain`` (name and content)."""
    digest = hashlib.sha256(pydantic.VERSION.encode())
    for folder in ("profiles", "domain"):
        for source in sorted((_PACKAGE / folder).glob("*.py")):
            digest.update(f"\0{folder}/{source.name}\0".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def _path(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"{code_fingerprint()}\0{text}".encode()).hexdigest()
    return folder / "profiles" / f"{key}.pickle"


def load(text: str) -> Profile | None:
    """The profile validated before from ``text`` by this code, or None."""
    try:
        path = _path(text)
        if path is None or path.stat().st_uid != os.getuid():
            return None
        with path.open("rb") as fh:
            profile = pickle.load(fh)  # noqa: S301 - the user's own private cache, see above
    except Exception:  # noqa: BLE001 - no usable cache: validate again
        return None
    return profile if isinstance(profile, Profile) else None


def store(text: str, profile: Profile) -> None:
    """Keep ``profile`` (validated from ``text``) for the next run; nothing when it cannot."""
    try:
        path = _path(text)
        if path is None:
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".profile-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(profile, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        return
