"""One learner's session: applies the learning rules and saves every step through the store.

Plain Python (no UI): the TUI calls these methods off its event loop, the tests call them
directly. Each write is one store transaction; `record` is re-read from disk afterwards, so
what the screens show is what was saved.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Protocol

from trainer.certificates.register import NotCompleteError
from trainer.certificates.secret import CertificateSecretError
from trainer.content.models import Course, PostExercise
from trainer.learning import attempts as attempt_rules
from trainer.learning.completion import is_complete
from trainer.learning.errors import (
    AcceptanceRefused,
    AttemptAlreadyFinished,
    AttemptsExhausted,
    RecordChanged,
)
from trainer.learning.exercise_review import exercise_post, sends_for_review
from trainer.learning.grading import QuizResult, quiz_result
from trainer.learning.policy import (
    PolicyState,
    PolicyStatus,
    can_accept,
    decide_policy,
    policy_changes,
    policy_status,
)
from trainer.learning.prerequisites import ModuleStatus, module_status
from trainer.learning.progress import course_progress, mark_page, start_module
from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    Position,
    QuizAttempt,
    Response,
    StudioPost,
    utc_now,
)
from trainer.learning.resume import next_step
from trainer.learning.summary import completion_summary, render_summary_text
from trainer.store.errors import RuleRefusedError, StoreError
from trainer.store.folder import DataFolder

RecordRule = Callable[[LearnerRecord], None]
# How often a write worked out from an out-of-date copy is worked out again from the saved
# record before giving up (each retry means another window saved in between).
STALE_RETRIES = 5
if TYPE_CHECKING:
    from trainer.certificates.document import CertificateDocument

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SignInProblem = Literal["email", "name", "team", "too_long"]


@dataclass(frozen=True)
class SignInDetails:
    """What the sign-in form asks for, checked before anything is saved."""

    email: str
    name: str
    team: str

    def cleaned(self) -> SignInDetails:
        return SignInDetails(
            email=self.email.strip(),
            name=" ".join(self.name.split()),
            team=" ".join(self.team.split()),
        )

    def problems(self) -> dict[str, SignInProblem]:
        """Field -> what is wrong with it, in form order; empty when all is well."""
        d = self.cleaned()
        found: dict[str, SignInProblem] = {}
        if len(d.email) > 254:
            found["email"] = "too_long"
        elif not EMAIL_SHAPE.match(d.email):
            found["email"] = "email"
        if len(d.name) > 200:
            found["name"] = "too_long"
        elif len(d.name) < 2 or not any(ch.isalpha() for ch in d.name):
            found["name"] = "name"
        if len(d.team) > 100:
            found["team"] = "too_long"
        elif not d.team:
            found["team"] = "team"
        return found


class StepKind(StrEnum):
    MODULE = "module"
    QUIZ = "quiz"
    POLICY = "policy"


@dataclass(frozen=True)
class Step:
    """Where Continue goes: a module page, a quiz (question) or the policy."""

    kind: StepKind
    target_id: str
    page: int = 0
    question: int = 0
    in_progress: bool = False


@dataclass(frozen=True)
class Progress:
    done_steps: int
    total_steps: int
    complete: bool


class LearnerStorage(Protocol):
    """The part of `trainer.store.learner.LearnerStore` a session writes through."""

    def read(self) -> LearnerRecord: ...
    def update_profile(self, profile: LearnerProfile) -> None: ...
    def save_module_progress(self, progress: ModuleProgress) -> None: ...
    def update_module_progress(
        self, module_id: str, change: Callable[[ModuleProgress | None], ModuleProgress]
    ) -> ModuleProgress: ...
    def save_position(self, position: Position) -> None: ...
    def start_attempt(self, attempt: QuizAttempt, rule: RecordRule | None = None) -> None: ...
    def record_answer(
        self,
        attempt_id: str,
        answer: AnswerRecord,
        rule: RecordRule | None = None,
        post: StudioPost | None = None,
    ) -> None: ...
    def finish_attempt(
        self,
        attempt_id: str,
        *,
        finished_at: dt.datetime,
        score: float,
        max_score: int,
        passed: bool,
        rule: RecordRule | None = None,
    ) -> None: ...
    def record_policy_decision(
        self, decision: PolicyDecision, rule: RecordRule | None = None
    ) -> PolicyDecision: ...


class PreviewStorage:
    """Keeps a trainer's preview session in memory: previews never touch learners' files."""

    def __init__(self, profile: LearnerProfile) -> None:
        self._record = LearnerRecord(profile=profile)

    def read(self) -> LearnerRecord:
        return self._record.model_copy(deep=True)

    def update_profile(self, profile: LearnerProfile) -> None:
        self._record = self._record.model_copy(update={"profile": profile})

    def save_module_progress(self, progress: ModuleProgress) -> None:
        self._record.modules[progress.module_id] = progress

    def update_module_progress(
        self, module_id: str, change: Callable[[ModuleProgress | None], ModuleProgress]
    ) -> ModuleProgress:
        updated = change(self._record.modules.get(module_id))
        self._record.modules[module_id] = updated
        return updated

    def save_position(self, position: Position) -> None:
        self._record.position = position

    def _check(self, rule: RecordRule | None) -> None:
        if rule is not None:
            from trainer.store.learner import apply_rule

            apply_rule(rule, self.read())

    def start_attempt(self, attempt: QuizAttempt, rule: RecordRule | None = None) -> None:
        self._check(rule)
        self._record.attempts.append(attempt)

    def record_answer(
        self,
        attempt_id: str,
        answer: AnswerRecord,
        rule: RecordRule | None = None,
        post: StudioPost | None = None,
    ) -> None:
        self._check(rule)
        for attempt in self._record.attempts:
            if attempt.attempt_id == attempt_id:
                attempt.answers.append(answer)
        if post is not None:
            self._record.posts.append(post)

    def finish_attempt(
        self,
        attempt_id: str,
        *,
        finished_at: dt.datetime,
        score: float,
        max_score: int,
        passed: bool,
        rule: RecordRule | None = None,
    ) -> None:
        self._check(rule)
        for i, attempt in enumerate(self._record.attempts):
            if attempt.attempt_id == attempt_id:
                self._record.attempts[i] = attempt.model_copy(
                    update={
                        "finished_at": finished_at,
                        "score": score,
                        "max_score": max_score,
                        "passed": passed,
                    }
                )

    def record_policy_decision(
        self, decision: PolicyDecision, rule: RecordRule | None = None
    ) -> PolicyDecision:
        self._check(rule)
        self._record.policy_decisions.append(decision)
        return decision


class LearnerSession:
    def __init__(
        self, course: Course, store: LearnerStorage, data: DataFolder | None, lang: str
    ) -> None:
        self.course = course
        self.store = store
        self.data = data
        self.lang = lang
        self.record: LearnerRecord = store.read()
        self.clock: Callable[[], dt.datetime] = utc_now  # replaceable for reproducible records
        # Page visits are saved from worker threads; two quick page turns must not both start
        # from the same in-memory record, or the second save drops the first page.
        self._visiting = threading.Lock()

    # -- signing in --------------------------------------------------------------------------

    @classmethod
    def open(
        cls, course: Course, data: DataFolder, learner_id: str, lang: str
    ) -> LearnerSession | None:
        """The last learner of this data folder, or None if their file is gone or unreadable."""
        try:
            return cls(course, data.learner(learner_id), data, lang)
        except StoreError:
            return None

    @staticmethod
    def profile_for_email(data: DataFolder, email: str) -> LearnerProfile | None:
        learner_id = data.find_learner_by_email(email)
        if learner_id is None:
            return None
        try:
            return data.learner(learner_id).read().profile
        except StoreError:
            return None

    @classmethod
    def sign_in(
        cls, course: Course, data: DataFolder, details: SignInDetails, lang: str
    ) -> LearnerSession:
        """Continue as the learner with this e-mail (invited or returning) or register anew.

        Local terminal mode trusts the person at the keyboard, as the issue asks; served mode
        adds passphrases on top of this.
        """
        d = details.cleaned()
        learner_id = data.find_learner_by_email(d.email)
        if learner_id is not None:
            store = data.learner(learner_id)
            profile = store.read().profile
            updated = profile.model_copy(
                update={"name": d.name, "team": d.team, "status": "active"}
            )
            if updated != profile:
                store.update_profile(updated)
        else:
            profile = LearnerProfile(
                learner_id=data.new_learner_id(d.name, d.email),
                name=d.name,
                email=d.email,
                team=d.team,
                language=lang,
            )
            store = data.create_learner(profile)
        data.set_last_learner_id(store.learner_id)
        return cls(course, store, data, lang)

    @staticmethod
    def preview_profile() -> LearnerProfile:
        return LearnerProfile(
            learner_id="preview", name="Preview", email="preview@example.invalid", team="-"
        )

    @classmethod
    def preview(cls, course: Course, lang: str) -> LearnerSession:
        return cls(course, PreviewStorage(cls.preview_profile()), None, lang)

    # -- what the screens show ------------------------------------------------------------------

    def reload(self) -> LearnerRecord:
        self.record = self.store.read()
        return self.record

    def module_status(self, module_id: str) -> ModuleStatus:
        return module_status(self.course.module(module_id), self.record)

    def due_date(self) -> dt.date | None:
        """The learner's own due date, else their team's (`trainer deadline set`)."""
        if self.data is None:
            return self.record.profile.due
        from trainer.deadlines import load_deadlines

        return load_deadlines(self.data).due_for(self.record.profile)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        from trainer.deadlines import is_overdue, today_local

        return is_overdue(self.due_date(), self.is_complete(), today or today_local())

    def progress(self) -> Progress:
        progress = course_progress(self.course, self.record)
        total = len(progress.requirements)
        done = sum(1 for r in progress.requirements if r.met)
        return Progress(done, total, progress.complete)

    def quiz_summary(self, quiz_id: str) -> QuizResult:
        return quiz_result(self.record.attempts_for(quiz_id), self.course.quizzes[quiz_id])

    def quiz_gate(self, quiz_id: str) -> str | None:
        """The module that must be read before this quiz opens, if it is not read yet."""
        for module in self.course.modules:
            if module.quiz == quiz_id and self.module_status(module.id).state != "done":
                return module.id
        return None

    def last_finished_attempt(self, quiz_id: str) -> QuizAttempt | None:
        finished = [a for a in self.record.attempts_for(quiz_id) if a.finished]
        return finished[-1] if finished else None

    def attempt(self, attempt_id: str) -> QuizAttempt | None:
        for attempt in self.record.attempts:
            if attempt.attempt_id == attempt_id:
                return attempt
        return None

    def next_step(self) -> Step | None:
        position = next_step(self.course, self.record, lang=self.lang)
        if position is None:
            return None
        kind = StepKind(position.kind)
        in_progress = kind == StepKind.QUIZ and any(
            not a.finished for a in self.record.attempts_for(position.target_id)
        )
        return Step(kind, position.target_id, position.page, position.question, in_progress)

    def policy_status(self) -> PolicyStatus:
        return policy_status(self.course.policy, self.record)

    def policy_state(self) -> PolicyState:
        return self.policy_status().state

    def policy_changes(self) -> tuple[str, str] | None:
        """(version accepted, Markdown of what changed) when the accepted text is outdated."""
        status = self.policy_status()
        accepted = status.last_acceptance
        if status.state != "outdated" or accepted is None:
            return None
        old = self.data.policy_snapshot(accepted.sha256) if self.data else None
        current = self.course.policy.text(self.lang).body
        if old is None:
            return accepted.version, ""
        changes = policy_changes(_body(old), current)
        lines: list[str] = []
        for change in changes:
            label = "**+**" if change.kind == "added" else "**−**"
            lines.append(f"- {label} {change.text}")
        return accepted.version, "\n".join(lines)

    def can_accept_policy(
        self, *, scrolled_to_end: bool, box_checked: bool, typed_name: str
    ) -> bool:
        return bool(can_accept(scrolled_to_end, box_checked, typed_name, self.record.profile.name))

    def is_complete(self) -> bool:
        return is_complete(self.course, self.record)

    def summary_text(self, when: Callable[[dt.datetime], str] | None = None) -> str:
        """The learner's summary as Markdown; `when` words its times (ISO UTC by default)."""
        summary = completion_summary(self.course, self.record, self.lang, now=self.clock())
        code = self.certificate_code() if summary.complete else None
        if code is not None:
            summary = summary.model_copy(update={"verification_code": code})
        if when is None:
            return render_summary_text(summary)
        return render_summary_text(summary, when)

    def certificate_code(self) -> str | None:
        """The verification code of this learner's certificate (issued on first ask), or None
        when the course is not complete or the data folder cannot issue one (a preview)."""
        if self.data is None or not self.is_complete():
            return None
        from trainer.certificates.register import formatted_code, issue_certificate

        try:
            entry = issue_certificate(self.data.root, self.course, self.record, now=self.clock())
        except (OSError, StoreError, CertificateSecretError):
            return None
        return formatted_code(entry.code)

    def certificate(self, public_url: str | None = None) -> CertificateDocument:
        """The learner's PDF certificate; raises if the course is not complete or no data folder."""
        from trainer.certificates.document import certificate_document

        if self.data is None:
            raise NotCompleteError("Certificates are issued from a data folder, not a preview.")
        return certificate_document(
            self.data.root,
            self.course,
            self.record,
            lang=self.lang,
            public_url=public_url,
            now=self.clock(),
        )

    def summary_filename(self) -> str:
        return f"ambassador-training-{self.record.profile.learner_id}.md"

    # -- writes (each one store transaction; call off the UI thread) -------------------------------

    def visit_page(self, module_id: str, page: int) -> ModuleProgress:
        """Record that the learner is on `page`; the last page marks the module read."""
        module = self.course.module(module_id)
        pages = len(module.text(self.lang).pages)
        shown = min(page, pages - 1)

        def visit(current: ModuleProgress | None) -> ModuleProgress:
            return mark_page(current or start_module(module_id), shown, pages)

        with self._visiting:
            # Applied to what is on disk, inside the store's transaction: another window of
            # the same learner cannot be overwritten.
            progress = self.store.update_module_progress(module_id, visit)
            self.reload()
        return progress

    # Every write a rule limits passes the rule to the store, which applies it again to the
    # record as saved, under the learner's lock: another window of the same learner (a second
    # browser tab, a second terminal) may have saved since this session read its copy. A
    # refusal comes back as `RuleRefusedError` (its `refused` says which rule); `self.record`
    # is then re-read, so the screens show what is saved.

    def begin_quiz(self, quiz_id: str) -> QuizAttempt:
        """The unfinished attempt to resume, else a new one (AttemptsExhausted when none left).

        An attempt started in another window meanwhile is resumed, not duplicated; the quiz's
        attempt limit counts every window's attempts.
        """
        quiz = self.course.quizzes[quiz_id]

        def may_start(saved: LearnerRecord) -> None:
            attempt_rules.ensure_can_start(quiz, saved.attempts_for(quiz_id))

        for _ in range(STALE_RETRIES):
            previous = self.record.attempts_for(quiz_id)
            for attempt in previous:
                if not attempt.finished:
                    return attempt
            attempt = attempt_rules.new_attempt(quiz, previous, lang=self.lang)
            try:
                self.store.start_attempt(attempt, rule=may_start)
            except RuleRefusedError as refusal:
                self.reload()
                if isinstance(refusal.refused, AttemptsExhausted):
                    raise refusal.refused from refusal
                continue  # started elsewhere (resume it) or numbered from an old copy (redo)
            self.reload()
            return attempt
        raise StoreError(f"{quiz_id}: other windows keep starting attempts; try again.")

    def answer(
        self, attempt_id: str, question_id: str, response: Response, hint_used: bool
    ) -> AnswerRecord:
        """Grade and save one answer; `RuleRefusedError` if another window answered it first
        (or finished the attempt): the answer seen with its verdict there is the one kept.

        A writing exercise that is reviewed (`sends_for_review`) is sent to the coordinators'
        queue in the same transaction: the draft they review is the draft that was graded.
        """
        attempt = self._attempt(attempt_id)
        quiz = self.course.quizzes[attempt.quiz_id]
        record = attempt_rules.answer_question(
            attempt, quiz, question_id, response, hint_used=hint_used
        )
        post = None
        question = quiz.text(attempt.language).question(question_id)
        if (
            self.data is not None
            and isinstance(question, PostExercise)
            and sends_for_review(question, quiz.post_rules)
        ):
            post = exercise_post(attempt, question, record)

        def may_answer(saved: LearnerRecord) -> None:
            attempt_rules.ensure_can_answer(_saved_attempt(saved, attempt_id), question_id)

        try:
            self.store.record_answer(attempt_id, record, rule=may_answer, post=post)
        finally:
            self.reload()
        return record

    def finish_quiz(self, attempt_id: str) -> QuizAttempt:
        """Score and close the attempt from its answers as saved (any window's)."""
        for _ in range(STALE_RETRIES):
            attempt = self._attempt(attempt_id)
            quiz = self.course.quizzes[attempt.quiz_id]
            result = attempt_rules.finish(attempt, quiz)

            def scored_as_saved(saved: LearnerRecord, scored: QuizAttempt = attempt) -> None:
                current = _saved_attempt(saved, attempt_id)
                if current.finished:
                    raise AttemptAlreadyFinished(f"{current.quiz_id}: attempt is finished")
                if current.answers != scored.answers:
                    raise RecordChanged(f"{current.quiz_id}: answers were added elsewhere")

            try:
                self.store.finish_attempt(
                    attempt_id,
                    finished_at=result.finished_at,
                    score=result.score,
                    max_score=result.max_score,
                    passed=result.passed,
                    rule=scored_as_saved,
                )
            except RuleRefusedError as refusal:
                self.reload()
                if isinstance(refusal.refused, RecordChanged):
                    continue  # score it again with the answers given in the other window
                raise
            self.reload()
            return self._attempt(attempt_id)
        raise StoreError("Other windows keep answering this quiz; try again.")

    def decide_policy(
        self,
        decision: Literal["accepted", "declined"],
        *,
        typed_name: str,
        scrolled_to_end: bool,
        box_checked: bool,
    ) -> PolicyDecision:
        """Record an acceptance or decline, keeping a snapshot of the exact text as evidence.

        Refused (`RuleRefusedError` carrying `RecordChanged`) when another window decided
        after this one showed the policy: the learner sees the decision that is saved.
        """
        policy = self.course.policy
        text = policy.text(self.lang)
        if self.data is not None:
            exact = (self.course.root / text.path).read_bytes()
            self.data.save_policy_snapshot(text.sha256, exact.decode("utf-8"))
        record = decide_policy(
            policy,
            self.record.profile,
            decision,
            lang=self.lang,
            scrolled_to_end=scrolled_to_end,
            box_checked=box_checked,
            typed_name=typed_name if decision == "accepted" else None,
        )
        seen = [d.record_hash for d in self.record.policy_decisions]

        def decided_on_what_was_shown(saved: LearnerRecord) -> None:
            if [d.record_hash for d in saved.policy_decisions] != seen:
                raise RecordChanged(f"{policy.id}: decided in another window meanwhile")
            if decision == "accepted":
                check = can_accept(scrolled_to_end, box_checked, typed_name, saved.profile.name)
                if check.reason is not None:
                    raise AcceptanceRefused(check.reason)

        try:
            saved = self.store.record_policy_decision(record, rule=decided_on_what_was_shown)
        finally:
            self.reload()
        return saved

    def _attempt(self, attempt_id: str) -> QuizAttempt:
        attempt = self.attempt(attempt_id)
        if attempt is None:
            raise StoreError(f"Quiz attempt {attempt_id} was not found in your record.")
        return attempt


def _saved_attempt(saved: LearnerRecord, attempt_id: str) -> QuizAttempt:
    for attempt in saved.attempts:
        if attempt.attempt_id == attempt_id:
            return attempt
    raise RecordChanged(f"quiz attempt {attempt_id} is not in the saved record")


def _body(policy_file_text: str) -> str:
    """The policy text without its YAML front matter (what the learner reads)."""
    if policy_file_text.startswith("---"):
        parts = policy_file_text.split("\n---", 1)
        if len(parts) == 2:
            return parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return policy_file_text


__all__ = ["AttemptsExhausted", "LearnerSession", "SignInDetails", "Step", "StepKind"]
