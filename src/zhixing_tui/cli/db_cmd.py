"""``zhixing db``: schema migrations."""

from __future__ import annotations

from .common import DbOpt, echo, new_app

app = new_app("数据库结构：升级与版本。")


@app.command("upgrade")
def upgrade(db: DbOpt = None) -> None:
    """将数据库升级到最新结构（先在 backups/ 中备份旧库）。"""
    from ..storage.db import make_engine, resolve_url
    from ..storage.migrate import current_revision, ensure_schema, head_revision

    engine = make_engine(resolve_url(db))
    before = current_revision(engine)
    backup = ensure_schema(engine)
    if before == head_revision():
        echo(f"数据库已是最新结构（版本 {before}）。")
        return
    if backup:
        echo(f"已备份：{backup}")
    echo(f"已升级：{before or '空库'} → {head_revision()}")


@app.command("version")
def version(db: DbOpt = None) -> None:
    """显示数据库结构版本与程序所需版本。"""
    from ..storage.db import make_engine, resolve_url
    from ..storage.migrate import current_revision, head_revision

    engine = make_engine(resolve_url(db))
    echo(f"数据库版本：{current_revision(engine) or '空库'}")
    echo(f"程序所需版本：{head_revision()}")
