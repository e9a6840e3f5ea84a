"""Our xAPI statements are accepted by a real Learning Record Store: Ralph (France Université
Numérique's LRS, `pip install ralph-malph[cli,lrs]`), run here with its file-system backend
by `ralph_lrs_server.py`, which says why it does not use `ralph runserver` (a second batch
got HTTP 500).

`.ci/run` installs Ralph in a virtualenv of its own and points `TRAINER_TEST_RALPH` at its
`ralph` command; without that variable this module is skipped (and says how to run it).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.export.test_sample_course_journey import START, sample_course_folder, take_quiz
from tests.responses import wrong_response
from trainer.cli import main
from trainer.content.models import Course
from trainer.learning.policy import decide_policy
from trainer.learning.records import LearnerProfile
from trainer.locations import bundled_course_dir
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import AmbassadorPosts
from trainer.studio.review import decide

RALPH = os.environ.get("TRAINER_TEST_RALPH")
pytestmark = pytest.mark.skipif(
    not RALPH,
    reason="set TRAINER_TEST_RALPH to a `ralph` command (ralph-malph[cli,lrs]); .ci/run does",
)
USER, PASSWORD = "coordinator", "lrs-test-passphrase"
BASE_IRI = "https://szkolenia.firma.pl/ambasadorzy/"
SERVER = Path(__file__).with_name("ralph_lrs_server.py")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Lrs:
    """The xAPI HTTP interface of a running LRS, with basic authentication."""

    def __init__(self, url: str) -> None:
        self.url = url
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
        }

    def request(self, method: str, query: str = "", body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            f"{self.url}/xAPI/statements{query}", data=data, method=method, headers=self.headers
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                payload = response.read()
                return response.status, json.loads(payload) if payload else None
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lrs]:
    assert RALPH and Path(RALPH).exists(), f"TRAINER_TEST_RALPH={RALPH!r} is not a file"
    home = tmp_path_factory.mktemp("ralph")
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(home / "app"),
        "RALPH_RUNSERVER_BACKEND": "fs",
    }
    credentials = ["-u", USER, "-p", PASSWORD, "-s", "all", "-M", "mailto:hr@firma.pl", "-w"]
    subprocess.run(
        [RALPH, "auth", *credentials],
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    (home / "statements").mkdir()
    env["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = str(home / "statements")
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [str(Path(RALPH).parent / "python"), str(SERVER), "127.0.0.1", str(port)],
        env=env,
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    client = Lrs(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.request("GET")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, (home / "server.log").read_text()
            assert time.monotonic() < deadline, (home / "server.log").read_text()
            time.sleep(0.3)
        yield client
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _fail_first_quiz_and_decline(folder: DataFolder, course: Course, learner_id: str) -> None:
    store = folder.learner(learner_id)
    quiz = next(course.quizzes[m.quiz] for m in course.modules if m.quiz)
    now = START + dt.timedelta(days=1)
    now = take_quiz(store, quiz, wrong_response, lang="en", now=now, seed=2)
    assert not store.read().attempts[-1].passed
    profile = store.read().profile
    decline = decide_policy(
        course.policy,
        profile,
        "declined",
        lang="en",
        scrolled_to_end=True,
        box_checked=False,
        now=now,
    )
    store.record_policy_decision(decline)


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    data = tmp_path_factory.mktemp("journey") / "data"
    tom = LearnerProfile(learner_id="tom", name="Tom [b]Hale[/b]", email="tom@firma.pl", team="IT")
    folder, course = sample_course_folder(data, tom)
    _fail_first_quiz_and_decline(folder, course, "tom")
    # Łucja writes a post in the studio, sends it for review, HR approves, she publishes it.
    posts = AmbassadorPosts(folder.learner("lucja"), course.config.posts)
    post = posts.new(
        source="hub", network="linkedin", language="pl", draft="x", template_id="blog-article"
    )
    post = posts.submit(post, "[REKLAMA] Pracuję w Przykładowej i polecam nasz artykuł.")
    decide(folder, "lucja", post.post_id, decision="approved", comment="", reviewer="hr:marta")
    post = folder.learner("lucja").read().posts[0]
    posts.mark_posted(post, post.draft, "https://www.linkedin.com/feed/update/urn:li:1")
    env = {"TRAINER_DATA_DIR": str(data), "TRAINER_COURSE": str(bundled_course_dir())}
    result = CliRunner().invoke(
        main, ["export", "--format", "xapi", "--base-iri", BASE_IRI], env=env
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_lrs_stores_every_statement_under_our_ids(
    lrs: Lrs, statements: list[dict[str, Any]]
) -> None:
    verbs = {s["verb"]["id"].rsplit("/", 1)[-1] for s in statements}
    assert verbs == {
        "registered",
        "attempted",
        "completed",
        "passed",
        "failed",
        "accept",
        "declined",
        "submit",
        "approve",
        "share",
        "answered",  # the sample course's writing exercise
    }

    status, ids = lrs.request("POST", body=statements)

    assert status == 200, ids
    assert ids == [s["id"] for s in statements]
    for sent in statements:
        status, stored = lrs.request(
            "GET", "?" + urllib.parse.urlencode({"statementId": sent["id"]})
        )
        assert status == 200, stored
        found = stored.get("statements", [stored])
        assert [(s["verb"]["id"], s["object"]["id"]) for s in found] == [
            (sent["verb"]["id"], sent["object"]["id"])
        ]


def test_sending_the_same_export_again_is_accepted_and_adds_nothing(
    lrs: Lrs, statements: list[dict[str, Any]]
) -> None:
    lrs.request("POST", body=statements)
    agent = json.dumps({"mbox": "mailto:lucja@firma.pl"})
    _, before = lrs.request("GET", "?" + urllib.parse.urlencode({"agent": agent, "limit": 100}))

    status, _ = lrs.request("POST", body=statements)  # the same deterministic ids again

    assert status in (200, 204)
    _, after = lrs.request("GET", "?" + urllib.parse.urlencode({"agent": agent, "limit": 100}))
    assert len(after["statements"]) == len(before["statements"])
    assert len(before["statements"]) == sum(
        1 for s in statements if s["actor"]["mbox"] == "mailto:lucja@firma.pl"
    )


def test_the_lrs_refuses_a_statement_that_breaks_the_spec(lrs: Lrs) -> None:
    """Proof that acceptance above means something: this LRS checks what it is sent."""
    broken = {"actor": {"mbox": "lucja@firma.pl"}, "verb": {"id": "completed"}, "object": {}}

    status, _ = lrs.request("POST", body=[broken])

    assert not 200 <= status < 300


def test_send_xapi_delivers_an_export_file_in_batches(
    lrs: Lrs, statements: list[dict[str, Any]], tmp_path: Path
) -> None:
    exported = tmp_path / "statements.jsonl"
    exported.write_text(
        "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements), encoding="utf-8"
    )
    env = {"TRAINER_LRS_USER": USER, "TRAINER_LRS_PASSWORD": PASSWORD}
    arguments = ["send-xapi", str(exported), "--lrs", f"{lrs.url}/xAPI/", "--batch", "4"]

    result = CliRunner().invoke(main, arguments, env=env)

    assert result.exit_code == 0, result.output
    batches = -(-len(statements) // 4)
    assert f"accepted {len(statements)} statement(s)" in result.stderr
    assert f"in {batches} batch(es): 0 new, {len(statements)} it already had." in result.stderr
    agent = json.dumps({"mbox": "mailto:tom@firma.pl"})
    _, stored = lrs.request("GET", "?" + urllib.parse.urlencode({"agent": agent}))
    verbs = sorted(s["verb"]["id"].rsplit("/", 1)[-1] for s in stored["statements"])
    steps = ("registered", "attempted", "answered")
    assert [v for v in verbs if v not in steps] == ["declined", "failed"]
    assert verbs.count("registered") == 1


def test_send_xapi_says_when_the_lrs_refuses_the_password(
    lrs: Lrs, statements: list[dict[str, Any]], tmp_path: Path
) -> None:
    exported = tmp_path / "statements.jsonl"
    exported.write_text(json.dumps(statements[0]) + "\n", encoding="utf-8")
    env = {"TRAINER_LRS_USER": USER, "TRAINER_LRS_PASSWORD": "not-the-password"}

    arguments = ["send-xapi", str(exported), "--lrs", f"{lrs.url}/xAPI"]
    result = CliRunner().invoke(main, arguments, env=env)

    assert result.exit_code == 1
    assert "did not accept the user name or password (HTTP 401" in result.stderr


def test_a_second_different_batch_is_stored_and_send_xapi_counts_new_and_known(
    lrs: Lrs, statements: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Ralph's stock `runserver -b fs` answered 500 here: it could write its file only once."""
    lrs.request("POST", body=statements)
    other = LearnerProfile(learner_id="ola", name="Ola Wiśniewska", email="ola@firma.pl")
    data = tmp_path / "data"
    folder, course = sample_course_folder(data, other)
    _fail_first_quiz_and_decline(folder, course, "ola")
    env = {"TRAINER_DATA_DIR": str(data), "TRAINER_COURSE": str(bundled_course_dir())}
    exported = tmp_path / "second.jsonl"
    result = CliRunner().invoke(
        main, ["export", "--format", "xapi", "--base-iri", BASE_IRI, "-o", str(exported)], env=env
    )
    assert result.exit_code == 0, result.output
    second = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    olas = [s for s in second if s["actor"]["mbox"] == "mailto:ola@firma.pl"]
    assert olas

    env = {"TRAINER_LRS_USER": USER, "TRAINER_LRS_PASSWORD": PASSWORD}
    arguments = ["send-xapi", str(exported), "--lrs", f"{lrs.url}/xAPI/", "--batch", "5"]
    result = CliRunner().invoke(main, arguments, env=env)

    assert result.exit_code == 0, result.output
    # Lucja's statements came in the first send; Ola's are new.
    assert f"{len(olas)} new, {len(second) - len(olas)} it already had." in result.stderr
    agent = json.dumps({"mbox": "mailto:ola@firma.pl"})
    _, stored = lrs.request("GET", "?" + urllib.parse.urlencode({"agent": agent, "limit": 100}))
    assert sorted(s["id"] for s in stored["statements"]) == sorted(s["id"] for s in olas)
