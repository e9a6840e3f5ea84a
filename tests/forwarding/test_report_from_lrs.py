"""Beyond one machine, on loopback: three hosts' data folders forward to one real Ralph LRS, and
`trainer report --from-lrs` equals `trainer report` over the three folders merged.

Each host's learners take their steps through the store with forwarding on (the outbox is
filled in the same write as each step, as `trainer serve --lrs` does) and `trainer forward`
delivers them. One host's coordinator moves a learner to another team from a process that does
not forward (the command line): the forwarder picks the change up from the file.

Needs TRAINER_TEST_RALPH (a `ralph` command; .ci/run sets it). Loopback only; waits are bounded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES
from tests.export.test_real_lrs import PASSWORD, RALPH, USER
from tests.export.test_sample_course_journey import take_quiz
from tests.forwarding.ralph import Ralph
from tests.responses import correct_response, wrong_response
from trainer.cli import main
from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.forwarding.config import ForwardingConfig, write_config
from trainer.forwarding.outbox import attach_outbox
from trainer.learning.attempts import answer_question, new_attempt
from trainer.learning.policy import decide_policy
from trainer.learning.records import LearnerProfile, ModuleProgress
from trainer.store.folder import DataFolder

pytestmark = pytest.mark.skipif(not RALPH, reason="set TRAINER_TEST_RALPH (.ci/run does)")
BASE_IRI = "https://learning.firma.pl/ambasadorzy/"
COURSE_DIR = FIXTURES / "mini_course"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load_course(COURSE_DIR).course
    assert loaded is not None
    return loaded


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    assert RALPH is not None
    lrs = Ralph(RALPH, tmp_path / "ralph")
    lrs.env["RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT"] = "25"  # pages of 25: `more` is followed
    lrs.start()
    try:
        yield lrs
    finally:
        lrs.stop()


def run(*arguments: str) -> Any:
    env = {"TRAINER_LRS_PASSWORD": PASSWORD, "TRAINER_COURSE": str(COURSE_DIR)}
    return CliRunner().invoke(main, list(arguments), env=env)


class Host:
    """One `trainer serve` host's data folder, forwarding to the LRS."""

    def __init__(self, root: Path, course: Course, endpoint: str) -> None:
        self.data = DataFolder(root)
        write_config(self.data, ForwardingConfig(endpoint=endpoint, user=USER, base_iri=BASE_IRI))
        assert attach_outbox(self.data, course)
        self.course = course

    def enrol(self, n: int, team: str, status: str = "active", **extra: Any) -> str:
        name, email = f"Osoba {n:02d} Żółć", f"osoba{n:02d}@firma.pl"
        learner_id = self.data.new_learner_id(name, email)
        profile = LearnerProfile(
            learner_id=learner_id,
            name=name,
            email=email,
            team=team,
            status=status,  # type: ignore[arg-type]
            language="pl" if n % 2 else "en",
            created_at=START + dt.timedelta(minutes=n),
            **extra,
        )
        self.data.create_learner(profile)
        return learner_id

    def read(self, learner_id: str, index: int, n: int, *, to_the_end: bool = True) -> None:
        module = self.course.modules[index]
        pages = len(module.text("en").pages)
        opened = START + dt.timedelta(hours=1 + index, minutes=n)
        seen = pages if to_the_end else 1
        self.data.learner(learner_id).save_module_progress(
            ModuleProgress(
                module_id=module.id,
                page=seen - 1,
                pages_seen=list(range(seen)),
                started_at=opened,
                completed_at=opened + dt.timedelta(minutes=4) if to_the_end else None,
                seconds_spent=100 + n * 7.123457,  # a reading time as the app measures it
                updated_at=opened + dt.timedelta(minutes=4),
            )
        )

    def quiz(self, learner_id: str, n: int, *, right: bool, hour: int = 4) -> None:
        quiz = self.course.quizzes[next(m.quiz for m in self.course.modules if m.quiz)]
        take_quiz(
            self.data.learner(learner_id),
            quiz,
            correct_response if right else wrong_response,
            lang="pl",
            now=START + dt.timedelta(hours=hour, minutes=n),
            seed=n,
        )

    def quiz_left_half_way(self, learner_id: str, n: int) -> None:
        quiz = self.course.quizzes[next(m.quiz for m in self.course.modules if m.quiz)]
        store = self.data.learner(learner_id)
        now = START + dt.timedelta(hours=6, minutes=n)
        attempt = new_attempt(quiz, store.read().attempts, lang="en", seed=n, now=now)
        store.start_attempt(attempt)
        first = attempt.question_ids[0]
        question = quiz.text("en").question(first)
        answer = answer_question(attempt, quiz, first, correct_response(question), now=now)
        store.record_answer(attempt.attempt_id, answer)

    def decide(self, learner_id: str, n: int, decision: str = "accepted") -> None:
        store = self.data.learner(learner_id)
        profile = store.read().profile
        store.record_policy_decision(
            decide_policy(
                self.course.policy,
                profile,
                decision,  # type: ignore[arg-type]
                lang="pl",
                scrolled_to_end=True,
                box_checked=True,
                typed_name=profile.name if decision == "accepted" else None,
                now=START + dt.timedelta(days=2, minutes=n),
            )
        )


def fill_hosts(tmp_path: Path, course: Course, endpoint: str) -> list[Host]:
    """Twelve learners over three hosts, at every stage of the funnel."""
    a, b, c = (Host(tmp_path / name, course, endpoint) for name in ("host-a", "host-b", "host-c"))
    a.enrol(1, "Sprzedaż", status="invited")  # invited, never came
    a.enrol(2, "", status="invited", due=dt.date(2026, 3, 1))  # and overdue
    done = a.enrol(3, "Sprzedaż")
    a.read(done, 0, 3)
    a.read(done, 1, 3)
    a.quiz(done, 3, right=False)
    a.quiz(done, 3, right=True, hour=5)
    a.decide(done, 3)
    reading = a.enrol(4, " sprzedaż ")
    a.read(reading, 0, 4, to_the_end=False)

    failed = b.enrol(5, "IT")
    b.read(failed, 0, 5)
    b.quiz(failed, 5, right=False)
    b.decide(failed, 5, "declined")
    half_way = b.enrol(6, "IT", due=dt.date(2026, 3, 9))
    b.read(half_way, 0, 6)
    b.quiz_left_half_way(half_way, 6)
    b.enrol(7, "Łódź", status="invited")
    moved = b.enrol(8, "IT")
    b.read(moved, 0, 8)

    for n in (9, 10, 11):
        learner = c.enrol(n, "Marketing")
        c.read(learner, 0, n)
        c.read(learner, 1, n)
        c.quiz(learner, n, right=n != 10)
        c.decide(learner, n)
    c.enrol(12, "Marketing")  # registered themselves, did nothing yet

    # A coordinator on host B moves a learner to another team from the command line (a process
    # that does not forward): their next forwarder run sends the new enrolment.
    store = DataFolder(b.data.root).learner(moved)
    store.update_profile(store.read().profile.model_copy(update={"team": "Marketing"}))
    return [a, b, c]


def report(*arguments: str) -> tuple[str, str]:
    result = run("report", *arguments)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout, result.stderr


def test_the_report_from_the_lrs_equals_the_report_over_the_merged_hosts(
    tmp_path: Path, course: Course, ralph: Ralph
) -> None:
    endpoint = f"{ralph.url}/xAPI/"
    hosts = fill_hosts(tmp_path, course, endpoint)
    for host in hosts:  # each host's forwarder delivers its backlog
        result = run("forward", "--data-dir", str(host.data.root))
        assert result.exit_code == 0, result.output + result.stderr

    merged = tmp_path / "merged"  # today's way: export each host, import into one folder
    for host in hosts:
        exported = tmp_path / f"{host.data.root.name}.jsonl"
        assert (
            run(
                "export",
                "--format",
                "jsonl",
                "--data-dir",
                str(host.data.root),
                "-o",
                str(exported),
            ).exit_code
            == 0
        )
        assert run("import", str(exported), "--data-dir", str(merged)).exit_code == 0
    reporting = tmp_path / "reporting"  # the coordinator's own, empty folder
    lrs = ("--from-lrs", endpoint, "--lrs-user", USER, "--base-iri", BASE_IRI)

    for view in ("module", "team", "question"):
        for fmt in ("text", "csv"):
            local, _ = report("--by", view, "--format", fmt, "--data-dir", str(merged))
            remote, notes = report(
                "--by", view, "--format", fmt, "--data-dir", str(reporting), *lrs
            )
            assert remote == local, f"--by {view} --format {fmt}"
    assert "12 learner(s)" in notes, notes
    pages = int(notes.split(" page(s)")[0].rsplit(" ", 1)[1])
    assert pages > 3, notes

    local_doc = json.loads(report("--format", "json", "--data-dir", str(merged))[0])
    remote_doc = json.loads(report("--format", "json", "--data-dir", str(reporting), *lrs)[0])
    # xAPI keeps durations to 0.01 s: mean reading times agree to that, the rest exactly.
    for local_module, remote_module in zip(
        local_doc["modules"], remote_doc["modules"], strict=True
    ):
        local_minutes = local_module.pop("mean_minutes_done")
        remote_minutes = remote_module.pop("mean_minutes_done")
        assert (local_minutes is None) == (remote_minutes is None)
        if local_minutes is not None:
            assert abs(local_minutes - remote_minutes) * 60 < 0.01
    assert remote_doc == local_doc
    funnel = remote_doc["funnel"]
    # 12 enrolled, 3 of them invited and never came; 8 opened something; 3 completed everything
    assert (funnel["invited"], funnel["signed_in"], funnel["started"]) == (12, 9, 8)
    assert (funnel["complete"], funnel["overdue"]) == (3, 2)

    # Filters work the same on what the LRS rebuilt: the moved learner counts in Marketing.
    by_team, _ = report("--by", "team", "--team", "Marketing", "--data-dir", str(reporting), *lrs)
    assert by_team == report("--by", "team", "--team", "Marketing", "--data-dir", str(merged))[0]


def test_a_report_from_the_lrs_says_what_it_could_not_use(
    tmp_path: Path, course: Course, ralph: Ralph
) -> None:
    endpoint = f"{ralph.url}/xAPI/"
    host = Host(tmp_path / "host", course, endpoint)
    learner = host.enrol(1, "IT")
    host.read(learner, 0, 1)
    assert run("forward", "--data-dir", str(host.data.root)).exit_code == 0
    stray = {  # a module statement of someone whose enrolment never reached the LRS
        "actor": {"objectType": "Agent", "name": "Ktoś", "mbox": "mailto:ktos@firma.pl"},
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/attempted",
            "display": {"en-US": "attempted"},
        },
        "object": {"objectType": "Activity", "id": BASE_IRI + "modules/welcome"},
        "context": {"contextActivities": {"parent": [{"id": BASE_IRI + "course"}]}},
        "timestamp": "2026-03-03T10:00:00.000Z",
    }
    assert ralph.client.request("POST", body=[stray])[0] == 200

    result = run(
        "report",
        "--data-dir",
        str(tmp_path / "reporting"),
        "--from-lrs",
        endpoint,
        "--lrs-user",
        USER,
        "--base-iri",
        BASE_IRI,
    )
    assert result.exit_code == 3, result.output
    assert "1 learner(s) have no enrolment (`registered`) statement" in result.stderr
    assert "2 learner(s)" in result.stderr

    wrong = run(
        "report",
        "--data-dir",
        str(tmp_path / "reporting"),
        "--from-lrs",
        endpoint,
        "--lrs-user",
        USER,
        "--base-iri",
        "https://elsewhere.pl/",
    )
    assert wrong.exit_code == 0 and "0 learner(s)" in wrong.stderr
