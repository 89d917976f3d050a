"""``zhixing triage``: explain the 繁简分流 of a set of facts, suggest for a case, decide (accept or
override with a reason), 二次分案, and print the 简转繁审批表."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import triage as triage_text
from .common import DbOpt, JsonOpt, OperatorOpt, echo, new_app, open_desk

app = new_app(triage_text.HELP_APP)

ProfileOpt = Annotated[str, typer.Option("--profile", help=triage_text.HELP_PROFILE)]
TodayOpt = Annotated[str | None, typer.Option("--today", help=triage_text.HELP_TODAY, show_default=False)]


def read_facts_file(path: str) -> object:
    """The JSON in ``path`` (``-`` reads standard input); a clear error when missing, not a small
    text file (a folder, a device, over 1 MB) or malformed (nested too deep included)."""
    from ..errors import InvalidValue, NotFound
    from ..services.inputs.small_files import read_small_text

    try:
        text = read_small_text(path, what=triage_text.FACTS_FILE)
    except NotFound:
        raise InvalidValue(triage_text.ERR_NO_FILE.format(path=path), field="facts") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValue(triage_text.ERR_BAD_JSON.format(path=path, error=exc), field="facts") from None
    except RecursionError:
        raise InvalidValue(triage_text.ERR_DEEP_JSON.format(path=path), field="facts") from None


def _today(text: str | None):
    """``--today``, else ``ZHIXING_AS_OF``, else the wall clock's date (through the one clock)."""
    from ..clock import Clock
    from ..domain.dates import parse_date
    from ..services.desk import default_as_of

    return parse_date(text, field="--today") if text else Clock.on(default_as_of()).today()


def _print(result, *, as_json: bool, header: str) -> None:
    from ..domain.triage import explain_lines

    if as_json:
        echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    echo(header)
    for line in explain_lines(result):
        echo(line)


@app.command("explain", help=triage_text.HELP_EXPLAIN)
def explain(
    facts_file: Annotated[str, typer.Argument(metavar="FACTS.json", help=triage_text.HELP_FACTS)],
    profile: ProfileOpt,
    as_json: JsonOpt = False,
    today: TodayOpt = None,
) -> None:
    from ..domain.triage import evaluate, parse_facts
    from ..profiles import load_profile

    p = load_profile(profile)
    facts = parse_facts(read_facts_file(facts_file))
    result = evaluate(p.triage, facts, today=_today(today))
    _print(
        result, as_json=as_json, header=triage_text.HEADER_PROFILE.format(court=p.court.name, profile=p.id)
    )


@app.command("suggest", help=triage_text.HELP_SUGGEST)
def suggest(
    case_no: Annotated[str, typer.Argument(help=triage_text.HELP_CASE_NO)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..services.triage import decisions as svc

    desk = open_desk(db, operator, read_only=True)
    s = svc.suggest_by_case_no(desk, case_no)
    if as_json:
        echo(json.dumps(s.to_json(), ensure_ascii=False, indent=2))
        return
    for line in suggestion_lines(s):
        echo(line)


def suggestion_lines(sug) -> list[str]:
    """A suggestion as Chinese lines: the explanation, where each fact came from, related cases."""
    from ..domain.triage import explain_lines
    from ..services.triage.decisions import RELATED_REASONS

    lines = [
        triage_text.LABEL_CASE_NO.format(case_no=sug.case_no),
        *explain_lines(sug.result),
        triage_text.LABEL_SOURCES,
    ]
    for key, value in sug.facts.to_json().items():
        shown = (triage_text.YES if value else triage_text.NO) if isinstance(value, bool) else value
        lines.append(
            f"  {triage_text.fact_label(key)}：{shown}（{sug.sources.get(key, triage_text.DERIVED)}）"
        )
    if sug.related:
        lines.append(f"{triage_text.LABEL_RELATED}：")
        for r in sug.related:
            why = "、".join(RELATED_REASONS[x] for x in r.reasons)
            lines.append(f"  {r.case_no}（{why}）{r.unit_name or ''}")
        if sug.related_team:
            lines.append(triage_text.RELATED_PROPOSAL.format(team=sug.related_team))
    return lines


# --- decisions -----------------------------------------------------------------------------------
CaseNoArg = Annotated[str, typer.Argument(help=triage_text.HELP_CASE_NO)]


@app.command("decide", help=triage_text.HELP_DECIDE)
def decide(
    case_no: CaseNoArg,
    cls: Annotated[
        str | None, typer.Option("--class", help=triage_text.HELP_CLASS, show_default=False)
    ] = None,
    team: Annotated[
        str | None, typer.Option("--team", help=triage_text.HELP_TEAM, show_default=False)
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help=triage_text.HELP_REASON, show_default=False)] = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..domain.case_no import normalize_case_no
    from ..errors import InvalidValue
    from ..services.printing.node_table import find_case_id
    from ..services.triage import decisions as svc

    # Naming a class or a team is an override, even a team of the draw's pool: a person who
    # picks the team instead of the fair draw says why.
    if (cls or team) and not reason.strip():
        raise InvalidValue(triage_text.ERR_OVERRIDE_REASON, field="--reason")
    desk = open_desk(db, operator)
    case_id = find_case_id(desk, case_no)
    d = svc.decide(desk, case_id, cls=cls, team=team, reason=reason)
    shown_no = normalize_case_no(case_no)
    if as_json:
        out = {
            "case_no": shown_no,
            "class": d.cls,
            "team": d.team,
            "overridden": d.overridden,
            "reason": reason.strip(),
            "draw": d.draw.to_record() if d.draw else None,
        }
        echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    echo(triage_text.DECIDED.format(case_no=shown_no))
    echo(triage_text.DECIDED_CLASS.format(cls=d.cls or triage_text.NO_CLASS))
    echo(triage_text.DECIDED_TEAM.format(team=d.team))
    if d.draw is not None:
        echo(triage_text.DECIDED_DRAW.format(draw=d.draw.explain()))
    if reason.strip():
        tpl = triage_text.DECIDED_OVERRIDE if d.overridden else triage_text.DECIDED_REASON
        echo(tpl.format(reason=reason.strip()))


@app.command("reassign", help=triage_text.HELP_REASSIGN)
def reassign(
    case_no: CaseNoArg,
    team: Annotated[str, typer.Option("--team", help=triage_text.HELP_REASSIGN_TEAM, show_default=False)],
    reason: Annotated[
        str, typer.Option("--reason", help=triage_text.HELP_REASSIGN_REASON, show_default=False)
    ] = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.case_no import normalize_case_no
    from ..errors import InvalidValue
    from ..services.printing.node_table import find_case_id
    from ..services.triage.followup import reassign as do_reassign

    if not reason.strip():
        raise InvalidValue(triage_text.ERR_REASSIGN_REASON, field="--reason")
    desk = open_desk(db, operator)
    case_id = find_case_id(desk, case_no)
    d = do_reassign(desk, case_id, team=team, reason=reason)
    echo(
        triage_text.REASSIGNED.format(case_no=normalize_case_no(case_no), team=d.team, reason=reason.strip())
    )


@app.command("print-s2c", help=triage_text.HELP_PRINT_S2C)
def print_s2c(
    case_no: CaseNoArg,
    out: Annotated[Path | None, typer.Option("--out", help=triage_text.HELP_OUT, show_default=False)] = None,
    db: DbOpt = None,
) -> None:
    from ..services.printing.node_table import find_case_id
    from ..services.printing.s2c_form import write_simple_to_complex_form
    from ..services.triage.queue import s2c_approval_id

    desk = open_desk(db, operator="print")
    approval_id = s2c_approval_id(desk, find_case_id(desk, case_no))
    path = write_simple_to_complex_form(desk, approval_id, out)
    echo(triage_text.S2C_WRITTEN.format(path=path))
