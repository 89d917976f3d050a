"""审批 (指挥监控): submitted handoffs and closings with their forms, the 台账 of returns, and
every other pending approval (出差, 类案集中, 简转繁 …: the 待审批事项 lane). y approves, x returns
a handoff (with a reason) or rejects an approval (with a reason), e exports the 台账.

y/x show only for an operator whose role may decide the highlighted row and who did not submit
it (the services check again: nobody decides their own handoff or request). In the 待审批事项
lane y/x go to the service that owns the kind (``services.board.approvals.decide_any``), which checks
the operator's level; a refusal is shown as an error notification, and the details under the
list say who may decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from ...domain import board as board_rules
from ...domain import checklist as checklist_rules
from ...domain.money import format_money
from ...domain.roles import may_approve, role_name
from ...i18n import approvals as approvals_text
from ...i18n import board as board_text
from ...i18n import common as common_text
from ...i18n import printing as printing_text
from ...services.actors import is_own
from ...services.board import handoffs as ho
from ...services.board import ledger as hl
from ...services.board import query as bq
from ...services.board.approvals import decide_any
from ...services.board.closing_detail import ClosingDetail, closing_details
from ...services.permissions import operator_role_and_id
from ...services.printing import approval_forms
from ...storage.queries import Page
from ..modals.confirm import ConfirmModal
from ..modals.reject_reason import RejectReasonModal
from ..modals.return_reason import ReturnReasonModal
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import CaseTable
from . import approval_items as pending_view
from .base import DeskScreen
from .closing_view import closing_text

LANES = ("queue", "ledger", "pending")
PAGE = 100

QUEUE_COLUMNS = (
    Column("case_no", board_text.COL_CASE_NO, pending_view.CASE_NO_CELLS),
    Column("from", board_text.COL_FROM, 8),
    Column("to", board_text.COL_TO, 8),
    Column("what", board_text.COL_WHAT, 10, weight=3),
    Column("by", board_text.COL_BY, 6),
    Column("at", board_text.COL_AT, 16, hide_below=90),
)
LEDGER_COLUMNS = (
    Column("case_no", board_text.COL_CASE_NO, pending_view.CASE_NO_CELLS),
    Column("from", board_text.COL_FROM, 8),
    Column("to", board_text.COL_TO, 8),
    Column("by", board_text.COL_BY, 6, hide_below=100),
    Column("decided", board_text.COL_DECIDED_BY, 6),
    Column("reason", board_text.COL_REASON, 10, weight=3),
)


@dataclass
class LaneLoaded(Message):
    lane: str
    page: Page
    role: str | None
    operator_id: int | None = None  # the operator's staff id: which rows are their own
    closings: dict[int, ClosingDetail] = field(default_factory=dict)  # of the page's closings


@dataclass
class Decided(Message):
    note: str


class ApprovalsScreen(DeskScreen):
    SCREEN_ID = "approvals"
    TITLE = common_text.SCREEN_APPROVALS
    DEFAULT_CSS = """
    ApprovalsScreen #appr-status { height: 1; padding: 0 1; color: $text-muted; }
    ApprovalsScreen #appr-list { height: 1fr; margin: 0 1; }
    ApprovalsScreen #appr-box { height: auto; max-height: 50%; border: round $secondary; margin: 0 1; }
    ApprovalsScreen #appr-form { height: auto; padding: 0 1; }
    """
    # short descriptions: at 80×24 the footer must still show y and x
    BINDINGS = [
        Binding("tab,v", "switch_lane", board_text.KEY_SWITCH, id="approvals.switch", key_display="tab"),
        Binding("y", "approve", board_text.KEY_APPROVE, id="approvals.approve"),
        Binding("x", "return", board_text.KEY_RETURN, id="approvals.return"),
        Binding("x", "reject", approvals_text.KEY_REJECT, id="approvals.reject"),
        Binding("e", "export", board_text.KEY_EXPORT, id="approvals.export"),
        Binding("p", "print_form", printing_text.KEY_PRINT_APPROVAL_FORM, id="approvals.print"),
        Binding("r", "refresh", common_text.KEY_REFRESH, id="approvals.refresh", show=False),
        # the details of a closing run longer than the panel: J/K page through them (F1 lists them)
        Binding("J", "scroll_form(1)", board_text.KEY_FORM_DOWN, id="approvals.form_down", show=False),
        Binding("K", "scroll_form(-1)", board_text.KEY_FORM_UP, id="approvals.form_up", show=False),
        Binding(
            "right_square_bracket",
            "page(1)",
            common_text.KEY_NEXT_PAGE,
            id="approvals.next_page",
            key_display="]",
        ),
        Binding(
            "left_square_bracket",
            "page(-1)",
            common_text.KEY_PREV_PAGE,
            id="approvals.prev_page",
            key_display="[",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lane = "queue"
        self.page: Page | None = None
        self.role: str | None = None
        self.operator_id: int | None = None
        self.closings: dict[int, ClosingDetail] = {}

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(board_text.APPROVALS_LOADING, id="appr-status")
        yield CaseTable(id="appr-list")
        with VerticalScroll(id="appr-box", can_focus=False):  # J/K page through long details
            yield Static("", id="appr-form")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load(self.lane, 0)
        self.query_one(CaseTable).focus()
        self.watch(self.app, "operator_name", self._operator_changed, init=False)

    def _operator_changed(self, _name: str) -> None:
        """Another operator may decide other things: reload the lane with their role."""
        if self.page is not None:
            self.action_refresh()

    def on_screen_resume(self) -> None:
        if self.page is not None:
            self.action_refresh()

    # --- loading --------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="approvals", exit_on_error=False)
    def load(self, lane: str, offset: int) -> None:
        desk = self.zapp.desk
        if lane == "pending":
            page: Page = bq.pending_approvals(desk, limit=PAGE, offset=offset)
        else:
            status = "submitted" if lane == "queue" else "returned"
            items = tuple(hl.list_handoffs(desk, status=status, limit=PAGE, offset=offset))
            page = Page(items=items, total=hl.count_handoffs(desk, status), offset=offset, limit=PAGE)
            if lane == "queue":
                closings = closing_details(desk, [h.id for h in items if h.kind == "close"])
                self.post_result(LaneLoaded(lane, page, *operator_role_and_id(desk), closings))
                return
        self.post_result(LaneLoaded(lane, page, *operator_role_and_id(desk)))

    @on(LaneLoaded)
    def show_lane(self, message: LaneLoaded) -> None:
        if message.lane != self.lane:
            return
        # a reload of the list shown (after y or x, r, a return to the screen): the cursor stays
        # where it was, on the next row when its row was decided; a new lane or page starts on top
        same_list = self.page is not None and self.page.offset == message.page.offset
        self.page, self.role, self.operator_id = message.page, message.role, message.operator_id
        self.closings = message.closings
        page = message.page
        profile = self.zapp.desk.profile

        def stage(code: str | None) -> str:
            return profile.stage(code).name if code else board_text.CLOSING_REVIEW

        if self.lane == "pending":
            status = approvals_text.STATUS.format(total=page.total) + (
                approvals_text.STATUS_ROLE.format(role=role_name(self.role))
                if self.role
                else approvals_text.STATUS_NOT_ON_ROSTER
            )
            rows = [(str(r.id), pending_view.row_cells(r)) for r in page.items]
            columns = pending_view.COLUMNS
        elif self.lane == "ledger":
            status = board_text.APPROVALS_LEDGER.format(total=page.total)
            rows = [
                (
                    str(h.id),
                    [
                        h.case_no,
                        stage(h.from_stage),
                        stage(h.to_stage),
                        h.submitted_by,
                        h.decided_by or "",
                        h.return_reason,
                    ],
                )
                for h in page.items
            ]
            columns = LEDGER_COLUMNS
        else:
            status = board_text.APPROVALS_QUEUE.format(total=page.total)
            rows = [
                (
                    str(h.id),
                    [
                        h.case_no,
                        stage(h.from_stage),
                        stage(h.to_stage),
                        h.label or h.form.get("method", ""),
                        h.submitted_by,
                        h.submitted_at.strftime("%Y-%m-%d %H:%M"),
                    ],
                )
                for h in page.items
            ]
            columns = QUEUE_COLUMNS
        closing = board_rules.handoff_deciders(profile, "close", None, None)
        if (
            self.role is not None
            and not board_rules.may_decide_handoff(self.role, closing)
            and self.lane == "queue"
        ):
            status += "　" + board_text.APPROVALS_NOT_MONITOR.format(role=role_name(self.role))
        self.query_one("#appr-status", Static).update(status)
        self.query_one(CaseTable).show(columns, rows, keep_cursor=same_list)
        self._show_form()
        self.refresh_bindings()

    # --- the selected row -----------------------------------------------------------------------
    @property
    def row(self):
        if self.page is None or not self.page.items:
            return None
        key = self.query_one(CaseTable).cursor_key
        return next((r for r in self.page.items if str(r.id) == key), None)

    @on(DataTable.RowHighlighted, "#appr-list")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_form()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#appr-list")
    def _open(self, _event: DataTable.RowSelected) -> None:
        row = self.row
        if row is not None:
            self.zapp.open_case(row.case_id)

    def _show_form(self) -> None:
        row = self.row
        if row is None:
            text: Text | str = ""
        elif isinstance(row, bq.ApprovalRow):
            text = pending_view.form_text(row, self.role, self.zapp.desk.operator, self.operator_id)
        else:
            closing = self.closings.get(row.id)
            text = closing_text(closing) if closing is not None else form_text(row)
            if self._own(row.submitted_by_id, row.submitted_by) and row.status == "submitted":
                text.append("\n" + board_text.OWN_HANDOFF, style="yellow")
        self.query_one("#appr-form", Static).update(text)
        box = self.query_one("#appr-box", VerticalScroll)
        box.scroll_home(animate=False)
        closing = row is not None and not isinstance(row, bq.ApprovalRow) and row.id in self.closings
        box.border_subtitle = board_text.FORM_MORE if closing else ""
        # the panel's new height may have hidden the highlighted row under it
        table = self.query_one(CaseTable)
        self.call_after_refresh(table.cursor_in_sight)

    def _own(self, staff_id: int | None, name: str) -> bool:
        """Whether the operator submitted (asked for) the row: by staff id, a rename changes nothing."""
        return is_own(staff_id, name, self.operator_id, self.zapp.desk.operator)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve", "return", "reject"):
            row = self.row
            if row is None or self.lane == "ledger":
                return False
            if self.lane == "pending":
                mine = self._own(row.requested_by_id, row.requested_by)
                return action != "return" and not mine and may_approve(self.role, row.deciders or row.level)
            mine = self._own(row.submitted_by_id, row.submitted_by)
            deciders = board_rules.handoff_deciders(
                self.zapp.desk.profile, row.kind, row.from_stage, row.to_stage
            )
            return action != "reject" and not mine and board_rules.may_decide_handoff(self.role, deciders)
        if action == "print_form":
            return self.lane != "ledger" and self._form_of(self.row) is not None
        if action == "page":
            if self.page is None:
                return False
            return self.page.has_next if parameters and parameters[0] == 1 else self.page.has_prev
        return super().check_action(action, parameters)

    def _form_of(self, row) -> str | None:
        """The form printed for the row (出差/类案集中/逾期发放 → its 审批表, a closing → 结案审查表)
        where the court's profile lists it; None otherwise."""
        if row is None:
            return None
        profile = self.zapp.desk.profile
        if isinstance(row, bq.ApprovalRow):
            return approval_forms.approval_form(profile, row.kind)
        return approval_forms.closing_form(profile, row.kind)

    # --- keys -----------------------------------------------------------------------------------
    def action_print_form(self) -> None:
        row = self.row
        if self._form_of(row) is not None:
            self.print_form(row)

    @work(thread=True, group="approvals-print", exit_on_error=False)
    def print_form(self, row) -> None:
        desk = self.zapp.desk
        if isinstance(row, bq.ApprovalRow):
            title, path = approval_forms.write_approval_form(desk, row.kind, row.id, row.case_no)
        else:
            title, path = approval_forms.write_closing_form(desk, row.id, row.case_no)
        self.post_message(Decided(printing_text.FORM_WRITTEN.format(title=title, path=path)))

    def action_scroll_form(self, direction: int) -> None:
        box = self.query_one("#appr-box", VerticalScroll)
        box.scroll_to(
            y=box.scroll_y + direction * max(box.scrollable_content_region.height - 1, 1), animate=False
        )

    def action_switch_lane(self) -> None:
        self.lane = LANES[(LANES.index(self.lane) + 1) % len(LANES)]
        self.page = None
        self.load(self.lane, 0)

    def action_refresh(self) -> None:
        self.load(self.lane, self.page.offset if self.page else 0)

    def action_page(self, direction: int) -> None:
        if self.page is not None:
            self.load(self.lane, max(0, self.page.offset + direction * PAGE))

    def action_approve(self) -> None:
        """Ask, then approve: one stray y must not move or close a case."""
        row, lane = self.row, self.lane
        if row is None:
            return
        what = pending_view.title(row) if isinstance(row, bq.ApprovalRow) else form_title(row)

        def chosen(yes: bool | None) -> None:
            if yes:
                self.decide(lane, row, True, "")

        self.app.push_screen(
            ConfirmModal(
                board_text.APPROVE_TITLE.format(case_no=row.case_no),
                board_text.APPROVE_CONFIRM.format(case_no=row.case_no, what=what),
            ),
            callback=chosen,
        )

    def action_reject(self) -> None:
        row = self.row
        if not isinstance(row, bq.ApprovalRow):
            return

        def chosen(reason: str | None) -> None:
            if reason:
                self.decide(self.lane, row, False, reason)

        self.app.push_screen(RejectReasonModal(row.case_no, pending_view.title(row)), callback=chosen)

    def action_return(self) -> None:
        row = self.row
        if row is None or isinstance(row, bq.ApprovalRow):
            return
        what = form_title(row)

        def chosen(reason: str | None) -> None:
            if reason:
                self.decide(self.lane, row, False, reason)

        self.app.push_screen(ReturnReasonModal(row.case_no, what), callback=chosen)

    @work(thread=True, group="approvals-change", exit_on_error=False)
    def decide(self, lane: str, row, approve: bool, reason: str) -> None:
        desk = self.zapp.desk
        if lane == "pending":
            decide_any(desk, row.id, approve=approve, note=reason)
            kind = pending_view.kind_name(row.kind)
            done = approvals_text.DECIDED_APPROVE if approve else approvals_text.DECIDED_REJECT
            self.post_message(Decided(done.format(kind=kind, case_no=row.case_no, note=reason)))
        elif approve:
            ho.approve(desk, row.id)
            self.post_message(Decided(board_text.APPROVED.format(case_no=row.case_no, what=form_title(row))))
        else:
            ho.return_handoff(desk, row.id, reason=reason)
            self.post_message(Decided(board_text.RETURNED.format(case_no=row.case_no)))

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        self.notify(message.note)
        self.action_refresh()

    def action_export(self) -> None:
        self.export()

    @work(thread=True, group="approvals-change", exit_on_error=False)
    def export(self) -> None:
        desk = self.zapp.desk
        path = hl.export_ledger(desk)
        self.post_message(Decided(board_text.EXPORTED.format(path=path)))


def form_title(row) -> str:
    return row.label or row.form.get("title", "") or row.form.get("method", "")


def form_text(row) -> Text:
    """The form that came with a handoff (查控实有情况表 items, or the closing's amounts)."""
    out = Text()
    form = row.form
    out.append((form.get("title") or row.label or board_text.FORM_NONE) + "\n", style="bold")
    if row.kind == "close":
        out.append(
            board_text.FORM_CLOSE.format(
                method=form.get("method", ""),
                closing=format_money(form.get("closing_fen", 0)),
                recovered=format_money(form.get("recovered_fen", 0)),
                abandoned=format_money(form.get("abandoned_fen", 0)),
            )
        )
        reason = (form.get("reason") or "").strip()
        out.append(
            "\n" + (board_text.FORM_REASON.format(reason=reason) if reason else board_text.FORM_REASON_NONE)
        )
    for item in form.get("items", []):
        out.append(
            board_text.FORM_ITEM.format(
                channel=board_text.CHANNELS.get(item.get("channel"), item.get("channel")),
                asset=checklist_rules.ASSET_TYPES.get(item.get("asset_type", ""), ""),
                status=checklist_rules.status_text(item.get("status", ""), item.get("result")),
                found=item.get("found", ""),
                controlled=item.get("controlled", ""),
            )
            + "\n"
        )
    if form.get("items"):
        out.append(
            board_text.FORM_TOTAL.format(
                found=form.get("total_found", ""), controlled=form.get("total_controlled", "")
            )
        )
    if form.get("note"):
        out.append("\n" + board_text.FORM_NOTE.format(note=form["note"]))
    if row.return_reason:
        out.append("\n" + board_text.COL_REASON + "：" + row.return_reason, style="yellow")
    return out
