"""Interface text, plural forms, numbers and dates in the reader's language.

Messages live in gettext catalogues (`trainer/locale/<lang>/LC_MESSAGES/trainer.po`, compiled to
`.mo`), with English text as the message ids in code. Adding a language needs no code change:
`python -m trainer.i18n.catalogues init de`, translate the `.po`, `compile`
(docs/translating.md). Plural rules come from the catalogue's `Plural-Forms` header (written by
Babel); numbers and dates are formatted by Babel, imported only when first needed.

Plain Python: the CLI, reports, e-mails and the post checker use it as well as the TUI.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Final

LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
DOMAIN: Final = "trainer"
SOURCE_LANGUAGE: Final = "en"

Message = str | tuple[str, str]
"""A message id, or (context, message id) where one English word needs two translations."""


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later (tables, bindings)."""
    return message


def P_(context: str, message: str) -> tuple[str, str]:
    """Like `N_`, with a gettext context: the same English, translated differently."""
    return (context, message)


def available_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """English (the source) and every language with a compiled catalogue, in a stable order."""
    found = sorted(
        path.parent.parent.name
        for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        if path.parent.parent.name != SOURCE_LANGUAGE
    )
    return (SOURCE_LANGUAGE, *found)


@lru_cache(maxsize=16)
def _catalogue(lang: str, locale_dir: Path) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, locale_dir, languages=[lang], fallback=True)


class Translator:
    """Looks up interface text in one language; untranslated text stays English.

    `keys` maps the older symbolic keys (`"quiz.single"`) to their English message; text that is
    not a key is itself the English message (`t("Choose one answer.")`).
    """

    def __init__(
        self,
        lang: str,
        keys: Mapping[str, Message] | None = None,
        *,
        locale_dir: Path = LOCALE_DIR,
    ) -> None:
        self.lang = lang
        self.keys: Mapping[str, Message] = keys or {}
        self.catalogue = _catalogue(lang, locale_dir)

    def text(self, message: Message) -> str:
        if isinstance(message, tuple):
            return self.catalogue.pgettext(*message)
        return self.catalogue.gettext(message)

    def __call__(self, message: str, /, **values: object) -> str:
        text = self.text(self.keys.get(message, message))
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form for `count` (Polish has three: 1 pytanie, 4 pytania, 5 pytań)."""
        text = self.catalogue.ngettext(singular, plural, count)
        return text.format(**values) if values else text

    # -- numbers and dates (Babel) ------------------------------------------------------------

    def number(self, value: float | Fraction | Decimal | int, digits: int = 2) -> str:
        """At most `digits` decimals, no trailing zeros: `0,67` in Polish, `0.67` in English."""
        from babel.numbers import format_decimal

        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        pattern = "#,##0." + "#" * digits if digits else "#,##0"
        return str(format_decimal(value, format=pattern, locale=self.babel_locale))

    def percent(self, value: float | Fraction, digits: int = 0) -> str:
        """`67%` in English, `67%` in Polish too (Babel's CLDR data decides the spacing)."""
        from babel.numbers import format_percent

        pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
        return str(format_percent(float(value), format=pattern, locale=self.babel_locale))

    def date(self, value: dt.date | dt.datetime) -> str:
        """`30 listopada 2026` / `30 November 2026`, in the local time zone for times."""
        from babel.dates import format_date

        if isinstance(value, dt.datetime):
            value = _local(value).date()
        return str(format_date(value, format="long", locale=self.babel_locale))

    def datetime(self, value: dt.datetime) -> str:
        """`30 listopada 2026, 01:31` / `30 November 2026, 01:31`, local time."""
        from babel.dates import format_time

        local = _local(value)
        clock = format_time(local, format="HH:mm", locale=self.babel_locale)
        return f"{self.date(local)}, {clock}"

    def language_name(self, code: str) -> str:
        """A language's name in this language (`pl` in Polish: `polski`; in English: `Polish`)."""
        from babel import Locale, UnknownLocaleError

        try:
            names = Locale.parse(self.babel_locale).languages
        except (UnknownLocaleError, ValueError):
            return code
        return str(names.get(code.replace("-", "_"), code))

    @property
    def babel_locale(self) -> str:
        return self.lang.replace("-", "_")


def _local(value: dt.datetime) -> dt.datetime:
    """The machine's local time; a naive time is taken as UTC, as the store writes them."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone()
