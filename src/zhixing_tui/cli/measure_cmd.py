"""``zhixing measure``: take (add), enter (录入), lift and list a case's 执行措施; 监利's request not to
detain (decline-detention). Thin: the rules and refusals are the services'."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..i18n import measures as measures_text
from .common import DbOpt, JsonOpt, OperatorOpt, echo, new_app, open_desk

app = new_app(measures_text.HELP_APP)

CaseNoArg = Annotated[str, typer.Argument(help=measures_text.HELP_CASE_NO)]
MeasureIdArg = Annotated[int, typer.Argument(help=measures_text.HELP_MEASURE_ID)]
DateOpt = Annotated[str | None, typer.Option("--date", help=measures_text.HELP_DATE, show_default=False)]


def _day(desk, text: str | None):
    from ..domain.dates import parse_date

    return parse_date(text, field="--date") if text else desk.today()


def _case(desk, case_no: str) -> tuple[int, str]:
    from ..domain.case_no import normalize_case_no
    from ..services.printing.node_table import find_case_id

    return find_case_id(desk, case_no), normalize_case_no(case_no)


def _of_case(desk, case_id: int, case_no: str, measure_id: int):
    from ..errors import NotFound
    from ..services.measures.query import list_measures

    for m in list_measures(desk, case_id):
        if m.id == measure_id:
            return m
    raise NotFound(measures_text.NOT_OF_CASE.format(case_no=case_no, id=measure_id))


@app.command("add", help=measures_text.HELP_ADD)
def add(
    case_no: CaseNoArg,
    kind: Annotated[str, typer.Argument(help=measures_text.HELP_KIND)],
    doc: Annotated[str, typer.Option("--doc", help=measures_text.HELP_DOC, show_default=False)] = "",
    on: DateOpt = None,
    party: Annotated[str, typer.Option("--party", help=measures_text.HELP_PARTY, show_default=False)] = "",
    days: Annotated[
        int | None, typer.Option("--days", help=measures_text.HELP_DAYS, show_default=False)
    ] = None,
    amount: Annotated[
        str | None, typer.Option("--amount", help=measures_text.HELP_AMOUNT, show_default=False)
    ] = None,
    note: Annotated[str, typer.Option("--note", help=measures_text.HELP_NOTE, show_default=False)] = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.measures import party_role_for, require_kind
    from ..domain.money import parse_money
    from ..services.measures.query import find_party
    from ..services.measures.records import measure_text, take_measure

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    code = require_kind(kind)
    party_id = find_party(desk, case_id, party, party_role_for(code)) if party.strip() else None
    amount_fen = parse_money(amount, field="--amount") if amount is not None else None
    mid = take_measure(
        desk,
        case_id,
        code,
        decided_on=_day(desk, on),
        doc_no=doc,
        party_id=party_id,
        days=days,
        amount_fen=amount_fen,
        note=note,
    )
    m = _of_case(desk, case_id, shown, mid)
    text = measure_text(m.kind, m.party, days=m.days, amount_fen=m.amount_fen)
    echo(measures_text.ADDED.format(case_no=shown, text=text, id=mid))


@app.command("enter", help=measures_text.HELP_ENTER)
def enter(case_no: CaseNoArg, measure_id: MeasureIdArg, on: DateOpt = None, db: DbOpt = None,
          operator: OperatorOpt = None) -> None:  # fmt: skip
    from ..services.measures.records import enter_dishonest

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    _of_case(desk, case_id, shown, measure_id)
    day = _day(desk, on)
    enter_dishonest(desk, measure_id, on=day)
    echo(measures_text.ENTERED.format(case_no=shown, id=measure_id, on=day.isoformat()))


@app.command("lift", help=measures_text.HELP_LIFT)
def lift(
    case_no: CaseNoArg,
    measure_id: MeasureIdArg,
    reason: Annotated[str, typer.Option("--reason", help=measures_text.HELP_REASON, show_default=False)],
    verb: Annotated[str, typer.Option("--verb", help=measures_text.HELP_VERB)] = measures_text.DEFAULT_VERB,
    doc: Annotated[str, typer.Option("--doc", help=measures_text.HELP_LIFT_DOC, show_default=False)] = "",
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.measures import state_name
    from ..services.measures.records import lift_measure

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    _of_case(desk, case_id, shown, measure_id)
    state = lift_measure(desk, measure_id, on=_day(desk, on), reason=reason, doc_no=doc, verb=verb)
    echo(
        measures_text.LIFTED.format(verb=verb.strip(), case_no=shown, id=measure_id, state=state_name(state))
    )


@app.command("decline-detention", help=measures_text.HELP_DECLINE)
def decline_detention(
    case_no: CaseNoArg,
    reason: Annotated[str, typer.Option("--reason", help=measures_text.HELP_REASON, show_default=False)],
    party: Annotated[str, typer.Option("--party", help=measures_text.HELP_PARTY, show_default=False)] = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.roles import role_name
    from ..services.measures import detention
    from ..services.measures.query import find_party

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    party_id = find_party(desk, case_id, party, "respondent") if party.strip() else None
    aid = detention.decline_detention(desk, case_id, reason=reason, party_id=party_id)
    rule = desk.profile.measures.no_detention
    level = role_name(rule.approver_role) if rule else ""
    echo(measures_text.DECLINED.format(level=level, case_no=shown, id=aid))


def measure_cells(m) -> list[str]:
    """One row of the table: 编号 种类 对象 决定日期 文书字号 内容 状态 录入日期 解除."""
    from ..domain.money import format_money

    detail = (
        measures_text.DAYS.format(days=m.days)
        if m.days is not None
        else measures_text.YUAN.format(amount=format_money(m.amount_fen))
        if m.amount_fen is not None
        else ""
    )
    lifted = (
        measures_text.LIFT_TEXT.format(on=m.lifted_on.isoformat(), reason=m.lift_reason)
        if m.lifted_on
        else ""
    )
    return [
        str(m.id),
        m.kind_name,
        m.party,
        m.decided_on.isoformat(),
        m.doc_no,
        detail,
        m.state_name,
        m.entered_on.isoformat() if m.entered_on else "",
        lifted,
    ]


def _table(rows: list[list[str]]) -> list[str]:
    from rich.cells import cell_len

    widths = [max(cell_len(r[i] or measures_text.NONE) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            (c or measures_text.NONE) + " " * (w - cell_len(c or measures_text.NONE))
            for c, w in zip(r, widths, strict=True)
        ]
        out.append("  ".join(cells).rstrip())
    return out


@app.command("list", help=measures_text.HELP_LIST)
def list_(case_no: CaseNoArg, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    from ..services.measures.query import list_measures

    desk = open_desk(db, operator="list")
    case_id, shown = _case(desk, case_no)
    measures = list_measures(desk, case_id)
    if as_json:
        echo(
            json.dumps(
                {"case_no": shown, "measures": [m.to_json() for m in measures]}, ensure_ascii=False, indent=2
            )
        )
        return
    if not measures:
        echo(measures_text.NO_MEASURES.format(case_no=shown))
        return
    head = [
        measures_text.COL_ID, measures_text.COL_KIND, measures_text.COL_PARTY, measures_text.COL_DECIDED,
        measures_text.COL_DOC, measures_text.COL_DETAIL, measures_text.COL_STATE, measures_text.COL_ENTERED,
        measures_text.COL_LIFT,
    ]  # fmt: skip
    for line in _table([head, *(measure_cells(m) for m in measures)]):
        echo(line)
