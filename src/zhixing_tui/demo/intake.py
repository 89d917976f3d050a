"""The 初次接待 record of one demo case (a mixin of ``CaseMaker``): the interview's answers (valid for
``domain.intake``: filing checked, the applicant's address, phone and account, the respondent,
performance, property, opinions, the risks told, settlement, signatures), now and then a later
version with new contacts or clues, and a few notes that no interview took place, with the reason.
The answers the triage reads fit the finds and the class the case is meant for.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..domain import intake as form
from . import names as nm
from .layout import Span

if TYPE_CHECKING:
    from .work import Finds

#: No-interview reasons (未进行初次接待原因的说明).
NO_INTERVIEW = (
    "申请执行人在外地务工，经电话联系明确表示不来院接待，已电话告知相关风险",
    "申请执行人系金融机构，委托代理人邮寄提交材料，表示不参加初次接待",
    "申请执行人年老体弱行动不便，经电话核实信息并告知执行风险",
    "经三次电话通知，申请执行人均未到场",
)
CONDITIONS = (
    "被执行人在外务工，收入不稳定",
    "被执行人经营的门店已停业，下落不明",
    "被执行人有固定工作，每月有工资收入",
    "据申请执行人反映，被执行人另有多起债务纠纷",
    "被执行人务农，家庭经济困难",
    "被执行人公司仍在经营，有应收账款",
)
FILING_ERRORS = (
    "被执行人身份证号码第17位录入错误",
    "申请执行标的额与判决书主文不一致",
    "被执行人姓名录入有误（同音字）",
)
SETTLEMENT_NOTES = {"willing": "可接受分期履行", "depends": "视被执行人还款能力而定", "unwilling": ""}


class CaseIntake:
    """Needs from the class it is mixed into: rng, area, as_of, court_name, _id, _audit, _clock,
    _center_staff."""

    def _intake_choices(self, finds: Finds, simple: bool | None) -> dict[str, str]:
        """performance / settlement / notice_service_at_trial answers that fit the finds and the class."""
        rng = self.rng
        if finds.mode == "voluntary" and simple is not False:
            perf = "willing" if rng.random() < 0.7 else "performed"
        else:
            perf = rng.choices(("no", "unknown", "willing"), (55, 37, 8 if simple is not False else 0))[0]
        if finds.mode == "settlement" and simple is not False:
            settle = "willing" if rng.random() < 0.8 else "depends"
        else:
            settle = rng.choices(
                ("unwilling", "depends", "willing"), (45, 45, 10 if simple is not False else 0)
            )[0]
        notice = rng.choices(("yes", "no", "unknown"), (12 if finds.mode == "none" else 6, 62, 26))[0]
        return {"performance": perf, "settlement": settle, "notice_service_at_trial": notice}

    # --- 初次接待 -------------------------------------------------------------------------------
    def _intake(self, rows, case_id: int, span: Span, choices: dict[str, str], apps, resps) -> None:
        """The interview record (and now and then an earlier version), or the no-interview note."""
        rng = self.rng
        stay = span.stay("intake")
        if stay is not None:
            start, left = stay
            if left is None and rng.random() < 0.6:
                return  # still being interviewed: nothing saved yet
        else:
            start, left = span.received_at, None
        latest = min(left or start + timedelta(days=2), span.end)
        if latest <= start:
            return
        held_at = self._clock(
            start + min(latest - start, timedelta(hours=30)) * rng.uniform(0.05, 0.95), latest
        )
        if held_at <= span.received_at:
            held_at = span.received_at + (latest - span.received_at) * 0.5
        clerk = self._center_staff("intake")
        interviewed = rng.random() >= 0.04
        day = held_at.date().isoformat()
        place = f"{self.court_name}执行接待窗口"
        if not interviewed:
            answers = {
                "interviewer": clerk,
                "held_on": day,
                "place": place,
                "no_interview_reason": rng.choice(NO_INTERVIEW),
            }
            versions = [answers]
        else:
            answers = self._answers(choices, apps, resps, clerk, day, place, held_at.date())
            versions = [answers]
            if rng.random() < 0.12:
                versions.append(self._revised(answers))
        saved_at = held_at
        for n, answers in enumerate(versions, start=1):
            if n > 1:
                saved_at = self._clock(
                    saved_at + timedelta(days=rng.randint(1, 20), minutes=rng.randint(5, 300))
                )
                if saved_at >= span.end:
                    break
            cols = form.derived(answers, interviewed=interviewed)
            rid = self._id("intake_record")
            rows.intake_record.append(
                {
                    "id": rid,
                    "case_id": case_id,
                    "version": n,
                    "is_current": True,
                    "answers": answers,
                    "saved_by": clerk,
                    "saved_at": saved_at,
                    **cols,
                }
            )
            if n > 1:
                rows.intake_record[-2]["is_current"] = False
            title = "初次接待谈话笔录" if interviewed else "未进行初次接待原因的说明"
            if n == 1:
                summary = f"保存{title}（第1版）"
                if not interviewed:
                    summary += f"；原因：{answers['no_interview_reason']}"
            else:
                changed = [k for k in answers if answers[k] != versions[0].get(k)]
                summary = f"修改{title}（第{n}版）：{'、'.join(form.label_of(k) for k in changed)}"
            self._audit(
                rows, case_id, saved_at, clerk, "intake.save", summary[:300],
                entity="intake_record", entity_id=rid, after={"version": n, "interviewed": interviewed},
            )  # fmt: skip
            if n == 1:
                span.mark("intake_done", saved_at)

    def _answers(self, choices, apps, resps, clerk, day, place, held_on) -> dict:
        rng = self.rng
        app, resp = apps[0], resps[0]
        person = resp.kind == "person"
        filing_ok = rng.random() >= 0.04
        mortgage = rng.choices(("no", "unknown", "yes"), (50, 40, 10))[0]
        settle = choices["settlement"]
        role = "applicant" if app.kind == "person" else "legal_rep"
        interviewee = app.name
        if rng.random() < 0.25 or app.kind != "person":
            role, interviewee = (
                ("agent" if rng.random() < 0.6 else role),
                nm.person_name(rng, rng.random() < 0.6),
            )
        answers = {
            "filing_check": "ok" if filing_ok else "error",
            "filing_errors": "" if filing_ok else rng.choice(FILING_ERRORS),
            "filing_sent_on": "" if filing_ok else day,
            "filing_corrected_on": ""
            if filing_ok
            else min(held_on + timedelta(days=rng.randint(1, 3)), self.as_of).isoformat(),
            "applicant_address": app.address,
            "applicant_address_form": "yes" if rng.random() < 0.9 else "no",
            "applicant_phone": app.phone or nm.mobile(rng),
            "account_bank": nm.bank_name(rng, self.area),
            "account_no": _card_number(rng),
            "account_holder": app.name,
            "respondent_id": resp.id_number or "",
            "respondent_address": resp.address if rng.random() < 0.7 else nm.address(rng, self.area),
            "respondent_workplace": ("在外务工" if rng.random() < 0.5 else nm.company_name(rng, self.area))
            if person
            else "",
            "respondent_business": "" if person else nm.address(rng, self.area),
            "respondent_phone": resp.phone,
            "notice_service_at_trial": choices["notice_service_at_trial"],
            "related_cases": "",
            "respondent_condition": rng.choice(CONDITIONS),
            "performance": choices["performance"],
            "property_known": rng.choice(
                ("申请执行人未能提供财产线索", "被执行人在本地有自建房一处", "被执行人有一辆小型轿车", "")
            ),
            "property_mortgage": mortgage,
            "property_mortgage_note": "房产已抵押给农村商业银行" if mortgage == "yes" else "",
            "property_preserved": "no" if rng.random() < 0.8 else "unknown",
            "property_preserved_note": "",
            "reference_price": rng.choice(("none", "none", "inquiry", "negotiate", "appraisal")),
            "online_auction": rng.choice(("agree", "agree", "none")),
            "online_auction_reason": "",
            "other_opinion": "",
            "risks": [k for k, _ in form.RISK_ITEMS] if rng.random() < 0.85 else list(form.REQUIRED_RISKS),
            "settlement": settle,
            "settlement_note": SETTLEMENT_NOTES[settle],
            "interviewer": clerk,
            "recorder": self._recorder(clerk),
            "interviewee": interviewee,
            "interviewee_role": role,
            "held_on": day,
            "place": place,
        }
        return answers

    def _recorder(self, clerk: str) -> str:
        """The 记录人: another person than the 谈话人 (002 一.4, 003 三(一)3) — the intake unit's
        colleague, else anyone else of the center's or the court's staff."""
        st = self.plan.stages.get("intake")
        units = list(st.units) if st is not None else []
        for pool in (
            [n for u in units for _, n, _ in self.staff.get(u, [])],
            [*self.roles.get("window_clerk", []), *self.roles.get("triage_clerk", [])],
            [n for people in self.staff.values() for _, n, _ in people],
        ):
            others = sorted({n for n in pool if n != clerk})
            if others:
                return self.rng.choice(others)
        return clerk

    def _revised(self, answers: dict) -> dict:
        """A later version: new contact, account or property clues (never the facts the triage reads)."""
        rng = self.rng
        out = dict(answers)
        for key in rng.sample(("applicant_phone", "account_no", "property_known", "respondent_address"), 2):
            if key == "applicant_phone":
                out[key] = nm.mobile(rng)
            elif key == "account_no":
                out[key] = _card_number(rng)
            elif key == "property_known":
                out[key] = "申请执行人补充：被执行人在外地有一处商铺"
            else:
                out[key] = nm.address(rng, self.area)
        return out


def _card_number(rng) -> str:
    """A 19-digit 银联 debit card number (62…) with a valid Luhn digit."""
    body = "62" + "".join(str(rng.randrange(10)) for _ in range(16))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return body + str((10 - total % 10) % 10)
