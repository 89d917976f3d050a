"""The center's work on one demo case: the property found and the 查控 checklist (query items,
documents and their service), a mixin of ``CaseMaker``.

:meth:`CaseWork._finds` decides, before any date is laid out, what the queries will find: it
follows the closing method and the money recovered (执行完毕 by 扣划 has deposits found that
cover the claim; 终本 mostly nothing; an auction has real estate) and the class the case is
meant for. :meth:`CaseWork._checklist` then writes the rows at the moments the case's stage
history gives (network queries when it enters 网络查控, offline queries in 线下/传统查控),
only what happened before the closing or the as-of evening, and records each milestone the
deadline nodes are derived from (``demo_intake`` does the same for the 初次接待 record).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..domain import checklist as cl
from ..domain.closing import EXECUTED_IN_FULL, TERMINATED, TERMINATED_THIS_ROUND
from ..domain.money import format_money
from .layout import Span

NOTICE_NOTE = "被执行人下落不明，经户籍地、暂住地查找未果，村（居）委会出具证明；公告期三十日"
SITE_NOTES = (
    "现场调查笔录已附卷",
    "被执行人经营场所已关闭，现场调查笔录已附卷",
    "经邻居反映被执行人常年在外",
)


@dataclass
class Finds:
    """What the queries find, and how the money recovered comes in."""

    mode: str = "none"  # deduct | voluntary | settlement | auction | none
    deposit_fen: int = 0  # national deposits found
    online_fen: int = 0  # online funds found
    deduct_deposit_fen: int = 0
    deduct_online_fen: int = 0
    real_estate_fen: int = 0  # estimated value of real estate found (0: none)
    vehicle_fen: int = 0
    housing_fund_fen: int = 0
    business: bool = False  # registered business and equity of a company respondent
    spouse_fen: int = 0  # 柜面 query found an account (spouse's)
    vehicle_elsewhere: bool = False  # registered outside the county: 委托外地

    @property
    def money_fen(self) -> int:
        return self.deposit_fen + self.online_fen


@dataclass
class Checklist:
    """What the checklist leaves for later steps: the controlled items (item, controlled at,
    deducted at) and the documents by kind."""

    controlled: list[tuple[dict, datetime, datetime | None]] = field(default_factory=list)
    docs: dict[str, dict] = field(default_factory=dict)


#: (channel, asset type) of the items controlled when property is found there
_ALWAYS_CONTROLLED = {
    ("national", "deposit"),
    ("national", "online_funds"),
    ("national", "housing_fund"),
    ("national", "vehicle"),
    ("offline", "deposit"),
}
_OFFLINE_CONTROLLED = {("offline", "real_estate"), ("offline", "equity")}
_NETWORK_CONTROLLED = {("national", "real_estate"), ("national", "business")}


class CaseWork:
    """Needs from the class it is mixed into: rng, area, as_of, court_name, catalogue, _id, _audit,
    _office, _event_at, _center_staff."""

    # --- what the queries find ----------------------------------------------------------------
    def _finds(
        self,
        method: str | None,
        recovered: int,
        claim: int,
        *,
        simple: bool | None,
        company: bool,
        kept: bool,
    ) -> Finds:
        """``simple``: the class the case is meant for (None: no triage); ``kept``: a 执保 case."""
        rng = self.rng
        f = Finds()
        if recovered > 0:
            if method == EXECUTED_IN_FULL:
                if simple is False:
                    f.mode = "auction" if claim >= 5_000_000 and rng.random() < 0.6 else "voluntary"
                elif simple:
                    f.mode = "deduct" if rng.random() < 0.65 else "voluntary"
                else:
                    r = rng.random()
                    f.mode = "deduct" if r < 0.45 else "voluntary" if r < 0.8 else "auction"
            elif method == TERMINATED:
                f.mode = "settlement"
            elif method is None:
                f.mode = "deduct" if rng.random() < 0.6 else "voluntary"
            else:
                f.mode = "deduct"
        if f.mode == "deduct":
            online = min(recovered // 10, 300_000) if recovered >= 200_000 and rng.random() < 0.25 else 0
            f.deduct_online_fen, f.deduct_deposit_fen = online, recovered - online
            f.online_fen = online
            extra = int(claim * rng.uniform(0.0, 0.3)) if recovered >= claim else 0
            f.deposit_fen = f.deduct_deposit_fen + extra
        elif f.mode == "auction":
            f.real_estate_fen = int(claim * rng.uniform(1.2, 3.0)) // 100 * 100
        elif method in (TERMINATED_THIS_ROUND, "不予执行", "驳回申请", "销案"):
            if method == TERMINATED_THIS_ROUND and rng.random() < 0.1:
                f.vehicle_fen = rng.randint(20, 90) * 100_000  # sealed, never found: 终本 all the same
        else:
            r = rng.random()
            if r < 0.12 + (0.2 if kept else 0):
                f.deposit_fen = int(claim * rng.uniform(0.02, 0.3))
            if rng.random() < 0.1 + (0.15 if kept else 0):
                f.real_estate_fen = int(claim * rng.uniform(0.8, 3.0)) // 100 * 100
            if rng.random() < 0.1:
                f.vehicle_fen = rng.randint(20, 150) * 100_000
            if not company and rng.random() < 0.06:
                f.housing_fund_fen = rng.randint(30, 600) * 10_000
        if simple is False and f.money_fen >= claim > 0:  # meant for a team's work: the money does not cover
            f.deposit_fen = max(0, claim - f.online_fen - rng.randint(1, 50) * 10_000)
            f.deduct_deposit_fen = min(f.deduct_deposit_fen, f.deposit_fen)
        f.business = company and rng.random() < (0.1 if method == TERMINATED_THIS_ROUND else 0.4)
        spouse = not company and method != TERMINATED_THIS_ROUND and rng.random() < 0.03
        f.spouse_fen = rng.randint(5, 200) * 10_000 if spouse else 0
        f.vehicle_elsewhere = f.vehicle_fen > 0 and rng.random() < 0.12
        return f

    # --- 查控 -----------------------------------------------------------------------------------
    def _query_windows(self, span: Span, work_stage: str | None, needs_offline: bool):
        """(network start, network latest answer, offline start, offline latest answer) moments."""
        rng = self.rng
        net = span.stay("online_query")
        if net is None:
            net_start, net_left = span.received_at, None
        else:
            net_start, net_left = net
        net_start = self._clock(net_start + timedelta(minutes=rng.randint(10, 180)), net_left)
        offline = span.stay("offline_query")
        if offline is None and needs_offline and work_stage is not None:
            work = span.stay(work_stage)
            offline = (work[0] + timedelta(days=rng.randint(1, 10)), None) if work else None
        if offline is None:
            return net_start, net_left, None, None
        off_start = self._clock(offline[0] + timedelta(minutes=rng.randint(30, 600)), offline[1])
        return net_start, net_left, off_start, offline[1]

    def _answer_day(self, start: datetime, latest: datetime | None, lo: int, hi: int) -> datetime:
        at = start + timedelta(days=self.rng.randint(lo, hi), minutes=self.rng.randint(0, 240))
        if latest is not None and at >= latest:
            at = start + (latest - start) * self.rng.uniform(0.3, 0.95)
        return self._clock(at, latest)

    def _checklist(self, rows, case_id: int, span: Span, finds: Finds, claim: int, docs_stage: str | None,
                   work_stage: str | None, needs_offline: bool, company: bool, operator_of) -> Checklist:  # fmt: skip
        """Write the items, documents and service attempts; return what later steps build on."""
        rng = self.rng
        out = Checklist()
        net_start, net_left, off_start, off_left = self._query_windows(span, work_stage, needs_offline)
        if net_start > span.end:
            return out
        handler = operator_of(net_start)
        items: list[dict] = []
        for c in self.catalogue:
            items.append(
                {
                    "id": self._id("query_item"),
                    "case_id": case_id,
                    "channel": c.channel,
                    "asset_type": c.asset_type,
                    "status": "not_started",
                    "result": None,
                    "amount_found_fen": 0,
                    "amount_controlled_fen": 0,
                    "started_on": None,
                    "feedback_on": None,
                    "controlled_on": None,
                    "handler": "",
                    "note": "",
                }
            )
        rows.query_item.extend(items)
        self._audit(
            rows, case_id, net_start, handler, "query.checklist",
            f"生成查控清单：查控项目 {len(items)} 项，文书 {len(cl.DOCUMENT_KINDS)} 件",
        )  # fmt: skip
        found = self._found_amounts(finds)
        controls = set(_ALWAYS_CONTROLLED)
        controls |= _OFFLINE_CONTROLLED if off_start is not None else _NETWORK_CONTROLLED
        ctx = (found, controls, finds, claim, out.controlled)
        network = [i for i in items if i["channel"] in cl.NETWORK]
        answered_at = self._answer(rows, case_id, network, net_start, net_left, span, handler, ctx)
        span.mark("national_query_started", net_start)
        if answered_at is not None:
            span.mark("national_query_done", answered_at)
            if rng.random() < 0.93:
                printed = self._clock(answered_at + timedelta(hours=rng.uniform(0.5, 30)), span.end)
                if printed < span.end:
                    self._audit(
                        rows,
                        case_id,
                        printed,
                        handler,
                        "query.feedback_printed",
                        "打印“总对总”系统反馈表入卷",
                    )
                    span.mark("feedback_printed", printed)
        if off_start is not None and off_start < span.end:
            offline = [i for i in items if i["channel"] == "offline"]
            who = operator_of(off_start)
            span.mark("offline_query_started", off_start)
            done = self._answer(rows, case_id, offline, off_start, off_left, span, who, ctx)
            if done is not None:
                span.mark("offline_query_registered", done)
                span.mark("offline_done", done)
        out.docs = self._documents(rows, case_id, span, docs_stage, handler, company)
        return out

    @staticmethod
    def _found_amounts(f: Finds) -> dict[tuple[str, str], int]:
        """(channel, asset type) → amount found (a value of 1 分 marks information without an amount)."""
        out: dict[tuple[str, str], int] = {}
        if f.deposit_fen:
            out["national", "deposit"] = f.deposit_fen
        if f.online_fen:
            out["national", "online_funds"] = f.online_fen
        if f.real_estate_fen:
            out["national", "real_estate"] = f.real_estate_fen
            out["local", "real_estate"] = f.real_estate_fen
            out["offline", "real_estate"] = f.real_estate_fen
        if f.vehicle_fen:
            out["national", "vehicle"] = f.vehicle_fen
            out["offline", "vehicle"] = f.vehicle_fen
        if f.housing_fund_fen:
            out["national", "housing_fund"] = f.housing_fund_fen
            out["offline", "housing_fund"] = f.housing_fund_fen
        if f.business:
            out["national", "business"] = 1
            out["offline", "business_archive"] = 1
            out["offline", "equity"] = 1
        if f.spouse_fen:
            out["offline", "deposit"] = f.spouse_fen
        return out

    def _answer(self, rows, case_id, items, start, latest, span, who, ctx) -> datetime | None:
        """Start and answer a channel's items (with controls on what was found); the moment every
        item was answered, or None when some are still waiting."""
        rng = self.rng
        found = ctx[0]
        lo, hi = (0, 3) if items and items[0]["channel"] != "offline" else (1, 10)
        last: datetime | None = start
        none_items: list[dict] = []
        none_last = start
        for item in items:
            item["started_on"] = start.date()
            item["status"] = "started"
            item["handler"] = who
            at = self._answer_day(start, latest, lo, hi)
            if item["asset_type"] == "site_visit" and rng.random() < 0.35:
                item.update(status="not_started", started_on=None, handler="")
                continue  # no visit: not one of the core offline items
            if at > span.end:
                last = None
                continue
            if last is not None:
                last = max(last, at)
            key = (item["channel"], item["asset_type"])
            amount = found.get(key, 0)
            item.update(status="feedback", feedback_on=at.date())
            if not amount:
                none_last = max(none_last, at)
                item["result"] = "none"
                if item["asset_type"] == "site_visit":
                    item["note"] = rng.choice(SITE_NOTES)
                none_items.append(item)
                continue
            item.update(result="found", amount_found_fen=amount if amount > 1 else 0)
            label = self._item_label(item)
            money = f"，金额 {format_money(amount)} 元" if amount > 1 else ""
            self._audit(rows, case_id, at, who, "query.move", f"{label}：已反馈（有财产）{money}",
                        entity="query_item", entity_id=item["id"])  # fmt: skip
            if key in ctx[1]:
                self._control(rows, case_id, item, at, span, who, ctx)
        if none_items:
            at = self._clock(none_last + timedelta(minutes=rng.randint(5, 90)), span.end)
            channel = cl.CHANNELS[none_items[0]["channel"]]
            self._audit(rows, case_id, at, who, "query.batch_none",
                        f"{channel}查控 {len(none_items)} 项反馈：均无财产",
                        after={"items": [i["id"] for i in none_items], "result": "none"})  # fmt: skip
        return last

    def _control(self, rows, case_id, item, found_at, span, who, ctx) -> None:
        """Freeze, seal, deduct or delegate what was found (real estate and equity by the offline
        channel when it is queried, money and vehicles through the network)."""
        rng = self.rng
        _found, _keys, finds, claim, controlled = ctx
        kind = item["asset_type"]
        moves = cl.CONTROLS[kind]
        if kind in ("business", "equity") and rng.random() < 0.5:
            return  # registration found, nothing to freeze
        at = self._clock(
            found_at + min(timedelta(hours=rng.uniform(1, 60)), (span.end - found_at) * 0.5), span.end
        )
        if at >= span.end:
            return
        if kind == "vehicle" and finds.vehicle_elsewhere:
            target = "delegated"
        else:
            target = moves[0]
        amount = item["amount_found_fen"]
        if target in ("frozen", "deducted") and amount:
            amount = min(amount, claim)
        item.update(
            status=target,
            controlled_on=at.date(),
            amount_controlled_fen=amount if target != "delegated" else 0,
        )
        label = self._item_label(item)
        text = f"{label}：{cl.STATUSES[target]}" + (
            f"，金额 {format_money(amount)} 元" if amount and target != "delegated" else ""
        )
        self._audit(rows, case_id, at, who, "query.move", text, entity="query_item", entity_id=item["id"])
        if target == "delegated":
            span.mark("delegation_handed", at)
            return
        if item["channel"] == "offline":
            span.mark("offline_property_found", found_at)
        deduct = {"deposit": finds.deduct_deposit_fen, "online_funds": finds.deduct_online_fen}.get(kind, 0)
        done = None
        if target == "frozen" and deduct and item["channel"] == "national":
            done = self._clock(at + min(timedelta(days=rng.randint(1, 7), hours=rng.uniform(0, 3)), (span.end - at) * 0.7),
                               span.end)  # fmt: skip
            if done < span.end:
                item.update(status="deducted", controlled_on=done.date(), amount_controlled_fen=deduct)
                self._audit(rows, case_id, done, who, "query.move", f"{label}：已扣划，金额 {format_money(deduct)} 元",
                            entity="query_item", entity_id=item["id"])  # fmt: skip
            else:
                done = None
        controlled.append((item, at, done))

    def _item_label(self, item: dict) -> str:
        name = (
            self.item_labels.get((item["channel"], item["asset_type"])) or cl.ASSET_TYPES[item["asset_type"]]
        )
        return f"{cl.CHANNELS[item['channel']]}·{name}"

    # --- documents and service ----------------------------------------------------------------
    def _documents(
        self, rows, case_id: int, span: Span, docs_stage: str | None, who: str, company: bool
    ) -> dict:
        rng = self.rng
        stay = span.stay(docs_stage) if docs_stage else None
        start = stay[0] if stay else span.received_at
        made_at = self._clock(start + timedelta(hours=rng.uniform(0.5, 40)), span.end)
        docs = {}
        for kind in cl.DOCUMENT_KINDS:
            doc = {"id": self._id("document"), "case_id": case_id, "kind": kind, "made_on": None,
                   "served_on": None, "status": "pending"}  # fmt: skip
            docs[kind] = doc
            rows.document.append(doc)
        if made_at >= span.end or (stay is None and docs_stage in self.plan.stages):
            return docs  # not made yet (the case has not reached the stage that makes them)
        for kind in cl.NOTICE_SET:
            docs[kind].update(made_on=made_at.date(), status="made")
        self._audit(rows, case_id, made_at, who, "document.made",
                    "制作" + "、".join(cl.DOCUMENT_KINDS[k] for k in cl.NOTICE_SET))  # fmt: skip
        span.mark("notices_sent", made_at)
        served_at = self._serve(rows, case_id, [docs[k] for k in cl.NOTICE_SET], made_at, span, who, company)
        if served_at is not None:
            span.mark("notices_served", served_at)
        return docs

    def _serve(
        self, rows, case_id, docs: list[dict], made_at, span: Span, who: str, company: bool
    ) -> datetime | None:
        """The four steps in order until one serves the documents; the moment they were served."""
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            plan = [("phone", "served")]
        elif r < 0.62:
            plan = [("mail", "served")]
        elif r < 0.84:
            plan = [("mail", "returned"), ("direct", "served" if rng.random() < 0.8 else "refused")]
        elif r < 0.95:
            plan = [("phone", "failed"), ("mail", "returned"), ("direct", "served")]
        else:
            plan = [("mail", "returned"), ("direct", "failed"), ("notice", "served")]
        at = made_at
        what = cl.DOCUMENT_KINDS[docs[0]["kind"]] + (f"等{len(docs)}件文书" if len(docs) > 1 else "")
        for step, result in plan:
            at = self._clock(
                at + timedelta(days=rng.randint(0 if step == "phone" else 2, 8), hours=rng.uniform(0, 4))
            )
            if at >= span.end or at.date() > self.as_of:
                return None
            where = ""
            address_kind = ""
            if step == "mail":
                address_kind = "工商登记地" if company else ("户籍地" if rng.random() < 0.7 else "暂住地")
                where = f"（{address_kind}）"
            note = NOTICE_NOTE if step == "notice" else ""
            for doc in docs:
                rows.service_attempt.append(
                    {
                        "id": self._id("service_attempt"),
                        "document_id": doc["id"],
                        "step": step,
                        "address_kind": address_kind,
                        "attempted_on": at.date(),
                        "result": result,
                        "refused": result == "refused",
                        "note": note,
                        "by": who,
                    }
                )
            self._audit(rows, case_id, at, who, "document.service",
                        f"{what}{cl.SERVICE_STEPS[step]}{where}：{cl.SERVICE_RESULTS[result]}")  # fmt: skip
            if cl.served_by(step, result):
                for doc in docs:
                    doc.update(status="served", served_on=at.date())
                return at
        return None

    def _later_document(
        self, rows, case_id, docs: dict, kind: str, on: date, span: Span, who, company
    ) -> None:
        """限制消费令 or the seal ruling: made on the day of the measure or control, then served."""
        if not docs or docs[kind]["status"] != "pending":
            return
        made_at = self._event_at(on)
        if made_at >= span.end:
            return
        docs[kind].update(made_on=made_at.date(), status="made")
        self._audit(rows, case_id, made_at, who, "document.made", f"制作{cl.DOCUMENT_KINDS[kind]}")
        self._serve(rows, case_id, [docs[kind]], made_at, span, who, company)
