"""LibreOffice and poppler: convert written files to PDF the way a clerk's office suite prints them,
then read the PDF back (``pdfinfo``, ``pdftotext``, ``pdftotext -bbox``, ``pdffonts``).

``soffice`` starts slowly, so :func:`convert_all` converts many files in one invocation; it gets a
profile of its own in a temporary folder (two instances sharing one exit 77), a UTF-8 locale and
the headless VCL.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdffonts"))
MIN_PT = 9.0
#: how far a measured size may fall under :data:`MIN_PT` (rounding in the PDF's coordinates)
SIZE_TOLERANCE = 0.3
#: a face LibreOffice picked for CJK text: anything of these families carries 汉字
CJK_FONT = re.compile(r"CJK|Song|Sim|Fang|Hei|Kai|Ming|WenQuanYi|Droid.*Fallback|Source.*Han", re.I)


def convert_all(paths: Sequence[Path], outdir: Path, *, timeout: float = 1800) -> dict[Path, Path]:
    """Convert ``paths`` to PDF in ``outdir`` with one soffice run; {source: pdf} of those written.

    The sources' names must differ (LibreOffice names each PDF after its source's stem)."""
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    stems = [p.stem for p in paths]
    dup = {s for s in stems if stems.count(s) > 1}
    assert not dup, f"two sources named alike: {sorted(dup)}"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhixing-soffice-") as home:
        env = {**os.environ, "HOME": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SAL_USE_VCLPLUGIN": "svp"}
        done = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(home, 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--nologo",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    if done.returncode != 0:
        raise RuntimeError(f"soffice exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return {p: outdir / f"{p.stem}.pdf" for p in paths if (outdir / f"{p.stem}.pdf").exists()}


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True, timeout=120).stdout.decode(
        "utf-8", "replace"
    )


def page_count(pdf: Path) -> int:
    m = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M)
    return int(m.group(1)) if m else 0


def text_of(pdf: Path) -> str:
    return _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")


@dataclass(frozen=True, slots=True)
class Font:
    name: str
    type: str
    embedded: bool


def fonts_of(pdf: Path) -> list[Font]:
    out = []
    for line in _run("pdffonts", str(pdf)).splitlines()[2:]:
        # name, type (may hold spaces: "Type 1", "CID TrueType"), encoding, emb, sub, uni, object id
        m = re.match(r"^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        if m:
            out.append(Font(m.group(1), m.group(2).strip(), m.group(4) == "yes"))
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def smallest_cjk_size(pdf: Path) -> tuple[float, str, int] | None:
    """(size in pt, the word, page) of the smallest 汉字 on any page, or None without 汉字.

    Every CJK glyph is one em wide, so a word of ``n`` full-width characters that is ``w`` points
    wide is set in ``w / n`` points — on paper, after any scaling (a workbook fitted to the page)."""
    xml = _run("pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ElementTree.fromstring(xml)
    best: tuple[float, str, int] | None = None
    for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            word = w.text or ""
            if len(word) < 2 or not all(_wide(c) for c in word):
                continue
            size = (float(w.get("xMax", 0)) - float(w.get("xMin", 0))) / len(word)
            if best is None or size < best[0]:
                best = (size, word, n)
    return best


def pdf_problems(pdf: Path, *, court: str, budget: int) -> list[str]:
    """What fails on paper: more pages than ``budget``, no court name, tofu, a font not embedded or
    no CJK face for the 汉字, type under 9 pt."""
    out = []
    pages = page_count(pdf)
    if pages > budget:
        out.append(f"{pages} pages, budget {budget}")
    text = text_of(pdf)
    flat = re.sub(r"\s+", "", text)
    if re.sub(r"\s+", "", court) not in flat:
        out.append(f"court name {court} not printed")
    if "\ufffd" in text:
        out.append(f"{text.count(chr(0xFFFD))} missing glyphs (U+FFFD)")
    fonts = fonts_of(pdf)
    for f in fonts:
        if not f.embedded:
            out.append(f"font {f.name} not embedded")
        if f.type == "Type 3":
            out.append(f"font {f.name} is Type 3 (a bitmap fallback)")
    if any(_wide(c) for c in text) and not any(CJK_FONT.search(f.name) for f in fonts):
        out.append("汉字 printed without a CJK font: " + ", ".join(f.name for f in fonts))
    smallest = smallest_cjk_size(pdf)
    if smallest is not None and smallest[0] < MIN_PT - SIZE_TOLERANCE:
        size, word, page = smallest
        out.append(f"text of {size:.1f} pt on page {page} ({word[:12]})")
    return out
