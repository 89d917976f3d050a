"""``zhixing report overdue``: exit codes, JSON, plain text, the workbook, and reading while the
app writes."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.node_fixtures import statuses_case
from zhixing_tui.cli.main import app
from zhixing_tui.profiles.citations import cite
from zhixing_tui.services.deadlines.alerts import overdue_rows
from zhixing_tui.services.printing.xlsx import printed_font_size
from zhixing_tui.storage.db import sqlite_path

runner = CliRunner()


@pytest.fixture
def node_desk(desk):
    """汝阳 with one case whose nodes on 2026-03-09 are: 超期 (案款), 今日到期 (传统查控), 临期 (评估)."""
    statuses_case(desk)
    return desk


def db_of(desk) -> str:
    return str(sqlite_path(desk.url))


def run(desk, *args: str):
    return runner.invoke(app, ["report", "overdue", "--db", db_of(desk), *args])


def test_exit_0_when_nothing_is_overdue(node_desk) -> None:
    # 2026-03-04: 案款 (due 03-04) is due today, nothing is past due yet
    res = run(node_desk, "--as-of", "2026-03-04", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert (data["as_of"], data["overdue"], data["due_today"]) == ("2026-03-04", 0, 1)
    assert [(r["rule_id"], r["status"], r["days"]) for r in data["rows"]] == [
        ("ruyang.case_money", "due_today", 0),
        ("ruyang.notices", "approaching", 1),  # done on 03-06, so still open on 03-04
    ]


def test_exit_1_when_something_is_overdue_json_and_xlsx_agree(node_desk, tmp_path) -> None:
    out = tmp_path / "exports" / "超期.xlsx"
    res = run(node_desk, "--as-of", "2026-03-09", "--json", "--xlsx", str(out))
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert {k: data[k] for k in ("as_of", "team", "overdue", "due_today", "approaching")} == {
        "as_of": "2026-03-09",
        "team": None,
        "overdue": 1,
        "due_today": 1,
        "approaching": 1,
    }
    assert data["rows"][0] == {
        "case_no": "（2026）豫0326执6号",
        "node": "到账案款认领、发放",
        "rule_id": "ruyang.case_money",
        "source": "000 二(一)5",
        "period": "7日",
        "due": "2026-03-04",
        "status": "overdue",
        "status_name": "超期",
        "days": 5,
        "team": "财产查控组（财产保全组）",
        "handler": "",
    }
    assert f"已写入 {out}" in res.stderr
    # the workbook holds the same rows, in the same order
    wb = load_workbook(out)
    ws = wb["超期节点2026-03-09"]
    assert ws["A1"].value == "汝阳县人民法院 执行流程节点超期报告　截至 2026-03-09"
    header = [c.value for c in ws[3]]
    assert header == ["组/团队", "承办人", "状态", "天数", "案号", "节点", "期限", "到期日", "依据"]
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    expected = [
        [
            r["team"],
            r["handler"] or None,
            r["status_name"],
            r["days"],
            r["case_no"],
            r["node"],
            r["period"],
            datetime.fromisoformat(r["due"]),
            cite(r["source"], short=True),
        ]
        for r in data["rows"]
    ]
    assert got == expected
    # 依据 by the document's short title in the narrow column; 说明 names it in full once
    assert got[0][-1] == "《实施方案》二（一）5"
    notes = [[c.value for c in row] for row in wb["说明"].iter_rows()]
    assert [
        None,
        "《实施方案》指《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》",
    ] in notes
    assert ws.freeze_panes == "B4"
    assert ws.auto_filter.ref == "A3:I6"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$3" and ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert "汝阳县人民法院" in ws.oddHeader.center.text and "2026-03-09" in wb.properties.title
    assert printed_font_size(ws) >= 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    for col in ("F", "I"):  # 节点 and 依据 wrap, the rows tall enough for them
        assert ws[f"{col}4"].alignment.wrap_text
    assert ws.row_dimensions[5].height >= 3 * 14  # the 节点 of row 5 (32 汉字) takes three lines
    assert printed_font_size(wb["说明"]) >= 9
    assert not list(out.parent.glob(".*.tmp"))
    # ... and agrees with the alerts screen's query
    screen = overdue_rows(node_desk, date(2026, 3, 9), order="status").items
    assert sorted((r.case_no, r.rule_id, r.status, r.days, r.team, r.handler) for r in screen) == sorted(
        (r["case_no"], r["rule_id"], r["status"], r["days"], r["team"], r["handler"]) for r in data["rows"]
    )


def test_plain_text_when_piped(node_desk) -> None:
    count, head = chain_head(node_desk)
    res = run(node_desk, "--as-of", "2026-03-09")
    assert res.exit_code == 1
    assert res.stdout == (
        "执行流程节点超期报告　截至 2026-03-09\n"
        "超期 1 项　今日到期 1 项　临期 1 项\n"
        "\n"
        "【财产查控组（财产保全组）】\n"
        "  承办人：未指定\n"
        "    超期5天   （2026）豫0326执6号  到账案款认领、发放"
        + " "
        * 42
        + "  到期 2026-03-04  《实施方案》二（一）5\n"
        "    今日到期  （2026）豫0326执6号  完成房产、土地、公积金、车辆、股权、工商等传统查控（不含实地调查）"
        "  到期 2026-03-09  《实施方案》二（一）2\n"
        "    剩2天     （2026）豫0326执6号  启动当事人议价、网上询价或移交评估"
        + " "
        * 26
        + "  到期 2026-03-11  《实施方案》二（二）11\n"
        "\n"
        "注：《实施方案》指《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》\n"
        "\n"
        f"审计记录：{count} 条，链头 {head}\n"
    )


def chain_head(desk) -> tuple[int, str]:
    from zhixing_tui.services.audit import verify

    with desk.session() as s:
        report = verify(s)
    assert report.ok and report.count > 0
    return report.count, report.head.hash


def test_the_report_prints_the_audit_chain_head_plain_and_json(node_desk) -> None:
    count, head = chain_head(node_desk)
    res = run(node_desk, "--as-of", "2026-03-09", "--json")
    assert json.loads(res.stdout)["audit_chain"] == {"count": count, "head": head}
    res = run(node_desk, "--as-of", "2026-03-04")  # nothing past due: the head is printed too
    assert res.stdout.splitlines()[-1] == f"审计记录：{count} 条，链头 {head}"


def test_team_filter(node_desk) -> None:
    res = run(node_desk, "--as-of", "2026-03-09", "--team", "ordinary_1", "--json")
    assert res.exit_code == 0
    assert json.loads(res.stdout)["rows"] == []
    res = run(node_desk, "--as-of", "2026-03-09", "--team", "property_query", "--json")
    data = json.loads(res.stdout)
    assert (res.exit_code, data["team"], data["overdue"]) == (1, "财产查控组（财产保全组）", 1)
    res = run(node_desk, "--as-of", "2026-03-09", "--team", "财产查控组（财产保全组）")
    assert res.stdout.splitlines()[0] == "执行流程节点超期报告（财产查控组（财产保全组））　截至 2026-03-09"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-02-30"], "错误：截至日期不存在"),
        (["--team", "nope"], "错误：没有这个组/团队：nope"),
    ],
)
def test_exit_2_on_errors(node_desk, args, message) -> None:
    res = run(node_desk, *args)
    assert res.exit_code == 2
    assert res.stderr.startswith(message)


def test_exit_2_on_an_uninitialised_database(tmp_path) -> None:
    empty = tmp_path / "empty.db"
    assert runner.invoke(app, ["db", "upgrade", "--db", str(empty)]).exit_code == 0  # a schema, no court
    res = runner.invoke(app, ["report", "overdue", "--db", str(empty)])
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：数据库尚未初始化")


def test_exit_2_on_a_missing_database_which_is_not_created(tmp_path) -> None:
    missing = tmp_path / "typo.db"
    res = runner.invoke(app, ["report", "overdue", "--db", str(missing)])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"错误：数据库不存在：{missing}")
    assert not missing.exists()


def test_exit_2_when_the_workbook_cannot_be_written(node_desk, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = run(node_desk, "--as-of", "2026-03-09", "--xlsx", str(blocker / "out.xlsx"))
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：")


def test_runs_while_the_app_holds_a_write_transaction(node_desk) -> None:
    con = sqlite3.connect(db_of(node_desk), timeout=0.1)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE enforcement_case SET cause = '借款合同纠纷'")
        res = run(node_desk, "--as-of", "2026-03-09", "--json")
        assert res.exit_code == 1, res.output
        assert json.loads(res.stdout)["overdue"] == 1
    finally:
        con.rollback()
        con.close()


def test_help_documents_exit_codes_json_and_cron() -> None:
    res = runner.invoke(app, ["report", "overdue", "--help"])
    assert res.exit_code == 0
    for text in (
        "0  没有超期节点",
        "1  有超期节点",
        "2  出错",
        '"due_today"',
        "cron",
        "今日到期、临期不算超期",
    ):
        assert text in res.stdout


def test_xlsx_to_a_folder_takes_the_courts_file_name(node_desk, tmp_path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    res = run(node_desk, "--as-of", "2026-03-09", "--xlsx", str(folder))
    assert res.exit_code == 1
    assert [p.name for p in folder.iterdir()] == ["汝阳-2026-03-09-超期节点.xlsx"]


def test_unassigned_rows_say_why(desk_factory, tmp_path) -> None:
    """A node still open on a closed case (终本 re-query, seal renewal) has no 组/团队 on the alerts
    query; the workbook names the unit that closed the case instead of leaving the cell blank."""
    from zhixing_tui.services.deadlines.report import overdue_report, unassigned_reasons, write_overdue_xlsx

    desk = desk_factory(cases=300)
    rep = overdue_report(desk, date(2026, 11, 23))
    blank = [r for r in rep.rows if not r.team]
    assert blank, "the demo has open nodes on closed cases"
    reasons = unassigned_reasons(desk, rep)
    assert set(reasons) == {r.node_id for r in blank}
    assert all(v.startswith("未分配（案件") for v in reasons.values())
    ws = load_workbook(write_overdue_xlsx(rep, tmp_path / "o.xlsx", desk)).worksheets[0]
    teams = [row[0] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert len(teams) == len(rep.rows) and all(teams)
    assert sum(t.startswith("未分配（") for t in teams) == len(blank)


def test_the_terminal_table_cites_as_the_paper_does(node_desk, monkeypatch, capsys) -> None:
    """On a terminal the report is rich tables; their 依据 is the short citation the plain text and
    the workbook print (《实施方案》二（一）5), with the note naming the document in full — never
    the profile's "000 二(一)5"."""
    from zhixing_tui.cli import report_cmd
    from zhixing_tui.services.deadlines.report import overdue_report

    monkeypatch.setenv("COLUMNS", "160")
    report_cmd._rich(overdue_report(node_desk, date(2026, 3, 9)))
    out = capsys.readouterr().out
    assert "《实施方案》二（一）5" in out and "000 二" not in out
    assert "注：《实施方案》指《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》" in out
