"""The domain error hierarchy: one place that every layer raises from.

The CLI turns any :class:`ZhixingError` into ``错误：<message>`` on stderr with its
``exit_code``; the TUI turns it into an error notification. Messages are Chinese and
say what is wrong and, where there is one, the row and field.
"""

from __future__ import annotations


class ZhixingError(Exception):
    """Base for every error meant for a person to read."""

    exit_code: int = 1
    title: str = "错误"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class InvalidValue(ZhixingError):
    """A value (案号, ID number, amount, date, period…) that cannot be read.

    ``field`` names what was being read, so messages can say which field was wrong.
    """

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class ProfileError(ZhixingError):
    """A court profile that does not validate: names the file, the key and what is expected."""

    exit_code = 2


class NotFound(ZhixingError):
    """A case, person or record that does not exist."""


class PermissionDenied(ZhixingError):
    """The operator's role may not do this."""

    title = "无权操作"


class Conflict(ZhixingError):
    """The action does not fit the record's current state (e.g. a move the flow does not allow)."""


class DatabaseBusy(ZhixingError):
    """Another desk or job held the database's write lock for longer than we waited: nothing saved."""

    title = "数据库正忙"


#: what SQLite says when another connection holds the lock it needs
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")


def busy_error(exc: BaseException, waited: float | None = None) -> DatabaseBusy | None:
    """The :class:`DatabaseBusy` a lock error (SQLAlchemy's or sqlite3's OperationalError) stands
    for, or None for any other error. Looked at by name: this module imports no database driver."""
    if type(exc).__name__ != "OperationalError" or not any(w in str(exc) for w in _BUSY_WORDS):
        return None
    wait = f"已等待 {waited:.0f} 秒，" if waited else ""
    return DatabaseBusy(
        f"数据库正忙：另一位用户或任务（如批量导入、夜间报表）正在写入，{wait}本次操作未能保存；请稍后再试"
    )
