"""Reading a small input file (JSON facts, a holiday schedule, a profile) without trusting it.

Never unbounded: a folder, a device (``/dev/zero``, ``/dev/urandom``), a pipe or a file over the
limit is refused before it is read whole; JSON nested past what Python's parser can follow is
refused too. Every refusal is an :class:`InvalidValue` in Chinese (exit 2 on the command line).
"""

from __future__ import annotations

import json
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any

from ...errors import InvalidValue, NotFound

__all__ = ["MAX_SMALL_FILE", "parse_json", "parse_toml", "read_small_text"]

#: the largest JSON/TOML input read (a holiday schedule or a facts file is a few KB)
MAX_SMALL_FILE = 1024 * 1024


def read_small_text(path: str | Path, *, what: str, limit: int = MAX_SMALL_FILE) -> str:
    """The UTF-8 text of ``path`` (``-`` is standard input), at most ``limit`` bytes.

    NotFound when it does not exist; InvalidValue for a folder, a device, a file over ``limit``
    or text that is not UTF-8. ``what`` names the file in the message (e.g. 节假日安排文件)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        shown = "标准输入"
    else:
        p = Path(path)
        shown = str(p)
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            raise NotFound(f"找不到{what}：{p}") from None
        except OSError as exc:
            raise InvalidValue(f"无法读取{what} {shown}：{exc.strerror}", field=what) from None
        if stat.S_ISDIR(mode):
            raise InvalidValue(f"{what} {shown} 是一个文件夹，请给出文件", field=what)
        if not stat.S_ISREG(mode):
            raise InvalidValue(f"{what} {shown} 不是普通文件（设备或管道），不能读取", field=what)
        try:
            with p.open("rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise InvalidValue(f"无法读取{what} {shown}：{exc.strerror}", field=what) from None
    if len(data) > limit:
        raise InvalidValue(f"{what} {shown} 过大：超过 {limit // 1024} KB，不像是{what}", field=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidValue(f"{what} {shown} 不是 UTF-8 编码的文本文件", field=what) from None


def parse_json(text: str, *, what: str) -> Any:
    """``json.loads`` with every failure, nesting too deep included, as an InvalidValue."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValue(f"{what}不是有效的 JSON：{exc}", field=what) from None
    except RecursionError:
        raise InvalidValue(f"{what}的 JSON 嵌套层数过多，无法读取", field=what) from None


def parse_toml(text: str, *, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidValue(f"{what}不是有效的 TOML：{exc}", field=what) from None
    except RecursionError:
        raise InvalidValue(f"{what}的 TOML 嵌套层数过多，无法读取", field=what) from None
