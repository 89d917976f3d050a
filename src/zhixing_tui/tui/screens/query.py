"""查控: one case's query checklist (总对总 / 点对点 / 线下 items) and its documents with service.

The case is the app's current one (F3 from a case's detail opens it) or chosen at the top like on
初次接待 (F9). The items table moves with j/k; Space advances the
item under the cursor to its next status, y / n record the feedback (有财产 asks the amount inline),
f s d w freeze, seal, deduct or hand to 委托, m corrects an amount, N marks every open 总对总 item
无财产 at once, p records that the feedback table was printed. In the documents table Space makes a
document and t records a service attempt. Every change goes through ``services.window.checklist`` in a
worker (audited, deadline nodes completed); the summary line shows property found against the claim.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from ...domain import checklist as rules
from ...domain.money import format_money
from ...errors import ZhixingError
from ...i18n import printing as printing_text
from ...i18n import query as query_text
from ...services.window import checklist as svc
from ...services.window import documents as docs_svc
from ..modals.service_attempt import Attempt, ServiceModal
from ..widgets.case_picker import CasePicker
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import KeyTable
from .base import DeskScreen

ITEM_COLUMNS = (
    Column("channel", query_text.COL_CHANNEL, 6),
    Column("item", query_text.COL_ITEM, 12, weight=3, max_width=30),
    Column("status", query_text.COL_STATUS, 16, weight=1, max_width=20),
    Column("found", query_text.COL_FOUND, 12, align="right"),
    Column("controlled", query_text.COL_CONTROLLED, 12, align="right", hide_below=90),
    Column("date", query_text.COL_DATE, 10, hide_below=100),
    Column("handler", query_text.COL_HANDLER, 6, hide_below=110),
)
DOC_COLUMNS = (
    Column("doc", query_text.COL_DOC, 12, weight=1, max_width=24),
    Column("status", query_text.COL_DOC_STATUS, 6),
    Column("made", query_text.COL_MADE, 10, hide_below=90),
    Column("service", query_text.COL_SERVICE, 10, weight=3),
    Column("next", query_text.COL_NEXT, 8, hide_below=100, fit=True),  # 电话通知来院领取: never cut
)
STATUS_STYLE = {
    "found": "bold yellow",
    "none": "dim",
    "frozen": "green",
    "sealed": "green",
    "deducted": "green",
}
ITEM_KEYS = {"advance", "found", "none", "freeze", "seal", "deduct", "delegate", "amount"}
CONTROL_ACTIONS = {"freeze": "frozen", "seal": "sealed", "deduct": "deducted", "delegate": "delegated"}


@dataclass
class ChecklistLoaded(Message):
    view: svc.ChecklistView
    focus_key: str | None = None


def _money(fen: int) -> str:
    return format_money(fen) if fen else ""


def item_cells(i: svc.ItemRow) -> list[str | Text]:
    style = STATUS_STYLE.get(i.result if i.status == "feedback" else i.status, "")
    day = i.controlled_on or i.feedback_on or i.started_on
    return [
        rules.CHANNELS.get(i.channel, i.channel),
        i.label,
        Text(i.status_text, style=style),
        _money(i.amount_found_fen),
        _money(i.amount_controlled_fen),
        day.isoformat() if day else "",
        i.handler,
    ]


def doc_cells(d: svc.DocRow) -> list[str]:
    service = query_text.ATTEMPT_SEP.join(
        query_text.ATTEMPT.format(
            step=rules.SERVICE_STEPS.get(a.step, a.step), result=rules.SERVICE_RESULTS.get(a.result, a.result)
        )
        for a in d.attempts
    )
    return [
        d.label,
        rules.DOC_STATUSES.get(d.status, d.status),
        d.made_on.isoformat() if d.made_on else "",
        service,
        rules.SERVICE_STEPS.get(d.next_step or "", ""),
    ]


class QueryScreen(DeskScreen):
    SCREEN_ID = "query"
    TITLE = query_text.SCREEN_TITLE
    DEFAULT_CSS = """
    QueryScreen #query-summary { height: auto; margin: 0 1; padding: 0 1; color: $text-accent; }
    QueryScreen #query-body { height: 1fr; display: none; }
    QueryScreen.-loaded #query-body { display: block; }
    QueryScreen #query-items-box { height: 2fr; border: round $primary; margin: 0 1; }
    QueryScreen #query-docs-box { height: 1fr; min-height: 5; border: round $secondary; margin: 0 1; }
    QueryScreen KeyTable { height: 1fr; }
    QueryScreen #query-amount-label { height: auto; margin: 0 1; display: none; color: $warning; }
    QueryScreen #query-amount { margin: 0 1; display: none; }
    QueryScreen.-amount #query-amount-label, QueryScreen.-amount #query-amount { display: block; }
    """
    BINDINGS = [
        Binding("space", "advance", query_text.KEY_ADVANCE, id="query.advance"),
        Binding("y", "found", query_text.KEY_FOUND, id="query.found"),
        Binding("n", "none", query_text.KEY_NONE, id="query.none"),
        Binding("f", "freeze", query_text.KEY_FREEZE, id="query.freeze"),
        Binding("s", "seal", query_text.KEY_SEAL, id="query.seal"),
        Binding("d", "deduct", query_text.KEY_DEDUCT, id="query.deduct"),
        Binding("w", "delegate", query_text.KEY_DELEGATE, id="query.delegate"),
        Binding("m", "amount", query_text.KEY_AMOUNT, id="query.amount"),
        Binding("N", "batch_none", query_text.KEY_BATCH_NONE, id="query.batch_none", key_display="N"),
        Binding("p", "printed", query_text.KEY_PRINTED, id="query.printed"),
        Binding("t", "serve", query_text.KEY_SERVE, id="query.serve"),
        Binding("a", "address_form", printing_text.KEY_PRINT_ADDRESS, id="query.address_form"),
        Binding("r", "refresh", query_text.KEY_REFRESH, id="query.refresh"),
        Binding("f9", "pick", query_text.KEY_PICK, id="query.pick"),
    ]

    def __init__(self, case_id: int | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: svc.ChecklistView | None = None
        self.busy = False
        self.loads = 0  # how many times the checklist was (re)loaded: tests wait on it
        self._amount_for: tuple[str, int, str] | None = None  # (what, item id, status to move to)
        self._amount_prompt = ""

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield CasePicker(id="query-picker")
        yield Static("", id="query-summary")
        with Vertical(id="query-body"):
            with Vertical(id="query-items-box") as items:
                items.border_title = query_text.ITEMS_TITLE
                yield KeyTable(id="query-items")
            with Vertical(id="query-docs-box") as docs:
                docs.border_title = query_text.DOCS_TITLE
                yield KeyTable(id="query-docs")
        yield Static("", id="query-amount-label")
        yield Input(id="query-amount", compact=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        if self.case_id is None:
            self.query_one(CasePicker).open()
        else:
            self.load(self.case_id)

    # --- loading ------------------------------------------------------------------------------
    @on(CasePicker.Chosen)
    def _chosen(self, message: CasePicker.Chosen) -> None:
        self.load(message.case_id)

    def follow_case(self, case_id: int) -> None:
        """Open the app's current case (F3 from a case's detail) instead of asking for one."""
        if case_id == self.case_id:
            return
        if not self.is_mounted:
            self.case_id = case_id  # on_mount loads it
            return
        if self._amount_for is not None:
            self._close_amount()
        self.load(case_id)

    @work(thread=True, exclusive=True, group="query-load", exit_on_error=False)
    def load(self, case_id: int, focus_key: str | None = None) -> None:
        self.post_result(ChecklistLoaded(svc.load_checklist(self.zapp.desk, case_id), focus_key))

    @on(ChecklistLoaded)
    def _loaded(self, message: ChecklistLoaded) -> None:
        first = self.view is None or self.view.case_id != message.view.case_id
        view = self.view = message.view
        self.case_id = view.case_id
        self.zapp.set_current_case(view.case_id)
        self.busy = False
        self.loads += 1
        self.title = f"{query_text.SCREEN_TITLE}　{view.case_no}"
        self.add_class("-loaded")
        self.query_one(CasePicker).close()
        summary = view.summary.line() + (query_text.PRINTED_MARK if view.feedback_printed else "")
        if view.closed:
            summary = query_text.CLOSED_MARK + summary
        self.query_one("#query-summary", Static).update(summary)
        items, docs = self.query_one("#query-items", KeyTable), self.query_one("#query-docs", KeyTable)
        item_row, doc_row = items.cursor_row, docs.cursor_row
        items.show(ITEM_COLUMNS, [(str(i.id), item_cells(i)) for i in view.items])
        docs.show(DOC_COLUMNS, [(str(d.id), doc_cells(d)) for d in view.documents])
        if not first:
            items.move_cursor(row=min(item_row, max(0, items.row_count - 1)))
            docs.move_cursor(row=min(doc_row, max(0, docs.row_count - 1)))
        if first or not isinstance(self.focused, KeyTable):
            (docs if message.focus_key == "docs" else items).focus()
        self.refresh_bindings()

    # --- what is under the cursor -------------------------------------------------------------
    # (the view first: the footer asks check_action about the keys while the screen is still being
    # composed — its tables are not there yet — when its first open is slow on a busy machine)
    def _item(self) -> svc.ItemRow | None:
        if self.view is None:
            return None
        table = self.query_one("#query-items", KeyTable)
        if self.focused is not table or table.cursor_key is None:
            return None
        return next((i for i in self.view.items if str(i.id) == table.cursor_key), None)

    def _doc(self) -> svc.DocRow | None:
        if self.view is None:
            return None
        table = self.query_one("#query-docs", KeyTable)
        if self.focused is not table or table.cursor_key is None:
            return None
        return next((d for d in self.view.documents if str(d.id) == table.cursor_key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ITEM_KEYS | {"batch_none", "printed", "serve", "refresh"} and (
            self.busy or self.view is None
        ):
            return False
        if action in ITEM_KEYS | {"batch_none", "printed", "serve"} and self.view.closed:  # type: ignore[union-attr]
            return False  # a closed case's checklist is read only: no key offers a change
        if self._amount_for is not None and action != "back":
            return False
        item, doc = self._item(), self._doc()
        if action in ("batch_none", "printed") and self.focused is not self.query_one("#query-items"):
            return False  # the items' keys: in the documents table the footer shows t
        if action == "advance":
            return item is not None or doc is not None
        if action in ("found", "none"):
            return item is not None and "feedback" in item.next_moves
        if action in CONTROL_ACTIONS:
            return item is not None and CONTROL_ACTIONS[action] in item.next_moves
        if action == "amount":
            return item is not None and (item.result == "found" or item.status in rules.CONTROLLED)
        if action == "batch_none":
            return any(rules.awaiting_national(i.channel, i.status) for i in self.view.items)
        if action == "printed":
            return not self.view.feedback_printed and any(
                i.channel in ("national", "local") and i.result for i in self.view.items
            )
        if action == "serve":
            return doc is not None and doc.status == "made"
        if action == "address_form":  # 固始 一、3、8; 浉河 三(三)2: only where the court prints it
            return self.view is not None and self.zapp.desk.profile.prints("address_confirmation")
        return super().check_action(action, parameters)

    def on_data_table_row_highlighted(self, _event) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self, _event) -> None:
        self.refresh_bindings()

    # --- changes ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="query-change", exit_on_error=False)
    def change(self, fn, note: str, focus_key: str | None = None) -> None:
        try:
            fn()
        except ZhixingError:
            self.app.call_from_thread(self._unbusy)
            raise
        self.app.call_from_thread(self.notify, note)
        self.load(self.case_id, focus_key)  # type: ignore[arg-type]

    def _unbusy(self) -> None:
        self.busy = False
        self.refresh_bindings()

    def _run(self, fn, note: str, focus_key: str | None = None) -> None:
        self.busy = True
        self.refresh_bindings()
        self.change(fn, note, focus_key)

    def _move(
        self, item: svc.ItemRow, target: str, *, result: str | None = None, amount: int | None = None
    ) -> None:
        desk = self.zapp.desk
        status = rules.status_text(target, result if target == "feedback" else item.result)
        self._run(
            lambda: svc.move_item(desk, item.id, target, result=result, amount_fen=amount),
            query_text.MOVED.format(item=f"{rules.CHANNELS[item.channel]}·{item.label}", status=status),
        )

    def action_advance(self) -> None:
        item, doc = self._item(), self._doc()
        if doc is not None:
            if doc.status == "pending":
                desk = self.zapp.desk
                self._run(
                    lambda: docs_svc.make_document(desk, doc.id),
                    query_text.MADE.format(doc=doc.label),
                    "docs",
                )
            elif doc.status == "made":
                self.action_serve()
            return
        if item is None:
            return
        name = f"{rules.CHANNELS[item.channel]}·{item.label}"
        moves = item.next_moves
        if item.status == "started":
            self.notify(query_text.ASK_RESULT.format(item=name))
        elif not moves or (item.status == "feedback" and item.result == "none"):
            self.notify(query_text.NOTHING_NEXT.format(item=name))
        elif moves[0] in CONTROL_ACTIONS.values():
            self._ask_amount(item, moves[0])
        else:
            self._move(item, moves[0])

    def action_found(self) -> None:
        item = self._item()
        if item is not None:
            self._ask_amount(item, "feedback")

    def action_none(self) -> None:
        item = self._item()
        if item is not None:
            self._move(item, "feedback", result="none")

    def _control(self, action: str) -> None:
        item = self._item()
        if item is not None:
            self._ask_amount(item, CONTROL_ACTIONS[action])

    def action_freeze(self) -> None:
        self._control("freeze")

    def action_seal(self) -> None:
        self._control("seal")

    def action_deduct(self) -> None:
        self._control("deduct")

    def action_delegate(self) -> None:
        item = self._item()
        if item is not None:
            self._move(item, "delegated")

    def action_amount(self) -> None:
        item = self._item()
        if item is not None:
            self._ask_amount(item, "controlled" if item.status in rules.CONTROLLED else "found")

    def action_batch_none(self) -> None:
        desk, case_id = self.zapp.desk, self.case_id
        count = sum(1 for i in self.view.items if rules.awaiting_national(i.channel, i.status))  # type: ignore[union-attr]
        self._run(lambda: svc.mark_national_none(desk, case_id), query_text.BATCH_DONE.format(count=count))  # type: ignore[arg-type]

    def action_printed(self) -> None:
        desk, case_id = self.zapp.desk, self.case_id
        self._run(lambda: svc.mark_feedback_printed(desk, case_id), query_text.PRINTED_DONE)  # type: ignore[arg-type]

    def action_address_form(self) -> None:
        if self.view is not None:
            self.print_address(self.view.case_no)

    @work(thread=True, group="query-print", exit_on_error=False)
    def print_address(self, case_no: str) -> None:
        from ...domain.forms import form_title
        from ...services.printing.address_form import FORM, write_address_confirmation

        path = write_address_confirmation(self.zapp.desk, case_no)
        self.app.call_from_thread(
            self.notify, printing_text.FORM_WRITTEN.format(title=form_title(FORM), path=path)
        )

    def action_serve(self) -> None:
        doc = self._doc()
        if doc is None:
            return
        if doc.status == "pending":
            self.notify(query_text.NOT_MADE.format(doc=doc.label), severity="warning")
            return
        desk = self.zapp.desk

        def save(attempt: Attempt) -> str:
            """In the dialog's worker: a refusal stays in the dialog (DeskModal.save)."""
            docs_svc.add_service_attempt(desk, doc.id, **asdict(attempt))  # its fields are the keywords
            what = f"{doc.label}{rules.SERVICE_STEPS.get(attempt.step, '')}{rules.SERVICE_RESULTS[attempt.result]}"
            return query_text.SERVED.format(what=what)

        def done(text: str | None) -> None:
            if text is not None and self.case_id is not None:
                self.notify(text)
                self.load(self.case_id, "docs")

        self.app.push_screen(ServiceModal(doc, desk.today(), save), done)

    def action_refresh(self) -> None:
        if self.case_id is not None:
            self.load(self.case_id)

    def action_pick(self) -> None:
        self.query_one(CasePicker).open()

    # --- the inline amount --------------------------------------------------------------------
    def _ask_amount(self, item: svc.ItemRow, target: str) -> None:
        """Show the amount input: ``target`` is a status to move to, or found/controlled to correct."""
        name = f"{rules.CHANNELS[item.channel]}·{item.label}"
        if target in ("feedback", "found"):
            prompt, current = query_text.AMOUNT_FOUND.format(item=name), item.amount_found_fen
        else:
            prompt, current = (
                query_text.AMOUNT_CONTROLLED.format(item=name),
                item.amount_controlled_fen or item.amount_found_fen,
            )
        self._amount_for = (target, item.id, name)
        self._amount_prompt = prompt
        self.query_one("#query-amount-label", Static).update(prompt)
        box = self.query_one("#query-amount", Input)
        box.value = format_money(current) if current else ""
        self.add_class("-amount")
        box.focus()
        self.refresh_bindings()

    def _amount_refused(self, message: str) -> None:
        """Say what is wrong with the amount in the prompt itself; the input stays open."""
        text = Text(self._amount_prompt)
        text.append("\n" + message, style="bold red")
        self.query_one("#query-amount-label", Static).update(text)

    def _close_amount(self) -> None:
        self._amount_for = None
        self.remove_class("-amount")
        self.query_one("#query-items", KeyTable).focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#query-amount")
    def _amount_entered(self, event: Input.Submitted) -> None:
        if self._amount_for is None:
            return
        target, item_id, name = self._amount_for
        text = event.value.strip()
        item = next((i for i in self.view.items if i.id == item_id), None) if self.view else None
        finding = target in ("feedback", "found")
        try:  # what an empty amount means is the core's rule (domain.checklist.typed_amount)
            amount = rules.typed_amount(
                target,
                text,
                found_fen=item.amount_found_fen if item is not None else 0,
                controlled_fen=item.amount_controlled_fen if item is not None else 0,
                field=query_text.COL_FOUND if finding else query_text.COL_CONTROLLED,
            )
        except ZhixingError as exc:
            self._amount_refused(exc.message)
            return
        self._close_amount()
        desk = self.zapp.desk
        if target == "found":
            self._run(
                lambda: svc.set_amounts(desk, item_id, found_fen=amount),
                query_text.MOVED.format(item=name, status=format_money(amount or 0)),
            )
        elif target == "controlled":
            self._run(
                lambda: svc.set_amounts(desk, item_id, controlled_fen=amount),
                query_text.MOVED.format(item=name, status=format_money(amount or 0)),
            )
        else:
            result = "found" if target == "feedback" else None
            status = rules.status_text(target, "found")
            self._run(
                lambda: svc.move_item(desk, item_id, target, result=result, amount_fen=amount),
                query_text.MOVED.format(item=name, status=status),
            )

    def action_back(self) -> None:
        if self._amount_for is not None:
            self._close_amount()
        elif self.query_one(CasePicker).has_class("-open") and self.view is not None:
            self.query_one(CasePicker).close()
            self.query_one("#query-items", KeyTable).focus()
        else:
            super().action_back()
