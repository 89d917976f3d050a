"""``make print-check``: every printed form and workbook zhixing writes, for every court profile,
from a small demo database, converted with LibreOffice to PDF and checked the way a clerk would
look at the paper.

Run: ``.venv/bin/python -m printcheck [--cases 300] [--profile ruyang …] [--out build/print-check]``.

What is printed: every module under ``zhixing_tui.services`` that declares ``PAGE_BUDGET`` (the most
pages one written file may take) and ``print_samples(desk, out)`` (writes its output for a few cases
of the database into ``out``; returns the paths, or (path, budget) pairs), and the workbooks of
:mod:`printcheck.workbooks` through their writers with the budgets their modules declare. Before writing, :mod:`printcheck.scenarios` records
through the services what the demo leaves out (a 简转繁 decision, a late 案款 request, an asset in
disposal), so every form has a case to print.

It fails (exit 1) on: a .docx whose structure will not print well (a table wider than the text
area, a grid that disagrees with its cells, type under 9 pt, no East Asian language, no page X / Y:
:mod:`printcheck.docx_structure`), a PDF over its page budget, without the court's name, with tofu
(U+FFFD, a font not embedded, 汉字 without a CJK face) or with type under 9 pt on paper
(:mod:`printcheck.pdf`), and a declared output that printed nothing for any of the five profiles.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

from . import pdf as pdfcheck
from .docx_structure import docx_problems
from .workbooks import WORKBOOKS, declared_budget

PROFILES = ("ruyang", "jianli", "gushi", "shihe", "kuaizhi")
#: the demo's as-of day: every run prints the same papers
AS_OF = date(2026, 12, 6)
OPERATOR = "打印检查"


@dataclass(frozen=True, slots=True)
class Output:
    """One printable output: its module, page budget and the function that writes its samples
    (``samples(desk, out)`` returns paths, or (path, budget) pairs where a file has its own)."""

    module: str
    budget: int
    samples: object
    name: str = ""
    note: str = ""  # e.g. the budget is the check's fallback: the module declares none

    @property
    def short(self) -> str:
        return self.name or self.module.rsplit(".", 1)[-1]


@dataclass(slots=True)
class Written:
    profile: str
    court: str
    output: Output
    path: Path
    budget: int
    problems: list[str] = field(default_factory=list)
    pages: int = 0


def discover(package: str = "zhixing_tui.services") -> list[Output]:
    """Every module under ``package`` that declares PAGE_BUDGET and print_samples."""
    root = importlib.import_module(package)
    out = []
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if "migrations" in info.name:
            continue
        mod: ModuleType = importlib.import_module(info.name)
        budget = getattr(mod, "PAGE_BUDGET", None)
        samples = getattr(mod, "print_samples", None)
        if isinstance(budget, int) and callable(samples):
            out.append(Output(info.name, budget, samples))
    declared = {o.module for o in out}
    for wb in WORKBOOKS:  # workbooks whose modules declare no print_samples (yet)
        if wb.module not in declared:
            note = (
                ""
                if declared_budget(wb.module)
                else "budget: the check's fallback (the module declares none)"
            )
            out.append(Output(wb.module, 0, wb.write, name=wb.name, note=note))
    return sorted(out, key=lambda o: o.module)


def build_database(path: Path, profile: str, cases: int, seed: int = 1):
    """A fresh demo database for ``profile`` (the same services the app uses); return its Desk."""
    from zhixing_tui.demo.build import build_demo
    from zhixing_tui.services.desk import Desk
    from zhixing_tui.services.setup import init_database

    if path.exists():
        path.unlink()
    desk = Desk.open(str(path), operator=OPERATOR, as_of=AS_OF)
    init_database(desk, profile, seed=seed)
    build_demo(desk, profile_id=profile, cases=cases, seed=seed, as_of=AS_OF)
    return desk


def write_outputs(desk, profile: str, outputs: Sequence[Output], folder: Path) -> list[Written]:
    """Every output's samples for one profile, each in its own folder (names unique per run)."""
    written = []
    court = desk.profile.court.name
    for o in outputs:
        sub = folder / profile / o.short
        sub.mkdir(parents=True, exist_ok=True)
        try:
            results = o.samples(desk, sub)  # type: ignore[operator]
        except Exception as exc:  # a form that cannot be written is a failure of the check
            w = Written(profile, court, o, sub / "(none)", o.budget)
            w.problems.append(f"print_samples raised {type(exc).__name__}: {exc}")
            written.append(w)
            continue
        for item in results:
            p, budget = item if isinstance(item, tuple) else (item, o.budget)
            # LibreOffice names each PDF after its source: make every stem unique
            unique = Path(p).with_name(f"{profile}-{o.short}-{Path(p).stem}{Path(p).suffix}")
            Path(p).rename(unique)
            written.append(Written(profile, court, o, unique, budget))
    return written


def check(written: list[Written], pdf_dir: Path) -> None:
    """Structure of each .docx, then one LibreOffice run for all, then each PDF."""
    for w in written:
        if w.path.suffix == ".docx" and w.path.exists():
            w.problems.extend(docx_problems(w.path))
    sources = [w.path for w in written if w.path.exists()]
    pdfs = pdfcheck.convert_all(sources, pdf_dir) if sources else {}
    for w in written:
        if not w.path.exists():
            continue
        pdf = pdfs.get(w.path)
        if pdf is None:
            w.problems.append("LibreOffice wrote no PDF")
            continue
        w.pages = pdfcheck.page_count(pdf)
        w.problems.extend(pdfcheck.pdf_problems(pdf, court=w.court, budget=w.budget))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m printcheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=300, help="demo cases per profile")
    parser.add_argument("--profile", action="append", choices=PROFILES, help="only these profiles")
    parser.add_argument("--out", type=Path, default=Path("build/print-check"), help="where to write")
    parser.add_argument("--module", action="append", help="only outputs whose module name contains this")
    parser.add_argument("--kind", choices=("docx", "xlsx"), help="only forms (docx) or only workbooks (xlsx)")
    args = parser.parse_args(argv)
    missing = [t for t, ok in (("soffice", pdfcheck.SOFFICE), ("poppler-utils", pdfcheck.POPPLER)) if not ok]
    if missing:
        print(f"print-check needs {' and '.join(missing)}", file=sys.stderr)
        return 2
    from zhixing_tui import clock

    from .scenarios import add_scenarios

    outputs = discover()
    if args.module:
        outputs = [o for o in outputs if any(m in o.module for m in args.module)]
    profiles = args.profile or list(PROFILES)
    out = args.out.resolve()
    written: list[Written] = []
    for profile in profiles:
        print(f"{profile}: demo of {args.cases} cases …", flush=True)
        desk = build_database(out / "db" / f"{profile}.db", profile, args.cases)
        try:
            with clock.using(desk.clock):
                add_scenarios(desk)
                written += write_outputs(desk, profile, outputs, out / "files")
        finally:
            desk.engine.dispose()
    if args.kind:
        written = [w for w in written if w.path.suffix == f".{args.kind}"]
        outputs = [o for o in outputs if any(w.output is o for w in written)]
    print(f"converting {len(written)} files with LibreOffice …", flush=True)
    check(written, out / "pdf")
    failed = report(written, outputs, profiles)
    return 1 if failed else 0


def report(written: list[Written], outputs: Sequence[Output], profiles: Sequence[str]) -> bool:
    """Print one line per file and the failures; True when anything failed."""
    failed = False
    for w in written:
        mark = "FAIL" if w.problems else "ok  "
        print(f"{mark} {w.profile:8} {w.output.short:22} {w.pages}/{w.budget} pp  {w.path.name}")
        for p in w.problems:
            print(f"       - {p}")
        failed |= bool(w.problems)
    for o in outputs:
        if o.note:
            print(f"note {o.short}: {o.note}")
    every_court = set(profiles) == set(PROFILES)
    for o in outputs:
        if not any(w.output is o for w in written):
            # a form some courts do not use prints nothing for them; for none of the five, it is a gap
            print(
                f"{'FAIL' if every_court else 'note'} {o.module}: printed nothing for {', '.join(profiles)}"
            )
            failed |= every_court
    print(f"{len(written)} files, {sum(bool(w.problems) for w in written)} failing")
    return failed
