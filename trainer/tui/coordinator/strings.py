"""Interface text of the coordinator dashboard: its key table (translations in trainer/locale/).

Kept apart from the learner app's key table so the two apps can grow their wording
independently; both are looked up in the same gettext catalogues.
"""

from __future__ import annotations

from typing import Final

from trainer.i18n import N_, P_, Message
from trainer.tui.i18n import Translator

_MESSAGES: Final[dict[str, Message]] = {
    # key: English message
    "app.title": N_("Coordinator dashboard"),
    "tab.learners": N_("Learners"),
    "tab.charts": N_("Charts"),
    "tab.audit": N_("Audit trail"),
    "audit.intact": N_(
        "Audit trail intact: {n} entries (newest first; `trainer audit` lists all)."
    ),
    "audit.damaged": N_("The audit trail is damaged ({n} problem(s)); first: {first}"),
    "audit.col.when": N_("When"),
    "audit.col.who": N_("Who"),
    "audit.col.action": N_("Action"),
    "audit.col.details": N_("Details"),
    "key.audit": N_("audit"),
    # learners table
    "col.name": N_("Name"),
    "col.email": N_("E-mail"),
    "col.team": N_("Team"),
    "col.status": N_("Status"),
    "col.progress": N_("Progress"),
    "col.modules": N_("Modules"),
    "col.quizzes": N_("Quizzes"),
    "col.policy": N_("Policy"),
    "col.due": N_("Due"),
    "col.last_activity": N_("Last active"),
    "status.invited": P_("status.invited", "invited"),
    "status.started": P_("status.started", "started"),
    "status.in_progress": N_("in progress"),
    "status.complete": P_("status.complete", "complete"),
    "status.overdue": P_("status.overdue", "overdue"),
    "policy.accepted_current": P_("policy.accepted_current", "accepted"),
    "policy.outdated": N_("outdated"),
    "policy.declined": P_("policy.declined", "declined"),
    "policy.not_decided": N_("not decided"),
    "filter.team": N_("Team"),
    "filter.all_teams": N_("All teams"),
    "filter.no_team": N_("(no team)"),
    "filter.status": N_("Status"),
    "filter.all_statuses": N_("Any status"),
    "filter.search": N_("Search: name or e-mail  ( / )"),
    "table.loading": N_("Loading learners…"),
    "table.loaded": N_("Read {n} of {total}"),
    "table.count": N_("{first}–{last} of {shown} (all learners: {total})"),
    "table.empty": N_("Nobody matches the filters (all learners: {total})."),
    "table.no_learners": N_("There are no learners in this data folder yet: {path}"),
    "table.sorted": N_("Sorted by {column} {direction}"),
    "table.unreadable": N_(
        "{n} learner file(s) could not be read (left out; see `trainer verify`):"
    ),
    "page.prev": N_("◀ Previous"),
    "page.next": N_("Next ▶"),
    # export
    "export.label": N_("Export (filtered):"),
    "export.csv": N_("CSV"),
    "export.csv_semicolon": N_("CSV ;"),
    "export.jsonl": N_("JSONL"),
    "export.xapi": N_("xAPI"),
    "export.running": N_("Exporting…"),
    "export.saved": N_("Export saved: {path}"),
    "export.downloaded": N_("Export sent to your browser."),
    "export.failed": N_("The export failed: {error}"),
    "export.skipped": N_("{n} unreadable learner file(s) were left out of the export."),
    "export.summary": N_("{format} export: {learners} learner(s), {lines} line(s)."),
    # charts
    "charts.scope_all": N_("All learners ({n})"),
    "charts.scope_team": N_("Team: {team} ({n})"),
    "charts.modules": N_("Completion by module"),
    "charts.scores": N_("Score distribution per quiz"),
    "charts.quiz": N_("{title}: {graded} graded, {passed} passed, mean {mean}"),
    "charts.no_scores": N_("Nobody has finished it yet."),
    "charts.funnel": N_("Funnel"),
    "funnel.invited": P_("funnel.invited", "invited"),
    "funnel.started": P_("funnel.started", "started"),
    "funnel.modules_done": N_("modules done"),
    "funnel.quizzes_passed": N_("quizzes passed"),
    "funnel.policy_accepted": N_("policy accepted"),
    "funnel.complete": P_("funnel.complete", "complete"),
    "charts.empty": N_("No data to chart yet."),
    # learner detail
    "detail.title": N_("Learner: {name}"),
    "detail.loading": N_("Loading…"),
    "detail.profile": N_("Profile"),
    "detail.id": N_("Id"),
    "detail.language": N_("Language"),
    "detail.created": N_("Created"),
    "detail.status": N_("Status"),
    "detail.progress": N_("Progress"),
    "detail.modules": N_("Modules"),
    "detail.module_state.not started": N_("not started"),
    "detail.module_state.in progress": N_("in progress"),
    "detail.module_state.done": N_("done"),
    "detail.col.module": N_("Module"),
    "detail.col.state": N_("State"),
    "detail.col.started": N_("Started (UTC)"),
    "detail.col.completed": N_("Completed (UTC)"),
    "detail.col.time": N_("Time (min:s)"),
    "detail.attempts": N_("Quiz attempts"),
    "detail.col.quiz": N_("Quiz"),
    "detail.col.number": N_("No."),
    "detail.col.score": N_("Score"),
    "detail.col.passed": N_("Passed"),
    "detail.col.finished": N_("Finished (UTC)"),
    "detail.unfinished": N_("unfinished"),
    "detail.yes": N_("yes"),
    "detail.no": N_("no"),
    "detail.no_attempts": N_("No attempts."),
    "detail.decisions": N_("Policy decisions"),
    "detail.no_decisions": N_("No decisions."),
    "detail.decision.accepted": P_("detail.decision.accepted", "accepted"),
    "detail.decision.declined": P_("detail.decision.declined", "declined"),
    "detail.decision": N_("#{n} {decision} {policy} version {version} ({lang}), {time}"),
    "detail.typed_name": N_("typed name: {name}"),
    "detail.sha": N_("text SHA-256: {sha}"),
    "detail.chain": N_("Hash chain"),
    "detail.chain_intact": N_("Chain intact: {n} decision(s) are as they were saved."),
    "detail.chain_altered": N_("ALTERED: the decisions are not as they were saved:"),
    "detail.unreadable": N_("The learner's file cannot be read: {error}"),
    # help, keys, palette
    "key.help": N_("help"),
    "key.theme": N_("light/dark"),
    "key.quit": N_("quit"),
    "key.palette": N_("palette"),
    "key.search": N_("search"),
    "key.sort": N_("sort"),
    "key.reverse": N_("reverse"),
    "key.prev_page": N_("prev page"),
    "key.next_page": N_("next page"),
    "key.reload": N_("reload"),
    "key.learners": N_("learners"),
    "key.charts": N_("charts"),
    "key.review": N_("review"),
    "key.back": N_("back"),
    "key.close": N_("close"),
    "cmd.export_csv": N_("Export CSV (comma)"),
    "cmd.export_csv_semicolon": N_("Export CSV with semicolons (Polish Excel)"),
    "cmd.export_jsonl": N_("Export JSONL"),
    "cmd.export_xapi": N_("Export xAPI"),
    "cmd.learners": N_("Show learners"),
    "cmd.charts": N_("Show charts"),
    "cmd.reload": N_("Reload the data"),
    "cmd.help": N_("Coordinator dashboard help"),
    "cmd.theme": N_("Toggle light/dark theme"),
    "common.close": N_("Close"),
    "common.saving_failed": N_("Could not save: {error}"),
    "store.recovered": N_("Data repaired: {message}"),
}


class CoordinatorText(Translator):
    """Dashboard text in the coordinator's language; untranslated text stays English."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, _MESSAGES)


def message_keys() -> list[str]:
    return list(_MESSAGES)
