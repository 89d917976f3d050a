"""Strings of the calendar area: ``zhixing calendar`` help and output."""

from __future__ import annotations

APP_HELP = "节假日与期限：计算到期日，载入国务院办公厅节假日安排，查看各年覆盖情况。"

DUE_HELP = (
    "计算期限的到期日：第一行为到期日（YYYY-MM-DD），其后每行一条提示。"
    "按民事诉讼法第八十五条计算：起算日不计入，届满日为休息日的顺延至下一个工作日；调休上班日算工作日。"
    "有数据库（--db 或 ZHIXING_DB）时使用其中载入的节假日安排，否则只用内置日历。"
)
DUE_START_HELP = '起算日期，如 2026-09-30；小时期限可带时刻，如 "2026-09-30 10:00"'
DUE_PERIOD_HELP = "期限：当日、24小时、7日、3个工作日、2周、6个月（也可写 三日、十五日、六个月）"

LOAD_HELP = (
    "载入某一年的节假日安排文件（TOML/JSON，格式见示例 2027.example.toml），替换该年已载入的安排并记入审计。"
)
LOAD_FILE_HELP = "节假日安排文件路径"
STATUS_HELP = (
    "查看近几年的节假日安排来源：已载入、内置（chinesecalendar）、未载入（按《全国年节及纪念日放假办法》的"
    "法定假日和周末计算，调休未知）或未载入（2025年以前，仅按周末计算）。"
)

KIND_LABEL = {"loaded": "已载入", "library": "内置", "statutory": "未载入", "uncovered": "未载入"}
STATUS_UNCOVERED = "仅按周末计算；请用 zhixing calendar load 载入国务院办公厅通知"
STATUS_STATUTORY = "按法定假日和周末计算，调休未知；请用 zhixing calendar load 载入国务院办公厅通知"
STATUS_NO_DB = "（未找到数据库，只显示内置日历）"
STATUS_LINE = "{year}年  {kind}  {source}"

LOADED = "已载入{year}年节假日安排：节假日{holidays}天，调休上班{workdays}天"
LOADED_SOURCE = "来源：{source}"
LOADED_REPLACED = "已替换先前载入的安排：{source}"
NO_DATABASE = "数据库不存在：{path}；请先运行 zhixing init --profile 法院 或 zhixing demo"
START_FIELD = "起算日期"
TIME_INVALID = "{field}的时刻不存在：「{text}」（应为 00:00–23:59）"
