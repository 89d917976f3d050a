"""What a desk starts from where the command line says nothing: the operator, the day, the
setting naming the court's profile. A leaf (no SQLAlchemy): both kinds of desk start here
(:mod:`.services.desk`, :mod:`.services.stats.read_desk`)."""

from __future__ import annotations

import getpass
import os
from datetime import date

__all__ = ["PROFILE_KEY", "default_as_of", "default_operator"]

#: the desk setting naming the court's profile
PROFILE_KEY = "profile"


def default_operator(explicit: str | None = None) -> str:
    """``--operator``, else ``ZHIXING_OPERATOR``, else the login name."""
    if explicit:
        return explicit
    env = os.environ.get("ZHIXING_OPERATOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name in some containers
        return "unknown"


def default_as_of() -> date | None:
    """``ZHIXING_AS_OF`` (a date: replay that day), else None (the wall clock)."""
    value = os.environ.get("ZHIXING_AS_OF", "").strip()
    if not value:
        return None
    from .domain.dates import parse_date

    return parse_date(value, field="ZHIXING_AS_OF")
