"""Requests the course rules refuse. The UI explains them to the learner; they are never crashes."""

from __future__ import annotations


class LearningRuleError(Exception):
    """Base of every refusal from `trainer.learning`, so a screen can catch them in one place."""


class AttemptsExhausted(LearningRuleError):
    """The quiz allows a limited number of attempts and all of them have been started."""


class AttemptInProgress(LearningRuleError):
    """An unfinished attempt must be resumed (or finished) before another one starts."""


class AttemptAlreadyFinished(LearningRuleError):
    """A finished attempt is evidence: it takes no more answers and is not finished twice."""


class QuestionNotInAttempt(LearningRuleError):
    """The question was not drawn for this attempt (or no longer exists in the quiz)."""


class QuestionAlreadyAnswered(LearningRuleError):
    """Feedback is shown after each answer, so changing it afterwards would let anyone pass."""


class InvalidResponse(LearningRuleError):
    """The response does not fit the question's type (wrong shape, unknown choice, duplicates)."""


class RecordChanged(LearningRuleError):
    """What this window was about to save was worked out from a record that another window
    (or program) of the same learner has changed since: it is refused rather than applied
    to data it was not computed from."""


class AcceptanceRefused(LearningRuleError):
    """The policy cannot be accepted yet; `reason` says which condition is missing."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
