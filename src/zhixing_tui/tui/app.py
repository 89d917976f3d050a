"""The Textual app: screens by role, switched by function keys from anywhere.

``make_app`` is the one factory the CLI and the tests use. The app holds the Desk (an engine,
safe across threads); every screen loads through thread workers that open their own session.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from .. import startup
from ..clock import Clock
from ..errors import ZhixingError, busy_error
from ..i18n import common as common_text
from .messages import OpenCase, OperatorChanged
from .screens import HOME, SCREENS
from .textual_fixes import apply as apply_textual_fixes
from .unsaved import unsaved_in

apply_textual_fixes()  # CJK text of a toast over a widget's edge (see textual_fixes)

if TYPE_CHECKING:
    # What 今日概况 does not need is imported where it is first used (the dialogs, the palette,
    # the login): the app's start draws the home figures without them (issue 17, cold start).
    from textual.command import Provider

    from ..services.accounts import LoggedIn
    from ..services.cases.home import HomeSummary
    from ..services.cases.search import StaffRow
    from ..services.desk import Desk
    from .modals.help import KeyHelp


def _desk_commands() -> type[Provider]:
    from .commands import DeskCommands

    return DeskCommands


def _screen_bindings() -> list[Binding]:
    """One binding per screen. Function keys have priority, so they switch screens even from a
    text area (TextArea binds F6/F7 itself); letter keys (g) do not, so they can still be typed."""
    out: list[Binding] = []
    for screen_id, entry in SCREENS.items():
        keys = [k.strip() for k in entry.keys.split(",") if k.strip()]
        fkeys = [k for k in keys if k[:1] == "f" and k[1:].isdigit()]
        others = [k for k in keys if k not in fkeys]
        action = f"show_screen('{screen_id}')"
        description = common_text.KEY_SHOW_SCREEN.format(title=entry.title)
        if fkeys:
            out.append(
                Binding(
                    ",".join(fkeys), action, description, show=False, priority=True, id=f"screen.{screen_id}"
                )
            )
        if others:
            out.append(
                Binding(
                    ",".join(others),
                    action,
                    description,
                    show=False,
                    id=f"screen.{screen_id}" + (".letter" if fkeys else ""),
                )
            )
    return out


_SCREEN_BINDINGS = _screen_bindings()

#: The app's own actions, which do not apply while a modal dialog is open (the dialog's keys,
#: Tab between its fields included, keep working).
_NOT_IN_MODALS = {"show_screen", "search", "help", "choose_operator"}


def _styled_now(factory: Callable[[], Screen]) -> Callable[[], Screen]:
    """A mode's screen that counts as styled with the app's CSS as it is now.

    Textual (8.2.8, ``App._init_mode`` and ``App.switch_mode``) gives a new screen a CSS count of
    -1, so the first switch to every mode refreshes the CSS of the whole app twice: every source
    (app.tcss and every widget's DEFAULT_CSS) parsed again into a fresh stylesheet and every node
    of every screen styled again (issue 17: a good part of F4/F6/F8's first open). That refresh is
    for CSS variables changed since a screen was last styled (a theme change); a screen made
    while the stylesheet is current gets its styles when its widgets are registered, its own
    DEFAULT_CSS parsed then. So it takes the app's count when the app's last refresh is the one
    it would get; after a theme change not yet refreshed it keeps -1 and Textual's refresh."""

    def make() -> Screen:
        screen = factory()
        app = screen.app
        if isinstance(app, ZhixingApp) and app.css_refreshed_at == app._css_update_count:  # noqa: SLF001
            screen._css_update_count = app._css_update_count  # noqa: SLF001
        return screen

    return make


class ZhixingApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = common_text.APP_NAME
    MODES = {screen_id: _styled_now(entry.factory) for screen_id, entry in SCREENS.items()}
    DEFAULT_MODE = HOME
    COMMANDS = App.COMMANDS | {_desk_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", common_text.KEY_QUIT, id="app.quit", priority=True),
        Binding("f1", "help", common_text.KEY_HELP, id="app.help"),
        Binding("slash,ctrl+f", "search", common_text.KEY_SEARCH, id="app.search"),
        Binding(
            "ctrl+p", "command_palette", common_text.KEY_PALETTE, id="app.palette", show=False, priority=True
        ),
        Binding("ctrl+o", "choose_operator", common_text.KEY_OPERATOR, id="app.operator", show=False),
        *_SCREEN_BINDINGS,
    ]

    operator_name: reactive[str] = reactive("", init=False)
    #: The case the person works on: the case detail being viewed, or the last case opened or
    #: chosen on a role screen. F2/F3 open it (``follow_case``) instead of asking again.
    current_case_id: int | None = None

    def __init__(self, desk: Desk, *, ask_operator: bool, login: LoggedIn | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.ask_operator = ask_operator or login is not None
        self.login = login
        self.court_name = court_name(desk)
        self.set_reactive(ZhixingApp.operator_name, "" if self.ask_operator else desk.operator)
        self.title = self.court_name
        #: 今日概况's figures, read from the start when nobody has to log in first (:func:`_prefetch_home`)
        self._home_early = None if self.ask_operator else (desk, _prefetch_home(desk))

    def take_home_early(self, desk: Desk) -> Future[HomeSummary] | None:
        """The figures :func:`_prefetch_home` started reading for ``desk``, once (the first time
        今日概况 loads; a refresh reads them again); None otherwise."""
        early, self._home_early = self._home_early, None
        return early[1] if early is not None and early[0] is desk else None

    #: the app's CSS count when its whole CSS was last refreshed (see :func:`_styled_now`)
    css_refreshed_at: int | None = None

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        self.css_refreshed_at = self._css_update_count

    def on_mount(self) -> None:
        self.call_after_refresh(freeze_startup_heap)
        self.call_after_refresh(startup.done)  # the first screen drawn: see zhixing_tui.startup
        if self.login is not None:
            self._ask_password(self.login.id, self.login.name, self.login.role, at_start=True)
        elif self.ask_operator:
            self._pick_operator(at_start=True)

    # --- operator: chosen from the roster, then their password ---------------------------------
    def set_operator(self, name: str, staff_id: int | None = None) -> None:
        """From now on, changes are written to the audit trail under ``name`` (staff ``staff_id``)."""
        self.desk = dataclasses.replace(self.desk, operator=name, operator_id=staff_id)
        self.operator_name = name
        self.post_message(OperatorChanged(name))

    def _pick_operator(self, *, at_start: bool) -> None:
        from ..services.accounts import is_demo
        from .modals.operator import OperatorModal

        demo = is_demo(self.desk)
        self.push_screen(
            OperatorModal(at_start=at_start, demo=demo),
            callback=lambda row: self._operator_picked(row, at_start=at_start, demo=demo),
        )

    def _operator_picked(self, row: StaffRow | None, *, at_start: bool, demo: bool) -> None:
        if row is None:
            if at_start and not self.operator_name:
                self.exit()  # nobody logged in: never the shell's login name
            return
        self._ask_password(row.id, row.name, row.role, at_start=at_start, demo=demo)

    def _ask_password(
        self, staff_id: int, name: str, role: str, *, at_start: bool, demo: bool | None = None
    ) -> None:
        from ..services.accounts import is_demo
        from .modals.login import PasswordModal

        self.push_screen(
            PasswordModal(staff_id, name, role, demo=is_demo(self.desk) if demo is None else demo),
            callback=lambda who: self._password_done(who, at_start=at_start),
        )

    def _password_done(self, who: LoggedIn | None, *, at_start: bool) -> None:
        if who is None:  # Esc: back to the roster
            self._pick_operator(at_start=at_start)
            return
        self.set_operator(who.name, who.id)
        self.notify(common_text.OPERATOR_CHOSEN.format(name=who.name))

    def action_choose_operator(self) -> None:
        self.unless_unsaved(
            common_text.UNSAVED_OPERATOR,
            lambda: self._pick_operator(at_start=False),
        )

    # --- unsaved input (tui/unsaved.py) ---------------------------------------------------------
    def unless_unsaved(self, question: str, then: Callable[[], object]) -> None:
        """Run ``then`` now, or, when a screen or dialog of this stack holds unsaved input, after
        the person agreed to throw it away (``question`` names where it is; y discards)."""
        holders = unsaved_in(self.screen_stack)
        if not holders:
            then()
            return
        from .modals.confirm_discard import ConfirmDiscardModal

        def answered(discard: bool | None) -> None:
            if discard:
                for holder in holders:
                    holder.discard_input()
                then()

        self.push_screen(ConfirmDiscardModal(question.format(where=holders[0].unsaved_where())), answered)

    async def action_quit(self) -> None:
        """Ctrl+Q: quit, asking first about unsaved input."""
        if not unsaved_in(self.screen_stack):
            self.exit()
            return
        self.unless_unsaved(common_text.UNSAVED_QUIT, self.exit)

    # --- navigation -----------------------------------------------------------------------------
    def show_screen(self, screen_id: str) -> None:
        """Show a main screen itself: switch to its mode and close what was pushed on it there
        (a case's detail, the search), so F10 from anywhere lands on 今日概况."""
        if screen_id not in SCREENS:
            return
        self.unless_unsaved(common_text.UNSAVED_SWITCH, lambda: self._show_screen(screen_id))

    def _show_screen(self, screen_id: str) -> None:
        if self.current_mode != screen_id:
            self.switch_mode(screen_id)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._follow_current_case()

    def _follow_current_case(self) -> None:
        follow = getattr(self.screen, "follow_case", None)
        if follow is not None and self.current_case_id is not None:
            follow(self.current_case_id)

    def run_on_screen(self, screen_id: str, action: str) -> None:
        """Go to a main screen and do one of its actions there, as its key would (the palette's
        task commands: 导出月报 on 统计报表 …); asks first about unsaved input, as an F-key does."""
        if screen_id not in SCREENS:
            return
        self.unless_unsaved(
            common_text.UNSAVED_SWITCH, lambda: self.call_later(self._run_on, screen_id, action)
        )

    async def _run_on(self, screen_id: str, action: str) -> None:
        if self.current_mode != screen_id:
            await self.switch_mode(screen_id)
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        screen = self.screen
        if screen.check_action(action, ()):
            await screen.run_action(action)

    def set_current_case(self, case_id: int) -> None:
        self.current_case_id = case_id

    def action_show_screen(self, screen_id: str) -> None:
        self.show_screen(screen_id)

    def action_search(self) -> None:
        """Open the case search, or go back to the one already open in this stack."""
        from .screens.search import SearchScreen

        open_search = next((s for s in reversed(self.screen_stack) if isinstance(s, SearchScreen)), None)
        if open_search is None:
            self.push_screen(SearchScreen())
            return
        while self.screen is not open_search:
            self.pop_screen()
        open_search.action_focus_input()

    def open_case(self, case_id: int) -> None:
        from .screens.case_detail import CaseDetailScreen

        self.set_current_case(case_id)
        self.push_screen(CaseDetailScreen(case_id))

    def action_register_case(self) -> None:
        """立案登记 in a dialog; the new case opens on 初次接待."""
        from .modals.register_case import RegisterCaseModal

        def registered(case_id: int | None) -> None:
            if case_id is not None:
                self.set_current_case(case_id)
                self.show_screen("intake")

        self.push_screen(RegisterCaseModal("", self.desk.today()), registered)

    @on(OpenCase)
    def _open_case(self, message: OpenCase) -> None:
        self.open_case(message.case_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, ModalScreen) and action in _NOT_IN_MODALS:
            return False
        if action == "show_screen" and parameters:
            return self.current_mode != parameters[0] or len(self.screen_stack) > 1
        if action == "search":  # by its id: the footer asks at the start, before any search is loaded
            return getattr(self.screen, "SCREEN_ID", None) != "search"
        return True

    # --- help, palette, errors ------------------------------------------------------------------
    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        screen_id = getattr(screen, "screen_id", "")
        from .modals.help import HelpModal

        self.push_screen(HelpModal(screen_id, screen.title or "", self.key_help(screen)))

    def key_help(self, screen: Screen) -> list[KeyHelp]:
        """Every key of ``screen`` (ours only: bindings with an id): the screen's, its widgets'
        (a list's j/k, the case picker's Ctrl+N) and the app's, one line per binding with its keys
        joined by " 或 ". Keys that do not apply right now (not on this row, not for this
        operator, their widget not focused) are listed too, marked unavailable; screen keys
        first, the app's last, the ones that apply first in each."""
        from .modals.help import KeyHelp

        focused = screen.focused
        chain: list[DOMNode] = list(focused.ancestors_with_self) if focused is not None else [screen, self]
        inner = [n for n in reversed(chain) if n is not screen and n is not self]
        others = [n for n in screen.walk_children(with_self=False) if n not in chain]
        nodes = [screen, *inner, *others, self]
        lines: dict[str, KeyHelp] = {}
        for node in nodes:
            for bindings in node._bindings.key_to_bindings.values():  # noqa: SLF001 - merged BINDINGS
                for binding in bindings:
                    if not binding.id or not binding.description:
                        continue
                    available = node in chain and self._applies(binding.action, node)
                    key_text = self.get_key_display(binding)
                    item = lines.get(binding.id)
                    if item is None:
                        lines[binding.id] = KeyHelp(key_text, binding.description, node is self, available)
                        continue
                    keys = item.key.split(common_text.HELP_KEY_OR)
                    lines[binding.id] = KeyHelp(
                        common_text.HELP_KEY_OR.join(keys if key_text in keys else [*keys, key_text]),
                        item.description,
                        item.is_global,
                        item.available or available,
                    )
        return sorted(lines.values(), key=lambda k: (k.is_global, not k.available))

    def _applies(self, action: str, namespace: DOMNode) -> bool:
        target, name, parameters = self._parse_action(action, namespace)  # noqa: SLF001
        return bool(target.check_action(name, parameters))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .commands import DeskPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DeskPalette(id="--command-palette", placeholder=common_text.PALETTE_PLACEHOLDER))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # 登记新案件 and 切换操作人 are the desk's task commands (commands.task_commands)
        yield SystemCommand(common_text.CMD_HELP, common_text.CMD_HELP_HELP, self.action_help)
        yield SystemCommand(common_text.CMD_THEME, common_text.CMD_THEME_HELP, self.action_change_theme)
        yield SystemCommand(common_text.CMD_QUIT, common_text.CMD_QUIT_HELP, self.action_quit)

    def show_error(self, error: BaseException) -> None:
        """Every error a person should read ends here: an error notification."""
        error = busy_error(error) or error  # a lock another desk held too long: 数据库正忙
        if isinstance(error, ZhixingError):
            self.notify(error.message, title=error.title, severity="error", timeout=8)
        else:
            self.notify(
                common_text.ERROR_UNEXPECTED.format(error=error),
                title=common_text.ERROR_TITLE,
                severity="error",
                timeout=8,
            )


def _prefetch_home(desk: Desk) -> Future[HomeSummary]:
    """今日概况's figures, read in a thread from the moment the app is made — while Textual parses
    its stylesheets, composes and draws the first screen — instead of once the screen is shown:
    the database reads outside the interpreter's lock meanwhile (issue 17, the cold start). The
    same call as the screen's own worker (``home_summary(desk, desk.today())``); an error is
    raised again where the screen takes the result."""
    from ..services.cases.home import home_summary

    future: Future[HomeSummary] = Future()

    def read() -> None:
        try:
            future.set_result(home_summary(desk, desk.today()))
        except BaseException as exc:  # noqa: BLE001 — handed to the screen's worker as it is
            future.set_exception(exc)

    threading.Thread(target=read, name="home-prefetch", daemon=True).start()
    return future


def court_name(desk: Desk) -> str:
    try:
        return desk.profile.court.name
    except ZhixingError:
        return common_text.COURT_UNKNOWN


@functools.cache
def freeze_startup_heap() -> None:
    """Once per process, when the first screen is up: the objects alive then (Textual,
    SQLAlchemy, the modules, the screens' CSS) are kept out of the garbage collector's passes
    (``gc.freeze``). Otherwise every pass over the oldest generation walks some 150,000 objects
    that stay alive as long as the app does; while a page of search results is drawn such passes
    took 250 ms on a busy machine, now 15–35 ms (issue 17)."""
    gc.freeze()


def make_app(
    desk: Desk, *, operator: str | None = None, today: date | None = None, login: LoggedIn | None = None
) -> ZhixingApp:
    """The app for ``desk``. ``login``: the app starts by asking that person's password
    (``zhixing tui --operator``); ``operator``: already logged in under that name (tests, tools
    that checked the password themselves); neither: the login screen (roster, then password).
    ``today`` fixes the date (tests, snapshots)."""
    if today is not None:
        desk = dataclasses.replace(desk, clock=Clock.on(today))
    if operator:
        desk = dataclasses.replace(desk, operator=operator)
    else:  # nobody until someone logs in: a write before that is refused, never the shell's user
        desk = dataclasses.replace(desk, operator="", operator_id=None)
    return ZhixingApp(desk, ask_operator=not operator, login=login)
