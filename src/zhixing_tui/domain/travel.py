"""Does a search trip's scope (县内 / 县外市内 / 市外省内 / 省外, 监利 004 第三组 6) fit its destination?

Only what the destination text itself shows is checked, and kept simple:

- a destination that names another province (by its name, e.g. 广东, 广东省, 内蒙古, 新疆) cannot be
  县内, 县外市内 or 市外省内: those trips stay in the court's own province;
- a 省外 trip whose destination names only the court's own province is not 省外.

A destination that names no province (监利市程集镇, 荆州市) is not judged: the approver reads it.
Provinces are matched by their names only, never by their one-character abbreviations (鄂, 粤,
新, 吉 …): those stand inside ordinary place names (新沟镇 is in 监利) and would refuse good trips.
"""

from __future__ import annotations

from ..errors import Conflict

__all__ = ["PROVINCES", "check_travel_destination", "provinces_named"]

#: Province-level divisions by name (without 省/市/自治区), with their usual abbreviations for
#: reference (not matched, see the module's note).
PROVINCES: dict[str, str] = {
    "北京": "京",
    "天津": "津",
    "河北": "冀",
    "山西": "晋",
    "内蒙古": "蒙",
    "辽宁": "辽",
    "吉林": "吉",
    "黑龙江": "黑",
    "上海": "沪",
    "江苏": "苏",
    "浙江": "浙",
    "安徽": "皖",
    "福建": "闽",
    "江西": "赣",
    "山东": "鲁",
    "河南": "豫",
    "湖北": "鄂",
    "湖南": "湘",
    "广东": "粤",
    "广西": "桂",
    "海南": "琼",
    "重庆": "渝",
    "四川": "川",
    "贵州": "贵",
    "云南": "云",
    "西藏": "藏",
    "陕西": "陕",
    "甘肃": "甘",
    "青海": "青",
    "宁夏": "宁",
    "新疆": "新",
    "台湾": "台",
    "香港": "港",
    "澳门": "澳",
}

IN_PROVINCE_SCOPES = ("in_county", "in_city", "in_province")
OUT_OF_PROVINCE = "out_of_province"


def _province_name(text: str) -> str:
    """湖北省 / 湖北 → 湖北; 广西壮族自治区 → 广西 (the key of :data:`PROVINCES`), else the text."""
    t = (text or "").strip()
    return next((name for name in PROVINCES if t.startswith(name)), t)


def provinces_named(destination: str) -> list[str]:
    """The provinces whose names the destination text contains, in the order they appear."""
    text = destination or ""
    found = [(text.find(name), name) for name in PROVINCES if name in text]
    return [name for _pos, name in sorted(found)]


def check_travel_destination(scope: str, scope_name: str, destination: str, court_province: str) -> None:
    """Raise ``Conflict`` when the scope obviously does not fit the destination (see module)."""
    home = _province_name(court_province)
    named = provinces_named(destination)
    elsewhere = [p for p in named if p != home]
    if scope in IN_PROVINCE_SCOPES and elsewhere:
        raise Conflict(
            f"出差范围「{scope_name}」与目的地「{destination}」不符：目的地在{elsewhere[0]}，"
            f"不在本院所在的{home}；到{home}以外查找请选“省外（报院长批准）”"
        )
    if scope == OUT_OF_PROVINCE and named and not elsewhere:
        raise Conflict(
            f"出差范围「{scope_name}」与目的地「{destination}」不符：目的地在本省（{home}），"
            "请按实际选择县内、县外市内或市外省内"
        )
