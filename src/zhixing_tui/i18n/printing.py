"""Strings of ``zhixing print …``: the help of the printable records (.docx) commands."""

from __future__ import annotations

APP_HELP = "打印：生成随卷材料（.docx），默认写到 exports/。"
CASE_NO_HELP = "案号，如 （2026）豫0326执123号（半角括号也可）"

# --- zhixing print nodes ------------------------------------------------------------------------
NODES_OUT_HELP = "输出文件（默认 exports/执行流程节点表-案号.docx）"

# --- zhixing print form -------------------------------------------------------------------------
FORM_KIND_HELP = "表格：national（总对总查控实有情况表）或 offline（线下查控实有情况表）"
FORM_CASE_NO_HELP = "案号，如 （2026）鄂1088执12号（半角括号也可）"
FORM_OUT_HELP = "输出文件（默认 exports/表名-案号.docx）"

# --- zhixing print intake -----------------------------------------------------------------------
INTAKE_OUT_HELP = "输出文件（默认 exports/初次接待谈话笔录-案号.docx）"

# --- zhixing print travel|closing|related|address|submissions (the forms a court's plan names) -----
PAPER_OUT_HELP = "输出文件（默认 exports/法院简称-表名-案号.docx）"
TRAVEL_ID_HELP = "出差申请的编号（审批界面“待审批事项”中的编号；默认该案最近一次出差申请）"
CLOSING_ID_HELP = "报结案审查记录的编号（默认该案最近一次报结）"
RELATED_ID_HELP = "类案集中报批的编号（默认该案最近一次报批）"
ADDRESS_PARTY_HELP = "只写这一当事人（姓名或名称；默认每个当事人一页）"
SUBMISSIONS_MONTH_HELP = "月份，如 2026-11（默认上个月）"
SUBMISSIONS_OUT_HELP = "输出文件（默认 exports/法院简称-各组送审案件情况统计表-月份.docx）"

# --- keys that print a form on the screen that has its data ------------------------------------------
KEY_PRINT_APPROVAL_FORM = "打印审批表"
KEY_PRINT_TRAVEL = "打印出差审批表"
KEY_PRINT_RELATED = "打印类案集中审批表"
KEY_PRINT_SUBMISSIONS = "各组送审统计表"
KEY_PRINT_ADDRESS = "送达地址确认书"
FORM_WRITTEN = "已写入《{title}》：{path}"
