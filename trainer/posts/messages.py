"""The checker's messages and suggested fixes, in English and Polish, keyed by rule code.

Findings carry a code and parameters; the text is rendered in the reader's language only
when shown, so one check serves a Polish ambassador writing an English post.
Numbers are written after a colon ("hashtagi: 34") so no sentence depends on a plural form.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class RuleText(NamedTuple):
    message: str
    fix: str


MESSAGES: dict[str, dict[str, RuleText]] = {
    "empty-post": {
        "en": RuleText("The post is empty.", "Write the post, or start from a hub template."),
        "pl": RuleText("Post jest pusty.", "Napisz post albo zacznij od szablonu z hubu."),
    },
    "draft-capped": {
        "en": RuleText(
            "The draft is longer than {checked} characters; only the first {checked} were checked.",
            "Shorten the draft: no network accepts a post this long.",
        ),
        "pl": RuleText(
            "Szkic jest dłuższy niż {checked} zn.; sprawdzono tylko początek tej długości.",
            "Skróć szkic: żadna sieć nie przyjmie tak długiego posta.",
        ),
    },
    "missing-disclosure": {
        "en": RuleText(
            "No disclosure: a post about your employer must say you work there "
            "(FTC 16 CFR 255: a material connection is disclosed clearly and conspicuously).",
            "Start the post with a label such as {examples}.",
        ),
        "pl": RuleText(
            "Brak oznaczenia: post o pracodawcy musi mówić, że tam pracujesz "
            "(UOKiK 2022: treść, za którą masz korzyść, oznacza się wyraźnie).",
            "Zacznij post od oznaczenia, np. {examples}.",
        ),
    },
    "disclosure-wrong-language": {
        "en": RuleText(
            "The label {label} is in another language than the post; its readers may not "
            "understand it.",
            "Add a label in the post's language, e.g. {examples}.",
        ),
        "pl": RuleText(
            "Oznaczenie {label} jest w innym języku niż post; czytelnicy mogą go nie zrozumieć "
            "(UOKiK: oznaczenie w języku odbiorców).",
            "Dodaj oznaczenie w języku posta, np. {examples}.",
        ),
    },
    "disclosure-after-cutoff": {
        "en": RuleText(
            'The label {label} comes after the "see more" cut-off on {network} '
            "(about {cutoff} characters): many readers will never see it.",
            "Move the label to the first line of the post.",
        ),
        "pl": RuleText(
            "Oznaczenie {label} jest za granicą „zobacz więcej” w sieci {network} "
            "(po ok. {cutoff} zn.): wielu czytelników go nie zobaczy.",
            "Przenieś oznaczenie do pierwszej linii posta.",
        ),
    },
    "disclosure-not-at-start": {
        "en": RuleText(
            "The label {label} is not at the start of the post.",
            "Put the label in the first line.",
        ),
        "pl": RuleText(
            "Oznaczenie {label} nie jest na początku posta (UOKiK: oznaczenie na początku).",
            "Przenieś oznaczenie do pierwszej linii.",
        ),
    },
    "disclosure-buried": {
        "en": RuleText(
            "The label {label} is buried in a string of hashtags (in a row: {count}); "
            "the FTC says a disclosure mixed into hashtags is easy to miss.",
            "Write the label on its own, in the first line, away from other hashtags.",
        ),
        "pl": RuleText(
            "Oznaczenie {label} ginie wśród hashtagów (w jednym ciągu: {count}); "
            "tak umieszczone łatwo je przeoczyć.",
            "Napisz oznaczenie osobno, w pierwszej linii, z dala od innych hashtagów.",
        ),
    },
    "cryptic-disclosure": {
        "en": RuleText(
            "{tag} is a cryptic tag: readers do not understand it as a disclosure "
            '(the FTC names "sp", "spon", "collab" and a bare "ambassador" or "thanks").',
            "Replace {tag} with a clear label such as {examples}.",
        ),
        "pl": RuleText(
            "{tag} to niejasny tag: czytelnicy nie odczytają go jako oznaczenia współpracy.",
            "Zamień {tag} na jasne oznaczenie, np. {examples}.",
        ),
    },
    "disclosure-in-bio": {
        "en": RuleText(
            'The post points to your bio ("{phrase}"): a disclosure only in the bio '
            "does not count.",
            "Put the label in the post itself.",
        ),
        "pl": RuleText(
            "Post odsyła do bio („{phrase}”): oznaczenie tylko w bio nie wystarcza.",
            "Umieść oznaczenie w samym poście.",
        ),
    },
    "too-long": {
        "en": RuleText(
            "Too long for {network}: {length} of {limit} characters.",
            "Cut it by {over} characters.",
        ),
        "pl": RuleText(
            "Za długi na {network}: znaków {length} z {limit}.",
            "Skróć o tyle znaków: {over}.",
        ),
    },
    "too-many-hashtags": {
        "en": RuleText(
            "Too many hashtags for {network}: {count}, the limit is {limit}.",
            "Keep at most {limit} hashtags.",
        ),
        "pl": RuleText(
            "Za dużo hashtagów na {network}: {count}, limit to {limit}.",
            "Zostaw najwyżej tyle hashtagów: {limit}.",
        ),
    },
    "many-hashtags": {
        "en": RuleText(
            "Hashtags: {count}; on {network} more than {advised} usually reads as spam.",
            "Keep the {advised} that matter most.",
        ),
        "pl": RuleText(
            "Hashtagi: {count}; na {network} więcej niż {advised} zwykle wygląda jak spam.",
            "Zostaw najważniejsze (do {advised}).",
        ),
    },
    "forbidden-term": {
        "en": RuleText(
            '"{term}" must not be named in public posts{reason}.',
            'Remove "{term}" or describe it in general terms.',
        ),
        "pl": RuleText(
            "„{term}” nie może pojawić się w publicznym poście{reason}.",
            "Usuń „{term}” albo opisz to ogólnie.",
        ),
    },
    "unfilled-placeholder": {
        "en": RuleText(
            "The placeholder {placeholder} is still in the post.",
            "Replace {placeholder} with your own words.",
        ),
        "pl": RuleText(
            "W poście został znacznik {placeholder}.",
            "Zastąp {placeholder} własnymi słowami.",
        ),
    },
    "untracked-link": {
        "en": RuleText(
            "The link has no campaign parameters ({missing}), so the program cannot count "
            "its visits.",
            "Use the tagged link: {tagged}",
        ),
        "pl": RuleText(
            "Link nie ma parametrów kampanii ({missing}), więc program nie policzy wejść.",
            "Użyj oznaczonego linku: {tagged}",
        ),
    },
    "personal-data-in-link": {
        "en": RuleText(
            "The link's parameter {parameter} holds an e-mail address: anyone who clicks "
            "can read it.",
            "Remove the e-mail from the link; the studio tags links with a pseudonymous id.",
        ),
        "pl": RuleText(
            "Parametr linku {parameter} zawiera adres e-mail: zobaczy go każdy, kto kliknie.",
            "Usuń e-mail z linku; studio oznacza linki pseudonimowym identyfikatorem.",
        ),
    },
    "shouting": {
        "en": RuleText(
            'Long ALL CAPS text reads as shouting: "{text}".',
            "Write it in normal case; stress one word if you must.",
        ),
        "pl": RuleText(
            "Długi tekst WIELKIMI LITERAMI wygląda jak krzyk: „{text}”.",
            "Napisz go zwykłymi literami; wyróżnij najwyżej jedno słowo.",
        ),
    },
    "emoji-wall": {
        "en": RuleText(
            "A wall of emoji (in a row: {count}) hides the message.",
            "Keep one or two emoji that add meaning.",
        ),
        "pl": RuleText(
            "Ściana emoji (pod rząd: {count}) przesłania treść.",
            "Zostaw jedno lub dwa emoji, które coś znaczą.",
        ),
    },
    "brand-not-named": {
        "en": RuleText(
            "The label {label} does not say which company: readers should see the brand.",
            "Name {brand} in the first lines, e.g. `#{brand}Employee`.",
        ),
        "pl": RuleText(
            "Oznaczenie {label} nie mówi, o jaką firmę chodzi (UOKiK: wskaż markę).",
            "Wymień {brand} na początku posta, np. „Pracuję w {brand}”.",
        ),
    },
    "hidden-character": {
        "en": RuleText(
            "Invisible character {character} here (often from a paste); it can reverse or "
            "hide text.",
            "Delete it.",
        ),
        "pl": RuleText(
            "Niewidoczny znak {character} (często z wklejenia); może odwracać lub ukrywać tekst.",
            "Usuń go.",
        ),
    },
}


def _text(code: str, lang: str) -> RuleText:
    texts = MESSAGES[code]
    return texts.get(lang) or texts["en"]


def render_message(code: str, lang: str, params: dict[str, Any]) -> str:
    return _text(code, lang).message.format(**_localised(params, lang))


def render_fix(code: str, lang: str, params: dict[str, Any]) -> str:
    return _text(code, lang).fix.format(**_localised(params, lang))


def _localised(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Values that depend on the reader's language: example lists, optional reasons."""
    shown = dict(params)
    examples = params.get("examples")
    if isinstance(examples, list | tuple):
        joiner = " lub " if lang == "pl" else " or "
        shown["examples"] = joiner.join(f"`{e}`" for e in examples) if examples else "`#ad`"
    reason = params.get("reason")
    if "reason" in params:
        shown["reason"] = f" ({reason})" if reason else ""
    return shown
