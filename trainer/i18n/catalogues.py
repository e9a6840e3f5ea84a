"""Keeping the message catalogues in step with the code (Babel): extract, init, update, compile.

    python -m trainer.i18n.catalogues extract    # trainer/locale/trainer.pot from the code
    python -m trainer.i18n.catalogues update     # merge it into every <lang>/LC_MESSAGES/trainer.po
    python -m trainer.i18n.catalogues init de    # start a new language from the template
    python -m trainer.i18n.catalogues compile    # .po -> .mo (what the app reads)
    python -m trainer.i18n.catalogues check      # exit 1 if anything is out of step

Messages are found in calls of `t(...)`, `N_(...)`, `P_(context, ...)` and
`plural(singular, plural, n)` under trainer/. Symbolic keys (`"quiz.single"`) are not messages:
their English text is marked with `N_` in the key tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.i18n import DOMAIN, LOCALE_DIR

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS: dict[str, Any] = {
    "t": None,
    "N_": None,
    "P_": ((1, "c"), 2),
    "plural": (1, 2),
}
_SYMBOLIC_KEY = re.compile(r"^[a-z][a-z_]*(\.[a-z_ ]+)+$")
_FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # stable headers: no churn in diffs


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    """Every message the code marks for translation, with the files it appears in."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(
        domain=DOMAIN,
        project="ambassador-trainer",
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        msgid_bugs_address="",
        copyright_holder="ambassador-trainer developers",
        charset="utf-8",
    )
    # `t(f"status.{state}")` looks up a symbolic key, not a message: Babel's warning about
    # f-strings is about those and is silenced.
    messages = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(messages)
    for filename, line, message, comments, context in found:
        first = message[0] if isinstance(message, tuple) else message
        if not first or _SYMBOLIC_KEY.match(first):
            continue
        location = (f"trainer/{Path(filename).as_posix()}", line)  # written without the line
        existing = catalog.get(message, context)
        if existing is not None:
            if location not in existing.locations:
                existing.locations.append(location)
            continue
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _write_po(path: Path, catalog: Catalog) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, sort_output=True, include_lineno=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def _read_po(path: Path, lang: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _mo_bytes(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def write_template() -> Catalog:
    template = extract()
    _write_po(TEMPLATE, template)
    return template


def init(lang: str) -> Path:
    from babel.messages.catalog import Catalog

    path = _po_path(lang)
    if path.exists():
        raise SystemExit(f"{path} exists; use `update`.")
    template = _read_po(TEMPLATE)
    catalog = Catalog(locale=lang, domain=DOMAIN, creation_date=_FIXED_DATE, charset="utf-8")
    catalog.update(template)
    catalog.fuzzy = False  # a fuzzy header is left out of the .mo, and plural rules with it
    _write_po(path, catalog)
    return path


def update() -> None:
    template = _read_po(TEMPLATE)
    for lang in languages():
        catalog = _read_po(_po_path(lang), lang)
        catalog.update(template, update_header_comment=False)
        catalog.obsolete.clear()  # git keeps the history; obsolete entries only confuse
        _write_po(_po_path(lang), catalog)


def compile_all() -> None:
    for lang in languages():
        catalog = _read_po(_po_path(lang), lang)
        mo = _po_path(lang).with_suffix(".mo")
        data = _mo_bytes(catalog)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)


def problems() -> list[str]:
    """What is out of step: messages missing from a catalogue, untranslated, stale `.mo`."""
    found: list[str] = []
    template = extract()
    wanted = {(m.id, m.context) for m in template if m.id}
    if TEMPLATE.exists():
        stored = {(m.id, m.context) for m in _read_po(TEMPLATE) if m.id}
        if stored != wanted:
            found.append(f"{TEMPLATE.name} is out of date: run `extract`")
    for lang in languages():
        path = _po_path(lang)
        catalog = _read_po(path, lang)
        have = {(m.id, m.context): m for m in catalog if m.id}
        for key in sorted(wanted - set(have), key=str):
            found.append(f"{path}: missing {key[0]!r}: run `update`, then translate")
        for key, message in sorted(have.items(), key=lambda item: str(item[0])):
            if key not in wanted:
                found.append(f"{path}: {key[0]!r} is no longer used: run `update`")
            elif not _translated(message.string) or message.fuzzy:
                found.append(f"{path}: {key[0]!r} is not translated (or fuzzy)")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(f"{mo} does not match its .po: run `compile`")
    return found


def _translated(string: str | Iterable[str] | None) -> bool:
    if isinstance(string, str):
        return bool(string)
    return bool(string) and all(string)  # type: ignore[arg-type]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"extract", "update", "init", "compile", "check"}:
        print(__doc__)
        return 2
    command = argv[0]
    if command == "extract":
        print(f"{len(write_template())} messages in {TEMPLATE}")
    elif command == "update":
        update()
    elif command == "init":
        if len(argv) != 2:
            print("usage: init LANG")
            return 2
        print(f"created {init(argv[1])}")
    elif command == "compile":
        compile_all()
    else:
        issues = problems()
        for line in issues:
            print(line)
        return 1 if issues else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
