"""执行措施 of one case (opened from 案件详情 with m): the list, and keys to add a measure, lift the
highlighted one (限消/边控 解除, 失信 删除/屏蔽/撤销, 悬赏 撤销) and record a 失信/限消 录入."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from ...domain.money import format_money
from ...i18n import measures as measures_text
from ...services.measures.query import MeasureView, PartyChoice, list_measures, party_choices, takes_measures
from ..modals.measure_form import AddMeasureModal, Lifting, LiftMeasureModal, NewMeasure
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import KeyTable
from .base import DeskScreen

COLUMNS = (
    Column("id", measures_text.COL_ID, 4),
    Column("kind", measures_text.COL_KIND, 8),
    Column("party", measures_text.COL_PARTY, 6, weight=1, max_width=16),
    Column("decided", measures_text.COL_DECIDED, 10),
    Column("doc", measures_text.COL_DOC, 10, weight=2, max_width=26),
    Column("detail", measures_text.COL_DETAIL, 6, hide_below=90),
    Column("state", measures_text.COL_STATE, 6),
    Column("entered", measures_text.COL_ENTERED, 10, hide_below=110),
    Column("lift", measures_text.COL_LIFT, 10, weight=2, hide_below=100),
)


def measure_cells(m: MeasureView) -> list[str]:
    """The row of a measure: 编号 种类 对象 决定日期 文书字号 内容 状态 录入日期 解除."""
    detail = ""
    if m.days is not None:
        detail = measures_text.DAYS.format(days=m.days)
    elif m.amount_fen is not None:
        detail = measures_text.YUAN.format(amount=format_money(m.amount_fen))
    lifted = ""
    if m.lifted_on is not None:
        lifted = measures_text.LIFT_TEXT.format(on=m.lifted_on.isoformat(), reason=m.lift_reason)
    entered = m.entered_on.isoformat() if m.entered_on else ""
    return [
        str(m.id),
        m.kind_name,
        m.party,
        m.decided_on.isoformat(),
        m.doc_no,
        detail,
        m.state_name,
        entered,
        lifted,
    ]


@dataclass
class MeasuresLoaded(Message):
    measures: list[MeasureView]
    parties: list[PartyChoice]
    can_add: bool
    rights: tuple[bool, bool]  # may take/lift, may record a 录入 (services.measures.records)


class MeasuresScreen(DeskScreen):
    SCREEN_ID = "measures"
    TITLE = measures_text.SCREEN
    BINDINGS = [
        Binding("a", "add", measures_text.KEY_ADD, id="measures.add"),
        Binding("l", "lift", measures_text.KEY_LIFT, id="measures.lift"),
        Binding("e", "enter", measures_text.KEY_ENTER, id="measures.enter"),
        Binding("r", "refresh", measures_text.KEY_REFRESH, id="measures.refresh"),
    ]

    def __init__(self, case_id: int, case_no: str) -> None:
        super().__init__()
        self.case_id, self.case_no = case_id, case_no
        self.measures: list[MeasureView] = []
        self.parties: list[PartyChoice] = []
        self.can_add = False  # until the case is loaded: a closed case takes no new measure
        self.rights = (False, False)

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        with Vertical(id="measures-box") as box:
            box.border_title = measures_text.TITLE.format(case_no=self.case_no)
            box.border_subtitle = measures_text.LOADING
            yield KeyTable(id="measures-table")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#measures-table", KeyTable).focus()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="measures", exit_on_error=False)
    def load(self) -> None:
        from ...services.measures.records import measure_rights

        desk = self.zapp.desk
        self.post_result(
            MeasuresLoaded(
                list_measures(desk, self.case_id),
                party_choices(desk, self.case_id),
                takes_measures(desk, self.case_id),
                measure_rights(desk),
            )
        )

    @on(MeasuresLoaded)
    def show(self, message: MeasuresLoaded) -> None:
        self.measures, self.parties = message.measures, message.parties
        self.can_add, self.rights = message.can_add, message.rights
        box = self.query_one("#measures-box")
        active = sum(m.in_force for m in self.measures)
        box.border_subtitle = (
            measures_text.COUNT.format(total=len(self.measures), active=active)
            if self.measures
            else measures_text.EMPTY
            if self.can_add
            else measures_text.CLOSED
        )
        rows = [(str(m.id), measure_cells(m)) for m in self.measures]
        self.query_one("#measures-table", KeyTable).show(COLUMNS, rows)
        self.refresh_bindings()

    def current(self) -> MeasureView | None:
        key = self.query_one("#measures-table", KeyTable).cursor_key
        return next((m for m in self.measures if str(m.id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        m = self.current() if self.is_mounted else None
        take, enter = self.rights
        if action == "add":
            return self.can_add and take
        if action == "lift":
            return m is not None and m.liftable and take
        if action == "enter":
            return m is not None and m.needs_entry and enter
        return super().check_action(action, parameters)

    # --- add ---------------------------------------------------------------------------------
    def action_add(self) -> None:
        self.app.push_screen(
            AddMeasureModal(self.case_no, self.parties, self.zapp.desk.today(), save=self.add), self._saved
        )

    def _saved(self, text: str | None) -> None:
        """A dialog closed after its write went through: say what was done, reload the list."""
        if text is not None:
            self.notify(text)
            self.load()

    def add(self, new: NewMeasure) -> str:
        """Record the new measure (in the dialog's worker thread; a refusal stays in the dialog)."""
        from ...services.measures.records import measure_text, take_measure

        take_measure(
            self.zapp.desk,
            self.case_id,
            new.kind,
            decided_on=new.decided_on,
            doc_no=new.doc_no,
            party_id=new.party_id or None,
            days=new.days,
            amount_fen=new.amount_fen,
            note=new.note,
        )
        party = next((p.name for p in self.parties if p.id == new.party_id), "")
        text = measure_text(new.kind, party, days=new.days, amount_fen=new.amount_fen)
        return measures_text.DONE_ADD.format(text=text)

    def _done(self, text: str) -> None:
        self.app.call_from_thread(self.notify, text)
        self.app.call_from_thread(self.load)

    # --- lift and enter ----------------------------------------------------------------------
    def action_lift(self) -> None:
        m = self.current()
        if m is None or not m.liftable:
            self.notify(measures_text.CANNOT_LIFT, severity="warning")
            return
        what = f"{m.kind_name}　{m.party}　{m.decided_on.isoformat()}"
        self.app.push_screen(
            LiftMeasureModal(
                what, m.kind, self.zapp.desk.today(), save=lambda lifting: self.lift(m, lifting)
            ),
            self._saved,
        )

    def lift(self, m: MeasureView, lifting: Lifting) -> str:
        """Lift ``m`` (in the dialog's worker thread; a refusal stays in the dialog)."""
        from ...services.measures.records import lift_measure

        lift_measure(
            self.zapp.desk,
            m.id,
            on=lifting.on,
            reason=lifting.reason,
            doc_no=lifting.doc_no,
            verb=lifting.verb,
        )
        return measures_text.DONE_LIFT.format(verb=lifting.verb, kind=m.kind_name)

    def action_enter(self) -> None:
        m = self.current()
        if m is None or not m.needs_entry:
            self.notify(measures_text.CANNOT_ENTER, severity="warning")
            return
        self.enter_it(m)

    @work(thread=True, group="measures-write", exit_on_error=False)
    def enter_it(self, m: MeasureView) -> None:
        from ...services.measures.records import enter_dishonest

        today = self.zapp.desk.today()
        enter_dishonest(self.zapp.desk, m.id, on=today)
        self._done(measures_text.DONE_ENTER.format(kind=m.kind_name, on=today.isoformat()))

    @on(KeyTable.RowHighlighted)
    def _moved(self, _event: KeyTable.RowHighlighted) -> None:
        self.refresh_bindings()
