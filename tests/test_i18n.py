"""Interface text comes from gettext catalogues; plurals, numbers and dates follow the language."""

from __future__ import annotations

import datetime as dt
import time
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from trainer.i18n import Translator, available_languages
from trainer.i18n.catalogues import problems
from trainer.tui.coordinator.strings import CoordinatorText
from trainer.tui.i18n import Translator as LearnerText


def test_catalogues_are_in_step_with_the_code() -> None:
    # Every message the code marks is in the template and translated into Polish, and the
    # compiled .mo files are what their .po files say.
    assert problems() == []


def test_a_new_language_is_picked_up_from_its_catalogue_alone(tmp_path: Path) -> None:
    catalog = Catalog(locale="de", domain="trainer")
    catalog.add("Choose one answer.", "Wähle eine Antwort.")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "trainer.mo").open("wb") as handle:
        write_mo(handle, catalog)

    assert available_languages(tmp_path) == ("en", "de")
    german = Translator("de", {"quiz.single": "Choose one answer."}, locale_dir=tmp_path)
    assert german("quiz.single") == "Wähle eine Antwort."
    assert german("Not translated yet.") == "Not translated yet."  # English until translated


def test_polish_is_offered_because_its_catalogue_exists() -> None:
    assert "pl" in available_languages()


def test_learner_keys_and_key_descriptions_are_translated() -> None:
    polish, english = LearnerText("pl"), LearnerText("en")
    assert polish("quiz.single") == "Wybierz jedną odpowiedź."
    assert english("quiz.single") == "Choose one answer."
    assert polish("quiz.question", n=2, total=5) == "Pytanie 2 z 5"
    assert polish.binding("next") == "dalej"
    assert english.binding("next") == "next"


def test_one_english_word_with_two_polish_translations_keeps_both() -> None:
    polish = CoordinatorText("pl")
    assert polish("funnel.started") == "rozpoczęli"
    assert polish("status.started") == "rozpoczęte"
    assert CoordinatorText("en")("status.started") == "started"


def test_polish_plural_forms_follow_the_catalogue() -> None:
    polish = Translator("pl")
    forms = polish.catalogue
    # 1 pytanie, 2-4 pytania, 5-21 pytań, 22-24 pytania, 12-14 pytań
    assert [forms.plural(n) for n in (1, 2, 4, 5, 12, 14, 21, 22, 25, 112)] == [  # type: ignore[attr-defined]
        0, 1, 1, 2, 2, 2, 2, 1, 2, 2,
    ]  # fmt: skip


def test_numbers_use_the_decimal_comma_in_polish() -> None:
    assert Translator("pl").number(Fraction(2, 3)) == "0,67"
    assert Translator("en").number(Fraction(2, 3)) == "0.67"
    assert Translator("pl").number(2.0) == "2"
    assert Translator("pl").number(1234.5) == "1\xa0234,5"


def test_dates_are_written_in_the_readers_language_and_local_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time.tzset()
    try:
        moment = dt.datetime(2026, 11, 30, 0, 31, tzinfo=dt.UTC)  # 01:31 in Warsaw
        assert Translator("pl").datetime(moment) == "30 listopada 2026, 01:31"
        assert Translator("en").datetime(moment) == "November 30, 2026, 01:31"
        assert Translator("pl").date(dt.date(2026, 3, 1)) == "1 marca 2026"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
