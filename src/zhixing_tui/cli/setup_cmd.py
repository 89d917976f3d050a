"""``zhixing init`` and ``zhixing demo`` (filled in by the setup/demo work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the setup commands to the root app."""
