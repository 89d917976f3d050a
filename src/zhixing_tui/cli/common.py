"""What every command shares: the --db and --operator options, output helpers, the error boundary.

Heavy modules (sqlmodel, openpyxl, textual) are imported inside commands, never here.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from ..errors import ZhixingError

if TYPE_CHECKING:
    from ..services.desk import Desk

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="ZHIXING_DB",
        help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认 data/zhixing.db；环境变量 ZHIXING_DB）",
        show_default=False,
    ),
]
OperatorOpt = Annotated[
    str | None,
    typer.Option(
        "--operator",
        envvar="ZHIXING_OPERATOR",
        help="操作人姓名，写入审计记录（默认：环境变量 ZHIXING_OPERATOR，否则登录名）",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="以 JSON 输出")]


class ZhixingGroup(TyperGroup):
    """The one error boundary: a ZhixingError becomes ``错误：…`` on stderr and its exit code."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ZhixingError as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None


def new_app(help_text: str) -> typer.Typer:
    return typer.Typer(
        cls=ZhixingGroup,
        help=help_text,
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def open_desk(db: str | None, operator: str | None = None, *, need_profile: bool = True) -> Desk:
    from ..errors import NotFound
    from ..services.desk import Desk
    from ..storage.db import resolve_url, sqlite_path

    if need_profile:  # a court's database must exist already: never create one from a typo
        path = sqlite_path(resolve_url(db))
        if path is not None and not path.exists():
            raise NotFound(
                f"数据库不存在：{path}；请检查 --db 或环境变量 ZHIXING_DB，"
                "或先运行 zhixing init --profile 法院 建库（演示用 zhixing demo）"
            )
    desk = Desk.open(db, operator=operator)
    if desk.backup_made:
        echo_err(f"数据库结构已升级，升级前的备份：{desk.backup_made}")
    if need_profile:
        _ = desk.profile_id  # raises a clear error when the database was never initialised
    return desk


def echo(text: str = "") -> None:
    typer.echo(text)


def echo_err(text: str) -> None:
    typer.echo(text, err=True)


def is_tty() -> bool:
    return sys.stdout.isatty()
