"""Strings of the import and export area: ``zhixing import …`` and ``zhixing export …``."""

from __future__ import annotations

IMPORT_HELP = "从表格导入：案件（全国执行案件流程系统导出或手工台账）、案款到账、人员名册。格式见 docs/import-format.md。"
CASES_HELP = (
    "导入案件（.xlsx/.xls/.csv，CSV 可为 UTF-8 或 GBK）。按表头中文列名识别各列；按案号新增或更新。"
    "默认全有或全无：有任一无效行则不写入任何数据并以状态 1 退出。"
)
PAYMENTS_HELP = "导入案款到账记录：案号、到账日期、金额、缴款人（可选：领取日期、发放日期、备注）。"
STAFF_HELP = "导入人员名册：姓名、角色、组别（可选：职务、电话、是否组长）。"
FILE_HELP = "要导入的文件"
DRY_RUN_HELP = "试运行：完整检查并统计将新增/更新的数量，但不写入"
SKIP_INVALID_HELP = "跳过无效行：写入有效行，无效行连同错误原因另存为 .xlsx 以便更正"
READER_HELP = "读取 .xlsx 的方式：calamine（默认，较快）或 openpyxl"
BAD_READER = "--reader 应为 calamine 或 openpyxl，实为 {reader}"
REJECTS_HELP = "无效行另存的路径（默认 exports/<文件名>-错误行-<时间>.xlsx）"

SUMMARY = "{kind}导入：读取 {rows} 行，有效 {valid} 行，无效 {bad} 行"
ISSUE_LINE = "  第{row}行 {column}（{cell}）：{reason}"
WARNING_HEAD = "提示："
MORE_ISSUES = "  ……另有 {n} 处未列出（用 --json 查看全部）"
DONE = "已写入：新增 {inserted}，更新 {updated}，未变 {unchanged}"
DRY_DONE = "试运行，未写入：将新增 {inserted}，更新 {updated}，未变 {unchanged}"
REFUSED = "有无效行，未写入任何数据。更正后重新导入，或加 --skip-invalid 只导入有效行。"
REJECTS_SAVED = "无效行已另存：{path}"
IGNORED_COLUMNS = "未识别的列（已忽略）：{names}"

EXPORT_HELP = "导出统计报表。"
MONTHLY_HELP = (
    "生成月度执行工作统计表（.xlsx）：首执收结案与质效指标、各类案件（本月与本年累计）、节点超期、繁简分流、"
    "案件流转、线索查控人员、案款，附说明。"
)
MONTH_HELP = "月份，如 2026-03"
OUT_HELP = "输出路径（默认 exports/法院简称-YYYY-MM-执行工作统计.xlsx，如 汝阳-2026-10-执行工作统计.xlsx）"
MONTHLY_DONE = "已生成：{path}"
MONTHLY_TOTALS = "首执合计：旧存 {old}，新收 {new}，结案 {closed}，未结 {open}，结案率 {rate}"
