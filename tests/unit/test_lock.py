"""``requirements.lock`` (what ``make`` installs) pins the whole tree and agrees with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(text: str) -> str:
    """The normalised distribution name, without extras (``psycopg[binary]`` → ``psycopg``)."""
    return re.sub(r"[-_.]+", "-", text.split("[", 1)[0]).lower()


def _lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for raw in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        assert not line.startswith("-"), f"requirements.lock: an option, not a pin: {raw!r}"
        name, sep, version = line.partition("==")
        assert sep and re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), f"not pinned exactly: {raw!r}"
        pins[_name(name)] = version
    return pins


def test_every_pin_of_pyproject_is_in_the_lock_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    lock = _lock()
    for spec in wanted:
        name, sep, version = spec.partition("==")
        assert sep, f"pyproject.toml: {spec!r} is not pinned with =="
        assert lock.get(_name(name)) == version, (
            f"requirements.lock has {name} {lock.get(_name(name))}, not {version}"
        )


def test_the_lock_holds_the_dependencies_of_the_dependencies():
    lock = _lock()
    for transitive in ("markdown-it-py", "pydantic-core", "mako", "execnet", "et-xmlfile"):
        assert transitive in lock
