"""The post checker, rule by rule, on real-world posts in Polish and English."""

from __future__ import annotations

import pytest

from trainer.posts.checker import check_post
from trainer.posts.findings import Finding, PostCheck
from trainer.posts.rules import DisclosureRules, PostRules, StyleRules, TrackingRules

RULES = PostRules(
    brand=["Przykładowa"],
    forbidden_terms=["Projekt Orzeł", {"term": "Bank Północny", "reason": "NDA"}],
    tracking=TrackingRules(domains=["przykladowa.pl"]),
)

GOOD_PL = (
    "[REKLAMA] Pracuję w Przykładowej i szukamy osoby na stanowisko Analityka Danych "
    "w Krakowie.\n\nPraca hybrydowa, zespół 8 osób, dużo SQL-a i Pythona. Szczegóły: "
    "https://przykladowa.pl/kariera/analityk?utm_source=linkedin&utm_medium=social"
    "&utm_campaign=job-offer\n\n#praca #analityka #Kraków"
)
GOOD_EN = (
    "#PrzykladowaEmployee Proud to share that our team won the Data Award 2026 🏆\n\n"
    "Two years of work on open data tools, and 14 people who never gave up. Read the story: "
    "https://przykladowa.pl/blog/award?utm_source=linkedin&utm_medium=social"
    "&utm_campaign=award\n\n#data #opensource"
)


def check(text: str, network: str = "linkedin", lang: str | None = None, **kw: object) -> PostCheck:
    return check_post(text, network, lang, kw.pop("rules", RULES), **kw)  # type: ignore[arg-type]


def only(result: PostCheck, code: str) -> Finding:
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.codes()
    return found[0]


def test_well_disclosed_posts_in_both_languages_pass_clean() -> None:
    assert check(GOOD_PL).findings == ()
    assert check(GOOD_EN).findings == ()
    assert check(GOOD_PL).lang == "pl" and check(GOOD_EN).lang == "en"


# --- disclosure -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Szukamy Analityka Danych w Krakowie! Aplikuj: https://przykladowa.pl/x", "pl"),
        ("We're hiring a Data Analyst in Kraków! Apply today.", "en"),
    ],
)
def test_a_post_without_a_label_is_an_error_pointing_at_the_first_line(
    text: str, lang: str
) -> None:
    result = check(text, lang=lang)
    finding = only(result, "missing-disclosure")
    assert finding.level == "error" and not result.ok
    assert (finding.begin.line, finding.begin.col) == (1, 1)
    assert "#reklama" in finding.fix("pl") if lang == "pl" else "#ad" in finding.fix("en")


@pytest.mark.parametrize(
    "text",
    [
        "#reklama Nowy produkt Przykładowej już w sklepach!",
        "[Reklama] Nowy produkt Przykładowej już w sklepach!",
        "Płatna współpraca z marką Przykładowa. Nowy produkt już w sklepach!",
        "Jestem pracownikiem Przykładowej i z dumą pokazuję nasz nowy produkt.",
        "Pracuje w Przykladowej (bez polskich znaków) i polecam nasz nowy produkt.",
        "#wspolpracareklamowa Przykładowa wypuszcza nowy produkt.",
    ],
)
def test_polish_labels_are_accepted_with_case_diacritics_and_inflection(text: str) -> None:
    assert "missing-disclosure" not in check(text, lang="pl").codes()


@pytest.mark.parametrize(
    "text",
    [
        "#ad Przykładowa just launched its new app.",
        "I work at Przykładowa and I am proud of the new app.",
        "#PrzykładowaPartner: the new app is out.",
        "Przykładowa employee here: the new app is out!",
    ],
)
def test_english_labels_are_accepted(text: str) -> None:
    assert "missing-disclosure" not in check(text, lang="en").codes()


@pytest.mark.parametrize("tag", ["#sp", "#spon", "#collab", "#ambassador", "#thanks"])
def test_cryptic_tags_are_refused_with_the_reason(tag: str) -> None:
    result = check(f"New app from Przykładowa is out! {tag}", lang="en")
    finding = only(result, "cryptic-disclosure")
    assert finding.level == "error"
    assert tag in finding.message("en") and "FTC" in finding.message("en")
    assert result.codes().count("missing-disclosure") == 1  # a cryptic tag is no label


def test_a_label_after_the_linkedin_see_more_cutoff_is_an_error() -> None:
    body = "Przykładowa otwiera nowe biuro w Gdańsku. " * 8
    result = check(body + "#reklama", lang="pl")
    finding = only(result, "disclosure-after-cutoff")
    assert result.cutoff == 210
    assert finding.start == len(body)
    assert "LinkedIn" in finding.message("en")


def test_the_cutoff_also_falls_after_three_lines() -> None:
    text = "Nowe biuro!\nW Gdańsku.\nOd maja.\n#reklama Przykładowa"
    result = check(text, lang="pl")
    assert result.cutoff == text.index("\n#reklama")
    assert "disclosure-after-cutoff" in result.codes()


def test_x_shows_the_whole_post_so_a_label_at_the_end_is_visible() -> None:
    result = check("Przykładowa opens an office in Gdańsk! #ad", network="x", lang="en")
    assert result.cutoff is None and result.ok


def test_a_label_buried_in_a_string_of_hashtags_is_an_error() -> None:
    text = "Przykładowa opens a new office! #gdansk #office #ad #hiring #tech"
    finding = only(check(text, lang="en"), "disclosure-buried")
    assert finding.params["count"] == 5 and finding.level == "error"


def test_a_label_on_its_own_before_the_hashtags_is_not_buried() -> None:
    text = "#ad Przykładowa opens a new office!\n#gdansk #office #hiring #tech"
    assert "disclosure-buried" not in check(text, lang="en").codes()


def test_polish_posts_should_open_with_the_label_uokik() -> None:
    text = "Przykładowa otwiera biuro w Gdańsku!\n#reklama"
    finding = only(check(text, lang="pl"), "disclosure-not-at-start")
    assert finding.level == "warning"
    english = "Przykładowa opens an office in Gdańsk!\n#ad"
    assert "disclosure-not-at-start" not in check(english, lang="en").codes()


def test_a_label_in_the_other_language_is_a_warning() -> None:
    finding = only(
        check("#reklama Przykładowa opens an office.", lang="en"), "disclosure-wrong-language"
    )
    assert finding.level == "warning"


def test_a_generic_label_without_the_brand_is_a_warning() -> None:
    finding = only(check("#reklama Otwieramy nowe biuro w Gdańsku!", lang="pl"), "brand-not-named")
    assert "Przykładowa" in finding.fix("pl")
    assert "brand-not-named" not in check("#reklama Przykładowa otwiera biuro.", lang="pl").codes()


def test_pointing_to_the_bio_does_not_count_as_disclosure() -> None:
    result = check(
        "New app out now, link in bio! (disclosure in my bio)", network="instagram", lang="en"
    )
    assert {"missing-disclosure", "disclosure-in-bio"} <= set(result.codes())
    polish = check("Nowa aplikacja! Szczegóły w bio", network="instagram", lang="pl")
    assert "disclosure-in-bio" in polish.codes()


def test_disclosure_can_be_switched_off_by_the_course() -> None:
    rules = PostRules(disclosure=DisclosureRules(required=False))
    assert check("Nice weather in Gdańsk today.", rules=rules, lang="en").ok


# --- platform limits --------------------------------------------------------------------


def test_linkedin_allows_3000_characters_and_marks_the_overflow() -> None:
    text = "#ad Przykładowa " + "x" * 2984
    assert len(text) == 3000 and check(text, lang="en").ok
    finding = only(check(text + "yz", lang="en"), "too-long")
    assert (finding.start, finding.end) == (3000, 3002)
    assert finding.params["over"] == 2


def test_x_counts_weighted_characters_and_links_as_23() -> None:
    link = "https://przykladowa.pl/" + "a" * 300 + "?utm_source=x&utm_medium=social&utm_campaign=c"
    text = "#ad Przykładowa " + link
    result = check(text, network="x", lang="en")
    assert result.length == 16 + 23 and result.ok
    emoji = "#ad Przykładowa " + "🚀" * 140
    over = only(check(emoji, network="x", lang="en"), "too-long")
    assert over.params["length"] == 296
    assert over.start == len("#ad Przykładowa ") + 132  # the first rocket past 280


def test_instagram_allows_30_hashtags_and_advises_fewer() -> None:
    tags = " ".join(f"#tag{i}" for i in range(30))  # 31 with #ad
    result = check(f"#ad Przykładowa on tour!\n\n{tags}", network="instagram", lang="en")
    finding = only(result, "too-many-hashtags")
    assert finding.params == {"network": "Instagram", "count": 31, "limit": 30}
    assert "many-hashtags" not in result.codes()


def test_too_many_hashtags_for_linkedin_is_a_tip() -> None:
    text = "#ad Przykładowa is hiring!\n\n#jobs #tech #data #python #sql #krakow"
    finding = only(check(text, lang="en"), "many-hashtags")
    assert finding.level == "tip" and check(text, lang="en").ok


# --- program rules ----------------------------------------------------------------------


def test_forbidden_terms_are_errors_wherever_they_appear() -> None:
    result = check("#reklama W Przykładowej kończymy projekt orzeł dla BANK PÓŁNOCNY!", lang="pl")
    codes = [f for f in result.findings if f.code == "forbidden-term"]
    assert [f.params["term"] for f in codes] == ["Projekt Orzeł", "Bank Północny"]
    assert "(NDA)" in codes[1].message("en")


def test_unfilled_placeholders_are_errors_at_their_place() -> None:
    text = "#reklama Cześć, tu {{first_name}} z zespołu {{ team }} w Przykładowej."
    found = [f for f in check(text, lang="pl").findings if f.code == "unfilled-placeholder"]
    assert [(f.begin.col, f.finish.col) for f in found] == [(20, 34), (45, 55)]


def test_links_to_the_program_domain_need_campaign_parameters() -> None:
    text = "#ad Przykładowa is hiring: https://przykladowa.pl/jobs/data?ref=1."
    finding = only(
        check(text, lang="en", campaign="job-offer", ambassador="k3j9x2mdq0ab"), "untracked-link"
    )
    assert finding.level == "warning"
    assert text[finding.start : finding.end] == "https://przykladowa.pl/jobs/data?ref=1"
    assert finding.params["tagged"] == (
        "https://przykladowa.pl/jobs/data?ref=1&utm_source=linkedin&utm_medium=social"
        "&utm_campaign=job-offer&utm_content=k3j9x2mdq0ab"
    )
    other = "#ad Przykładowa is hiring, see https://example.com/article"
    assert "untracked-link" not in check(other, lang="en").codes()


def test_an_email_in_a_link_is_an_error() -> None:
    text = "#ad Przykładowa: https://przykladowa.pl/x?utm_source=li&utm_medium=social&utm_campaign=a&utm_content=jan.kowalski@przykladowa.pl"
    finding = only(check(text, lang="en"), "personal-data-in-link")
    assert finding.params["parameter"] == "utm_content"


def test_long_all_caps_reads_as_shouting_but_labels_and_acronyms_do_not() -> None:
    finding = only(
        check("#ad Przykładowa: WE ARE HIRING RIGHT NOW, APPLY TODAY!", lang="en"), "shouting"
    )
    assert finding.level == "warning"
    calm = check("[REKLAMA] Przykładowa szuka osób do zespołu IT i HR w UE.", lang="pl")
    assert "shouting" not in calm.codes()


def test_a_wall_of_emoji_is_a_warning_but_a_few_are_fine() -> None:
    finding = only(check("#ad Przykładowa wins! 🎉🎉 🎉🏆🏆🔥", lang="en"), "emoji-wall")
    assert finding.params["count"] == 6
    assert "emoji-wall" not in check("#ad Przykładowa wins! 🎉🏆", lang="en").codes()
    rules = PostRules(brand=["Przykładowa"], style=StyleRules(emoji_run=2))
    assert "emoji-wall" in check("#ad Przykładowa wins! 🎉🏆", rules=rules, lang="en").codes()


# --- hostile input ----------------------------------------------------------------------


def test_markup_and_escape_sequences_stay_text_and_control_characters_are_flagged() -> None:
    text = "#ad Przykładowa [@click=app.quit]x[/] \x1b[31mred\x1b[0m \u202eevil"
    result = check(text, lang="en")
    finding = only(result, "hidden-character")
    assert finding.params["character"] == "U+001B (+2)"
    assert finding.start == text.index("\x1b")


def test_a_huge_draft_is_checked_up_to_the_cap_and_says_so() -> None:
    text = "#ad Przykładowa " + "word " * 200_000
    result = check(text, lang="en")
    capped = only(result, "draft-capped")
    assert result.checked_characters == 20_000 and capped.start == 20_000
    assert "too-long" in result.codes()


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_post_is_an_error(text: str) -> None:
    assert check(text).codes() == ["empty-post"]


def test_positions_count_lines_and_characters_with_emoji_and_rtl() -> None:
    text = "👨‍👩‍👧 مرحبا #reklama\nSzukamy {{rola}}"
    result = check(text, lang="pl")
    placeholder = only(result, "unfilled-placeholder")
    assert (placeholder.begin.line, placeholder.begin.col) == (2, 9)
    assert (placeholder.finish.line, placeholder.finish.col) == (2, 17)


def test_every_finding_has_a_message_and_a_fix_in_both_languages() -> None:
    text = (
        "WE ARE HIRING RIGHT NOW PEOPLE {{team}} 🎉🎉🎉🎉🎉 #sp Projekt Orzeł "
        "https://przykladowa.pl/x?utm_content=a@b.pl \x1b " + "x" * 3000
    )
    for network in ("linkedin", "x", "facebook", "instagram"):
        for finding in check(text, network=network).findings:
            for lang in ("pl", "en"):
                assert finding.message(lang) and finding.fix(lang)
                assert "{" not in finding.message(lang).replace("{{team}}", "")


# --- the Polish wording of fixes ---------------------------------------------------------


def test_the_brand_fix_in_polish_needs_no_declension_of_the_brand() -> None:
    """A Polish reader would stumble over "Pracuję w Przykładowa": the fix names the company
    in a form that keeps the brand as written ("w firmie Przykładowa")."""
    finding = only(check("#reklama Otwieramy nowe biuro w Gdańsku!", lang="pl"), "brand-not-named")
    fix = finding.fix("pl")
    assert (
        fix
        == "Podaj nazwę firmy (Przykładowa) na początku posta, np. „Pracuję w firmie Przykładowa”."
    )
    assert "w Przykładowa" not in fix and "pracownikiem" not in fix
    # The label offered is in the post's language, whatever the reader's.
    assert finding.fix("en") == (
        "Name Przykładowa in the first lines, e.g. “Pracuję w firmie Przykładowa”."
    )


def test_a_missing_label_is_fixed_with_the_suggested_label_first() -> None:
    finding = only(check("Szukamy analityka w Krakowie!", lang="pl"), "missing-disclosure")
    assert (
        finding.fix("pl")
        == "Zacznij post od oznaczenia, np. „Pracuję w firmie Przykładowa” lub `#reklama`."
    )
    # Without a brand in course.yml, labels that need one are not offered.
    bare = check("Szukamy analityka w Krakowie!", lang="pl", rules=PostRules())
    assert only(bare, "missing-disclosure").fix("pl") == (
        "Zacznij post od oznaczenia, np. `#reklama` lub `[REKLAMA]`."
    )


def test_a_course_chooses_the_suggested_label_among_its_accepted_ones() -> None:
    rules = PostRules(
        brand=["Przykładowa"],
        disclosure=DisclosureRules(
            labels={"pl": ["#reklama", "#{brand}Employee"]}, suggested={"pl": "#{brand}Employee"}
        ),
    )
    finding = only(check("Nowe biuro w Gdańsku!", lang="pl", rules=rules), "missing-disclosure")
    assert (
        finding.fix("pl")
        == "Zacznij post od oznaczenia, np. `#PrzykładowaEmployee` lub `#reklama`."
    )
    with pytest.raises(ValueError, match=r"not one of disclosure\.labels\.pl"):
        DisclosureRules(labels={"pl": ["#reklama"]}, suggested={"pl": "Pracuję w firmie {brand}"})
    # A course that lists its own labels without the default suggestion still gets examples.
    own = PostRules(brand=["Przykładowa"], disclosure=DisclosureRules(labels={"pl": ["#reklama"]}))
    assert only(check("Nowe biuro!", lang="pl", rules=own), "missing-disclosure").fix("pl") == (
        "Zacznij post od oznaczenia, np. `#reklama`."
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("#reklama " + "A" * 3100, "too-long"),
        ("#reklama Przykładowa " + " ".join(f"#t{i}" for i in range(35)), "too-many-hashtags"),
        (
            "#reklama Przykładowa nowe biuro " + " ".join(f"#t{i}" for i in range(8)),
            "many-hashtags",
        ),
    ],
)
def test_polish_network_messages_name_the_network_without_declining_it(
    text: str, code: str
) -> None:
    network = "instagram" if code == "too-many-hashtags" else "linkedin"
    result = check(text, network=network, lang="pl")
    message = only(result, code).message("pl")
    assert "w sieci " in message or "dla sieci " in message, message
    assert " na LinkedIn" not in message and " na Instagram" not in message
