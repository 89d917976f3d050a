"""The five shipped court profiles, the schema's checks, and describe()."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from zhixing_tui.domain.closing import CLOSING_METHODS
from zhixing_tui.domain.roles import ROLES
from zhixing_tui.errors import ProfileError
from zhixing_tui.profiles import (
    DATA_DIR,
    PROFILE_IDS,
    available_profiles,
    load_profile,
    load_profile_file,
    parse_profile_text,
)
from zhixing_tui.profiles.describe import describe
from zhixing_tui.profiles.schema import Profile

CODE_RE = re.compile(r"^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\d{4}$")

EXPECTED_COURTS = {
    "ruyang": ("汝阳县人民法院", "豫0326", "000_8c48a5c3ab188dfd.txt", "teams"),
    "kuaizhi": ("某县人民法院（快执团队模式）", "豫1521", "001_983972291d06493b.txt", "teams"),
    "gushi": ("固始县人民法院", "豫1525", "002_86167f986ba6bc4c.txt", "teams"),
    "shihe": ("信阳市浉河区人民法院", "豫1502", "003_ba94ebcb452c7a55.txt", "teams"),
    "jianli": ("监利市人民法院", "鄂1088", "004_396f0ec30f33c2c8.txt", "pipeline"),
}

# 004 二、机构设置: group → (limit, members in the seed's order, first is the leader)
JIANLI_GROUPS = {
    "线上查控组": ("3周", ["杨琼", "陈谦", "汤浩"]),
    "线下查控组": ("2周", ["平俊", "黄振", "姜贝妮"]),
    "线索查控组": ("8周", ["唐崇廉", "李剑", "胡红平", "高健", "龚文杰"]),
    "财产处置组": ("1周", ["段德志", "冯兰"]),
    "拒执打击组": ("1周", ["瞿年生", "潘利琼"]),
    "终本办理组": ("4周", ["崔义明", "孙小庆", "李擎", "陈斌", "江洪"]),
    "指挥监控组（指挥中心）": ("1周", ["吴敦辉", "吴小敏", "王美丽", "邓雨晴"]),
}


def _reachable(p: Profile, start: str) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for m in p.moves_from(todo.pop()):
            if m.to_stage not in seen:
                seen.add(m.to_stage)
                todo.append(m.to_stage)
    return seen


# --- every shipped profile ------------------------------------------------------------------


def test_shipped_profiles_are_the_five_in_seed_order() -> None:
    assert PROFILE_IDS == ("ruyang", "kuaizhi", "gushi", "shihe", "jianli")
    assert available_profiles()[:5] == list(PROFILE_IDS)
    for pid in PROFILE_IDS:
        assert (DATA_DIR / f"{pid}.toml").is_file()


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_profile_loads_with_its_court(pid: str) -> None:
    p = load_profile(pid)
    name, code, seed, model = EXPECTED_COURTS[pid]
    assert p.id == pid
    assert p.court.name == name
    assert p.court.code == code
    assert CODE_RE.match(p.court.code)
    assert p.court.seed == seed
    assert p.court.document
    assert p.flow.model == model


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_file_starts_with_a_comment_block_naming_the_seed_and_the_check_command(pid: str) -> None:
    text = (DATA_DIR / f"{pid}.toml").read_text(encoding="utf-8")
    head = text.split("\nid = ", 1)[0]
    assert head.startswith("# ")
    assert EXPECTED_COURTS[pid][2] in head
    assert "zhixing profiles check" in head


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_moves_and_stage_units_point_to_existing_things(pid: str) -> None:
    p = load_profile(pid)
    stage_codes = {s.code for s in p.stages}
    unit_codes = {u.code for u in p.units}
    assert p.flow.moves
    for m in p.flow.moves:
        assert m.from_stage in stage_codes
        assert m.to_stage in stage_codes
        assert m.from_stage != m.to_stage
        assert m.label
        assert m.source
    for s in p.stages:
        assert set(s.units) <= unit_codes
        if s.kind != "closed":
            assert s.units, s.code
    assert p.flow.entry_stage in stage_codes


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_every_stage_is_reachable_and_every_case_can_reach_closed(pid: str) -> None:
    p = load_profile(pid)
    closed = [s.code for s in p.stages if s.kind == "closed"]
    assert closed == ["closed"]
    assert _reachable(p, p.flow.entry_stage) == {s.code for s in p.stages}
    for s in p.stages:
        assert "closed" in _reachable(p, s.code), s.code
    assert p.moves_from("closed") == []


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_units_have_sensible_roles_and_cite_the_seed(pid: str) -> None:
    p = load_profile(pid)
    seed_no = p.court.seed[:3]
    for u in p.units:
        assert u.leader_role in ROLES and u.member_role in ROLES
        assert u.source.startswith(seed_no), u.code
        assert sum(m.leader for m in u.members) <= 1, u.code
        for m in u.members:
            assert u.role_of(m) in ROLES
    bureaus = [u for u in p.units if u.kind == "bureau"]
    assert len(bureaus) == 1 and bureaus[0].leader_role == "bureau_chief"


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_each_person_has_one_home_unit(pid: str) -> None:
    """People named in several units are listed once without ``concurrent`` (their staff record)."""
    p = load_profile(pid)
    homes = Counter(m.name for u in p.units for m in u.members if not m.concurrent)
    assert [n for n, c in homes.items() if c > 1] == []
    everyone = {m.name for u in p.units for m in u.members}
    assert everyone == set(homes)


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_closing_methods(pid: str) -> None:
    p = load_profile(pid)
    closable = {m for s in p.stages for m in s.can_close}
    assert closable <= set(CLOSING_METHODS)
    assert {"执行完毕", "终结本次执行程序", "终结执行"} <= closable
    if p.flow.model == "teams":
        assert {"执行完毕", "终结本次执行程序", "终结执行", "不予执行", "驳回申请", "销案"} <= closable
    # every stage that may close has a move into the closed stage or into the closing review
    review = p.flow.closing_review
    for s in p.stages:
        if s.can_close:
            targets = {m.to_stage for m in p.moves_from(s.code)}
            assert "closed" in targets or review in targets, s.code


@pytest.mark.parametrize("pid", ["ruyang", "kuaizhi", "gushi", "shihe"])
def test_teams_profiles_have_a_triage_stage_and_one_stage_per_team(pid: str) -> None:
    p = load_profile(pid)
    triage = [s for s in p.stages if s.kind == "triage"]
    assert len(triage) == 1
    teams = [u.code for u in p.units if u.kind == "team"]
    work_units = [s.units for s in p.stages if s.kind == "work"]
    assert sorted(sum(work_units, [])) == sorted(teams)
    assert all(len(us) == 1 for us in work_units)
    # triage routes to every team stage
    assert {m.to_stage for m in p.moves_from(triage[0].code)} >= {
        s.code for s in p.stages if s.kind == "work"
    }


# --- the seeds' particulars -----------------------------------------------------------------


def test_jianli_has_exactly_the_seven_groups_with_the_seed_members_and_limits() -> None:
    p = load_profile("jianli")
    groups = [u for u in p.units if u.kind == "group"]
    assert [u.name for u in groups] == list(JIANLI_GROUPS)
    for u in groups:
        limit, names = JIANLI_GROUPS[u.name]
        assert [m.name for m in u.members] == names
        assert [m.name for m in u.members if m.leader] == [names[0]]
        assert u.size == len(names)
        stages = [s for s in p.stages if u.code in s.units]
        if u.code == "monitor":
            assert stages == [] and u.limit == "1周"
            assert u.member_role == "monitor" and u.leader_role == "monitor"
        else:
            assert [s.limit for s in stages] == [limit]


def test_jianli_flow() -> None:
    p = load_profile("jianli")
    assert p.flow.entry_stage == "online_query"
    assert p.flow.approver_unit == "monitor"
    assert p.flow.closing_review == "closing_review"
    moves = {(m.from_stage, m.to_stage): m for m in p.flow.moves}
    assert moves["online_query", "offline_query"].form == "national_query_form"
    assert moves["offline_query", "clue_query"].form == "offline_query_form"
    assert moves["disposal", "clue_query"].kind == "return"
    assert moves["disposal", "clue_query"].label == "流拍退回线索查控组"
    assert moves["clue_query", "refusal"].kind == "jump"
    for pair in [("clue_query", "disposal"), ("refusal", "zhongben"), ("disposal", "zhongben")]:
        assert pair in moves
    for work in ["online_query", "offline_query", "clue_query", "disposal", "refusal", "zhongben"]:
        assert (work, "closing_review") in moves
    for (a, _b), m in moves.items():
        if a != "closing_review":
            assert m.needs_approval and m.approver_role == "monitor", (a, _b)
    assert set(moves) == {
        ("online_query", "offline_query"),
        ("offline_query", "clue_query"),
        ("clue_query", "disposal"),
        ("clue_query", "refusal"),
        ("disposal", "clue_query"),
        ("disposal", "zhongben"),
        ("refusal", "zhongben"),
        *[(w, "closing_review") for w in ["online_query", "offline_query", "clue_query"]],
        *[(w, "closing_review") for w in ["disposal", "refusal", "zhongben"]],
        ("closing_review", "closed"),
    }


def test_kuaizhi_names_the_seed_people() -> None:
    p = load_profile("kuaizhi")
    assert p.unit("command_center").size == 20
    assert [m.name for m in p.unit("command_center").members] == ["王辉", "杨国平"]
    assert [m.name for m in p.unit("intake").members] == ["李林霞"]
    assert [m.name for m in p.unit("online_query").members] == ["王艳姣"]
    assert [m.name for m in p.unit("documents").members] == ["杨国平", "程鑫锋", "丁一", "郑耀轩"]
    assert [m.name for m in p.unit("triage").members] == ["司永豪"]
    assert p.unit("intensive").members[0].name == "王建生"
    assert len(p.unit("intensive").members) == 8
    fast = p.unit("fast_team")
    assert fast.size == 4 and [m.name for m in fast.members if m.leader] == ["杨国平"]
    sizes = {u.name: u.size for u in p.units if u.code.startswith("ordinary_")}
    assert sizes == {"普执一团队": 5, "普执二团队": 5, "普执三团队": 4, "普执四团队": 4, "普执五团队": 4}
    for u in p.units:
        if u.code.startswith("ordinary_"):
            assert len(u.members) == u.size


def test_shihe_names_the_seed_people() -> None:
    p = load_profile("shihe")
    people = {m.name for u in p.units for m in u.members}
    assert {
        "黄有为",
        "王静",
        "张巍",
        "郑骁",
        "张永娟",
        "詹昱",
        "梁坤祥",
        "唐朝",
        "李婉",
        "余功芳",
        "何丽娜",
    } <= people
    assert [m.name for m in p.unit("case_money").members] == ["何丽娜"]
    assert p.unit("case_money").member_role == "case_money"
    assert p.stage("online_query").limit == "15日"
    assert p.stage("offline_query").limit == "30日"
    moves = {(m.from_stage, m.to_stage) for m in p.flow.moves}
    assert ("offline_query", "zhongben_review") in moves  # 无财产可供执行 → 终本管理组
    assert ("zhongben_review", "implementation") in moves  # 应司法制裁 → 实施团队


def test_gushi_reassignment_jumps_between_all_teams() -> None:
    p = load_profile("gushi")
    jumps = {(m.from_stage, m.to_stage) for m in p.flow.moves if m.kind == "jump"}
    teams = ["fast", "ordinary", "special"]
    assert jumps == {(a, b) for a in teams for b in teams if a != b}
    assert all(m.label == "二次分案" for m in p.flow.moves if m.kind == "jump")


def test_ruyang_routes_to_the_five_teams() -> None:
    p = load_profile("ruyang")
    assert [s.name for s in p.stages if s.kind == "work"] == [
        "速执团队",
        "普执一团队",
        "普执二团队",
        "普执三团队",
        "特执团队",
    ]
    assert p.stage("fast").limit == "30日"
    assert p.flow.closing_review == "zhongben_review"
    assert p.unit("special_team").size == 5


# --- broken files name the file and the key ---------------------------------------------------


def _jianli_text() -> str:
    return (DATA_DIR / "jianli.toml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ProfileError) as info:
        load_profile_file(path)
    assert info.value.exit_code == 2
    message = info.value.message
    assert message.startswith(f"配置文件 {path} 有误：")
    return message


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_the_jianli_text_is_valid_to_start_with(tmp_path: Path) -> None:
    assert load_profile_file(_write(tmp_path, _jianli_text())).id == "jianli"


def test_missing_court_code(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_once(_jianli_text(), 'code = "鄂1088"\n', ""))
    assert "键 court.code：缺少必填项" in _error(path)


def test_malformed_court_code(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_once(_jianli_text(), 'code = "鄂1088"', 'code = "监利"'))
    assert "键 court.code：法院代字应为省份简称加四位数字" in _error(path)


def test_unknown_key(tmp_path: Path) -> None:
    path = _write(tmp_path, _replace_once(_jianli_text(), "[[units]]", "[[unitz]]"))
    assert "键 unitz：不认识的键" in _error(path)


def test_move_to_a_missing_stage(tmp_path: Path) -> None:
    text = _replace_once(_jianli_text(), 'to = "offline_query"', 'to = "nowhere"')
    msg = _error(_write(tmp_path, text))
    assert "flow.moves[0] 指向不存在的阶段：nowhere" in msg


def test_wrong_type_for_size(tmp_path: Path) -> None:
    # units[2] is 线上查控组 (after 执行局 and 执行事务中心)
    path = _write(tmp_path, _replace_once(_jianli_text(), "size = 3", 'size = "三人"'))
    assert "键 units[2].size：应为整数" in _error(path)


def test_unknown_role(tmp_path: Path) -> None:
    text = _replace_once(_jianli_text(), 'member_role = "query_clerk"', 'member_role = "clerk"')
    assert "键 units[2].member_role：未知角色 clerk" in _error(_write(tmp_path, text))


def test_unknown_closing_method(tmp_path: Path) -> None:
    text = _replace_once(_jianli_text(), 'can_close = ["执行完毕", "终结执行"]', 'can_close = ["和解"]')
    assert "键 stages[0].can_close：未知结案方式 和解" in _error(_write(tmp_path, text))


def test_closing_review_must_exist(tmp_path: Path) -> None:
    text = _replace_once(_jianli_text(), 'closing_review = "closing_review"', 'closing_review = "x"')
    assert "flow.closing_review 指向不存在的阶段或单位：x" in _error(_write(tmp_path, text))


def test_not_toml(tmp_path: Path) -> None:
    path = _write(tmp_path, "id = \n")
    with pytest.raises(ProfileError, match=rf"^配置文件 {re.escape(str(path))} 不是有效的 TOML"):
        load_profile_file(path)


def test_unknown_profile_name() -> None:
    with pytest.raises(ProfileError, match="没有名为 nosuch 的法院配置；可用：ruyang、kuaizhi"):
        load_profile("nosuch")


# --- describe ---------------------------------------------------------------------------------


def test_describe_jianli() -> None:
    text = describe(load_profile("jianli"))
    lines = text.splitlines()
    assert lines[0] == "监利市人民法院（鄂1088）  配置 jianli  版本 1"
    assert "流转审批：指挥监控组（指挥中心）" in lines
    assert "结案审查：结案审查（阶段）" in lines
    assert "    人员：杨琼（负责人）、陈谦、汤浩" in lines
    assert "  线上查控组 [组] online_query" in lines
    assert any(
        ln.startswith("  1. 线上查控 online_query [办理]  单位：线上查控组  期限：3周") for ln in lines
    )
    assert any(
        ln.startswith("  线上查控 → 线下查控  移送线下查控组  表单：《总对总查控实有情况表》  需指挥监控审批")
        for ln in lines
    )
    assert any(ln.startswith("  财产处置 → 线索查控（退回）  流拍退回线索查控组") for ln in lines)
    assert (
        "  ［由期限生成］线上查控阶段期限（3周）：自进入阶段起 3周  责任：线上查控组  出处：004 二、机构设置；第一组 4"
        in lines
    )
    assert (
        "    隶属：执行局；定员 4 人；期限 1周；负责人角色：指挥监控；成员角色：指挥监控；不直接承办案件"
        in lines
    )


def test_describe_marks_concurrent_members_and_explicit_roles() -> None:
    text = describe(load_profile("kuaizhi"))
    assert (
        "    人员：杨国平（负责人，兼任）、程鑫锋（兼任）、丁一（兼任）、郑耀轩（兼任）" in text.splitlines()
    )
    assert "李林霞（负责人，窗口书记员）" in text
    assert "贺琦（案款专员）" in text


_MINI = """
id = "mini"
[court]
name = "测试县人民法院"
short_name = "测试"
code = "豫0101"
province = "河南"
seed = "none.txt"
[[units]]
code = "team"
name = "速执团队"
kind = "team"
source = "测试"
[[stages]]
code = "work"
name = "办理"
units = ["team"]
can_close = ["执行完毕"]
[[stages]]
code = "closed"
name = "已结案"
kind = "closed"
[flow]
model = "teams"
entry_stage = "work"
[[flow.moves]]
from = "work"
to = "closed"
label = "结案"
"""


def test_describe_without_own_rules_lists_the_national_ones() -> None:
    text = describe(parse_profile_text(_MINI))
    lines = text.splitlines()
    assert lines[2] == "依据：（未写文号）（none.txt）"
    i = lines.index("节点规则（本配置0条；连同全国性规则和由期限生成的节点共6条；临期提醒：2个工作日）：")
    assert lines[i + 1].startswith(
        "  ［全国］法定执行期限（立案起6个月内执结）：自立案起 6个月  责任：承办人  出处："
    )
    assert sum(ln.startswith("  ［全国］") for ln in lines) == 6
    assert "  办理 → 已结案  结案" in lines
    assert "  （尚未配置）" in lines  # triage


def test_describe_lists_deadline_rules_and_triage_criteria() -> None:
    text = (
        _MINI
        + """
[triage]
classes = ["简易", "普通"]
source = "测试 二"

[[triage.criteria]]
id = "s1"
text = "银行存款足额清偿债权的"
when = { money_covers_claim = true }

[[triage.exclusions]]
id = "x1"
text = "被执行人为党政机关的"
when = { all = ["respondent_is_government"] }

[deadlines]
warning_window = "3个工作日"

[[deadlines.rules]]
id = "notice"
name = "执行通知书"
anchor = "filed"
period = "3个工作日"
owner = "team"
source = "测试 一"
"""
    )
    lines = describe(parse_profile_text(text)).splitlines()
    assert "节点规则（本配置1条；连同全国性规则和由期限生成的节点共7条；临期提醒：3个工作日）：" in lines
    assert "  执行通知书：自立案起 3个工作日  责任：速执团队  出处：测试 一" in lines
    assert "  简易 s1：银行存款足额清偿债权的" in lines
    assert "  排除简易 x1：被执行人为党政机关的" in lines
    assert "  出处：测试 二" in lines
    assert any(ln.startswith("繁简分流（类别：简易、普通；标准1条，排除情形1条") for ln in lines)


def test_a_profile_name_longer_than_a_file_name_is_unknown_not_an_os_error() -> None:
    """Found by the CLI property test: ``--profile`` with 300 letters made ``Path.exists`` raise
    'File name too long' (a traceback) instead of the Chinese refusal."""
    with pytest.raises(ProfileError, match="^没有名为 x{40}… 的法院配置；可用：ruyang"):
        load_profile("x" * 300)
