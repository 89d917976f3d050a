"""``zhixing profiles``: the court profiles shipped with zhixing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import echo, new_app

app = new_app("法院配置：列出、查看、校验。")


@app.command("list")
def list_() -> None:
    """列出随程序提供的法院配置。"""
    from ..profiles import available_profiles, load_profile

    for pid in available_profiles():
        p = load_profile(pid)
        groups = sum(1 for u in p.units if u.kind in ("group", "team"))
        echo(f"{pid:<8} {p.court.name}（{p.court.code}）  {groups}个组/团队  依据：{p.court.seed}")


@app.command("show")
def show(name: Annotated[str, typer.Argument(help="配置名，如 jianli")]) -> None:
    """显示一个法院配置：机构、阶段、流转、节点规则和分流标准。"""
    from ..profiles import load_profile
    from ..profiles.describe import describe

    echo(describe(load_profile(name)))


@app.command("check")
def check(file: Annotated[Path, typer.Argument(help="要校验的 TOML 文件")]) -> None:
    """校验一个配置文件；有误时指出文件、键和应有的取值，退出码 2。"""
    from ..profiles import load_profile_file

    p = load_profile_file(file)
    echo(
        f"配置有效：{p.id}（{p.court.name}），{len(p.units)}个单位，{len(p.stages)}个阶段，"
        f"{len(p.deadlines.rules)}条节点规则，{len(p.triage.simple)}条简易标准。"
    )
