"""The two decisions of the triage queue: accept the suggestion (a confirmation), or override its
class and/or team with a reason that is required and kept in the TriageDecision.

``AcceptModal`` dismisses with True/False; ``OverrideModal`` with an :class:`Override` or None
(Escape: nothing is written). The services check everything again; the modal refuses an empty
reason on screen so the person sees why nothing happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.triage import TriageResult
from ...i18n import triage as triage_text
from ...i18n import triage_screen as triage_screen_text
from ..widgets.lists import KeyOptionList
from .base import DeskConfirm, DeskModal, cancel_key, submit_key

BY_ROUTE = "__route__"

#: what the triage dialogs share besides the frame (``.desk-dialog`` in app.tcss): size, notes, hints
TRIAGE_CSS = """
{cls} > Vertical {{ width: 80%; max-width: 96; height: auto; max-height: 90%; }}
{cls} .triage-note {{ color: $warning; height: auto; }}
{cls} .triage-hint {{ color: $text-muted; height: 1; }}
"""


def route_text(result: TriageResult) -> str:
    """Where the suggestion sends the case, in one phrase."""
    if result.team:
        return triage_screen_text.ACCEPT_TEAM.format(team=result.team)
    if result.pool:
        return triage_screen_text.ACCEPT_POOL.format(
            pool=triage_screen_text.ACCEPT_POOL_SEP.join(result.pool)
        )
    return triage_text.NO_TEAM


class AcceptModal(DeskConfirm):
    """y or Enter accepts (True), n or Esc does not (False)."""

    SCREEN_ID = "triage"
    DEFAULT_CSS = TRIAGE_CSS.format(cls="AcceptModal")
    BINDINGS = [
        Binding("y,enter", "submit", triage_screen_text.KEY_CONFIRM, id="triage_accept.confirm"),
        Binding("n,escape", "cancel", triage_screen_text.KEY_CANCEL, id="triage_accept.cancel"),
    ]

    def __init__(self, case_no: str, result: TriageResult) -> None:
        super().__init__()
        self.case_no = case_no
        self.result = result

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog") as box:
            box.border_title = triage_screen_text.ACCEPT_TITLE.format(case_no=self.case_no)
            yield Static(triage_screen_text.ACCEPT_CLASS.format(cls=self.result.cls or triage_text.NO_CLASS))
            yield Static(route_text(self.result))
            yield Static(triage_screen_text.ACCEPT_HINT, classes="triage-hint")


@dataclass(frozen=True, slots=True)
class Override:
    cls: str
    team: str | None  # None: the chosen class's route (its team, or the fair draw)
    reason: str


class OverrideModal(DeskModal[Override | None]):
    SCREEN_ID = "triage"
    DEFAULT_CSS = (
        TRIAGE_CSS.format(cls="OverrideModal")
        + """
    OverrideModal Horizontal { height: auto; }
    OverrideModal .triage-col { width: 1fr; height: auto; }
    OverrideModal OptionList { height: auto; max-height: 9; }
    OverrideModal .triage-label { color: $text-accent; height: 1; }
    """
    )
    BINDINGS = [
        cancel_key("triage_override.cancel", triage_screen_text.KEY_CANCEL),
        submit_key("triage_override.submit", triage_screen_text.KEY_CONFIRM),
    ]

    def __init__(
        self,
        case_no: str,
        result: TriageResult,
        classes: tuple[str, ...],
        teams: tuple[str, ...],
        teams_by_class: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__()
        self.case_no = case_no
        self.result = result
        self.class_choices = classes
        self.team_choices = teams
        #: the teams the court's routes give each class (``domain.triage.teams_for_class``)
        self.teams_by_class = teams_by_class or {}
        #: the (class, team) the clerk was warned about: a second Ctrl+S goes ahead
        self._warned: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog") as box:
            box.border_title = triage_screen_text.OVERRIDE_TITLE.format(case_no=self.case_no)
            yield Static(
                triage_screen_text.OVERRIDE_SUGGESTED.format(
                    cls=self.result.cls or triage_text.NO_CLASS, route=route_text(self.result)
                )
            )
            with Horizontal():
                with Vertical(classes="triage-col"):
                    yield Static(triage_screen_text.OVERRIDE_CLASS, classes="triage-label")
                    yield KeyOptionList(*[Option(c, id=c) for c in self.class_choices], id="override-class")
                with Vertical(classes="triage-col"):
                    yield Static(triage_screen_text.OVERRIDE_TEAM, classes="triage-label")
                    yield KeyOptionList(
                        Option(triage_screen_text.OVERRIDE_BY_ROUTE, id=BY_ROUTE),
                        *[Option(t, id=t) for t in self.team_choices],
                        id="override-team",
                    )
            yield Static(triage_screen_text.OVERRIDE_REASON, classes="triage-label")
            yield Input(placeholder=triage_screen_text.OVERRIDE_REASON_PLACEHOLDER, id="override-reason")
            yield Static("", id="override-note", classes="triage-note")
            yield Static(triage_screen_text.OVERRIDE_HINT, classes="triage-hint")

    def on_mount(self) -> None:
        classes = self.query_one("#override-class", OptionList)
        suggested = self.result.cls
        # the suggested class first in sight: the clerk moves from what the rules said
        known = [i for i, c in enumerate(self.class_choices) if c == suggested]
        classes.highlighted = known[0] if known else 0
        self.query_one("#override-team", OptionList).highlighted = 0
        classes.focus()

    def _chosen(self, list_id: str) -> str | None:
        options = self.query_one(list_id, OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.focus_next()

    def submit(self) -> None:
        cls = self._chosen("#override-class") or (self.result.cls or "")
        team = self._chosen("#override-team")
        team = None if team in (None, BY_ROUTE) else team
        reason = self.query_one("#override-reason", Input).value.strip()
        note = self.query_one("#override-note", Static)
        if cls == self.result.cls and (team is None or team == self.result.team):
            note.update(triage_screen_text.OVERRIDE_SAME)
            return
        if not reason:
            note.update(triage_screen_text.OVERRIDE_NEED_REASON)
            self.query_one("#override-reason", Input).focus()
            return
        fitting = self.teams_by_class.get(cls)
        if team is not None and fitting and team not in fitting and self._warned != (cls, team):
            self._warned = (cls, team)  # said once; Ctrl+S again goes ahead
            note.update(
                triage_screen_text.OVERRIDE_TEAM_UNUSUAL.format(
                    cls=cls, team=team, teams=triage_screen_text.ACCEPT_POOL_SEP.join(fitting)
                )
            )
            return
        self.dismiss(Override(cls, team, reason))
