"""Pinyin search keys for names, so the window clerk can type ``zs`` to find 张三.

:func:`initials` gives the lower-case first letters (张三 → ``zs``), :func:`full_pinyin` the
toneless syllables run together (``zhangsan``) and :func:`search_key` both, separated by a
space (``zs zhangsan``), to store in an indexed column and match with ``LIKE '%q%'``.

Person names read their surname with its surname reading (单 shan, 曾 zeng, 仇 qiu, 解 xie,
查 zha, 区 ou, 朴 piao, …; compound surnames such as 尉迟 yuchi first). pypinyin 0.55 has
no surname mode (``lazy_pinyin`` reads 单雄信 as ``dan xiong xin``), so the surname readings
come from the small table below; the rest of the name goes through ``lazy_pinyin``.

ASCII letters and digits are kept (lower-cased), full-width ones are folded to ASCII first;
any other character (punctuation, brackets, spaces) is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SURNAME_READINGS", "full_pinyin", "initials", "search_key", "syllables"]

#: Surnames whose surname reading differs from pypinyin's everyday reading.
#: Compound surnames are matched before single characters.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    # compound surnames
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "单于": ("chan", "yu"),
    # single-character surnames
    "单": ("shan",),
    "曾": ("zeng",),
    "仇": ("qiu",),
    "解": ("xie",),
    "查": ("zha",),
    "区": ("ou",),
    "朴": ("piao",),
    "盖": ("ge",),
    "缪": ("miao",),
    "翟": ("zhai",),
    "覃": ("qin",),
    "秘": ("bi",),
    "召": ("shao",),
    "种": ("chong",),
    "繁": ("po",),
    "句": ("gou",),
    "员": ("yun",),
    "长": ("chang",),
    "乐": ("yue",),
    "柏": ("bai",),
    "过": ("guo",),
    "尉": ("wei",),
}
_SURNAMES_LONGEST_FIRST = sorted(SURNAME_READINGS, key=len, reverse=True)

# CJK unified ideographs (basic, extension A, compatibility, extensions B+).
_HAN_RUN_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")
_ASCII_ALNUM_RE = re.compile(r"[a-z0-9]+")


def _han_syllables(run: str) -> list[str]:
    out: list[str] = []
    # pypinyin loads its phrase dictionary (a fifth of a second) on import: only when a name is
    # first read, never for a screen that shows stored names.
    from pypinyin import Style, lazy_pinyin

    # A character pypinyin cannot read yields no syllable.
    for syllable in lazy_pinyin(run, style=Style.NORMAL, errors="ignore"):
        syllable = "".join(ch for ch in syllable.lower() if "a" <= ch <= "z")
        if syllable:
            out.append(syllable)
    return out


def _pieces(text: str, is_person_name: bool) -> list[tuple[str, bool]]:
    """(piece, is_chinese) in reading order: one toneless syllable per Chinese character,
    one piece per run of ASCII letters/digits (lower-cased); everything else dropped."""
    # Leading punctuation/brackets/spaces would hide the surname: "（单雄信）".
    s = re.sub(r"^[\W_]+", "", unicodedata.normalize("NFKC", text))
    pieces: list[tuple[str, bool]] = []
    if is_person_name:
        surname = next((name for name in _SURNAMES_LONGEST_FIRST if s.startswith(name)), None)
        if surname is not None:
            pieces.extend((p, True) for p in SURNAME_READINGS[surname])
            s = s[len(surname) :]
    for part in _HAN_RUN_RE.split(s):
        if not part:
            continue
        if _HAN_RUN_RE.fullmatch(part):
            pieces.extend((p, True) for p in _han_syllables(part))
        else:
            pieces.extend((p, False) for p in _ASCII_ALNUM_RE.findall(part.lower()))
    return pieces


def syllables(text: str, *, is_person_name: bool = True) -> list[str]:
    """The pieces of ``text`` in reading order: 单雄信 → ``["shan", "xiong", "xin"]``."""
    return [piece for piece, _ in _pieces(text, is_person_name)]


def initials(text: str, *, is_person_name: bool = True) -> str:
    """Lower-case first letters: 张三 → ``zs``, 李林霞 → ``llx``, 单雄信 → ``sxx``.

    ASCII letters and digits are kept whole (lower-cased): ``A区3号`` → ``aq3h``.
    """
    return "".join(piece[0] if is_han else piece for piece, is_han in _pieces(text, is_person_name))


def full_pinyin(text: str, *, is_person_name: bool = True) -> str:
    """Toneless pinyin run together: 张三 → ``zhangsan``, 曾国藩 → ``zengguofan``."""
    return "".join(syllables(text, is_person_name=is_person_name))


@lru_cache(maxsize=65_536)  # an import meets the same bank or company on thousands of rows
def search_key(text: str, *, is_person_name: bool = True) -> str:
    """``"initials full"`` for an indexed search column: 张三 → ``"zs zhangsan"``."""
    pieces = _pieces(text, is_person_name)
    if not pieces:
        return ""
    short = "".join(piece[0] if is_han else piece for piece, is_han in pieces)
    return f"{short} {''.join(piece for piece, _ in pieces)}"
