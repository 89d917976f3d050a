"""关联案件 (类案集中): the open cases related to the one being triaged, why, and who holds them.

Enter opens a related case; ``p`` proposes 类案集中 to the 执行局长 where the court requires it
and no proposal is pending. Dismisses with :class:`RelatedChoice` or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...i18n import triage as triage_text
from ...i18n import triage_screen as triage_screen_text
from ...services.triage.queue import TriageView
from ..widgets.cells import Column
from ..widgets.lists import CaseTable
from .base import DeskModal, cancel_key
from .triage_decide import TRIAGE_CSS

COLUMNS = (
    Column("case_no", triage_screen_text.COL_CASE_NO, 22),
    Column("reasons", triage_screen_text.COL_REASONS, 8, weight=3),
    Column("team", triage_screen_text.COL_TEAM, 8, weight=1, max_width=14),
)


@dataclass(frozen=True, slots=True)
class RelatedChoice:
    what: Literal["open", "propose"]
    case_id: int | None = None


def can_propose(view: TriageView) -> bool:
    """The court wants 类案集中 (固始), a team holds related cases, and nothing is pending."""
    return view.related_required and view.related_pending_id is None and not view.decided


class RelatedModal(DeskModal[RelatedChoice | None]):
    SCREEN_ID = "triage"
    DEFAULT_CSS = (
        TRIAGE_CSS.format(cls="RelatedModal")
        + """
    RelatedModal CaseTable { height: auto; max-height: 14; }
    """
    )
    BINDINGS = [
        cancel_key("triage_related.cancel", triage_screen_text.KEY_CANCEL),
        Binding("p", "propose", triage_screen_text.KEY_PROPOSE, id="triage_related.propose"),
    ]

    def __init__(self, view: TriageView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        with Vertical(classes="desk-dialog") as box:
            box.border_title = triage_screen_text.RELATED_TITLE.format(case_no=view.case_no)
            if not view.related:
                yield Static(triage_screen_text.RELATED_EMPTY)
            yield CaseTable(id="related-list")
            if view.related_pending_id is not None:
                yield Static(triage_screen_text.LINE_RELATED_PENDING, classes="triage-note")
            elif view.suggestion.related_team:
                yield Static(
                    triage_screen_text.LINE_RELATED_TEAM.format(team=view.suggestion.related_team),
                    classes="triage-note",
                )
            hint = (
                triage_screen_text.RELATED_HINT_PROPOSE
                if can_propose(view)
                else triage_screen_text.RELATED_HINT
            )
            yield Static(hint, classes="triage-hint")

    def on_mount(self) -> None:
        table = self.query_one(CaseTable)
        rows = [
            (
                str(r.case_id),
                [
                    r.case_no,
                    triage_screen_text.RELATED_REASON_SEP.join(
                        triage_text.RELATED_REASON_NAMES.get(x, x) for x in r.reasons
                    ),
                    r.unit_name or triage_screen_text.NO_TEAM,
                ],
            )
            for r in self.view.related
        ]
        table.show(COLUMNS, rows)
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "propose":
            return can_propose(self.view)
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected, "#related-list")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss(RelatedChoice("open", int(event.row_key.value)))

    def action_propose(self) -> None:
        if can_propose(self.view):
            self.dismiss(RelatedChoice("propose"))
