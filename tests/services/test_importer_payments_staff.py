"""案款 and staff roster imports: same error discipline as cases (row, column, reason; all or nothing)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from zhixing_tui.services.imports.run import import_cases, import_payments, import_staff
from zhixing_tui.storage.models import AuditEntry, OrgUnit, Payment, Staff

from ..triage_fixtures import staff_with
from .test_importer import make_xlsx


def _two_cases(desk, tmp_path):
    path = make_xlsx(
        tmp_path / "c.xlsx",
        [
            ["（2026）豫0326执1号", "2026-03-01", "张三", "李四", 1000, None, None, None, None, None],
            ["（2026）豫0326执2号", "2026-03-01", "张三", "王五", 1000, None, None, None, None, None],
        ],
    )
    assert import_cases(desk, path).inserted == 2


def test_payments_import_upserts_and_reports_bad_rows(desk, tmp_path):
    _two_cases(desk, tmp_path)
    header = ["案号", "到账时间", "到账金额", "缴款人", "发放日期"]
    rows = [
        ["(2026)豫0326执1号", "2026/4/1", "1,000.50元", "李四", None],
        ["（2026）豫0326执2号", dt.datetime(2026, 4, 2), 300, "王五", "2026-04-05"],
        ["（2026）豫0326执9号", "2026-04-02", 300, "某人", None],  # row 4: unknown case
        ["（2026）豫0326执2号", "2026-04-03", 0, "王五", None],  # row 5: zero
        ["（2026）豫0326执2号", "2026-04-03", 10, "王五", "2026-04-01"],  # row 6: paid before arrival
        ["（2026）豫0326执2号", "2026-04-03", 10, None, None],  # row 7: payer missing
    ]
    path = make_xlsx(tmp_path / "p.xlsx", rows, header=header)
    report = import_payments(desk, path)
    assert [(i.row, i.column, i.reason) for i in report.invalid] == [
        (4, "案号", "案号 （2026）豫0326执9号 不在本系统中（请先导入案件）"),
        (5, "到账金额", "金额应大于0"),
        (6, "发放日期", "发放日期 2026-04-01 早于到账日期 2026-04-03"),
        (7, "缴款人", "必填项为空"),
    ]
    with desk.session() as s:
        assert s.exec(select(Payment)).all() == []
    report = import_payments(desk, path, skip_invalid=True, rejects_path=tmp_path / "r.xlsx")
    assert (report.inserted, report.valid) == (2, 2)
    with desk.session() as s:
        pays = s.exec(
            select(Payment.amount_fen, Payment.arrived_on, Payment.paid_out_on).order_by(Payment.id)
        ).all()
    assert pays == [(100050, dt.date(2026, 4, 1), None), (30000, dt.date(2026, 4, 2), dt.date(2026, 4, 5))]
    again = import_payments(desk, path, skip_invalid=True, rejects_path=tmp_path / "r.xlsx")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)


def test_a_claim_before_the_filing_is_refused_an_arrival_before_it_warned(desk, tmp_path):
    """Cases filed 2026-03-01: money that arrived before is taken with a warning, but a 领取
    (认领) date before the filing is refused, as the 案款 screen refuses it."""
    _two_cases(desk, tmp_path)
    header = ["案号", "到账时间", "到账金额", "缴款人", "认领日期"]
    rows = [
        ["（2026）豫0326执1号", "2026-02-27", 10, "李四", "2026-02-28"],
        ["（2026）豫0326执2号", "2026-02-27", 10, "王五", "2026-03-02"],
    ]
    report = import_payments(desk, make_xlsx(tmp_path / "p.xlsx", rows, header=header), skip_invalid=True)
    assert [(i.row, i.column, i.reason) for i in report.invalid] == [
        (2, "认领日期", "认领日期 2026-02-28 早于立案日期 2026-03-01")
    ]
    assert [(w.row, w.reason) for w in report.warnings] == [(3, "到账日期早于立案日期 2026-03-01")]
    assert report.inserted == 1


def test_payment_dates_are_filled_on_reimport(desk, tmp_path):
    _two_cases(desk, tmp_path)
    header = ["案号", "到账日期", "金额", "缴款人", "发放日期"]
    p = tmp_path / "p.xlsx"
    make_xlsx(p, [["（2026）豫0326执1号", "2026-04-01", 10, "李四", None]], header=header)
    import_payments(desk, p)
    make_xlsx(p, [["（2026）豫0326执1号", "2026-04-01", 10, "李四", "2026-04-06"]], header=header)
    report = import_payments(desk, p)
    assert (report.inserted, report.updated) == (0, 1)
    with desk.session() as s:
        assert s.exec(select(Payment.paid_out_on)).one() == dt.date(2026, 4, 6)
        last = s.exec(select(AuditEntry.summary).order_by(AuditEntry.id.desc())).first()
    assert last == "导入：更新案款 10.00元 发放日期"


def test_staff_import(desk, tmp_path):
    desk.operator = staff_with(desk, "bureau_chief")  # the roster is the 执行局长's (or the administrator's)
    header = ["姓名", "岗位", "团队", "电话", "是否组长"]
    rows = [
        ["欧阳明", "承办人", "普执一团队", "138 0000 1234", "否"],
        ["司马青", "组长", "速执团队", None, "是"],
        ["上官云", "厨师", "速执团队", None, None],  # row 4: unknown role
        ["诸葛亮", "承办人", "执行九庭", None, None],  # row 5: unknown unit
        ["欧阳明", "承办人", "普执二团队", None, None],  # row 6: same name twice
        ["令狐冲", "承办人", None, None, None],  # row 7: unit required
    ]
    path = make_xlsx(tmp_path / "s.xlsx", rows, header=header)
    report = import_staff(desk, path)
    assert sorted((i.row, i.column) for i in report.invalid) == [
        (4, "岗位"),
        (5, "团队"),
        (6, "姓名"),
        (7, "团队"),
    ]
    assert report.invalid[0].reason.startswith("角色无法识别：「厨师」")
    report = import_staff(desk, path, skip_invalid=True, rejects_path=tmp_path / "r.xlsx")
    assert report.inserted == 2
    with desk.session() as s:
        unit = s.exec(select(OrgUnit).where(OrgUnit.name == "普执一团队")).one()
        st = s.exec(select(Staff).where(Staff.name == "欧阳明")).one()
        assert (st.role, st.unit_id, st.phone, st.is_leader) == ("handler", unit.id, "13800001234", False)
        assert st.search_key.startswith("oym")
        assert s.exec(select(Staff.role, Staff.is_leader).where(Staff.name == "司马青")).one() == (
            "group_leader",
            True,
        )
    again = import_staff(desk, path, skip_invalid=True, rejects_path=tmp_path / "r.xlsx")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
