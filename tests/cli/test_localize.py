"""Typer's own usage errors and help panels speak Chinese, in zhixing's ``错误：…`` form."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zhixing_tui.cli.localize import translate
from zhixing_tui.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["calendar", "due", "2026-09-30", "-3日"], "错误：没有这个选项：-3"),
        (["frobnicate"], "错误：没有这个命令：frobnicate"),
        (["calendar", "due"], "错误：缺少参数 start"),
        (["report", "overdue", "--as-of"], "错误：选项 --as-of 需要一个值"),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(args, first_line):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == first_line
    assert "Error" not in result.stderr and "Usage" not in result.stderr


def test_help_panels_are_chinese():
    result = runner.invoke(app, ["calendar", "--help"])
    assert result.exit_code == 0
    assert "用法：zhixing calendar" in result.stdout
    assert "显示本帮助并退出。" in result.stdout
    assert "Show this message" not in result.stdout and "Usage:" not in result.stdout


def test_unknown_messages_pass_through():
    assert translate("Something new.") == "Something new."
    assert (
        translate("Invalid value for 'START': 'x' is not a valid integer.")
        == "参数 START 的值无效：“x”不是有效的数字"
    )
