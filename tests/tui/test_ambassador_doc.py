"""docs/ambassadors.md names the keys each screen's key bar shows, in English and Polish, exactly
as the app shows them (a key renamed, added or dropped in the code fails here until the guide
says so too)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from trainer.tui.app import TrainerApp
from trainer.tui.i18n import Translator
from trainer.tui.screens.completion import CompletionScreen
from trainer.tui.screens.course_map import CourseMapScreen
from trainer.tui.screens.policy import PolicyScreen
from trainer.tui.screens.post_ideas import PostIdeasScreen
from trainer.tui.screens.post_writer import PostWriterScreen
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.quiz_result import QuizResultScreen
from trainer.tui.screens.quiz_review import QuizReviewScreen
from trainer.tui.screens.reader import ReaderScreen
from trainer.tui.widgets.answer_list import AnswerList

DOC = Path(__file__).resolve().parents[2] / "docs" / "ambassadors.md"
SCREENS: dict[str, object] = {
    "Every screen": TrainerApp,
    "Course map": CourseMapScreen,
    "Reading a module": ReaderScreen,
    "Quiz question": QuizScreen,
    "Put in order, also": AnswerList.ORDERING_BINDINGS,
    "Quiz result": QuizResultScreen,
    "Review attempts": QuizReviewScreen,
    "Policy": PolicyScreen,
    "Summary": CompletionScreen,
    "Post ideas": PostIdeasScreen,
    "Writing a post": PostWriterScreen,
}
AUTHOR_ONLY = {"back_to_preview"}  # the map's Esc in `trainer preview`, not for ambassadors


def key_bar(binding: Binding) -> str:
    """The key as the key bar draws it (Textual shows ctrl+b as ^b)."""
    if binding.key_display:
        return binding.key_display
    key = binding.key.split(",")[0]
    return "^" + key.removeprefix("ctrl+") if key.startswith("ctrl+") else key


def expected(screen: object, t: Translator) -> str:
    bindings = screen if isinstance(screen, list) else screen.BINDINGS  # type: ignore[attr-defined]
    keys = [
        f"`{key_bar(b)}` {t.binding(b.description)}"
        for b in bindings
        if isinstance(b, Binding) and b.show and b.action not in AUTHOR_ONLY
    ]
    if screen is TrainerApp:
        keys.append(f"`^p` {t.binding('palette')}")
    return " · ".join(keys)


def documented() -> dict[str, tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| \*\*(.+?)\*\* \| (.+?) \| (.+?) \|$", text, flags=re.MULTILINE)
    return {name: (english, polish) for name, english, polish in rows}


def test_the_guide_names_every_screens_keys_in_both_languages() -> None:
    table = documented()
    assert set(table) == set(SCREENS)
    for name, screen in SCREENS.items():
        assert table[name] == (
            expected(screen, Translator("en")),
            expected(screen, Translator("pl")),
        ), name
