"""One learner's file: every change is one locked, atomic, durable transaction.

A transaction takes the learner's lock, reads the whole file, runs TinyDB on an in-memory
`TransactionStorage`, and writes the result with `write_atomically`. The method returns only
after the new version is on disk. No TinyDB object outlives its transaction, so a process never
works from a stale copy, and reads need no lock because the file is always a whole version.

The transaction API, for code that adds a write (a completion event, an outbox entry):

- `with store.transaction(rule) as db:` changes tables of `db`; they are saved together, in
  one atomic replace, when the block ends without an exception; an exception saves nothing.
- `db.storage.after_save` (a list of callables) runs after the new version is on disk, still
  under the lock; the acceptance ledger (`trainer.store.ledger`) is appended there.
- `rule` (a `RecordRule`) is a learning rule re-applied to the record *as saved*, read under
  the lock before the block runs. It raises a `LearningRuleError` to refuse the write; the
  store raises `RuleRefusedError` (carrying it) and saves nothing. Sessions work from copies
  read earlier (two browser tabs, two terminals), so a rule checked only on such a copy can be
  broken; checked here it cannot.
- Just before the new version replaces the file, the transaction checks that the file is the
  inode it read, holding an flock on that inode around the check and the rename. If not (only
  possible when someone deleted lock files under running programs), `ChangedSinceReadError` is
  raised and nothing is saved; the write methods below then run the whole transaction again
  from the new content.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

try:
    import fcntl
except ImportError:  # Windows: no flock; lock files are not deleted under running programs there
    fcntl = None  # type: ignore[assignment]

from pydantic import TypeAdapter
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from trainer.learning.errors import (
    AttemptAlreadyFinished,
    AttemptInProgress,
    LearningRuleError,
    QuestionAlreadyAnswered,
    RecordChanged,
)
from trainer.learning.exercise_review import submission_problem
from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    Position,
    PostReview,
    QuizAttempt,
    StudioPost,
    UtcTime,
)
from trainer.store import chain, ledger
from trainer.store.atomic import write_atomically
from trainer.store.errors import (
    ChangedSinceReadError,
    RuleRefusedError,
    StoreError,
    UnknownLearnerError,
)
from trainer.store.learner_file import (
    build_record,
    check_owner,
    encode_tables,
    parse_tables,
    read_record,
)
from trainer.store.locking import exclusive
from trainer.store.schema import (
    ANSWERS,
    ATTEMPTS,
    MODULES,
    POLICY,
    POSITION,
    POSTS,
    PROFILE,
    Tables,
    meta_document,
    new_file_id,
    ordered,
)

if TYPE_CHECKING:
    from trainer.store.folder import DataFolder

RecordRule = Callable[[LearnerRecord], None]
"""A learning rule re-applied to the record as saved; raises a `LearningRuleError` to refuse."""

T = TypeVar("T")
# How often a transaction is started again after its lock was lost (see `ChangedSinceReadError`).
LOCK_LOSS_RETRIES = 20


class TransactionStorage(Storage):
    """A TinyDB storage holding one transaction's tables in memory; the caller commits them."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.changed = False
        # Run after the new version is on disk, still under the learner's lock, in order
        # (the acceptance ledger is appended there, so its order is each chain's order).
        self.after_save: list[Callable[[], None]] = []

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.changed = True


class LearnerStore:
    """Reads and saves one learner's record. Obtain it from `DataFolder.learner`."""

    def __init__(self, folder: DataFolder, learner_id: str) -> None:
        self.folder = folder
        self.learner_id = learner_id
        self.path: Path = folder.learner_path(learner_id)
        self.lock_path: Path = folder.learner_lock_path(learner_id)

    def __repr__(self) -> str:
        return f"LearnerStore({self.path})"

    def read(self) -> LearnerRecord:
        """The whole record as saved by the last finished transaction (no lock needed)."""
        return read_record(self.path, self.learner_id)

    @contextmanager
    def transaction(self, rule: RecordRule | None = None) -> Iterator[TinyDB]:
        """A TinyDB over this learner's file; its changes are saved when the block ends cleanly.

        `rule` is applied first to the record as saved (see the module's docstring).
        """
        with (
            exclusive(self.lock_path, f"the progress of {self.learner_id!r}"),
            self._open_for_reading() as handle,
        ):
            read_from = os.fstat(handle.fileno())
            try:
                data = handle.read()
            except OSError as error:
                raise StoreError(
                    f"Could not read {self.path} ({error.strerror or error})."
                ) from error
            tables = parse_tables(data, self.path)
            check_owner(tables, self.path, self.learner_id)
            if rule is not None:
                apply_rule(rule, build_record(tables, self.path))
            storage = TransactionStorage(tables)
            yield TinyDB(storage=lambda: storage)
            if storage.changed:
                if self.folder.outbox is not None:  # forwarding: the step's statements too
                    self.folder.outbox(self.learner_id, self.path, storage.tables)
                write_atomically(
                    self.path,
                    encode_tables(storage.tables),
                    replacing=self._still_the_file_read(handle, read_from),
                )
                for action in storage.after_save:
                    action()

    def _open_for_reading(self) -> BinaryIO:
        try:
            return open(self.path, "rb")
        except FileNotFoundError:
            raise UnknownLearnerError(
                f"There is no learner {self.learner_id!r} in this data folder."
            ) from None
        except OSError as error:
            raise StoreError(f"Could not read {self.path} ({error.strerror or error}).") from error

    @contextmanager
    def _still_the_file_read(self, handle: BinaryIO, read_from: os.stat_result) -> Iterator[None]:
        """Held around the rename: refuse if the file is no longer the inode this transaction read.

        Every writer of this learner holds an flock on the inode it read while it checks and
        renames, so two programs that both believe they hold the learner's lock (its lock file
        was deleted) cannot both pass the check before either renames.
        """
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released when the handle is closed
        try:
            now = os.stat(self.path)
        except OSError:
            now = None
        if now is None or (now.st_dev, now.st_ino) != (read_from.st_dev, read_from.st_ino):
            raise ChangedSinceReadError(
                f"{self.path.name} was replaced by another program while this one held its "
                "lock (was its lock file deleted?); nothing was saved."
            )
        yield

    def _run(self, change: Callable[[TinyDB], T], rule: RecordRule | None = None) -> T:
        """One transaction applying `change`, started again if its lock was lost."""
        for _ in range(LOCK_LOSS_RETRIES):
            try:
                with self.transaction(rule) as db:
                    return change(db)
            except ChangedSinceReadError:
                continue
        raise StoreError(
            f"{self.path.name} kept being replaced by other programs while this one saved "
            "(lock files are being deleted?); nothing was saved. Try again."
        )

    def update_profile(self, profile: LearnerProfile) -> None:
        """Replace the profile; a changed e-mail address must stay unique in the folder."""
        if profile.learner_id != self.learner_id:
            raise StoreError(
                f"The profile belongs to {profile.learner_id!r}, not to {self.learner_id!r}."
            )
        self.folder.change_profile(self, profile)

    def _write_profile(self, profile: LearnerProfile) -> str | None:
        """Save `profile` (caller holds the folder lock); return the e-mail it replaced."""

        def change(db: TinyDB) -> str | None:
            table = db.table(PROFILE)
            old = table.all()
            table.truncate()
            table.insert(profile.model_dump(mode="json"))
            return str(old[-1]["email"]) if old else None

        return self._run(change)

    def save_module_progress(self, progress: ModuleProgress) -> None:
        """Insert or replace the progress document of `progress.module_id`."""
        document = progress.model_dump(mode="json")
        self._run(
            lambda db: db.table(MODULES).upsert(document, Query().module_id == progress.module_id)
        )

    def update_module_progress(
        self, module_id: str, change: Callable[[ModuleProgress | None], ModuleProgress]
    ) -> ModuleProgress:
        """Read, change and save one module's progress in a single transaction.

        Two windows of the same learner (two browser tabs) each apply their change to what the
        other saved, so neither overwrites the other's pages.
        """

        def apply(db: TinyDB) -> ModuleProgress:
            table = db.table(MODULES)
            found = table.search(Query().module_id == module_id)
            current = ModuleProgress.model_validate(found[-1]) if found else None
            updated = change(current)
            table.upsert(updated.model_dump(mode="json"), Query().module_id == module_id)
            return updated

        return self._run(apply)

    def save_position(self, position: Position) -> None:
        def change(db: TinyDB) -> None:
            table = db.table(POSITION)
            table.truncate()
            table.insert(position.model_dump(mode="json"))

        self._run(change)

    def start_attempt(self, attempt: QuizAttempt, rule: RecordRule | None = None) -> None:
        """Append a new attempt; its answers (normally none yet) go to the answers table.

        Always refused (`RuleRefusedError`): a second unfinished attempt of the same quiz, and
        an attempt numbered from an out-of-date record. `rule` adds the course's own limits.
        """

        def change(db: TinyDB) -> None:
            attempts = db.table(ATTEMPTS)
            if attempts.contains(Query().attempt_id == attempt.attempt_id):
                raise StoreError(f"Quiz attempt {attempt.attempt_id} was already started.")
            same_quiz = attempts.search(Query().quiz_id == attempt.quiz_id)
            if any(doc.get("finished_at") is None for doc in same_quiz):
                raise RuleRefusedError(
                    AttemptInProgress(f"{attempt.quiz_id}: an attempt is still in progress")
                )
            numbers = [doc.get("number") for doc in same_quiz]
            expected = max((n for n in numbers if isinstance(n, int)), default=0) + 1
            if attempt.number != expected:
                raise RuleRefusedError(
                    RecordChanged(
                        f"{attempt.quiz_id}: attempt {attempt.number} was worked out from an "
                        f"out-of-date record (the next attempt is number {expected})"
                    )
                )
            attempts.insert(attempt.model_dump(mode="json", exclude={"answers"}))
            answers = db.table(ANSWERS)
            for answer in attempt.answers:
                answers.insert(_answer_document(attempt.attempt_id, answer))

        self._run(change, rule)

    def record_answer(
        self,
        attempt_id: str,
        answer: AnswerRecord,
        rule: RecordRule | None = None,
        post: StudioPost | None = None,
    ) -> None:
        """Append one answer to an unfinished attempt (one transaction per answer).

        A question of the attempt that already has an answer is always refused
        (`RuleRefusedError` carrying `QuestionAlreadyAnswered`): feedback follows each answer.
        `post`, a writing exercise's review item (`trainer.learning.exercise_review`), is saved
        in the same transaction and must carry exactly the answer's draft and findings.
        """

        def change(db: TinyDB) -> None:
            attempt = self._open_attempt(db, attempt_id)
            answers = db.table(ANSWERS)
            query = Query()
            if answers.contains(
                (query.attempt_id == attempt_id) & (query.question_id == answer.question_id)
            ):
                raise RuleRefusedError(
                    QuestionAlreadyAnswered(f"{answer.question_id} is already answered")
                )
            answers.insert(_answer_document(attempt_id, answer))
            if post is not None:
                problem = submission_problem(attempt_id, str(attempt["quiz_id"]), answer, post)
                if problem is not None:
                    raise StoreError(f"{answer.question_id}: {problem}; nothing was saved.")
                posts = db.table(POSTS)
                if not posts.contains(Query().post_id == post.post_id):
                    posts.insert(post.model_dump(mode="json"))

        self._run(change, rule)

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
        """Close an attempt with its result; a finished attempt is never changed again."""
        if finished_at.tzinfo is None:
            raise StoreError("finished_at must carry a UTC offset.")

        def change(db: TinyDB) -> None:
            self._open_attempt(db, attempt_id)
            db.table(ATTEMPTS).update(
                {
                    "finished_at": _json_time(finished_at),
                    "score": score,
                    "max_score": max_score,
                    "passed": passed,
                },
                Query().attempt_id == attempt_id,
            )

        self._run(change, rule)

    def record_policy_decision(
        self, decision: PolicyDecision, rule: RecordRule | None = None
    ) -> PolicyDecision:
        """Append an acceptance or decline to the learner's hash chain; return it sealed."""
        if decision.learner_id != self.learner_id:
            raise StoreError(
                f"The decision belongs to {decision.learner_id!r}, not to {self.learner_id!r}."
            )

        def change(db: TinyDB) -> dict[str, Any]:
            previous = ordered(_tables(db)[POLICY])
            meta = meta_document(_tables(db))
            if not previous and not isinstance(meta.get("file_id"), str):
                meta["file_id"] = new_file_id()  # a file made before files had an id
            file_id = meta.get("file_id") if isinstance(meta.get("file_id"), str) else None
            if previous:
                prev_hash = str(previous[-1].get("record_hash"))
            else:
                prev_hash = chain.genesis_hash(self.learner_id, file_id)
            document = chain.seal(decision.model_dump(mode="json"), prev_hash)
            db.table(POLICY).insert(document)
            tables = _tables(db)
            meta = meta_document(tables)
            meta["policy_chain_length"] = len(previous) + 1
            meta["policy_chain_head"] = document["record_hash"]
            db.storage.write(tables)
            storage = db.storage
            assert isinstance(storage, TransactionStorage)
            storage.after_save.append(
                lambda: ledger.append_decision(
                    self.folder.root,
                    self.learner_id,
                    file_id,
                    len(previous) + 1,
                    str(document["record_hash"]),
                )
            )
            return document

        return PolicyDecision.model_validate(self._run(change, rule))

    def save_post(self, post: StudioPost) -> StudioPost:
        """Insert or replace a studio post, keeping the review decisions already on disk.

        Reviews are written only by `review_post`: an ambassador's window that read the post
        before a coordinator decided cannot drop the decision by saving. A writing exercise's
        post is written only with its answer (`record_answer`); here only the moment its
        verdict was seen may change, since its draft is what was graded.
        """
        with self.transaction() as db:
            table = db.table(POSTS)
            found = table.get(Query().post_id == post.post_id)
            if found is None and post.source == "exercise":
                raise StoreError(
                    f"Post {post.post_id}: an exercise's draft is saved with its answer only."
                )
            if found is not None:
                stored = StudioPost.model_validate(found)
                post = post.model_copy(update={"reviews": stored.reviews})
                if (
                    stored.source == "exercise"
                    and post.model_copy(update={"verdict_seen_at": stored.verdict_seen_at})
                    != stored
                ):
                    raise StoreError(
                        f"Post {post.post_id} is a writing exercise's graded answer: "
                        "it cannot be changed."
                    )
            table.upsert(post.model_dump(mode="json"), Query().post_id == post.post_id)
        return post

    def review_post(self, post_id: str, review: PostReview) -> StudioPost:
        """Append a coordinator's decision to a submitted post (the history is kept)."""
        with self.transaction() as db:
            table = db.table(POSTS)
            found = table.get(Query().post_id == post_id)
            if found is None:
                raise StoreError(f"There is no post {post_id} in {self.learner_id!r}'s record.")
            post = StudioPost.model_validate(found)
            if post.submitted_at is None:
                raise StoreError(f"Post {post_id} was never submitted for review.")
            updated = post.model_copy(update={"reviews": [*post.reviews, review]})
            table.upsert(updated.model_dump(mode="json"), Query().post_id == post_id)
        return updated

    @staticmethod
    def _open_attempt(db: TinyDB, attempt_id: str) -> dict[str, Any]:
        found = db.table(ATTEMPTS).get(Query().attempt_id == attempt_id)
        if found is None:
            raise StoreError(f"There is no quiz attempt {attempt_id} to record into.")
        if found.get("finished_at") is not None:
            raise RuleRefusedError(
                AttemptAlreadyFinished(f"Quiz attempt {attempt_id} is already finished")
            )
        return dict(found)


def apply_rule(rule: RecordRule, saved: LearnerRecord) -> None:
    """Run `rule` on the record as saved; its refusal becomes a `RuleRefusedError`."""
    try:
        rule(saved)
    except LearningRuleError as refused:
        raise RuleRefusedError(refused) from refused


def _tables(db: TinyDB) -> Tables:
    storage = db.storage
    assert isinstance(storage, TransactionStorage)
    return storage.tables


def _answer_document(attempt_id: str, answer: AnswerRecord) -> dict[str, Any]:
    return {"attempt_id": attempt_id, **answer.model_dump(mode="json")}


_UTC_TIME: TypeAdapter[dt.datetime] = TypeAdapter(UtcTime)


def _json_time(value: dt.datetime) -> Any:
    """The same JSON form pydantic gives the record models' times."""
    return _UTC_TIME.dump_python(_UTC_TIME.validate_python(value), mode="json")
