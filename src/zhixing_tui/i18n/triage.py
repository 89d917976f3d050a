"""Strings of the triage (繁简分流) area: fact labels, explanation lines, CLI help."""

from __future__ import annotations

#: fact key → Chinese label (used in explanations and error messages)
FACT_LABELS: dict[str, str] = {
    "claim_amount": "申请执行标的额（元）",
    "filed_on": "立案日期",
    "money_found": "查控到可控制的存款及网络资金（元）",
    "behaviour_by_assistance_notice": "发送协助执行通知书即可办结的行为执行",
    "transfer_only": "不动产、机动车过户案件",
    "performed_or_willing": "被执行人已主动履行或愿意主动履行",
    "settlement_likely": "双方有较大和解可能",
    "likely_rejection": "初步判断不予受理或驳回申请",
    "prior_zhongben_closed_on": "同一被执行人在本院前案终本结案日期",
    "no_property_found": "没有查询到可供执行财产",
    "property_not_yet_disposable": "有财产但暂时不能处分",
    "property_to_dispose": "需要处分房产、土地、车辆、股权等财产",
    "transfer_of_registered_property": "执行依据涉及房产、土地使用权、股权等财产过户",
    "return_of_property": "涉及返还房产、商铺、机器设备等行为",
    "criminal_confiscation_unclear": "刑事判决涉扣押物品处分或退赔判项不明确",
    "respondent_is_government": "被执行人为党政机关",
    "severe_conflict": "家事、劳资、相邻关系等纠纷双方对立严重",
    "whereabouts_unknown": "被执行人下落不明",
    "notice_service_at_trial": "诉讼期间公告送达开庭传票和裁判文书",
    "no_clues_from_applicant": "申请执行人不能提供准确执行线索",
    "objection_raised": "当事人提出执行异议",
    "needs_valuation_sale": "需要进行财产变价处置",
    "large_complex_sensitive": "标的较大、历史遗留问题多、申请人多，复杂疑难敏感",
    "collective_petition_risk": "容易引起集体上访",
    "special_campaign": "专项活动执行案件",
    "criminal_property_penalty": "刑事涉财产刑执行案件",
}


def fact_label(key: str) -> str:
    return FACT_LABELS.get(key, key)


# --- fact validation -------------------------------------------------------------------------
ERR_NOT_OBJECT = "事实文件应为 JSON 对象（{{…}}），实为 {kind}"
ERR_UNKNOWN_KEY = "事实文件中有不认识的键：{key}（可用的键：{known}）"
ERR_NOT_BOOL = "事实 {key}（{label}）应为 true 或 false，实为 {value}"
ERR_BAD_JSON = "事实文件 {path} 不是有效的 JSON：{error}"
ERR_DEEP_JSON = "事实文件 {path} 的 JSON 嵌套层数过多，无法读取"
FACTS_FILE = "事实文件"
ERR_NO_FILE = "找不到事实文件：{path}"

# --- explanation -----------------------------------------------------------------------------
WHY_CLAIM_MAX = "标的额 {claim} 元 ≤ {limit} 元"
WHY_COVERS = "查控到存款及网络资金 {found} 元 ≥ 标的额 {claim} 元"
WHY_NOT_COVERS = "查控到存款及网络资金 {found} 元 < 标的额 {claim} 元"
WHY_WITHIN = "前案 {closed} 终本结案，本案 {filed} 立案，在{months}个月内（截至 {end}）"
NOTE_TODAY_AS_FILED = "未提供立案日期，按 {today} 计算前案终本后的期间"
NOTE_CLASSES_OVERLAP = "同时符合{classes}的标准，按本院配置的优先顺序（{order}）定为{chosen}"
NOTE_EXCLUDED = "虽符合{blocked}标准，但存在不得列入{blocked}的情形，不作{blocked}处理"
NOTE_DEFAULT = "未符合任何标准，按本院配置认定为{cls}"
NOTE_SHADOWED = "「{route}」亦适用，但按本院配置的优先顺序由「{chosen}」决定"
NOTE_NO_TRIAGE = "本院不实行立案后的一次性繁简分流"

LABEL_CLASS = "类别"
LABEL_ROUTE = "分案"
LABEL_POOL = "在以下团队中平均随机分案"
LABEL_MATCHED = "符合的标准"
LABEL_EXCLUDED = "排除情形（不得列入简易）"
LABEL_NOTES = "说明"
LABEL_MANUAL = "需承办人判断的情形（如认为符合，请改判并写明理由）"
LABEL_NONE = "（无）"
LABEL_RELATED = "关联案件（类案集中）"
RELATED_REASON_NAMES = {
    "same_respondent": "被执行人相同",
    "same_subject": "执行标的（执行依据）相同",
    "applicant_is_respondent": "申请执行人为其他执行案件的被执行人",
}
NO_CLASS = "不分类"
LABEL_CASE_NO = "案号：{case_no}"
LABEL_SOURCES = "事实来源："
YES = "是"
NO = "否"
DERIVED = "推导"
RELATED_PROPOSAL = "  建议交{team}集中办理（须报执行局长审批）"
NO_TEAM = "不按团队分流"

# --- CLI -------------------------------------------------------------------------------------
HELP_APP = "繁简分流：按本院标准说明类别、分案去向和理由；为案件给出建议。"
HELP_EXPLAIN = "按法院配置的繁简分流标准，说明一组事实（JSON 文件）的类别、分案去向和理由。"
HELP_PROFILE = "法院配置名，如 ruyang、kuaizhi、gushi、shihe、jianli"
HELP_FACTS = "事实 JSON 文件（键均可省略，见 docs）"
HELP_SUGGEST = "按案件已有的信息推导事实并给出分流建议（只读）。"
HELP_CASE_NO = "案号，如 （2026）豫0326执123号"
HELP_TODAY = "按哪一天计算（默认今天；未提供立案日期时用于前案终本后六个月的判断）"
HEADER_PROFILE = "法院：{court}（{profile}）"

# --- CLI: decide, reassign, print-s2c ----------------------------------------------------------
HELP_DECIDE = (
    "作出繁简分流决定：不带 --class/--team 时接受系统建议（随机分案时记录抽签）；"
    "改判类别或团队时必须用 --reason 写明理由。"
)
HELP_CLASS = "改判后的类别：简易、普通 或 特殊"
HELP_TEAM = "改判后的团队（本院分案的团队名，如 普执二团队）"
HELP_REASON = "理由（改判时必填，记入分流决定）"
HELP_REASSIGN = "二次分案：把在办案件改派给另一团队，须写明理由（新团队接收期限按本院配置）。"
HELP_REASSIGN_TEAM = "接收案件的团队"
HELP_REASSIGN_REASON = "二次分案的理由（必填）"
HELP_PRINT_S2C = "写出一案最近一次简转繁审批的《简转繁审批表》（.docx，默认写到 exports/）。"
HELP_OUT = "输出文件（默认 exports/简转繁审批表_案号.docx）"
ERR_OVERRIDE_REASON = "改判类别或团队时必须用 --reason 写明理由"
ERR_REASSIGN_REASON = "二次分案必须用 --reason 写明理由"
DECIDED = "已分流：{case_no}"
DECIDED_CLASS = "类别：{cls}"
DECIDED_TEAM = "分至：{team}"
DECIDED_DRAW = "抽签：{draw}"
DECIDED_OVERRIDE = "改判理由：{reason}"
DECIDED_REASON = "理由：{reason}"
REASSIGNED = "二次分案：{case_no} 改由{team}办理（理由：{reason}）"
S2C_WRITTEN = "已写出《简转繁审批表》：{path}"
