"""案件详情: parties, amounts, stage, team, handler, closing data, and the case's history."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ...domain.money import format_money
from ...i18n import common as common_text
from ...i18n import disposal as disposal_text
from ...i18n import measures as measures_text
from ...i18n import period as period_text
from ...i18n import zhongben_library as zhongben_library_text
from ...services.cases.detail import CaseDetail, PartyRow, TimelineRow, case_detail, case_timeline
from ...storage.queries import Page
from ..messages import CaseLoaded, TimelineLoaded
from ..widgets.cells import Column
from ..widgets.footer import DeskFooter
from ..widgets.header import DeskHeader
from ..widgets.lists import KeyTable
from .base import DeskScreen

TIMELINE_PAGE = 200
TIMELINE_COLUMNS = (
    Column("at", common_text.COL_TIME, 16),
    Column("operator", common_text.COL_OPERATOR, 6, weight=1, max_width=12),
    Column("what", common_text.COL_WHAT, 10, weight=6),
)


def _money(fen: int | None) -> str:
    return common_text.NONE if fen is None else common_text.YUAN.format(amount=format_money(fen))


def _date(value) -> str:
    return value.isoformat() if value is not None else common_text.NONE


def info_pairs(d: CaseDetail) -> list[tuple[str, str]]:
    """(label, value) pairs of the case, in display order (closing data only once closed)."""
    handler = d.handler_name or common_text.NONE
    if d.handler_name and d.handler_title:
        handler = f"{d.handler_name}（{d.handler_title}）"
    pairs = [
        (common_text.F_FILED, _date(d.filed_on)),
        (common_text.F_RECEIVED, _date(d.received_on)),
        (common_text.F_CLAIM, _money(d.claim_fen)),
        (common_text.F_RECOVERED, _money(d.recovered_fen)),
        (common_text.F_STAGE, d.stage_name),
        (common_text.F_STAGE_SINCE, d.stage_entered_at.strftime("%Y-%m-%d %H:%M")),
        (common_text.F_UNIT, d.unit_name or common_text.UNASSIGNED),
        (common_text.F_HANDLER, handler),
        (common_text.F_TRIAGE, common_text.TRIAGE_CLASS.get(d.triage_class or "", common_text.NONE)),
        (common_text.F_CAUSE, d.cause or common_text.NONE),
        (common_text.F_BASIS, d.basis or common_text.NONE),
        (common_text.F_STATUS, common_text.STATUS.get(d.status, d.status)),
    ]
    if d.closed_on is not None or d.closing_method:
        pairs += [
            (common_text.F_CLOSED, _date(d.closed_on)),
            (common_text.F_CLOSING_METHOD, d.closing_method or common_text.NONE),
            (common_text.F_CLOSING_AMOUNT, _money(d.closing_fen)),
            (common_text.F_ABANDONED, _money(d.abandoned_fen)),
        ]
        if d.closing_reason:
            pairs.append((common_text.F_CLOSING_REASON, d.closing_reason))
    if d.related:  # 类案集中, 恢复执行 (both the 执恢 case and the case it resumes)
        shown = "；".join(
            zhongben_library_text.RELATED_ITEM.format(case_no=no, reason=why) for no, why in d.related
        )
        pairs.append((zhongben_library_text.F_RELATED, shown))
    return pairs


def party_cells(p: PartyRow) -> tuple[str, Text]:
    """(role label, name + kind, ID number, phone, address) of one party."""
    text = Text()
    text.append(p.name, style="bold")
    extras = [common_text.PARTY_KIND.get(p.kind, p.kind)]
    if p.id_number:
        extras.append(f"{common_text.F_ID_NUMBER} {p.id_number}")
    if p.phone:
        extras.append(f"{common_text.F_PHONE} {p.phone}")
    if p.address:
        extras.append(f"{common_text.F_ADDRESS} {p.address}")
    text.append("  " + "　".join(extras), style="dim")
    return common_text.PARTY_ROLE.get(p.role, p.role), text


def render_info(d: CaseDetail, width: int) -> Group:
    pairs = info_pairs(d)
    per_row = 2 if width >= 70 else 1
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(per_row):
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for i in range(0, len(pairs), per_row):
        cells: list[str] = []
        for label, value in pairs[i : i + per_row]:
            cells += [label, value]
        grid.add_row(*cells)
    parties = Table.grid(padding=(0, 1), expand=True)
    parties.add_column(style="dim", no_wrap=True)
    parties.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for p in d.parties:
        parties.add_row(*party_cells(p))
    return Group(grid, Text(""), parties)


class CaseDetailScreen(DeskScreen):
    SCREEN_ID = "case"
    TITLE = common_text.SCREEN_CASE
    BINDINGS = [
        Binding("r", "refresh", common_text.KEY_REFRESH, id="case.refresh"),
        Binding("o", "print_nodes", common_text.KEY_PRINT_NODES, id="case.print_nodes"),
        Binding("m", "measures", measures_text.KEY_MEASURES, id="case.measures"),
        Binding("e", "extend", period_text.KEY_EXTEND, id="case.extend"),
        Binding("p", "disposal", disposal_text.KEY_DISPOSAL, id="case.disposal"),
        Binding(
            "right_square_bracket",
            "next_page",
            common_text.KEY_NEXT_PAGE,
            id="case.next_page",
            key_display="]",
        ),
        Binding(
            "left_square_bracket",
            "prev_page",
            common_text.KEY_PREV_PAGE,
            id="case.prev_page",
            key_display="[",
        ),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.timeline: Page[TimelineRow] | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        info = Static(common_text.CASE_LOADING, id="case-info")
        info.border_title = common_text.CASE_INFO
        yield info
        with Vertical(id="case-timeline-box") as box:
            box.border_title = common_text.CASE_TIMELINE
            yield KeyTable(id="case-timeline")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#case-timeline", KeyTable).focus()

    def on_screen_resume(self) -> None:
        """The case being viewed is the app's current case: F2/F3 from here open it."""
        self.zapp.set_current_case(self.case_id)

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="case", exit_on_error=False)
    def load(self) -> None:
        desk = self.zapp.desk
        detail = case_detail(desk, self.case_id)
        timeline = case_timeline(desk, self.case_id, limit=TIMELINE_PAGE, offset=0)
        self.post_result(CaseLoaded(detail, timeline))

    @work(thread=True, exclusive=True, group="case-timeline", exit_on_error=False)
    def load_timeline(self, offset: int) -> None:
        page = case_timeline(self.zapp.desk, self.case_id, limit=TIMELINE_PAGE, offset=offset)
        self.post_result(TimelineLoaded(self.case_id, page))

    @on(CaseLoaded)
    def show_case(self, message: CaseLoaded) -> None:
        d = message.detail
        self.detail = d
        info = self.query_one("#case-info", Static)
        info.border_title = f"{d.case_no}　{common_text.STATUS.get(d.status, d.status)}"
        self._render_info()
        self._show_timeline(message.timeline)

    @on(TimelineLoaded)
    def show_timeline(self, message: TimelineLoaded) -> None:
        if message.case_id == self.case_id:
            self._show_timeline(message.timeline)

    def _show_timeline(self, page: Page[TimelineRow]) -> None:
        self.timeline = page
        box = self.query_one("#case-timeline-box")
        if page.total:
            count = common_text.CASE_TIMELINE_COUNT.format(
                total=page.total, page=page.page_no, pages=page.page_count
            )
        else:
            count = common_text.CASE_TIMELINE_EMPTY
        box.border_subtitle = count
        rows = [
            (str(r.id), [r.at.strftime("%Y-%m-%d %H:%M"), r.operator, r.summary or r.action])
            for r in page.items
        ]
        self.query_one("#case-timeline", KeyTable).show(TIMELINE_COLUMNS, rows)
        self.refresh_bindings()

    def _render_info(self) -> None:
        if self.detail is not None:
            info = self.query_one("#case-info", Static)
            info.update(render_info(self.detail, info.size.width or self.size.width))

    def on_resize(self) -> None:
        self._render_info()

    def action_measures(self) -> None:
        """执行措施 of this case: the list, adding, lifting (the measures screen)."""
        if self.detail is not None:
            from .measures import MeasuresScreen

            self.app.push_screen(MeasuresScreen(self.case_id, self.detail.case_no))

    def action_disposal(self) -> None:
        """财产处置 of this case: each controlled asset's steps (the disposal screen)."""
        if self.detail is not None:
            from .disposal import DisposalScreen

            self.app.push_screen(DisposalScreen(self.case_id, self.detail.case_no))

    def action_extend(self) -> None:
        """申请延长执行期限 (法发〔2006〕35号 第一条): the dialog, then the case reloads."""
        if self.detail is not None:
            from ..modals.extension import ExtensionModal

            self.app.push_screen(
                ExtensionModal(self.case_id, self.detail.case_no), lambda done: done and self.load()
            )

    def action_print_nodes(self) -> None:
        if self.detail is not None:
            self.print_nodes(self.detail.case_no)

    @work(thread=True, group="case-print", exit_on_error=False)
    def print_nodes(self, case_no: str) -> None:
        """Write the case's 执行流程节点表 (.docx) under exports/ and say where."""
        from ...services.printing.node_table import write_node_table

        path = write_node_table(self.zapp.desk, case_no)
        self.app.call_from_thread(self.notify, common_text.CASE_PRINTED.format(path=path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "extend":
            return self.detail is not None and self.detail.status != "closed"
        if action in ("print_nodes", "measures", "disposal"):
            return self.detail is not None
        if action == "next_page":
            return self.timeline is not None and self.timeline.has_next
        if action == "prev_page":
            return self.timeline is not None and self.timeline.has_prev
        return super().check_action(action, parameters)

    def action_next_page(self) -> None:
        if self.timeline is not None and self.timeline.has_next:
            self.load_timeline(self.timeline.offset + self.timeline.limit)

    def action_prev_page(self) -> None:
        if self.timeline is not None and self.timeline.has_prev:
            self.load_timeline(max(0, self.timeline.offset - self.timeline.limit))
