"""Typer's and Click's own words in Chinese: help panel titles, the help option, usage errors.

Used by ``cli/localize.py``; the ``{a}``/``{b}``/``{n}`` fields are the parts of Click's English
message that the message's pattern captures.
"""

from __future__ import annotations

# --- help panels (typer.rich_utils) -------------------------------------------------------------
ARGUMENTS_PANEL_TITLE = "参数"
OPTIONS_PANEL_TITLE = "选项"
COMMANDS_PANEL_TITLE = "命令"
ERRORS_PANEL_TITLE = "错误"
DEFAULT_STRING = "[默认：{}]"
ENVVAR_STRING = "[环境变量：{}]"
REQUIRED_LONG_STRING = "[必填]"
DEPRECATED_STRING = "（已停用）"
ABORTED_TEXT = "已取消。"
RICH_HELP = "用 [blue]'{command_path} {help_option}'[/] 查看用法。"
HELP_OPTION = "显示本帮助并退出。"
USAGE_PREFIX = "用法："
SEE_HELP = "用 '{command_path} {help_option}' 查看用法。"

# --- usage errors Click builds ------------------------------------------------------------------
NO_SUCH_OPTION = "没有这个选项：{a}"
NO_SUCH_COMMAND = "没有这个命令：{a}"
MISSING_ARGUMENT = "缺少参数 {a}"
MISSING_OPTION = "缺少选项 {a}"
OPTION_NEEDS_VALUE = "选项 {a} 需要一个值"
OPTION_NEEDS_VALUES = "选项 {a} 需要 {n} 个值"
EXTRA_ARGUMENTS = "多余的参数：{a}"
INVALID_VALUE = "参数 {a} 的值无效：{b}"
NOT_A_NUMBER = "“{a}”不是有效的数字"
NOT_A_CHOICE = "“{a}”不是可选值之一：{b}"
DOES_NOT_EXIST = "{a} 不存在"
FILE_DOES_NOT_EXIST = "文件 {a} 不存在"
PATH_DOES_NOT_EXIST = "路径 {a} 不存在"
