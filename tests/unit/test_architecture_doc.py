"""docs/architecture.md matches the tree: every package of src/zhixing_tui and of services/ is
named in its map, and every folder the map names exists."""

from __future__ import annotations

import re
from pathlib import Path

import zhixing_tui

PACKAGE_DIR = Path(zhixing_tui.__file__).parent
DOC = PACKAGE_DIR.parents[1] / "docs" / "architecture.md"


def _map() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split("```", 2)[1]


def _packages(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}


def test_every_package_is_on_the_map():
    drawn = set(re.findall(r"^\s+(\w+)/", _map(), flags=re.M))
    missing = (_packages(PACKAGE_DIR) | _packages(PACKAGE_DIR / "services")) - drawn
    assert not missing, f"docs/architecture.md does not name: {sorted(missing)}"


def test_every_folder_on_the_map_exists():
    lines = _map().splitlines()
    top = {m.group(1) for line in lines if (m := re.match(r"^  (\w+)/", line))}
    services = {m.group(1) for line in lines if (m := re.match(r"^    (\w+)/", line))}
    assert top <= _packages(PACKAGE_DIR), sorted(top - _packages(PACKAGE_DIR))
    assert services <= _packages(PACKAGE_DIR / "services"), sorted(
        services - _packages(PACKAGE_DIR / "services")
    )


def test_the_services_room_holds_rooms_not_modules():
    """services/ keeps only the shared modules at its top (the desk, the audit trail, who did an
    act, permissions, setup); every capability is a package (a new capability is a new room, not a
    49th module beside the others)."""
    folder = PACKAGE_DIR / "services"
    modules = {p.stem for p in folder.glob("*.py")}
    assert modules <= {"__init__", "desk", "audit", "actors", "permissions", "setup"}, sorted(modules)
