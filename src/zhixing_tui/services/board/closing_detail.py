"""What the approver of a closing (报结案审查) needs on the approvals screen, beyond the 结案审查表:
the 终本 约谈 and what the 查控 found, and the seed clause the submission rests on.

The form itself is :func:`.papers.review_form_of` (case, group, 承办人, method, amounts, 结案理由,
and for 终本 every condition of 法〔2016〕373号 and of the court's list with its evidence, read live
from the records as the 结案审查 will check them again on approval).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ...domain.checklist import UNANSWERED, catalogue, distinct_asset_totals
from ...domain.measures import ZHONGBEN_INTERVIEW
from ...storage.models import Case, Handoff, Measure, QueryItem
from ..desk import Desk
from .papers import ClosingReviewForm, review_form_of

__all__ = ["ClosingDetail", "FoundAsset", "closing_details"]


@dataclass(frozen=True)
class FoundAsset:
    label: str  # 总对总·存款
    found_fen: int
    controlled_fen: int


@dataclass(frozen=True)
class ClosingDetail:
    form: ClosingReviewForm
    interview_on: date | None  # the latest 终本约谈 (法〔2016〕373号 第五条)
    lines: int  # 查控 lines on the checklist
    answered: int  # of them answered (反馈, controlled, or not to be queried)
    found: tuple[FoundAsset, ...]  # the lines that found property
    found_fen: int  # each asset once (a 查控实有情况表's 合计)
    controlled_fen: int
    source: str  # the seed clause of the submission: 004 第六组 3


def closing_details(desk: Desk, handoff_ids: Iterable[int]) -> dict[int, ClosingDetail]:
    """The details of the closings among ``handoff_ids`` (other handoffs are left out)."""
    ids = list(handoff_ids)
    if not ids:
        return {}
    with desk.session() as s:
        found = s.exec(
            select(Handoff, Case)
            .join(Case, col(Case.id) == col(Handoff.case_id))
            .where(col(Handoff.id).in_(ids), Handoff.kind == "close")
        ).all()
        return {int(h.id or 0): _detail(s, desk, case, h) for h, case in found}


def _detail(s: Session, desk: Desk, case: Case, h: Handoff) -> ClosingDetail:
    on = h.submitted_at.date()
    interview = s.exec(
        select(Measure.decided_on)
        .where(Measure.case_id == case.id, Measure.kind == ZHONGBEN_INTERVIEW, col(Measure.decided_on) <= on)
        .order_by(col(Measure.decided_on).desc())
    ).first()
    items = s.exec(select(QueryItem).where(QueryItem.case_id == case.id).order_by(col(QueryItem.id))).all()
    labels = {(i.channel, i.asset_type): i.label for i in catalogue(desk.profile.checklist)}
    found = tuple(
        FoundAsset(
            labels.get((i.channel, i.asset_type), i.asset_type), i.amount_found_fen, i.amount_controlled_fen
        )
        for i in items
        if i.amount_found_fen or i.result == "found"
    )
    total_found, total_controlled = distinct_asset_totals(
        (i.asset_type, i.amount_found_fen, i.amount_controlled_fen) for i in items
    )
    return ClosingDetail(
        form=review_form_of(s, desk, case, h),
        interview_on=interview,
        lines=len(items),
        answered=sum(1 for i in items if i.status not in UNANSWERED),
        found=found,
        found_fen=total_found,
        controlled_fen=total_controlled,
        source=_source(desk, h.from_stage),
    )


def _source(desk: Desk, from_stage: str) -> str:
    """The clause that sends this group's closings to 结案审查: the flow's move into the review
    stage, else the court's 结案审查表, else the stage's own clause."""
    profile = desk.profile
    review = profile.flow.closing_review
    move = next((m for m in profile.moves_from(from_stage) if review and m.to_stage == review), None)
    if move is not None and move.source:
        return move.source
    if profile.form_source("closing_review"):
        return profile.form_source("closing_review")
    try:
        return profile.stage(from_stage).source
    except KeyError:
        return ""
