"""Regenerate the newest, not-yet-released alembic revision from the models.

Usage: python scripts/refresh_migration.py REV_ID "message"

Deletes versions/REV_ID_*.py, upgrades a scratch SQLite database to the revision before it
and autogenerates REV_ID anew. Only for a revision that has not reached any court's database.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import MIGRATIONS_DIR, alembic_config, upgrade


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    for old in (MIGRATIONS_DIR / "versions").glob(f"{rev_id}_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        upgrade(engine)
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
