"""Strings of the ``zhixing`` command line itself: the root help, the options every command shares,
errors, ``zhixing db`` and ``zhixing profiles``."""

from __future__ import annotations

APP_HELP = "执行事务中心桌面（zhixing）：案件、流程节点、繁简分流、七组流转与统计。不带子命令时打开界面。"

# --- shared options -----------------------------------------------------------------------------
DB_OPTION_HELP = "数据库：SQLite 文件路径或 SQLAlchemy URL（默认 data/zhixing.db；环境变量 ZHIXING_DB）"
OPERATOR_OPTION_HELP = "操作人：人员名册中的姓名，写入审计记录；修改数据或审批的命令须输入其密码（默认：环境变量 ZHIXING_OPERATOR）"
PASSWORD_FILE_HELP = (
    "密码文件：第一行为操作人的密码，可写在命令行任意位置（也可用环境变量 ZHIXING_PASSWORD_FILE）；"
    "不指定时在终端提示输入"
)
JSON_OPTION_HELP = "以 JSON 输出"

# --- shared output ------------------------------------------------------------------------------
ERROR = "错误：{message}"
NOT_A_TERMINAL = (
    "界面须在终端中打开：{stream}不是终端。"
    "脚本与定时任务请用子命令（如 zhixing report overdue，见 zhixing --help）"
)
STDIN = "标准输入"
STDERR = "标准错误输出"
NO_DATABASE = (
    "数据库不存在：{path}；请检查 --db 或环境变量 ZHIXING_DB，"
    "或先运行 zhixing init --profile 法院 建库（演示用 zhixing demo）"
)
NO_OPERATOR = "未指定操作人：修改数据或审批的命令须用 --operator 给出人员名册中的姓名（或设置环境变量 ZHIXING_OPERATOR）"
PASSWORD_PROMPT = "{name}的密码"
NEW_PASSWORD_PROMPT = "{name}的新密码"
PASSWORD_CONFIRM_PROMPT = "再输入一次"
PASSWORD_MISMATCH = "两次输入的密码不一致"
NO_PASSWORD_SOURCE = "需要{name}的密码：请在终端中运行以便输入，或用 --password-file 或环境变量 ZHIXING_PASSWORD_FILE 指定密码文件"
PASSWORD_FILE_UNREADABLE = "无法读取密码文件 {path}：{reason}"
PASSWORD_FILE_EMPTY = "密码文件 {path} 的第一行为空"
SCHEMA_UPGRADED = "数据库结构已升级，升级前的备份：{path}"
WRITTEN = "已写入 {path}"

# --- zhixing db ---------------------------------------------------------------------------------
DB_HELP = "数据库：结构升级与版本，备份与恢复。"
DB_BACKUP_HELP = (
    "在线备份 SQLite 数据库（程序与定时任务写入时也安全），核对副本（完整性检查、结构版本、案件与审计记录数）；"
    "默认写到数据库旁的 backups/，仅本人可读（0600）。PostgreSQL 请用 pg_dump（见 README）。"
)
DB_BACKUP_OUT_HELP = "备份文件路径（默认 backups/<库名>-<时间>-backup.db）"
DB_BACKUP_DONE = "已备份：{path}（完整性检查通过；{cases} 件案件，{entries} 条审计记录；结构版本 {revision}）"
DB_BACKUP_CHAIN = "审计链完好：链头 {head}"
DB_RESTORE_HELP = (
    "用备份文件替换数据库：先核对文件是 zhixing 数据库且完整，再把被替换的数据库备份到 backups/，恢复一事记入审计。"
    "恢复前请关闭正在使用该库的界面。"
)
DB_RESTORE_FILE_HELP = "要恢复的备份文件（zhixing 的 SQLite 数据库）"
DB_RESTORE_KEPT = "原数据库已备份：{path}"
DB_RESTORE_DONE = "已恢复：{path}（{cases} 件案件，{entries} 条审计记录；结构版本 {revision}）"
DB_UP_TO_DATE = "数据库已是最新结构（版本 {revision}）。"
DB_BACKED_UP = "已备份：{path}"
DB_UPGRADED = "已升级：{before} → {head}"
DB_EMPTY = "空库"
DB_VERSION = "数据库版本：{revision}"
DB_HEAD_VERSION = "程序所需版本：{revision}"

# --- zhixing profiles ---------------------------------------------------------------------------
PROFILES_HELP = "法院配置：列出、查看、校验。"
PROFILE_NAME_HELP = "配置名，如 jianli"
PROFILE_FILE_HELP = "要校验的 TOML 文件"
PROFILE_LINE = "{id:<8} {name}（{code}）  {groups}个组/团队  依据：{seed}"
PROFILE_VALID = (
    "配置有效：{id}（{name}），{units}个单位，{stages}个阶段，{rules}条节点规则，{simple}条简易标准。"
)
