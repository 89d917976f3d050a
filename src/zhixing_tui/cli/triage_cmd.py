"""``zhixing triage``: explain the 繁简分流 of a set of facts, suggest for a case."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import triage as t
from .common import DbOpt, JsonOpt, OperatorOpt, echo, new_app, open_desk

app = new_app(t.HELP_APP)

ProfileOpt = Annotated[str, typer.Option("--profile", help=t.HELP_PROFILE)]
TodayOpt = Annotated[str | None, typer.Option("--today", help=t.HELP_TODAY, show_default=False)]


def read_facts_file(path: str) -> object:
    """The JSON in ``path`` (``-`` reads standard input); a clear error when missing or malformed."""
    from ..errors import InvalidValue

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidValue(t.ERR_NO_FILE.format(path=path), field="facts") from None
    except UnicodeDecodeError as exc:
        raise InvalidValue(t.ERR_BAD_JSON.format(path=path, error=exc), field="facts") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValue(t.ERR_BAD_JSON.format(path=path, error=exc), field="facts") from None


def _today(text: str | None):
    from ..domain.dates import parse_date

    return parse_date(text, field="--today") if text else None


def _print(result, *, as_json: bool, header: str) -> None:
    from ..domain.triage import explain_lines

    if as_json:
        echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    echo(header)
    for line in explain_lines(result):
        echo(line)


@app.command("explain", help=t.HELP_EXPLAIN)
def explain(
    facts_file: Annotated[str, typer.Argument(metavar="FACTS.json", help=t.HELP_FACTS)],
    profile: ProfileOpt,
    as_json: JsonOpt = False,
    today: TodayOpt = None,
) -> None:
    from ..domain.triage import evaluate, parse_facts
    from ..profiles import load_profile

    p = load_profile(profile)
    facts = parse_facts(read_facts_file(facts_file))
    result = evaluate(p.triage, facts, today=_today(today))
    _print(result, as_json=as_json, header=t.HEADER_PROFILE.format(court=p.court.name, profile=p.id))


@app.command("suggest", help=t.HELP_SUGGEST)
def suggest(
    case_no: Annotated[str, typer.Argument(help=t.HELP_CASE_NO)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..services import triage as svc

    desk = open_desk(db, operator)
    s = svc.suggest_by_case_no(desk, case_no)
    if as_json:
        echo(json.dumps(s.to_json(), ensure_ascii=False, indent=2))
        return
    for line in suggestion_lines(s):
        echo(line)


def suggestion_lines(sug) -> list[str]:
    """A suggestion as Chinese lines: the explanation, where each fact came from, related cases."""
    from ..domain.triage import explain_lines
    from ..services.triage import RELATED_REASONS

    lines = [t.LABEL_CASE_NO.format(case_no=sug.case_no), *explain_lines(sug.result), t.LABEL_SOURCES]
    for key, value in sug.facts.to_json().items():
        shown = (t.YES if value else t.NO) if isinstance(value, bool) else value
        lines.append(f"  {t.fact_label(key)}：{shown}（{sug.sources.get(key, t.DERIVED)}）")
    if sug.related:
        lines.append(f"{t.LABEL_RELATED}：")
        for r in sug.related:
            why = "、".join(RELATED_REASONS[x] for x in r.reasons)
            lines.append(f"  {r.case_no}（{why}）{r.unit_name or ''}")
        if sug.related_team:
            lines.append(t.RELATED_PROPOSAL.format(team=sug.related_team))
    return lines
