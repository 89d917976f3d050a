"""流转看板: one column per group of the court's flow, a page of cards per column.

h/j/k/l (and the arrows) move the focus; H/L submit a move to the neighbouring allowed group,
m picks any allowed target, c submits a closing (with the 终本 missing list), t asks for a
search trip (监利) and T prints the card's latest 出差审批表. Enter opens the case. Filters: u (handler), o (over limit), a (awaiting
approval). The data comes from ``services.board.query`` in thread workers; every change calls a
service in a worker and reloads the board.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll
from textual.message import Message
from textual.widgets import Static

from ...domain import board
from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.zhongben import Condition
from ...i18n import board as board_text
from ...i18n import common as common_text
from ...i18n import printing as printing_text
from ...services.board import distribution as dv
from ...services.board import query as bq
from ...services.board.rights import submit_stages
from ...storage.queries import Page
from ..modals.close_case import CloseCaseModal, CloseRequest
from ..modals.confirm import ConfirmModal
from ..modals.pick_handler import ALL, PickHandlerModal
from ..modals.pick_target import PickTargetModal, Target
from ..modals.travel import TravelModal
from ..widgets.board_column import BoardColumn, column_width
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from .base import DeskScreen

CARD_ACTIONS = {"move", "jump", "close_case", "travel", "print_travel", "open_case"}
SUBMIT_ACTIONS = {"move", "jump", "close_case"}  # only for who may submit from the column's stage


@dataclass
class BoardLoaded(Message):
    view: bq.BoardView
    may_distribute: bool = False
    submit_stages: frozenset[str] = frozenset()


@dataclass
class DistributionReady(Message):
    preview: dv.DistributionPreview


@dataclass
class ColumnLoaded(Message):
    code: str
    summary: bq.ColumnSummary | None
    page: Page[bq.CardRow]
    cursor: int


@dataclass
class BoardChanged(Message):
    """A change went through: say so and reload."""

    note: str


@dataclass
class TravelFound(Message):
    case_ids: frozenset[int]


@dataclass
class HandlersLoaded(Message):
    handlers: list[bq.HandlerOption]


@dataclass
class CloseFormReady(Message):
    card: bq.CardRow
    methods: list[str]
    conditions: list[Condition]  # 终本: every condition, met or not (empty when 终本 is not offered)
    recovered_fen: int = 0  # 执行到位金额 so far (claimed 案款): the form starts from it


class BoardScreen(DeskScreen):
    SCREEN_ID = "board"
    TITLE = common_text.SCREEN_BOARD
    DEFAULT_CSS = """
    BoardScreen #board-status { height: 1; padding: 0 1; color: $text-muted; }
    BoardScreen #board-columns { height: 1fr; }
    """
    # The footer shows the keys that change a case, most used first (at 80×24 the rest is cut);
    # moving the focus, opening, travel and the filters are in F1 (show=False).
    BINDINGS = [
        Binding(
            "h,left", "focus_column(-1)", board_text.KEY_LEFT, id="board.left", key_display="h/←", show=False
        ),
        Binding(
            "l,right",
            "focus_column(1)",
            board_text.KEY_RIGHT,
            id="board.right",
            key_display="l/→",
            show=False,
        ),
        Binding("j,down", "card(1)", board_text.KEY_DOWN, id="board.down", show=False),
        Binding("k,up", "card(-1)", board_text.KEY_UP, id="board.up", show=False),
        Binding("H", "move(-1)", board_text.KEY_MOVE_LEFT, id="board.move_left"),
        Binding("L", "move(1)", board_text.KEY_MOVE_RIGHT, id="board.move_right"),
        Binding("m", "jump", board_text.KEY_JUMP, id="board.jump"),
        Binding("c", "close_case", board_text.KEY_CLOSE_CASE, id="board.close"),
        Binding("d", "distribute", board_text.KEY_DISTRIBUTE, id="board.distribute"),
        Binding("t", "travel", board_text.KEY_TRAVEL, id="board.travel"),
        Binding("T", "print_travel", printing_text.KEY_PRINT_TRAVEL, id="board.print_travel"),
        Binding("enter", "open_case", board_text.KEY_OPEN, id="board.open", show=False),
        Binding("u", "filter_handler", board_text.KEY_FILTER_HANDLER, id="board.filter_handler"),
        Binding("o", "toggle_over", board_text.KEY_FILTER_OVER, id="board.filter_over"),
        Binding("a", "toggle_awaiting", board_text.KEY_FILTER_AWAITING, id="board.filter_awaiting"),
        Binding("r", "refresh", board_text.KEY_REFRESH, id="board.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: bq.BoardView | None = None
        self.filter = bq.BoardFilter()
        self.handler_name: str | None = None
        self.index = 0
        self.columns: list[BoardColumn] = []
        self.may_distribute = False  # the operator may use d (the service checks again)
        self.submit_stages: frozenset[str] = frozenset()  # stages whose cases the operator may move
        self.with_travel: frozenset[int] = frozenset()  # shown cards that have a travel request

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(board_text.BOARD_LOADING, id="board-status")
        yield HorizontalScroll(id="board-columns")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()
        self.watch(self.app, "operator_name", self._operator_changed, init=False)

    def _operator_changed(self, _name: str) -> None:
        """Another operator may do other things here: reload with their rights."""
        if self.view is not None:
            self.load(self.filter, self._offsets())

    def on_screen_resume(self) -> None:
        if self.view is not None:  # back from another screen: what others did shows at once
            self.load(self.filter, self._offsets())

    # --- loading --------------------------------------------------------------------------------
    def _offsets(self) -> dict[str, int]:
        return {c.code: c.page.offset for c in self.columns if c.page is not None}

    @work(thread=True, exclusive=True, group="board", exit_on_error=False)
    def load(self, flt: bq.BoardFilter | None = None, offsets: dict[str, int] | None = None) -> None:
        desk = self.zapp.desk
        view = bq.load_board(desk, flt or self.filter, offsets=offsets)
        self.post_result(BoardLoaded(view, dv.may_distribute(desk), submit_stages(desk)))

    @work(thread=True, exclusive=True, group="board-column", exit_on_error=False)
    def load_column(self, code: str, offset: int, cursor: int) -> None:
        page = bq.column_page(self.zapp.desk, code, self.filter, offset=offset)
        self.post_result(ColumnLoaded(code, None, page, cursor))

    @on(BoardLoaded)
    async def show_board(self, message: BoardLoaded) -> None:
        view = message.view
        self.view = view
        self.may_distribute = message.may_distribute
        self.submit_stages = message.submit_stages
        if [c.code for c in self.columns] != [c.code for c in view.columns]:
            holder = self.query_one("#board-columns", HorizontalScroll)
            await holder.remove_children()
            self.columns = [BoardColumn(c.code, id=f"col-{c.code}") for c in view.columns]
            await holder.mount_all(self.columns)
            self.index = min(self.index, max(0, len(self.columns) - 1))
            self._size_columns()
        for col, summary in zip(self.columns, view.columns, strict=True):
            col.show(summary, view.pages[summary.code])
        self._mark_focus()
        self._status()
        self._find_travel()
        self.refresh_bindings()

    @on(ColumnLoaded)
    def show_column(self, message: ColumnLoaded) -> None:
        for col in self.columns:
            if col.code == message.code and col.summary is not None:
                col.show(message.summary or col.summary, message.page, message.cursor)
        self._find_travel()
        self.refresh_bindings()

    def _find_travel(self) -> None:
        """Which shown cards have a travel request (T prints its form), where the court prints it."""
        if self.zapp.desk.profile.prints("travel"):
            self.load_travel([c.id for col in self.columns if col.page for c in col.page.items])

    @work(thread=True, exclusive=True, group="board-travel", exit_on_error=False)
    def load_travel(self, case_ids: list[int]) -> None:
        from ...services.board.papers import cases_with_travel

        self.post_message(TravelFound(cases_with_travel(self.zapp.desk, case_ids)))

    @on(TravelFound)
    def _travel_found(self, message: TravelFound) -> None:
        self.with_travel = message.case_ids
        self.refresh_bindings()

    def _status(self) -> None:
        if self.view is None:
            return
        cols = self.view.columns
        text = board_text.BOARD_STATUS.format(
            total=sum(c.total for c in cols),
            over=sum(c.over for c in cols),
            awaiting=sum(c.awaiting for c in cols),
        )
        filters = []
        if self.filter.handler_id is not None:
            filters.append(board_text.FILTER_HANDLER.format(name=self.handler_name or self.filter.handler_id))
        if self.filter.over_limit:
            filters.append(board_text.FILTER_OVER)
        if self.filter.awaiting:
            filters.append(board_text.FILTER_AWAITING)
        if filters:
            text += board_text.BOARD_FILTERS.format(filters="、".join(filters))
        self.query_one("#board-status", Static).update(text)

    def on_resize(self) -> None:
        self._size_columns()

    def _size_columns(self) -> None:
        if not self.columns:
            return
        width = column_width(self.size.width - 1, len(self.columns))
        for col in self.columns:
            col.styles.width = width
        # The scroll bar the columns need, from their first layout: left to ``auto``, Textual adds
        # it after laying them out once, and the second layout (a line shorter) drew every column
        # again (~80 ms of opening the board at 100,000 cases, issue 17).
        overflows = width * len(self.columns) > self.size.width
        self.query_one("#board-columns", HorizontalScroll).styles.overflow_x = (
            "scroll" if overflows else "auto"
        )

    def _mark_focus(self) -> None:
        for i, col in enumerate(self.columns):
            col.set_focus_mark(i == self.index)
        if self.columns:
            self.query_one("#board-columns", HorizontalScroll).scroll_to_widget(
                self.columns[self.index], animate=False
            )

    # --- the focused card -----------------------------------------------------------------------
    @property
    def column(self) -> BoardColumn | None:
        return self.columns[self.index] if self.columns else None

    @property
    def card(self) -> bq.CardRow | None:
        col = self.column
        return col.card if col is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARD_ACTIONS and self.card is None:
            return False
        if (
            action in SUBMIT_ACTIONS
            and self.column is not None
            and self.column.code not in self.submit_stages
        ):
            return False
        if action == "travel":
            return self.zapp.desk.profile.flow.model == "pipeline"
        if action == "print_travel":  # 监利 第三组6、7: the card's latest trip, signed for 财务
            card = self.card
            return (
                self.zapp.desk.profile.prints("travel") and card is not None and card.id in self.with_travel
            )
        if action == "distribute":
            return self.may_distribute and self._distribute_stage() is not None
        return super().check_action(action, parameters)

    # --- focus keys -----------------------------------------------------------------------------
    def action_focus_column(self, direction: int) -> None:
        if not self.columns:
            return
        self.index = max(0, min(self.index + direction, len(self.columns) - 1))
        self._mark_focus()
        self.refresh_bindings()

    def action_card(self, delta: int) -> None:
        col = self.column
        if col is None or col.page is None:
            return
        page = col.page
        target = col.cursor + delta
        if target >= len(page.items) and page.has_next:
            self.load_column(col.code, page.offset + page.limit, 0)
        elif target < 0 and page.has_prev:
            self.load_column(col.code, max(0, page.offset - page.limit), page.limit - 1)
        else:
            col.move(delta)
        self.refresh_bindings()

    def action_open_case(self) -> None:
        if self.card is not None:
            self.zapp.open_case(self.card.id)

    def action_refresh(self) -> None:
        self.load(self.filter, self._offsets())

    # --- moves ----------------------------------------------------------------------------------
    def _target(self, move) -> Target:
        from ...services.board.handoffs import FORM_TITLES

        profile = self.zapp.desk.profile
        return Target(
            move.to_stage,
            profile.stage(move.to_stage).name,
            move.label,
            move.needs_approval,
            FORM_TITLES.get(move.form) if move.form else None,
        )

    def _can_move(self, card: bq.CardRow) -> bool:
        if card.pending_id is not None:
            self.notify(board_text.ALREADY_PENDING.format(case_no=card.case_no), severity="warning")
            return False
        return True

    def action_move(self, direction: int) -> None:
        card = self.card
        if card is None or not self._can_move(card):
            return
        profile = self.zapp.desk.profile
        move = board.move_towards(profile, card.stage, direction)
        if move is None:
            self.notify(board_text.NO_MOVE.format(stage=profile.stage(card.stage).name), severity="warning")
            return
        self._pick(card, [self._target(move)], move.to_stage)

    def action_jump(self) -> None:
        card = self.card
        if card is None or not self._can_move(card):
            return
        profile = self.zapp.desk.profile
        moves = [
            m for m in board.allowed_moves(profile, card.stage) if profile.stage(m.to_stage).kind != "closed"
        ]
        if not moves:
            self.notify(
                board_text.NO_TARGETS.format(stage=profile.stage(card.stage).name), severity="warning"
            )
            return
        self._pick(card, [self._target(m) for m in moves], None)

    def _pick(self, card: bq.CardRow, targets: list[Target], preselect: str | None) -> None:
        stage_name = self.zapp.desk.profile.stage(card.stage).name

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.submit_move(card.id, card.case_no, card.stage, result[0], result[1])

        self.app.push_screen(PickTargetModal(card.case_no, stage_name, targets, preselect), callback=chosen)

    @work(thread=True, group="board-change", exit_on_error=False)
    def submit_move(self, case_id: int, case_no: str, from_stage: str, to_stage: str, note: str) -> None:
        from ...services.board.handoffs import submit_move

        desk = self.zapp.desk
        move = board.check_move(desk.profile, from_stage, to_stage)
        submit_move(desk, case_id, to_stage, note=note)
        if move.needs_approval:
            self.post_message(BoardChanged(board_text.SUBMITTED.format(case_no=case_no, label=move.label)))
        else:
            self.post_message(
                BoardChanged(
                    board_text.MOVED.format(case_no=case_no, stage=desk.profile.stage(to_stage).name)
                )
            )

    @on(BoardChanged)
    def changed(self, message: BoardChanged) -> None:
        self.notify(message.note)
        self.load(self.filter, self._offsets())

    # --- closing, travel ------------------------------------------------------------------------
    def action_close_case(self) -> None:
        card = self.card
        if card is not None and self._can_move(card):
            self.prepare_close(card)

    @work(thread=True, group="board-change", exit_on_error=False)
    def prepare_close(self, card: bq.CardRow) -> None:
        from ...services.cases.lifecycle import recovered_so_far
        from ...services.zhongben.conditions import zhongben_check

        desk = self.zapp.desk
        methods = list(desk.profile.stage(card.stage).can_close)
        conditions = zhongben_check(desk, card.id) if TERMINATED_THIS_ROUND in methods else []
        self.post_message(CloseFormReady(card, methods, conditions, recovered_so_far(desk, card.id)))

    @on(CloseFormReady)
    def _close_form(self, message: CloseFormReady) -> None:
        card = message.card

        def chosen(request: CloseRequest | None) -> None:
            if request is not None:
                self.submit_close(card.id, card.case_no, request)

        self.app.push_screen(
            CloseCaseModal(
                card.case_no,
                card.claim_fen,
                message.methods,
                message.conditions,
                recovered_fen=message.recovered_fen,
            ),
            callback=chosen,
        )

    @work(thread=True, group="board-change", exit_on_error=False)
    def submit_close(self, case_id: int, case_no: str, r: CloseRequest) -> None:
        from ...services.board.handoffs import submit_close

        submit_close(
            self.zapp.desk,
            case_id,
            method=r.method,
            closing_fen=r.closing_fen,
            recovered_fen=r.recovered_fen,
            abandoned_fen=r.abandoned_fen,
            reason=r.reason,
        )
        self.post_message(BoardChanged(board_text.CLOSE_SUBMITTED.format(case_no=case_no, method=r.method)))

    def action_travel(self) -> None:
        card = self.card
        if card is None:
            return

        def chosen(result: tuple[str, str, str] | None) -> None:
            if result is not None:
                self.submit_travel(card.id, card.case_no, *result)

        province = self.zapp.desk.profile.court.province
        self.app.push_screen(TravelModal(card.case_no, province), callback=chosen)

    @work(thread=True, group="board-change", exit_on_error=False)
    def submit_travel(self, case_id: int, case_no: str, scope: str, destination: str, purpose: str) -> None:
        from ...services.board.travel import request_travel

        request_travel(self.zapp.desk, case_id, scope=scope, destination=destination, purpose=purpose)
        self.post_message(
            BoardChanged(
                board_text.TRAVEL_SUBMITTED.format(case_no=case_no, scope=board.TRAVEL_SCOPES[scope][1])
            )
        )

    def action_print_travel(self) -> None:
        card = self.card
        if card is not None:
            self.print_travel(card.case_no)

    @work(thread=True, group="board-print", exit_on_error=False)
    def print_travel(self, case_no: str) -> None:
        from ...domain.forms import form_title
        from ...services.board.papers import latest_travel_id
        from ...services.printing.travel_form import FORM, write_travel_form

        desk = self.zapp.desk
        path = write_travel_form(desk, latest_travel_id(desk, case_no))
        self.app.call_from_thread(
            self.notify, printing_text.FORM_WRITTEN.format(title=form_title(FORM), path=path)
        )

    # --- filters --------------------------------------------------------------------------------
    def _apply(self, flt: bq.BoardFilter) -> None:
        self.filter = flt
        for col in self.columns:
            col.cursor = 0
        self.load(flt, None)

    def action_toggle_over(self) -> None:
        self._apply(replace(self.filter, over_limit=not self.filter.over_limit))

    def action_toggle_awaiting(self) -> None:
        self._apply(replace(self.filter, awaiting=not self.filter.awaiting))

    def action_filter_handler(self) -> None:
        self.load_handlers()

    @work(thread=True, exclusive=True, group="board-handlers", exit_on_error=False)
    def load_handlers(self) -> None:
        self.post_result(HandlersLoaded(bq.handler_options(self.zapp.desk)))

    @on(HandlersLoaded)
    def _pick_handler(self, message: HandlersLoaded) -> None:
        names = {h.id: h.name for h in message.handlers}

        def chosen(result: int | str | None) -> None:
            if result is None:
                return
            if result == ALL:
                self.handler_name = None
                self._apply(replace(self.filter, handler_id=None))
            else:
                self.handler_name = names.get(int(result))
                self._apply(replace(self.filter, handler_id=int(result)))

        self.app.push_screen(PickHandlerModal(message.handlers), callback=chosen)

    # --- 线索查控 distribution (监利 004 第三组 1) ------------------------------------------------
    def _distribute_stage(self) -> str | None:
        col = self.column
        stage = dv.distribution_stage(self.zapp.desk.profile)
        return stage if col is not None and col.code == stage else None

    def action_distribute(self) -> None:
        self.prepare_distribution()

    @work(thread=True, group="board-change", exit_on_error=False)
    def prepare_distribution(self) -> None:
        self.post_message(DistributionReady(dv.distribution_preview(self.zapp.desk)))

    @on(DistributionReady)
    def _confirm_distribution(self, message: DistributionReady) -> None:
        p = message.preview
        if not p.cases:
            self.notify(board_text.DISTRIBUTED_NONE.format(unit=p.unit), severity="warning")
            return

        def chosen(go: bool | None) -> None:
            if go:
                self.distribute()

        text = board_text.DISTRIBUTE_CONFIRM.format(n=p.cases, m=len(p.members), members="、".join(p.members))
        self.app.push_screen(
            ConfirmModal(board_text.DISTRIBUTE_TITLE.format(unit=p.unit), text), callback=chosen
        )

    @work(thread=True, group="board-change", exit_on_error=False)
    def distribute(self) -> None:
        result = dv.distribute_incoming(self.zapp.desk)
        if not result.draws:
            self.post_message(BoardChanged(board_text.DISTRIBUTED_NONE.format(unit=result.unit)))
            return
        detail = "，".join(
            board_text.DISTRIBUTED_MEMBER.format(name=name, n=n) for name, n in result.per_member().items()
        )
        self.post_message(
            BoardChanged(board_text.DISTRIBUTED.format(unit=result.unit, n=len(result.draws), detail=detail))
        )
