"""Loading and checking court profiles (``profiles/data/<id>.toml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from ..errors import ProfileError
from .schema import Profile

DATA_DIR = Path(__file__).parent / "data"

#: The shipped profiles, in seed order.
PROFILE_IDS = ("ruyang", "kuaizhi", "gushi", "shihe", "jianli")


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(顶层)"


_PYDANTIC_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的键（拼写错误或不属于此处）",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（数组）",
    "dict_type": "应为表（table）",
    "model_type": "应为表（table）",
    "literal_error": "取值不在允许范围内",
    "string_pattern_mismatch": "格式不符（只能用小写英文字母、数字和下划线）",
    "greater_than_equal": "数值过小",
}


def format_validation_error(path: Path | str, err: ValidationError) -> str:
    lines = [f"配置文件 {path} 有误："]
    for e in err.errors():
        key = _loc(tuple(e.get("loc", ())))
        kind = e.get("type", "")
        expected = _PYDANTIC_ZH.get(kind)
        msg = e.get("msg", "")
        if kind == "literal_error":
            expected = f"取值不在允许范围内（{e.get('ctx', {}).get('expected', '')}）"
        if kind in ("value_error", "assertion_error"):
            expected = msg.removeprefix("Value error, ")
        lines.append(f"  键 {key}：{expected or msg}")
    return "\n".join(lines)


#: the largest profile file read (the shipped ones are ~30 KB)
MAX_PROFILE_BYTES = 1024 * 1024


def parse_profile_text(text: str, *, path: Path | str = "<文本>") -> Profile:
    """The profile in ``text``, validated — or as validated before from the same text by the same
    code (:mod:`.cache`)."""
    from . import cache

    known = cache.load(text)
    if known is not None:
        return known
    import tomllib  # (a profile from the cache needs no parsing)

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"配置文件 {path} 不是有效的 TOML：{exc}") from exc
    except RecursionError:
        raise ProfileError(f"配置文件 {path} 嵌套层数过多，不是有效的配置") from None
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        raise ProfileError(format_validation_error(path, exc)) from exc
    cache.store(text, profile)
    return profile


def load_profile_file(path: Path | str) -> Profile:
    """A profile file: never read unbounded (a folder, a device or a file over 1 MB is refused)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ProfileError(f"配置文件 {p} 是一个文件夹，请给出 .toml 文件")
        if p.exists() and not p.is_file():
            raise ProfileError(f"配置文件 {p} 不是普通文件（设备或管道）")
        with p.open("rb") as fh:
            data = fh.read(MAX_PROFILE_BYTES + 1)
        if len(data) > MAX_PROFILE_BYTES:
            raise ProfileError(f"配置文件 {p} 过大：超过 {MAX_PROFILE_BYTES // 1024} KB")
        text = data.decode("utf-8")
    except FileNotFoundError as exc:
        raise ProfileError(f"找不到配置文件：{p}") from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(f"配置文件 {p} 不是 UTF-8 编码") from exc
    except OSError as exc:
        raise ProfileError(f"无法读取配置文件 {p}：{exc.strerror}") from None
    return parse_profile_text(text, path=p)


@lru_cache(maxsize=16)
def load_profile(name: str) -> Profile:
    """A shipped profile by id (``jianli``), or a profile file by path."""
    if name.endswith(".toml") or "/" in name:
        return load_profile_file(name)
    known = available_profiles()
    if name not in known:  # by the list, not the file system: any typed name (300 letters) is safe
        shown = name if len(name) <= 40 else name[:40] + "…"
        raise ProfileError(f"没有名为 {shown} 的法院配置；可用：{'、'.join(known)}")
    return load_profile_file(DATA_DIR / f"{name}.toml")


def available_profiles() -> list[str]:
    shipped = [p for p in PROFILE_IDS if (DATA_DIR / f"{p}.toml").exists()]
    extra = sorted(p.stem for p in DATA_DIR.glob("*.toml") if p.stem not in PROFILE_IDS)
    return shipped + extra


__all__ = [
    "PROFILE_IDS",
    "Profile",
    "available_profiles",
    "format_validation_error",
    "load_profile",
    "load_profile_file",
    "parse_profile_text",
]
