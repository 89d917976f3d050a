"""The fast reading of a case-import row (services/imports/case_fast.py) gives exactly what the
full reading (``CaseImport.parse``) gives for every row it takes, and gives up on every other row
(an issue, a warning, anything it does not read itself), so that errors and their messages come
only from the full reading. Rows are drawn from pools of valid, unusual and invalid cells."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from zhixing_tui.domain.identity import make_credit_code, make_resident_id
from zhixing_tui.errors import InvalidValue
from zhixing_tui.services.imports import read as reading
from zhixing_tui.services.imports.cases import CaseImport
from zhixing_tui.services.imports.fields import CASE_FIELDS
from zhixing_tui.services.imports.read import Table, open_table
from zhixing_tui.services.imports.rows import RowReader
from zhixing_tui.services.imports.run import import_cases

from .test_importer import make_xlsx

_rng = random.Random(11)
PERSON = make_resident_id(_rng, "410326", dt.date(1983, 10, 2), True)
PERSON_X = next(
    i for i in (make_resident_id(_rng, "410326", dt.date(1970, 1, 1 + n), n % 2 == 0) for n in range(60))
    if i.endswith("X")
)  # fmt: skip
PERSON_2 = make_resident_id(_rng, "410326", dt.date(1990, 5, 6), False)
OLD_REGION = make_resident_id(_rng, "410381", dt.date(2000, 1, 1), True)  # 偃师市 gone by 2021: a warning
UNKNOWN_REGION = make_resident_id(_rng, "419999", dt.date(1980, 1, 1), True)
COMPANY = make_credit_code(_rng, "410326")
BAD_CHECK = PERSON[:17] + ("0" if PERSON[17] != "0" else "1")

#: per field: the common valid cells first (a row takes one of them most of the time), then the
#: unusual and invalid ones
POOLS: dict[str, tuple[list, list]] = {
    "case_no": (
        ["(2025)豫0326执{n}号", "（2025）豫0326执{n}号", "(2025）豫0326执恢{n}号", "（2026)豫0326执保{n}"],
        [
            "(２０２５)豫0326执{n}号",
            " (2025)豫0326执{n}号 ",
            "(2025)豫0327执{n}号",
            "(2025)豫0326执0号",
            "(1980)豫0326执{n}号",
            "2025豫0326执{n}号",
            "(2025)豫0326执{n}号号",
            "(2025〕豫0326执{n}号",
            "",
            "  ",
            None,
            123.0,
            "(2025)豫0326执{n}号\x00",
            "(2025)鄂0326执{n}号",
        ],
    ),
    "filed_on": (
        [dt.date(2025, 3, 1), "2025/3/1", "2025-03-01", dt.date(2026, 11, 23)],
        [
            "2025年3月1日",
            dt.datetime(2025, 3, 1, 10, 30),
            45000.0,
            "20250301",
            20250301,
            "2027/1/1",
            dt.date(2026, 11, 24),
            "2025/2/30",
            "",
            "  ",
            None,
            "明天",
            True,
        ],
    ),
    "applicant": (
        ["张三", "王五", "某某建材有限公司", "汝阳县人民政府"],
        [
            " 张三 ",
            "张三、李四",
            "张三,李四；赵六",
            "、",
            "",
            None,
            123,
            "张\x00三",
            "张 三",
            "中国工商银行汝阳支行",
        ],
    ),
    "respondent": (
        ["李四", "陈艳刚", "某某商贸有限公司"],
        ["李四、王五", " 李四 ", "", None, "；", 12.5, "汝阳县城关镇人民政府"],
    ),
    "claim": (
        [7906.2, "48,915.32", 12345.0, "5,778.25", 100],
        [
            "1.5万元",
            "12,345.67元",
            "￥1,000",
            -5,
            "-5",
            0,
            0.0,
            -0.0,
            12.345,
            "1.234",
            "abc",
            None,
            "",
            1e20,
            True,
            "1234,567",
            " 12 ",
            "１２",
            0.01,
            0.005,
            9999999999999.99,
            1e13,
        ],
    ),
    "respondent_id": (
        [PERSON, None, PERSON_X],
        [
            PERSON_X.lower(),
            PERSON[:6] + " " + PERSON[6:],
            COMPANY,
            BAD_CHECK,
            PERSON[:15],
            4.1e17,
            f"{PERSON}、{PERSON_2}",
            "",
            OLD_REGION,
            UNKNOWN_REGION,
            PERSON[:6] + "20300101" + PERSON[14:],
            "91410326MA44A0BB3X",
            dt.date(2025, 1, 1),
        ],
    ),
    "respondent_kind": (
        ["自然人", None],
        ["法人", "企业", "党政机关", "其他组织", "外星人", "自然人、法人", "", "个人", 3],
    ),
    "basis": (["（2024）豫0326民初3426号民事判决书", None], [" 民事  判决书 ", "", "  ", 123, 1.5]),
    "cause": (["民间借贷纠纷", None], [" 借贷\u3000纠纷", "", 7]),
    "unit": (["速执团队", None, "普执三团队"], ["不存在的团队", " 速执 团队", "", 5]),
    "handler": ([None], ["张三", " 李 四 ", "", 3.0]),
    "closed_on": (
        [None, dt.date(2026, 5, 4)],
        ["2026/5/4", dt.date(2024, 1, 1), "", "  ", "不是日期", dt.date(2026, 12, 1), 46000],
    ),
    "closing_method": ([None, "执行完毕", "终本"], ["执完", " 终本 ", "乱写", "", "  "]),
    "closing_amount": ([None, 7906.2], ["100", 1e20, "abc", -1, "", "1万元"]),
    "recovered": ([None, 717.2], ["50", 99999.0, "x", -0.5, ""]),
    "applicant_phone": (
        ["13455824009", None],
        [13455824009.0, "0376-6212345", "138-0000-0000", "12345", "", " 13455824009 ", "+8613455824009"],
    ),
    "respondent_address": (["河南省汝阳县城关镇", None], [" 河南省  汝阳县 ", "", 12]),
    "non_litigation": ([None], ["是", "否", "Y", 1, 0, True, "也许", "", 2.0]),
}


def _cell(key: str, rng: random.Random, n: int, unusual: float):
    common, other = POOLS[key]
    value = rng.choice(other if rng.random() < unusual else common)
    return value.format(n=n) if isinstance(value, str) and "{n}" in value else value


def _table(keys: list[str], order: list[str]) -> Table:
    columns = {k: order.index(k) for k in keys}
    labels = {s.key: s.label for s in CASE_FIELDS if s.key in columns}
    return Table(path=Path("cases.xlsx"), header_row=1, columns=columns, labels=labels, rows=iter(()))


def _full(kind, table, specs, number, cells, today):
    rr = RowReader(table, specs, number, cells, today)
    return rr, kind.parse(rr)


@pytest.mark.parametrize("columns", ["all", "some", "shuffled"])
def test_the_fast_reading_takes_only_rows_it_reads_exactly_as_the_full_one(desk, columns):
    kind = CaseImport(desk)
    specs = {s.key: s for s in CASE_FIELDS}
    keys = [s.key for s in CASE_FIELDS]
    if columns == "some":  # a file without the optional columns the fast reading pads with None
        keys = [k for k in keys if k not in ("respondent_kind", "applicant_phone", "non_litigation", "basis")]
    order = list(keys)
    rng = random.Random(f"fast-row-{columns}")
    if columns == "shuffled":
        rng.shuffle(order)
    order.append("unknown")  # a column the import ignores, after the known ones
    table = _table(keys, order)
    today = desk.today()
    fast = kind.fast_parser(table, specs, today)
    taken = fell_back = 0
    for n in range(1, 4001):
        unusual = rng.choice([0.0, 0.0, 0.05, 0.2, 0.6])
        cells = [_cell(k, rng, n, unusual) if k != "unknown" else "x\x00" * (n % 97 == 0) for k in order]
        if n % 211 == 0:
            cells = cells[: rng.randrange(len(cells))]  # a short row (a CSV line)
        try:
            rr, record = _full(kind, table, specs, n + 1, list(cells), today)
        except AttributeError:  # 结案方式 as a number: the full reading's own failure, not checked here
            continue
        got = fast(n + 1, list(cells))
        if got is None:
            fell_back += 1
            continue
        taken += 1
        frr, frecord = got
        assert record is not None and not rr.issues and not rr.warnings, cells
        assert frecord == record, cells
        assert (frr.row, frr.key, frr.cells, frr.issues, frr.warnings) == (rr.row, rr.key, cells, [], [])
        assert frr.values == rr.values  # made when a later check needs it (a duplicate 案号 …)
    assert taken > 500 and fell_back > 1000, (taken, fell_back)


def test_the_common_valid_row_takes_the_fast_reading(desk):
    kind = CaseImport(desk)
    specs = {s.key: s for s in CASE_FIELDS}
    order = [s.key for s in CASE_FIELDS]
    table = _table(order, order)
    fast = kind.fast_parser(table, specs, desk.today())
    for i, common in enumerate(
        [
            {"case_no": "（2025）豫0326执2号", "filed_on": "2025/11/18", "claim": "5,778.25"},
            {
                "respondent_id": PERSON_X,
                "claim": 100,
                "respondent": "某某商贸有限公司",
                "respondent_kind": None,
            },
            {"respondent_id": COMPANY, "respondent": "某某商贸有限公司", "respondent_kind": "法人"},
            {"closed_on": dt.date(2026, 5, 4), "closing_method": "终本", "closing_amount": 7906.2},
            {"applicant": "张三、李四", "respondent": "王五、赵六", "respondent_id": f"{PERSON}、{PERSON_2}"},
        ]
    ):
        cells = [POOLS[k][0][0] for k in order]
        cells[0] = cells[0].format(n=i + 1)
        for k, v in common.items():
            cells[order.index(k)] = v
        rr, record = _full(kind, table, specs, i + 2, list(cells), desk.today())
        assert record is not None and not rr.issues and not rr.warnings
        got = fast(i + 2, cells)
        assert got is not None and got[1] == record, common


def _book(tmp_path: Path) -> Path:
    rng = random.Random(23)
    header = [s.label for s in CASE_FIELDS]
    rows = []
    for n in range(1, 401):
        row = [_cell(s.key, rng, n, rng.choice([0.0, 0.0, 0.0, 0.1, 0.5])) for s in CASE_FIELDS]
        rows.append([v.replace("\x00", "") if isinstance(v, str) else v for v in row])  # (no NUL in .xlsx)
    rows[50][0] = rows[10][0] = "(2025)豫0326执7777号"  # a duplicate 案号
    return make_xlsx(tmp_path / "cases.xlsx", rows, header=header)


def test_a_dry_run_reports_the_same_with_or_without_the_fast_reading(desk, tmp_path, monkeypatch):
    book = _book(tmp_path)
    fast = import_cases(desk, book, dry_run=True).as_dict()
    monkeypatch.delattr(CaseImport, "fast_parser")
    full = import_cases(desk, book, dry_run=True).as_dict()
    assert fast == full
    assert fast["valid"] > 50 and fast["invalid"] and fast["warnings"]


def test_a_prefetched_sheet_reads_as_one_read_then(tmp_path):
    book = _book(tmp_path)
    plain = open_table(book, CASE_FIELDS)
    reading.prefetch(book)
    assert Path(book) in reading._prefetched
    prefetched = open_table(book, CASE_FIELDS)
    assert Path(book) not in reading._prefetched  # taken
    assert list(prefetched.rows) == list(plain.rows)
    reading.discard(book)  # nothing left to forget


def test_a_prefetched_file_that_cannot_be_read_fails_as_it_would_unread(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(InvalidValue) as plain:
        open_table(bad, CASE_FIELDS)
    reading.prefetch(bad)
    with pytest.raises(InvalidValue) as prefetched:
        open_table(bad, CASE_FIELDS)
    assert prefetched.value.message == plain.value.message
    reading.prefetch(bad)
    reading.discard(bad)  # an import that never read it
    assert Path(bad) not in reading._prefetched
    reading.prefetch(tmp_path / "missing.xlsx")
    reading.prefetch(tmp_path / "cases.csv")
    assert not reading._prefetched
