"""Floor of ``zhixing report overdue``: one pass of the same SQL in plain sqlite3.

``python -m bench.floors.overdue --db FILE --sql sql.json --as-of 2026-11-20 --form json|text|xlsx
[--out FILE]`` prints the JSON (or the plain text) byte for byte as zhixing does, or writes the
rows with openpyxl in write-only mode. The SQL is zhixing's own, captured by ``bench.capture``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from datetime import date
from itertools import groupby

STATUS_NAMES = {"overdue": "超期", "due_today": "今日到期", "approaching": "临期"}
ORDER = ("overdue", "due_today", "approaching")
HEADER = ["组/团队", "承办人", "状态", "天数", "案号", "节点", "期限", "到期日", "依据", "规则"]


def _rows(db: str, sql: str, params: list, as_of: date) -> list[dict]:
    con = sqlite3.connect(db)
    out = []
    for r in con.execute(sql, params):
        due = date.fromisoformat(r[8])
        status = r[10]
        out.append(
            {
                "case_no": r[2],
                "node": r[4],
                "rule_id": r[3],
                "source": r[5],
                "period": r[6],
                "due": r[8],
                "status": status,
                "status_name": STATUS_NAMES[status],
                "days": (as_of - due).days if status == "overdue" else (due - as_of).days,
                "team": r[12] or "",
                "handler": r[14] or "",
            }
        )
    con.close()
    return out


def _days(r: dict) -> str:
    if r["status"] == "overdue":
        return f"超期{r['days']}天"
    return "今日到期" if r["days"] == 0 else f"剩{r['days']}天"


def _text(as_of: date, counts: Counter, rows: list[dict]) -> str:
    from rich.cells import cell_len

    def pad(text: str, width: int) -> str:
        return text + " " * max(width - cell_len(text), 0)

    lines = [
        f"执行流程节点超期报告　截至 {as_of.isoformat()}",
        "　".join(f"{STATUS_NAMES[s]} {counts.get(s, 0)} 项" for s in ORDER),
    ]
    if not rows:
        lines.append("没有超期、今日到期或临期的节点。")
        return "\n".join(lines) + "\n"
    w_days = max(cell_len(_days(r)) for r in rows)
    w_case = max(cell_len(r["case_no"]) for r in rows)
    w_node = min(max(cell_len(r["node"]) for r in rows), 60)
    for team, team_rows in groupby(rows, key=lambda r: r["team"]):
        lines.append("")
        lines.append(f"【{team or '未分配'}】")
        for handler, hrows in groupby(team_rows, key=lambda r: r["handler"]):
            lines.append(f"  承办人：{handler or '未指定'}")
            for r in hrows:
                cells = [
                    pad(_days(r), w_days),
                    pad(r["case_no"], w_case),
                    pad(r["node"], w_node),
                    f"到期 {r['due']}",
                    r["source"],
                ]
                lines.append("    " + "  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _xlsx(path: str, as_of: date, rows: list[dict]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"超期节点{as_of.isoformat()}")
    ws.append(HEADER)
    for r in rows:
        ws.append(
            [
                r["team"],
                r["handler"],
                r["status_name"],
                r["days"],
                r["case_no"],
                r["node"],
                r["period"],
                date.fromisoformat(r["due"]),
                r["source"],
                r["rule_id"],
            ]
        )
    wb.save(path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--sql", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--form", choices=("json", "text", "xlsx"), default="json")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    captured = json.loads(open(args.sql, encoding="utf-8").read())
    as_of = date.fromisoformat(args.as_of)
    rows = _rows(args.db, captured["sql"], captured["params"], as_of)
    counts = Counter(r["status"] for r in rows)
    if args.form == "json":
        doc = {
            "as_of": as_of.isoformat(),
            "team": None,
            "overdue": counts.get("overdue", 0),
            "due_today": counts.get("due_today", 0),
            "approaching": counts.get("approaching", 0),
            "rows": rows,
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.form == "text":
        sys.stdout.write(_text(as_of, counts, rows))
    else:
        _xlsx(args.out, as_of, rows)


if __name__ == "__main__":
    main()
