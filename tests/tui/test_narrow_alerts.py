"""F6 at 80×24 (issue 14, item 5): an active filter is always in sight, and the footer keeps the
keys that change data (u 督办, o 打印节点表) and help (f1) before the ones that only look."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer

from tests.roster import act_as
from tests.tui.conftest import settle, until
from tests.tui.test_alerts import AS_OF, alerts, open_alerts  # noqa: F401 - the fixture
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.pick_filter import PickFilterModal


def footer_keys_in_sight(screen) -> list[str]:
    """The keys whose footer entry is wholly on the screen."""
    from textual.widgets._footer import FooterKey  # noqa: PLC2701 - the footer's entries

    width = screen.size.width
    return [
        k.key for k in screen.query_one(Footer).query(FooterKey) if k.region.width and k.region.right <= width
    ]


async def test_filter_and_working_keys_in_sight_at_80x24(alerts):  # noqa: F811
    desk, ids = alerts
    app = make_app(desk, operator=act_as(desk, "supervisor"), today=AS_OF)  # who may 督办 (u)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_alerts(pilot)
        rule = screen.page.items[0].rule_id
        steps = [k for k, _ in screen._choices("node")].index(rule) + 1  # noqa: SLF001
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PickFilterModal))
        await pilot.press(*["down"] * steps, "enter")  # the node of the first row
        await until(pilot, lambda: app.screen is screen and screen.filters["node"] is not None)
        await settle(pilot)
        assert screen.page.total > 0
        status = screen.query_one("#alerts-status")
        label = screen.filter_labels()[0]
        text = str(status.content)
        assert label in text
        # the filter is within what the status line shows (its cells up to the filter's end fit)
        end = text.index(label) + len(label)
        assert cell_len(text[:end]) <= status.size.width * status.size.height
        keys = footer_keys_in_sight(screen)
        for key in ("u", "o", "f1"):
            assert key in keys, str(
                [(k.key, k.description, k.region.right) for k in screen.query_one(Footer).children]
            )
