"""案款 balances and their reconciliation (pure).

An arrival (到账) is unclaimed until 认领 to a case; claimed money leaves by 发放 (paid out to a
payee) or 退回 (returned to the payer); what remains is the balance (余额). On any day:

* arrived = claimed + unclaimed
* claimed = paid + returned + balance

:class:`MoneyTotals` holds the five sums in 分 and :meth:`MoneyTotals.check` says which identity
does not hold (an empty tuple when the books reconcile).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["PAYOUT", "RETURN", "KINDS", "MoneyTotals", "balance"]

PAYOUT = "payout"  # 发放
RETURN = "return"  # 退回
KINDS = {PAYOUT: "发放", RETURN: "退回"}


def balance(amount_fen: int, paid_fen: int, returned_fen: int) -> int:
    """余额 of one arrival (or a case): its amount less what was paid out and returned."""
    return amount_fen - paid_fen - returned_fen


@dataclass(frozen=True, slots=True)
class MoneyTotals:
    """The desk's 案款 books on a day, in 分, with the counts of arrivals."""

    arrived_fen: int
    claimed_fen: int
    unclaimed_fen: int
    paid_fen: int
    returned_fen: int
    balance_fen: int
    arrived_count: int = 0
    unclaimed_count: int = 0

    def check(self) -> tuple[str, ...]:
        """The identities that fail (Chinese), or () when the totals reconcile."""
        out = []
        if self.arrived_fen != self.claimed_fen + self.unclaimed_fen:
            out.append("到账 ≠ 已认领 + 未认领")
        if self.claimed_fen != self.paid_fen + self.returned_fen + self.balance_fen:
            out.append("已认领 ≠ 已发放 + 已退回 + 余额")
        return tuple(out)

    def to_json(self) -> dict:
        return asdict(self)
