"""The names a case's screens show for the profile's codes — a module of its own, so that 今日概况
reads them without the search (and its tables) loaded."""

from __future__ import annotations

from ...errors import ZhixingError
from ..desk import Desk

__all__ = ["stage_names"]


def stage_names(desk: Desk) -> dict[str, str]:
    """Stage code → the profile's Chinese name (empty when the database has no profile yet)."""
    try:
        profile = desk.profile
    except ZhixingError:
        return {}
    return {s.code: s.name for s in profile.stages}
