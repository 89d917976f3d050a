"""Handoffs awaiting 指挥监控 and travel approvals of demo cases (监利 004), a mixin of ``CaseMaker``.

Every move of the case's history that the profile says needs approval was submitted (with its
form) and approved when the case moved; now and then it was first returned for correction, with
the reason in the 台账. Some open cases have a move submitted and not yet decided. Cases in the
线索查控组 ask to travel to find the respondent, at the level the distance needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain import board
from ..services.board.handoffs import FORM_TITLES

#: Reasons 指挥监控 gives when returning a submitted move, by the stage it was to go to.
RETURN_REASONS: dict[str, tuple[str, ...]] = {
    "offline_query": (
        "实有情况表未经组长签字",
        "查控材料不全，缺少不动产登记查询反馈",
        "未附报告财产令送达回证",
    ),
    "clue_query": ("实有情况表未经组长签字", "未附现场调查笔录", "线下查控未查询被执行人配偶名下财产"),
    "disposal": ("移送理由不充分，未写明需处置的财产线索", "未附查封裁定送达回证"),
    "refusal": ("拘留决定书未附卷", "未附被执行人拒不履行的证据材料"),
    "zhongben": ("未附拘留、罚款等强制措施材料", "财产处置情况未写明"),
    "closing_review": ("终本约谈笔录未附卷", "结案审查表到位金额与案款记录不符"),
}
OTHER_REASONS = ("移送材料不全，请补齐后重新报送", "移送理由不充分")
#: Share of moves first returned, and of open cases with a move awaiting approval.
RETURNED = 0.02
AWAITING = 0.06
TRAVEL_PURPOSES = ("查找被执行人下落", "调查被执行人财产线索", "协助扣押被执行人车辆")
TRAVEL_PLACES = {
    "in_county": None,  # an address in the county
    "in_city": ("荆州市沙市区", "荆州市荆州区", "洪湖市", "石首市", "江陵县"),
    "in_province": ("武汉市江岸区", "宜昌市西陵区", "岳阳市（湘鄂交界）", "潜江市", "仙桃市"),
    "out_of_province": ("广东省东莞市", "浙江省义乌市", "上海市闵行区", "江苏省苏州市", "福建省晋江市"),
}


@dataclass(frozen=True)
class MoveInfo:
    label: str
    form: str | None
    needs_approval: bool


class CaseHandoffs:
    """Needs from the class it is mixed into: rng, as_of, profile, area, roles, staff, _id, _audit."""

    def _move_info(self) -> dict[tuple[str, str], MoveInfo]:
        return {
            (m.from_stage, m.to_stage): MoveInfo(m.label, m.form, m.needs_approval)
            for m in self.profile.flow.moves
        }

    def _handoff(self, rows, span, case_id, stub, a: str, b: str, submitted: datetime, by: str, status: str,
                 decided: datetime | None, reason: str = "") -> None:  # fmt: skip
        move = self.moves[(a, b)]
        hid = self._id("handoff")
        monitor = self.rng.choice(self.roles.get("monitor") or [self.fallback_operator])
        row = {
            "id": hid,
            "case_id": case_id,
            "kind": "move",
            "from_stage": a,
            "to_stage": b,
            "form_kind": move.form,
            "form": {"label": move.label, "note": ""},
            "status": status,
            "submitted_by": by,
            "submitted_at": submitted,
            "decided_by": monitor if decided else None,
            "decided_at": decided,
            "return_reason": reason,
        }
        rows.handoff.append(row)
        if move.form and status != "approved":  # the approval screen and the 台账 show these forms
            rows.forms.append((row, stub))
        elif move.form:
            row["form"]["title"] = FORM_TITLES[move.form]
        to_name = self.plan.stages[b].name
        self._audit(rows, case_id, submitted, by, "handoff_submit", f"提交移送：{move.label}（{to_name}）",
                    entity="handoff", entity_id=hid, after={"from_stage": a, "to_stage": b, "form_kind": move.form})  # fmt: skip
        span.mark("handoff_submitted", submitted)
        if status == "approved":
            self._audit(rows, case_id, decided, monitor, "handoff_approve", f"指挥监控审批通过：{move.label}",
                        entity="handoff", entity_id=hid)  # fmt: skip
            span.mark("handoff_approved", decided)
        elif status == "returned":
            self._audit(rows, case_id, decided, monitor, "handoff_return", f"指挥监控退回整改：{reason}",
                        entity="handoff", entity_id=hid)  # fmt: skip
            span.mark("handoff_returned", decided)

    def _handoffs(self, rows, case_id, stub, path, moments, holders, closed: bool, span, *, recovered: int,
                  filed_on) -> None:  # fmt: skip
        """The approved moves of the history (some returned first) and, for an open case, maybe one
        awaiting approval now: a move, or its closing submitted for 结案审查 (:mod:`.closing`)."""
        rng = self.rng
        for i in range(len(path) - 1):
            a, b = path[i], path[i + 1]
            move = self.moves.get((a, b))
            if move is None or not move.needs_approval:
                continue
            moved = moments[i + 1]
            room = (moved - moments[i]).total_seconds() / 3600
            by = holders[i][2]
            if rng.random() < RETURNED and room > 72:
                first = moved - timedelta(hours=rng.uniform(48, min(room - 4, 150)))
                back = first + timedelta(hours=rng.uniform(2, 20))
                self._handoff(rows, span, case_id, stub, a, b, first, by, "returned", back, self._reason(b))
                submitted = back + (moved - back) * rng.uniform(0.3, 0.9)
            else:
                submitted = moved - timedelta(hours=min(rng.uniform(1, 30), room * 0.8))
            self._handoff(
                rows, span, case_id, stub, a, b, submitted, by, "approved", moved - timedelta(minutes=1)
            )
        if closed:
            return
        here, entered = path[-1], moments[-1]
        options = [b for (a, b), m in self.moves.items() if a == here and m.needs_approval]
        if not options or rng.random() >= AWAITING:
            return
        b = rng.choice(options)
        day = self.as_of - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 6)))
        submitted = max(self._clock(self._office(day), span.end), entered + timedelta(minutes=40))
        if submitted >= span.end:
            return
        room = (submitted - entered).total_seconds() / 3600
        if self._is_review(b):  # a closing: submitted as submit_close records it

            def submit(at, status, decided, reason=""):
                self._closing(rows, span, case_id, stub, here, at, holders[-1][2], status, decided, reason,
                              recovered=recovered, filed_on=filed_on)  # fmt: skip
        else:

            def submit(at, status, decided, reason=""):
                self._handoff(rows, span, case_id, stub, here, b, at, holders[-1][2], status, decided, reason)

        if rng.random() < 0.15 and room > 40:
            first = submitted - timedelta(hours=rng.uniform(30, min(room - 2, 200)))
            back = first + timedelta(hours=rng.uniform(2, 20))
            if back < submitted:
                submit(first, "returned", back, self._reason(b))
        submit(submitted, "submitted", None)

    def _reason(self, to_stage: str) -> str:
        return self.rng.choice(RETURN_REASONS.get(to_stage, OTHER_REASONS))

    # --- travel (004 第三组 6) ----------------------------------------------------------------------
    def _travel(self, rows, case_id, path, moments, holders, closed: bool, span) -> None:
        rng = self.rng
        if "clue_query" not in path:
            return
        i = len(path) - 1 - path[::-1].index("clue_query")
        start = moments[i]
        left = moments[i + 1] if i + 1 < len(path) else span.end
        who = holders[i][2]
        here = not closed and i == len(path) - 1
        if here and rng.random() < 0.09:
            scope = self._next_scope()
            at = max(
                span.end - timedelta(days=rng.randint(0, 4), hours=rng.uniform(3, 8)),
                start + timedelta(hours=2),
            )
            if at < span.end:
                self._trip(rows, case_id, scope, at, who, None, span)
        elif (left - start).days >= 6 and rng.random() < 0.08:
            scope = rng.choices(tuple(board.TRAVEL_SCOPES), (40, 30, 20, 10))[0]
            at = start + (left - start) * rng.uniform(0.1, 0.6)
            decided = at + min(timedelta(hours=rng.uniform(2, 40)), (left - at) * 0.5)
            self._trip(rows, case_id, scope, at, who, decided, span)

    def _next_scope(self) -> str:
        """Waiting requests: the first few cover every level, then by distance."""
        n = self._travel_count = getattr(self, "_travel_count", 0) + 1
        scopes = tuple(board.TRAVEL_SCOPES)
        if n <= len(scopes):
            return scopes[n - 1]
        return self.rng.choices(scopes, (40, 30, 20, 10))[0]

    def _trip(self, rows, case_id, scope, at, who, decided, span) -> None:
        rng = self.rng
        from . import names as nm

        places = TRAVEL_PLACES[scope]
        destination = nm.address(rng, self.area) if places is None else rng.choice(places)
        level, scope_name = board.TRAVEL_SCOPES[scope]
        details = {"scope": scope, "scope_name": scope_name, "destination": destination,
                   "purpose": rng.choice(TRAVEL_PURPOSES)}  # fmt: skip
        aid = self._id("approval")
        row = {"id": aid, "case_id": case_id, "kind": "travel", "level": level, "details": details,
               "status": "pending", "requested_by": who, "requested_at": at, "decided_by": None,
               "decided_at": None, "note": ""}  # fmt: skip
        rows.approval.append(row)
        self._audit(rows, case_id, at, who, "travel_request", f"申请出差查找被执行人：{destination}（{scope_name}）",
                    entity="approval", entity_id=aid)  # fmt: skip
        if decided is None or decided >= span.end:
            return
        approve = rng.random() < 0.9
        by = self._approver(level)
        note = "" if approve else "先行电话及委托当地法院查找"
        row.update(status="approved" if approve else "rejected", decided_by=by, decided_at=decided, note=note)
        self._audit(rows, case_id, decided, by, "approval_decide",
                    ("批准" if approve else "不批准") + f"：{scope_name}" + (f"（{note}）" if note else ""),
                    entity="approval", entity_id=aid)  # fmt: skip

    def _approver(self, level: str) -> str:
        if level == "group_leader":
            leaders = [name for _sid, name, leader in self.staff.get("clue_query", []) if leader]
            if leaders:
                return leaders[0]
        return self._role_name(level)
