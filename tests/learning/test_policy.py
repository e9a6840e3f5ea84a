"""Accepting the policy, declining it, and accepting again when it changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.learning.course_factory import at, decided, learner, policy, sha256
from trainer.learning.errors import AcceptanceRefused
from trainer.learning.policy import (
    PolicyChange,
    can_accept,
    decide_policy,
    policy_changes,
    policy_paragraphs,
    policy_status,
)

POLICY = policy(version="1.0", bodies={"pl": "Publikuję rozważnie.", "en": "I post with care."})


def test_a_new_learner_has_not_decided() -> None:
    status = policy_status(POLICY, learner())
    assert (status.state, status.last_decision, status.must_decide) == ("not_decided", None, True)


def test_accepting_records_version_hash_language_and_name() -> None:
    record = decided(learner(), POLICY, lang="en", when=at(5))
    decision = record.policy_decisions[0]
    assert (decision.policy_id, decision.version, decision.language) == (
        "social-media",
        "1.0",
        "en",
    )
    assert decision.sha256 == sha256("I post with care.")
    assert (decision.typed_name, decision.decided_at, decision.learner_id) == (
        "Anna Nowak",
        at(5),
        "anna",
    )
    assert policy_status(POLICY, record).state == "accepted_current"


def test_a_decline_is_recorded_and_a_later_acceptance_counts() -> None:
    record = decided(learner(), POLICY, "declined", when=at(1))
    assert policy_status(POLICY, record).state == "declined"
    assert record.policy_decisions[0].typed_name is None
    record = decided(record, POLICY, when=at(2))
    assert policy_status(POLICY, record).state == "accepted_current"


def test_a_later_decline_withdraws_an_acceptance() -> None:
    record = decided(decided(learner(), POLICY, when=at(1)), POLICY, "declined", when=at(2))
    status = policy_status(POLICY, record)
    assert status.state == "declined"
    assert status.last_acceptance is not None and status.last_acceptance.decided_at == at(1)


def test_decisions_are_ordered_by_time_not_by_storage_order() -> None:
    record = decided(decided(learner(), POLICY, when=at(9)), POLICY, "declined", when=at(1))
    assert policy_status(POLICY, record).state == "accepted_current"


def test_a_new_version_requires_accepting_again() -> None:
    record = decided(learner(), POLICY)
    bumped = policy(version="1.1", bodies={"pl": "Publikuję rozważnie.", "en": "I post with care."})
    assert policy_status(bumped, record).state == "outdated"


def test_an_edited_text_with_the_same_version_requires_accepting_again() -> None:
    record = decided(learner(), POLICY, lang="pl")
    edited = policy(
        version="1.0", bodies={"pl": "Publikuję rozważnie i jawnie.", "en": "I post with care."}
    )
    status = policy_status(edited, record)
    assert status.state == "outdated"
    assert status.must_decide


def test_editing_another_translation_leaves_an_acceptance_current() -> None:
    record = decided(learner(), POLICY, lang="pl")
    edited_en = policy(
        version="1.0", bodies={"pl": "Publikuję rozważnie.", "en": "I post, carefully."}
    )
    assert policy_status(edited_en, record).state == "accepted_current"


def test_when_the_accepted_language_is_dropped_any_matching_current_text_counts() -> None:
    record = decided(learner(), POLICY, lang="en")
    polish_only = policy(version="1.0", bodies={"pl": "Publikuję rozważnie."})
    assert policy_status(polish_only, record).state == "outdated"
    english_moved = policy(version="1.0", bodies={"pl": "I post with care."})
    assert policy_status(english_moved, record).state == "accepted_current"


def test_decisions_on_other_policies_are_ignored() -> None:
    record = decided(learner(), policy("privacy"))
    assert policy_status(POLICY, record).state == "not_decided"


@pytest.mark.parametrize(
    ("scrolled", "checked", "typed", "reason"),
    [
        (False, True, "Anna Nowak", "not_scrolled"),
        (True, False, "Anna Nowak", "box_unchecked"),
        (True, True, "   ", "name_missing"),
        (True, True, "Anna Nowakowska", "name_mismatch"),
        (True, True, "Anna Nowak", None),
        (True, True, "  anna   NOWAK ", None),
    ],
)
def test_accept_is_allowed_only_after_scrolling_checking_and_typing_the_name(
    scrolled: bool, checked: bool, typed: str, reason: str | None
) -> None:
    check = can_accept(scrolled, checked, typed, "Anna Nowak")
    assert check.reason == reason
    assert bool(check) is (reason is None)


def test_the_name_may_be_typed_without_polish_letters_on_any_keyboard() -> None:
    assert can_accept(True, True, "lukasz zolkiewski", "Łukasz Żółkiewski").allowed
    assert can_accept(True, True, "ZOFIA ŻÓŁĆ", "Zofia Żółć").allowed
    assert can_accept(True, True, "Zofia Zolc", "Zofia Żółć").allowed
    # Only the diacritics may go: another letter is another name.
    assert can_accept(True, True, "Lukasz Zolkiewska", "Łukasz Żółkiewski").reason == (
        "name_mismatch"
    )


def test_the_recorded_acceptance_keeps_the_name_as_typed_without_polish_letters() -> None:
    profile = learner("Łukasz Żółkiewski").profile
    accepted = decide_policy(
        POLICY,
        profile,
        "accepted",
        lang="pl",
        scrolled_to_end=True,
        box_checked=True,
        typed_name="lukasz zolkiewski",
    )
    assert accepted.decision == "accepted"
    assert accepted.typed_name == "lukasz zolkiewski"
    with pytest.raises(AcceptanceRefused) as refused:
        decide_policy(
            POLICY,
            profile,
            "accepted",
            lang="pl",
            scrolled_to_end=True,
            box_checked=True,
            typed_name="lukasz kowalski",
        )
    assert refused.value.reason == "name_mismatch"


def test_an_acceptance_without_the_conditions_is_refused_but_a_decline_is_not() -> None:
    profile = learner().profile
    with pytest.raises(AcceptanceRefused) as refused:
        decide_policy(
            POLICY,
            profile,
            "accepted",
            lang="pl",
            scrolled_to_end=False,
            box_checked=True,
            typed_name="Anna Nowak",
        )
    assert refused.value.reason == "not_scrolled"
    decline = decide_policy(
        POLICY, profile, "declined", lang="pl", scrolled_to_end=False, box_checked=False
    )
    assert decline.decision == "declined"


OLD = """# Zasady

Publikuję rozważnie.

- Oznaczam współpracę.
- Nie ujawniam tajemnic.

Pytania kieruję do koordynatora."""

NEW = """# Zasady

Publikuję rozważnie.

- Oznaczam współpracę hashtagiem #ambasador.
- Nie ujawniam tajemnic.
- Nie komentuję wyników finansowych.

Pytania kieruję do koordynatora."""


def test_what_changed_lists_removed_and_added_paragraphs_and_list_items() -> None:
    assert policy_changes(OLD, NEW) == [
        PolicyChange("removed", "- Oznaczam współpracę."),
        PolicyChange("added", "- Oznaczam współpracę hashtagiem #ambasador."),
        PolicyChange("added", "- Nie komentuję wyników finansowych."),
    ]


def test_rewrapping_a_paragraph_is_not_a_change() -> None:
    assert policy_changes("One two\nthree.", "One   two three.") == []
    assert policy_changes(OLD, OLD.replace("\n", "\r\n")) == []


def test_paragraphs_split_at_blank_lines_headings_and_list_items() -> None:
    assert policy_paragraphs("# T\ntext\nmore\n\n1. a\n2. b") == [
        "# T",
        "text more",
        "1. a",
        "2. b",
    ]


paragraph = st.text(alphabet="abcźż .", min_size=1, max_size=12).filter(lambda p: p.strip())


@given(st.lists(paragraph, max_size=6), st.lists(paragraph, max_size=6))
def test_changes_only_remove_old_paragraphs_and_add_new_ones(
    old: list[str], new: list[str]
) -> None:
    old_text, new_text = "\n\n".join(old), "\n\n".join(new)
    changes = policy_changes(old_text, new_text)
    assert all(c.text in policy_paragraphs(old_text) for c in changes if c.kind == "removed")
    assert all(c.text in policy_paragraphs(new_text) for c in changes if c.kind == "added")
    assert policy_changes(new_text, new_text) == []
