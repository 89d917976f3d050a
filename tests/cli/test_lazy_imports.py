"""The CLI imports what the command it runs needs, nothing more: ``report overdue`` never loads the
modules of the other command groups, nor openpyxl, python-docx, pypinyin, textual, alembic or
typer's help renderer (issue 17: the nightly report's fixed cost). Each check runs in a fresh
interpreter, where nothing is imported yet."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import textwrap

import typer
from typer.core import TyperGroup

from zhixing_tui.storage.db import sqlite_path

#: never imported by ``zhixing report overdue`` (JSON or text)
HEAVY = ("openpyxl", "docx", "pypinyin", "textual", "alembic", "markdown_it", "typer.rich_utils")


def _modules_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; the zhixing CLI modules and the HEAVY ones it imported."""
    script = textwrap.dedent(
        f"""
        import atexit, json, sys

        def _report():
            heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)
            cli = sorted(m for m in sys.modules if m.startswith("zhixing_tui.cli."))
            sys.__stderr__.write("MODULES " + json.dumps({{"heavy": heavy, "cli": cli}}) + "\\n")

        atexit.register(_report)
        """
    ) + textwrap.dedent(code)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    line = next(x for x in out.stderr.splitlines() if x.startswith("MODULES "))
    return {"returncode": out.returncode, "stdout": out.stdout, **json.loads(line.removeprefix("MODULES "))}


def test_importing_the_cli_imports_no_command_group():
    got = _modules_after("import zhixing_tui.cli.main")
    assert got["heavy"] == []
    assert set(got["cli"]) <= {
        "zhixing_tui.cli.common",
        "zhixing_tui.cli.localize",
        "zhixing_tui.cli.main",
        "zhixing_tui.cli.setup_cmd",
    }


def test_report_overdue_imports_only_what_it_needs(desk):
    db = str(sqlite_path(desk.url))
    for args in (["--json"], []):
        got = _modules_after(
            f"""
            import sys
            from zhixing_tui.cli.main import main
            sys.argv = ["zhixing", "report", "overdue", "--db", {db!r}, "--as-of", "2026-03-09", *{args!r}]
            main()
            """
        )
        assert got["returncode"] == 0, got
        assert "执行流程节点超期报告" in got["stdout"] or '"as_of": "2026-03-09"' in got["stdout"]
        assert got["heavy"] == [], args
        assert "zhixing_tui.cli.report_cmd" in got["cli"]
        assert not [m for m in got["cli"] if m.endswith(("print_cmd", "import_cmd", "seal_cmd", "tui_cmd"))]


def _tree(command, path=()) -> list[str]:
    out = [" ".join(path)]
    if isinstance(command, TyperGroup):
        for name in command.list_commands(None):  # type: ignore[arg-type]
            out += _tree(command.get_command(None, name), (*path, name))  # type: ignore[arg-type]
    return out


def test_each_group_built_alone_has_all_its_commands():
    """A group built first in a fresh process (only its own modules imported) has every command it
    has when every CLI module is imported: none lives in a module its entry in GROUPS forgot."""
    import zhixing_tui.cli
    from zhixing_tui.cli import main as cli_main

    for module in pkgutil.iter_modules(zhixing_tui.cli.__path__):
        if module.name != "tui_cmd":  # the app's launcher adds no command
            importlib.import_module(f"zhixing_tui.cli.{module.name}")
    everything = _tree(typer.main.get_command(cli_main.app))
    assert "print late-payout" in everything and "zhongben override" in everything
    for name in cli_main.GROUPS:
        got = subprocess.run(
            [
                sys.executable,
                "-c",
                "import json, typer, sys\n"
                "from zhixing_tui.cli import main\n"
                "from tests.cli.test_lazy_imports import _tree\n"
                f"group = typer.main.get_command(main.app).get_command(None, {name!r})\n"
                f"print(json.dumps(_tree(group, ({name!r},))))",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert got.returncode == 0, got.stderr
        alone = json.loads(got.stdout)
        assert sorted(alone) == sorted(p for p in everything if p == name or p.startswith(name + " ")), name
