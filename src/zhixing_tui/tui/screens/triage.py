"""繁简分流 队列: the cases waiting for triage (oldest first) and the suggestion for the one under
the cursor — class, route or pool, the criteria that matched in the seed's wording, the
exclusions that overrode them, notes, and where each fact came from.

Keys: a accept the suggestion, o override class/team with a required reason, f the clerk's facts,
r related cases (类案集中), Enter opens the case, j/k move, ]/[ page. Reading and every decision
run in thread workers through ``services.triage.queue`` / ``services.triage``; the services check
the operator's role, and the keys a role cannot use are hidden (check_action).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from ...domain.money import format_money
from ...domain.roles import role_name
from ...domain.triage import TriageResult, explain_lines, teams_for_class
from ...errors import ZhixingError
from ...i18n import common as common_text
from ...i18n import printing as printing_text
from ...i18n import triage as triage_text
from ...i18n import triage_screen as triage_screen_text
from ...services.triage import decisions as svc
from ...services.triage import queue as tq
from ...storage.queries import Page
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import CaseTable
from .base import DeskScreen

if TYPE_CHECKING:
    # The dialogs are imported by the key that opens them: the queue shows without them
    # (issue 17, F4's first open).
    from ..modals.triage_decide import Override
    from ..modals.triage_related import RelatedChoice

PAGE_SIZE = 50
CASE_ACTIONS = {"accept", "override", "facts", "related"}


#: 案号 as wide as the longest on the page, never cut; in a narrow list 等待 and then 期限 give way
#: (the panel on the right repeats both).
COLUMNS = (
    Column("case_no", triage_screen_text.COL_CASE_NO, 4, fit=True),
    Column("respondent", triage_screen_text.COL_RESPONDENT, 8, weight=2, max_width=24, hide_below=60),
    Column("claim", triage_screen_text.COL_CLAIM, 12, align="right", hide_below=90),
    Column("waiting", triage_screen_text.COL_WAITING, 5, align="right", drop=2),
    Column("deadline", triage_screen_text.COL_DEADLINE, 5, drop=1),
    Column("marks", triage_screen_text.COL_MARKS, 4, hide_below=70),
)


# --- messages ------------------------------------------------------------------------------------
@dataclass
class QueueLoaded(Message):
    page: Page[tq.QueueRow]
    role: str | None
    focus_case: int | None
    #: the view of the case the cursor will most likely rest on (``focus_case``, else the first),
    #: loaded with the page: the list and the case's 分流 show together, the keys change once
    first: ViewLoaded | None = None


@dataclass
class ViewLoaded(Message):
    view: tq.TriageView
    facts: list[tq.FactChoice]


@dataclass
class TriageChanged(Message):
    """A decision or a change went through: say so and reload the queue."""

    note: str


# --- cells ---------------------------------------------------------------------------------------
def due_style(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return "bold red"
    return "yellow" if days_left <= 2 else ""


def due_phrase(days_left: int) -> str:
    if days_left < 0:
        return triage_screen_text.DUE_OVER.format(days=-days_left)
    return (
        triage_screen_text.DUE_TODAY if days_left == 0 else triage_screen_text.DUE_LEFT.format(days=days_left)
    )


def row_cells(row: tq.QueueRow) -> list[str | Text]:
    deadline: str | Text = common_text.NONE
    if row.deadline_on is not None:
        deadline = Text(f"{row.deadline_on:%m-%d}", style=due_style(row.days_left))
    marks = " ".join(
        m
        for m, on_ in (
            (triage_screen_text.MARK_FACTS, row.facts_set),
            (triage_screen_text.MARK_RELATED, row.related_pending),
        )
        if on_
    )
    return [
        row.case_no,
        row.respondent or common_text.NONE,
        format_money(row.claim_fen),
        triage_screen_text.DAYS.format(days=row.days_waiting),
        deadline,
        marks,
    ]


def screen_lines(result: TriageResult) -> list[str]:
    """``explain_lines`` in the seed's wording only: the rule ids (simple_4, exclusion_9), which the
    CLI and the JSON keep, are left out on screen."""
    ids = {r.id for r in (*result.matched, *result.excluded_by, *result.manual)}
    out = []
    for line in explain_lines(result):
        head, _, rest = line[2:].partition(" ")
        out.append("  " + rest if line.startswith("  ") and head in ids else line)
    return out


def _labelled(line: str) -> Text:
    """An explanation line with its label (text before the first ：) in bold."""
    if line.startswith(" ") or "：" not in line:
        return Text(line, style="dim" if line.lstrip().startswith("（") else "")
    label, rest = line.split("：", 1)
    text = Text(label + "：", style="bold")
    text.append(rest)
    return text


def case_lines(row: tq.QueueRow) -> list[Text]:
    """The case under the cursor: parties, amounts, how long it has waited, the triage deadline."""
    parties = triage_screen_text.LINE_PARTIES.format(
        applicant=row.applicant or common_text.NONE, respondent=row.respondent or common_text.NONE
    )
    amounts = triage_screen_text.LINE_AMOUNTS.format(
        claim=format_money(row.claim_fen), filed=row.filed_on, received=row.received_on or common_text.NONE
    )
    since = f"{row.waiting_since:%Y-%m-%d %H:%M}"
    lines = [
        Text(triage_screen_text.LINE_CASE, style="bold"),
        Text("  " + parties),
        Text("  " + amounts),
        Text(
            "  "
            + triage_screen_text.LINE_WAITING.format(days=row.days_waiting, since=since, stage=row.stage_name)
        ),
    ]
    if row.deadline_on is not None and row.days_left is not None:
        line = Text(
            "  " + triage_screen_text.LINE_DEADLINE.format(due=row.deadline_on, name=row.deadline_name or "")
        )
        line.append(" " + due_phrase(row.days_left), style=due_style(row.days_left) or "green")
        lines.append(line)
    else:
        lines.append(Text("  " + triage_screen_text.LINE_NO_DEADLINE, style="dim"))
    return lines


def render_view(row: tq.QueueRow | None, view: tq.TriageView) -> Group:
    """The right-hand panel: the suggestion first (class, route, criteria, exclusions, notes),
    then related cases, the case itself, and where each fact came from."""
    sug = view.suggestion
    parts: list[Text] = []
    if view.decided:
        parts.append(Text(triage_screen_text.LINE_DECIDED, style="bold yellow"))
    parts.extend(_labelled(line) for line in screen_lines(sug.result))
    if view.related:
        parts.append(Text(triage_screen_text.LINE_RELATED.format(count=len(view.related)), style="bold"))
        if view.related_pending_id is not None:
            parts.append(Text("  " + triage_screen_text.LINE_RELATED_PENDING, style="yellow"))
        elif sug.related_team:
            parts.append(
                Text(
                    "  " + triage_screen_text.LINE_RELATED_TEAM.format(team=sug.related_team), style="yellow"
                )
            )
    if row is not None:
        parts.extend(case_lines(row))
    parts.append(Text(triage_screen_text.LINE_FACTS + "：", style="bold"))
    money = {"claim_amount": sug.facts.claim_fen, "money_found": sug.facts.money_found_fen}
    for key, value in sug.facts.to_json().items():
        shown = (triage_text.YES if value else triage_text.NO) if isinstance(value, bool) else value
        if money.get(key) is not None:  # 13,000.00 元, as every amount of the app is written
            shown = common_text.YUAN.format(amount=format_money(money[key]))
        line = Text(f"  {triage_text.fact_label(key)}：{shown}")
        line.append(f"（{sug.sources.get(key, triage_text.DERIVED)}）", style="dim")
        parts.append(line)
    return Group(*parts)


# --- the screen ----------------------------------------------------------------------------------
class TriageScreen(DeskScreen):
    SCREEN_ID = "triage"
    TITLE = common_text.SCREEN_TRIAGE
    DEFAULT_CSS = """
    TriageScreen #triage-status { height: 1; padding: 0 1; color: $text-muted; }
    TriageScreen #triage-body { height: 1fr; }
    TriageScreen #triage-list { width: 1fr; height: 1fr; margin: 0 0 0 1; }
    TriageScreen #triage-detail-box { width: 1fr; height: 1fr; border: round $primary;
                                      border-title-color: $text-accent; padding: 0 1; }
    """
    BINDINGS = [
        Binding("a", "accept", triage_screen_text.KEY_ACCEPT, id="triage.accept"),
        Binding("o", "override", triage_screen_text.KEY_OVERRIDE, id="triage.override"),
        Binding("f", "facts", triage_screen_text.KEY_FACTS, id="triage.facts"),
        Binding("r", "related", triage_screen_text.KEY_RELATED, id="triage.related"),
        Binding("p", "print_related", printing_text.KEY_PRINT_RELATED, id="triage.print_related"),
        Binding(
            "right_square_bracket",
            "next_page",
            triage_screen_text.KEY_NEXT_PAGE,
            id="triage.next_page",
            key_display="]",
        ),
        Binding(
            "left_square_bracket",
            "prev_page",
            triage_screen_text.KEY_PREV_PAGE,
            id="triage.prev_page",
            key_display="[",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page: Page[tq.QueueRow] | None = None
        self.role: str | None = None
        self.view: tq.TriageView | None = None
        self.facts: list[tq.FactChoice] = []
        self._busy = False  # a change is on its way: the case keys wait for the reload

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(triage_screen_text.LOADING, id="triage-status")
        with Horizontal(id="triage-body"):
            yield CaseTable(id="triage-list")
            with VerticalScroll(id="triage-detail-box") as box:
                box.border_title = triage_screen_text.DETAIL_TITLE
                yield Static(triage_screen_text.DETAIL_NONE, id="triage-detail")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(CaseTable).focus()
        self.watch(self.app, "operator_name", lambda _old, _new: self.reload(), init=False)
        self.load(0)

    def on_screen_resume(self) -> None:
        """Back from a modal, the case detail or another screen: the queue may have changed."""
        if self.page is not None:
            self.reload()

    # --- properties ---------------------------------------------------------------------------
    @property
    def can_decide(self) -> bool:
        return tq.may_decide(self.role)

    @property
    def row(self) -> tq.QueueRow | None:
        key = self.query_one(CaseTable).cursor_key
        if key is None or self.page is None:
            return None
        return next((r for r in self.page.items if str(r.case_id) == key), None)

    @property
    def current_view(self) -> tq.TriageView | None:
        """The loaded view, when it is the one of the case under the cursor."""
        row = self.row
        if row is None or self.view is None or self.view.case_id != row.case_id:
            return None
        return self.view

    # --- loading ------------------------------------------------------------------------------
    def reload(self, focus_case: int | None = None) -> None:
        row = self.row
        self.load(self.page.offset if self.page else 0, focus_case or (row.case_id if row else None))

    @work(thread=True, exclusive=True, group="triage", exit_on_error=False)
    def load(self, offset: int, focus_case: int | None = None) -> None:
        desk = self.zapp.desk
        page = tq.waiting_cases(desk, limit=PAGE_SIZE, offset=offset)
        if not page.items and page.offset > 0:  # the last case of the last page was decided
            page = tq.waiting_cases(desk, limit=PAGE_SIZE, offset=max(0, page.offset - PAGE_SIZE))
        keys = [r.case_id for r in page.items]
        likely = focus_case if focus_case in keys else (keys[0] if keys else None)
        first = None
        if likely is not None:
            try:
                first = self._view_of(desk, likely)
            except ZhixingError:  # (gone meanwhile) the list still shows; its own load says why
                first = None
        self.post_result(QueueLoaded(page, tq.operator_role_or_none(desk), focus_case, first))

    @staticmethod
    def _view_of(desk, case_id: int) -> ViewLoaded:
        view = tq.triage_view(desk, case_id)
        return ViewLoaded(view, tq.facts_form(desk, view))

    @on(QueueLoaded)
    def show_queue(self, message: QueueLoaded) -> None:
        table = self.query_one(CaseTable)
        old_index = table.cursor_row
        self.page, self.role = message.page, message.role
        table.show(COLUMNS, [(str(r.case_id), row_cells(r)) for r in message.page.items])
        keys = [r.case_id for r in message.page.items]
        if message.focus_case in keys:
            table.move_cursor(row=keys.index(message.focus_case))
        elif keys:
            table.move_cursor(row=min(old_index, len(keys) - 1))
        self._show_status()
        if not keys:
            self.view = None
            self.query_one("#triage-detail", Static).update(triage_screen_text.DETAIL_NONE)
        if message.first is not None:  # shown below when the cursor rests on its case
            self.view, self.facts = message.first.view, message.first.facts
        self._load_current()
        self.refresh_bindings()

    def _show_status(self) -> None:
        page = self.page
        desk = self.zapp.desk
        if page is None:
            return
        if not tq.triage_stage_codes(desk.profile):
            self.query_one("#triage-status", Static).update(triage_screen_text.STATUS_NO_TRIAGE)
            return
        if page.total == 0:
            status = triage_screen_text.STATUS_EMPTY
        else:
            status = triage_screen_text.STATUS.format(
                total=page.total, page=page.page_no, pages=page.page_count
            )
        if self.role is None:
            status += triage_screen_text.STATUS_NOT_ON_ROSTER.format(operator=desk.operator)
        elif not self.can_decide:
            status += triage_screen_text.STATUS_READ_ONLY.format(
                operator=desk.operator, role=role_name(self.role)
            )
        self.query_one("#triage-status", Static).update(status)

    @on(DataTable.RowHighlighted, "#triage-list")
    def _moved(self, _event: DataTable.RowHighlighted) -> None:
        self._load_current()
        self.refresh_bindings()

    def _load_current(self) -> None:
        row = self.row
        if row is None:
            return
        if self.view is not None and self.view.case_id == row.case_id:
            self._render_view()
            return
        self.query_one("#triage-detail", Static).update(triage_screen_text.DETAIL_LOADING)
        self.load_view(row.case_id)

    @work(thread=True, exclusive=True, group="triage-view", exit_on_error=False)
    def load_view(self, case_id: int) -> None:
        self.post_result(self._view_of(self.zapp.desk, case_id))

    @on(ViewLoaded)
    def show_view(self, message: ViewLoaded) -> None:
        row = self.row
        if row is None or row.case_id != message.view.case_id:
            return  # the cursor moved on while this was loading
        self.view, self.facts = message.view, message.facts
        self._render_view()
        self.refresh_bindings()

    def _render_view(self) -> None:
        if self.view is not None:
            self.query_one("#triage-detail", Static).update(render_view(self.row, self.view))
            box = self.query_one("#triage-detail-box")
            box.border_title = triage_screen_text.DETAIL_TITLE_CASE.format(case_no=self.view.case_no)

    # --- keys ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CASE_ACTIONS:
            view = self.current_view
            if view is None or view.decided or self._busy:
                return False
            if action in ("accept", "override"):
                return self.can_decide
            if action == "related":
                return bool(view.related)
            return True
        if action == "print_related":  # 固始 二、15: only where the court prints the form
            view = self.current_view
            return view is not None and view.related_asked and self.zapp.desk.profile.prints("related_cases")
        if action == "next_page":
            return self.page is not None and self.page.has_next
        if action == "prev_page":
            return self.page is not None and self.page.has_prev
        return super().check_action(action, parameters)

    def _push(self, modal, callback) -> None:
        self.app.push_screen(modal, callback=callback)

    def action_accept(self) -> None:
        view = self.current_view
        if view is None or not self.can_decide:
            return
        from ..modals.triage_decide import AcceptModal

        self._push(
            AcceptModal(view.case_no, view.suggestion.result),
            lambda ok: self._decide(view.case_id, None) if ok else None,
        )

    def action_override(self) -> None:
        view = self.current_view
        if view is None or not self.can_decide:
            return
        section = self.zapp.desk.profile.triage
        by_class = {c: teams_for_class(section, c) for c in view.classes}
        from ..modals.triage_decide import OverrideModal

        modal = OverrideModal(view.case_no, view.suggestion.result, view.classes, view.teams, by_class)
        self._push(modal, lambda choice: self._decide(view.case_id, choice) if choice else None)

    def _decide(self, case_id: int, choice: Override | None) -> None:
        self._busy = True
        self.refresh_bindings()
        self.decide(case_id, choice)

    @work(thread=True, exclusive=True, group="triage-change", exit_on_error=False)
    def decide(self, case_id: int, choice: Override | None) -> None:
        desk = self.zapp.desk
        try:
            if choice is None:
                d = svc.decide(desk, case_id)
            else:
                d = svc.decide(desk, case_id, cls=choice.cls, team=choice.team, reason=choice.reason)
        except Exception:
            self.post_result(TriageChanged(""))  # reload and clear busy; the error is shown by WorkerErrors
            raise
        case_no = self.view.case_no if self.view and self.view.case_id == case_id else ""
        note = triage_screen_text.DONE.format(case_no=case_no, cls=d.cls or triage_text.NO_CLASS, team=d.team)
        if d.draw is not None:
            note += triage_screen_text.DONE_DRAW.format(draw=d.draw.explain())
        if d.overridden and choice is not None:
            note += triage_screen_text.DONE_OVERRIDDEN.format(reason=choice.reason)
        self.post_result(TriageChanged(note))

    def action_facts(self) -> None:
        view = self.current_view
        if view is None:
            return
        from ..modals.triage_facts import FactsModal

        self._push(FactsModal(view.case_no, self.facts), lambda chosen: self._save_facts(view, chosen))

    def _save_facts(self, view: tq.TriageView, chosen: dict[str, bool] | None) -> None:
        if chosen is None:
            return
        facts = tq.updated_clerk_facts(view, chosen)
        if facts == view.clerk_facts:
            self.notify(triage_screen_text.FACTS_UNCHANGED)
            return
        self._busy = True
        self.save_facts(view.case_id, view.case_no, facts)

    @work(thread=True, exclusive=True, group="triage-change", exit_on_error=False)
    def save_facts(self, case_id: int, case_no: str, facts: dict) -> None:
        try:
            svc.set_case_facts(self.zapp.desk, case_id, facts)
        except Exception:
            self.post_result(TriageChanged(""))
            raise
        self.post_result(TriageChanged(triage_screen_text.FACTS_SAVED.format(case_no=case_no)))

    def action_related(self) -> None:
        view = self.current_view
        if view is None:
            return
        from ..modals.triage_related import RelatedModal

        self._push(RelatedModal(view), lambda choice: self._related_chosen(view, choice))

    def _related_chosen(self, view: tq.TriageView, choice: RelatedChoice | None) -> None:
        if choice is None:
            return
        if choice.what == "open" and choice.case_id is not None:
            self.zapp.open_case(choice.case_id)
        elif choice.what == "propose":
            self._busy = True
            self.propose(view.case_id, view.case_no)

    @work(thread=True, exclusive=True, group="triage-change", exit_on_error=False)
    def propose(self, case_id: int, case_no: str) -> None:
        from ...services.triage.followup import propose_related

        try:
            approval = propose_related(self.zapp.desk, case_id)
        except Exception:
            self.post_result(TriageChanged(""))
            raise
        note = (
            triage_screen_text.RELATED_PROPOSED if approval is not None else triage_screen_text.RELATED_NONE
        )
        self.post_result(TriageChanged(note.format(case_no=case_no)))

    def action_print_related(self) -> None:
        view = self.current_view
        if view is not None and view.related_asked:
            self.print_related(view.case_no)

    @work(thread=True, group="triage-print", exit_on_error=False)
    def print_related(self, case_no: str) -> None:
        from ...domain.forms import form_title
        from ...services.printing.related_cases_form import FORM, write_related_cases

        path = write_related_cases(self.zapp.desk, case_no)
        note = printing_text.FORM_WRITTEN.format(title=form_title(FORM), path=path)
        self.app.call_from_thread(self.notify, note)

    @on(TriageChanged)
    def _changed(self, message: TriageChanged) -> None:
        if message.note:
            self.notify(message.note)
        self._busy = False
        self.view = None  # the suggestion may have changed: read it again
        self.reload()

    @on(DataTable.RowSelected, "#triage-list")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.zapp.open_case(int(event.row_key.value))

    def action_next_page(self) -> None:
        if self.page is not None and self.page.has_next:
            self.load(self.page.offset + self.page.limit)

    def action_prev_page(self) -> None:
        if self.page is not None and self.page.has_prev:
            self.load(max(0, self.page.offset - self.page.limit))
