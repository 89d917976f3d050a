"""The ``zhixing`` command: a thin Typer wrapper over the services; no subcommand opens the app."""

from __future__ import annotations

import typer

from ..i18n import cli as cli_text
from . import (  # noqa: F401  (modules that add commands to another group's app)
    delegation_cmd,  # ``delegation need|reply|finish|arrive|receive|done|list``
    file_cmd,  # ``file register|scan|borrow|ended|return|list|borrowed``
    localize,
    print_form,  # ``print form``
    print_intake,  # ``print intake``
    print_papers,  # ``print travel|closing|related|address|submissions``
    zhongben_conditions_cmd,  # ``zhongben check|record|material|override``
)
from .calendar_cmd import app as calendar_app
from .casework_cmd import delegation_app, file_app, round_app
from .common import DbOpt, OperatorOpt, PasswordFileOpt, ZhixingGroup
from .db_cmd import app as db_app
from .disposal_cmd import app as disposal_app  # also ``print valuation``
from .export_cmd import app as export_app
from .import_cmd import app as import_app
from .measure_cmd import app as measure_app
from .money_cmd import app as money_app
from .period_cmd import app as period_app
from .print_cmd import app as print_app
from .profiles_cmd import app as profiles_app
from .report_cmd import app as report_app
from .seal_cmd import seal_app, seals_app
from .setup_cmd import register as register_setup
from .staff_cmd import audit_app, staff_app
from .triage_cmd import app as triage_app
from .zhongben_cmd import app as zhongben_app

localize.install()

app = typer.Typer(
    cls=ZhixingGroup,
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


@app.command("tui")
def tui(db: DbOpt = None, operator: OperatorOpt = None) -> None:
    """打开终端界面。未指定 --operator 时在启动时从人员名册中选择操作人。"""
    from .tui_cmd import launch

    launch(db=db, operator=operator)


app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.add_typer(calendar_app, name="calendar")
app.add_typer(profiles_app, name="profiles")
app.add_typer(report_app, name="report")
app.add_typer(print_app, name="print")
app.add_typer(triage_app, name="triage")
app.add_typer(round_app, name="round")
app.add_typer(disposal_app, name="disposal")
app.add_typer(file_app, name="file")
app.add_typer(delegation_app, name="delegation")
app.add_typer(seal_app, name="seal")
app.add_typer(seals_app, name="seals")
app.add_typer(measure_app, name="measure")
app.add_typer(money_app, name="money")
app.add_typer(period_app, name="period")
app.add_typer(zhongben_app, name="zhongben")
app.add_typer(staff_app, name="staff")
app.add_typer(audit_app, name="audit")
register_setup(app)


def main() -> None:  # console script entry point
    app()
