"""Where zhixing keeps its files: the data and exports folders and the default database."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The working directory: zhixing is run from its checkout (``make run``) or a court's folder."""
    return Path(os.environ.get("ZHIXING_HOME", Path.cwd()))


def data_dir() -> Path:
    return project_root() / "data"


def exports_dir() -> Path:
    return project_root() / "exports"


def backups_dir_for(db_path: Path) -> Path:
    """Backups go beside the database, in ``backups/`` (``data/backups/`` for the default)."""
    return db_path.parent / "backups"


DEFAULT_DB_NAME = "zhixing.db"
