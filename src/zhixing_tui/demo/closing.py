"""Closings of demo cases submitted for 结案审查 and not yet decided, a mixin of ``CaseMaker``.

A group sends a case to 结案审查 the way ``services.board.handoffs.submit_close`` records it: a
``close`` handoff whose form (``closing_form``) carries the method, the amounts and the 结案理由,
its audit line (``closing_summary``) and the ``handoff_submitted`` event. The method is one the
stage may close by; 执行完毕 only when the money is all in. A 终本 closing is submitted only when the
records then meet every condition the service checks (``domain.zhongben.check``: 法〔2016〕373号
第一条、第五条 and the court's own list); what a handler does just before submitting is recorded
first — the 终本约谈 with the applicant, 限制消费 and 失信 where missing, a fresh 总对总 query, the
线下 items answered, the court's 终本 materials ticked on the file. A case that cannot meet them
(立案未满三个月, a notice never served) is not submitted.

Choices are drawn from a generator of the case's own, so the rest of the demo stays the same.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from ..domain import measures as dm
from ..domain import zhongben as rules
from ..domain.checklist import UNANSWERED
from ..domain.closing import EXECUTED_IN_FULL, TERMINATED, TERMINATED_THIS_ROUND
from ..services.board.handoffs import closing_form, closing_summary
from ..services.zhongben.conditions import MATERIALS_KEY
from .events import MEASURE_TEXT

#: 结案理由 the submitting handler writes, by method (the closed cases draw from the same lists)
CLOSING_REASONS: dict[str, tuple[str, ...]] = {
    EXECUTED_IN_FULL: ("被执行人已全部履行", "扣划存款后执行完毕", "拍卖款到位后执行完毕"),
    TERMINATED_THIS_ROUND: ("经网络及传统查控，未发现可供执行的财产", "被执行人下落不明且无可供执行财产"),
    TERMINATED: ("双方达成执行和解协议并履行完毕", "申请执行人撤回执行申请", "被执行人死亡且无遗产可供执行"),
    "不予执行": ("仲裁裁决经审查裁定不予执行", "公证债权文书确有错误，裁定不予执行"),
    "驳回申请": ("申请执行人主体不适格，驳回执行申请", "执行依据尚未生效，驳回执行申请"),
    "销案": ("重复立案，予以销案", "立案信息错误，予以销案"),
    "其他": ("移送破产审查", "指定其他法院执行"),
}
#: the conditions the handler can still meet just before submitting (the others block it)
_MEASURE_FOR = {
    "national.2.consumption_ban": dm.CONSUMPTION_BAN,
    "national.2.dishonest": dm.DISHONEST,
    "national.5th_article.interview": dm.ZHONGBEN_INTERVIEW,
}


class CaseClosings:
    """Needs from the class it is mixed into: rng, profile, plan, roles, catalogue, opening_at, _id,
    _audit, fallback_operator."""

    def _is_review(self, stage: str) -> bool:
        st = self.plan.stages.get(stage)
        return st is not None and st.kind == "review"

    def _closing(self, rows, span, case_id, stub, here: str, submitted: datetime, by: str, status: str,
                 decided: datetime | None, reason: str = "", *, recovered: int, filed_on: date) -> None:  # fmt: skip
        """Submit the case's closing from stage ``here`` at ``submitted`` (``status`` submitted, or
        returned at ``decided`` with ``reason``), as ``submit_close`` records it."""
        monitor = self.rng.choice(self.roles.get("monitor") or [self.fallback_operator])  # as _handoff draws
        own = random.Random(case_id * 7919 + submitted.toordinal())
        filled = self._closing_form(own, rows, case_id, stub, here, submitted, by, recovered, filed_on)
        if filled is None:
            return
        hid = self._id("handoff")
        rows.handoff.append(
            {
                "id": hid,
                "case_id": case_id,
                "kind": "close",
                "from_stage": here,
                "to_stage": None,
                "form_kind": "closing_form",
                "form": filled,
                "status": status,
                "submitted_by": by,
                "submitted_at": submitted,
                "decided_by": monitor if decided else None,
                "decided_at": decided,
                "return_reason": reason,
            }
        )
        self._audit(rows, case_id, submitted, by, "close_submit",
                    closing_summary(filled["method"], filled["recovered_fen"]),
                    entity="handoff", entity_id=hid, after=dict(filled))  # fmt: skip
        span.mark("handoff_submitted", submitted)
        if status == "returned":
            self._audit(rows, case_id, decided, monitor, "handoff_return", f"指挥监控退回整改：{reason}",
                        entity="handoff", entity_id=hid)  # fmt: skip
            span.mark("handoff_returned", decided)

    def _closing_form(self, own: random.Random, rows, case_id, stub, here, submitted, by, recovered,
                      filed_on: date) -> dict | None:  # fmt: skip
        can = tuple(self.plan.stages[here].can_close) or (EXECUTED_IN_FULL, TERMINATED)
        claim = stub.claim_fen
        if can[0] == TERMINATED_THIS_ROUND:  # the 终本 group's closings are 终本
            method = TERMINATED_THIS_ROUND
            if not self._ready_for_zhongben(own, rows, case_id, filed_on, submitted, by, stub.case_no):
                return None
        elif recovered >= claim and EXECUTED_IN_FULL in can:
            method = EXECUTED_IN_FULL
        elif TERMINATED in can:
            method = TERMINATED
        else:
            return None
        abandoned = claim - recovered if method == EXECUTED_IN_FULL else 0
        return closing_form(
            stub.case_no,
            claim,
            method=method,
            closing_fen=claim,
            recovered_fen=min(recovered, claim),
            abandoned_fen=max(abandoned, 0),
            reason=own.choice(CLOSING_REASONS[method]),
        )

    # --- 终本: what the service checks ----------------------------------------------------------
    def _zhongben_conditions(self, rows, case_id: int, filed_on: date, on: date) -> list[rules.Condition]:
        section = self.profile.zhongben
        labels = {(c.channel, c.asset_type): c.label for c in self.catalogue}
        facts = next((f["facts"] for f in rows.case_facts if f["case_id"] == case_id), {})
        rec = rules.CaseRecord(
            filed_on=filed_on,
            closing_on=on,
            measures=[
                rules.MeasureFact(m["kind"], m["state"], m["decided_on"], m["doc_no"])
                for m in rows.measure
                if m["case_id"] == case_id
            ],
            documents=[
                rules.DocumentFact(d["kind"], d["status"], d["made_on"], d["served_on"])
                for d in rows.document
                if d["case_id"] == case_id
            ],
            queries=[
                rules.QueryFact(
                    q["channel"],
                    q["asset_type"],
                    q["status"],
                    q["started_on"],
                    q["feedback_on"],
                    labels.get((q["channel"], q["asset_type"]), q["asset_type"]),
                )  # fmt: skip
                for q in rows.query_item
                if q["case_id"] == case_id
            ],
            offline_required=tuple((c.asset_type, c.label) for c in self.catalogue if c.channel == "offline"),
            materials=frozenset(facts.get(MATERIALS_KEY, [])),
        )
        return rules.check(rec, section.items, waiver_source=section.three_month_waiver or None)

    def _ready_for_zhongben(self, own: random.Random, rows, case_id, filed_on: date, submitted: datetime,
                            by: str, case_no: str) -> bool:  # fmt: skip
        """Record what the handler does before submitting a 终本 closing; False (and nothing
        recorded) when the records still would not meet every condition."""
        on = submitted.date()
        missing = [c.id for c in rules.missing(self._zhongben_conditions(rows, case_id, filed_on, on))]
        materials = {i.id for i in self.profile.zhongben.materials()}
        fixable = set(_MEASURE_FOR) | {"national.3.network_query", "national.3.offline_query"} | materials
        if self.profile.zhongben.three_month_waiver:  # waived once the court's list is complete
            fixable.add("national.4.three_months")
        if any(c not in fixable for c in missing):
            return False
        kept = self._keep(rows, case_id)

        def before() -> date:  # a day in the last weeks before the submission, not before filing
            return max(on - timedelta(days=own.randint(1, 20)), filed_on)

        for cid in missing:
            if cid in _MEASURE_FOR:
                day = before()
                self._measure_before(
                    rows, case_id, _MEASURE_FOR[cid], day, self._at(own, day, submitted), by, case_no
                )
        if "national.3.network_query" in missing:
            day = before()
            self._requery(rows, case_id, day, on, self._at(own, day, submitted), by)
        if "national.3.offline_query" in missing:
            day = before()
            self._offline_answered(rows, case_id, day, self._at(own, day, submitted), by)
        ticked = sorted(materials & set(missing))
        if ticked:
            self._tick_materials(
                rows, case_id, ticked, submitted - timedelta(minutes=own.randint(20, 180)), by
            )
        if rules.missing(self._zhongben_conditions(rows, case_id, filed_on, on)):
            self._restore(rows, kept)
            return False
        return True

    def _keep(self, rows, case_id: int) -> tuple:
        mine = [q for q in rows.query_item if q["case_id"] == case_id]
        facts = next((f for f in rows.case_facts if f["case_id"] == case_id), None)
        return (len(rows.measure), len(rows.audit_entry), len(rows.case_facts),
                [(q, dict(q)) for q in mine], (facts, dict(facts) if facts else None))  # fmt: skip

    @staticmethod
    def _restore(rows, kept: tuple) -> None:
        n_measure, n_audit, n_facts, queries, (facts, saved) = kept
        del rows.measure[n_measure:], rows.audit_entry[n_audit:], rows.case_facts[n_facts:]
        for q, before in queries:
            q.clear()
            q.update(before)
        if facts is not None and saved is not None:
            facts.clear()
            facts.update(saved)

    def _at(self, own: random.Random, day: date, before: datetime) -> datetime:
        """An office-hours moment on ``day``, after the case's registration and before ``before``
        (drawn from the case's own generator: ``_event_at`` would shift the demo's stream)."""
        at = datetime.combine(day, time(8, 30)) + timedelta(minutes=own.randint(0, 510))
        at = max(at, self.opening_at + timedelta(minutes=30))
        return min(at, before - timedelta(minutes=15))

    def _measure_before(self, rows, case_id: int, kind: str, day: date, at: datetime, by: str,
                        case_no: str) -> None:  # fmt: skip
        party = next(
            (p["id"] for p in rows.party if p["case_id"] == case_id and p["role"] == dm.party_role_for(kind)),
            None,
        )
        mid = self._id("measure")
        rows.measure.append(
            {
                "id": mid, "case_id": case_id, "kind": kind, "party_id": party, "decided_on": day,
                "entered_on": day if kind in dm.ENTRY_KINDS else None, "amount_fen": None, "days": None,
                "doc_no": "" if kind == dm.ZHONGBEN_INTERVIEW else case_no, "state": dm.initial_state(kind),
                "lifted_on": None, "lift_reason": "", "lift_doc_no": "", "lifted_by": "", "note": "",
                "by": by, "created_at": at,
            }
        )  # fmt: skip
        self._audit(
            rows, case_id, at, by, "measure_taken", MEASURE_TEXT[kind], entity="measure", entity_id=mid
        )

    def _requery(self, rows, case_id: int, day: date, on: date, at: datetime, by: str) -> None:
        """A fresh 总对总 query before 终本 (第一条第（三）项): each line queried again, nothing new."""
        lines = [q for q in rows.query_item if q["case_id"] == case_id and q["channel"] == "national"]
        for q in lines:
            if q["status"] in UNANSWERED:
                q.update(status="feedback", result="none")
            q.update(started_on=day, feedback_on=min(day + timedelta(days=1), on), handler=by)
        self._audit(rows, case_id, at, by, "query.requery",
                    f"终本前经“总对总”重新查询 {len(lines)} 项，未发现新的财产")  # fmt: skip

    def _offline_answered(self, rows, case_id: int, day: date, at: datetime, by: str) -> None:
        lines = [q for q in rows.query_item if q["case_id"] == case_id and q["channel"] == "offline"
                 and q["status"] in UNANSWERED]  # fmt: skip
        for q in lines:
            q.update(status="feedback", result="none", started_on=q["started_on"] or day, feedback_on=day,
                     handler=by)  # fmt: skip
        if lines:
            self._audit(rows, case_id, at, by, "query.move",
                        f"线下查控 {len(lines)} 项已反馈：未查到财产")  # fmt: skip

    def _tick_materials(self, rows, case_id: int, ids: list[str], at: datetime, by: str) -> None:
        names = {i.id: i.name for i in self.profile.zhongben.materials()}
        facts = next((f for f in rows.case_facts if f["case_id"] == case_id), None)
        if facts is None:
            facts = {"case_id": case_id, "facts": {}, "updated_by": by, "updated_at": at}
            rows.case_facts.append(facts)
        have = sorted(set(facts["facts"].get(MATERIALS_KEY, [])) | set(ids))
        facts.update(facts={**facts["facts"], MATERIALS_KEY: have}, updated_by=by, updated_at=at)
        for i in ids:
            self._audit(rows, case_id, at, by, "zhongben_material", f"已备终本材料：{names[i]}")
