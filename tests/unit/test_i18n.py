"""Every visible string lives in ``zhixing_tui/i18n``, every string there is used, and every i18n
module is imported the same way: ``from ..i18n import board as board_text``.

Read from the source (AST), not by importing: each test lists all its offenders at once.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import zhixing_tui

PACKAGE_DIR = Path(zhixing_tui.__file__).parent
I18N_DIR = PACKAGE_DIR / "i18n"
I18N_PACKAGE = "zhixing_tui.i18n"
UI_PACKAGES = ("tui", "cli")

#: Chinese text: the CJK ideographs (unified, extension A, compatibility, extensions B and on).
#: Punctuation alone (、：（ and the full-width space) is not counted.
CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
UPPER_CASE = re.compile(r"^[A-Z][A-Z0-9_]*$")

#: i18n constants looked up in a way the scan cannot see (name → why); keep this empty if you can.
USED_DYNAMICALLY: dict[str, str] = {}


def source_files() -> list[Path]:
    return sorted(
        p for p in PACKAGE_DIR.rglob("*.py") if "migrations" not in p.relative_to(PACKAGE_DIR).parts
    )


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def rel(path: Path) -> str:
    return path.relative_to(PACKAGE_DIR).as_posix()


def module_package(path: Path) -> str:
    """The package a relative import in ``path`` starts from."""
    parts = ["zhixing_tui", *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1])  # a module's package; for __init__.py, the package itself


def import_target(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a ``from … import`` reads from."""
    if not node.level:
        return node.module or ""
    base = module_package(path).split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def docstrings(tree: ast.Module) -> set[int]:
    """ids of the module, class and function docstring nodes."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    out.add(id(body[0].value))
    return out


# --- (a) no Chinese string literal in tui/ or cli/ ----------------------------------------------


def chinese_literals(path: Path) -> Iterator[str]:
    tree = parse(path)
    skip = docstrings(tree)
    for node in ast.walk(tree):  # an f-string's constant parts are Constant nodes too
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if CHINESE.search(node.value):
                yield f"{rel(path)}:{node.lineno}: {node.value[:40]!r}"


def test_chinese_literals_are_found():
    assert CHINESE.search("已写入 {path}") and not CHINESE.search("（）：、　…")
    tree = ast.parse('"""文档"""\nx = f"共 {n} 件"\ndef f():\n    """说明"""\n    return "好"\n')
    skip = docstrings(tree)
    found = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]
    assert [s for s in found if CHINESE.search(s)] == ["共 ", " 件", "好"]


def test_no_chinese_string_literal_outside_i18n():
    files = [p for p in source_files() if rel(p).split("/")[0] in UI_PACKAGES]
    assert any(rel(p) == "cli/main.py" for p in files) and any(rel(p) == "tui/app.py" for p in files)
    offenders = [line for path in files for line in chinese_literals(path)]
    assert not offenders, (
        "Chinese string literals outside i18n/ (move them to an i18n module):\n" + "\n".join(offenders)
    )


# --- (b) every i18n constant is used ------------------------------------------------------------


def i18n_constants() -> dict[tuple[str, str], int]:
    """(module, NAME) → line, for every public UPPER_CASE name defined at the top of an i18n module."""
    out = {}
    for path in sorted(I18N_DIR.glob("*.py")):
        for node in parse(path).body:
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            for target in targets:
                if isinstance(target, ast.Name) and UPPER_CASE.match(target.id):
                    out[(path.stem, target.id)] = node.lineno
    return out


def i18n_references() -> set[tuple[str, str]]:
    """(module, NAME) for every ``alias.NAME`` of an imported i18n module, every name imported from
    an i18n module, and every name an i18n module uses itself."""
    used: set[tuple[str, str]] = set()
    for path in source_files():
        tree = parse(path)
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = import_target(path, node)
                for alias in node.names:
                    if target == I18N_PACKAGE:
                        aliases[alias.asname or alias.name] = alias.name
                    elif target.startswith(I18N_PACKAGE + "."):
                        used.add((target.rpartition(".")[2], alias.name))
        own = path.stem if path.parent == I18N_DIR else None
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id in aliases:
                    used.add((aliases[node.value.id], node.attr))
            elif own and isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                used.add((own, node.id))
    return used


def test_every_i18n_constant_is_used():
    constants = i18n_constants()
    assert ("common", "APP_NAME") in constants and ("cli", "APP_HELP") in constants
    used = i18n_references()
    unused = [
        f"i18n/{module}.py:{line}: {name}"
        for (module, name), line in sorted(constants.items())
        if (module, name) not in used and name not in USED_DYNAMICALLY
    ]
    assert not unused, "i18n constants nobody uses (delete them):\n" + "\n".join(unused)


# --- (c) one import convention ------------------------------------------------------------------


def test_i18n_modules_are_imported_as_module_text():
    offenders = []
    for path in source_files():
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.ImportFrom) and import_target(path, node) == I18N_PACKAGE:
                for alias in node.names:
                    if alias.asname != f"{alias.name}_text":
                        shown = f"{alias.name} as {alias.asname}" if alias.asname else alias.name
                        offenders.append(
                            f"{rel(path)}:{node.lineno}: import {shown} (write {alias.name} as {alias.name}_text)"
                        )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == I18N_PACKAGE or alias.name.startswith(I18N_PACKAGE + "."):
                        offenders.append(
                            f"{rel(path)}:{node.lineno}: import {alias.name} (use from … i18n import)"
                        )
    assert not offenders, "i18n imports off the convention:\n" + "\n".join(offenders)
