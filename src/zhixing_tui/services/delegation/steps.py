"""The next step of a 委托 on the register, by its state: what the registers screen's x does.

An outgoing 委托 handed to the 委托专员 (待发出) is sent to the 受托法院 (:func:`..send_delegation`),
then its 反馈 recorded (:func:`.records.record_reply`), then 办结 (:func:`.records.finish_outgoing`);
an incoming one is received (:func:`.records.receive_incoming`), then done and replied
(:func:`.records.finish_incoming`). One still 待移交 has no step here: the 线下查控组 hands it over
by marking its checklist item 委托外地 (F3, w). Each step is the service's own call — its checks,
its one transaction, its audit entry and nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.roles import may_approve
from ...errors import Conflict
from ..deadlines.emitters import emits
from ..desk import Desk
from ..permissions import operator_role_or_none
from . import send_delegation
from .records import (
    ROLES,
    STATE_NAMES,
    DelegationRow,
    finish_incoming,
    finish_outgoing,
    receive_incoming,
    record_reply,
)

__all__ = ["STEPS", "Step", "delegation_rights", "next_step", "take_step"]


@dataclass(frozen=True)
class Step:
    code: str
    title: str  # what the step is (the dialog's title)
    #: the text it asks (受托法院, 反馈内容 …), None: none; whether it is required is the service's
    text: str | None


#: state → the step that moves a 委托 on from it
STEPS: dict[str, Step] = {
    "handed": Step("send", "发出事项委托", "受托法院"),
    "sent": Step("reply", "登记受托法院反馈", "反馈内容"),
    "replied": Step("finish_out", "委托办结（材料移交实施团队）", "备注"),
    "arrived": Step("receive", "接收受托事项", None),
    "received": Step("finish_in", "受托事项办结并回复委托法院", "回复内容"),
}


def delegation_rights(desk: Desk) -> bool:
    """Whether the operator may take a 委托's steps (for the screen's key)."""
    return may_approve(operator_role_or_none(desk), ROLES)


def next_step(row: DelegationRow) -> Step | None:
    return STEPS.get(row.state)


@emits("delegation_sent", "delegation_received", "delegation_done")
def take_step(desk: Desk, row: DelegationRow, *, on: date, text: str = "") -> Step:
    """Take ``row``'s next step on ``on`` with its ``text``; returns the step taken."""
    step = next_step(row)
    if step is None:
        raise Conflict(
            f"委托 {row.id} 当前为“{STATE_NAMES.get(row.state, row.state)}”："
            "请在查控清单（F3）中将该项目标记为委托外地（w），移交委托专员"
        )
    if step.code == "send":
        if row.case_id is None:
            raise Conflict(f"委托 {row.id} 未关联案件，不能发出")
        send_delegation(desk, row.case_id, court=text, item_id=row.item_id, on=on)
    elif step.code == "reply":
        record_reply(desk, row.id, on=on, reply=text)
    elif step.code == "finish_out":
        finish_outgoing(desk, row.id, on=on, note=text)
    elif step.code == "receive":
        receive_incoming(desk, row.id, on=on)
    else:
        finish_incoming(desk, row.id, reply=text, on=on)
    return step
