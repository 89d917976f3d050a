"""A readable Chinese description of a court profile, for ``zhixing profiles show``."""

from __future__ import annotations

from ..domain.events import EVENTS
from ..domain.forms import PRINTED_FORMS
from ..domain.roles import role_name
from .deadline_schema import rules_for
from .schema import Member, Move, Profile, Stage, Unit

UNIT_KIND_ZH = {"bureau": "局", "center": "中心", "group": "组", "team": "团队", "office": "专员/办公室"}
STAGE_KIND_ZH = {"center": "中心事务", "triage": "分流", "work": "办理", "review": "审查", "closed": "结案"}
MODEL_ZH = {
    "pipeline": "分段流水线（逐组流转、指挥监控审批）",
    "teams": "团队制（中心集约 → 分流 → 实施团队）",
}
MOVE_KIND_ZH = {"forward": "", "return": "退回", "jump": "越级"}

#: handoff form kinds named in the seeds → their titles
FORM_NAMES = {
    "national_query_form": "《总对总查控实有情况表》",
    "offline_query_form": "《线下查控实有情况表》",
}


def _member(unit: Unit, m: Member) -> str:
    extra: list[str] = []
    if m.title:
        extra.append(m.title)
    if m.leader:
        extra.append("负责人")
    role = unit.role_of(m)
    default = unit.leader_role if m.leader else unit.member_role
    if role != default:
        extra.append(role_name(role))
    if m.concurrent:
        extra.append("兼任")
    return f"{m.name}（{'，'.join(extra)}）" if extra else m.name


def _unit_lines(p: Profile, u: Unit) -> list[str]:
    head = f"  {u.name} [{UNIT_KIND_ZH[u.kind]}] {u.code}"
    facts: list[str] = []
    if u.parent:
        facts.append(f"隶属：{p.unit(u.parent).name}")
    if u.size:
        facts.append(f"定员 {u.size} 人")
    if u.limit:
        facts.append(f"期限 {u.limit}")
    facts.append(f"负责人角色：{role_name(u.leader_role)}")
    facts.append(f"成员角色：{role_name(u.member_role)}")
    if not u.receives_cases:
        facts.append("不直接承办案件")
    lines = [head, "    " + "；".join(facts)]
    if u.members:
        lines.append("    人员：" + "、".join(_member(u, m) for m in u.members))
    for d in u.duties:
        lines.append(f"    · {d}")
    lines.append(f"    出处：{u.source}")
    return lines


def _stage_line(p: Profile, i: int, s: Stage) -> str:
    parts = [f"  {i}. {s.name} {s.code} [{STAGE_KIND_ZH[s.kind]}]"]
    if s.units:
        parts.append("单位：" + "、".join(p.unit(c).name for c in s.units))
    if s.limit:
        parts.append(f"期限：{s.limit}")
    if s.can_close:
        parts.append("可结案方式：" + "、".join(s.can_close))
    if s.source:
        parts.append(f"出处：{s.source}")
    return "  ".join(parts)


def _move_line(p: Profile, m: Move) -> str:
    kind = MOVE_KIND_ZH[m.kind]
    parts = [
        f"  {p.stage(m.from_stage).name} → {p.stage(m.to_stage).name}{'（' + kind + '）' if kind else ''}"
    ]
    parts.append(m.label)
    if m.form:
        parts.append("表单：" + FORM_NAMES.get(m.form, m.form))
    if m.needs_approval:
        parts.append(f"需{role_name(m.approver_role)}审批")
    if m.source:
        parts.append(f"出处：{m.source}")
    return "  ".join(parts)


def _name_of(p: Profile, code: str) -> str:
    for s in p.stages:
        if s.code == code:
            return f"{s.name}（阶段）"
    for u in p.units:
        if u.code == code:
            return f"{u.name}（单位）"
    return code


def _owner(p: Profile, owner: str) -> str:
    for u in p.units:
        if u.code == owner:
            return u.name
    return role_name(owner)


def _deadline_lines(p: Profile) -> list[str]:
    own = p.deadlines.rules
    own_ids = {r.id for r in own}
    rules = rules_for(p)
    out = [
        f"节点规则（本配置{len(own)}条；连同全国性规则和由期限生成的节点共{len(rules)}条；"
        f"临期提醒：{p.deadlines.warning_window}）："
    ]
    for r in rules:
        if r.id in own_ids:
            tag = ""
        elif r.id.startswith("national."):
            tag = "［全国］"
        else:
            tag = "［由期限生成］"
        owner = f"  责任：{_owner(p, r.owner)}" if r.owner else ""
        anchor = EVENTS.get(r.anchor, r.anchor)
        out.append(f"  {tag}{r.name}：自{anchor}起 {r.period}{owner}  出处：{r.source}")
    return out


def _triage_lines(p: Profile) -> list[str]:
    t = p.triage
    if t.mode == "none":
        head = "繁简分流：不作立案后的一次性分流（逐段分流）"
    else:
        head = f"繁简分流（类别：{'、'.join(t.classes)}；标准{len(t.criteria)}条，排除情形{len(t.exclusions)}条，分案路由{len(t.routes)}条）："
    out = [head]
    if t.mode != "none" and not (t.criteria or t.exclusions or t.routes):
        out.append("  （尚未配置）")
    for c in t.criteria:
        out.append(f"  {c.cls} {c.id}：{c.text}")
    for e in t.exclusions:
        out.append(f"  排除{e.blocks} {e.id}：{e.text}")
    for r in t.routes:
        target = r.team or "在" + "、".join(r.pool) + "中随机平均"
        cls = f"{r.cls}案件" if r.cls else "案件"
        out.append(f"  分案 {r.id}：{cls} → {target}{'（' + r.text + '）' if r.text else ''}")
    if t.distribute:
        out.append(f"  {t.distribute.unit}内随机平均分给成员")
    if t.source:
        out.append(f"  出处：{t.source}")
    return out


def describe(profile: Profile) -> str:
    """The profile as readable Chinese text: court, units, stages, moves, deadline and triage rules."""
    p = profile
    c = p.court
    out = [
        f"{c.name}（{c.code}）  配置 {p.id}  版本 {p.version}",
        f"简称：{c.short_name}  省份：{c.province}",
        f"依据：{c.document or '（未写文号）'}（{c.seed}）",
        f"模式：{MODEL_ZH[p.flow.model]}",
        f"入口阶段：{p.stage(p.flow.entry_stage).name}",
    ]
    if p.flow.approver_unit:
        out.append(f"流转审批：{p.unit(p.flow.approver_unit).name}")
    if p.flow.closing_review:
        out.append(f"结案审查：{_name_of(p, p.flow.closing_review)}")
    forms = "、".join(f"《{PRINTED_FORMS[f.id].title}》（{f.source}）" for f in p.printed_forms)
    out.append(f"本院打印的表格：{forms or '（无）'}")

    out += ["", f"机构（{len(p.units)}个单位）："]
    for u in p.units:
        out += _unit_lines(p, u)

    out += ["", f"阶段（{len(p.stages)}个）："]
    out += [_stage_line(p, i, s) for i, s in enumerate(p.stages, 1)]

    out += ["", f"流转（{len(p.flow.moves)}条）："]
    out += [_move_line(p, m) for m in p.flow.moves]

    out += ["", *_deadline_lines(p)]
    out += ["", *_triage_lines(p)]
    return "\n".join(out)


__all__ = ["FORM_NAMES", "describe"]
