"""Human citations for paper: a rule's ``source`` as a clerk reads it in a case file.

Profiles cite their seed documents by file number and clause (``"000 二(一)2"``,
``"002 §二.11"``, ``"004 第三组 9"``, ``"000 一(一)1 四是(1)；二(一)6"``). On paper that becomes the
document's own title and clause: ``《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》二（一）2``.
Sources that are already a citation (national rules: ``《最高人民法院关于……》第一条``) pass unchanged.

Pure: :func:`cite` takes the source text and returns the printed text; :data:`SEED_TITLES` holds
each seed document's title as it is printed on its first page.
"""

from __future__ import annotations

import re

__all__ = ["SEED_TITLES", "cite", "seed_title"]

#: seed file number → the document's title (as on the document, without its 文号)
SEED_TITLES: dict[str, str] = {
    "000": "汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）",
    "001": "执行权机制改革实施方案",
    "002": "固始县人民法院关于全面推行执行事务分段集约、繁简分流、速执团队、案件流转办案机制的实施意见",
    "003": "信阳市浉河区人民法院关于推进执行指挥中心实体化运行的实施细则（试行）",
    "004": "监利市人民法院执行“一站式”改革方案",
}

_SEED = re.compile(r"(?<![0-9A-Za-z])(\d{3})(?=\s|§|$)\s*")
_PARENS = str.maketrans({"(": "（", ")": "）"})


def seed_title(number: str) -> str | None:
    """The title of seed ``number`` (``"000"``), or None for a number no seed has."""
    return SEED_TITLES.get(number)


def _clause(text: str) -> str:
    return text.strip().replace("§", "").translate(_PARENS).strip()


def cite(source: str | None) -> str:
    """``"000 二(一)2"`` → ``《…实施方案（试行）》二（一）2``; several parts separated by ``；``
    each cite their document (a part without a number continues the previous document, and is
    printed without repeating its title); text that names no known seed is returned as it is."""
    text = (source or "").strip()
    if not text or not _SEED.search(text):
        return text
    out: list[str] = []
    for part in re.split(r"[；;]", text):
        part = part.strip()
        if not part:
            continue
        m = _SEED.match(part)
        title = seed_title(m.group(1)) if m else None
        if m and title:
            clause = _clause(part[m.end() :])
            out.append(f"《{title}》{clause}")
        else:
            out.append(_clause(part) if out else part)
    return "；".join(out)
