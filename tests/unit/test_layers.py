"""The layers of the core, read from the source (AST; relative imports resolved):

* ``domain`` (pure rules) imports nothing of the package but itself, ``errors`` and ``i18n`` —
  never ``profiles``: the profile models satisfy the domain's Protocols structurally;
* ``profiles`` (validated TOML → models) may import ``domain``, never storage/services/tui/cli;
* no two modules of ``zhixing_tui`` import each other, directly or round a longer loop. An import
  inside a function still ties two modules; one under ``if TYPE_CHECKING:`` does not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import zhixing_tui

PACKAGE = "zhixing_tui"
PACKAGE_DIR = Path(zhixing_tui.__file__).parent

#: What a domain module may import of the package (besides the domain itself).
DOMAIN_MAY_IMPORT = ("domain", "errors", "i18n")
#: What no domain / profiles module may import.
DOMAIN_MUST_NOT_IMPORT = ("profiles", "storage", "services", "tui", "cli")
PROFILES_MUST_NOT_IMPORT = ("storage", "services", "tui", "cli")

# tui.app ↔ tui.commands ↔ tui.screens.* closes only through ``if TYPE_CHECKING:`` imports, so it
# is no run-time cycle and the package check does not count it.


# --- reading the source ------------------------------------------------------------------------


def package_files() -> list[Path]:
    return sorted(
        p for p in PACKAGE_DIR.rglob("*.py") if "migrations" not in p.relative_to(PACKAGE_DIR).parts
    )


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR).with_suffix("")
    parts = [PACKAGE, *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in package_files()}


def _is_type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` / ``if typing.TYPE_CHECKING:``."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _imports(node: ast.AST, *, with_typing: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, at module level or in a function. The body of an
    ``if TYPE_CHECKING:`` counts only with ``with_typing`` (its ``else:`` always runs)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test) and not with_typing:
            for stmt in child.orelse:
                yield from _imports(ast.Module(body=[stmt], type_ignores=[]), with_typing=with_typing)
        else:
            yield from _imports(child, with_typing=with_typing)


def _resolve(name: str, known: set[str]) -> str | None:
    """``name`` if it is a module of the package, else its nearest enclosing module (a name
    imported from a package comes from its ``__init__``); None outside the package."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(
    source: str, module: str, *, is_package: bool, known: Iterable[str], with_typing: bool = False
) -> set[str]:
    """The modules in ``known`` that the source of ``module`` imports (relative imports resolved;
    ``from pkg import sub`` counts as importing ``pkg.sub`` when that is a module). Imports under
    ``if TYPE_CHECKING:`` count only with ``with_typing``."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in _imports(ast.parse(source), with_typing=with_typing):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        if node.level:
            parts = package.split(".")
            prefix = ".".join(parts[: len(parts) - node.level + 1])
            base = f"{prefix}.{node.module}" if node.module else prefix
        else:
            base = node.module or ""
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            targets.add(sub if sub in known else base)
    resolved = {_resolve(t, known) for t in targets}
    return {m for m in resolved if m is not None}


def import_graph(*, with_typing: bool = False) -> dict[str, set[str]]:
    """module → the modules of the package it imports (module level and in functions)."""
    return {
        name: imports_of(
            path.read_text(encoding="utf-8"),
            name,
            is_package=path.name == "__init__.py",
            known=MODULES,
            with_typing=with_typing,
        )
        for name, path in MODULES.items()
    }


def _layer(module: str) -> str:
    """zhixing_tui.domain.board → domain; zhixing_tui.errors → errors; zhixing_tui → ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


# --- cycles ------------------------------------------------------------------------------------


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components that are cycles (two or more modules, or one that
    imports itself), each sorted, the list sorted (Tarjan, iterative)."""
    edges = {v: sorted(set(ws)) for v, ws in graph.items()}
    for ws in list(edges.values()):
        for w in ws:
            edges.setdefault(w, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            recurse = False
            for j in range(i, len(edges[v])):
                w = edges[v][j]
                if w not in index:
                    work.append((v, j + 1))
                    work.append((w, 0))
                    recurse = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1 or v in edges[v]:
                    out.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return sorted(out)


def describe(cycles: list[list[str]], graph: Mapping[str, Iterable[str]]) -> str:
    """Each cycle's modules, and within it who imports whom."""
    lines = []
    for members in cycles:
        inside = set(members)
        lines.append(f"cycle of {len(members)}: {', '.join(members)}")
        for m in members:
            lines.extend(f"    {m} → {w}" for w in sorted(set(graph[m]) & inside))
    return "\n".join(lines)


# --- the checker itself --------------------------------------------------------------------------


def test_the_scan_sees_the_package():
    assert {"zhixing_tui.domain.board", "zhixing_tui.profiles.schema", "zhixing_tui.services.desk"} <= set(
        MODULES
    )
    graph = import_graph()
    # relative imports resolved; ``from ..domain import board`` is the module board
    assert "zhixing_tui.domain.board" in graph["zhixing_tui.services.board.handoffs"]
    assert "zhixing_tui.errors" in graph["zhixing_tui.domain.board"]
    assert "zhixing_tui.domain.events" in graph["zhixing_tui.profiles.deadline_schema"]


def test_the_scan_counts_function_imports_but_not_type_checking_ones():
    source = (
        "import typing\n"
        "from typing import TYPE_CHECKING\n"
        "import pkg.plain\n"
        "from . import top\n"
        "from .sub import name_in_sub_init\n"
        "from .. import outside\n"
        "if TYPE_CHECKING:\n"
        "    from .hint import X\n"
        "if typing.TYPE_CHECKING:\n"
        "    from . import hint2\n"
        "else:\n"
        "    from . import fallback\n"
        "def f():\n"
        "    from .late import y\n"
        "    return y\n"
    )
    known = {
        f"pkg.{n}" for n in ("plain", "a.top", "a.sub", "a.hint", "a.hint2", "a.fallback", "a.late", "a")
    }
    known.add("pkg")
    run_time = {"pkg.plain", "pkg.a.top", "pkg.a.sub", "pkg", "pkg.a.fallback", "pkg.a.late"}
    assert imports_of(source, "pkg.a", is_package=True, known=known) == run_time
    with_typing = imports_of(source, "pkg.a", is_package=True, known=known, with_typing=True)
    assert with_typing == run_time | {"pkg.a.hint", "pkg.a.hint2"}
    # a plain module: its relative imports start from its own package
    assert imports_of("from . import b\n", "pkg.a", is_package=False, known={"pkg.b", "pkg"}) == {"pkg.b"}


def test_the_cycle_finder_finds_cycles_in_a_made_up_graph():
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},  # a → b → c → a
        "d": {"e"},
        "e": set(),
        "f": {"g"},
        "g": {"f"},  # f ↔ g
        "h": {"h"},  # imports itself
        "i": {"a"},  # reaches a cycle, is not in one
    }
    assert find_cycles(graph) == [["a", "b", "c"], ["f", "g"], ["h"]]
    assert find_cycles({"x": {"y"}, "y": {"z"}, "z": set()}) == []
    text = describe([["f", "g"]], graph)
    assert "f → g" in text and "g → f" in text


def test_the_cycle_finder_handles_a_long_chain():
    n = 5000  # deeper than the recursion limit: the finder is iterative
    graph = {str(i): {str(i + 1)} for i in range(n)}
    assert find_cycles(graph) == []
    graph[str(n)] = {"0"}
    assert find_cycles(graph) == [sorted(str(i) for i in range(n + 1))]


# --- the layers ------------------------------------------------------------------------------------


def _offenders(layer: str, allowed: Iterable[str] | None, forbidden: Iterable[str]) -> dict[str, list[str]]:
    """Modules of ``layer`` importing a forbidden layer (or one outside ``allowed``), counting
    imports under ``if TYPE_CHECKING:`` too: a layer does not lean on another even for typing."""
    out = {}
    for name, targets in import_graph(with_typing=True).items():
        if _layer(name) != layer:
            continue
        bad = sorted(
            t for t in targets if _layer(t) in forbidden or (allowed is not None and _layer(t) not in allowed)
        )
        if bad:
            out[name] = bad
    return out


def test_domain_imports_only_itself_errors_and_i18n():
    assert _offenders("domain", DOMAIN_MAY_IMPORT, DOMAIN_MUST_NOT_IMPORT) == {}


def test_profiles_import_no_storage_services_or_ui():
    assert _offenders("profiles", None, PROFILES_MUST_NOT_IMPORT) == {}


def test_the_layer_check_catches_a_domain_module_importing_profiles(monkeypatch, tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..profiles.schema import Profile\n"
    )
    monkeypatch.setitem(MODULES, "zhixing_tui.domain._bad", bad)
    assert _offenders("domain", DOMAIN_MAY_IMPORT, DOMAIN_MUST_NOT_IMPORT) == {
        "zhixing_tui.domain._bad": ["zhixing_tui.profiles.schema"]
    }


def test_no_cycle_touches_domain_or_profiles():
    # stricter than the package check: typing-only imports count too (deadline_schema once
    # imported schema.Profile under TYPE_CHECKING while schema imported deadline_schema)
    graph = import_graph(with_typing=True)
    cycles = [c for c in find_cycles(graph) if {_layer(m) for m in c} & {"domain", "profiles"}]
    assert not cycles, describe(cycles, graph)


def test_no_import_cycle_in_the_package():
    graph = import_graph()
    cycles = find_cycles(graph)
    assert not cycles, "import cycles:\n" + describe(cycles, graph)
