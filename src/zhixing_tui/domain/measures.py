"""执行措施: the kinds of measure a handler takes, which stay in force, how each is lifted, what
the law limits, and which deadline events each records. Pure: plain values in and out.

Sources:
* 《中华人民共和国民事诉讼法》第一百一十八条: 对个人的罚款金额，为人民币十万元以下；对单位的罚款金额，
  为人民币五万元以上一百万元以下；拘留的期限，为十五日以下.
* 《最高人民法院关于限制被执行人高消费及有关消费的若干规定》: 限制消费令 issued (发布) and lifted
  (解除); it stays in force after 终本 (法〔2016〕373号 第九条).
* 《最高人民法院关于公布失信被执行人名单信息的若干规定》: 纳入; 删除 (履行完毕 …, 第十条), 撤销 /
  更正 (纳入错误, 第十二条); 屏蔽 (the national system's suspension of publication).
* 边控 (限制出境, 民事诉讼法第二百六十六条) stays until 解除; 悬赏 stays until 撤销.
* 浉河 (seed 003 三(五)): 卷宗管理中心 enters 失信 and 限消 decisions within 1 working day — the
  ``entered_on`` step (录入); ``ENTRY_KINDS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import Conflict, InvalidValue

__all__ = [
    "CONSUMPTION_BAN",
    "DETENTION",
    "DETENTION_MAX_DAYS",
    "DISHONEST",
    "ENTRY_EVENT",
    "ENTRY_KINDS",
    "EXIT_BAN",
    "FINE",
    "FINE_COMPANY_MAX_FEN",
    "FINE_COMPANY_MIN_FEN",
    "FINE_PERSON_MAX_FEN",
    "INTERVIEW",
    "LASTING_KINDS",
    "LIFT_VERBS",
    "MEASURE_EVENTS",
    "MEASURE_KINDS",
    "MEASURE_STATES",
    "REWARD",
    "SEARCH",
    "TAKE_VERBS",
    "ZHONGBEN_INTERVIEW",
    "MeasureInput",
    "check_entry",
    "check_lift",
    "check_measure",
    "initial_state",
    "kind_name",
    "party_role_for",
    "require_kind",
    "state_name",
]

CONSUMPTION_BAN = "consumption_ban"
DISHONEST = "dishonest"
FINE = "fine"
DETENTION = "detention"
EXIT_BAN = "exit_ban"
INTERVIEW = "interview"
ZHONGBEN_INTERVIEW = "zhongben_interview"
SEARCH = "search"
REWARD = "reward"

#: kind code → Chinese name (the codes stored in ``measure.kind``)
MEASURE_KINDS: dict[str, str] = {
    CONSUMPTION_BAN: "限制消费",
    DISHONEST: "失信",
    FINE: "罚款",
    DETENTION: "拘留",
    EXIT_BAN: "边控（限制出境）",
    INTERVIEW: "约谈",
    ZHONGBEN_INTERVIEW: "终本约谈",
    SEARCH: "搜查",
    REWARD: "悬赏",
}

#: the verb a clerk reads for taking each kind (发布限制消费令, 纳入失信名单 …)
TAKE_VERBS: dict[str, str] = {
    CONSUMPTION_BAN: "发布",
    DISHONEST: "纳入",
    FINE: "决定",
    DETENTION: "决定",
    EXIT_BAN: "决定",
    INTERVIEW: "进行",
    ZHONGBEN_INTERVIEW: "进行",
    SEARCH: "实施",
    REWARD: "发布",
}

#: state code → Chinese name
MEASURE_STATES: dict[str, str] = {
    "active": "在执行",
    "lifted": "已解除",
    "shielded": "已屏蔽",
    "revoked": "已撤销",
    "done": "已完成",
}

#: kinds that stay in force until lifted; every other kind is a one-off act, ``done`` when taken
#: (migration 0003 sets the same states on the rows it translates)
LASTING_KINDS = frozenset({CONSUMPTION_BAN, DISHONEST, EXIT_BAN, REWARD})

#: kind → {lifting verb → the state it leaves}; one-off kinds cannot be lifted
LIFT_VERBS: dict[str, dict[str, str]] = {
    CONSUMPTION_BAN: {"解除": "lifted"},
    DISHONEST: {"删除": "lifted", "屏蔽": "shielded", "撤销": "revoked"},
    EXIT_BAN: {"解除": "lifted"},
    REWARD: {"撤销": "revoked"},
}

#: kinds whose decision must then be entered (录入) in the national system (003 三(五)3)
ENTRY_KINDS = frozenset({DISHONEST, CONSUMPTION_BAN})
ENTRY_EVENT = "dishonest_entered"

#: kind → the deadline events taking it records (domain/events.py), in order
MEASURE_EVENTS: dict[str, tuple[str, ...]] = {
    CONSUMPTION_BAN: ("consumption_ban_issued", "dishonest_decided", "measures_taken"),
    DISHONEST: ("dishonest_decided", "measures_taken"),
    FINE: ("measures_taken",),
    DETENTION: ("measures_taken",),
    EXIT_BAN: ("measures_taken",),
    SEARCH: ("measures_taken",),
    REWARD: ("measures_taken",),
    INTERVIEW: (),
    ZHONGBEN_INTERVIEW: ("zhongben_interview",),
}

#: 民事诉讼法第一百一十八条
DETENTION_MAX_DAYS = 15
FINE_PERSON_MAX_FEN = 100_000_00  # 个人：十万元以下
FINE_COMPANY_MIN_FEN = 50_000_00  # 单位：五万元以上
FINE_COMPANY_MAX_FEN = 1_000_000_00  # 一百万元以下
_LAW = "《中华人民共和国民事诉讼法》第一百一十八条"


def kind_name(kind: str) -> str:
    return MEASURE_KINDS.get(kind, kind)


#: a one-off act that is ``done`` reads as what was done: 约谈/搜查 took place; 罚款/拘留 were decided
#: (paying the fine, serving the days are not recorded here, so "完成" would claim too much)
_DONE_NAMES = {FINE: "已决定", DETENTION: "已决定"}


def state_name(state: str, kind: str | None = None) -> str:
    """The Chinese name of ``state`` (of a measure of ``kind``, where the name depends on it)."""
    if state == "done" and kind in _DONE_NAMES:
        return _DONE_NAMES[kind]
    return MEASURE_STATES.get(state, state)


def require_kind(kind: str) -> str:
    """``kind`` as a code: accepts the code or its Chinese name (限消 and 边控 too)."""
    text = kind.strip()
    if text in MEASURE_KINDS:
        return text
    aliases = {name: code for code, name in MEASURE_KINDS.items()}
    aliases.update({"限消": CONSUMPTION_BAN, "边控": EXIT_BAN, "限制出境": EXIT_BAN, "纳入失信": DISHONEST})
    if text in aliases:
        return aliases[text]
    names = "、".join(MEASURE_KINDS.values())
    raise InvalidValue(f"措施种类不认识：{kind}（可用：{names}）", field="措施种类", value=kind)


def initial_state(kind: str) -> str:
    """``active`` for a measure that stays in force, ``done`` for a one-off act."""
    return "active" if kind in LASTING_KINDS else "done"


def party_role_for(kind: str) -> str:
    """Whom the measure is taken on: 终本约谈 is held with the applicant, everything else with a
    respondent."""
    return "applicant" if kind == ZHONGBEN_INTERVIEW else "respondent"


@dataclass(frozen=True, slots=True)
class MeasureInput:
    kind: str
    decided_on: date
    party_kind: str  # person | company | organ | other_org
    days: int | None = None
    amount_fen: int | None = None
    note: str = ""


def _not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise InvalidValue(f"{field}不能晚于今天（{today.isoformat()}）：{day.isoformat()}", field=field)


def check_measure(m: MeasureInput, today: date) -> None:
    """Refuse a measure the law or the record does not allow (InvalidValue naming the field)."""
    _not_future(m.decided_on, today, "决定日期")
    if m.kind == DETENTION:
        if m.party_kind != "person" and not m.note.strip():  # §118: a unit's people are detained
            raise InvalidValue(
                "被执行人是单位的，拘留的是其主要负责人或者直接责任人员"
                f"（{_LAW}）：请在备注中写明被拘留人的职务和姓名，如“法定代表人王五”",
                field="备注",
            )
        if m.days is None or not 1 <= m.days <= DETENTION_MAX_DAYS:
            raise InvalidValue(
                f"拘留期限应为1至{DETENTION_MAX_DAYS}日（{_LAW}）：{m.days if m.days is not None else '未填'}",
                field="拘留天数",
                value=m.days,
            )
    elif m.days is not None:
        raise InvalidValue(f"只有拘留填写天数（{kind_name(m.kind)}不填）", field="拘留天数", value=m.days)
    if m.kind == FINE:
        _check_fine(m.amount_fen, m.party_kind)
    elif m.kind == REWARD:
        if m.amount_fen is None or m.amount_fen <= 0:
            raise InvalidValue("悬赏金额应大于0", field="金额", value=m.amount_fen)
    elif m.amount_fen is not None:
        raise InvalidValue(
            f"只有罚款、悬赏填写金额（{kind_name(m.kind)}不填）", field="金额", value=m.amount_fen
        )


def _check_fine(amount: int | None, party_kind: str) -> None:
    if amount is None or amount <= 0:
        raise InvalidValue("罚款金额应大于0", field="金额", value=amount)
    if party_kind == "person":
        if amount > FINE_PERSON_MAX_FEN:
            raise InvalidValue(f"对个人的罚款金额应为十万元以下（{_LAW}）", field="金额", value=amount)
    elif not FINE_COMPANY_MIN_FEN <= amount <= FINE_COMPANY_MAX_FEN:
        raise InvalidValue(
            f"对单位的罚款金额应为五万元以上一百万元以下（{_LAW}）", field="金额", value=amount
        )


def check_lift(kind: str, state: str, verb: str, decided_on: date, on: date, today: date) -> str:
    """The state lifting a measure with ``verb`` on ``on`` leaves; refused when it cannot."""
    verbs = LIFT_VERBS.get(kind)
    if not verbs:
        raise Conflict(f"{kind_name(kind)}是一次性措施，已执行完毕，无需解除")
    if state != "active":
        raise Conflict(f"该{kind_name(kind)}措施{state_name(state, kind)}，不能再{verb}")
    if verb not in verbs:
        raise InvalidValue(
            f"{kind_name(kind)}不能“{verb}”（可用：{'、'.join(verbs)}）", field="解除方式", value=verb
        )
    _not_future(on, today, "解除日期")
    if on < decided_on:
        raise InvalidValue(
            f"解除日期 {on.isoformat()} 早于决定日期 {decided_on.isoformat()}", field="解除日期", value=on
        )
    return verbs[verb]


def check_entry(kind: str, entered_on: date | None, decided_on: date, on: date, today: date) -> None:
    """Refuse a 录入 that does not fit: wrong kind, already entered, before the decision, future."""
    if kind not in ENTRY_KINDS:
        raise Conflict(f"{kind_name(kind)}无需录入（只有失信、限制消费决定需录入系统）")
    if entered_on is not None:
        raise Conflict(f"该{kind_name(kind)}决定已于 {entered_on.isoformat()} 录入")
    _not_future(on, today, "录入日期")
    if on < decided_on:
        raise InvalidValue(
            f"录入日期 {on.isoformat()} 早于决定日期 {decided_on.isoformat()}", field="录入日期", value=on
        )


def may_take_measures(case_status: str) -> bool:
    """Whether a new measure may be taken on a case in ``case_status`` (not once it is closed;
    lifting one still in force — 解除限消 after the respondent paid — stays possible)."""
    return case_status != "closed"
