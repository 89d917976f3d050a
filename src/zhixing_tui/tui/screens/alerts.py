"""超期预警: every node that is 超期, 今日到期 or 临期 today, in that order, oldest first.

Filters by team/group (t), person (p) and node type (n), c clears them; paged in SQL (] and [);
Enter opens the case; u records a 督办 (audited, on the case timeline); o writes the case's
执行流程节点表. The query is ``services.deadlines.alerts.alert_page``: ``overdue_rows``' page (the
nightly report's query) with the counts by status, counted once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message

from ...domain.nodes import DUE_TODAY, OVERDUE
from ...i18n import alerts as alerts_text
from ...i18n import common as common_text
from ...profiles.citations import cite
from ...services.deadlines.alerts import AlertRow, FilterOptions, alert_page, filter_options
from ...services.deadlines.urges import may_urge
from ...storage.queries import Page
from ..modals.pick_filter import ALL, PickFilterModal
from ..modals.urge import UrgeInput, UrgeModal
from ..widgets.cells import Column
from .paged import PAGE, PagedCaseList, page_fields, paging_bindings

#: 案号, 天数 and 承办人 as wide as their longest cell on the page (never cut); 节点 takes the rest;
#: when the terminal is narrow, 依据, 到期日 and 组/团队 are dropped (in that order) instead.
COLUMNS = (
    Column("status", alerts_text.COL_STATUS, 4),
    Column("days", alerts_text.COL_DAYS, 4, align="right", fit=True),
    Column("case_no", alerts_text.COL_CASE_NO, 4, fit=True),
    Column("node", alerts_text.COL_NODE, 16, weight=4),
    Column("team", alerts_text.COL_TEAM, 10, weight=2, max_width=24, drop=2),
    Column("handler", alerts_text.COL_HANDLER, 6, fit=True),
    Column("due", alerts_text.COL_DUE, 10, drop=3),
    Column("source", alerts_text.COL_SOURCE, 10, weight=1, max_width=24, drop=4),
)
_STYLE = {OVERDUE: "bold red", DUE_TODAY: "bold yellow"}


@dataclass
class AlertsLoaded(Message):
    page: Page[AlertRow]
    counts: dict[str, int]
    options: FilterOptions | None
    may_urge: bool


@dataclass
class Done(Message):
    note: str


def days_cell(row: AlertRow) -> str:
    if row.status == OVERDUE:
        return alerts_text.DAYS_OVERDUE.format(days=row.days)
    if row.status == DUE_TODAY:
        return alerts_text.DAYS_TODAY
    return alerts_text.DAYS_LEFT.format(days=row.days)


def node_cell(row: AlertRow, *, since: bool = False) -> str | Text:
    """The node, its note (or, ``since``, the moment it started from), and a mark when someone was
    urged about it (督办)."""
    note = row.note or (alerts_text.NODE_SINCE.format(at=f"{row.anchor_at:%Y-%m-%d %H:%M}") if since else "")
    text = alerts_text.NODE_WITH_NOTE.format(node=row.node, note=note) if note else row.node
    if not row.urged:
        return text
    out = Text(alerts_text.URGED_MARK.format(count=row.urged), style="bold magenta")
    out.append(text)
    return out


def page_cells(page: Page[AlertRow]) -> Callable[[AlertRow], list[str | Text]]:
    """:func:`row_cells` for the rows of ``page``: a node the page lists more than once for one case
    (two arrivals of 案款, two accounts frozen, two assets in disposal) says the moment each started
    from, so that the rows are told apart."""
    twice = {key for key, n in Counter((r.case_id, r.rule_id) for r in page.items).items() if n > 1}
    return lambda row: row_cells(row, since=(row.case_id, row.rule_id) in twice)


def row_cells(row: AlertRow, *, since: bool = False) -> list[str | Text]:
    return [
        Text(row.status_name, style=_STYLE.get(row.status, "yellow")),
        days_cell(row),
        row.case_no,
        node_cell(row, since=since),
        row.team or alerts_text.NOBODY,
        row.handler or alerts_text.NOBODY,
        row.due_on.isoformat(),
        cited(row.source),
    ]


@cache
def cited(source: str) -> str:
    """依据 as a person reads it: the seed's short title and the clause (《实施方案》二（一）2), not
    the profile's engineering form (000 二(一)2); a national provision as it is written."""
    return cite(source, short=True)


class AlertsScreen(PagedCaseList[AlertRow]):
    DEFAULT_CSS = """
    AlertsScreen .paged-status { height: auto; max-height: 3; }
    """
    SCREEN_ID = "overdue"
    LIST = "alerts"
    LOADING = alerts_text.LOADING
    TITLE = common_text.SCREEN_OVERDUE
    BINDINGS = [
        # the keys that act first: at 80 columns the footer shows what fits, from the left
        Binding("u", "urge", alerts_text.KEY_URGE, id="overdue.urge"),
        Binding("o", "print_nodes", alerts_text.KEY_PRINT, id="overdue.print"),
        Binding("t", "pick('team')", alerts_text.KEY_TEAM, id="overdue.team"),
        Binding("p", "pick('person')", alerts_text.KEY_PERSON, id="overdue.person"),
        Binding("n", "pick('node')", alerts_text.KEY_NODE, id="overdue.node"),
        Binding("c", "clear", alerts_text.KEY_CLEAR, id="overdue.clear"),
        *paging_bindings(
            "overdue", common_text.KEY_REFRESH, common_text.KEY_NEXT_PAGE, common_text.KEY_PREV_PAGE
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.options: FilterOptions | None = None
        self.may_urge = False
        self.filters: dict[str, int | str | None] = {"team": None, "person": None, "node": None}

    # --- loading --------------------------------------------------------------------------------
    def fetch(self, offset: int) -> AlertsLoaded:
        desk = self.zapp.desk
        f = self.filters
        kw = {"team": f["team"], "handler": f["person"], "node_type": f["node"]}
        page, counts = alert_page(desk, desk.today(), limit=PAGE, offset=offset, **kw)
        options = self.options or filter_options(desk)
        allowed = self.may_urge if self.options is not None else may_urge(desk)  # once: the role stays
        return AlertsLoaded(page, counts, options, allowed)

    def row_key(self, row: AlertRow) -> str:
        return str(row.node_id)

    @on(AlertsLoaded)
    def show_alerts(self, message: AlertsLoaded) -> None:
        self.page, self.counts, self.options = message.page, message.counts, message.options
        self.may_urge = message.may_urge
        # after a refresh (督办, 打印) the cursor stays on its node
        self.show_page(message.page, self.status_text(), COLUMNS, page_cells(message.page))

    def status_text(self) -> str:
        """The counts and page; an active filter first, so it is in sight at any width (the line
        wraps rather than cuts it)."""
        text = alerts_text.STATUS_LINE.format(as_of=self.zapp.desk.today().isoformat(), **self.counts)
        page = self.page
        if page is not None:
            text += alerts_text.PAGE_LINE.format(**page_fields(page))
            if not page.total:
                text += "　" + alerts_text.EMPTY
        shown = self.filter_labels()
        if shown:
            text = alerts_text.FILTER_LINE.format(filters="，".join(shown)).lstrip("　") + "　" + text
        return text

    def filter_labels(self) -> list[str]:
        out = []
        for kind, fmt in (
            ("team", alerts_text.FILTER_TEAM),
            ("person", alerts_text.FILTER_PERSON),
            ("node", alerts_text.FILTER_NODE),
        ):
            value = self.filters[kind]
            if value is not None:
                out.append(fmt.format(name=self._label(kind, value)))
        return out

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        o = self.options
        if o is None:
            return []
        source = {"team": o.teams, "person": o.people, "node": o.node_types}[kind]
        return [(str(k), v) for k, v in source]

    def _label(self, kind: str, value) -> str:
        return dict(self._choices(kind)).get(str(value), str(value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "urge":  # 督办 is the supervisors', the centre's and the leaders' (services)
            return self.row is not None and self.may_urge
        if action == "print_nodes":
            return self.row is not None
        if action == "clear":
            return any(v is not None for v in self.filters.values())
        if action == "pick":
            return self.options is not None
        return super().check_action(action, parameters)

    # --- keys -----------------------------------------------------------------------------------
    def action_pick(self, kind: str) -> None:
        title = {
            "team": alerts_text.PICK_TEAM,
            "person": alerts_text.PICK_PERSON,
            "node": alerts_text.PICK_NODE,
        }[kind]
        current = self.filters[kind]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            if key == ALL:
                self.filters[kind] = None
            else:
                self.filters[kind] = key if kind == "node" else int(key)
            self.load(0)

        self.app.push_screen(
            PickFilterModal(title, self._choices(kind), None if current is None else str(current)),
            callback=chosen,
        )

    def action_clear(self) -> None:
        self.filters = dict.fromkeys(self.filters)
        self.load(0)

    def action_urge(self) -> None:
        row = self.row
        if row is None or self.options is None:
            return
        line = alerts_text.URGE_NODE.format(node=row.node, status=row.status_name, due=row.due_on.isoformat())
        modal = UrgeModal(
            row.case_no,
            line,
            self.options.people,
            row.handler_id,
            alerts_text.URGE_ABOUT_DEFAULT.format(node=row.node),
        )

        def chosen(value: UrgeInput | None) -> None:
            if value is not None:
                self.record_urge(row, value)

        self.app.push_screen(modal, callback=chosen)

    @work(thread=True, group="alerts-change", exit_on_error=False)
    def record_urge(self, row: AlertRow, value: UrgeInput) -> None:
        from ...services.deadlines.urges import urge

        urge(self.zapp.desk, row.node_id, value.staff_id, value.about, value.note)
        self.post_message(
            Done(alerts_text.URGE_DONE.format(who=value.staff_name or alerts_text.NOBODY, about=value.about))
        )

    def action_print_nodes(self) -> None:
        row = self.row
        if row is not None:
            self.print_nodes(row.case_no)

    @work(thread=True, group="alerts-change", exit_on_error=False)
    def print_nodes(self, case_no: str) -> None:
        from ...services.printing.node_table import write_node_table

        path = write_node_table(self.zapp.desk, case_no)
        self.post_message(Done(alerts_text.PRINTED.format(path=path)))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.notify(message.note)
        self.action_refresh()
