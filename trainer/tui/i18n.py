"""The learner app's interface text (gettext catalogues in trainer/locale/), key bindings included.

Content translations come from the course files. New text can be written as English directly,
`t("Choose one answer.")`; the symbolic keys below are the older form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from trainer.i18n import N_, P_, Message, available_languages
from trainer.i18n import Translator as BaseTranslator

if TYPE_CHECKING:
    from textual.dom import DOMNode

SUPPORTED: Final = available_languages()
"""Interface languages: English and every language with a compiled catalogue."""

_MESSAGES: Final[dict[str, Message]] = {
    # key: English message; Polish and other languages are in trainer/locale/
    "app.title": N_("Ambassador training"),
    "common.back": N_("Back"),
    "common.close": N_("Close"),
    "common.quit": N_("Quit"),
    "common.help": N_("Help"),
    "common.theme": N_("Theme"),
    "common.saving_failed": N_("Could not save: {error}"),
    # sign in
    "signin.title": N_("Welcome to the ambassador program"),
    "signin.intro": N_(
        "Sign in to start or continue your training. If you were invited, use the e-mail "
        "address from the invitation."
    ),
    "signin.email": N_("E-mail"),
    "signin.email_example": N_("anna.smith@company.com"),
    "signin.name": N_("Full name"),
    "signin.team": N_("Team / department"),
    "signin.submit": N_("Start"),
    "signin.known": N_("Welcome back, {name}! Press Start to continue."),
    "signin.invited": N_("You have an invitation. Check your details and press Start."),
    "signin.err.email": N_("Enter a valid e-mail address, e.g. anna.smith@company.com."),
    "signin.err.name": N_("Enter your full name (at least 2 characters)."),
    "signin.err.team": N_("Enter your team or department."),
    "signin.err.too_long": N_("This field is too long."),
    "signin.learners": N_("People on this computer"),
    # course map
    "map.continue": N_("▶ Continue"),
    "map.continue.module": N_("Continue: {title}, page {page}"),
    "map.continue.quiz": N_("Continue quiz: {title}, question {n}"),
    "map.continue.start_quiz": N_("Take the quiz: {title}"),
    "map.continue.policy": N_("Read and accept: {title}"),
    "map.continue.done": N_("Training complete — see your summary"),
    "map.progress": N_("Progress: {done} of {total} steps"),
    "map.due": N_("due {date}"),
    "map.overdue": N_("the due date was {date}"),
    "map.switch": N_("Switch learner"),
    "map.signed_in": N_("Signed in: {name} ({team})"),
    "map.minutes": N_("{n} min"),
    "status.not_started": N_("not started"),
    "status.in_progress": N_("in progress"),
    "status.done": N_("done"),
    "status.locked": N_("locked"),
    "map.locked_by": N_("first finish: {modules}"),
    "map.quiz": N_("Quiz: {title}"),
    "map.quiz.none": N_("not taken"),
    "map.quiz.after_module": N_("after the module"),
    "map.quiz.passed": N_("passed, {score}"),
    "map.quiz.failed": N_("not passed, {score}"),
    "map.quiz.in_progress": N_("in progress"),
    "map.quiz.no_attempts": N_("no attempts left, {score}"),
    "map.policy": N_("Policy: {title} (version {version})"),
    "policy.state.not_decided": N_("to accept"),
    "policy.state.accepted_current": P_("policy.state.accepted_current", "accepted"),
    "policy.state.declined": P_("policy.state.declined", "declined"),
    "policy.state.outdated": N_("new version — accept again"),
    "map.complete": N_("Training summary"),
    # reader
    "reader.page": N_("Page {n} of {total}"),
    "reader.contents": N_("Contents"),
    "reader.next": N_("Next"),
    "reader.prev": N_("Previous"),
    "reader.take_quiz": N_("Take the quiz"),
    "reader.module_done": N_("Module read. {next}"),
    "reader.offer_quiz": N_("Press q to take the quiz."),
    "reader.back_to_map": N_("Press Esc to return to the course map."),
    "reader.locked": N_("This module is still locked. First finish: {modules}."),
    # quiz
    "quiz.question": N_("Question {n} of {total}"),
    "quiz.points": N_("{n} pt"),
    "quiz.single": N_("Choose one answer."),
    "quiz.multiple": N_("Select every correct answer."),
    "quiz.short": N_("Type your answer."),
    "quiz.ordering": N_(
        "Put these in the right order: pick an item and move it with [ and ] (or the buttons)."
    ),
    "quiz.answer": N_("Answer"),
    "quiz.next": N_("Next question"),
    "quiz.finish": N_("Finish the quiz"),
    "quiz.hint": N_("Hint"),
    "quiz.hint_label": N_("Hint:"),
    "quiz.move_up": N_("Move up"),
    "quiz.move_down": N_("Move down"),
    "quiz.correct": N_("Correct!"),
    "quiz.partly": N_("Partly right ({points} of {max} pt)."),
    "quiz.wrong": N_("Not quite."),
    "quiz.correct_answer": N_("Correct answer: {answer}"),
    "quiz.correct_answers": N_("Correct answers:"),
    "quiz.intro.pass": N_("Pass mark: {percent}."),
    "quiz.intro.attempt": N_("Attempt {n} of {total}."),
    "quiz.intro.attempt_unlimited": N_("Attempt {n} (no limit)."),
    "quiz.intro.partial": N_("Partly right multiple-choice answers earn part of the points."),
    "quiz.intro.counts": N_("What counts: {method}."),
    "quiz.your_answer": N_("Your answer: {answer}"),
    "quiz.explanation": N_("Explanation"),
    "quiz.need_answer": N_("Choose or type an answer first."),
    "quiz.result.title": N_("Quiz result: {title}"),
    "quiz.result.score": N_("Your score: {points} of {max} pt ({percent})."),
    "quiz.result.pass_mark": N_("Pass mark: {percent}."),
    "quiz.result.passed": N_("Passed — well done!"),
    "quiz.result.failed": N_("Not passed this time."),
    "quiz.result.graded": N_("What counts: {method} — currently {percent}, {state}."),
    "quiz.result.unlimited": N_("You may retake it as often as you like."),
    "quiz.result.no_attempts": N_("No attempts left. Please contact the program coordinator."),
    "quiz.grading.highest": N_("your best attempt"),
    "quiz.grading.last": N_("your last attempt"),
    "quiz.grading.first": N_("your first attempt"),
    "quiz.grading.average": N_("the average of your attempts"),
    "quiz.state.passed": N_("passed"),
    "quiz.state.failed": N_("not passed"),
    "quiz.result.next": N_("Next on the course map: {step}"),
    "quiz.retake": N_("Retake"),
    "quiz.review": N_("Review attempts"),
    "quiz.to_map": N_("Course map"),
    "quiz.locked": N_("The quiz opens once you have read the module “{title}”."),
    "quiz.review.title": N_("Attempts: {title}"),
    "quiz.review.attempt": N_("Attempt {n} — {date}: {points} of {max} pt, {state}"),
    "quiz.review.unfinished": N_("Attempt {n} — {date}: unfinished"),
    "quiz.review.none": N_("No attempts yet."),
    "quiz.review.no_answer": N_("(not answered)"),
    # policy
    "policy.scroll": N_("Read the whole text — scroll to the end to be able to accept."),
    "policy.read_done": N_("Read to the end."),
    "policy.checkbox": N_("I have read this policy and agree to follow it"),
    "policy.type_name": N_("Type your full name: {name}"),
    "policy.accept": N_("I accept"),
    "policy.decline": N_("I decline"),
    "policy.accepted": N_("You accepted version {version} on {date}."),
    "policy.declined_info": N_(
        "You declined this policy on {date}. You can accept it at any time."
    ),
    "policy.changed": N_(
        "The policy changed since version {version}, which you accepted. What changed:"
    ),
    "policy.changed_unknown": N_("The policy changed since version {version}, which you accepted."),
    "policy.confirm_decline": N_(
        "Decline the policy? We will record your decision; without acceptance the training "
        "cannot be completed."
    ),
    "policy.yes_decline": N_("Yes, decline"),
    "policy.cancel": N_("Cancel"),
    "policy.saved_accept": N_("Acceptance saved."),
    "policy.saved_decline": N_("Your decline has been recorded."),
    "policy.name_hint": N_("Type your full name as you signed in: {name}"),
    "policy.name_placeholder": N_("Your full name"),
    "policy.name_mismatch": N_("Type your full name exactly as: {name}"),
    # completion
    "complete.title": N_("Congratulations, {name}!"),
    "complete.intro": N_("You have completed the ambassador training. Here is your summary:"),
    "complete.save": N_("Save my record"),
    "complete.saved": N_("Saved: {path}"),
    "complete.not_yet": N_("The training is not complete yet. Here is your record so far:"),
    "cmd.theme": N_("Light or dark colours"),
    "cmd.theme.help": N_("Switch between the light and the dark look (F2)"),
    "cmd.quit": N_("Quit"),
    "cmd.quit.help": N_("Close the app (progress is saved)"),
    "cmd.help": N_("Help"),
    "cmd.help.help": N_("How to use the training"),
    "cmd.placeholder": N_("Search for commands…"),
    # commands / help
    "cmd.continue": N_("Continue the training"),
    "cmd.module": N_("Go to module: {title}"),
    "cmd.save_record": N_("Save my record to a file"),
    "cmd.switch": N_("Switch learner (sign out)"),
    "cmd.policy": N_("Open the policy: {title}"),
    "cmd.map": N_("Course map"),
    "key.next": N_("next"),
    "key.prev": N_("previous"),
    "key.contents": N_("contents"),
    "key.quiz": N_("quiz"),
    "key.back": N_("map"),
    "key.help": N_("help"),
    "key.hint": N_("hint"),
    "key.theme": N_("light/dark"),
    "key.quit": N_("quit"),
    "key.palette": N_("commands"),
    "key.continue": N_("continue"),
    "key.move_up": N_("up"),
    "key.move_down": N_("down"),
    # store / recovery
    "store.recovered": N_("Data repaired: {message}"),
    "store.unreadable": N_("Your record could not be read: {error}"),
    # preview
    "preview.title": N_("Preview: {path}"),
    "preview.broken": N_("The file has errors — fixes show up here automatically when you save:"),
    "preview.reloaded": N_("Reloaded {path}"),
    "preview.no_progress": N_("Preview mode: nothing you do here is saved."),
}


BINDING_DESCRIPTIONS: Final = (
    N_("help"),
    N_("light/dark"),
    N_("quit"),
    N_("save my record"),
    N_("map"),
    N_("continue"),
    N_("switch learner"),
    N_("close"),
    N_("cancel"),
    N_("what changed"),
    N_("open again"),
    N_("hint"),
    N_("answer"),
    N_("answer / next"),
    N_("retake"),
    N_("review"),
    N_("back"),
    N_("next"),
    N_("previous"),
    N_("contents"),
    N_("links"),
    N_("quiz"),
    N_("up"),
    N_("down"),
    N_("scroll"),
    N_("palette"),
    N_("problems"),
)
"""Footer descriptions of our key bindings: marked here so that they are extracted."""


class Translator(BaseTranslator):
    """The learner app's text: its key table, in the learner's language."""

    def __init__(self, lang: str, catalogue: Mapping[str, Message] | None = None) -> None:
        super().__init__(lang, _MESSAGES if catalogue is None else catalogue)

    def binding(self, description: str) -> str:
        """A key's footer description in the interface language."""
        return self(description)


def localize_bindings(node: DOMNode, t: Translator) -> None:
    """Give `node`'s key bindings descriptions in the interface language (for the footer)."""
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = [
            replace(b, description=t.binding(b.description)) if b.description else b
            for b in bindings
        ]


def message_keys() -> list[str]:
    return list(_MESSAGES)
