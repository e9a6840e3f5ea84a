"""An ambassador's studio posts, saved in their learner record through the store."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import uuid
from pathlib import Path

from trainer.learning.records import StudioPost, utc_now
from trainer.posts.checker import check_post
from trainer.posts.findings import PostCheck
from trainer.posts.links import EMAIL, ambassador_ref
from trainer.posts.networks import Network
from trainer.posts.rules import PostLanguage, PostRules
from trainer.store.atomic import make_private_folder
from trainer.store.errors import StoreError
from trainer.store.learner import LearnerStore
from trainer.studio.drafts import findings_record

SECRET_FILE = "studio-secret"
MAX_URL = 2000


def studio_secret(data_root: Path) -> bytes:
    """The data folder's key for pseudonymous ambassador ids (made on first use).

    Several processes may ask at once (one per browser tab): the key is written to a temporary
    file and hard-linked into place, which fails if another process got there first, so every
    process ends up with the same key.
    """
    path = data_root / SECRET_FILE
    if not path.exists():
        make_private_folder(data_root)
        temporary = data_root / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_bytes(32).hex())
                handle.flush()
                os.fsync(handle.fileno())
            os.link(temporary, path)
        except FileExistsError:
            pass
        except OSError as error:
            raise StoreError(f"The studio key {path} cannot be created ({error}).") from error
        finally:
            temporary.unlink(missing_ok=True)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as error:
        raise StoreError(f"The studio key {path} cannot be read ({error}).") from error


def pseudonym(learner_id: str, data_root: Path) -> str:
    return ambassador_ref(learner_id, studio_secret(data_root))


class AmbassadorPosts:
    """One ambassador's posts: every change goes through `LearnerStore` (one transaction)."""

    def __init__(self, store: LearnerStore, rules: PostRules) -> None:
        self.store = store
        self.rules = rules

    def check(self, post: StudioPost) -> PostCheck:
        return check_post(post.draft, post.network, _lang(post.language), self.rules)

    def new(
        self,
        *,
        source: str,
        network: Network,
        language: str,
        draft: str,
        template_id: str | None = None,
        quiz_id: str | None = None,
        question_id: str | None = None,
    ) -> StudioPost:
        """A post not yet saved (the writing screen saves it on the first action)."""
        draft = draft[: self.rules.max_draft_characters]
        post = StudioPost(
            post_id=uuid.uuid4().hex,
            source=source,
            template_id=template_id,
            quiz_id=quiz_id,
            question_id=question_id,
            network=network,
            language=language,
            draft=draft,
        )
        return post.model_copy(update={"findings": findings_record(self.check(post))})

    def save(self, post: StudioPost, draft: str, network: Network | None = None) -> StudioPost:
        """Store the draft with the findings the ambassador saw for it."""
        updated = post.model_copy(
            update={
                "draft": draft[: self.rules.max_draft_characters],
                "network": network or post.network,
                "updated_at": utc_now(),
            }
        )
        updated = updated.model_copy(update={"findings": findings_record(self.check(updated))})
        return self.store.save_post(updated)

    def submit(self, post: StudioPost, draft: str) -> StudioPost:
        """Save and send to the coordinators' review queue."""
        saved = self.save(post, draft)
        return self.store.save_post(saved.model_copy(update={"submitted_at": utc_now()}))

    def mark_posted(self, post: StudioPost, draft: str, url: str | None) -> StudioPost:
        """ "I posted it", with the address of the published post if they give one."""
        cleaned = (url or "").strip() or None
        if cleaned is not None:
            if len(cleaned) > MAX_URL or not cleaned.lower().startswith(("https://", "http://")):
                raise ValueError("the address must start with https:// or http://")
            if EMAIL.search(cleaned):
                raise ValueError("the address must not contain an e-mail address")
        saved = self.save(post, draft)
        return self.store.save_post(
            saved.model_copy(update={"posted_at": utc_now(), "posted_url": cleaned})
        )

    def unseen_verdicts(self) -> list[StudioPost]:
        """Posts with a coordinator's decision the ambassador has not been shown yet."""
        return [
            p
            for p in self.store.read().posts
            if p.verdict is not None
            and (p.verdict_seen_at is None or p.verdict_seen_at < p.verdict.decided_at)
        ]

    def mark_seen(self, posts: list[StudioPost], when: dt.datetime | None = None) -> None:
        seen = when or utc_now()
        for post in posts:
            current = self.store.read().post(post.post_id)
            if current is not None:
                self.store.save_post(current.model_copy(update={"verdict_seen_at": seen}))


def _lang(language: str) -> PostLanguage | None:
    if language == "pl":
        return "pl"
    return "en" if language == "en" else None
