"""Floor of ``zhixing report overdue``: one pass of the same SQL in plain sqlite3 (psycopg when
``--db`` is a PostgreSQL URL: the SQL then is the PostgreSQL dialect's, as zhixing ran it there).

``python -m bench.floors.overdue --db FILE|URL --sql sql.json --as-of 2026-11-20 --form json|text|xlsx
[--out FILE]`` prints the JSON (or the plain text) byte for byte as zhixing does, or writes the
rows with openpyxl in write-only mode. The SQL is zhixing's own, captured by ``bench.capture``.

The one piece of zhixing it uses is the pure citation formatter (``profiles/citations.py``: 依据
as the document's short title and clause, the 注 legend of the full titles), loaded from its file
so that the profiles package (pydantic, the profile schema) is not imported with it. The court's
name and its stage names (for the 未分配 reasons of the workbook) are read from the court profile's
TOML with ``tomllib``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tomllib
from collections import Counter
from datetime import date
from itertools import groupby
from pathlib import Path

from bench.dbapi import Plain

STATUS_NAMES = {"overdue": "超期", "due_today": "今日到期", "approaching": "临期"}
ORDER = ("overdue", "due_today", "approaching")
HEADER = ["组/团队", "承办人", "状态", "天数", "案号", "节点", "期限", "到期日", "依据"]


def _package_dir() -> Path:
    spec = importlib.util.find_spec("zhixing_tui")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def _citations():
    """``zhixing_tui/profiles/citations.py`` (stdlib only) without its package's ``__init__``."""
    path = _package_dir() / "profiles" / "citations.py"
    spec = importlib.util.spec_from_file_location("bench_floor_citations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(con: Plain, sql: str, params: list | dict, as_of: date) -> list[dict]:
    out = []
    for r in con.captured(sql, params):
        due = r[8] if isinstance(r[8], date) else date.fromisoformat(r[8])  # psycopg gives a date
        status = r[10]
        out.append(
            {
                "node_id": r[0],
                "case_id": r[1],
                "case_no": r[2],
                "node": r[4],
                "rule_id": r[3],
                "source": r[5],
                "period": r[6],
                "due": due.isoformat(),
                "status": status,
                "status_name": STATUS_NAMES[status],
                "days": (as_of - due).days if status == "overdue" else (due - as_of).days,
                "team": r[12] or "",
                "handler": r[14] or "",
            }
        )
    return out


def _json_row(r: dict) -> dict:
    keys = ("case_no", "node", "rule_id", "source", "period", "due", "status", "status_name")
    return {**{k: r[k] for k in keys}, "days": r["days"], "team": r["team"], "handler": r["handler"]}


def _chain(con: Plain) -> tuple[int, str]:
    count = con.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    last = con.execute("SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    return count, (last[0] if last else "0" * 64)


def _days(r: dict) -> str:
    if r["status"] == "overdue":
        return f"超期{r['days']}天"
    return "今日到期" if r["days"] == 0 else f"剩{r['days']}天"


def _title(as_of: date) -> str:
    return f"执行流程节点超期报告　截至 {as_of.isoformat()}"


def _counts(counts: Counter) -> str:
    return "　".join(f"{STATUS_NAMES[s]} {counts.get(s, 0)} 项" for s in ORDER)


def _text(as_of: date, counts: Counter, rows: list[dict], chain: tuple[int, str]) -> str:
    from rich.cells import cell_len

    def pad(text: str, width: int) -> str:
        return text + " " * max(width - cell_len(text), 0)

    chain_line = f"审计记录：{chain[0]} 条，链头 {chain[1]}"
    lines = [_title(as_of), _counts(counts)]
    if not rows:
        lines.extend(["没有超期、今日到期或临期的节点。", chain_line])
        return "\n".join(lines) + "\n"
    cit = _citations()
    short = {s: cit.cite(s, short=True) for s in {r["source"] for r in rows}}
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
                    short[r["source"]],
                ]
                lines.append("    " + "  ".join(cells).rstrip())
    legend = cit.abbreviations(r["source"] for r in rows)
    if legend:
        lines.append("")
        lines.extend(f"注：{line}" for line in legend)
    lines.extend(["", chain_line])
    return "\n".join(lines) + "\n"


def _profile(con: Plain) -> dict:
    (pid,) = con.execute("SELECT value FROM desk_setting WHERE key = 'profile'").fetchone()
    path = _package_dir() / "profiles" / "data" / f"{pid}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _reasons(con: Plain, rows: list[dict], stages: dict[str, str]) -> dict[int, str]:
    """node id → 未分配（why）: the case is closed (by whom) or not yet given to a unit (its stage)."""
    ids = sorted({r["case_id"] for r in rows if not r["team"]})
    cases: dict[int, tuple[str, str, str | None]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT c.id, c.status, c.stage, (SELECT u.name FROM stage_entry e JOIN org_unit u "
            "ON u.id = e.unit_id WHERE e.case_id = c.id ORDER BY e.entered_at DESC, e.id DESC "
            f"LIMIT 1) FROM enforcement_case c WHERE c.id IN ({marks})"
        )
        for cid, status, stage, unit in con.execute(sql, chunk):
            cases[cid] = (status, stage, unit)
    out = {}
    for r in rows:
        if r["team"] or r["case_id"] not in cases:
            continue
        status, stage, unit = cases[r["case_id"]]
        if status == "closed":
            out[r["node_id"]] = f"未分配（案件已结案，原由{unit}办理）" if unit else "未分配（案件已结案）"
        else:
            out[r["node_id"]] = f"未分配（案件在{stages.get(stage, stage)}阶段，尚未分到组/团队）"
    return out


def _xlsx(path: str, con: Plain, as_of: date, counts: Counter, rows: list[dict]) -> None:
    """The same sheets in write-only mode: title and counts, the header, the rows; a 说明 sheet
    with the legend (no styles, widths or print setup)."""
    from openpyxl import Workbook

    profile = _profile(con)
    court = profile["court"]["name"]
    stages = {s["code"]: s["name"] for s in profile.get("stages", [])}
    reasons = _reasons(con, rows, stages)
    cit = _citations()
    short = {s: cit.cite(s, short=True) for s in {r["source"] for r in rows}}
    title = f"{court} {_title(as_of)}"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"超期节点{as_of.isoformat()}")
    ws.append([title])
    ws.append([_counts(counts)])
    ws.append(HEADER)
    for r in rows:
        ws.append(
            [
                r["team"] or reasons.get(r["node_id"], "未分配"),
                r["handler"],
                r["status_name"],
                r["days"],
                r["case_no"],
                r["node"],
                r["period"],
                date.fromisoformat(r["due"]),
                short[r["source"]],
            ]
        )
    notes = wb.create_sheet("说明")
    notes.append([f"{title} 说明"])
    notes.append(["项目", "内容"])
    notes.append(["法院", court])
    notes.append(["截至日期", as_of.isoformat()])
    for s in ORDER:
        notes.append([STATUS_NAMES[s], counts.get(s, 0)])
    for line in cit.abbreviations(r["source"] for r in rows):
        notes.append(["", line])
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
    con = Plain(args.db)
    rows = _rows(con, captured["sql"], captured["params"], as_of)
    counts = Counter(r["status"] for r in rows)
    if args.form == "json":
        count, head = _chain(con)
        doc = {
            "as_of": as_of.isoformat(),
            "team": None,
            "overdue": counts.get("overdue", 0),
            "due_today": counts.get("due_today", 0),
            "approaching": counts.get("approaching", 0),
            "rows": [_json_row(r) for r in rows],
            "audit_chain": {"count": count, "head": head},
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.form == "text":
        sys.stdout.write(_text(as_of, counts, rows, _chain(con)))
    else:
        _xlsx(args.out, con, as_of, counts, rows)
    con.close()


if __name__ == "__main__":
    main()
