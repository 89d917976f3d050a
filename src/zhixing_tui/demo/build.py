"""Demo data: a court's database filled with realistic, synthetic enforcement cases.

:func:`build_demo` initialises the database for the profile when needed, then generates
``cases`` cases filed over the 12 months before ``as_of``: parties with valid identity numbers,
案号 numbered per year in filing order, every stage of the profile's flow populated, ~45 %
closed by every closing method with consistent amounts, 案款, measures, property controls,
and the audit entries that make each case's timeline. The center's work is there too: 初次接待
records (``demo_intake``), the 查控 checklist with its documents and service (``demo_work``),
繁简分流 decisions with fair draws, 二次分案, 简转繁 and 类案集中 requests (``demo_triage``), and
in 监利 the handoffs awaiting 指挥监控, the returns' 台账 and travel requests (``demo_handoff``).
Open cases have been in their stage mostly within its limit, some over, a few far over
(``demo_layout``). The same seed gives the same rows.

Cases are generated in batches of :data:`BATCH` and written with bulk INSERTs, one transaction
per batch, so 100,000 cases fit in memory and finish in minutes (the bench row ``demo``). A batch
is written by a writer thread while the next one is made: two batches are alive at a time, and
the rows do not depend on where the batches are cut.
Every event moment stays in the database (filed_on, received_on, stage entries, closed_on,
payments, measures, controls); each batch's deadline nodes are derived from those rows and the
center's recorded steps by :func:`zhixing_tui.demo.nodes.backfill_demo_nodes`.
"""

from __future__ import annotations

import gc
import random
import time as _time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import DateTime, event, func
from sqlmodel import Session, select

from ..errors import Conflict, InvalidValue
from ..services import actors, audit
from ..services.accounts import DEMO_PASSWORD, preset_passwords
from ..services.board.handoffs import build_form
from ..services.desk import PROFILE_KEY, Desk
from ..storage.bulk import insert_rows
from ..storage.db import BULK_SAMPLE, advance_sequences, optimize
from ..storage.models import (
    Approval,
    AssignmentDraw,
    AuditEntry,
    Case,
    CaseFacts,
    DeskSetting,
    Document,
    Handoff,
    IntakeRecord,
    Measure,
    OrgUnit,
    Party,
    Payment,
    Payout,
    PropertyControl,
    QueryItem,
    RelatedCaseLink,
    ServiceAttempt,
    Staff,
    StageEntry,
    TriageDecision,
)
from .case import TABLES, CaseMaker, Rows
from .flow import FlowPlan
from .nodes import backfill_demo_nodes
from .target import DEMO_MARKER, DEMO_MARKER_KEY

__all__ = ["BATCH", "DemoSummary", "build_demo", "demo_filing_plan"]

BATCH = 1000  # two alive at a time (one written, one made): 2,000 cases' rows, ~85 MB
CACHE_KIB = 131_072  # SQLite page cache while generating (128 MiB)
MAX_CASES = 1_000_000

_MODELS = {
    "case": Case,
    "party": Party,
    "stage_entry": StageEntry,
    "payment": Payment,
    "payout": Payout,
    "measure": Measure,
    "property_control": PropertyControl,
    "intake_record": IntakeRecord,
    "query_item": QueryItem,
    "document": Document,
    "service_attempt": ServiceAttempt,
    "case_facts": CaseFacts,
    "triage_decision": TriageDecision,
    "assignment_draw": AssignmentDraw,
    "approval": Approval,
    "handoff": Handoff,
    "related_case_link": RelatedCaseLink,
    "audit_entry": AuditEntry,
}
#: the tables the deadline nodes are derived from
_NODE_SOURCES = ("case", "stage_entry", "payment", "measure", "property_control")
#: share of each case type among demo cases (the rest are 执)
_TYPE_SHARES = (("执恢", 0.07), ("执保", 0.04))


@dataclass
class DemoSummary:
    profile_id: str
    court_name: str
    cases: int
    open_cases: int
    closed_cases: int
    by_stage: dict[str, int] = field(default_factory=dict)  # stage code → cases now there
    by_method: dict[str, int] = field(default_factory=dict)  # closing method → closed cases
    rows: dict[str, int] = field(default_factory=dict)  # table → rows written
    as_of: date | None = None
    seed: int = 0
    seconds: float = 0.0


def _pins(
    stages: list[str], reach: dict[str, float], filing: list[tuple[date, str]], as_of: date
) -> dict[int, str]:
    """Cases pinned open in a stage, two per stage, so every stage of the flow has cases: for each,
    the youngest case old enough to have got there (the youngest of all when none is)."""
    pins: dict[int, str] = {}
    for k in range(min(len(filing), 2 * len(stages))):
        stage = stages[k % len(stages)]
        want = 0 if reach[stage] == 0 else int(reach[stage]) + 1 + 2 * (k // len(stages))
        i = len(filing) - 1
        while i >= 0 and (i in pins or (as_of - filing[i][0]).days < want):
            i -= 1
        if i < 0:
            i = max(j for j in range(len(filing)) if j not in pins)
        pins[i] = stage
    return pins


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector off while the batches are made: it would walk every live row
    dict again and again (a tenth of the build), and the rows hold no cycles to collect."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _written(pending: Future, progress: Callable[[int, int], None] | None, done: int, cases: int) -> None:
    pending.result()  # the writer's error, raised here
    if progress:
        progress(done, cases)


def _write_batch(desk: Desk, rows: Rows, profile, as_of: date, written: dict[str, int]) -> None:
    """One batch in one transaction: its rows (audit entries chained, actors filled, handoff forms
    built off the checklist), then the deadline nodes derived from them."""
    sqlite = desk.engine.dialect.name == "sqlite"
    with desk.transaction() as s:
        if sqlite:  # a big page cache keeps index inserts off the disk as the tables grow
            s.connection().exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
        for table in TABLES:
            if table == "handoff":  # its forms are read off the checklist just written
                for row, stub in rows.forms:
                    row["form"] = {**build_form(s, stub, row["form_kind"]), **row["form"]}
            batch = getattr(rows, table)
            if table == "audit_entry":  # each entry chained to the one before (audit verify)
                audit.chain_rows(s, batch)
            actors.fill_rows(s, _MODELS[table].__tablename__, batch)  # who did it, by staff id
            if batch:
                insert_rows(s.connection(), _MODELS[table].__table__, batch)
                written[table] += len(batch)
        backfill_demo_nodes(
            s,
            [r["id"] for r in rows.case],
            profile=profile,
            as_of=as_of,
            milestones=rows.milestones,
            written={_MODELS[t].__tablename__: getattr(rows, t) for t in _NODE_SOURCES},
        )
        advance_sequences(s.connection())  # the rows above carry their ids (PostgreSQL)


def _no_sync(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA synchronous=OFF")


def demo_filing_plan(rng: random.Random, cases: int, as_of: date) -> list[tuple[date, str]]:
    """(filed_on, type code) of every case, in filing order: weekdays over the 12 months to ``as_of``."""
    days = [as_of - timedelta(days=k) for k in range(365)]
    weights = [1.0 if d.weekday() < 5 else 0.03 for d in days]
    filed = sorted(rng.choices(days, weights, k=cases))
    out = []
    for d in filed:
        r = rng.random()
        type_code = "执"
        for code, share in _TYPE_SHARES:
            if r < share:
                type_code = code
                break
            r -= share
        out.append((d, type_code))
    return out


def _numbering(s: Session, plan: list[tuple[date, str]], as_of: date) -> list[tuple[int, str, int]]:
    """案号 parts per case: numbered per year and type in filing order, continuing the year as if
    the court had been filing at the same pace since 1 January, and after any existing case."""
    start = as_of - timedelta(days=364)
    per_type: dict[str, int] = {}
    for _d, t in plan:
        per_type[t] = per_type.get(t, 0) + 1
    counters: dict[tuple[int, str], int] = {}
    for (year, t), top in s.exec(
        select(Case.year, Case.type_code, func.max(Case.number)).group_by(Case.year, Case.type_code)
    ):
        counters[(year, t)] = top
    lead = (start - date(start.year, 1, 1)).days
    for t, n in per_type.items():
        key = (start.year, t)
        counters[key] = max(counters.get(key, 0), round(n / 365 * lead))
    out = []
    for d, t in plan:
        key = (d.year, t)
        counters[key] = counters.get(key, 0) + 1
        out.append((d.year, t, counters[key]))
    return out


def _ensure_profile(desk: Desk, profile_id: str | None, seed: int) -> None:
    current = desk.get_setting(PROFILE_KEY)
    if current is None:
        if not profile_id:
            raise InvalidValue("数据库尚未初始化：请指定法院配置（--profile）", field="法院配置")
        from ..services.setup import init_database

        init_database(desk, profile_id, seed=seed)
    elif profile_id and current != profile_id:
        raise Conflict(f"数据库已按法院配置 {current} 初始化，不能生成 {profile_id} 的演示数据")


@cache
def _moment_keys(table: str) -> tuple[str, ...]:
    """The columns of a demo table that hold moments (the only values :func:`not_after` moves)."""
    return tuple(c.name for c in _MODELS[table].__table__.columns if isinstance(c.type, DateTime))


def not_after(rows: Rows, cap: datetime) -> None:
    """Move every moment of ``rows`` (and the events its nodes are derived from) later than
    ``cap`` back to ``cap``. The order of a case's moments stays (a ≤ b still holds), so no
    history is turned round; dates (deadlines, the as-of day) are not moments and stay."""
    for table in TABLES:
        batch = getattr(rows, table)
        keys = _moment_keys(table) if batch else ()
        for row in batch:
            for key in keys:
                value = row.get(key)
                if type(value) is datetime and value > cap:
                    row[key] = cap
    for case_id, events in rows.milestones.items():
        rows.milestones[case_id] = [
            tuple(cap if isinstance(v, datetime) and v > cap else v for v in event) for event in events
        ]


def build_demo(
    desk: Desk,
    *,
    profile_id: str | None = None,
    cases: int = 2000,
    seed: int = 1,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    scratch: bool = False,
) -> DemoSummary:
    """Fill the database with ``cases`` demo cases as of ``as_of`` (default today); see the module doc.

    ``scratch``: the database is a temporary file that ``zhixing demo`` renames into place when
    it is complete (:mod:`.target`), so SQLite need not sync it to disk as it goes."""
    if isinstance(cases, bool) or not isinstance(cases, int) or not 0 <= cases <= MAX_CASES:
        raise InvalidValue(
            f"案件数应为 0 至 {MAX_CASES} 之间的整数，实为 {cases!r}", field="案件数", value=cases
        )
    started = _time.perf_counter()
    as_of = as_of or desk.today()
    _ensure_profile(desk, profile_id, seed)
    profile = desk.profile
    plan = FlowPlan(profile)
    rng = random.Random(f"demo:{profile.id}:{seed}:{as_of.isoformat()}")

    with desk.session() as s:
        unit_ids = {code: uid for uid, code in s.exec(select(OrgUnit.id, OrgUnit.code))}
        codes = {uid: code for code, uid in unit_ids.items()}
        staff: dict[str, list[tuple[int, str, bool]]] = {}
        roles: dict[str, list[str]] = {}
        for sid, name, unit_id, leader, role in s.exec(
            select(Staff.id, Staff.name, Staff.unit_id, Staff.is_leader, Staff.role)
            .where(Staff.active)
            .order_by(Staff.id)
        ):
            roles.setdefault(role, []).append(name)
            if unit_id is not None:
                staff.setdefault(codes[unit_id], []).append((sid, name, leader))
        next_ids = {
            t: (s.exec(select(func.max(_MODELS[t].id))).one() or 0) + 1
            for t in TABLES
            if hasattr(_MODELS[t], "id")
        }
        filing = demo_filing_plan(rng, cases, as_of)
        numbers = _numbering(s, filing, as_of)

    sqlite = desk.engine.dialect.name == "sqlite"
    if scratch and sqlite:  # a file nobody reads until it is renamed into place: no syncing
        desk.engine.dispose()
        event.listen(desk.engine, "connect", _no_sync)
    # nothing in the demo is later than the moment it is built (a demo built at 01:30 has no
    # 16:30 of the same day): the office day's moments past it are moved back to it
    built_at = desk.now()
    maker = CaseMaker(rng, plan, profile.court.code, as_of, staff, unit_ids, next_ids, desk.operator, roles)
    pins = _pins(plan.open_stages, maker.reach, filing, as_of)
    written = dict.fromkeys(TABLES, 0)
    # batch k is written (a thread of its own: SQLite's work lets go of the GIL) while batch k+1
    # is made; one writer, batches in order, so the rows and the audit chain are the same as
    # writing each batch before making the next. The writer runs in this thread's context (the
    # desk's clock on the as-of day is a context variable).
    with _no_cycle_collection(), ThreadPoolExecutor(max_workers=1) as writer:
        pending: Future | None = None
        for begin in range(0, cases, BATCH):
            rows = Rows()
            for i in range(begin, min(begin + BATCH, cases)):
                maker.make(rows, filing[i][0], numbers[i], pins.get(i))
            not_after(rows, built_at)
            if pending is not None:
                _written(pending, progress, begin, cases)
            pending = writer.submit(copy_context().run, _write_batch, desk, rows, profile, as_of, written)
        if pending is not None:
            _written(pending, progress, cases, cases)

    closed = sum(maker.method_counts.values())
    summary = DemoSummary(
        profile_id=profile.id,
        court_name=profile.court.name,
        cases=cases,
        open_cases=cases - closed,
        closed_cases=closed,
        by_stage={c: maker.stage_counts[c] for c in plan.stages if c in maker.stage_counts},
        by_method={m: maker.method_counts[m] for m in maker.methods if m in maker.method_counts},
        rows=written,
        as_of=as_of,
        seed=seed,
    )
    with desk.transaction() as s:
        if sqlite:
            s.connection().exec_driver_sql("PRAGMA cache_size=-2000")  # SQLite's default again
        for key, value in (
            (DEMO_MARKER_KEY, DEMO_MARKER),
            ("demo_as_of", as_of.isoformat()),
            ("demo_seed", str(seed)),
            ("demo_cases", str(cases)),
        ):
            s.merge(DeskSetting(key=key, value=value))
        audit.record(
            s,
            operator=desk.operator,
            action="demo",
            entity="desk_setting",
            summary=f"生成演示数据：{cases}件案件（基准日 {as_of.isoformat()}，种子 {seed}）",
            after={"cases": cases, "seed": seed, "as_of": as_of, "rows": written},
        )
    # every demo account: "demo" (the login screen says so); the same seed, the same rows
    preset_passwords(desk, DEMO_PASSWORD, salt=f"demo:{profile.id}:{seed}".encode().ljust(16, b"\0")[:16])
    # the planner's statistics for what was just written (and, on PostgreSQL, the pages marked
    # all-visible): the read queries' indexes chosen from the first screen on
    optimize(desk.engine, sample=BULK_SAMPLE, bulk=True)
    summary.seconds = _time.perf_counter() - started
    return summary
