"""The 执行措施 dialogs: a new measure (kind, whom, date, document, days or amount) and the
lifting of one in force (how, when, why, document). Each checks what was typed (dates, numbers)
and hands plain values to the screen's ``save`` (the measures service call, run in the dialog's
worker): the dialog closes with what ``save`` returns, or shows the service's refusal and stays."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from ...domain import measures as dm
from ...domain.dates import parse_date
from ...domain.money import parse_money
from ...errors import InvalidValue, ZhixingError
from ...i18n import common as common_text
from ...i18n import measures as measures_text
from ...services.measures.query import PartyChoice
from .base import DeskModal, cancel_key, submit_key


@dataclass(frozen=True)
class NewMeasure:
    kind: str
    party_id: int
    decided_on: date
    doc_no: str
    days: int | None
    amount_fen: int | None
    note: str


@dataclass(frozen=True)
class Lifting:
    verb: str
    on: date
    reason: str
    doc_no: str


_CSS = """
.measure-box { width: 80%; max-width: 90; height: auto; max-height: 95%; }
.measure-box Label { color: $text-muted; }
"""


def _date(widget: Input, field: str) -> date:
    return parse_date(widget.value.strip(), field=field)


class AddMeasureModal(DeskModal[str | None]):
    """Saves a :class:`NewMeasure` through ``save``; dismisses with what it returns (the text to
    show), or None on Escape."""

    SCREEN_ID = "measures"
    DEFAULT_CSS = _CSS
    BINDINGS = [
        cancel_key("measure_add.cancel", common_text.KEY_CANCEL),
        submit_key("measure_add.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    FIELDS = {
        **measures_text.ADD_FIELDS,
        measures_text.F_DATE: "measure-date",
        measures_text.F_DAYS: "measure-days",
        measures_text.F_AMOUNT: "measure-amount",
    }

    def __init__(
        self,
        case_no: str,
        parties: Sequence[PartyChoice],
        today: date,
        save: Callable[[NewMeasure], str],
    ) -> None:
        super().__init__()
        self.case_no, self.parties, self.today = case_no, list(parties), today
        self.save_measure = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog measure-box") as box:
            box.border_title = measures_text.ADD_TITLE.format(case_no=self.case_no)
            yield Static("", id="measure-error", classes="dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield from self._fields()

    def _fields(self) -> ComposeResult:
        yield Label(measures_text.F_KIND)
        kinds = [(name, code) for code, name in dm.MEASURE_KINDS.items()]
        yield Select(kinds, value=dm.CONSUMPTION_BAN, allow_blank=False, id="measure-kind")
        yield Label(measures_text.F_PARTY)
        people = [(f"{common_text.PARTY_ROLE.get(p.role, p.role)}　{p.name}", p.id) for p in self.parties]
        yield Select(people, value=people[0][1] if people else Select.BLANK, id="measure-party")
        yield Label(measures_text.F_DATE)
        yield Input(self.today.isoformat(), id="measure-date")
        yield Label(measures_text.F_DOC)
        yield Input(id="measure-doc")
        yield Label(measures_text.F_DAYS)
        yield Input(id="measure-days")
        yield Label(measures_text.F_AMOUNT)
        yield Input(id="measure-amount")
        yield Label(measures_text.F_NOTE)
        yield Input(id="measure-note")

    def on_mount(self) -> None:
        self.query_one("#measure-kind", Select).focus()

    def submit(self) -> None:
        party = self.query_one("#measure-party", Select).value
        try:
            days_text = self.query_one("#measure-days", Input).value.strip()
            if days_text and not days_text.isdigit():
                raise InvalidValue(measures_text.BAD_DAYS.format(text=days_text), field=measures_text.F_DAYS)
            amount_text = self.query_one("#measure-amount", Input).value.strip()
            result = NewMeasure(
                kind=str(self.query_one("#measure-kind", Select).value),
                party_id=int(party) if isinstance(party, int) else 0,
                decided_on=_date(self.query_one("#measure-date", Input), measures_text.F_DATE),
                doc_no=self.query_one("#measure-doc", Input).value.strip(),
                days=int(days_text) if days_text else None,
                amount_fen=parse_money(amount_text, field=measures_text.F_AMOUNT) if amount_text else None,
                note=self.query_one("#measure-note", Input).value.strip(),
            )
        except ZhixingError as exc:
            self.show_error(exc)
            return
        self.save(lambda: self.save_measure(result))


class LiftMeasureModal(DeskModal[str | None]):
    """Saves a :class:`Lifting` through ``save``; dismisses with what it returns (the text to
    show), or None on Escape."""

    SCREEN_ID = "measures"
    DEFAULT_CSS = _CSS
    BINDINGS = [
        cancel_key("measure_lift.cancel", common_text.KEY_CANCEL),
        submit_key("measure_lift.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    FIELDS = {**measures_text.LIFT_FIELDS, measures_text.F_DATE: "lift-date"}

    def __init__(self, what: str, kind: str, today: date, save: Callable[[Lifting], str]) -> None:
        super().__init__()
        self.what, self.kind, self.today = what, kind, today
        self.save_lifting = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog measure-box") as box:
            box.border_title = measures_text.LIFT_TITLE.format(what=self.what)
            yield Static("", id="lift-error", classes="dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield from self._fields()

    def _fields(self) -> ComposeResult:
        verbs = [(v, v) for v in dm.LIFT_VERBS.get(self.kind, {})]
        yield Label(measures_text.F_VERB)
        yield Select(verbs, value=verbs[0][1], allow_blank=False, id="lift-verb")
        yield Label(measures_text.F_DATE)
        yield Input(self.today.isoformat(), id="lift-date")
        yield Label(measures_text.F_REASON)
        yield Input(id="lift-reason")
        yield Label(measures_text.F_DOC)
        yield Input(id="lift-doc")

    def on_mount(self) -> None:
        self.query_one("#lift-reason", Input).focus()

    def submit(self) -> None:
        try:
            on = _date(self.query_one("#lift-date", Input), measures_text.F_DATE)
        except ZhixingError as exc:
            self.show_error(exc)
            return
        lifting = Lifting(
            verb=str(self.query_one("#lift-verb", Select).value),
            on=on,
            reason=self.query_one("#lift-reason", Input).value.strip(),
            doc_no=self.query_one("#lift-doc", Input).value.strip(),
        )
        self.save(lambda: self.save_lifting(lifting))
