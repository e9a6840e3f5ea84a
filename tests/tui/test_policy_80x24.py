"""At 80x24 the policy screen's header is complete and the policy text gets most of the screen,
with the sample course's long Polish title, in Polish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.tui.test_snapshots import settle
from tests.tui.test_studio import studio_app
from trainer.tui.navigation import open_target
from trainer.tui.screens.policy import PolicyScreen
from trainer.tui.widgets.page_view import PageView


@pytest.mark.parametrize("lang", ["pl", "en"])
async def test_the_policy_header_is_whole_and_the_text_gets_most_of_the_screen(
    tmp_path: Path, lang: str
) -> None:
    app = studio_app(tmp_path, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_target(app, "policy")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PolicyScreen)
        policy = app.services.course.policy.text(lang)
        title = screen.query_one("#policy-title", Static)
        shown = " ".join(
            strip.text.strip() for strip in title.render_lines(title.region.reset_offset)
        )
        for part in (policy.title, f"v{policy.version}", app.t.date(policy.effective)):
            assert " ".join(part.split()) in " ".join(shown.split()), (part, shown)
        text = screen.query_one("#policy-text", PageView)
        assert text.region.height >= 24 * 0.6, text.region
        # the controls are all on screen, above the key bar
        for selector in ("#agree", "#typed-name", "#accept", "#decline"):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.bottom <= 23, (selector, region)
