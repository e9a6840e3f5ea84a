"""Reminders through a real SMTP server: Polish messages, one per learner, never twice,
refused addresses and a server that is not there leave the sent log right."""

from __future__ import annotations

import datetime as dt
import shutil
import ssl
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.coordination.cli_runner import POLISH_ROSTER, coordinator_env, run
from tests.coordination.smtp_server import Mailbox, free_port, self_signed_certificate, smtp_server
from tests.invite_codes import read_invite_codes
from trainer.audit import read_entries
from trainer.identity.gate import ServedSignIn, Verdict
from trainer.locations import bundled_course_dir
from trainer.reminders.sent_log import sent_reminders
from trainer.store.folder import DataFolder

LINK = "https://szkolenia.firma.pl/ambasadorzy"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = coordinator_env(tmp_path)
    env["TRAINER_LINK"] = LINK
    env["TRAINER_SMTP_FROM"] = "Dział HR <hr@firma.pl>"
    roster = tmp_path / "lista.csv"
    roster.write_text(POLISH_ROSTER, encoding="utf-8", newline="")
    assert run(env, "roster", "import", str(roster))[0] == 0
    return env


def _remind(env: dict[str, str], port: int, *args: str) -> tuple[int, str, str]:
    return run(
        env,
        "remind",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
        *args,
    )


def _folder(env: dict[str, str]) -> DataFolder:
    return DataFolder(Path(env["TRAINER_DATA_DIR"]))


def test_each_invited_learner_gets_one_polish_message_and_none_on_the_second_run(
    env: dict[str, str],
) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        code, out, err = _remind(env, port, "--status", "invited")
        assert code == 0, err
        assert "5 reminder(s) sent; skipped: 0 reminded within 7 day(s), 0 complete" in out
        received = mailbox.by_recipient()
        assert sorted(received) == [
            "anna@firma.pl",
            "grzegorz@firma.pl",
            "john@firma.pl",
            "lucja@firma.pl",
            "zenon@firma.pl",
        ]
        lucja = received["lucja@firma.pl"]
        assert lucja["Subject"] == "Zaproszenie czeka: Program ambasadorski — wdrożenie"
        assert str(lucja["To"]) == "Łucja Żółkiewska <lucja@firma.pl>"
        assert lucja["From"] == "Dział HR <hr@firma.pl>"
        assert lucja["Message-ID"] and lucja["Date"]
        body = lucja.get_content()
        assert body.startswith("Dzień dobry Łucja Żółkiewska,")
        assert "Termin ukończenia: 15 grudnia 2030." in body
        assert LINK in body
        # English for the learner whose roster language is English, no due date said so.
        john = received["john@firma.pl"]
        assert john["Subject"] == "Your invitation is waiting: Ambassador program — onboarding"
        assert "Due date: no due date." in john.get_content()
        # What travelled is 7-bit clean: the Polish subject and name as encoded words.
        raw = mailbox.raw[mailbox.messages.index(lucja)]
        assert raw.isascii()
        assert b"\r\nSubject: Zaproszenie czeka: Program ambasadorski =?utf-8?" in raw

        code, out, _ = _remind(env, port, "--status", "invited")
        assert code == 0
        assert "0 reminder(s) sent; skipped: 5 reminded within 7 day(s)" in out
        assert len(mailbox.messages) == 5
    folder = _folder(env)
    lucja_id = folder.find_learner_by_email("lucja@firma.pl") or ""
    (sent,) = sent_reminders(folder, lucja_id)
    assert sent.template == "reminders/invited.pl.md"
    assert sent.message_id == lucja["Message-ID"]
    entries = [e for e in read_entries(folder.root) if e.action == "reminder.sent"]
    assert len(entries) == 1 and len(entries[0].details["learners"]) == 5


def test_team_and_interval_narrow_who_is_reminded(env: dict[str, str]) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        assert _remind(env, port, "--status", "invited", "--team", "Sprzedaz")[0] == 0
        assert sorted(mailbox.by_recipient()) == ["grzegorz@firma.pl", "lucja@firma.pl"]
        code, out, _ = _remind(env, port, "--status", "invited", "--interval-days", "0")
        assert code == 0 and "5 reminder(s) sent" in out


def test_a_refused_recipient_is_listed_and_not_logged_as_sent(env: dict[str, str]) -> None:
    mailbox = Mailbox(refuse={"zenon@firma.pl"})
    with smtp_server(mailbox) as port:
        code, out, err = _remind(env, port, "--status", "invited")
        assert code == 1
        assert "refused by the server: zenon@firma.pl: 550 5.1.1 mailbox unavailable" in err
        assert "4 reminder(s) sent" in out and "1 refused" in out
        folder = _folder(env)
        assert sent_reminders(folder, folder.find_learner_by_email("zenon@firma.pl") or "") == []
        # Fixed on the server's side: the next run reaches only the one who was refused.
        mailbox.refuse.clear()
        code, out, _ = _remind(env, port, "--status", "invited")
        assert code == 0 and "1 reminder(s) sent; skipped: 4 reminded" in out
        assert [e[1] for e in mailbox.envelopes][-1] == ["zenon@firma.pl"]


def test_an_unreachable_server_sends_nothing_and_logs_nothing(env: dict[str, str]) -> None:
    port = free_port()  # nobody listens here
    code, _out, err = _remind(env, port, "--status", "invited")
    assert code == 1
    assert f"Cannot reach the SMTP server 127.0.0.1:{port}" in err
    assert "Nothing was sent." in err
    assert not (Path(env["TRAINER_DATA_DIR"]) / "reminders").exists()
    assert not [e for e in read_entries(Path(env["TRAINER_DATA_DIR"])) if "reminder" in e.action]


def test_starttls_and_login_with_the_password_from_the_environment(
    env: dict[str, str], tmp_path: Path
) -> None:
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    env["TRAINER_SMTP_PASSWORD"] = "tajne hasło"
    with smtp_server(mailbox, tls=context, password="tajne hasło") as port:
        code, out, err = run(
            env,
            "remind",
            "--status",
            "invited",
            "--team",
            "IT",
            "--smtp-host",
            "localhost",
            "--smtp-port",
            str(port),
            "--smtp-user",
            "hr@firma.pl",
            "--smtp-cafile",
            str(cert),
        )
        assert code == 0, err
        assert "2 reminder(s) sent" in out
        assert mailbox.logins == ["hr@firma.pl"]
    trail = (Path(env["TRAINER_DATA_DIR"]) / "audit" / "audit.jsonl").read_text("utf-8")
    assert "tajne hasło" not in trail


def test_a_wrong_password_from_the_prompt_is_refused_clearly(
    env: dict[str, str], tmp_path: Path
) -> None:
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with smtp_server(Mailbox(), tls=context, password="right") as port:
        code, _out, err = run(
            env,
            "remind",
            "--status",
            "invited",
            "--smtp-host",
            "localhost",
            "--smtp-port",
            str(port),
            "--smtp-user",
            "hr@firma.pl",
            "--smtp-cafile",
            str(cert),
            input="wrong\n",
        )
    assert code == 1
    assert "refused the user name or password; nothing was sent" in err
    code, _out, err = run(env, "remind", "--status", "invited", "--smtp-password", "x")
    assert code == 2 and "No such option '--smtp-password'" in err


def test_dry_run_writes_eml_files_and_logs_nothing_as_sent(
    env: dict[str, str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "do-wyslania"
    code, out, _ = run(env, "remind", "--status", "invited", "--dry-run", "--out", str(out_dir))
    assert code == 0
    assert f"5 reminder(s) written to {out_dir}" in out
    files = sorted(out_dir.glob("*.eml"))
    assert len(files) == 5
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["Subject"] and message["To"]
    assert not (Path(env["TRAINER_DATA_DIR"]) / "reminders").exists()
    actions = [e.action for e in read_entries(Path(env["TRAINER_DATA_DIR"]))]
    assert actions.count("reminder.drafted") == 1 and "reminder.sent" not in actions


def _course_with_codes(tmp_path: Path) -> Path:
    course = tmp_path / "kurs"
    shutil.copytree(bundled_course_dir() / "modules", course / "modules")
    for folder in ("quizzes", "policy", "reminders"):
        shutil.copytree(bundled_course_dir() / folder, course / folder)
    shutil.copy(bundled_course_dir() / "course.yml", course / "course.yml")
    template = course / "reminders" / "invited.pl.md"
    template.write_text(
        template.read_text("utf-8").replace("i kodem z zaproszenia.", "i kodem {code}."), "utf-8"
    )
    return course


def test_new_codes_say_which_codes_they_void_and_the_new_code_signs_in(
    env: dict[str, str], tmp_path: Path
) -> None:
    env["TRAINER_COURSE"] = str(_course_with_codes(tmp_path))
    assert run(env, "invite", "lucja@firma.pl", "--codes-out", str(tmp_path / "old.csv"))[0] == 0
    code, _out, err = run(env, "remind", "--status", "invited", "--dry-run", "--out", "x")
    assert code == 2 and "reminders/invited.pl.md use {code}: pass --new-codes" in err
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        code, out, _ = _remind(
            env, port, "--status", "invited", "--team", "Sprzedaż", "--new-codes"
        )
    assert code == 0
    assert "voided the unused invite code of lucja@firma.pl (issued " in out
    assert "grzegorz@firma.pl" not in out  # he had no code to void
    body = mailbox.by_recipient()["lucja@firma.pl"].get_content()
    new_code = body.split("i kodem ")[1].split(".")[0]
    gate = ServedSignIn(_folder(env))
    assert gate.check_invite("lucja@firma.pl", new_code).verdict == Verdict.INVITE_VALID
    (old_code,) = read_invite_codes(tmp_path / "old.csv").values()
    assert gate.check_invite("lucja@firma.pl", old_code).verdict == Verdict.REFUSED


def test_template_mistakes_are_reported_with_file_line_and_column(
    env: dict[str, str], tmp_path: Path
) -> None:
    course = _course_with_codes(tmp_path)
    (course / "reminders" / "overdue.pl.md").write_text(
        "---\nsubject: Termin {termin}\n---\nDzień dobry {imie},\n", encoding="utf-8"
    )
    env["TRAINER_COURSE"] = str(course)
    code, _out, err = run(env, "remind", "--status", "overdue", "--dry-run", "--new-codes")
    assert code == 1
    assert "reminders/overdue.pl.md:2:17: unknown placeholder {termin}" in err
    assert "reminders/overdue.pl.md:4:13: unknown placeholder {imie}" in err


def test_overdue_learners_get_the_overdue_template(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "deadline", "set", "--team", "IT", "2026-01-15")[0] == 0
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        assert _remind(env, port, "--status", "overdue")[0] == 0
    received = mailbox.by_recipient()
    assert sorted(received) == ["john@firma.pl", "zenon@firma.pl"]
    assert received["zenon@firma.pl"]["Subject"].startswith("Termin minął:")
    assert "minął 15 stycznia 2026" in received["zenon@firma.pl"].get_content()
    assert dt.date.today() > dt.date(2026, 1, 15)
