"""What every zhixing screen shares: the header, Escape to go back, and worker errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ...i18n import common as common_text

HOME = "home"  # the mode Escape returns to from a role screen (see screens.SCREENS)

if TYPE_CHECKING:
    from ..app import ZhixingApp


class WorkerErrors:
    """Mixin for screens and modals: a worker that failed becomes an error notification."""

    SCREEN_ID: ClassVar[str] = ""

    @property
    def screen_id(self) -> str:
        """Names the help text in ``i18n.help.PURPOSE``."""
        return self.SCREEN_ID

    @property
    def zapp(self) -> ZhixingApp:
        return self.app  # type: ignore[attr-defined,no-any-return]

    def post_result(self, message: Message) -> None:
        """Post what a thread worker loaded, unless the worker was cancelled meanwhile: an
        ``exclusive`` reload cancels the one before it, and the older result must not land after
        (and over) the newer one."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker is reported (``exit_on_error=False`` everywhere)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.zapp.show_error(event.worker.error)


class DeskScreen(WorkerErrors, Screen):
    """Base of every full screen: Escape pops back, or returns to 今日概况 from a role screen."""

    BINDINGS = [Binding("escape", "back", common_text.KEY_BACK, id="screen.back")]

    # --- unsaved input (tui/unsaved.py): a screen with a form overrides these -------------------
    def has_unsaved_input(self) -> bool:
        """Whether the screen holds typed input that is not saved."""
        return False

    def discard_input(self) -> None:
        """Go back to what was last loaded or saved."""

    def unsaved_where(self) -> str:
        """Names the screen in the question about its unsaved input."""
        return str(self.title or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.app.screen_stack[0] is not self or self.app.current_mode != HOME
        return True

    def action_back(self) -> None:
        if self.app.screen_stack[0] is not self:
            self.app.pop_screen()
        elif self.app.current_mode != HOME:
            self.app.switch_mode(HOME)
