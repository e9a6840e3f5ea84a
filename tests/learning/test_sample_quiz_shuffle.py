"""In the sample course's last quiz the right answer is not always the first one on screen."""

from __future__ import annotations

from pathlib import Path

from trainer.content.loader import load_course
from trainer.content.models import SingleChoice
from trainer.learning.attempts import new_attempt

REPO = Path(__file__).resolve().parents[2]


def test_the_content_quiz_shows_its_answers_shuffled() -> None:
    course = load_course(REPO).course
    assert course is not None
    quiz = course.quizzes["content"]
    assert quiz.shuffle in ("answers", "both")
    singles = [q for q in quiz.text("pl").questions if isinstance(q, SingleChoice)]
    assert singles
    first_shown_correct = set()
    for seed in range(20):
        attempt = new_attempt(quiz, [], lang="pl", seed=seed)
        for question in singles:
            if question.id not in attempt.question_ids:
                continue
            order = attempt.choice_orders[question.id]
            first_shown_correct.add(question.choices[order[0]].correct)
    assert first_shown_correct == {True, False}
