"""``zhixing init`` (a court's database) and ``zhixing demo`` (a database full of demo cases)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InvalidValue, ZhixingError
from ..i18n import setup as setup_text
from .common import DbOpt, OperatorOpt, echo, is_tty

DEMO_DB = "data/demo.db"

ProfileOpt = Annotated[str, typer.Option("--profile", "-p", help=setup_text.PROFILE_HELP)]


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
    seed: Annotated[int, typer.Option("--seed", help=setup_text.SEED_HELP)] = 0,
    admin: Annotated[
        str | None, typer.Option("--admin", help=setup_text.ADMIN_HELP, show_default=False)
    ] = None,
) -> None:
    """新建（或升级）数据库，按法院配置建立机构和人员名单，并建立第一位系统管理员（输入其密码）。已初始化的数据库不能再次初始化。"""
    from ..profiles import load_profile
    from ..services.desk import Desk
    from ..services.setup import init_database
    from .common import read_new_password

    admin_name = (admin or operator or setup_text.DEFAULT_ADMIN).strip()
    desk = Desk.open(db, operator=admin_name)
    try:
        _ = desk.profile_id
        already = True
    except ZhixingError:
        already = False
    if already:  # refused by init_database before any password is asked
        init_database(desk, profile, seed=seed)
    load_profile(profile)  # an unknown court is refused before the password is asked too
    summary = init_database(desk, profile, seed=seed, admin=(admin_name, read_new_password(admin_name)))
    echo(
        setup_text.INITIALISED.format(
            court=summary.court_name, groups=summary.groups, staff=summary.staff, db=_shown(desk.url)
        )
    )
    echo(setup_text.ADMIN_CREATED.format(name=admin_name))
    if summary.generated_staff:
        echo(setup_text.GENERATED_STAFF.format(n=summary.generated_staff))


def demo(
    profile: Annotated[str, typer.Option("--profile", "-p", help=setup_text.DEMO_PROFILE_HELP)] = "ruyang",
    cases: Annotated[int, typer.Option("--cases", "-n", help=setup_text.DEMO_CASES_HELP)] = 2000,
    seed: Annotated[int, typer.Option("--seed", help=setup_text.DEMO_SEED_HELP)] = 1,
    as_of: Annotated[str | None, typer.Option("--as-of", help=setup_text.DEMO_AS_OF_HELP)] = None,
    db: Annotated[str, typer.Option("--db", help=setup_text.DEMO_DB_HELP)] = DEMO_DB,
    operator: OperatorOpt = None,
    no_tui: Annotated[bool, typer.Option("--no-tui", help=setup_text.DEMO_NO_TUI_HELP)] = False,
    force: Annotated[bool, typer.Option("--force", help=setup_text.DEMO_FORCE_HELP)] = False,
) -> None:
    """生成演示数据库（默认 data/demo.db）：机构人员、案件、流转、案款、措施与审计记录，然后打开界面。"""

    from ..demo.target import check_target, discard, install, one_transaction, scratch_for
    from ..domain.dates import parse_date
    from ..services.desk import Desk, default_as_of
    from ..storage.db import resolve_url, sqlite_path

    day = parse_date(as_of, field=setup_text.AS_OF_FIELD) if as_of else default_as_of()
    if cases < 0:
        raise InvalidValue(
            setup_text.NEGATIVE_CASES.format(cases=cases), field=setup_text.CASES_FIELD, value=cases
        )
    url = resolve_url(db)
    target = sqlite_path(url)
    if target is None:  # PostgreSQL: an empty database, filled in one transaction
        with one_transaction(url, operator, day) as desk:
            day = desk.today()
            summary = _build(desk, profile, cases, seed, day, scratch=False)
        _report(desk, summary, seed, day, url, None, no_tui)
        return
    # SQLite: built aside and renamed into place, so a kill leaves the old file as it was
    check_target(target, force, _shown(url))
    scratch = scratch_for(target)
    desk = None
    try:
        desk = Desk.open(f"sqlite:///{scratch}", operator=operator, as_of=day)
        day = desk.today()
        summary = _build(desk, profile, cases, seed, day, scratch=True)
        desk.engine.dispose()
        backup = install(scratch, target)
    except BaseException:
        if desk is not None:
            desk.engine.dispose()
        discard(scratch)
        raise
    _report(desk, summary, seed, day, url, backup, no_tui)


def _report(desk, summary, seed: int, day, url: str, backup, no_tui: bool) -> None:
    """What the demo built, where; then the app, unless ``--no-tui``."""
    stages = {s.code: s.name for s in desk.profile.stages}
    echo(
        setup_text.DEMO_DONE.format(
            court=summary.court_name,
            cases=summary.cases,
            open=summary.open_cases,
            closed=summary.closed_cases,
            day=day.isoformat(),
            seed=seed,
            db=_shown(url),
        )
    )
    if summary.by_stage:
        counts = " · ".join(f"{stages.get(c, c)} {n}" for c, n in summary.by_stage.items())
        echo(setup_text.BY_STAGE.format(counts=counts))
    if summary.by_method:
        counts = " · ".join(f"{m} {n}" for m, n in summary.by_method.items())
        echo(setup_text.BY_METHOD.format(counts=counts))
    echo(setup_text.ELAPSED.format(seconds=summary.seconds))
    if backup is not None:
        echo(setup_text.DEMO_BACKUP.format(path=backup))
    if not no_tui:
        from .tui_cmd import launch, terminal_missing

        missing = terminal_missing()
        if missing is not None:  # built from a script: the data is the work, the app a courtesy
            echo(setup_text.DEMO_NO_TERMINAL.format(stream=missing, db=_shown(url)))
            return
        launch(db=url, operator=None)  # the login screen, which says every demo password is demo


def _build(desk, profile: str, cases: int, seed: int, day, *, scratch: bool):
    from ..demo.build import build_demo

    if is_tty() and cases:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn(setup_text.PROGRESS), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()
        ) as bar:
            task = bar.add_task("demo", total=cases)
            return build_demo(
                desk,
                profile_id=profile,
                cases=cases,
                seed=seed,
                as_of=day,
                progress=lambda done, _total: bar.update(task, completed=done),
                scratch=scratch,
            )
    return build_demo(desk, profile_id=profile, cases=cases, seed=seed, as_of=day, scratch=scratch)


def register(app: typer.Typer) -> None:
    """Attach the setup commands to the root app."""
    app.command("init")(init)
    app.command("demo")(demo)
