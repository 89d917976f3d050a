"""Typer's own words in Chinese: help panel titles and the usage errors it prints itself.

Typer (and its vendored Click) print English for a wrong option or a missing argument. This is the
one place that turns them into Chinese, in zhixing's own ``错误：…`` form (exit status 2 stays).
Called once when the CLI is imported. Typer's ``rich_utils`` (rich's Markdown, its help panels) is
only needed for help and errors: it is patched when it is imported, so a command that runs
without either never imports it.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import re
import sys
from types import ModuleType

from ..i18n import cli as cli_text
from ..i18n import localize as localize_text

_PANELS = {
    "ARGUMENTS_PANEL_TITLE": localize_text.ARGUMENTS_PANEL_TITLE,
    "OPTIONS_PANEL_TITLE": localize_text.OPTIONS_PANEL_TITLE,
    "COMMANDS_PANEL_TITLE": localize_text.COMMANDS_PANEL_TITLE,
    "ERRORS_PANEL_TITLE": localize_text.ERRORS_PANEL_TITLE,
    "DEFAULT_STRING": localize_text.DEFAULT_STRING,
    "ENVVAR_STRING": localize_text.ENVVAR_STRING,
    "REQUIRED_LONG_STRING": localize_text.REQUIRED_LONG_STRING,
    "DEPRECATED_STRING": localize_text.DEPRECATED_STRING,
    "ABORTED_TEXT": localize_text.ABORTED_TEXT,
    "RICH_HELP": localize_text.RICH_HELP,
}

#: (English pattern, Chinese) for the messages Click builds; unknown ones pass through unchanged.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^No such option: (?P<a>\S+?)(?:\s+\(Possible options: (?P<b>.*)\))?\.?$", re.S),
        localize_text.NO_SUCH_OPTION,
    ),
    (re.compile(r"^No such command '(?P<a>.*)'\.$"), localize_text.NO_SUCH_COMMAND),
    (re.compile(r"^Missing argument '(?P<a>.*)'\.$"), localize_text.MISSING_ARGUMENT),
    (re.compile(r"^Missing option '(?P<a>.*)'\.$"), localize_text.MISSING_OPTION),
    (re.compile(r"^Option '(?P<a>.*)' requires an argument\.$"), localize_text.OPTION_NEEDS_VALUE),
    (re.compile(r"^Option '(?P<a>.*)' requires (?P<n>\d+) arguments\.$"), localize_text.OPTION_NEEDS_VALUES),
    (re.compile(r"^Got unexpected extra arguments? \((?P<a>.*)\)$"), localize_text.EXTRA_ARGUMENTS),
    (re.compile(r"^Invalid value for '(?P<a>.*?)': (?P<b>.*)$", re.S), localize_text.INVALID_VALUE),
    (
        re.compile(r"^'(?P<a>.*)' is not a valid (?P<b>integer|float)( range)?\.?$"),
        localize_text.NOT_A_NUMBER,
    ),
    (re.compile(r"^'(?P<a>.*)' is not one of (?P<b>.*)\.$"), localize_text.NOT_A_CHOICE),
    (re.compile(r"^(?P<a>.*) does not exist\.$"), localize_text.DOES_NOT_EXIST),
    (re.compile(r"^File (?P<a>.*) does not exist\.$"), localize_text.FILE_DOES_NOT_EXIST),
    (re.compile(r"^Path (?P<a>.*) does not exist\.$"), localize_text.PATH_DOES_NOT_EXIST),
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
    from typer import rich_utils

    if exc.__class__.__name__ == "NoArgsIsHelpError":
        return
    console = rich_utils._get_rich_console(stderr=True)
    console.print(
        cli_text.ERROR.format(message=translate(exc.format_message())), markup=False, highlight=False
    )
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        console.print(
            localize_text.SEE_HELP.format(
                command_path=ctx.command_path, help_option=ctx.help_option_names[0]
            ),
            markup=False,
            highlight=False,
        )


RICH_UTILS = "typer.rich_utils"


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds ``typer.rich_utils`` as the import system would, and patches it once it has run."""

    def find_spec(self, fullname, path, target=None):
        if fullname != RICH_UTILS:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _Patching(spec.loader)
        return spec


class _Patching(importlib.abc.Loader):
    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        _patch(module)


def install() -> None:
    """Chinese usage lines now; Chinese panels and errors when ``typer.rich_utils`` is imported."""
    if RICH_UTILS in sys.modules:
        _patch(sys.modules[RICH_UTILS])
    elif not any(isinstance(f, _PatchOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())

    from typer._click.formatting import HelpFormatter

    write_usage = HelpFormatter.write_usage

    def _write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, localize_text.USAGE_PREFIX if prefix is None else prefix)

    HelpFormatter.write_usage = _write_usage


def _patch(rich_utils: ModuleType) -> None:
    for name, value in _PANELS.items():
        setattr(rich_utils, name, value)
    rich_utils.rich_format_error = _format_error

    parameter_help = rich_utils._get_parameter_help

    def _parameter_help(*, param, ctx, markup_mode):
        if getattr(param, "help", None) == "Show this message and exit.":
            param.help = localize_text.HELP_OPTION
        return parameter_help(param=param, ctx=ctx, markup_mode=markup_mode)

    rich_utils._get_parameter_help = _parameter_help
