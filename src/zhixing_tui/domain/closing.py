"""Closing methods (结案方式) of an enforcement case and how amounts must fit them.

The list follows the seeds (DOMAIN.md §2.8; 000 §二, 003 §四, 004 第六组) and the national
closing rules: 执行完毕, 终结本次执行程序 (终本), 终结执行, 不予执行, 驳回申请, 销案, 其他.
Staff type short forms (终本, 执完, 终结 …); :func:`normalize_closing_method` maps them.
"""

from __future__ import annotations

from ..errors import InvalidValue

__all__ = [
    "CLOSING_ALIASES",
    "CLOSING_METHODS",
    "EXECUTED_IN_FULL",
    "TERMINATED_THIS_ROUND",
    "check_closing_amounts",
    "normalize_closing_method",
]

EXECUTED_IN_FULL = "执行完毕"
TERMINATED_THIS_ROUND = "终结本次执行程序"
TERMINATED = "终结执行"

#: The closing methods, in the order reports list them.
CLOSING_METHODS: tuple[str, ...] = (
    EXECUTED_IN_FULL,
    TERMINATED_THIS_ROUND,
    TERMINATED,
    "不予执行",
    "驳回申请",
    "销案",
    "其他",
)

#: Short forms staff write → the method.
CLOSING_ALIASES: dict[str, str] = {
    "执完": EXECUTED_IN_FULL,
    "完毕": EXECUTED_IN_FULL,
    "执行完结": EXECUTED_IN_FULL,
    "终本": TERMINATED_THIS_ROUND,
    "终结本次": TERMINATED_THIS_ROUND,
    "终结本次执行": TERMINATED_THIS_ROUND,
    "终结": TERMINATED,
    "执行终结": TERMINATED,
    "和解终结": TERMINATED,
    "驳回": "驳回申请",
    "驳回执行申请": "驳回申请",
    "撤销": "销案",
}


def normalize_closing_method(text: str) -> str:
    """The closing method named by ``text`` (a method or an alias); raise ``InvalidValue`` otherwise."""
    s = (text or "").strip()
    if s in CLOSING_METHODS:
        return s
    if s in CLOSING_ALIASES:
        return CLOSING_ALIASES[s]
    raise InvalidValue(
        f"结案方式无法识别：「{s}」，应为 {'、'.join(CLOSING_METHODS)} 之一（或简称 终本、执完）",
        field="结案方式",
        value=text,
    )


def check_closing_amounts(method: str, *, closing_fen: int, recovered_fen: int, abandoned_fen: int) -> None:
    """Amounts must be non-negative, recovered + abandoned ≤ 结案标的额, and 执行完毕 needs the
    whole 结案标的额 recovered or abandoned. Raises ``InvalidValue`` naming the field.

    结案标的额 may exceed 申请执行标的额 (interest accrues until payment), so it is not bounded
    by the claim."""
    for label, value in (
        ("结案标的额", closing_fen),
        ("执行到位金额", recovered_fen),
        ("申请人放弃标的额", abandoned_fen),
    ):
        if value < 0:
            raise InvalidValue(f"{label}不能为负数", field=label, value=value)
    if recovered_fen + abandoned_fen > closing_fen:
        raise InvalidValue(
            "执行到位金额与申请人放弃标的额之和不能大于结案标的额", field="执行到位金额", value=recovered_fen
        )
    if method == EXECUTED_IN_FULL and recovered_fen + abandoned_fen != closing_fen:
        raise InvalidValue(
            "以执行完毕结案时，执行到位金额与申请人放弃标的额之和应等于结案标的额",
            field="执行到位金额",
            value=recovered_fen,
        )
