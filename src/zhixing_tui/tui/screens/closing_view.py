"""How a closing submitted for 结案审查 shows under the approvals list: what the approver decides
on — the case and its 承办人, method, amounts and 结案理由, the 终本约谈, what the 财产查控 found,
for 终本 every condition with its evidence (met or not), and the seed clause."""

from __future__ import annotations

from rich.text import Text

from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.money import format_money
from ...i18n import board as board_text
from ...services.board.closing_detail import ClosingDetail
from ...services.board.handoffs import FORM_TITLES


def closing_text(d: ClosingDetail) -> Text:
    f = d.form
    out = Text()
    out.append(f"{FORM_TITLES['closing_form']}　{f.case.case_no}\n", style="bold")
    out.append(
        board_text.CLOSING_PARTIES.format(
            applicants=f.case.applicants, respondents=f.case.respondents, claim=format_money(f.claim_fen)
        )
        + "\n"
    )
    out.append(board_text.CLOSING_HANDLER.format(group=f.group, handler=f.case.handler or f.submitted_by))
    if d.source:
        out.append("　" + board_text.CLOSING_SOURCE.format(source=d.source))
    out.append("\n")
    out.append(
        board_text.FORM_CLOSE.format(
            method=f.method,
            closing=format_money(f.closing_fen),
            recovered=format_money(f.recovered_fen),
            abandoned=format_money(f.abandoned_fen),
        )
        + "\n"
    )
    reason = f.reason.strip()
    out.append(
        (board_text.FORM_REASON.format(reason=reason) if reason else board_text.FORM_REASON_NONE) + "\n"
    )
    if f.method == TERMINATED_THIS_ROUND or d.interview_on is not None:
        out.append(
            (
                board_text.CLOSING_INTERVIEW.format(on=d.interview_on.isoformat())
                if d.interview_on
                else board_text.CLOSING_NO_INTERVIEW
            )
            + "\n",
            style="" if d.interview_on or f.method != TERMINATED_THIS_ROUND else "yellow",
        )
    if d.lines:
        out.append(
            board_text.CLOSING_QUERIES.format(
                answered=d.answered,
                lines=d.lines,
                found=format_money(d.found_fen),
                controlled=format_money(d.controlled_fen),
            )
            + "\n"
        )
        for a in d.found:
            out.append(
                board_text.CLOSING_FOUND.format(
                    label=a.label, found=format_money(a.found_fen), controlled=format_money(a.controlled_fen)
                )
                + "\n"
            )
        if not d.found:
            out.append(board_text.CLOSING_NOTHING_FOUND + "\n")
    else:
        out.append(board_text.CLOSING_NO_QUERIES + "\n")
    if f.materials:
        met = sum(1 for m in f.materials if m.met)
        out.append(board_text.CLOSING_CONDITIONS.format(met=met, total=len(f.materials)) + "\n", style="bold")
        for m in sorted(f.materials, key=lambda m: m.met):  # what is missing first
            line = board_text.CLOSING_MET if m.met else board_text.CLOSING_UNMET
            out.append(
                line.format(name=m.name, evidence=m.evidence, citation=m.citation) + "\n",
                style="" if m.met else "yellow",
            )
    out.rstrip()
    return out
