"""The money, measures and property controls of one demo case (a mixin of ``CaseMaker``).

Each generator appends rows and their timeline entries; the amounts follow the closing method
(执行完毕: everything recovered; 终本: little or nothing; 终结执行: part, the rest often
abandoned) and the moments stay between the case's registration and its closing. Property
controls follow the 查控 checklist (``demo_work``): one per item frozen, sealed or deducted.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ..domain import measures as dm
from ..domain.checklist import SEAL_KIND
from ..domain.closing import EXECUTED_IN_FULL, TERMINATED, TERMINATED_THIS_ROUND
from ..domain.money import format_money
from ..domain.seals import SEAL_TERMS, reminder_day, term_end
from . import names as nm

#: checklist asset type → description of the property controlled
DESCRIPTIONS = {
    "deposit": "{bank}存款",
    "online_funds": "微信、支付宝账户资金",
    "housing_fund": "住房公积金账户余额",
    "vehicle": "小型轿车一辆（号牌{plate}）",
    "real_estate": "{address}房产一处",
    "land": "{address}土地使用权",
    "business": "{company}股权",
    "equity": "{company}股权",
    "insurance": "{company}人寿保险现金价值",
    "securities": "证券账户资金及股票",
}
MEASURE_TEXT = {
    dm.CONSUMPTION_BAN: "决定限制消费",
    dm.DISHONEST: "纳入失信被执行人名单",
    dm.ZHONGBEN_INTERVIEW: "终本约谈",
}
#: 执行完毕: what lifts a measure still in force when the case closes (verb's state, reason, doc)
_LIFT_ON_FULL = {
    dm.CONSUMPTION_BAN: ("lifted", "被执行人已履行完毕", "解除限制消费令"),
    dm.DISHONEST: ("lifted", "被执行人已履行完毕，删除失信信息", ""),
}


class CaseEvents:
    """Needs from the class it is mixed into: rng, area, court, as_of, _id, _audit, _office,
    _event_at, _weekday."""

    def _amounts(self, claim: int, method: str | None, closed: bool, age: int) -> tuple[int, int]:
        """(recovered, abandoned): consistent with the closing method; open cases may have part paid."""
        rng = self.rng
        if not closed:
            return (int(claim * rng.uniform(0.05, 0.6)) if age >= 20 and rng.random() < 0.3 else 0), 0
        if method == EXECUTED_IN_FULL:
            return claim, 0
        if method == TERMINATED_THIS_ROUND:
            return (int(claim * rng.uniform(0.01, 0.2)) if rng.random() < 0.35 else 0), 0
        if method == TERMINATED:
            recovered = int(claim * rng.uniform(0.3, 1.0)) if rng.random() < 0.7 else 0
            return recovered, (claim - recovered if rng.random() < 0.6 else 0)
        if method == "其他":
            return (int(claim * rng.uniform(0.0, 0.3)) if rng.random() < 0.3 else 0), 0
        return 0, 0

    def _payments(self, rows, case_id, start, end, total, payer, method, operator, arrivals=()) -> int:
        """Money that came in: ``arrivals`` (amount, day) where it came from a deduction, else
        ``total`` in one to three parts at random days. Returns the amount claimed to the case —
        its 执行到位金额 (services.money: claimed money counts, unclaimed money has no case).

        As the services keep it, an arrival is claimed (``case_id`` and ``claimed_on`` both set)
        or unclaimed (both empty): deducted money and a closed case's money are claimed by the
        closing; money of an open case not yet paid out, that came through the court's general
        account, may still wait unclaimed (some over 20 days) — then it has no case."""
        if total <= 0:
            return 0
        rng = self.rng
        recovered = 0
        if arrivals:
            parts = [a for a, _ in arrivals]
            days = [d for _, d in arrivals]
        else:
            n = 1 if total < 1_000_000 or rng.random() < 0.55 else rng.randint(2, 3)
            parts = [total // n] * n
            parts[-1] += total - sum(parts)
            window = max((end - start).days, 1)
            days = sorted(start + timedelta(days=rng.randint(min(2, window), window)) for _ in range(n))
        first = next(  # the case's first 申请执行人, who receives the 发放 (its rows were just appended)
            r for r in reversed(rows.party) if r["case_id"] == case_id and r["role"] == "applicant"
            and r["sort_order"] == 0
        )  # fmt: skip
        applicant, applicant_id = first["name"], first["id"]
        for amount, arrived in zip(parts, days, strict=True):
            arrived = min(self._weekday(arrived, end), end)
            r = rng.random()
            must_pay = method is not None
            if r < 0.8 or must_pay and r < 0.95:
                paid = arrived + timedelta(days=rng.randint(1, 7))
            elif r < 0.92 or must_pay:
                paid = arrived + timedelta(days=rng.randint(8, 30))
            else:
                paid = None  # still waiting: some of these are more than 20 days old
            if paid is not None and paid > self.as_of:
                paid = None
            claimed = arrived + timedelta(days=rng.randint(0, 2))
            pid = self._id("payment")
            if paid:
                claimed = min(claimed, paid)
            elif arrivals or must_pay:  # deducted into the case's account, or claimed by the closing
                claimed = min(claimed, end, self.as_of)
            elif claimed > self.as_of or pid % 3 == 0:  # still in the general account
                claimed = None
            if claimed is not None:
                recovered += amount
            rows.payment.append(
                {
                    "id": pid,
                    "case_id": case_id if claimed is not None else None,
                    "arrived_on": arrived,
                    "amount_fen": amount,
                    "payer": payer,
                    "ref_no": f"JK{arrived:%Y%m%d}{pid:06d}",
                    "claimed_on": claimed,
                    "claimed_by": operator if claimed else "",
                    "paid_out_on": paid,
                    "note": "",
                }
            )
            if paid is not None:  # one 发放 of the whole amount (services.money.pay_out)
                rows.payout.append(
                    {
                        "id": self._id("payout"),
                        "payment_id": pid,
                        "case_id": case_id,
                        "kind": "payout",
                        "paid_on": paid,
                        "amount_fen": amount,
                        "payee": applicant,
                        "party_id": applicant_id,
                        "voucher_no": f"ZF{paid:%Y%m%d}{pid:06d}",
                        "reason": "",
                        "approval_id": None,
                        "by": operator,
                        "created_at": datetime.combine(paid, time(15)),
                    }
                )
            self._audit(
                rows, case_id if claimed is not None else None, self._event_at(arrived), operator, "payment",
                f"案款到账 {format_money(amount)}元", entity="payment", entity_id=pid, after={"amount_fen": amount},
            )  # fmt: skip
            if paid:
                self._audit(
                    rows, case_id, self._office(paid), operator, "payment_out", f"案款发放 {format_money(amount)}元",
                    entity="payment", entity_id=pid,
                )  # fmt: skip
        return recovered

    def _measures(self, rows, case_id, start, end, method, holders, case_no: str = "") -> None:
        """Measures in the codes and states of ``domain.measures``: on the first respondent (终本约谈
        with the first applicant), with a document number; one-off acts ``done``; a case executed
        in full has its 限消/失信 lifted on closing; 失信/限消 entered 0–1 days after the decision."""
        rng = self.rng
        window = (end - start).days
        if window < 5:
            return
        operator = holders[-1][2]
        zb = method == TERMINATED_THIS_ROUND
        parties: dict[str, int] = {}
        kinds: dict[str, str] = {}
        for p in reversed(rows.party):
            if p["case_id"] != case_id:
                break
            parties[p["role"]] = p["id"]  # reversed: the first of each role wins
            kinds[p["role"]] = p["kind"]
        person = kinds.get("respondent") == "person"
        plans: list[tuple[str, int | None, int | None]] = []
        if zb or rng.random() < 0.55:
            plans.append((dm.CONSUMPTION_BAN, None, None))
        if rng.random() < (0.6 if zb else 0.2):
            plans.append((dm.DISHONEST, None, None))
        if rng.random() < 0.03:  # within §118's limits: a person ≤ 10万, a unit 5万–100万
            yuan = (1000, 2000, 5000, 10000, 20000, 50000) if person else (50000, 100000, 200000)
            plans.append((dm.FINE, rng.choice(yuan) * 100, None))
        if rng.random() < 0.035 and person:  # a unit's principal would be detained, not the unit
            plans.append((dm.DETENTION, None, rng.choice((5, 10, 15, 15))))
        if zb:
            plans.append((dm.ZHONGBEN_INTERVIEW, None, None))
        for kind, amount, days in plans:
            offset = (
                window - rng.randint(0, min(10, window - 1))
                if kind == dm.ZHONGBEN_INTERVIEW
                else rng.randint(3, window)
            )
            decided = min(start + timedelta(days=offset), end)
            entered = (
                min(decided + timedelta(days=rng.randint(0, 1)), end) if kind in dm.ENTRY_KINDS else None
            )
            if kind in (dm.FINE, dm.DETENTION):
                doc_no = f"（{decided.year}）{self.court}司惩{rng.randint(1, 300)}号"
            elif kind == dm.ZHONGBEN_INTERVIEW:
                doc_no = ""
            else:
                doc_no = case_no
            state, lifted = dm.initial_state(kind), None
            reason = lift_doc = ""
            if method == EXECUTED_IN_FULL and kind in _LIFT_ON_FULL:
                state, reason, lift_doc = _LIFT_ON_FULL[kind]
                lifted = end
                lift_doc = case_no if lift_doc else ""
            mid = self._id("measure")
            rows.measure.append(
                {
                    "id": mid,
                    "case_id": case_id,
                    "kind": kind,
                    "party_id": parties.get(dm.party_role_for(kind)),
                    "decided_on": decided,
                    "entered_on": entered,
                    "amount_fen": amount,
                    "days": days,
                    "doc_no": doc_no,
                    "state": state,
                    "lifted_on": lifted,
                    "lift_reason": reason,
                    "lift_doc_no": lift_doc,
                    "lifted_by": operator if lifted else "",
                    "note": "",
                    "by": operator,
                    "created_at": self._event_at(decided),
                }
            )
            text = (
                f"罚款 {format_money(amount)}元"
                if kind == dm.FINE
                else f"司法拘留{days}日"
                if kind == dm.DETENTION
                else MEASURE_TEXT[kind]
            )
            self._audit(
                rows,
                case_id,
                self._event_at(decided),
                operator,
                "measure_taken",
                text,
                entity="measure",
                entity_id=mid,
            )

    def _controls(self, rows, case_id, controlled, end, method) -> None:
        """A PropertyControl for every item frozen, sealed or deducted on the checklist (a deduction
        releases its freeze; a case executed in full mostly releases the rest when it closes)."""
        rng = self.rng
        for item, at, deducted in controlled:
            kind = item["asset_type"]
            asset_kind = SEAL_KIND[kind]
            action = "查封" if item["status"] == "sealed" else "冻结"
            controlled_on = at.date()
            expires = term_end(asset_kind, controlled_on)  # the corresponding day, never moved
            description = DESCRIPTIONS[kind].format(
                bank=nm.bank_name(rng, self.area),
                plate=f"{self.court[0]}{rng.choice('ABCDEFGHJKLMN')}·{rng.randrange(10000, 99999)}",
                address=nm.address(rng, self.area),
                company=nm.company_name(rng, self.area),
            )
            if item["channel"] == "offline" and kind == "deposit":
                description = "被执行人配偶名下" + description
            money = asset_kind == "deposit"
            if deducted is not None:
                released = deducted.date()
            elif (
                method == EXECUTED_IN_FULL
                and rng.random() < 0.8
                or method == TERMINATED
                and rng.random() < 0.5
            ):
                released = end
            else:
                released = None
            rows.property_control.append(
                {
                    "id": self._id("property_control"),
                    "case_id": case_id,
                    "asset_kind": asset_kind,
                    "action": action,
                    "description": description[:200],
                    "amount_fen": item["amount_controlled_fen"] if money else None,
                    "controlled_on": controlled_on,
                    "expires_on": expires,
                    "renewed_from_id": None,
                    "released_on": released,
                    "term": SEAL_TERMS[asset_kind],
                    "remind_on": reminder_day(expires),
                    "state": "released" if released else "active",
                    "bank": "",
                    "account_no": "",
                    "plate_no": "",
                    "certificate_no": "",
                    "doc_no": "",
                    "release_reason": "",
                    "query_item_id": None,
                    "by": "",
                    "note": "",
                }
            )
