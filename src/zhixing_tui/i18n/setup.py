"""Strings of ``zhixing init`` (a court's database) and ``zhixing demo`` (the demo database)."""

from __future__ import annotations

# --- zhixing init -------------------------------------------------------------------------------
PROFILE_HELP = "法院配置名，如 jianli、ruyang（见 zhixing profiles list）"
SEED_HELP = "补足人员名单时生成姓名所用的随机种子"
INITIALISED = "已创建 {court} 数据库：{groups}个组，{staff}名人员 → {db}"
ADMIN_HELP = "第一位系统管理员的姓名（默认取 --operator，否则为「系统管理员」）；建库时输入其密码"
DEFAULT_ADMIN = "系统管理员"
ADMIN_CREATED = "系统管理员：{name}（已设置密码；其他人员的密码由系统管理员用 zhixing staff password 设置）"
GENERATED_STAFF = "其中 {n} 名人员为配置未列明姓名而生成的示例人员，请在人员名单中改为本院实际人员。"

# --- zhixing demo -------------------------------------------------------------------------------
DEMO_PROFILE_HELP = "法院配置名，如 ruyang、jianli"
DEMO_CASES_HELP = "生成的案件数"
DEMO_SEED_HELP = "随机种子：种子相同，数据相同"
DEMO_AS_OF_HELP = "基准日（如 2026-11-23），案件立案于此前12个月内；默认今天"
DEMO_DB_HELP = "演示数据库：SQLite 文件路径或 SQLAlchemy URL"
DEMO_NO_TUI_HELP = "只生成数据，不打开界面"
DEMO_FORCE_HELP = "演示数据库已存在时重建（原文件留在 backups/ 中）；不是演示数据库的文件不会被覆盖"

AS_OF_FIELD = "基准日"
CASES_FIELD = "案件数"
NEGATIVE_CASES = "案件数不能为负数：{cases}"
NOT_EMPTY = "数据库 {url} 不是空库；演示数据只能写入空库或 SQLite 文件（--force 只能删除 SQLite 文件）"
EXISTS = "数据库 {db} 已存在；如要删除重建演示库，请加 --force"
NOT_DEMO = "{db} 不是演示数据库（可能是法院的正式数据库），演示数据不会写入或覆盖它；请用 --db 另指定一个文件"
DEMO_BACKUP = "原演示数据库已备份：{path}"
PROGRESS = "生成演示案件"
DEMO_DONE = (
    "已生成演示数据：{court}，{cases}件案件（未结 {open}，已结 {closed}），基准日 {day}，种子 {seed} → {db}"
)
BY_STAGE = "各阶段：{counts}"
BY_METHOD = "结案方式：{counts}"
ELAPSED = "用时 {seconds:.1f} 秒"
DEMO_NO_TERMINAL = "未打开界面：{stream}不是终端（在终端中用 zhixing tui --db {db} 打开）"
