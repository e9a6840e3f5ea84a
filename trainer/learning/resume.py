"""Where "Continue" takes the learner: exactly where they stopped, else the next thing to do."""

from __future__ import annotations

import datetime as dt

from trainer.content.models import Course
from trainer.learning.attempts import resume_question
from trainer.learning.completion import required_quiz_ids
from trainer.learning.grading import quiz_result
from trainer.learning.policy import policy_status
from trainer.learning.prerequisites import module_statuses
from trainer.learning.progress import resume_page
from trainer.learning.records import LearnerRecord, Position, QuizAttempt, as_utc, utc_now


def next_step(
    course: Course,
    record: LearnerRecord,
    *,
    lang: str | None = None,
    now: dt.datetime | None = None,
) -> Position | None:
    """The learner's next place, in this order of preference:

    1. an unfinished quiz attempt: its first unanswered question (`question` equals the
       number of questions when all are answered and the attempt only needs finishing);
    2. a module being read (the most recently read one): the page they were on;
    3. walking the course in order, the first available unread module (page 0), or the quiz
       of a read module that is not passed and can still be taken, whichever comes first, so
       a module's quiz comes right after the module, as the reader offers it;
    4. the course policy, if the completion rule needs it and it is not accepted as it reads
       today (never decided, declined, or accepted in an older version or text);
    5. None: nothing left to do. That is completion unless a quiz has failed with no attempts
       left; `is_complete` tells the two apart.

    `lang` picks the page count used to keep a page inside the module (default: the
    learner's language, else the course's).
    """
    moment = as_utc(now) if now else utc_now()
    language = lang or record.profile.language or course.default_language

    unfinished = [a for a in record.attempts if not a.finished and a.quiz_id in course.quizzes]
    if unfinished:
        attempt = max(unfinished, key=_started)
        return Position(
            kind="quiz",
            target_id=attempt.quiz_id,
            question=resume_question(attempt),
            updated_at=moment,
        )

    statuses = module_statuses(course, record)
    reading = [s for s in statuses if s.state == "in_progress" and s.progress is not None]
    if reading:
        latest = max(reading, key=lambda s: s.progress.updated_at if s.progress else moment)
        pages = len(course.module(latest.module_id).text(language).pages)
        return Position(
            kind="module",
            target_id=latest.module_id,
            page=resume_page(latest.progress, pages),
            updated_at=moment,
        )

    for module, status in zip(course.modules, statuses, strict=True):
        if status.state in ("not_started", "in_progress"):
            return Position(kind="module", target_id=module.id, updated_at=moment)
        if status.state == "done" and module.quiz is not None and module.quiz in course.quizzes:
            result = quiz_result(record.attempts_for(module.quiz), course.quizzes[module.quiz])
            if not result.passed and result.can_retake:
                return Position(kind="quiz", target_id=module.quiz, updated_at=moment)

    for quiz_id in required_quiz_ids(course):
        quiz = course.quizzes.get(quiz_id)
        if quiz is None or quiz_id in {m.quiz for m in course.modules}:
            continue  # linked quizzes were offered after their module above
        result = quiz_result(record.attempts_for(quiz_id), quiz)
        if not result.passed and result.can_retake:
            return Position(kind="quiz", target_id=quiz_id, updated_at=moment)

    if course.config.completion.policy and policy_status(course.policy, record).must_decide:
        return Position(kind="policy", target_id=course.policy.id, updated_at=moment)
    return None


def _started(attempt: QuizAttempt) -> dt.datetime:
    return attempt.started_at
