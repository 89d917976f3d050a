"""The handoff board as data (pure): columns, focus movement and the moves a profile allows.

The board is a list of columns, one per work stage of the court's flow. Focus moves with
h/j/k/l; a card moves (is *submitted* to move) only along a move the profile declares. Nothing
here touches the database or a widget: services and screens call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypeVar

from ..errors import Conflict
from .roles import may_approve

BOARD_STAGE_KINDS = ("center", "triage", "work", "review")


# --- what the board reads of a profile ---------------------------------------------------------
# The board takes any object of this shape; ``profiles.schema.Profile`` (with its ``Stage`` and
# ``Move``) satisfies it structurally, so the domain never imports the profile models.


class StageLike(Protocol):
    """A work stage: ``profiles.schema.Stage``."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def limit(self) -> str | None: ...


class MoveLike(Protocol):
    """A declared move between stages: ``profiles.schema.Move`` (the board reads its target, and
    who approves it)."""

    @property
    def to_stage(self) -> str: ...
    @property
    def approver_role(self) -> str: ...


M = TypeVar("M", bound=MoveLike)
M_co = TypeVar("M_co", bound=MoveLike, covariant=True)


class StagesLike(Protocol):
    """A profile's stages in flow order (what :func:`board_columns` reads)."""

    @property
    def stages(self) -> Sequence[StageLike]: ...


class FlowLike(Protocol[M_co]):
    """A profile with stages and the moves it declares: ``profiles.schema.Profile``.

    Generic in the move type, so the functions below return the caller's own move objects
    (a ``Profile`` gives back ``Move``, with its ``label``, ``form`` and ``approver_role``).
    """

    @property
    def stages(self) -> Sequence[StageLike]: ...
    def stage(self, code: str) -> StageLike:
        """The stage with ``code``; KeyError if there is none."""
        ...

    def moves_from(self, stage_code: str) -> Sequence[M_co]: ...


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    limit: str | None


def board_columns(profile: StagesLike) -> list[Column]:
    """The profile's stages that hold open cases, in flow order."""
    return [Column(s.code, s.name, s.limit) for s in profile.stages if s.kind in BOARD_STAGE_KINDS]


def clamp(index: int, length: int) -> int:
    if length <= 0:
        return 0
    return max(0, min(index, length - 1))


def neighbour(columns: list[Column], index: int, direction: int) -> int:
    """The column index one step left (-1) or right (+1), clamped at the edges."""
    return clamp(index + direction, len(columns))


def allowed_moves(profile: FlowLike[M], from_stage: str) -> list[M]:
    return list(profile.moves_from(from_stage))


def move_towards(profile: FlowLike[M], from_stage: str, direction: int) -> M | None:
    """The allowed move into the nearest column in ``direction`` (H = -1, L = +1), if any.

    Among several allowed targets on that side, the nearest column wins (线索 → 处置 before 拒执
    when moving right); targets on the other side are not considered.
    """
    columns = [c.code for c in board_columns(profile)]
    if from_stage not in columns:
        return None
    here = columns.index(from_stage)
    best: tuple[int, M] | None = None
    for move in allowed_moves(profile, from_stage):
        if move.to_stage not in columns:
            continue
        there = columns.index(move.to_stage)
        distance = (there - here) * direction
        if distance <= 0:
            continue
        if best is None or distance < best[0]:
            best = (distance, move)
    return best[1] if best else None


def check_move(profile: FlowLike[M], from_stage: str, to_stage: str) -> M:
    """The declared move from ``from_stage`` to ``to_stage``, or Conflict saying what is allowed."""
    for move in allowed_moves(profile, from_stage):
        if move.to_stage == to_stage:
            return move
    src = _stage_name(profile, from_stage)
    dst = _stage_name(profile, to_stage)
    allowed = "、".join(_stage_name(profile, m.to_stage) for m in allowed_moves(profile, from_stage))
    raise Conflict(f"不允许从{src}移送到{dst}；{src}可移送到：{allowed or '（无）'}")


#: 指挥监控 decides every handoff; the 执行局长 may decide what any role below them may
MONITOR = "monitor"
BUREAU_CHIEF = "bureau_chief"


def handoff_deciders(
    profile: FlowLike[M], kind: str, from_stage: str | None, to_stage: str | None
) -> tuple[str, ...]:
    """The roles (besides 指挥监控, who decides every handoff) that may approve or return a
    handoff: the ``approver_role`` the flow names for a move, or 指挥监控 for a closing and for a
    move the flow no longer declares; and the 执行局长 above them (监利 004 第二组, 第五组)."""
    needed = MONITOR
    if kind == "move" and from_stage and to_stage:
        try:
            needed = check_move(profile, from_stage, to_stage).approver_role
        except Conflict:
            needed = MONITOR
    return tuple(dict.fromkeys((needed, BUREAU_CHIEF)))


def may_decide_handoff(role: str | None, deciders: Sequence[str]) -> bool:
    """Whether ``role`` may approve or return a handoff whose :func:`handoff_deciders` are
    ``deciders``: 指挥监控 always, else a role at least one of them on the ladder — what
    ``services.board.handoffs`` requires, as a yes/no for the screen deciding what to offer."""
    return role == MONITOR or may_approve(role, tuple(deciders))


def _stage_name(profile: FlowLike[MoveLike], code: str) -> str:
    try:
        return profile.stage(code).name
    except KeyError:
        return code


# --- stage clocks -----------------------------------------------------------------------------


def days_in_stage(entered_at: datetime | date, today: date) -> int:
    """Calendar days since the case entered its stage (the day of entry is day 0)."""
    start = entered_at.date() if isinstance(entered_at, datetime) else entered_at
    return (today - start).days


# --- handoff approval state machine ----------------------------------------------------------

HANDOFF_STATES = {"submitted": "待审批", "approved": "已批准", "returned": "已退回"}


def decide_handoff(status: str, decision: str) -> str:
    """submitted → approved | returned; anything else is a Conflict."""
    if status != "submitted":
        raise Conflict(f"该移送{HANDOFF_STATES.get(status, status)}，不能再审批")
    if decision not in ("approved", "returned"):
        raise Conflict(f"未知审批结果：{decision}")
    return decision


# --- travel approvals (004 第三组 6) ----------------------------------------------------------

TRAVEL_SCOPES: dict[str, tuple[str, str]] = {
    # scope: (approver role, Chinese)
    "in_county": ("group_leader", "县内（报组长批准）"),
    "in_city": ("bureau_chief", "县外市内（报局长批准）"),
    "in_province": ("vice_president", "市外省内（报党组书记、副院长批准）"),
    "out_of_province": ("president", "省外（报院长批准）"),
}


def travel_approver(scope: str) -> str:
    """The role that must approve a search trip of ``scope`` (004 第三组 6)."""
    try:
        return TRAVEL_SCOPES[scope][0]
    except KeyError:
        allowed = "、".join(f"{k}（{v[1]}）" for k, v in TRAVEL_SCOPES.items())
        raise Conflict(f"未知出差范围：{scope}；可用：{allowed}") from None
