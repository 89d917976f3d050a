"""The forms a court prints because its own reform plan names them (one seed each, not every court).

A profile lists the ones it uses (``printed_forms``); a screen offers the key that prints a form
and ``zhixing print <form>`` writes it only for a court whose profile lists it. Each form has an
id, its title as the seed writes it, and a page budget (how many A4 pages one form may take when
printed: the print check fails above it).

- ``travel`` 出差审批表 — 监利 004 第三组 6、7: a trip to find a respondent needs the signature of
  the level its distance names; 财务室 reimburses only with it.
- ``closing_review`` 结案审查表 — 监利 004 第一组 4 … 第五组 2: a group's closing goes to 结案审查组,
  which signs (and stamps) it before the case is reported closed.
- ``related_cases`` 类案集中审批表 — 固始 002 §15: related cases found by 执行事务中心, approved by
  执行局长 before they are assigned to one team.
- ``valuation_handover`` 评估工作交接表 — 浉河 003 三(六)2: the implementing team's survey of an
  asset handed to 财产处置组 before valuation.
- ``late_payout`` 案款逾期发放说明及审批表 — 浉河 003 四(二)2(6)、四(三)2(2): the written reason
  for paying 案款 after 7 days, approved by the bureau's leadership.
- ``group_submissions`` 各组送审案件情况统计表 — 监利 004 第七组 3: 指挥监控组 reports monthly to
  院党组 how many cases each group submitted and what became of them.
- ``address_confirmation`` 送达地址确认书 — 固始 002 §3、§8; 浉河 003 三(三)2: the party confirms
  the address where documents are served.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRINTED_FORMS", "PrintedForm", "form_title"]


@dataclass(frozen=True, slots=True)
class PrintedForm:
    id: str
    title: str
    pages: int  # page budget of one printed form


PRINTED_FORMS: dict[str, PrintedForm] = {
    f.id: f
    for f in (
        PrintedForm("travel", "出差审批表", 1),
        PrintedForm("closing_review", "结案审查表", 2),
        PrintedForm("related_cases", "类案集中审批表", 2),
        PrintedForm("valuation_handover", "评估工作交接表", 1),
        PrintedForm("late_payout", "案款逾期发放说明及审批表", 1),
        PrintedForm("group_submissions", "各组送审案件情况统计表", 1),
        PrintedForm("address_confirmation", "送达地址确认书", 1),
    )
}


def form_title(form_id: str) -> str:
    return PRINTED_FORMS[form_id].title
