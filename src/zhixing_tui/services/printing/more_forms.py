"""《类案集中审批表》 (固始), 《送达地址确认书》 (固始, 浉河) and 《各组送审案件情况统计表》 (监利) as
Word documents, written atomically. Their content is gathered by the services of the capability
(:mod:`..triage.related_form`, :mod:`..window.address`, :mod:`..board.submissions`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...domain.forms import form_title
from ...domain.money import format_money
from ...domain.statistics import Month
from ...i18n.triage import RELATED_REASON_NAMES
from ..board.submissions import GroupSubmissions, group_submissions
from ..desk import Desk
from ..triage.related_form import RelatedCasesForm, related_cases_form
from ..window.address import AddressSheet, address_sheets
from .board_papers import decision_text
from .files import atomic_write_bytes
from .form_layout import (
    TEXT_WIDTH_CM,
    Opinion,
    day,
    field_table,
    form_citation,
    form_header,
    form_path,
    new_form,
    note,
    require_form,
    row_props,
    signature_lines,
    table_grid,
)
from .word import BODY_FONT, TITLE_FONT, paragraph, to_bytes

__all__ = [
    "address_docx",
    "related_cases_docx",
    "submissions_docx",
    "write_address_confirmation",
    "write_group_submissions",
    "write_related_cases",
]

RELATED = "related_cases"
ADDRESS = "address_confirmation"
SUBMISSIONS = "group_submissions"


def grid_table(
    doc: Any,
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    size: float = 10.5,
    *,
    centered: frozenset[int] = frozenset(),
    bold_last: bool = False,
) -> Any:
    """A table with a header row repeated on every page, rows that never split, fitting widths."""
    from docx.oxml.ns import qn

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        paragraph(cell, text, TITLE_FONT, size, bold=True, center=True)
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
    for n, values in enumerate(rows, 1):
        cells = table.add_row().cells
        bold = bold_last and n == len(rows)
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            paragraph(cell, text, BODY_FONT, size, bold=bold, center=i in centered)
    for row in table.rows:
        row_props(row)
    table_grid(table, widths)
    return table


# --- 类案集中审批表 --------------------------------------------------------------------------------
RELATED_WIDTHS = (1.2, 5.6, 4.0, 3.8, 2.4)


def related_cases_docx(f: RelatedCasesForm, profile: Any) -> bytes:
    doc = new_form()
    form_header(doc, f.court, form_title(RELATED))
    c = f.case
    field_table(
        doc,
        [
            ("案号", c.case_no),
            ("立案日期", day(c.filed_on)),
            ("申请执行人", c.applicants),
            ("被执行人", c.respondents),
            ("申请执行标的额（元）", format_money(c.claim_fen)),
            ("关联案件", f"共{len(f.related)}件（见下表）"),
            ("建议承办团队", f.proposed_team),
            ("报批人、报批日期", f"{f.proposed_by}　{day(f.proposed_at)}"),
        ],
        label_cm=5.0,
    )
    paragraph(doc, "关联执行案件", TITLE_FONT, 12, bold=True, space_after_pt=2)
    grid_table(
        doc,
        ("序号", "案号", "关联情形", "当事人", "承办团队"),
        [
            (
                str(i),
                r.case_no + (f"（{r.status}）" if r.status else ""),
                "、".join(RELATED_REASON_NAMES.get(x, x) for x in r.reasons),
                f"{r.applicants} 诉 {r.respondents}" if r.applicants or r.respondents else "",
                r.team,
            )
            for i, r in enumerate(f.related, 1)
        ],
        RELATED_WIDTHS,
        centered=frozenset({0}),
    )
    paragraph(doc, "", BODY_FONT, 6)
    field_table(
        doc,
        [
            Opinion("执行事务中心意见", f"建议交{f.proposed_team}集中办理。" if f.proposed_team else "", 2.6),
            Opinion("执行局长审批意见", decision_text(f.decision, "同意集中办理", "不同意集中办理"), 3.2),
        ],
        label_cm=5.0,
    )
    note(
        doc,
        "依据：类案集中是指对执行标的相同、被执行人相同或申请执行人为其他执行案件的被执行人的案件相对集中"
        "办理；由执行事务中心或者执行事务团队先行查询执行关联案件，报局长审批后根据不同情况再行分案，"
        f"原则上交由同一执行实施团队办理（{form_citation(profile, RELATED)}）。",
    )
    return to_bytes(doc)


def write_related_cases(
    desk: Desk, case_no: str, path: str | Path | None = None, *, approval_id: int | None = None
) -> Path:
    """Write the case's latest 类案集中审批表 (default ``exports/固始-类案集中审批表-<案号>.docx``)."""
    require_form(desk.profile, RELATED)
    f = related_cases_form(desk, case_no, approval_id)
    target = Path(path) if path else form_path(desk.profile, RELATED, f.case.case_no)
    return atomic_write_bytes(target, related_cases_docx(f, desk.profile))


# --- 送达地址确认书 --------------------------------------------------------------------------------
ADDRESS_NOTICE = (
    "1. 为便于当事人及时收到人民法院的法律文书，保证执行程序顺利进行，受送达人应当如实提供确切的送达地址；",
    "2. 确认的送达地址适用于本案执行程序的全部法律文书的送达；",
    "3. 送达地址发生变更的，应当及时书面告知本院变更后的送达地址；",
    "4. 因受送达人提供或者确认的送达地址不准确、拒不提供送达地址、送达地址变更未及时告知人民法院、"
    "受送达人本人或者指定的代收人拒绝签收，导致法律文书未能被受送达人实际接收的，邮寄送达的，"
    "以文书退回之日视为送达之日；直接送达的，送达人当场在送达回证上记明情况之日视为送达之日"
    "（《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第十一条）；",
    "5. 同意电子送达的，本院可以向上栏电子送达地址送达法律文书，到达受送达人特定系统的日期为送达日期。",
)


def _address_sheet(doc: Any, sheet: AddressSheet, profile: Any) -> None:
    form_header(doc, sheet.court, form_title(ADDRESS))
    ident = "公民身份号码" if sheet.is_person else "统一社会信用代码"
    rows: list[tuple[str, str] | Opinion] = [
        ("案号", sheet.case_no),
        ("受送达人", f"{sheet.party}（{sheet.role}）"),
        (ident, sheet.id_number),
        ("告知事项", "\n".join(ADDRESS_NOTICE)),
        ("送达地址", sheet.address),
        *[(what, where) for what, where in sheet.other_addresses],
        ("邮政编码", ""),
        ("联系电话", sheet.phone),
        ("是否同意电子送达", "□同意　　□不同意"),
        ("电子送达地址", "手机号码：＿＿＿＿＿＿＿＿　电子邮箱：＿＿＿＿＿＿＿＿＿＿"),
        ("代收人及联系电话", ""),
        Opinion(
            "受送达人确认",
            "我已阅读（听明白）本确认书的告知事项，提供了上栏送达地址，确认了上栏送达方式，"
            "并保证所提供的送达地址各项内容正确、有效。",
            3.0,
            sign="受送达人（签名、盖章）：＿＿＿＿＿＿＿＿　　　　年　　月　　日",
        ),
        Opinion("法院确认", "", 1.8, sign="确认人：＿＿＿＿＿＿＿＿　　　　年　　月　　日"),
    ]
    field_table(doc, rows, label_cm=4.0, size=11)
    source = (
        "送达地址取自初次接待笔录，请受送达人核对"
        if sheet.confirmed_at_intake
        else "送达地址取自立案信息，请受送达人核对"
    )
    note(doc, f"{source}；依据：{form_citation(profile, ADDRESS)}。", 9.5)


def address_docx(sheets: tuple[AddressSheet, ...], profile: Any) -> bytes:
    """One page per party."""
    from docx.enum.text import WD_BREAK

    doc = new_form()
    for i, sheet in enumerate(sheets):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _address_sheet(doc, sheet, profile)
    return to_bytes(doc)


def write_address_confirmation(
    desk: Desk, case_no: str, path: str | Path | None = None, *, party: str | None = None
) -> Path:
    """Write the parties' 送达地址确认书 (default ``exports/固始-送达地址确认书-<案号>[-当事人].docx``)."""
    require_form(desk.profile, ADDRESS)
    sheets = address_sheets(desk, case_no, party)
    target = Path(path) if path else form_path(desk.profile, ADDRESS, sheets[0].case_no, party or "")
    return atomic_write_bytes(target, address_docx(sheets, desk.profile))


# --- 各组送审案件情况统计表 ------------------------------------------------------------------------
SUBMISSION_WIDTHS = (3.8, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.8)
RETURN_WIDTHS = (4.4, 2.4, 2.3, 2.3, 1.6, 4.0)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def submissions_docx(f: GroupSubmissions, profile: Any) -> bytes:
    doc = new_form()
    form_header(
        doc,
        f.court,
        form_title(SUBMISSIONS),
        f"（{f.month.title}，审批情况统计至{day(f.as_of)}）",
    )
    grid_table(
        doc,
        ("组别", "送审", "其中移送", "其中报结", "审批通过", "退回整改", "待审批", "退回率"),
        [
            (
                r.group,
                str(r.submitted),
                str(r.moves),
                str(r.closings),
                str(r.approved),
                str(r.returned),
                str(r.pending),
                _percent(r.return_rate),
            )
            for r in f.rows
        ],
        SUBMISSION_WIDTHS,
        centered=frozenset(range(1, 8)),
        bold_last=True,
    )
    note(
        doc,
        "说明：送审，指各组报送指挥监控组审批的案件（须审批的移送和报结案审查）；按报送日期计入当月，"
        "审批结果统计至上述日期；退回率 = 退回整改 ÷（审批通过 + 退回整改）。",
        9.5,
    )
    paragraph(doc, "当月退回整改的案件", TITLE_FONT, 12, bold=True, space_after_pt=2)
    if f.returns:
        grid_table(
            doc,
            ("案号", "报送组别", "报送日期", "退回日期", "审批人", "退回原因"),
            [
                (
                    r.case_no,
                    r.group,
                    r.submitted_on.isoformat(),
                    r.returned_on.isoformat(),
                    r.decided_by,
                    r.reason,
                )
                for r in f.returns
            ],
            RETURN_WIDTHS,
            size=9.5,
            centered=frozenset({2, 3, 4}),
        )
    else:
        paragraph(doc, "无。", BODY_FONT, 10.5)
    paragraph(doc, "", BODY_FONT, 6)
    field_table(doc, [Opinion("存在的问题及建议", "", 3.0, sign="")], label_cm=4.0)
    paragraph(doc, "", BODY_FONT, 6)
    signature_lines(doc, ("制表人", f"{f.approver or '指挥监控组'}组长"))
    note(
        doc, f"依据：{form_citation(profile, SUBMISSIONS)}：每月给院党组呈报一次各组送审案件情况统计表。", 9.5
    )
    return to_bytes(doc)


def write_group_submissions(desk: Desk, month: Month, path: str | Path | None = None) -> Path:
    """Write the month's table (default ``exports/监利-各组送审案件情况统计表-2026-11.docx``)."""
    require_form(desk.profile, SUBMISSIONS)
    f = group_submissions(desk, month)
    target = Path(path) if path else form_path(desk.profile, SUBMISSIONS, month.label)
    return atomic_write_bytes(target, submissions_docx(f, desk.profile))


assert abs(sum(RELATED_WIDTHS) - TEXT_WIDTH_CM) < 0.01
assert abs(sum(SUBMISSION_WIDTHS) - TEXT_WIDTH_CM) < 0.01
assert abs(sum(RETURN_WIDTHS) - TEXT_WIDTH_CM) < 0.01
