"""The import workbook of the bench: ``rows`` messy case rows, as a court's clerk would hand them in.

Half-width 案号 parentheses, text dates and amounts as text with thousands separators, so the
figures include the normalisation work. Written once per size into the bench cache.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

HEADER = [
    "案号",
    "立案日期",
    "申请执行人",
    "被执行人",
    "申请执行标的额",
    "被执行人证件号码",
    "被执行人类型",
    "执行依据",
    "案由",
    "承办部门",
    "承办人",
    "结案日期",
    "结案方式",
    "结案标的额",
    "执行到位金额",
    "申请执行人联系电话",
    "被执行人住所",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
UNITS = ["速执团队", "普执一团队", "普执二团队", "普执三团队", "特执团队"]


def make_workbook(path: Path, rows: int, seed: int = 7) -> Path:
    from openpyxl import Workbook

    from zhixing_tui.domain.identity import make_resident_id

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("案件")
    ws.append(HEADER)
    start = date(2025, 1, 1)
    for i in range(1, rows + 1):
        filed = start + timedelta(days=rng.randrange(600))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        closed = filed + timedelta(days=rng.randrange(20, 200)) if rng.random() < 0.6 else None
        if closed and closed > date(2026, 11, 1):
            closed = None
        claim = rng.randrange(1000, 5_000_000) / 100
        idn = make_resident_id(
            rng,
            "410326",
            date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            rng.random() < 0.5,
        )
        ws.append(
            [
                f"({filed.year})豫0326执{i}号" if i % 2 else f"（{filed.year}）豫0326执{i}号",
                filed if i % 3 else f"{filed.year}/{filed.month}/{filed.day}",
                rng.choice(SURNAMES) + rng.choice(GIVEN),
                name,
                claim if i % 2 else f"{claim:,.2f}",
                idn,
                "自然人",
                f"（{filed.year - 1}）豫0326民初{rng.randrange(1, 5000)}号民事判决书",
                "民间借贷纠纷",
                rng.choice(UNITS),
                "",
                closed,
                rng.choice(["执行完毕", "终本", "终结执行"]) if closed else None,
                claim if closed else None,
                round(claim * rng.random(), 2) if closed else None,
                f"13{rng.randrange(10**9):09d}",
                "河南省汝阳县城关镇",
            ]
        )
    tmp = path.with_suffix(".partial.xlsx")
    wb.save(tmp)
    tmp.rename(path)
    return path
