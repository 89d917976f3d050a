"""终本 (终结本次执行程序) conditions, pure: what a case's records show against the law and the court.

National conditions — 《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）:

* 第一条 a closing by 终本 must meet all of (一)–(五) at once:
  (一) 已向被执行人发出执行通知、责令被执行人报告财产 (第二条第(一)项: 报告财产令) — checks
  ``national.1.notice`` and ``national.1.property_order`` (the 执行通知书 / 报告财产令 documents made or
  served);
  (二) 已向被执行人发出限制消费令，并将符合条件的被执行人纳入失信被执行人名单 — ``national.2.consumption_ban``
  (a 限消 measure in force, or the 限制消费令 document) and ``national.2.dishonest`` (a 失信 measure in
  force; the law asks it only of a respondent who 符合条件, so the handler may record instead why this
  one does not);
  (三) 已穷尽财产调查措施 (第三条: 第(二)项 网络执行查控系统, 第(三)项 住所地等必要调查) —
  ``national.3.network_query`` (a 总对总 query within the 3 months before closing: the national rule
  every profile carries, DOMAIN §3.1, seed 003 §四(二)2(2)) and ``national.3.offline_query`` (every
  线下 item of the court's checklist answered);
  (四) 自执行案件立案之日起已超过三个月 — ``national.4.three_months``. The article allows no exception;
  a court whose published plan waives it (监利 004 第六组 3: 资料齐全的 … 不受立案之日起超过三个月规定的
  限制) says so in its profile, and then the handler must record the reason on the case;
  (五) 被执行人下落不明的，已依法予以查找；被执行人或者其他人妨害执行的，已依法采取罚款、拘留等强制措施 —
  ``national.5.whereabouts`` and ``national.5.obstruction``: each applies only when the handler has
  recorded the situation, and then needs its evidence (a 查找 record / a 罚款 or 拘留 measure).
* 第五条 终结本次执行程序前 … 告知申请执行人 … 并听取其对终结本次执行程序的意见 —
  ``national.5th_article.interview`` (a 终本约谈 measure).

Court lists come from the profile (``[zhongben]`` items, each citing its seed clause) and are checked
by the same evidence kinds (:data:`EVIDENCE_KINDS`). Every condition says where its evidence comes
from (a measure row, a checklist item, a document, a ticked material, a recorded statement).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from .periods import DAYS, MONTHS, WEEKS, YEARS, add_months, parse_period

__all__ = [
    "ARTICLE_1",
    "ARTICLE_5",
    "EVIDENCE_KINDS",
    "LAW",
    "NATIONAL_IDS",
    "CaseRecord",
    "Condition",
    "DocumentFact",
    "MeasureFact",
    "QueryFact",
    "Statements",
    "check",
    "check_evidence_spec",
    "court_conditions",
    "missing",
    "national_conditions",
    "refusal_message",
    "short_citation",
    "waive",
]

LAW = "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）"
ARTICLE_1 = f"{LAW}第一条"
ARTICLE_5 = f"{LAW}第五条"

#: measure kind code → Chinese (the codes of ``storage.models.Measure.kind``)
MEASURE_NAMES = {
    "consumption_ban": "限制消费令",
    "dishonest": "失信决定",
    "fine": "罚款决定",
    "detention": "拘留决定",
    "exit_ban": "限制出境",
    "interview": "约谈",
    "zhongben_interview": "终本约谈",
    "search": "搜查",
    "reward": "悬赏",
}
DOCUMENT_NAMES = {
    "notice": "执行通知书",
    "property_order": "报告财产令",
    "declaration": "财产申报表",
    "ruling": "执行裁定书",
    "consumption_ban": "限制消费令",
    "seal_ruling": "查封、扣押、冻结裁定",
}
#: measure states that count as taken (in force, or a one-off act done)
TAKEN = ("active", "done")
#: checklist statuses that count as answered
_ANSWERED = ("feedback", "frozen", "sealed", "deducted", "delegated")

#: evidence a court item may name: ``measure:<kind>``, ``document:<kind>``, ``query:national``
#: (within the item's ``within``), ``query:offline`` (any 线下 item answered), ``material`` (ticked on
#: the case file). An item is met by any one of its evidence specs.
EVIDENCE_KINDS = ("measure", "document", "query", "material")


def check_evidence_spec(spec: str) -> str:
    """``spec`` if it is a known evidence spec, else ValueError in Chinese (profile validation)."""
    kind, _, arg = spec.partition(":")
    ok = (
        (kind == "measure" and arg in MEASURE_NAMES)
        or (kind == "document" and arg in DOCUMENT_NAMES)
        or (kind == "query" and arg in ("national", "offline"))
        or (kind == "material" and not arg)
    )
    if not ok:
        raise ValueError(
            f"不认识的终本证据：{spec}；可用：measure:<措施代码>、document:<文书代码>、"
            "query:national、query:offline、material"
        )
    return spec


# --- what the service gathers -----------------------------------------------------------------
@dataclass(frozen=True)
class MeasureFact:
    kind: str
    state: str
    decided_on: date
    doc_no: str = ""


@dataclass(frozen=True)
class DocumentFact:
    kind: str
    status: str  # pending | made | served
    made_on: date | None = None
    served_on: date | None = None


@dataclass(frozen=True)
class QueryFact:
    channel: str  # national | local | offline
    asset_type: str
    status: str
    started_on: date | None = None
    feedback_on: date | None = None
    label: str = ""


@dataclass(frozen=True)
class Statements:
    """What the handler recorded on the case for the conditions that depend on the situation."""

    dishonest_exempt_reason: str = ""  # why this respondent is not one who 符合条件 for 失信
    whereabouts_unknown: bool = False  # 被执行人下落不明
    search_note: str = ""  # how the respondent was looked for (查找)
    obstruction: bool = False  # 被执行人或者其他人妨害执行
    early_reason: str = ""  # why 终本 before 三个月 (only where the profile allows it)


@dataclass(frozen=True)
class CaseRecord:
    filed_on: date
    closing_on: date
    measures: Sequence[MeasureFact] = ()
    documents: Sequence[DocumentFact] = ()
    queries: Sequence[QueryFact] = ()
    #: the 线下 items of the court's checklist: (asset_type, label)
    offline_required: Sequence[tuple[str, str]] = ()
    materials: frozenset[str] = frozenset()
    statements: Statements = field(default_factory=Statements)


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    citation: str
    met: bool
    evidence: str
    scope: str = "national"  # national | court
    overridden: bool = False

    @property
    def blocking(self) -> bool:
        return not self.met and not self.overridden


class CourtItem(Protocol):
    """One item of a court's own 终本 list (``profiles.zhongben_schema.ZhongbenItem``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def evidence(self) -> Sequence[str]: ...
    @property
    def within(self) -> str | None: ...
    @property
    def source(self) -> str: ...


# --- evidence ---------------------------------------------------------------------------------
def _measure_text(m: MeasureFact) -> str:
    parts = [MEASURE_NAMES.get(m.kind, m.kind), m.decided_on.isoformat()]
    if m.doc_no:
        parts.append(m.doc_no)
    return " ".join(parts)


def _taken(rec: CaseRecord, kind: str) -> list[MeasureFact]:
    found = [
        m for m in rec.measures if m.kind == kind and m.state in TAKEN and m.decided_on <= rec.closing_on
    ]
    return sorted(found, key=lambda m: m.decided_on)


def _by(day: date | None, closing_on: date) -> bool:
    """A record without its date counts; a dated one only when it comes by the closing day."""
    return day is None or day <= closing_on


def _document(rec: CaseRecord, kind: str) -> DocumentFact | None:
    """The document as it stood on the closing day (made or served by then), if it was."""
    for d in rec.documents:
        if d.kind != kind or d.status not in ("made", "served"):
            continue
        if d.status == "served" and d.served_on is not None and not _by(d.served_on, rec.closing_on):
            d = replace(d, status="made")  # served only after the closing day
        if _by(d.made_on, rec.closing_on):
            return d
    return None


def _document_text(d: DocumentFact) -> str:
    name = DOCUMENT_NAMES.get(d.kind, d.kind)
    if d.status == "served":
        return f"{name} 已送达 {d.served_on or ''}".rstrip()
    return f"{name} 已制作 {d.made_on or ''}".rstrip()


def _answered(q: QueryFact, closing_on: date) -> bool:
    return q.status in _ANSWERED and _by(q.feedback_on, closing_on)


def _back(day: date, period: str) -> date:
    """``day`` minus a period (a look-back window: no rest-day rolling)."""
    p = parse_period(period)
    if p.unit == MONTHS:
        return add_months(day, -p.n)
    if p.unit == YEARS:
        return add_months(day, -12 * p.n)
    if p.unit == WEEKS:
        return day - timedelta(days=7 * p.n)
    if p.unit == DAYS:
        return day - timedelta(days=p.n)
    return day


def _national_query(rec: CaseRecord, within: str | None) -> tuple[bool, str]:
    days = sorted(
        d
        for q in rec.queries
        if q.channel == "national"
        for d in (q.started_on or q.feedback_on,)
        if d is not None and d <= rec.closing_on
    )
    if not days:
        return False, "未发起“总对总”查询（查控清单）"
    if within:
        earliest = _back(rec.closing_on, within)
        if days[-1] < earliest:
            return False, f"最近一次“总对总”查询 {days[-1]}，早于 {earliest}（查控清单）"
    return True, f"“总对总”查询 {days[-1]}（查控清单）"


def _offline_any(rec: CaseRecord) -> tuple[bool, str]:
    done = [q for q in rec.queries if q.channel == "offline" and _answered(q, rec.closing_on)]
    if not done:
        return False, "未进行线下（传统）查控（查控清单）"
    labels = "、".join(q.label or q.asset_type for q in done)
    return True, f"线下查控已反馈：{labels}（查控清单）"


def _evidence(rec: CaseRecord, spec: str, within: str | None) -> tuple[bool, str]:
    kind, _, arg = spec.partition(":")
    if kind == "measure":
        taken = _taken(rec, arg)
        if taken:
            return True, _measure_text(taken[-1]) + "（执行措施）"
        return False, f"未记录{MEASURE_NAMES.get(arg, arg)}（执行措施）"
    if kind == "document":
        doc = _document(rec, arg)
        if doc is not None:
            return True, _document_text(doc) + "（文书）"
        return False, f"{DOCUMENT_NAMES.get(arg, arg)}未制作（文书）"
    if kind == "query":
        return _national_query(rec, within) if arg == "national" else _offline_any(rec)
    return False, ""  # material: handled by the caller (it needs the item's id)


def _item(rec: CaseRecord, specs: Sequence[str], within: str | None, item_id: str) -> tuple[bool, str]:
    misses = []
    for spec in specs:
        if spec == "material":
            if item_id in rec.materials:
                return True, "已备入卷（终本材料）"
            misses.append("材料未备（终本材料）")
            continue
        ok, text = _evidence(rec, spec, within)
        if ok:
            return True, text
        misses.append(text)
    return False, "；".join(misses)


# --- the national conditions ------------------------------------------------------------------
def _c(item: str) -> str:
    return f"{ARTICLE_1}第（{item}）项"


NATIONAL_IDS = (
    "national.1.notice",
    "national.1.property_order",
    "national.2.consumption_ban",
    "national.2.dishonest",
    "national.3.network_query",
    "national.3.offline_query",
    "national.4.three_months",
    "national.5.whereabouts",
    "national.5.obstruction",
    "national.5th_article.interview",
)


def _notice(rec: CaseRecord, kind: str) -> tuple[bool, str]:
    return _evidence(rec, f"document:{kind}", None)


def _consumption_ban(rec: CaseRecord) -> tuple[bool, str]:
    taken = _taken(rec, "consumption_ban")
    if taken:
        return True, _measure_text(taken[-1]) + "（执行措施）"
    lifted = [m for m in rec.measures if m.kind == "consumption_ban" and m.state == "lifted"]
    if lifted:
        return False, f"限制消费令 {lifted[-1].decided_on} 已解除，终本时须在效力中（执行措施）"
    doc = _document(rec, "consumption_ban")
    if doc is not None:
        return True, _document_text(doc) + "（文书）"
    return False, "未发布限制消费令（执行措施、文书均无）"


def _dishonest(rec: CaseRecord) -> tuple[bool, str]:
    taken = _taken(rec, "dishonest")
    if taken:
        return True, f"纳入失信被执行人名单：{_measure_text(taken[-1])}（执行措施）"
    reason = rec.statements.dishonest_exempt_reason.strip()
    if reason:
        return True, f"不符合纳入失信条件：{reason}（承办人记录）"
    return False, "未纳入失信被执行人名单，也未记录不符合纳入条件的理由"


def _offline_required(rec: CaseRecord) -> tuple[bool, str]:
    if not rec.offline_required:
        return _offline_any(rec)
    done = {q.asset_type for q in rec.queries if q.channel == "offline" and _answered(q, rec.closing_on)}
    open_ = [label for asset, label in rec.offline_required if asset not in done]
    if open_:
        return False, f"线下查控未完成：{'、'.join(open_)}（查控清单）"
    return True, f"线下查控 {len(rec.offline_required)} 项均已反馈（查控清单）"


def _three_months(rec: CaseRecord, waiver_source: str | None, court_met: bool) -> tuple[bool, str]:
    ready = add_months(rec.filed_on, 3)
    if rec.closing_on > ready:
        return True, f"立案 {rec.filed_on}，至 {rec.closing_on} 已超过三个月"
    text = f"立案 {rec.filed_on}，{ready} 后方满三个月"
    reason = rec.statements.early_reason.strip()
    if waiver_source and reason and court_met:
        return True, f"{text}；依 {waiver_source} 不受三个月限制：{reason}（承办人记录）"
    if waiver_source and reason:
        return False, f"{text}；{waiver_source} 的例外须本院所列材料齐全"
    return False, text


def _whereabouts(rec: CaseRecord) -> tuple[bool, str]:
    st = rec.statements
    if not st.whereabouts_unknown:
        return True, "不适用：承办人未记录被执行人下落不明"
    visits = [
        q
        for q in rec.queries
        if q.channel == "offline" and q.asset_type == "site_visit" and _answered(q, rec.closing_on)
    ]
    if st.search_note.strip():
        return True, f"下落不明，已查找：{st.search_note.strip()}（承办人记录）"
    if visits:
        day = visits[0].feedback_on
        return True, f"下落不明，已实地调查{f' {day}' if day else ''}（查控清单）"
    return False, "被执行人下落不明，未记录查找情况"


def _obstruction(rec: CaseRecord) -> tuple[bool, str]:
    if not rec.statements.obstruction:
        return True, "不适用：承办人未记录妨害执行"
    taken = sorted(_taken(rec, "fine") + _taken(rec, "detention"), key=lambda m: m.decided_on)
    if taken:
        return True, f"妨害执行，已采取 {_measure_text(taken[-1])}（执行措施）"
    return False, "有妨害执行行为，未采取罚款、拘留等强制措施"


def national_conditions(
    rec: CaseRecord, *, waiver_source: str | None = None, court_met: bool = True
) -> list[Condition]:
    """The national conditions, in the article's order (see the module docstring)."""
    rows: list[tuple[str, str, str, tuple[bool, str]]] = [
        ("national.1.notice", "已发出执行通知书", _c("一"), _notice(rec, "notice")),
        (
            "national.1.property_order",
            "已责令报告财产（报告财产令）",
            f"{_c('一')}、第二条第（一）项",
            _notice(rec, "property_order"),
        ),
        ("national.2.consumption_ban", "已发出限制消费令", _c("二"), _consumption_ban(rec)),
        ("national.2.dishonest", "符合条件的已纳入失信被执行人名单", _c("二"), _dishonest(rec)),
        (
            "national.3.network_query",
            "结案前三个月内经网络执行查控系统（总对总）查询",
            f"{_c('三')}、第三条第（二）项",
            _national_query(rec, "3个月"),
        ),
        (
            "national.3.offline_query",
            "已进行线下（传统）财产调查",
            f"{_c('三')}、第三条第（三）项",
            _offline_required(rec),
        ),
        (
            "national.4.three_months",
            "自立案之日起已超过三个月",
            _c("四"),
            _three_months(rec, waiver_source, court_met),
        ),
        ("national.5.whereabouts", "下落不明的已依法查找", _c("五"), _whereabouts(rec)),
        ("national.5.obstruction", "妨害执行的已采取罚款、拘留等强制措施", _c("五"), _obstruction(rec)),
        (
            "national.5th_article.interview",
            "已约谈申请执行人，告知并听取意见",
            ARTICLE_5,
            _evidence(rec, "measure:zhongben_interview", None),
        ),
    ]
    return [Condition(i, name, cite, ok, text) for i, name, cite, (ok, text) in rows]


def court_conditions(rec: CaseRecord, items: Iterable[CourtItem]) -> list[Condition]:
    """The court's own list (from its profile), each met by any one of its evidence specs."""
    out = []
    for it in items:
        ok, text = _item(rec, it.evidence, it.within, it.id)
        out.append(Condition(it.id, it.name, it.source, ok, text, scope="court"))
    return out


def check(
    rec: CaseRecord, items: Sequence[CourtItem] = (), *, waiver_source: str | None = None
) -> list[Condition]:
    """National conditions, then the court's list. ``waiver_source`` is the clause of a court plan
    that waives 立案满三个月 when its own list is complete (监利 004 第六组 3); None elsewhere."""
    court = court_conditions(rec, items)
    court_met = all(c.met for c in court)
    return national_conditions(rec, waiver_source=waiver_source, court_met=court_met) + court


def waive(conditions: Iterable[Condition], waived: Iterable[str]) -> list[Condition]:
    """The conditions with those in ``waived`` (ids a 局长 overrode) marked overridden when unmet."""
    ids = set(waived)
    return [replace(c, overridden=True) if (c.id in ids and not c.met) else c for c in conditions]


def missing(conditions: Iterable[Condition]) -> list[Condition]:
    """The conditions that block the closing (unmet and not overridden)."""
    return [c for c in conditions if c.blocking]


def refusal_message(blocking: Sequence[Condition]) -> str:
    """The Chinese refusal naming every missing condition with its citation."""
    parts = [f"{c.name}（{short_citation(c.citation)}）" for c in blocking]
    return "终本条件不具备，不能以终本结案；尚缺：" + "；".join(parts)


def short_citation(citation: str) -> str:
    """The citation with the law's short name: 法〔2016〕373号第一条第（一）项."""
    return citation.replace(LAW, "法〔2016〕373号")
