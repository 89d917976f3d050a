"""Strings of ``zhixing staff`` (passwords, roles) and ``zhixing audit`` (the chain's check)."""

from __future__ import annotations

# --- zhixing staff ------------------------------------------------------------------------------
STAFF_HELP = "人员账户：设置密码、变更角色（须系统管理员或执行局长；本人可改自己的密码）。"
PASSWORD_HELP = (
    "设置人员的密码：本人，或系统管理员、执行局长为他人设置；同时解除账户锁定。"
    "从旧版本升级、尚无人有密码时，先为系统管理员或执行局长设置（无需登录）。"
)
ROLE_HELP = "变更人员的角色（须系统管理员或执行局长），写入审计记录。"
NAME_HELP = "人员姓名（人员名册中的姓名）"
ROLE_ARG_HELP = "新角色：角色中文名（如 承办人、指挥监控）或其代码"
NEW_PASSWORD_FILE_HELP = "新密码文件：第一行为新密码；不指定时在终端输入两次"
PASSWORD_SET = "已设置 {name} 的密码"
ROLE_CHANGED = "已变更 {name} 的角色：{old} → {new}"
ROLE_UNCHANGED = "{name} 的角色已是 {role}，未变更"

# --- zhixing audit ------------------------------------------------------------------------------
AUDIT_HELP = "审计记录：校验防篡改链。"
VERIFY_HELP = (
    "逐条校验审计记录的哈希链：完好时退出码 0 并显示条数与链头；发现断点时退出码 1，"
    "指出第一条有问题的记录（编号、时间、问题）。链头应与前一日超期报告所印的链头相接。"
)
VERIFY_OK = "审计记录完好：{count} 条，链头 {hash}"
VERIFY_EMPTY = "审计记录为空"
VERIFY_BROKEN = "审计记录被改动：第一处断点在记录 #{id}（{at}，操作人 {operator}）：{problem}"
VERIFY_CHECKED = "断点之前的 {count} 条完好，其链头 {hash}"
PROBLEMS = {
    "prev": "与前一条记录不相接（其前有记录被删除或插入）",
    "hash": "内容与其哈希不符（记录被修改）",
    "unchained": "没有哈希（记录不是由本程序写入的）",
}
