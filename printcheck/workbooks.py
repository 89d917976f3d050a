"""The .xlsx workbooks zhixing writes, for the print check: each through its public writer, with the
page budget its module declares.

A module that declares ``print_samples(desk, out)`` itself is printed by discovery
(:func:`printcheck.run.discover`) and skipped here; the adapters below print the workbooks whose
modules declare only a budget (or none yet: then the adapter's ``fallback`` applies and the report
says so). Budgets are looked up by name so a module's own — ``page_budget(figures)``,
``ledger_page_budget(rows)``, ``xlsx_page_budget(report)``, ``PAGE_BUDGET`` — wins over the fallback.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Workbook:
    module: str
    name: str
    write: Callable[[Any, Path], list[tuple[Path, int]]]


def _budget(module: Any, fallback: int, *candidates: tuple[str, tuple]) -> int:
    """The module's own budget: the first of ``candidates`` (function name, its arguments) it
    defines, else its PAGE_BUDGET, else ``fallback``."""
    for name, args in candidates:
        fn = getattr(module, name, None)
        if callable(fn):
            return int(fn(*args))
    value = getattr(module, "PAGE_BUDGET", None)
    return int(value) if isinstance(value, int) else fallback


def _call(fn: Callable, *args: Any, **maybe: Any) -> Any:
    """``fn(*args)`` with those of ``maybe`` its signature takes (a writer that learnt ``desk=``)."""
    params = inspect.signature(fn).parameters
    return fn(*args, **{k: v for k, v in maybe.items() if k in params})


def monthly(desk: Any, out: Path) -> list[tuple[Path, int]]:
    from zhixing_tui.domain.statistics import Month

    mod = importlib.import_module("zhixing_tui.services.printing.monthly_workbook")
    last = desk.today().replace(day=1) - timedelta(days=1)
    path, figures = mod.export_monthly(desk, Month(last.year, last.month), out / "月度执行工作统计.xlsx")
    return [(Path(path), _budget(mod, 12, ("page_budget", (figures,))))]


def overdue(desk: Any, out: Path) -> list[tuple[Path, int]]:
    mod = importlib.import_module("zhixing_tui.services.deadlines.report")
    rep = mod.overdue_report(desk)
    path = _call(mod.write_overdue_xlsx, rep, out / "超期节点.xlsx", desk=desk)
    rows = len(getattr(rep, "rows", ()) or ())
    return [(Path(path), _budget(mod, max(2, rows // 20 + 2), ("xlsx_page_budget", (rep,))))]


def ledger(desk: Any, out: Path) -> list[tuple[Path, int]]:
    mod = importlib.import_module("zhixing_tui.services.board.ledger")
    returned = mod.count_handoffs(desk, "returned")
    path = mod.export_ledger(desk, out / "流转退回整改台账.xlsx")
    return [(Path(path), _budget(mod, max(1, returned // 20 + 1), ("ledger_page_budget", (returned,))))]


def money(desk: Any, out: Path) -> list[tuple[Path, int]]:
    mod = importlib.import_module("zhixing_tui.services.money.report")
    rep = mod.money_report(desk)
    path = _call(mod.write_money_xlsx, rep, out / "案款报告.xlsx", desk=desk)
    return [(Path(path), _budget(mod, 12, ("xlsx_page_budget", (rep,))))]


def zhongben(desk: Any, out: Path) -> list[tuple[Path, int]]:
    mod = importlib.import_module("zhixing_tui.services.zhongben.report")
    rep = mod.zhongben_report(desk)
    path = _call(mod.write_zhongben_xlsx, rep, out / "终本案件定期查询.xlsx", desk=desk)
    return [(Path(path), _budget(mod, 12, ("xlsx_page_budget", (rep,))))]


WORKBOOKS = (
    Workbook("zhixing_tui.services.printing.monthly_workbook", "monthly_workbook", monthly),
    Workbook("zhixing_tui.services.deadlines.report", "overdue_workbook", overdue),
    Workbook("zhixing_tui.services.board.ledger", "ledger_workbook", ledger),
    Workbook("zhixing_tui.services.money.report", "money_workbook", money),
    Workbook("zhixing_tui.services.zhongben.report", "zhongben_workbook", zhongben),
)


def declared_budget(module: str) -> bool:
    """Whether ``module`` declares a page budget of its own (else the adapter's fallback is used)."""
    mod = importlib.import_module(module)
    return any(
        callable(getattr(mod, n, None)) for n in ("page_budget", "ledger_page_budget", "xlsx_page_budget")
    ) or isinstance(getattr(mod, "PAGE_BUDGET", None), int)
