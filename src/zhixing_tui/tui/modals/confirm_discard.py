"""Ask before unsaved changes are thrown away: y leaves without saving, n or Esc keeps editing.

The dialog lives in :mod:`.base` (``DeskModal.cancel`` asks with it); it is named here too, where
the screens and tests have always imported it from."""

from __future__ import annotations

from .base import ConfirmDiscardModal

__all__ = ["ConfirmDiscardModal"]
