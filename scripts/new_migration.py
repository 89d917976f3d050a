"""Autogenerate the next alembic revision from the models.

Usage: python scripts/new_migration.py "what changed"

Upgrades a scratch SQLite database to head, compares it with the models and writes
``versions/NNNN_<message>.py`` with the next number. Read and edit the result before committing:
autogenerate does not see triggers, data moves or renames.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import MIGRATIONS_DIR, alembic_config, upgrade


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    numbers = [int(p.name[:4]) for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    rev_id = f"{max(numbers, default=0) + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        upgrade(engine)
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
