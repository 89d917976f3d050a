"""Citations as a person reads them: the seed document's own title and clause.

Every profile rule cites the seed clause it encodes in a short engineering form — ``000 二(一)2``,
``002 §二.11(2)``, ``004 第六组 3.(四)``, ``000 一(二)；二(二)13`` — which is right for the
profiles' reviewers and wrong on paper that goes into a case file. :func:`cite` turns it into
``《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》二（一）2``: the document's
title as the court issued it (:data:`SEED_TITLES`, one per seed file) and the clause with full-width
brackets. A citation of a national provision (``《最高人民法院关于……》第四百八十五条``) is already
readable and is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "NATIONAL_SHORT_TITLES",
    "SEED_SHORT_TITLES",
    "SEED_TITLES",
    "abbreviations",
    "cite",
    "cite_clause",
    "short_title_note",
    "seed_number",
]

#: seed number → the title of the document as the court issued it (seeds/NNN_*.txt)
SEED_TITLES: dict[str, str] = {
    "000": "《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》",
    "001": "《执行权机制改革实施方案》",
    "002": "《固始县人民法院关于全面推行执行事务分段集约、繁简分流、速执团队、案件流转办案机制的实施意见》",
    "003": "《信阳市浉河区人民法院关于推进执行指挥中心实体化运行的实施细则（试行）》",
    "004": "《监利市人民法院执行“一站式”改革方案》",
}

#: the short name a form uses for the document in a narrow column, after naming it once in full
#: (:func:`short_title_note`)
SEED_SHORT_TITLES: dict[str, str] = {
    "000": "《实施方案》",
    "001": "《实施方案》",
    "002": "《实施意见》",
    "003": "《实施细则》",
    "004": "《改革方案》",
}

#: national provisions the rules cite → the short name a narrow column uses (:func:`abbreviations`
#: lists the ones a form used, in full)
NATIONAL_SHORT_TITLES: dict[str, str] = {
    "《最高人民法院关于人民法院办理执行案件若干期限的规定》": "《执行期限规定》",
    "《最高人民法院关于严格执行案件审理期限制度的若干规定》": "《审限规定》",
    "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》": "《民诉法解释》",
    "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》": "《终本规定》",
    "《最高人民法院关于限制被执行人高消费及有关消费的若干规定》": "《限制高消费规定》",
    "《最高人民法院关于公布失信被执行人名单信息的若干规定》": "《失信名单规定》",
    "《最高人民法院关于人民法院网络司法拍卖若干问题的规定》": "《网络司法拍卖规定》",
    "《中华人民共和国民事诉讼法》": "《民事诉讼法》",
    "《中华人民共和国民法典》": "《民法典》",
}
# a document number after a title: （法发〔2006〕35号）
_DOC_NO = re.compile(r"（[^（）]*〔\d{4}〕\d+号）")
# an explanation after the article: …第九条第二款（终结本次执行程序后的五年内……）
_GLOSS = re.compile(
    r"(第[一二三四五六七八九十百零]+[条款项](?:[、第一二三四五六七八九十百零]+[条款项])*)（[^》]*?）"
)

# "000 …", "000_8c48a5c3ab188dfd.txt 阶段 …" (a stage without its own source), "§" before a clause
_SEED = re.compile(r"^\s*(\d{3})(?:_[0-9a-fA-F]+(?:\.txt)?)?(?=\s|$|§)\s*(.*)$", re.S)
_OPEN, _CLOSE = "（(《〈[", "）)》〉]"


def _parts(source: str) -> list[str]:
    """``source`` split at ；/; outside brackets (a gloss in （…） may hold a ；)."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in source:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in "；;" and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [p for p in out if p]


def seed_number(seed: str) -> str:
    """``000_8c48a5c3ab188dfd.txt`` (a profile's ``court.seed``) → ``000``."""
    return seed.strip()[:3]


def cite_clause(clause: str) -> str:
    """A clause as printed: full-width brackets, no ``§``, no space inside (``二(一)2`` → ``二（一）2``,
    ``§二.11(2)`` → ``二、11（2）``, ``第六组 3.(四)`` → ``第六组3（四）``)."""
    text = clause.strip().replace("§", "")
    text = text.replace("(", "（").replace(")", "）")
    # 二.11 → 二、11 (the seed numbers its parts 一、二、 and their items 1. 2.)
    text = re.sub(r"(?<=[一二三四五六七八九十])\.(?=\d)", "、", text)
    # 3.（四） → 3（四）; a trailing "3." → "3"
    text = re.sub(r"(?<=\d)\.(?=（|$)", "", text)
    # spaces between a part and its item (第六组 3, 阶段 速执团队) carry no meaning on paper
    text = re.sub(r"(?<=[^\s])\s+(?=\d)", "", text)
    return re.sub(r"\s+", " ", text)


def short_title_note(seed: str) -> str:
    """The line a form prints once when its columns cite ``seed`` by its short name."""
    n = seed_number(seed)
    return f"{SEED_SHORT_TITLES[n]}指{SEED_TITLES[n]}。"


def cite(source: str, *, short: bool = False) -> str:
    """``source`` as a person reads it: each seed reference as 《title》clause (the short title,
    《实施方案》…, with ``short``), clauses of the same document joined by ；; anything that is not
    a seed reference (a national law) unchanged."""
    if not source or not source.strip():
        return ""
    out: list[str] = []
    current: str | None = None
    clauses: list[str] = []

    def flush() -> None:
        if current is not None:
            joined = "；".join(c for c in clauses if c)
            title = (SEED_SHORT_TITLES if short else SEED_TITLES)[current]
            out.append(f"{title}{joined}")

    for part in _parts(source.strip()):
        if not part:
            continue
        m = _SEED.match(part)
        if m and m.group(1) in SEED_TITLES:
            if m.group(1) != current:
                flush()
                current, clauses = m.group(1), []
            clauses.append(cite_clause(m.group(2)))
        elif current is not None and not part.startswith("《"):
            # "000 一(二)；二(二)13": a clause of the document named before it
            clauses.append(cite_clause(part))
        else:
            flush()
            current, clauses = None, []
            out.append(_short_national(part) if short else part)
    flush()
    return "；".join(out)


def _short_national(text: str) -> str:
    """A national citation in a narrow column: the short title, no document number, no gloss."""
    text = _DOC_NO.sub("", text)
    # "公告……的期间不计入：《审限规定》第九条" → the provision only
    if "：《" in text:
        text = text[text.index("：《") + 1 :]
    text = _GLOSS.sub(r"\1", text)
    for full, short_name in NATIONAL_SHORT_TITLES.items():
        text = text.replace(full, short_name)
    return text


def abbreviations(sources: Iterable[str]) -> list[str]:
    """The short titles :func:`cite` ``short=True`` used for ``sources``, each with its full
    title (``《实施意见》指《固始县人民法院……实施意见》``), in the order first used."""
    seen: dict[str, str] = {}
    for source in sources:
        for part in _parts(source or ""):
            m = _SEED.match(part)
            if m and m.group(1) in SEED_TITLES:
                seen.setdefault(SEED_SHORT_TITLES[m.group(1)], SEED_TITLES[m.group(1)])
            for full, short_name in NATIONAL_SHORT_TITLES.items():
                if full in part:
                    seen.setdefault(short_name, full)
    return [f"{short_name}指{full}" for short_name, full in seen.items()]
