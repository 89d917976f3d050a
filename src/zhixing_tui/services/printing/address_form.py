"""《送达地址确认书》 (固始 002 一、3 and 8; 浉河 003 三(三)2) as a Word document: one page per party
with the notice of what confirming an address means, the address and telephone zhixing recorded,
electronic service to tick, and the party's signature. The content is :func:`..window.address.address_sheets`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ...domain.forms import PRINTED_FORMS
from ...storage.models import Case, IntakeRecord
from ..desk import Desk
from ..window.address import AddressSheet, address_sheets
from .form_layout import Opinion, field_table, form_citation, form_header, form_path, note, require_form
from .word import new_document, save

__all__ = ["FORM", "NOTICE", "PAGE_BUDGET", "print_samples", "render", "write_address_confirmation"]

FORM = "address_confirmation"
PAGE_BUDGET = PRINTED_FORMS[FORM].pages  # per party: the file has one page per party
NOTICE = (
    "1. 为便于当事人及时收到人民法院的法律文书，保证执行程序顺利进行，受送达人应当如实提供确切的送达地址；",
    "2. 确认的送达地址适用于本案执行程序中全部法律文书的送达；",
    "3. 送达地址发生变更的，应当及时书面告知本院变更后的送达地址；",
    "4. 因受送达人提供或者确认的送达地址不准确、拒不提供送达地址、送达地址变更未及时告知人民法院、"
    "受送达人本人或者指定的代收人拒绝签收，导致法律文书未能被受送达人实际接收的，邮寄送达的，"
    "以文书退回之日视为送达之日；直接送达的，送达人当场在送达回证上记明情况之日视为送达之日"
    "（《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第十一条）；",
    "5. 同意电子送达的，本院可以向下栏电子送达地址送达法律文书，到达受送达人特定系统的日期为送达日期。",
)


def _sheet(doc: Any, sheet: AddressSheet, profile: Any) -> None:
    form_header(doc, sheet.court, FORM)
    ident = "公民身份号码" if sheet.is_person else "统一社会信用代码"
    field_table(
        doc,
        [
            ("案号", sheet.case_no),
            ("受送达人", f"{sheet.party}（{sheet.role}）"),
            (ident, sheet.id_number),
            ("告知事项", "\n".join(NOTICE)),
            ("送达地址", sheet.address),
            *sheet.other_addresses,
            ("邮政编码", ""),
            ("联系电话", sheet.phone),
            ("是否同意电子送达", "□同意　　□不同意"),
            ("电子送达地址", "手机号码：＿＿＿＿＿＿＿＿\n电子邮箱：＿＿＿＿＿＿＿＿＿＿＿＿"),
            ("代收人及联系电话", ""),
            Opinion(
                "受送达人确认",
                "我已阅读（听明白）本确认书的告知事项，提供了上栏送达地址，确认了上栏送达方式，"
                "并保证所提供的送达地址各项内容正确、有效。",
                3.0,
                signer="受送达人（签名、盖章）",
            ),
            Opinion("法院确认", "", 1.6, signer="确认人"),
        ],
        label_cm=4.0,
        size=11,
    )
    where = "初次接待笔录" if sheet.confirmed_at_intake else "立案信息"
    note(doc, f"送达地址取自{where}，请受送达人核对。依据：{form_citation(profile, FORM)}。", 9.5)


def render(sheets: tuple[AddressSheet, ...], profile: Any) -> Any:
    """One page per party."""
    from docx.enum.text import WD_BREAK

    doc = new_document()
    for i, sheet in enumerate(sheets):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _sheet(doc, sheet, profile)
    return doc


def write_address_confirmation(
    desk: Desk, case_no: str, path: str | Path | None = None, *, party: str | None = None
) -> Path:
    """Write the parties' 送达地址确认书 (default ``exports/固始-送达地址确认书-<案号>[-当事人].docx``)."""
    require_form(desk.profile, FORM)
    sheets = address_sheets(desk, case_no, party)
    target = Path(path) if path else form_path(desk.profile, FORM, sheets[0].case_no, party or "")
    return save(render(sheets, desk.profile), target)


def print_samples(desk: Desk, out: Path) -> list[Path]:
    """For the print check: the first applicant's and respondent's sheets of a case interviewed at
    the window (one page each: the budget is per page)."""
    if not desk.profile.prints(FORM):
        return []
    with desk.session() as s:
        no = s.exec(
            select(Case.case_no)
            .join(IntakeRecord, col(IntakeRecord.case_id) == col(Case.id))
            .where(col(IntakeRecord.is_current), col(IntakeRecord.interviewed))
            .order_by(col(Case.id))
        ).first()
    if no is None:
        return []
    firsts = {sheet.role: sheet.party for sheet in reversed(address_sheets(desk, no))}
    return [
        write_address_confirmation(desk, no, out / f"{FORM}-{i}.docx", party=name)
        for i, name in enumerate(firsts.values(), 1)
    ]
