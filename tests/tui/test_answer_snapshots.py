"""Questions whose answers run to three lines and more, at 80x24 and 120x40, both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import load
from tests.tui.test_snapshots import at, learner_at, read_module, settle
from trainer.learning import attempts as attempt_rules
from trainer.store.folder import DataFolder
from trainer.tui.app import make_app
from trainer.tui.navigation import open_target
from trainer.tui.screens.quiz import QuizScreen

LONG = {
    "en": {
        "At the start of the post": (
            "At the start of the post, in the first line a reader sees before “see more”, "
            "written in plain words such as “I work at Przykładowa and this is our product” "
            "rather than hidden in a hashtag, a link or an emoji that many readers skip "
            "without noticing"
        ),
        "In the last hashtag": (
            "In the last hashtag of the post, where it is easy to miss, which is why the "
            "consumer authority says a hashtag alone is not enough"
        ),
        "A public job advert": (
            "A public job advert that the company has already published on its careers page "
            "and on LinkedIn, with the link to the original offer so that candidates apply "
            "through the company's own form and nothing private leaks"
        ),
        "An article from the company blog": (
            "An article from the company blog, once it is public, with a sentence of your own "
            "about why it matters to the people who follow you"
        ),
        "Disclose your relationship with the company": (
            "Disclose your relationship with the company at the start of the post, in words "
            "every reader understands, before any link or hashtag, so that nobody has to "
            "guess who is speaking and on whose behalf"
        ),
    },
    "pl": {
        "Na początku posta": (
            "Na początku posta, w pierwszym wierszu, który czytelnik widzi przed „zobacz "
            "więcej”, prostymi słowami, np. „pracuję w Przykładowej i to nasz produkt”, a nie "
            "w hashtagu, linku czy emoji, które wielu czytelników pomija bez zastanowienia"
        ),
        "W ostatnim hashtagu": (
            "W ostatnim hashtagu posta, gdzie łatwo ją przeoczyć — dlatego UOKiK uważa, że "
            "sam hashtag nie wystarcza do oznaczenia współpracy"
        ),
        "Publiczne ogłoszenie o rekrutacji": (
            "Publiczne ogłoszenie o rekrutacji, które firma już opublikowała na stronie "
            "kariery i na LinkedIn, z linkiem do oryginalnej oferty, tak aby kandydaci "
            "aplikowali przez formularz firmy i nic poufnego nie wyciekło"
        ),
        "Artykuł z firmowego bloga": (
            "Artykuł z firmowego bloga, gdy jest już publiczny, z jednym zdaniem od siebie o "
            "tym, dlaczego jest ważny dla osób, które Cię obserwują"
        ),
        "Oznacz relację z firmą": (
            "Oznacz relację z firmą na początku posta, słowami zrozumiałymi dla każdego, "
            "przed linkiem i hashtagami, tak aby nikt nie musiał zgadywać, kto mówi i w czyim "
            "imieniu"
        ),
    },
}


def lengthen_answers(course_dir: Path) -> None:
    for lang, name in (("en", "basics-quiz.en.md"), ("pl", "basics-quiz.md")):
        path = course_dir / "quizzes" / name
        text = path.read_text(encoding="utf-8")
        for short, long in LONG[lang].items():
            assert short in text, (short, name)
            text = text.replace(short, long)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "kind"),
    [("en", "single"), ("en", "multiple"), ("en", "ordering"), ("pl", "multiple")],
)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_long_answers_wrap_under_their_own_mark(
    snap_compare: Any,
    mini_course_dir: Path,
    tmp_path: Path,
    size: tuple[int, int],
    lang: str,
    kind: str,
) -> None:
    lengthen_answers(mini_course_dir)
    course = load(mini_course_dir)
    data_dir = tmp_path / "data"
    learner_at(data_dir, course, "reading")
    read_module(DataFolder(data_dir), course, "first-post", 12)
    attempt = attempt_rules.new_attempt(
        course.quizzes["basics-quiz"], [], lang=lang, seed=7, attempt_id="a0", now=at(30)
    )
    DataFolder(data_dir).learner("ola").start_attempt(attempt)
    app = make_app(course, data_dir, lang)

    async def mark_one_answer(pilot: Pilot[Any]) -> None:
        await open_target(pilot.app, "quiz:basics-quiz")  # type: ignore[arg-type]
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen)
        while screen.question.kind != kind:
            screen.index += 1
            screen.show_question()
        await settle(pilot)
        await pilot.press("down")
        await pilot.press("space" if kind != "ordering" else "left_square_bracket")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=mark_one_answer)
