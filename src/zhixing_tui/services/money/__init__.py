"""案款 supervision: arrivals (到账), 认领 to a case, 发放 and 退回, balances, the late-payout
approval (浉河) and the lists and totals the 案款 screen and ``report money`` read."""
