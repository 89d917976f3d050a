"""The ``zhixing`` command: a thin Typer wrapper over the services; no subcommand opens the app.

Each command group's module is imported only when that group is run (or when ``--help`` lists
them): ``zhixing report overdue`` never imports the modules of ``print``, ``import`` or ``seal``,
nor what they import. :data:`GROUPS` names, in the order ``zhixing --help`` lists them, the module
of each group's Typer app and the modules that add commands to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from importlib import import_module

import typer
import typer.main
from typer.models import TyperInfo

from .. import startup
from ..i18n import cli as cli_text
from . import localize
from .common import DbOpt, OperatorOpt, PasswordFileOpt, ZhixingGroup
from .setup_cmd import register as register_setup

#: group name → (module of its Typer app, the app's name there, modules adding commands to it)
GROUPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "db": ("db_cmd", "app", ()),
    "import": ("import_cmd", "app", ()),
    "export": ("export_cmd", "app", ()),
    "calendar": ("calendar_cmd", "app", ()),
    "profiles": ("profiles_cmd", "app", ()),
    "report": ("report_cmd", "app", ()),
    # print form, intake, travel…, valuation (disposal), late-payout (money)
    "print": (
        "print_cmd",
        "app",
        ("print_form", "print_intake", "print_papers", "disposal_cmd", "money_cmd"),
    ),
    "triage": ("triage_cmd", "app", ()),
    "round": ("casework_cmd", "round_app", ()),
    "disposal": ("disposal_cmd", "app", ()),
    "file": ("casework_cmd", "file_app", ("file_cmd",)),  # register|scan|borrow|ended|return|list|borrowed
    "delegation": ("casework_cmd", "delegation_app", ("delegation_cmd",)),  # need|reply|finish|…
    "seal": ("seal_cmd", "seal_app", ()),
    "seals": ("seal_cmd", "seals_app", ()),
    "measure": ("measure_cmd", "app", ()),
    "money": ("money_cmd", "app", ()),
    "period": ("period_cmd", "app", ()),
    "zhongben": ("zhongben_cmd", "app", ("zhongben_conditions_cmd",)),  # check|record|material|override
    "staff": ("staff_cmd", "staff_app", ()),
    "audit": ("staff_cmd", "audit_app", ()),
}

localize.install()


class _Commands(MutableMapping):
    """The root's commands: those built already, and the groups of :data:`GROUPS`, each built (its
    modules imported) the first time it is looked up."""

    def __init__(self, built: MutableMapping, lazy: dict[str, Callable[[], typer.core.TyperGroup]]):
        self._built = dict(built)
        self._lazy = lazy
        self._names = [*self._built, *(k for k in lazy if k not in self._built)]

    def __getitem__(self, name):
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = self._lazy[name]()
        return self._built[name]

    def __setitem__(self, name, command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name) -> bool:
        return name in self._names


class RootGroup(ZhixingGroup):
    """``zhixing``: its groups built on demand (:class:`_Commands`)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands(self.commands, {name: (lambda n=name: _group(n)) for name in GROUPS})

    def list_commands(self, ctx) -> list[str]:  # the names alone: no group is built to list them
        return list(self.commands)


#: groups whose commands load, compute one bounded result, write it and end the process
#: (``export monthly``): the collector stays off for them too — their loading is most of their
#: objects (SQLAlchemy, the tables, the profile's schema, openpyxl: 60–90 ms of collections
#: finding nothing) — and each calls :func:`startup.finish` once done
LOADS_AND_ENDS = ("export",)

app = typer.Typer(
    cls=RootGroup,
    name="zhixing",
    help=cli_text.APP_HELP,
    add_completion=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: DbOpt = None,
    operator: OperatorOpt = None,
    password_file: PasswordFileOpt = None,  # taken out of the line by ZhixingGroup, wherever it stands
) -> None:
    """执行事务中心桌面。不带子命令时打开界面（同 zhixing tui）。"""
    if ctx.invoked_subcommand is None:
        from .tui_cmd import launch

        launch(db=db, operator=operator)
    elif ctx.invoked_subcommand not in ("tui", *LOADS_AND_ENDS):
        startup.done()  # the app restores the collector once drawn; a command right away


@app.command("tui")
def tui(db: DbOpt = None, operator: OperatorOpt = None) -> None:
    """打开终端界面。未指定 --operator 时在启动时从人员名册中选择操作人。"""
    from .tui_cmd import launch

    launch(db=db, operator=operator)


register_setup(app)


def group_app(name: str) -> typer.Typer:
    """The Typer app of group ``name``, its module and the modules adding commands to it imported."""
    module, attr, extra = GROUPS[name]
    sub = getattr(import_module(f"{__package__}.{module}"), attr)
    for more in extra:
        import_module(f"{__package__}.{more}")
    return sub


def _group(name: str) -> typer.core.TyperGroup:
    """Group ``name`` as ``app.add_typer(group_app(name), name=name)`` would have built it."""
    return typer.main.get_group_from_info(
        TyperInfo(group_app(name), name=name),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
        suggest_commands=app.suggest_commands,
    )


def main() -> None:  # console script entry point
    app()
