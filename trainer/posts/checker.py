"""The post checker: a draft, a network and a language in; findings with positions out.

Pure and fast (a 3,000-character post in well under 2 ms; benchmarks/bench_posts.py), so
the writing screen can run it on every keystroke. Each rule is a small function adding
findings; the rules' settings come from course.yml (`trainer.posts.rules.PostRules`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from trainer.plain_text import UNSAFE_CHARACTERS
from trainer.posts.findings import LEVEL_ORDER, Finding, LineIndex, PostCheck
from trainer.posts.language import detect_language
from trainer.posts.links import EMAIL, find_links, on_domains, tag_link
from trainer.posts.networks import NETWORK_NAMES, Network, post_length
from trainer.posts.rules import DEFAULT_RULES, Level, PostLanguage, PostRules
from trainer.posts.x_count import x_overflow_offset

HASHTAG = re.compile(r"(?<![\w#&/])#(\w[\w\u200d\ufe0f]*)")
PLACEHOLDER = re.compile(r"\{\{[^{}\n]{0,80}\}\}")
_BIO = re.compile(
    r"(?i)(?<!\w)(?:(?:see|check|in|on)\s+(?:my\s+)?bio|(?:w|zobacz|sprawdź)\s+(?:moim\s+|mój\s+)?bio)(?!\w)"
)
_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha())
_LETTER_UPPER_WORD = f"(?<![#@\\w])[{_UPPER}]{{2,}}(?!\\w)"
SHOUTING = re.compile(f"{_LETTER_UPPER_WORD}(?:[\\s,.!?:;'\"-]+{_LETTER_UPPER_WORD})+")
_EMOJI_BASE = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
EMOJI = re.compile(
    f"(?:[\U0001f1e6-\U0001f1ff]{{2}}|[{_EMOJI_BASE}])"
    f"(?:[\ufe0f\u20e3\U0001f3fb-\U0001f3ff]|\u200d[{_EMOJI_BASE}]\ufe0f?)*"
)
_PL_FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def fold(word: str) -> str:
    """How labels and tags compare: case, Polish diacritics and accents do not matter."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_PL_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Hashtag:
    tag: str  # with the `#`
    start: int
    end: int
    run: int  # how many hashtags stand together with this one (separated by spaces only)


@dataclass(frozen=True, slots=True)
class LabelHit:
    label: str  # as configured (brand filled in)
    langs: frozenset[PostLanguage]  # a hashtag like #XEmployee may serve both languages
    start: int
    end: int
    hashtag: Hashtag | None
    names_brand: bool


@dataclass(frozen=True)
class CompiledRules:
    """Patterns built once per rules object: the labels with the brand filled in, etc."""

    rules: PostRules
    hashtag_labels: dict[str, tuple[str, frozenset[PostLanguage], bool]]  # folded tag -> label
    phrase_labels: tuple[tuple[str, PostLanguage, bool], ...]  # by group index in the pattern
    phrase_pattern: re.Pattern[str] | None  # every phrase label, one named group each
    refused: frozenset[str]
    forbidden: tuple[tuple[re.Pattern[str], str, str], ...]
    brand: str  # the first brand name, for messages ("" when none)
    brand_pattern: re.Pattern[str] | None


def _phrase_pattern(label: str, brand: str | None) -> tuple[bool, str]:
    """(whether the label starts at a word boundary, its pattern after that boundary)."""
    parts = []
    for piece in re.split(r"(\{brand\}|\s+)", label):
        if piece == "{brand}":
            parts.append(_brand_stem(brand or ""))
        elif piece and piece.isspace():
            parts.append(r"\s+")
        elif piece:
            parts.append(_loose(piece))
    tail = r"(?!\w)" if label[-1:].isalnum() else ""
    return label[:1].isalnum(), "".join(parts) + tail


def _label_pattern(word_sources: list[str], other_sources: list[str]) -> re.Pattern[str] | None:
    alternatives = list(other_sources)
    if word_sources:
        alternatives.insert(0, r"(?<!\w)(?:" + "|".join(word_sources) + ")")
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _brand_stem(brand: str) -> str:
    """The brand as Polish inflects it: Przykładowa, Przykładowej, Przykładową."""
    stem = brand[:-1] if len(brand) > 4 and brand[-1].lower() in "aeiouyąę" else brand
    return _loose(stem) + r"\w{0,4}"


_LOOSE_LETTERS = {
    "ą": "[ąa]",
    "ć": "[ćc]",
    "ę": "[ęe]",
    "ł": "[łl]",
    "ń": "[ńn]",
    "ó": "[óo]",
    "ś": "[śs]",
    "ź": "[źzż]",
    "ż": "[żzź]",
}


def _loose(text: str) -> str:
    """A literal that also matches when Polish diacritics were typed without them."""
    return "".join(_LOOSE_LETTERS.get(c.lower(), re.escape(c)) for c in text)


_compiled: dict[int, CompiledRules] = {}


def compile_rules(rules: PostRules) -> CompiledRules:
    cached = _compiled.get(id(rules))
    if cached is not None and cached.rules is rules:
        return cached
    brands = rules.brand
    hashtag_labels: dict[str, tuple[str, frozenset[PostLanguage], bool]] = {}
    phrase_labels: list[tuple[str, PostLanguage, bool]] = []
    word_sources: list[str] = []  # labels starting with a letter: one shared `(?<!\w)`
    other_sources: list[str] = []
    for lang, labels in rules.disclosure.labels.items():
        for label in labels:
            has_brand = "{brand}" in label
            for brand in brands if has_brand else [None]:
                shown = label.replace("{brand}", brand) if brand else label
                if HASHTAG.fullmatch(shown):
                    key = fold(shown)
                    _, langs, _ = hashtag_labels.get(key, (shown, frozenset(), has_brand))
                    hashtag_labels[key] = (shown, langs | {lang}, has_brand)
                else:
                    at_word, body = _phrase_pattern(label, brand)
                    group = f"(?P<l{len(phrase_labels)}>{body})"
                    (word_sources if at_word else other_sources).append(group)
                    phrase_labels.append((shown, lang, has_brand))
    forbidden = tuple(
        (
            re.compile(r"(?<!\w)" + _loose(t.term).replace(r"\ ", r"\s+") + r"(?!\w)", re.I),
            t.term,
            t.reason,
        )
        for t in rules.forbidden()
    )
    brand_pattern = (
        re.compile("|".join(_brand_stem(b) for b in brands), re.IGNORECASE) if brands else None
    )
    compiled = CompiledRules(
        rules=rules,
        hashtag_labels=hashtag_labels,
        phrase_labels=tuple(phrase_labels),
        phrase_pattern=_label_pattern(word_sources, other_sources),
        refused=frozenset(fold(t) for t in rules.disclosure.refused),
        forbidden=forbidden,
        brand=brands[0] if brands else "",
        brand_pattern=brand_pattern,
    )
    if len(_compiled) > 32:
        _compiled.clear()
    _compiled[id(rules)] = compiled
    return compiled


@dataclass
class _Draft:
    """The state one check builds up."""

    text: str
    network: Network
    lang: PostLanguage
    rules: CompiledRules
    lines: LineIndex
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, level: Level, start: int, end: int, **params: Any) -> None:
        end = max(end, start)
        self.findings.append(
            Finding(
                code=code,
                level=level,
                start=start,
                end=end,
                begin=self.lines.position(start),
                finish=self.lines.position(end),
                params=params,
            )
        )


def check_post(
    text: str,
    network: Network = "linkedin",
    lang: PostLanguage | None = None,
    rules: PostRules = DEFAULT_RULES,
    *,
    campaign: str | None = None,
    ambassador: str | None = None,
) -> PostCheck:
    """Check a draft for `network`; `lang` is the post's language (guessed when None).

    `campaign` (the template id) and `ambassador` (a pseudonymous id) make the suggested
    fix for an untagged link the exact link to use.
    """
    cap = rules.max_draft_characters
    full_length = len(text)
    if full_length > cap:
        text = text[:cap]
    post_lang: PostLanguage = lang or detect_language(text)
    draft = _Draft(text, network, post_lang, compile_rules(rules), LineIndex(text))
    if full_length > cap:
        draft.add("draft-capped", "warning", cap, cap, checked=cap)
    network_rules = rules.network(network)
    length = post_length(text, network)
    cutoff = _cutoff(text, network_rules.see_more_characters, network_rules.see_more_lines)
    hashtags = _hashtags(text)
    if not text.strip():
        draft.add("empty-post", "error", 0, len(text))
    else:
        _disclosure(draft, hashtags, cutoff)
        _length(draft, length, network_rules.max_characters)
        _hashtag_counts(draft, hashtags, network_rules.max_hashtags, network_rules.advised_hashtags)
        _forbidden_terms(draft)
        _placeholders(draft)
        _links(draft, campaign, ambassador)
        _shouting(draft)
        _emoji_walls(draft)
    _hidden_characters(draft)
    findings = sorted(draft.findings, key=lambda f: (f.start, LEVEL_ORDER[f.level], f.code))
    return PostCheck(
        network=network,
        lang=post_lang,
        length=length,
        limit=network_rules.max_characters,
        hashtags=len(hashtags),
        cutoff=cutoff,
        findings=tuple(findings),
        checked_characters=len(text),
    )


# --- positions ------------------------------------------------------------------------------


def _cutoff(text: str, characters: int | None, lines: int | None) -> int | None:
    """Offset where the feed's "see more" cuts the post, or None when all of it shows."""
    candidates = []
    if characters is not None and len(text) > characters:
        candidates.append(characters)
    if lines is not None:
        position = -1
        for _ in range(lines):
            position = text.find("\n", position + 1)
            if position == -1:
                break
        else:
            if text[position:].strip():
                candidates.append(position)
    return min(candidates) if candidates else None


def _hashtags(text: str) -> list[Hashtag]:
    matches = list(HASHTAG.finditer(text))
    found: list[Hashtag] = []
    index = 0
    while index < len(matches):
        group_end = index
        while group_end + 1 < len(matches) and not text[
            matches[group_end].end() : matches[group_end + 1].start()
        ].strip(" \t\n,"):
            group_end += 1
        run = group_end - index + 1
        for match in matches[index : group_end + 1]:
            found.append(Hashtag(match.group(), match.start(), match.end(), run))
        index = group_end + 1
    return found


# --- rules ----------------------------------------------------------------------------------


def _labels(draft: _Draft, hashtags: list[Hashtag]) -> Iterator[LabelHit]:
    compiled = draft.rules
    for tag in hashtags:
        known = compiled.hashtag_labels.get(fold(tag.tag))
        if known is not None:
            label, langs, names_brand = known
            yield LabelHit(label, langs, tag.start, tag.end, tag, names_brand)
    by_start = {tag.start: tag for tag in hashtags}
    if compiled.phrase_pattern is None:
        return
    for match in compiled.phrase_pattern.finditer(draft.text):
        label, lang, names_brand = compiled.phrase_labels[int(str(match.lastgroup)[1:])]
        yield LabelHit(
            label,
            frozenset({lang}),
            match.start(),
            match.end(),
            by_start.get(match.start()),
            names_brand,
        )


def _examples(draft: _Draft, lang: PostLanguage) -> list[str]:
    """Two accepted labels to offer, the course's suggested one first (brand filled in)."""
    disclosure = draft.rules.rules.disclosure
    suggested = disclosure.suggestion(lang)
    labels = disclosure.labels.get(lang, [])
    ordered = ([suggested] if suggested else []) + [label for label in labels if label != suggested]
    examples = []
    brand = draft.rules.brand
    for label in ordered:
        if "{brand}" in label and not brand:
            continue
        examples.append(label.replace("{brand}", brand))
        if len(examples) == 2:
            break
    return examples


def _brand_example(draft: _Draft, lang: PostLanguage) -> str:
    """An accepted label that names the brand: the suggested one when it does."""
    disclosure = draft.rules.rules.disclosure
    suggested = disclosure.suggestion(lang)
    candidates = ([suggested] if suggested else []) + disclosure.labels.get(lang, [])
    brand = draft.rules.brand
    for label in candidates:
        if "{brand}" in label:
            return label.replace("{brand}", brand)
    return f"#{brand}Employee"


def _disclosure(draft: _Draft, hashtags: list[Hashtag], cutoff: int | None) -> None:
    rules = draft.rules.rules.disclosure
    for tag in hashtags:
        if fold(tag.tag) in draft.rules.refused:
            draft.add(
                "cryptic-disclosure",
                "error",
                tag.start,
                tag.end,
                tag=tag.tag,
                examples=_examples(draft, draft.lang),
            )
    if not rules.required:
        return
    hits = sorted(_labels(draft, hashtags), key=lambda h: h.start)
    own = [h for h in hits if draft.lang in h.langs]
    if not hits:
        first_line_end = draft.text.find("\n")
        draft.add(
            "missing-disclosure",
            "error",
            0,
            first_line_end if first_line_end != -1 else len(draft.text),
            examples=_examples(draft, draft.lang),
        )
        bio = _BIO.search(draft.text)
        if bio is not None:
            draft.add("disclosure-in-bio", "warning", bio.start(), bio.end(), phrase=bio.group())
        return
    if not own:
        draft.add(
            "disclosure-wrong-language",
            "warning",
            hits[0].start,
            hits[0].end,
            label=hits[0].label,
            examples=_examples(draft, draft.lang),
        )
    visible = [h for h in hits if cutoff is None or h.end <= cutoff]
    if not visible:
        draft.add(
            "disclosure-after-cutoff",
            "error",
            hits[0].start,
            hits[0].end,
            label=hits[0].label,
            network=NETWORK_NAMES[draft.network],
            cutoff=cutoff,
        )
        return
    clear = [h for h in visible if h.hashtag is None or h.hashtag.run < rules.hashtag_run]
    if not clear:
        buried = visible[0]
        run = buried.hashtag.run if buried.hashtag else 0
        draft.add(
            "disclosure-buried", "error", buried.start, buried.end, label=buried.label, count=run
        )
        return
    best = clear[0]
    if draft.lang in rules.at_start and best.start > _first_line_end(draft.text):
        draft.add("disclosure-not-at-start", "warning", best.start, best.end, label=best.label)
    pattern = draft.rules.brand_pattern
    if not any(h.names_brand for h in clear) and pattern is not None:
        shown_until = cutoff if cutoff is not None else len(draft.text)
        if pattern.search(draft.text, 0, shown_until) is None:
            draft.add(
                "brand-not-named",
                "warning",
                best.start,
                best.end,
                label=best.label,
                brand=draft.rules.brand,
                example=_brand_example(draft, draft.lang),
            )


def _first_line_end(text: str) -> int:
    """End of the first line that has text (a post may open with blank lines)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def _length(draft: _Draft, length: int, limit: int) -> None:
    if length <= limit:
        return
    start = _offset_of_count(draft.text, limit, draft.network)
    draft.add(
        "too-long",
        "error",
        start,
        len(draft.text),
        network=NETWORK_NAMES[draft.network],
        length=length,
        limit=limit,
        over=length - limit,
    )


def _offset_of_count(text: str, limit: int, network: Network) -> int:
    """The first character past the limit, as the network counts."""
    if network == "x":
        return x_overflow_offset(text, limit)
    extra = 0  # characters beyond U+FFFF count 2 in UTF-16
    for astral in _ASTRAL.finditer(text):
        position = astral.start()
        if position + extra + 2 > limit:
            return min(position, limit - extra)
        extra += 1
    return min(limit - extra, len(text))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _hashtag_counts(
    draft: _Draft, hashtags: list[Hashtag], limit: int | None, advised: int | None
) -> None:
    name = NETWORK_NAMES[draft.network]
    if limit is not None and len(hashtags) > limit:
        first = hashtags[limit]
        draft.add(
            "too-many-hashtags",
            "error",
            first.start,
            hashtags[-1].end,
            network=name,
            count=len(hashtags),
            limit=limit,
        )
    elif advised is not None and len(hashtags) > advised:
        first = hashtags[advised]
        draft.add(
            "many-hashtags",
            "tip",
            first.start,
            hashtags[-1].end,
            network=name,
            count=len(hashtags),
            advised=advised,
        )


def _forbidden_terms(draft: _Draft) -> None:
    for pattern, term, reason in draft.rules.forbidden:
        for match in pattern.finditer(draft.text):
            draft.add(
                "forbidden-term", "error", match.start(), match.end(), term=term, reason=reason
            )


def _placeholders(draft: _Draft) -> None:
    for match in PLACEHOLDER.finditer(draft.text):
        draft.add(
            "unfilled-placeholder", "error", match.start(), match.end(), placeholder=match.group()
        )


def _links(draft: _Draft, campaign: str | None, ambassador: str | None) -> None:
    tracking = draft.rules.rules.tracking
    for link in find_links(draft.text):
        query = link.query()
        for key, value in query:
            if EMAIL.search(value):
                draft.add("personal-data-in-link", "error", link.start, link.end, parameter=key)
        if not tracking.required or not on_domains(link.host, tracking.domains):
            continue
        present = {key for key, _ in query}
        missing = [p for p in tracking.parameters if p not in present]
        if not missing:
            continue
        tagged = tag_link(
            link.url,
            source=draft.network,
            medium=tracking.medium,
            campaign=campaign or "post",
            content=ambassador,
        )
        draft.add(
            "untracked-link",
            "warning",
            link.start,
            link.end,
            missing=", ".join(missing),
            tagged=tagged,
        )


def _shouting(draft: _Draft) -> None:
    threshold = draft.rules.rules.style.shouting_letters
    for match in SHOUTING.finditer(draft.text):
        words = re.findall(f"[{_UPPER}]+", match.group())
        if len(words) >= 3 and sum(len(w) for w in words) >= threshold:
            shown = match.group() if len(match.group()) <= 40 else match.group()[:39] + "…"
            draft.add("shouting", "warning", match.start(), match.end(), text=shown)


_EMOJI_RUN_CACHE: dict[int, re.Pattern[str]] = {}


def _emoji_walls(draft: _Draft) -> None:
    run = draft.rules.rules.style.emoji_run
    pattern = _EMOJI_RUN_CACHE.get(run)
    if pattern is None:
        pattern = re.compile(f"(?:(?:{EMOJI.pattern})[ \t]*){{{run},}}")
        _EMOJI_RUN_CACHE[run] = pattern
    for match in pattern.finditer(draft.text):
        count = len(EMOJI.findall(match.group()))
        draft.add("emoji-wall", "warning", match.start(), match.end(), count=count)


def _hidden_characters(draft: _Draft) -> None:
    found = list(UNSAFE_CHARACTERS.finditer(draft.text.replace("\t", " ").replace("\r", " ")))
    if not found:
        return
    first = found[0]
    character = f"U+{ord(first.group()):04X}"
    if len(found) > 1:
        character += f" (+{len(found) - 1})"
    draft.add("hidden-character", "warning", first.start(), first.end(), character=character)
