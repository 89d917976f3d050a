"""``zhixing profiles``: the court profiles shipped with zhixing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from .common import echo, new_app

app = new_app(cli_text.PROFILES_HELP)


@app.command("list")
def list_() -> None:
    """列出随程序提供的法院配置。"""
    from ..profiles import available_profiles, load_profile

    for pid in available_profiles():
        p = load_profile(pid)
        groups = sum(1 for u in p.units if u.kind in ("group", "team"))
        echo(
            cli_text.PROFILE_LINE.format(
                id=pid, name=p.court.name, code=p.court.code, groups=groups, seed=p.court.seed
            )
        )


@app.command("show")
def show(name: Annotated[str, typer.Argument(help=cli_text.PROFILE_NAME_HELP)]) -> None:
    """显示一个法院配置：机构、阶段、流转、节点规则和分流标准。"""
    from ..profiles import load_profile
    from ..profiles.describe import describe

    echo(describe(load_profile(name)))


@app.command("check")
def check(file: Annotated[Path, typer.Argument(help=cli_text.PROFILE_FILE_HELP)]) -> None:
    """校验一个配置文件；有误时指出文件、键和应有的取值，退出码 2。"""
    from ..profiles import load_profile_file

    p = load_profile_file(file)
    echo(
        cli_text.PROFILE_VALID.format(
            id=p.id,
            name=p.court.name,
            units=len(p.units),
            stages=len(p.stages),
            rules=len(p.deadlines.rules),
            simple=len(p.triage.simple),
        )
    )
