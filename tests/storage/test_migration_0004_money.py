"""0004: each arrival paid out before becomes one 发放 of its whole amount to the case's first
申请执行人; the books reconcile after the upgrade; the downgrade drops the payouts."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config


def test_0004_moves_paid_out_arrivals_into_payouts_and_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'money.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(
            text(
                "INSERT INTO enforcement_case(id, case_no, year, court_code, type_code, number, filed_on, "
                "basis, cause, claim_fen, status, stage, stage_entered_at, special_campaign, "
                "criminal_property, non_litigation, recovered_fen, closing_reason, search_text, created_at, "
                "updated_at) VALUES (1, '（2026）豫0326执1号', 2026, '豫0326', '执', 1, '2026-01-05', '', '', 0, "
                "'open', 'intake', '2026-01-05 09:00:00', 0, 0, 0, 0, '', '', '2026-01-05 09:00:00', "
                "'2026-01-05 09:00:00')"
            )
        )
        for pid, name, order in ((1, "王五", 1), (2, "李四", 0), (3, "张三", 0)):
            role = "respondent" if name == "张三" else "applicant"
            conn.execute(
                text(
                    "INSERT INTO party(id, case_id, role, kind, name, search_key, phone, address, sort_order) "
                    f"VALUES ({pid}, 1, '{role}', 'person', '{name}', '', '', '', {order})"
                )
            )
        for values in (
            "'2026-02-01', 10000, '张三', '2026-02-02', '2026-02-05'",  # claimed and paid
            "'2026-02-03', 500, '张三', NULL, '2026-02-06'",  # paid, never claimed: claimed on arrival
            "'2026-02-04', 700, '张三', '2026-02-09', '2026-02-08'",  # claimed after its payout
            "'2026-02-10', 900, '张三', '2026-02-11', NULL",  # still held
        ):
            conn.execute(
                text(
                    f"INSERT INTO payment(case_id, arrived_on, amount_fen, payer, claimed_on, paid_out_on, note) "
                    f"VALUES (1, {values}, '')"
                )  # fmt: skip
            )
        command.upgrade(cfg, "0004")
        outs = conn.execute(
            text("SELECT payment_id, kind, paid_on, amount_fen, payee, party_id FROM payout ORDER BY id")
        ).all()
        claimed = conn.execute(text("SELECT claimed_on FROM payment ORDER BY id")).scalars().all()
        held = (
            conn.execute(
                text("SELECT SUM(amount_fen) FROM payment WHERE claimed_on IS NOT NULL")
            ).scalar_one()
            - conn.execute(text("SELECT SUM(amount_fen) FROM payout")).scalar_one()
        )
    assert [tuple(r) for r in outs] == [
        (1, "payout", "2026-02-05", 10000, "李四", 2),
        (2, "payout", "2026-02-06", 500, "李四", 2),
        (3, "payout", "2026-02-08", 700, "李四", 2),
    ]
    assert claimed == ["2026-02-02", "2026-02-03", "2026-02-08", "2026-02-11"]
    assert held == 900
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        assert conn.execute(text("SELECT COUNT(*) FROM payment")).scalar_one() == 4
        tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
    assert "payout" not in tables
