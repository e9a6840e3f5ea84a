"""At 80x24 F1 (help) and F2 (light/dark) are on screen in the key bar of every learner screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from tests.tui.test_snapshots import app_at, settle
from trainer.tui.navigation import open_module, open_target

SCREENS = {
    # screen: (stored progress, how to get there)
    "map": ("reading", None),
    "reader": ("reading", "module"),
    "policy": ("quiz", "policy"),
    "completion": ("done", "summary"),
    "quiz": ("reading", "quiz:basics-quiz"),
}


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_help_and_theme_keys_are_visible_at_80_columns(
    tmp_path: Path, screen: str, lang: str
) -> None:
    stage, target = SCREENS[screen]
    app = app_at(tmp_path, stage, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if target == "module":
            await open_module(app, "welcome", 0)
        elif target is not None:
            await open_target(app, target)
        await settle(pilot)
        keys = {key.key: key for key in app.screen.query(FooterKey)}
        # the command palette key is docked at the right and drawn over whatever is beneath it
        visible_end = keys["ctrl+p"].region.x if "ctrl+p" in keys else 80
        for wanted in ("f1", "f2"):
            assert wanted in keys, (screen, sorted(keys))
            region = keys[wanted].region
            assert region.width > 0 and region.right <= visible_end, (screen, wanted, region)
            # the description is drawn in full, not cut at the screen's edge
            assert keys[wanted].description in str(keys[wanted].render()), screen
