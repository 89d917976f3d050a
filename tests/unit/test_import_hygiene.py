"""The core (everything under zhixing_tui except tui/ and cli/) never imports textual or typer,
directly or through another module: checked in a fresh interpreter and by reading the source."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import zhixing_tui

PACKAGE_DIR = Path(zhixing_tui.__file__).parent
UI_PACKAGES = ("tui", "cli")
FORBIDDEN = ("textual", "typer", "click")


def core_files() -> list[Path]:
    out = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR)
        if rel.parts[0] in UI_PACKAGES or "migrations" in rel.parts:
            continue
        out.append(path)
    return out


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR).with_suffix("")
    parts = ["zhixing_tui", *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
                names.add(target)
                if not node.module:
                    names.update(f"{prefix}.{a.name}" for a in node.names)
            elif node.module:
                names.add(node.module)
    return names


def is_forbidden(name: str) -> bool:
    top = name.split(".")[0]
    if top in FORBIDDEN:
        return True
    return any(name == f"zhixing_tui.{ui}" or name.startswith(f"zhixing_tui.{ui}.") for ui in UI_PACKAGES)


def test_there_is_a_core_to_check():
    names = {module_name(p) for p in core_files()}
    assert {
        "zhixing_tui.services.desk",
        "zhixing_tui.services.cases.search",
        "zhixing_tui.storage.models",
    } <= names
    assert not any(n.startswith(("zhixing_tui.tui", "zhixing_tui.cli")) for n in names)


def test_core_source_never_imports_ui_modules():
    offenders = {
        str(p.relative_to(PACKAGE_DIR)): sorted(n for n in imported_modules(p) if is_forbidden(n))
        for p in core_files()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ast_scan_sees_relative_imports():
    # the checker itself: a relative import into tui/ is caught
    assert is_forbidden("zhixing_tui.tui.app")
    assert is_forbidden("textual.widgets")
    assert not is_forbidden("zhixing_tui.services.desk")
    assert "zhixing_tui.services.cases.search" in imported_modules(PACKAGE_DIR / "tui" / "commands.py")


def test_importing_the_whole_core_loads_no_ui_library():
    modules = [module_name(p) for p in core_files()]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {FORBIDDEN!r} or m.startswith(('zhixing_tui.tui', 'zhixing_tui.cli')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
