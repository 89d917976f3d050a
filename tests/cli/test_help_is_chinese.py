"""``--help`` of every command and sub-command speaks Chinese: the description and the help of
every option and argument (none without help; English-only help fails)."""

from __future__ import annotations

import re

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.i18n import localize as localize_text

CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
runner = CliRunner()


def walk(command, path: tuple[str, ...] = ()):
    """(path, command) for the command and every sub-command below it, depth first."""
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_command(app)))


def shown(path: tuple[str, ...]) -> str:
    return " ".join(("zhixing", *path))


def description(output: str) -> str:
    """The rendered text between the usage line and the first panel."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if "用法：" in line) + 1
    end = next((i for i, line in enumerate(lines) if line.lstrip().startswith("╭")), len(lines))
    return "\n".join(lines[start:end])


def test_the_walk_sees_every_level():
    paths = {path for path, _ in COMMANDS}
    assert {(), ("db",), ("db", "upgrade"), ("print", "form"), ("report", "overdue"), ("demo",)} <= paths


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[shown(p) for p, _ in COMMANDS])
def test_help_is_chinese(path, command):
    name = shown(path)
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, f"{name} --help: exit {result.exit_code}\n{result.output}"
    assert CHINESE.search(command.help or ""), f"{name}: the description is not Chinese: {command.help!r}"
    assert CHINESE.search(description(result.output)), f"{name} --help shows no Chinese description"
    assert localize_text.HELP_OPTION in result.output, f"{name}: --help's own help is not Chinese"
    assert "Show this message" not in result.output, f"{name}: English help option"
    for param in command.params:
        label = "/".join(param.opts) or param.name
        text = getattr(param, "help", None)
        assert text, f"{name}: {label} has no help"
        assert CHINESE.search(text), f"{name}: the help of {label} is not Chinese: {text!r}"
