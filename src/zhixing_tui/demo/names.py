"""Name and place material for synthetic data: people, companies, organs, addresses, phones.

Everything draws from a ``random.Random`` the caller seeds, so the same seed gives the same
names. The surname list is weighted roughly by frequency and includes the surnames whose
reading is tricky (单 shan, 曾 zeng, 仇 qiu, 解 xie, 查 zha, 区 ou, 朴 piao) so pinyin search
can be tried on them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from stdnum.cn import uscc

from ..domain.identity import make_credit_code, make_resident_id

# fmt: off
# (surname, weight): weights are rough per-mille shares of the population.
_SURNAME_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("王", 72), ("李", 72), ("张", 69), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 24), ("赵", 22),
    ("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 12), ("郭", 12),
    ("何", 11), ("高", 11), ("林", 10), ("罗", 10), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 8),
    ("唐", 7), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6),
    ("肖", 6), ("田", 6), ("董", 6), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
    ("余", 5), ("杜", 5), ("叶", 5), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 3), ("钟", 3), ("谭", 3),
    ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
    ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3),
    ("邱", 3), ("江", 3), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
    ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 1), ("武", 2), ("戴", 2),
    ("莫", 1), ("孔", 1), ("向", 1), ("常", 1), ("单", 1), ("仇", 1), ("解", 1), ("查", 1),
    ("区", 1), ("朴", 1), ("翟", 1), ("瞿", 1), ("牛", 1), ("申", 1),
)
SURNAMES: tuple[str, ...] = tuple(s for s, _ in _SURNAME_WEIGHTS)
_SURNAME_CUM: list[int] = []
_total = 0
for _s, _w in _SURNAME_WEIGHTS:
    _total += _w
    _SURNAME_CUM.append(_total)

_MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志新海峰亮东文斌坤晨博"
_FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英华玲红梅琳燕萍雪慧颖婷倩莉洁佳欣悦蕾琴云兰凤洁晶"
_NEUTRAL_CHARS = "子德永春晓瑞金振玉世宏庆书光天荣利顺家成正清思一安"

COMPANY_TRADE_NAMES = (
    "鑫源", "宏达", "恒信", "华泰", "金桥", "瑞丰", "永盛", "顺发", "兴隆", "天成", "博远", "正通", "润华",
    "嘉禾", "新华", "东方", "金源", "广源", "天和", "华兴", "长青", "富民", "聚德", "昌盛", "安康", "万通",
    "凯旋", "德丰", "盛世", "同创",
)
COMPANY_INDUSTRIES = (
    ("建筑工程", "有限公司"), ("商贸", "有限公司"), ("农业开发", "有限公司"), ("房地产开发", "有限公司"),
    ("汽车销售服务", "有限公司"), ("建材", "有限公司"), ("食品", "有限公司"), ("物流", "有限公司"),
    ("矿业", "有限责任公司"), ("水产养殖", "专业合作社"), ("机械设备", "有限公司"), ("劳务", "有限公司"),
    ("小额贷款", "股份有限公司"), ("置业", "有限公司"), ("电子科技", "有限公司"),
)
ORGAN_SUFFIXES = (
    "人民政府", "住房和城乡建设局", "自然资源局", "交通运输局", "教育局", "卫生健康委员会", "水利局",
)

# fmt: on


@dataclass(frozen=True)
class Area:
    """The court's area: names and region codes for addresses and identity numbers."""

    city: str  # 洛阳市
    county: str  # 汝阳县
    company_prefix: str  # the place name companies carry: 汝阳县 / 监利市
    region_code: str  # the county's own code, for credit codes
    home_codes: tuple[str, ...]  # region codes people are born in (mostly the county)
    towns: tuple[str, ...]  # 镇/乡/街道
    villages: tuple[str, ...]
    streets: tuple[str, ...]


# fmt: off
AREAS: dict[str, Area] = {
    "豫0326": Area(
        "洛阳市", "汝阳县", "汝阳县", "410326",
        ("410326", "410326", "410326", "410326", "410325", "410327", "410302", "410303", "410381"),
        ("城关镇", "上店镇", "付店镇", "小店镇", "三屯镇", "刘店镇", "内埠镇", "陶营镇", "柏树乡", "王坪乡",
         "蔡店乡", "十八盘乡", "靳村乡"),
        ("东街村", "西街村", "杜康村", "沙坪村", "竹园村", "牛家村", "马庄村", "三屯村", "王庄村"),
        ("云梦大道", "汝州路", "杜康大道", "紫罗山路", "玉皇路", "滨河路", "城东路"),
    ),
    "鄂1088": Area(
        "荆州市", "监利市", "监利市", "421088",
        ("421088", "421088", "421088", "421088", "421023", "421083", "421002", "421003", "421087"),
        ("容城镇", "朱河镇", "新沟镇", "龚场镇", "周老嘴镇", "黄歇口镇", "汪桥镇", "程集镇", "分盐镇",
         "毛市镇", "福田寺镇", "上车湾镇", "尺八镇", "白螺镇"),
        ("三洲村", "新港村", "红旗村", "长江村", "柳关村", "汴河村", "洪湖村", "太马村"),
        ("玉沙路", "江城路", "红城大道", "容城大道", "章华路", "西门路", "楚才大道"),
    ),
    "豫1502": Area(
        "信阳市", "浉河区", "信阳市", "411502",
        ("411502", "411502", "411502", "411503", "411521", "411522", "411524", "411525", "411528"),
        ("五星街道", "车站街道", "老城街道", "民权街道", "金牛山街道", "湖东街道", "双井街道", "谭家河乡",
         "董家河镇", "吴家店镇", "浉河港镇", "十三里桥乡"),
        ("郝家冲村", "何家寨村", "龙潭村", "文新茶村", "黑龙潭村", "集镇村"),
        ("新华路", "东方红大道", "中山路", "北京路", "申城大道", "羊山大道", "工区路"),
    ),
    "豫1525": Area(
        "信阳市", "固始县", "固始县", "411525",
        ("411525", "411525", "411525", "411525", "411502", "411522", "411524", "411526", "411527"),
        ("番城街道", "秀水街道", "蓼城街道", "三河尖镇", "陈淋子镇", "黎集镇", "分水亭镇", "段集镇",
         "胡族铺镇", "往流镇", "郭陆滩镇", "张广庙镇", "草庙集乡"),
        ("东关村", "西关村", "桥沟村", "洪埠村", "王楼村", "陈集村", "李店村"),
        ("蓼城大道", "中原路", "红苏大道", "史河路", "信合路", "王审知大道"),
    ),
    "豫1521": Area(
        "信阳市", "罗山县", "罗山县", "411521",
        ("411521", "411521", "411521", "411521", "411502", "411503", "411522", "411523", "411525"),
        ("龙山街道", "丽水街道", "宝城街道", "周党镇", "竹竿镇", "灵山镇", "子路镇", "楠杆镇", "青山镇",
         "潘新镇", "彭新镇", "莽张镇", "东铺乡", "尤店乡"),
        ("董寨村", "何家冲村", "灵山村", "高店村", "朱堂村", "江湾村"),
        ("宝城路", "灵山大道", "江淮北路", "罗山大道", "人民路", "行政路"),
    ),
}
# fmt: on


def area_for(court_code: str) -> Area:
    """The area of a court code; a court not listed here gets 汝阳's place names."""
    return AREAS.get(court_code, AREAS["豫0326"])


def surname(rng: random.Random) -> str:
    x = rng.randrange(_total)
    lo, hi = 0, len(_SURNAME_CUM) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if _SURNAME_CUM[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return SURNAMES[lo]


def person_name(rng: random.Random, male: bool) -> str:
    chars = _MALE_CHARS if male else _FEMALE_CHARS
    first = rng.choice(chars if rng.random() < 0.7 else _NEUTRAL_CHARS)
    if rng.random() < 0.28:  # two-character names are common among older people
        return surname(rng) + first
    return surname(rng) + first + rng.choice(chars)


def company_name(rng: random.Random, area: Area) -> str:
    industry, form = rng.choice(COMPANY_INDUSTRIES)
    return f"{area.company_prefix}{rng.choice(COMPANY_TRADE_NAMES)}{industry}{form}"


def organ_name(rng: random.Random, area: Area) -> str:
    """A 党政机关: a county department or a town government."""
    if rng.random() < 0.6:
        return area.county + rng.choice(ORGAN_SUFFIXES)
    town = rng.choice(area.towns)
    kind = "乡人民政府" if town.endswith("乡") else "镇人民政府" if town.endswith("镇") else "街道办事处"
    return area.county + town.removesuffix("镇").removesuffix("乡").removesuffix("街道") + kind


def address(rng: random.Random, area: Area) -> str:
    if rng.random() < 0.45:
        return f"{area.city}{area.county}{rng.choice(area.streets)}{rng.randint(1, 399)}号"
    return (
        f"{area.city}{area.county}{rng.choice(area.towns)}{rng.choice(area.villages)}{rng.randint(1, 12)}组"
    )


# fmt: off
_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                    "155", "156", "157", "158", "159", "166", "177", "180", "181", "182", "183", "185",
                    "186", "187", "188", "189", "191", "199")
# fmt: on


def mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def resident_id(rng: random.Random, area: Area, male: bool, as_of: date) -> str:
    """A valid 身份证号 of an adult (20–75) born mostly in the court's county."""
    age_days = rng.randint(20 * 365 + 5, 75 * 365)
    birth = date.fromordinal(as_of.toordinal() - age_days)
    return make_resident_id(rng, rng.choice(area.home_codes), birth, male)


def credit_code(rng: random.Random, area: Area) -> str:
    return make_credit_code(rng, area.region_code)


def organ_credit_code(rng: random.Random, area: Area) -> str:
    """A 统一社会信用代码 of a 机关 (registration authority ``1``, kind ``1``)."""
    first17 = "11" + make_credit_code(rng, area.region_code)[2:17]
    return first17 + uscc.calc_check_digit(first17)


def other_org_credit_code(rng: random.Random, area: Area) -> str:
    """A 统一社会信用代码 of a 村民委员会 (registration authority ``5``, kind ``4``)."""
    first17 = "54" + make_credit_code(rng, area.region_code)[2:17]
    return first17 + uscc.calc_check_digit(first17)


def village_committee(rng: random.Random, area: Area) -> str:
    return f"{area.county}{rng.choice(area.towns)}{rng.choice(area.villages).removesuffix('村')}村民委员会"


def bank_name(rng: random.Random, area: Area) -> str:
    county = area.county
    return rng.choice(
        (
            f"中国农业银行股份有限公司{county}支行",
            f"中国邮政储蓄银行股份有限公司{county}支行",
            f"中国建设银行股份有限公司{county}支行",
            f"{county}农村信用合作联社",
            f"中国工商银行股份有限公司{area.city}分行",
        )
    )


def insurer_name(rng: random.Random, area: Area) -> str:
    return rng.choice(
        (
            f"中国人民财产保险股份有限公司{area.city}分公司",
            f"中国平安财产保险股份有限公司{area.city}中心支公司",
            f"中国太平洋财产保险股份有限公司{area.city}中心支公司",
        )
    )


# 案由 → weight. The kinds of parties each brings are decided in demo/case.py.
CAUSES: tuple[tuple[str, int], ...] = (
    ("民间借贷纠纷", 30),
    ("买卖合同纠纷", 15),
    ("金融借款合同纠纷", 10),
    ("劳务合同纠纷", 8),
    ("机动车交通事故责任纠纷", 8),
    ("离婚纠纷", 4),
    ("建设工程施工合同纠纷", 5),
    ("租赁合同纠纷", 4),
    ("追索劳动报酬纠纷", 4),
    ("信用卡纠纷", 3),
    ("抚养费纠纷", 2),
    ("物业服务合同纠纷", 2),
    ("借款合同纠纷", 2),
    ("不当得利纠纷", 1),
    ("提供劳务者受害责任纠纷", 2),
)
CRIMINAL_CAUSE = "刑事裁判涉财产部分执行"


def basis_text(rng: random.Random, court_code: str, area: Area, year: int, type_code: str) -> str:
    """执行依据: mostly this court's civil judgment or mediation, some arbitral awards and notarial deeds."""
    n = rng.randint(60, 3999)
    if type_code == "执保":
        return f"（{year}）{court_code}财保{rng.randint(1, 400)}号民事裁定书"
    r = rng.random()
    if r < 0.55:
        return f"（{year}）{court_code}民初{n}号民事判决书"
    if r < 0.85:
        return f"（{year}）{court_code}民初{n}号民事调解书"
    if r < 0.92:
        return f"（{year}）{court_code}民特{rng.randint(1, 300)}号民事裁定书"
    if r < 0.97:
        return f"{area.city.removesuffix('市')}仲裁委员会（{year}）{area.city[:2]}仲字第{rng.randint(10, 900)}号裁决书"
    return f"（{year}）{area.county}公证处{rng.randint(100, 2000)}号具有强制执行效力的公证债权文书"


def criminal_basis(rng: random.Random, court_code: str, year: int) -> str:
    return f"（{year}）{court_code}刑初{rng.randint(10, 500)}号刑事判决书"
