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
