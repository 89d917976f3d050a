"""Typer's own words in Chinese: help panel titles and the usage errors it prints itself.

Typer (and its vendored Click) print English for a wrong option or a missing argument. This is the
one place that turns them into Chinese, in zhixing's own ``错误：…`` form (exit status 2 stays).
Called once when the CLI is imported.
"""

from __future__ import annotations

import re

from typer import rich_utils

_PANELS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已停用）",
    "ABORTED_TEXT": "已取消。",
    "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看用法。",
}

#: (English pattern, Chinese) for the messages Click builds; unknown ones pass through unchanged.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^No such option: (?P<a>\S+?)(?:\s+\(Possible options: (?P<b>.*)\))?\.?$", re.S),
        "没有这个选项：{a}",
    ),
    (re.compile(r"^No such command '(?P<a>.*)'\.$"), "没有这个命令：{a}"),
    (re.compile(r"^Missing argument '(?P<a>.*)'\.$"), "缺少参数 {a}"),
    (re.compile(r"^Missing option '(?P<a>.*)'\.$"), "缺少选项 {a}"),
    (re.compile(r"^Option '(?P<a>.*)' requires an argument\.$"), "选项 {a} 需要一个值"),
    (re.compile(r"^Option '(?P<a>.*)' requires (?P<n>\d+) arguments\.$"), "选项 {a} 需要 {n} 个值"),
    (re.compile(r"^Got unexpected extra arguments? \((?P<a>.*)\)$"), "多余的参数：{a}"),
    (re.compile(r"^Invalid value for '(?P<a>.*?)': (?P<b>.*)$", re.S), "参数 {a} 的值无效：{b}"),
    (re.compile(r"^'(?P<a>.*)' is not a valid (?P<b>integer|float)( range)?\.?$"), "“{a}”不是有效的数字"),
    (re.compile(r"^'(?P<a>.*)' is not one of (?P<b>.*)\.$"), "“{a}”不是可选值之一：{b}"),
    (re.compile(r"^(?P<a>.*) does not exist\.$"), "{a} 不存在"),
    (re.compile(r"^File (?P<a>.*) does not exist\.$"), "文件 {a} 不存在"),
    (re.compile(r"^Path (?P<a>.*) does not exist\.$"), "路径 {a} 不存在"),
]


def translate(message: str) -> str:
    text = message.strip()
    for pattern, chinese in _MESSAGES:
        m = pattern.match(text)
        if m:
            parts = {k: translate(v) if k == "b" and v else (v or "") for k, v in m.groupdict().items()}
            return chinese.format(**parts)
    return text


def _format_error(exc) -> None:  # replaces typer.rich_utils.rich_format_error
    if exc.__class__.__name__ == "NoArgsIsHelpError":
        return
    console = rich_utils._get_rich_console(stderr=True)
    console.print(f"错误：{translate(exc.format_message())}", markup=False, highlight=False)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        console.print(
            f"用 '{ctx.command_path} {ctx.help_option_names[0]}' 查看用法。", markup=False, highlight=False
        )


HELP_OPTION_TEXT = "显示本帮助并退出。"
USAGE_PREFIX = "用法："


def install() -> None:
    for name, value in _PANELS.items():
        setattr(rich_utils, name, value)
    rich_utils.rich_format_error = _format_error

    parameter_help = rich_utils._get_parameter_help

    def _parameter_help(*, param, ctx, markup_mode):
        if getattr(param, "help", None) == "Show this message and exit.":
            param.help = HELP_OPTION_TEXT
        return parameter_help(param=param, ctx=ctx, markup_mode=markup_mode)

    rich_utils._get_parameter_help = _parameter_help

    from typer._click.formatting import HelpFormatter

    write_usage = HelpFormatter.write_usage

    def _write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    HelpFormatter.write_usage = _write_usage
