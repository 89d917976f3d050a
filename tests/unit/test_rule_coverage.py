"""Every rule a profile carries is live: a clerk's operation starts it and another completes it.

The registry of :mod:`zhixing_tui.services.deadlines.emitters` says which service functions can
record which events (``@emits``); this test compares it with the rules of the five seed
profiles. A rule whose anchor no service records is *dead* (it starts only in the demo); one whose
``completed_by``/``reanchor_on`` no service records *never completes* and turns every case it
touches 超期. Closing the case does not count as completing a node: a node due in 3 days that
only closing ends is overdue on the 4th.

While the work between the screens is being built, the rules still dead or never completing are
listed in :data:`KNOWN_GAPS` with the issue that makes them live; the list may only shrink — a
new gap fails, and a gap that was closed fails until it is struck off.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import zhixing_tui.services as services_pkg
from tests.search_fixtures import add_sample_cases
from zhixing_tui.profiles import load_profile
from zhixing_tui.profiles.deadline_schema import DeadlineRule, rules_for
from zhixing_tui.services.deadlines.emitters import EMITTERS, emitted_events

PROFILES = ("gushi", "jianli", "kuaizhi", "ruyang", "shihe")
SERVICES = Path(services_pkg.__file__).parent

#: events the node engine derives from others: entering a stage leaves the one before
DERIVED = {"stage_left": "stage_entered"}

#: (profile, rule id, "dead" | "never completes") still waiting for an operation, and the issue
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}


def _import_all_services() -> None:
    for info in pkgutil.walk_packages(services_pkg.__path__, services_pkg.__name__ + "."):
        importlib.import_module(info.name)


def _emitted() -> frozenset[str]:
    _import_all_services()
    events = set(emitted_events())
    events |= {derived for derived, source in DERIVED.items() if source in events}
    return frozenset(events)


def gaps() -> dict[tuple[str, str, str], str]:
    """(profile, rule id, what is wrong) → a line saying why."""
    emitted = _emitted()
    out: dict[tuple[str, str, str], str] = {}
    for name in PROFILES:
        for rule in rules_for(load_profile(name)):
            if rule.anchor not in emitted:
                out[(name, rule.id, "dead")] = f"{rule.name}：起算事件 {rule.anchor} 无人记录"
            if not _completions(rule) & emitted:
                done = "、".join(sorted(_completions(rule))) or "（无）"
                out[(name, rule.id, "never completes")] = f"{rule.name}：完成事件 {done} 无人记录"
    return out


def _completions(rule: DeadlineRule) -> set[str]:
    return set(rule.completed_by) | set(rule.reanchor_on)


def _report(found: dict[tuple[str, str, str], str]) -> str:
    return "\n".join(f"{p} {rid} [{what}] {why}" for (p, rid, what), why in sorted(found.items()))


def test_no_new_dead_or_never_completing_rule():
    found = gaps()
    print("\n" + (_report(found) or "no dead or never-completing rule"))
    new = {k: v for k, v in found.items() if k not in KNOWN_GAPS}
    assert not new, "rules no operation starts or completes:\n" + _report(new)


def test_known_gaps_are_struck_off_when_closed():
    closed = sorted(set(KNOWN_GAPS) - set(gaps()))
    assert not closed, f"now live — strike them off KNOWN_GAPS: {closed}"


def test_no_rule_is_dead_or_never_completes():
    found = gaps()
    if KNOWN_GAPS:
        pytest.xfail(f"{len(found)} rules still wait for their operations (KNOWN_GAPS)")
    assert not found, _report(found)


# --- the registry is honest -----------------------------------------------------------------
def _calls_apply_event(fn: ast.AST) -> bool:
    return any(
        isinstance(c, ast.Call)
        and (getattr(c.func, "id", None) or getattr(c.func, "attr", None)) == "apply_event"
        for c in ast.walk(fn)
    )


def _is_emitter(fn: ast.FunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call) and (getattr(d.func, "id", None) or getattr(d.func, "attr", None)) == "emits"
        for d in fn.decorator_list
    )


def test_every_service_that_records_an_event_declares_it():
    """A function of services/ that calls apply_event carries @emits — or is a private helper of
    its module whose every caller there does."""
    offenders = []
    for path in sorted(SERVICES.rglob("*.py")):
        if path.relative_to(SERVICES).as_posix() in ("deadlines/nodes.py", "deadlines/emitters.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for fn in functions:
            if not _calls_apply_event(fn) or _is_emitter(fn):
                continue
            callers = [
                g
                for g in functions
                if g is not fn
                and any(
                    isinstance(c, ast.Call)
                    and (getattr(c.func, "id", None) or getattr(c.func, "attr", None)) == fn.name
                    for c in ast.walk(g)
                )
            ]
            if fn.name.startswith("_") and callers and all(_is_emitter(g) for g in callers):
                continue
            offenders.append(f"{path.relative_to(SERVICES)}:{fn.lineno} {fn.name}")
    assert not offenders, "call apply_event without @emits: " + ", ".join(offenders)


def test_an_undeclared_event_is_refused(desk):
    from zhixing_tui.services.deadlines.emitters import UndeclaredEvent, emits
    from zhixing_tui.services.deadlines.nodes import apply_event

    case_id = next(iter(add_sample_cases(desk).values()))
    before = {event: set(names) for event, names in EMITTERS.items()}
    try:

        @emits("received")
        def record_wrong(desk):
            with desk.transaction() as s:
                apply_event(s, desk, case_id, "closed", desk.now(), desk.operator)

        assert any(name.endswith("record_wrong") for name in EMITTERS["received"])
        with pytest.raises(UndeclaredEvent, match="closed"):
            record_wrong(desk)
    finally:
        EMITTERS.clear()
        EMITTERS.update(before)
