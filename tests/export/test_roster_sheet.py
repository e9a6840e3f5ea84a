"""Reading a coordinator's roster CSV: shapes we accept and problems we name by line."""

from __future__ import annotations

import pytest

from trainer.roster.sheet import RosterFileError, decode_roster, read_roster

LANGS = ("pl", "en")


def test_polish_excel_file_with_bom_and_semicolons_is_read() -> None:
    data = (
        "\ufeffImię;Nazwisko;E-mail;Zespół;Język\r\n"
        "Łucja;Żółkiewska;Lucja.Z@Firma.pl;Sprzedaż;polski\r\n"
        "John;Smith;john@firma.pl;IT;EN\r\n"
    ).encode()
    sheet = read_roster(decode_roster(data, "people.csv"), LANGS)
    assert sheet.delimiter == ";"
    assert sheet.problems == []
    first, second = sheet.entries
    assert (first.name, first.email, first.team, first.language) == (
        "Łucja Żółkiewska",
        "lucja.z@firma.pl",
        "Sprzedaż",
        "pl",
    )
    assert (second.line, second.language) == (3, "en")


def test_english_headers_in_any_case_and_spacing_with_commas() -> None:
    text = " First Name ,LAST_NAME, email ,Team,language\nAnna,Nowak,anna@x.pl,,\n"
    sheet = read_roster(text, LANGS)
    assert sheet.delimiter == ","
    assert [(e.name, e.team, e.language) for e in sheet.entries] == [("Anna Nowak", "", None)]


def test_dzial_is_a_team_and_optional_columns_may_be_missing() -> None:
    sheet = read_roster("imie;nazwisko;mail;dział\nA;B;a@b.pl;HR\n", LANGS)
    assert sheet.entries[0].team == "HR"


def test_bad_rows_are_reported_with_their_line_numbers() -> None:
    text = (
        "imię,nazwisko,email,język\n"
        "Anna,Nowak,anna@x.pl,pl\n"
        ",Kowal,kowal@x.pl,pl\n"  # line 3: empty first name
        "Jan,Nowak,jan(at)x.pl,pl\n"  # line 4: invalid e-mail
        "Ewa,Lis,,pl\n"  # line 5: missing e-mail
        "Piotr,Wójcik,piotr@x.pl,klingoński\n"  # line 6: unknown language
        "\n"
        "Ola,Zając,ANNA@x.pl,en\n"  # line 8: duplicate of line 2
    )
    sheet = read_roster(text, LANGS)
    assert [e.line for e in sheet.entries] == [2]
    messages = [p.format() for p in sheet.problems]
    assert messages[0] == "line 3: empty first name"
    assert messages[1] == "line 4: invalid e-mail 'jan(at)x.pl'"
    assert messages[2] == "line 5: missing e-mail"
    assert messages[3].startswith("line 6: unknown language 'klingoński' (the course has: en, pl)")
    assert messages[4] == "line 8: anna@x.pl is already on line 2"
    assert [p.kind for p in sheet.problems] == ["bad-row"] * 4 + ["duplicate"]


def test_line_numbers_count_physical_lines_of_quoted_multiline_cells() -> None:
    text = 'imię,nazwisko,email\n"Anna\nMaria",Nowak,anna@x.pl\nJan,,jan@x.pl\n'
    sheet = read_roster(text, LANGS)
    assert sheet.entries[0].first_name == "Anna Maria"
    assert [p.format() for p in sheet.problems] == ["line 4: empty last name"]


def test_unquoted_separator_inside_a_cell_is_a_bad_row() -> None:
    sheet = read_roster("imię,nazwisko,email\nAnna,Nowak,anna@x.pl,Sales, EMEA\n", LANGS)
    assert sheet.entries == []
    assert "5 cells but the header has 3" in sheet.problems[0].message


def test_missing_required_column_is_a_file_error() -> None:
    with pytest.raises(RosterFileError, match="no column for email"):
        read_roster("imię;nazwisko;zespół\nA;B;C\n", LANGS)


def test_two_columns_meaning_the_same_are_refused() -> None:
    with pytest.raises(RosterFileError, match="two columns mean team"):
        read_roster("imię;nazwisko;email;zespół;dział\n", LANGS)


def test_windows_1250_file_gets_advice_instead_of_mojibake() -> None:
    data = "imię;nazwisko;email\nŁucja;Ząb;l@x.pl\n".encode("cp1250")
    with pytest.raises(RosterFileError, match=r"not UTF-8 \(byte 0xEA on line 1\).*CSV UTF-8"):
        decode_roster(data, "people.csv")


def test_utf16_file_is_refused_with_advice() -> None:
    data = "imię\tnazwisko\temail\n".encode("utf-16")
    with pytest.raises(RosterFileError, match="UTF-16"):
        decode_roster(data, "people.csv")


def test_empty_file_is_a_file_error() -> None:
    with pytest.raises(RosterFileError, match="empty"):
        read_roster("\n\n", LANGS)


def test_control_characters_in_names_are_removed() -> None:
    sheet = read_roster("imię;nazwisko;email\nAn\x1b[31mna;Nowak;a@x.pl\n", LANGS)
    assert sheet.entries[0].first_name == "An[31mna"


def test_broken_quoting_is_reported_with_its_line() -> None:
    with pytest.raises(RosterFileError, match=r"^line 3: not valid CSV"):
        read_roster('imię,nazwisko,email\nAnna,Nowak,a@x.pl\n"Jan"x,Nowak,j@x.pl\n', LANGS)
