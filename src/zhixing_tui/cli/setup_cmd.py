"""``zhixing init`` (a court's database) and ``zhixing demo`` (a database full of demo cases)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import Conflict, InvalidValue
from .common import DbOpt, OperatorOpt, echo, is_tty

DEMO_DB = "data/demo.db"

ProfileOpt = Annotated[
    str, typer.Option("--profile", "-p", help="法院配置名，如 jianli、ruyang（见 zhixing profiles list）")
]


def _shown(url: str) -> str:
    """The database as a person reads it: the SQLite file relative to here, else the URL."""
    from ..storage.db import sqlite_path

    path = sqlite_path(url)
    if path is None:
        return url
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def init(
    profile: ProfileOpt,
    db: DbOpt = None,
    operator: OperatorOpt = None,
    seed: Annotated[int, typer.Option("--seed", help="补足人员名单时生成姓名所用的随机种子")] = 0,
) -> None:
    """新建（或升级）数据库并按法院配置建立机构和人员名单。已初始化的数据库不能再次初始化。"""
    from ..services.desk import Desk
    from ..services.setup import init_database

    desk = Desk.open(db, operator=operator)
    summary = init_database(desk, profile, seed=seed)
    echo(
        f"已创建 {summary.court_name} 数据库：{summary.groups}个组，{summary.staff}名人员 → {_shown(desk.url)}"
    )
    if summary.generated_staff:
        echo(
            f"其中 {summary.generated_staff} 名人员为配置未列明姓名而生成的示例人员，请在人员名单中改为本院实际人员。"
        )


def _clear_demo_target(url: str, force: bool) -> None:
    """Refuse a non-empty database unless ``force``; with it, delete the SQLite file and its -wal/-shm."""
    from ..storage.db import make_engine, sqlite_path
    from ..storage.migrate import is_empty

    path = sqlite_path(url)
    if path is None:
        engine = make_engine(url)
        try:
            empty = is_empty(engine)
        finally:
            engine.dispose()
        if not empty:
            raise Conflict(
                f"数据库 {url} 不是空库；演示数据只能写入空库或 SQLite 文件（--force 只能删除 SQLite 文件）"
            )
        return
    if not path.exists() or path.stat().st_size == 0:
        return
    if not force:
        raise Conflict(f"数据库 {_shown(url)} 已存在；如要删除重建演示库，请加 --force")
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if p.exists():
            os.remove(p)


def demo(
    profile: Annotated[str, typer.Option("--profile", "-p", help="法院配置名，如 ruyang、jianli")] = "ruyang",
    cases: Annotated[int, typer.Option("--cases", "-n", help="生成的案件数")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="随机种子：种子相同，数据相同")] = 1,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="基准日（如 2026-11-23），案件立案于此前12个月内；默认今天")
    ] = None,
    db: Annotated[str, typer.Option("--db", help="演示数据库：SQLite 文件路径或 SQLAlchemy URL")] = DEMO_DB,
    operator: OperatorOpt = None,
    no_tui: Annotated[bool, typer.Option("--no-tui", help="只生成数据，不打开界面")] = False,
    force: Annotated[bool, typer.Option("--force", help="数据库文件已存在时删除后重建")] = False,
) -> None:
    """生成演示数据库（默认 data/demo.db）：机构人员、案件、流转、案款、措施与审计记录，然后打开界面。"""

    from ..demo.build import build_demo
    from ..domain.dates import parse_date
    from ..services.desk import Desk, default_as_of
    from ..storage.db import resolve_url

    day = parse_date(as_of, field="基准日") if as_of else default_as_of()
    if cases < 0:
        raise InvalidValue(f"案件数不能为负数：{cases}", field="案件数", value=cases)
    url = resolve_url(db)
    _clear_demo_target(url, force)
    desk = Desk.open(url, operator=operator, as_of=day)
    day = desk.today()

    if is_tty() and cases:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("生成演示案件"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()
        ) as bar:
            task = bar.add_task("demo", total=cases)
            summary = build_demo(
                desk,
                profile_id=profile,
                cases=cases,
                seed=seed,
                as_of=day,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
    else:
        summary = build_demo(desk, profile_id=profile, cases=cases, seed=seed, as_of=day)

    stages = {s.code: s.name for s in desk.profile.stages}
    echo(
        f"已生成演示数据：{summary.court_name}，{summary.cases}件案件（未结 {summary.open_cases}，"
        f"已结 {summary.closed_cases}），基准日 {day.isoformat()}，种子 {seed} → {_shown(desk.url)}"
    )
    if summary.by_stage:
        echo("各阶段：" + " · ".join(f"{stages.get(c, c)} {n}" for c, n in summary.by_stage.items()))
    if summary.by_method:
        echo("结案方式：" + " · ".join(f"{m} {n}" for m, n in summary.by_method.items()))
    echo(f"用时 {summary.seconds:.1f} 秒")
    desk.engine.dispose()
    if not no_tui:
        from .tui_cmd import launch

        launch(db=url, operator=operator)


def register(app: typer.Typer) -> None:
    """Attach the setup commands to the root app."""
    app.command("init")(init)
    app.command("demo")(demo)
