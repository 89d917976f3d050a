"""《各组送审案件情况统计表》 (监利 004 第七组 3: 指挥监控组"每月给院党组呈报一次") as a Word document:
the report goes on paper to 院党组, so it is a signed page, not a workbook. The figures are
:func:`..board.submissions.group_submissions`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...domain.forms import PRINTED_FORMS
from ...domain.statistics import Month
from ..board.submissions import GroupSubmissions, group_submissions
from ..desk import Desk
from .form_layout import Opinion, day, field_table, form_citation, form_header, form_path, note, require_form
from .word import TITLE_FONT, Column, new_document, paragraph, save, signature_lines, table

__all__ = ["FORM", "PAGE_BUDGET", "print_samples", "render", "write_group_submissions"]

FORM = "group_submissions"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages
COLUMNS = (
    Column("组别", 3.8),
    *(
        Column(h, 1.9, nowrap=True, align="center")
        for h in ("送审", "其中移送", "其中报结", "审批通过", "退回整改", "待审批")
    ),
    Column("退回率", 1.8, nowrap=True, align="center"),
)
RETURN_COLUMNS = (
    Column("案号", 4.6, nowrap=True),
    Column("报送组别", 2.6),
    Column("退回日期", 2.4, nowrap=True, align="center"),
    Column("审批人", 1.8, nowrap=True, align="center"),
    Column("退回原因", 5.6),
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def render(f: GroupSubmissions, profile: Any) -> Any:
    doc = new_document()
    form_header(doc, f.court, FORM, f"（{f.month.title}；审批情况统计至{day(f.as_of)}）")
    table(
        doc,
        COLUMNS,
        [
            (r.group, *(str(v) for v in (r.submitted, r.moves, r.closings, r.approved, r.returned, r.pending)),
             _percent(r.return_rate))
            for r in f.rows
        ],
    )  # fmt: skip
    note(
        doc,
        "说明：送审，指各组报送指挥监控组审批的案件（须审批的移送和报结案审查），按报送日期计入当月；"
        "审批结果统计至上述日期；退回率 = 退回整改 ÷（审批通过 + 退回整改）。",
        9.5,
    )
    paragraph(doc, "当月退回整改的案件", TITLE_FONT, 12, bold=True, space_before_pt=6, keep_with_next=True)
    if f.returns:
        table(
            doc,
            RETURN_COLUMNS,
            [
                (
                    r.case_no,
                    r.group,
                    r.returned_on.isoformat(),
                    r.decided_by,
                    r.reason,
                )
                for r in f.returns
            ],
            size=9.5,
        )
    else:
        paragraph(doc, "无。", size=10.5)
    paragraph(doc, "", size=9)
    field_table(doc, [Opinion("存在的问题及建议", "", 3.0, signer="")], label_cm=4.2)
    group = re.sub(r"（[^）]*）$", "", f.approver) or "指挥监控组"  # 指挥监控组（指挥中心） → 指挥监控组
    signature_lines(doc, [("制表人", ""), (f"{group}组长", "")])
    note(doc, f"依据：{form_citation(profile, FORM)}：每月给院党组呈报一次各组送审案件情况统计表。", 9.5)
    return doc


def write_group_submissions(desk: Desk, month: Month, path: str | Path | None = None) -> Path:
    """Write the month's table (default ``exports/监利-各组送审案件情况统计表-2026-11.docx``)."""
    require_form(desk.profile, FORM)
    f = group_submissions(desk, month)
    return save(render(f, desk.profile), Path(path) if path else form_path(desk.profile, FORM, month.label))


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the demo's last full month."""
    if not desk.profile.prints(FORM):
        return []
    today = desk.today()
    month = Month(today.year, today.month).shift(-1)
    return [write_group_submissions(desk, month, out / f"{FORM}-{month.label}.docx")]
