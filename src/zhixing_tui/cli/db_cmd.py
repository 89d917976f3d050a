"""``zhixing db``: schema migrations, backup and restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from .common import DbOpt, OperatorOpt, echo, new_app

app = new_app(cli_text.DB_HELP)


@app.command("upgrade")
def upgrade(db: DbOpt = None) -> None:
    """将数据库升级到最新结构（先在 backups/ 中备份旧库）。"""
    from ..storage.db import make_engine, optimize, resolve_url
    from ..storage.migrate import current_revision, ensure_schema, head_revision

    engine = make_engine(resolve_url(db))
    before = current_revision(engine)
    backup = ensure_schema(engine)
    optimize(engine)  # the planner's statistics, for the indexes the upgrade may have added
    if before == head_revision():
        echo(cli_text.DB_UP_TO_DATE.format(revision=before))
        return
    if backup:
        echo(cli_text.DB_BACKED_UP.format(path=backup))
    echo(cli_text.DB_UPGRADED.format(before=before or cli_text.DB_EMPTY, head=head_revision()))


@app.command("version")
def version(db: DbOpt = None) -> None:
    """显示数据库结构版本与程序所需版本。"""
    from ..storage.db import make_engine, resolve_url
    from ..storage.migrate import current_revision, head_revision

    engine = make_engine(resolve_url(db))
    echo(cli_text.DB_VERSION.format(revision=current_revision(engine) or cli_text.DB_EMPTY))
    echo(cli_text.DB_HEAD_VERSION.format(revision=head_revision()))


@app.command("backup", help=cli_text.DB_BACKUP_HELP)
def backup(
    out: Annotated[
        Path | None, typer.Option("--out", help=cli_text.DB_BACKUP_OUT_HELP, show_default=False)
    ] = None,
    db: DbOpt = None,
) -> None:
    from ..services.database.backup import backup_database

    done = backup_database(db, out)
    echo(
        cli_text.DB_BACKUP_DONE.format(
            path=done.path, cases=done.cases, entries=done.audit_entries, revision=done.revision
        )
    )
    echo(cli_text.DB_BACKUP_CHAIN.format(head=done.chain_head))


@app.command("restore", help=cli_text.DB_RESTORE_HELP)
def restore(
    file: Annotated[Path, typer.Argument(help=cli_text.DB_RESTORE_FILE_HELP, show_default=False)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.database.backup import restore_database
    from ..services.desk import default_operator

    restored, kept = restore_database(db, file, operator=default_operator(operator))
    if kept is not None:
        echo(cli_text.DB_RESTORE_KEPT.format(path=kept))
    echo(
        cli_text.DB_RESTORE_DONE.format(
            path=restored.path,
            cases=restored.cases,
            entries=restored.audit_entries,
            revision=restored.revision,
        )
    )
