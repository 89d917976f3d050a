"""``zhixing profiles list / show / check``: exact output and exit codes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.profiles import DATA_DIR, PROFILE_IDS

runner = CliRunner()


def test_list_prints_one_line_per_shipped_profile() -> None:
    result = runner.invoke(app, ["profiles", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert [ln.split()[0] for ln in lines] == list(PROFILE_IDS)
    assert lines[0].startswith(
        "ruyang   汝阳县人民法院（豫0326）  9个组/团队  依据：000_8c48a5c3ab188dfd.txt"
    )
    assert lines[4] == "jianli   监利市人民法院（鄂1088）  7个组/团队  依据：004_396f0ec30f33c2c8.txt"
    assert result.stderr == ""


def test_show_jianli() -> None:
    result = runner.invoke(app, ["profiles", "show", "jianli"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("监利市人民法院（鄂1088）  配置 jianli  版本 1\n")
    assert "  线上查控组 [组] online_query\n" in out
    assert "期限：3周" in out
    assert "    人员：吴敦辉（负责人）、吴小敏、王美丽、邓雨晴\n" in out
    assert (
        "本院打印的表格：《出差审批表》（004 第三组 6、7）、"
        "《结案审查表》（004 第一组 4；第二组 4；第三组 12；第五组 2）、《各组送审案件情况统计表》（004 第七组 1、3）\n"
    ) in out


def test_show_every_profile() -> None:
    for pid in PROFILE_IDS:
        result = runner.invoke(app, ["profiles", "show", pid])
        assert result.exit_code == 0, (pid, result.output)
        assert f"  配置 {pid}  版本 1" in result.stdout.splitlines()[0]


def test_show_unknown_profile_exits_2() -> None:
    result = runner.invoke(app, ["profiles", "show", "nosuch"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "错误：没有名为 nosuch 的法院配置；可用：ruyang、kuaizhi、gushi、shihe、jianli"
    )


def test_check_good_file(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text((DATA_DIR / "jianli.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["profiles", "check", str(good)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("配置有效：jianli（监利市人民法院），10个单位，8个阶段，")
    assert result.stderr == ""


def test_check_bad_file_names_file_and_key(tmp_path: Path) -> None:
    text = (DATA_DIR / "jianli.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("size = 3", 'size = "三人"', 1), encoding="utf-8")
    result = runner.invoke(app, ["profiles", "check", str(bad)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"错误：配置文件 {bad} 有误：\n  键 units[2].size：应为整数\n"


def test_check_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = runner.invoke(app, ["profiles", "check", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"错误：找不到配置文件：{missing}\n"
