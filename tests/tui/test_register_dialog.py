"""The register dialog (F2 → Ctrl+N), issue 14 item 3: Esc asks before typed data is thrown away
(test_unsaved_input.py); every mistake is listed at once, the first one focused; the four party
kinds are whole at 160 and at 80 columns; Enter in the last field registers."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlmodel import select

from tests.tui.conftest import settle, until
from zhixing_tui.domain.identity import make_credit_code, make_resident_id
from zhixing_tui.storage.models import Case
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.register_case import RegisterCaseModal

AS_OF = date(2026, 11, 23)


def bad_check_digit(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


async def open_register(pilot) -> RegisterCaseModal:
    await pilot.press("f2")
    await settle(pilot)
    await pilot.press("ctrl+n")
    await until(pilot, lambda: isinstance(pilot.app.screen, RegisterCaseModal))
    await settle(pilot)
    return pilot.app.screen


def fill(dialog: RegisterCaseModal, **values: str) -> None:
    for key, value in values.items():
        dialog.query_one(f"#reg-{key}").value = value


@pytest.mark.parametrize("size", [(160, 50), (80, 24)])
async def test_the_four_kinds_are_whole(desk, size):
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=size) as pilot:
        dialog = await open_register(pilot)
        box = dialog.query_one("#register-box")
        inside = box.scrollable_content_region
        for role in ("applicant", "respondent"):
            last = dialog.query_one(f"#reg-{role}-other_org")
            last.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            assert last.region.width >= 12  # ▐●▌ 其他组织
            assert last.region.right <= inside.right


async def test_every_mistake_at_once_then_enter_registers(desk):
    rng = random.Random(5)
    person = make_resident_id(rng, "410326", date(1980, 5, 1), True)
    company = make_credit_code(rng, "410326")
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_register(pilot)
        fill(
            dialog,
            case_no="（2026）豫0326执900号",
            claim="5000",
            applicant="李四",
            applicant_id=bad_check_digit(person),
            respondent="汝阳某公司",
            respondent_id=bad_check_digit(company),
        )
        dialog.query_one("#reg-respondent-kind").focus()
        await pilot.press("right", "space")  # 企业
        await pilot.press("ctrl+s")
        error = dialog.query_one("#register-error")
        await until(pilot, lambda: "2处" in str(error.content))
        text = str(error.content)
        assert "李四" in text and "身份证" in text and "统一社会信用代码" in text
        assert app.focused is dialog.query_one("#reg-applicant_id")
        fill(dialog, applicant_id=person, respondent_id=company)
        dialog.query_one("#reg-respondent_id").focus()
        await pilot.press("enter")  # the last field: Enter registers
        await until(pilot, lambda: not isinstance(app.screen, RegisterCaseModal))
    with desk.session() as s:
        assert s.exec(select(Case.case_no)).all() == ["（2026）豫0326执900号"]
