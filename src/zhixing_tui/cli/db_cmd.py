"""``zhixing db``: schema migrations."""

from __future__ import annotations

from ..i18n import cli as cli_text
from .common import DbOpt, echo, new_app

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
