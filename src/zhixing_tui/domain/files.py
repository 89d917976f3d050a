"""卷宗管理 (seed 001 二(二)卷宗管理中心): the kinds of movement the 案卷统一流转登记簿 records and how
long a borrowed file has been out.

001 二(二): 执行实施团队…纸质材料…在返回单位后 2 个工作日内移送“卷宗管理中心”；“卷宗管理中心”工作人员应
对纸质办案材料进行接收登记、检查审核，并在收到材料当日或至迟第二天进行扫描上传和命名编目…对经审核不符合
规范要求的材料不予签收，同时提出修改意见…借出、借阅、复制“卷宗管理中心”保存管理的纸质卷宗材料应当进行
登记。借卷人应当在借卷事由消失后 1 个工作日内将所借出的全部纸质卷宗材料归还“卷宗管理中心”…案件结案后
十五日由卷宗扫描员将电子卷宗转化为影像卷宗。
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "BORROW",
    "FIELDWORK",
    "FILE_CENTER",
    "HANDOVER",
    "IMAGE",
    "MOVEMENT_KINDS",
    "REFUSE",
    "RETURN",
    "SCAN",
    "SUBMIT",
    "BorrowAge",
    "borrow_age",
    "kind_name",
]

FIELDWORK = "fieldwork"  # 外出办案返回单位 (materials_returned)
SUBMIT = "submit"  # 纸质材料移送卷宗管理中心, 接收登记 (materials_submitted)
REFUSE = "refuse"  # 审核不符合规范，不予签收 (修改意见 in the reason)
SCAN = "scan"  # 扫描上传、命名编目 (files_scanned)
BORROW = "borrow"  # 借出/借阅/复制 (file_borrowed)
RETURN = "return"  # 归还 (file_returned)
HANDOVER = "handover"  # 移交 between units or persons (案卷统一流转)
IMAGE = "image"  # 电子卷宗转化为影像卷宗 (image_file_done)

#: code → the register's Chinese name, in the order a file usually moves
MOVEMENT_KINDS: dict[str, str] = {
    FIELDWORK: "外出返回",
    SUBMIT: "材料移送",
    REFUSE: "不予签收",
    SCAN: "扫描编目",
    HANDOVER: "移交",
    BORROW: "借出",
    RETURN: "归还",
    IMAGE: "影像卷宗",
}

#: the receiving party of materials and returns, and the lender of borrowed files
FILE_CENTER = "卷宗管理中心"


def kind_name(kind: str) -> str:
    return MOVEMENT_KINDS.get(kind, kind)


@dataclass(frozen=True, slots=True)
class BorrowAge:
    """How long a borrowed file has been out on ``today`` and whether its return is late."""

    days_out: int  # calendar days since it was lent (the day of lending not counted)
    return_due: date | None  # 1 working day after the reason ended (None while the reason lasts)
    overdue_days: int  # calendar days past ``return_due`` (0 when not late)

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def borrow_age(borrowed_on: date, today: date, return_due: date | None) -> BorrowAge:
    """The age of a file lent on ``borrowed_on``; ``return_due`` is computed by the caller from the
    working calendar (1个工作日 after the reason ended)."""
    late = (today - return_due).days if return_due is not None else 0
    return BorrowAge(max((today - borrowed_on).days, 0), return_due, max(late, 0))
