"""The case import (``zhixing import cases``): columns, row checks, and the upsert by 案号.

Decisions (docs/import-format.md repeats them for staff):

- 承办部门 maps to an ``OrgUnit`` by its name (also the name without its bracketed alias, the
  alias itself, or the unit code). An unknown 承办部门 is a bad row naming the known units.
- 承办人 maps to ``Staff`` by name (preferring one in the row's unit). An unknown name is a
  warning, not a bad row: the case is imported without a handler.
- A new open case enters the stage that holds its 承办部门 (the first profile stage listing the
  unit), else the profile's entry stage. With 结案日期 it is closed: the unit's stage from 立案
  to 结案, then the profile's closed stage, as :func:`services.cases.close_case` leaves it.
- An existing case (same 案号) is updated field by field from the non-blank cells; blank cells
  never clear a value. Assignment (承办部门/承办人) is the desk's own business once a case is
  here: a different value in the file is a warning, not a change. Parties are matched by name:
  new names are added, known ones get their ID number, phone and address filled or corrected.
- A 案号 of another court is a warning (the national system exports only this court's cases,
  so it is most likely a typing slip), not a bad row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, col, select

from ...domain.calendar import WorkCalendar
from ...domain.case_no import CaseNo, parse_case_no
from ...domain.closing import TERMINATED_THIS_ROUND, normalize_closing_method
from ...errors import InvalidValue
from ...profiles.deadline_schema import ZHONGBEN_REQUERY
from ...storage import models
from ...storage.bulk import bulk_values, insert_rows, insert_values
from ...storage.models import AuditEntry, Case, DeadlineNode, OrgUnit, Party, Staff, StageEntry
from .. import audit
from ..cases.registry import (
    CheckedParty,
    build_search_text,
    party_values,
)
from ..deadlines.calendar import calendar_for
from ..deadlines.emitters import emits
from ..deadlines.nodes import (
    EXECUTION_RULE,
    first_in_series,
    new_case_nodes,
)
from ..desk import Desk
from .case_fast import FastRow, fast_parser
from .case_parties import read_parties
from .case_update import as_json, update_case
from .fields import (
    CASE_FIELD_NAMES,
    CASE_FIELDS,
    case_values,
    parse_yes_no,
    unit_lookup,
)
from .read import FieldSpec, Table, clean_text
from .rows import ImportReport, Issue, RowReader, Tick

__all__ = ["CASE_FIELDS", "CaseImport"]

WRITE_CACHE_KIB = 65_536  # SQLite page cache while an import writes (64 MiB)
_WRITE_CACHE = "import_write_cache"  # Session.info key: the big cache is set


@dataclass
class CaseRecord:
    row: int
    case_no: CaseNo
    filed_on: date
    claim_fen: int
    applicants: list[CheckedParty]
    respondents: list[CheckedParty]
    values: dict[str, Any]  # CASE_FIELD_NAMES keys given (non-blank) in the row
    unit_name: str = ""
    handler_name: str = ""
    unit_id: int | None = None
    handler_id: int | None = None
    warnings: list[str] = field(default_factory=list)


#: a new case as pass 1 prepares it: case row, party rows, stage entries, the audit entry's
#: ``after``, deadline nodes (``case_id`` None until the write)
NewCase = tuple[
    dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]
]


@dataclass(slots=True)
class NewBlock:
    """A chunk's new cases as the write executes them: per table the columns and the driver's
    value tuples (:func:`bulk_values`); parties, stage entries and nodes without their
    ``case_id`` (the write puts it first), ``owners`` giving each one's case by position."""

    nos: list[str]
    rows: list[int]  # spreadsheet rows
    after: list[dict[str, Any]]  # the audit entries' ``after``
    cases: tuple[list[str], list[tuple]]
    children: list[tuple[str, list[str], list[int], list[tuple]]]  # table, columns, owners, values


#: one prepared chunk: the new cases, and (row, cells, record) of each 案号 the desk had
CaseChunk = tuple[NewBlock | None, list[tuple[int, list[Any], CaseRecord]]]


class CaseImport:
    name = "案件"
    table = Case.__tablename__
    fields = CASE_FIELDS
    key_field = "case_no"
    streaming = True  # checked and written a chunk at a time, nothing kept (see .run)

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        profile = desk.profile
        self.court_code = profile.court.code
        self.entry_stage = profile.flow.entry_stage
        self.closed_stage = next((st.code for st in profile.stages if st.kind == "closed"), None)
        self.stage_of_unit: dict[str, str] = {}
        # what every written chunk shares: the court's calendar, the due dates computed under it,
        # the unit ids (set at the first write; an import is one transaction)
        self._written: tuple[WorkCalendar, dict, dict[str, int]] | None = None
        #: the active units by name, staff by name, the units' names for a message, codes by id
        #: (read at the first chunk's check, kept for the import's other chunks)
        self._lookups: tuple[dict[str, Any], dict[str, list[Any]], str, dict[int, str]] | None = None
        for st in profile.stages:
            if st.kind == "closed":
                continue
            for code in st.units:
                self.stage_of_unit.setdefault(code, st.code)

    def key_of(self, rr: RowReader) -> str | None:
        if rr.key is not None or rr.parsed:  # parse() has read the 案号 already
            return rr.key
        try:
            return parse_case_no(clean_text(rr.raw("case_no"))).text
        except InvalidValue:
            return None

    # --- one row --------------------------------------------------------------------------
    def fast_parser(self, table: Table, specs: dict[str, FieldSpec], today: date) -> FastRow:
        """What :meth:`parse` gives for a common, fully valid row, faster; None for any other
        row, which :meth:`parse` then reads (see :mod:`.case_fast`)."""
        return fast_parser(self, table, specs, today, CaseRecord)

    def parse(self, rr: RowReader) -> CaseRecord | None:
        case_no = rr.parse("case_no", parse_case_no, required=True)
        rr.parsed, rr.key = True, case_no.text if case_no is not None else None
        filed_on = rr.date("filed_on", required=True)
        claim = rr.money("claim", required=True)
        applicants = read_parties(rr, "applicant", "applicant")
        respondents = read_parties(rr, "respondent", "respondent")
        values: dict[str, Any] = {}
        for key, target in (("basis", "basis"), ("cause", "cause")):
            if rr.has(key):
                values[target] = rr.text(key)
        non_litigation = rr.parse("non_litigation", lambda v: parse_yes_no(v, field="非诉执行"))
        if non_litigation is not None:
            values["non_litigation"] = non_litigation
        closed_on = rr.date("closed_on")
        method = rr.parse("closing_method", lambda v: normalize_closing_method(clean_text(v)))  # a number too
        closing_fen = rr.money("closing_amount")
        recovered = rr.money("recovered")
        if closed_on is not None and filed_on is not None and closed_on < filed_on:
            rr.fail("closed_on", f"结案日期 {closed_on:%Y-%m-%d} 早于立案日期 {filed_on:%Y-%m-%d}")
        if closed_on is not None and method is None and not rr.has("closing_method"):
            rr.fail("closing_method", "已填结案日期，缺少结案方式")
        if method is not None and closed_on is None and not rr.has("closed_on"):
            rr.fail("closed_on", "已填结案方式，缺少结案日期")
        if closing_fen is not None and closed_on is None and not rr.has("closed_on"):
            rr.fail("closed_on", "已填结案标的额，缺少结案日期")
        if closing_fen is not None and recovered is not None and recovered > closing_fen:
            rr.fail("recovered", "执行到位金额不能大于结案标的额")
        if case_no is not None and case_no.court_code != self.court_code:
            rr.warn("case_no", f"案号的法院代字 {case_no.court_code} 与本院代字 {self.court_code} 不符")
        if rr.issues or None in (case_no, filed_on, claim) or not applicants or not respondents:
            return None
        case_values(values, filed_on, claim, closed_on, method, closing_fen, recovered)
        return CaseRecord(
            row=rr.row,
            case_no=case_no,
            filed_on=filed_on,
            claim_fen=claim,
            applicants=applicants,
            respondents=respondents,
            values=values,
            unit_name=rr.text("unit"),
            handler_name=rr.text("handler"),
        )

    # --- database checks --------------------------------------------------------------------
    def check(self, s: Session, records: list[tuple[RowReader, CaseRecord]]) -> None:
        if self._lookups is None:  # once per import: a case import changes no unit and no staff
            units = list(
                s.exec(select(OrgUnit).where(OrgUnit.active).order_by(OrgUnit.sort_order, OrgUnit.id))
            )
            staff_by_name: dict[str, list[Any]] = {}
            for st in s.exec(select(Staff).where(Staff.active)):
                # plain copies of what is read: the ORM rows expire with each chunk's session
                staff_by_name.setdefault(st.name, []).append(SimpleNamespace(id=st.id, unit_id=st.unit_id))
            by_id = {u.id: SimpleNamespace(id=u.id) for u in units}
            self._lookups = (
                {name: by_id[u.id] for name, u in unit_lookup(units).items()},
                staff_by_name,
                "、".join(u.name for u in units if u.kind != "bureau"),
                {u.id: u.code for u in units},
            )
        by_name, staff, known, self.unit_codes = self._lookups
        for rr, rec in records:
            unit = None
            if rec.unit_name:
                unit = by_name.get(rec.unit_name.replace("(", "（").replace(")", "）"))
                if unit is None:
                    rr.fail("unit", f"承办部门「{rec.unit_name}」不存在；本院的部门有：{known}")
                    continue
                rec.unit_id = unit.id
            if rec.handler_name:
                people = staff.get(rec.handler_name, [])
                if unit is not None and len(people) > 1:
                    people = [p for p in people if p.unit_id == unit.id] or people
                if len(people) == 1:
                    rec.handler_id = people[0].id
                    if rec.unit_id is None:
                        rec.unit_id = people[0].unit_id
                elif not people:
                    rr.warn("handler", f"承办人「{rec.handler_name}」不在人员名册中，案件导入时未指定承办人")
                else:
                    rr.warn("handler", f"人员名册中有 {len(people)} 位「{rec.handler_name}」，未指定承办人")

    # --- writing ----------------------------------------------------------------------------
    def preview(
        self, s: Session, desk: Desk, records: list[tuple[RowReader, CaseRecord]], report: ImportReport
    ) -> None:
        """A dry run's counts for one chunk, nothing kept: a new 案号 would be inserted; a known one
        goes through the update in this session, which the caller never commits."""
        # rr.key is the row's 案号 text, set by parse() (formatted once a row, not again here)
        known = _existing(s, [rr.key for rr, _ in records])
        changed = [(rr, rec) for rr, rec in records if rr.key in known]
        report.inserted += len(records) - len(changed)
        if changed:
            self.apply(s, desk, changed, report, lambda: None)
            s.rollback()

    def apply(
        self,
        s: Session,
        desk: Desk,
        records: list[tuple[RowReader, CaseRecord]],
        report: ImportReport,
        tick: Tick,
    ) -> None:
        """Check and write in one go (a dry run's updates, rolled back): :meth:`prepare`, then
        :meth:`replay` in the same session."""
        readers = {rr.row: rr for rr, _ in records}
        with self.write_cache(s):
            self.replay(
                s, desk, self.prepare(s, desk, records, report), report, tick, lambda n, _c: readers[n]
            )

    @contextmanager
    def write_cache(self, s: Session) -> Iterator[None]:
        """SQLite: a big page cache while the import writes, so the index pages of the bulk write
        stay in memory, set once for all the chunks of a streamed import (shrinking it between
        chunks would spill the open transaction's pages to the log); the default again after."""
        if s.get_bind().dialect.name != "sqlite" or s.info.get(_WRITE_CACHE):
            yield
            return
        s.connection().exec_driver_sql(f"PRAGMA cache_size=-{WRITE_CACHE_KIB}")
        s.info[_WRITE_CACHE] = True
        try:
            yield
        finally:
            del s.info[_WRITE_CACHE]
            s.connection().exec_driver_sql("PRAGMA cache_size=-2000")  # SQLite's default again

    # --- pass 1: what the write will do, outside the write transaction -----------------------
    def prepare(
        self, s: Session, desk: Desk, records: list[tuple[RowReader, CaseRecord]], report: ImportReport
    ) -> CaseChunk:
        """One checked chunk as the write consumes it, computed in a read session: the rows of
        each new case (case, parties, stage entries, the audit entry's ``after``, deadline nodes;
        ids filled at the write) and, for a 案号 the desk has, the record to merge into it."""
        if self._written is None:
            unit_ids = {code: uid for code, uid in s.exec(select(OrgUnit.code, OrgUnit.id))}
            self._written = (calendar_for(desk), {}, unit_ids)
        cal, memo, unit_ids = self._written
        known = _existing(s, [rr.key for rr, _ in records])  # rr.key: the 案号 text parse() set
        source = report.path.name
        new: list[NewCase] = []
        changed: list[tuple[int, list[Any], CaseRecord]] = []
        for rr, rec in records:
            if rr.key in known:
                changed.append((rr.row, rr.cells, rec))
            else:
                new.append(self._new_rows(desk, rec, source, cal, unit_ids, memo))
        return (_pack(s.get_bind().dialect, new) if new else None), changed

    def _new_rows(
        self,
        desk: Desk,
        rec: CaseRecord,
        source: str,
        cal: WorkCalendar,
        unit_ids: dict[str, int],
        memo: dict,
    ) -> NewCase:
        """The rows of one new case, ``case_id`` left None: plain dicts for a bulk ``INSERT``
        (building an ORM object per row costs more than all the checks together at 50,000 rows).
        The nodes come from the same pure rules :func:`apply_event` runs (:func:`new_case_nodes`),
        without its queries."""
        row = self._case_row(rec)
        parties = [
            party_values(None, p, role, i)  # type: ignore[arg-type]
            for role, group in (("applicant", rec.applicants), ("respondent", rec.respondents))
            for i, p in enumerate(group)
        ]
        closed_on = row["closed_on"]
        closed_at = datetime.combine(closed_on, time(9, 0)) if closed_on else None
        entries = [
            dict(
                case_id=None,
                stage=self._work_stage(rec),
                unit_id=rec.unit_id,
                handler_id=rec.handler_id,
                entered_at=datetime.combine(rec.filed_on, time(9, 0)),
                left_at=closed_at if self.closed_stage else None,
                next_stage=self.closed_stage if closed_at is not None and self.closed_stage else None,
                reason="导入",
            )
        ]
        if closed_at is not None and self.closed_stage:
            entries.append(
                self._closed_values(None, rec.unit_id, rec.handler_id, closed_at, row["closing_method"])
            )
        after = {k: as_json(row[k]) for k in ("case_no", "status", "stage", *CASE_FIELD_NAMES)}
        after.update(
            applicants=[p.name for p in rec.applicants],
            respondents=[p.name for p in rec.respondents],
            source=source,
            row=rec.row,
        )
        # An open case's 6-month execution period runs from 立案. The court's other 立案 nodes are
        # not created: those early steps happened in the national system, and zhixing cannot
        # see them. The import's own audit entry says where the case came from, so no second
        # entry per case.
        case = SimpleNamespace(id=None, **row)
        at = desk.now()
        nodes: list[dict[str, Any]] = []
        if closed_on is not None and row["closing_method"] == TERMINATED_THIS_ROUND:
            origin = datetime.combine(closed_on, time(9, 0))
            node = first_in_series(
                desk.profile, cal, case, ZHONGBEN_REQUERY, "closed", origin, desk.today(), unit_ids, at, memo
            )
            if node is not None:
                nodes.append(node)
        elif closed_on is None:
            nodes.extend(
                new_case_nodes(
                    desk.profile,
                    cal,
                    case,
                    "filed",
                    datetime.combine(row["filed_on"], time(9, 0)),
                    unit_ids,
                    at,
                    unit_code=self.unit_codes.get(rec.unit_id) if rec.unit_id else None,
                    only={EXECUTION_RULE},
                    memo=memo,
                )
            )
        return row, parties, entries, after, nodes

    # --- pass 2: the write ---------------------------------------------------------------------
    def replay(
        self,
        s: Session,
        desk: Desk,
        chunk: CaseChunk,
        report: ImportReport,
        tick: Tick,
        reread: Callable[[int, list[Any]], RowReader],
        *,
        check_only: bool = False,
    ) -> list[Issue]:
        """Write one prepared chunk in the import's write transaction, counting into ``report``.

        What the desk may have changed since the chunk was prepared is checked first, with one
        query for the chunk's 案号: a case another desk registered since (it would be prepared as
        an update, with its own audit), or one that is gone. Those come back as conflicts and the
        chunk is not written (the caller rolls the import back); ``check_only``: nothing is."""
        new, changed = chunk
        existing = {c.case_no: c for c in _cases(s, [rec.case_no.text for _, _, rec in changed])}
        taken = _existing(s, new.nos) if new else set()
        conflicts = [
            _conflict(row, no, "本次检查之后其他用户已登记此案号")
            for no, row in zip(new.nos if new else [], new.rows if new else [], strict=True)
            if no in taken
        ] + [
            _conflict(row, rec.case_no.text, "本次检查之后此案号已不在本系统中")
            for row, _, rec in changed
            if rec.case_no.text not in existing
        ]
        if conflicts or check_only:
            return conflicts
        source = report.path.name
        for start in range(0, len(changed), 500):
            batch = changed[start : start + 500]
            ids = [existing[rec.case_no.text].id for _, _, rec in batch]
            parties: dict[int, list[Party]] = {}
            for p in s.exec(select(Party).where(col(Party.case_id).in_(ids)).order_by(Party.sort_order)):
                parties.setdefault(p.case_id, []).append(p)
            for row, cells, rec in batch:
                rr = reread(row, cells)
                seen = len(rr.warnings)
                case = existing[rec.case_no.text]
                if update_case(self, s, rr, rec, case, parties.get(case.id, []), source):
                    report.updated += 1
                else:
                    report.unchanged += 1
                report.warnings.extend(rr.warnings[seen:])  # the assignment the desk keeps
                tick()
            s.flush()
        if new:
            self._insert(s, desk, new)
            report.inserted += len(new.nos)
            for _ in new.nos:
                tick()
        return []

    @emits("filed")
    def _insert(self, s: Session, desk: Desk, new: NewBlock) -> None:
        """Insert a chunk's prepared new cases with their parties, stage entries, deadline nodes
        and audit entries, each table in one ``executemany`` (same transaction): the values are
        made; only the case ids and the audit chain are left for the write."""
        conn = s.connection()
        insert_values(conn, Case.__table__, *new.cases)  # type: ignore[attr-defined]
        ids: dict[str, int] = {}
        for start in range(0, len(new.nos), 500):
            nos = new.nos[start : start + 500]
            ids.update(s.exec(select(Case.case_no, Case.id).where(col(Case.case_no).in_(nos))).all())
        cids = [ids[no] for no in new.nos]
        for table, keys, owners, values in new.children:
            rows = [(cids[i], *v) for i, v in zip(owners, values, strict=True)]
            insert_values(conn, models.metadata.tables[table], ["case_id", *keys], rows)
        moment = desk.now()
        audit_rows = [
            dict(
                at=moment,
                operator=desk.operator,
                action="import",
                entity="case",
                entity_id=cid,
                case_id=cid,
                summary="导入：新增",
                before=None,
                after=after,
            )
            for cid, after in zip(cids, new.after, strict=True)
        ]
        insert_rows(conn, AuditEntry.__table__, audit.chain_rows(s, audit_rows))  # type: ignore[attr-defined]

    def _work_stage(self, rec: CaseRecord) -> str:
        unit_code = self.unit_codes.get(rec.unit_id) if rec.unit_id else None
        return self.stage_of_unit.get(unit_code or "", self.entry_stage)

    def _case_row(self, rec: CaseRecord) -> dict[str, Any]:
        cn = rec.case_no
        v = rec.values
        closed = v.get("closed_on") is not None
        work_stage = self._work_stage(rec)
        moment = self.desk.now()
        return dict(
            case_no=cn.text,
            year=cn.year,
            court_code=cn.court_code,
            type_code=cn.type_code,
            number=cn.number,
            filed_on=rec.filed_on,
            received_on=rec.filed_on,
            basis=v.get("basis", ""),
            cause=v.get("cause", ""),
            claim_fen=rec.claim_fen,
            status="closed" if closed else "open",
            stage=(self.closed_stage or work_stage) if closed else work_stage,
            unit_id=rec.unit_id,  # a closed case stays under the unit that closed it
            handler_id=rec.handler_id,
            stage_entered_at=datetime.combine(v["closed_on"] if closed else rec.filed_on, time(9, 0)),
            triage_class=None,
            special_campaign=False,
            criminal_property=False,
            non_litigation=bool(v.get("non_litigation", False)),
            closed_on=v.get("closed_on"),
            closing_method=v.get("closing_method"),
            closing_fen=v.get("closing_fen"),
            abandoned_fen=None,
            recovered_fen=v.get("recovered_fen", 0),
            closing_reason="",
            search_text=build_search_text(
                cn.text, [(p.name, p.search_key) for p in rec.applicants + rec.respondents]
            ),
            created_at=moment,
            updated_at=moment,
        )

    def _closed_values(
        self,
        case_id: int | None,
        unit_id: int | None,
        handler_id: int | None,
        at: datetime,
        method: str | None,
    ) -> dict[str, Any]:
        """The stage entry of an imported case closed at ``at`` (the unit that closed it stays)."""
        return dict(
            case_id=case_id,
            stage=self.closed_stage,
            unit_id=unit_id,
            handler_id=handler_id,
            entered_at=at,
            left_at=None,
            next_stage=None,
            reason=f"导入：结案（{method}）",
        )


def _pack(dialect: Any, new: list[NewCase]) -> NewBlock:
    """A chunk's new cases made into the driver's value tuples, before the write."""
    case_rows = [n[0] for n in new]
    keys = list(case_rows[0])
    children = []
    for model, at in ((Party, 1), (StageEntry, 2), (DeadlineNode, 4)):
        owners = [i for i, n in enumerate(new) for _ in n[at]]
        rows = [r for n in new for r in n[at]]
        if rows:
            table = model.__table__  # type: ignore[attr-defined]
            cols = [k for k in rows[0] if k != "case_id"]
            children.append((table.name, cols, owners, bulk_values(table, dialect, cols, rows)))
    return NewBlock(
        nos=[r["case_no"] for r in case_rows],
        rows=[n[3]["row"] for n in new],
        after=[n[3] for n in new],
        cases=(keys, bulk_values(Case.__table__, dialect, keys, case_rows)),  # type: ignore[attr-defined]
        children=children,
    )


def _cases(s: Session, nos: list[str]) -> list[Case]:
    """The cases with these 案号 (500 to a query)."""
    out: list[Case] = []
    for start in range(0, len(nos), 500):
        out.extend(s.exec(select(Case).where(col(Case.case_no).in_(nos[start : start + 500]))))
    return out


def _existing(s: Session, nos: list[str]) -> set[str]:
    """Which of these 案号 the desk has (500 to a query)."""
    out: set[str] = set()
    for start in range(0, len(nos), 500):
        out.update(s.exec(select(Case.case_no).where(col(Case.case_no).in_(nos[start : start + 500]))))
    return out


def _conflict(row: int, case_no: str, what: str) -> Issue:
    return Issue(
        row=row,
        column="案号",
        field="案号",
        value=case_no,
        reason=f"{what}（{case_no}），导入已取消，未写入任何案件；请重新导入",
    )
