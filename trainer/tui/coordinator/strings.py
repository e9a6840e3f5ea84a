"""Interface text of the coordinator dashboard in Polish and English.

Kept apart from the learner app's `trainer.tui.i18n` so the two apps can grow their wording
independently; the lookup rules are the same (the coordinator's language, then English, then
the key itself, so a missing entry shows up instead of crashing).
"""

from __future__ import annotations

from typing import Final

from trainer.tui.i18n import Translator

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # key: (Polish, English)
    "app.title": ("Panel koordynatora", "Coordinator dashboard"),
    "tab.learners": ("Uczestnicy", "Learners"),
    "tab.charts": ("Wykresy", "Charts"),
    # learners table
    "col.name": ("Imię i nazwisko", "Name"),
    "col.email": ("E-mail", "E-mail"),
    "col.team": ("Zespół", "Team"),
    "col.status": ("Status", "Status"),
    "col.progress": ("Postęp", "Progress"),
    "col.modules": ("Moduły", "Modules"),
    "col.quizzes": ("Quizy", "Quizzes"),
    "col.policy": ("Zasady", "Policy"),
    "col.last_activity": ("Ostatnia aktywność", "Last activity"),
    "status.invited": ("zaproszony", "invited"),
    "status.started": ("rozpoczął", "started"),
    "status.in_progress": ("w trakcie", "in progress"),
    "status.complete": ("ukończył", "complete"),
    "policy.accepted_current": ("zaakceptowane", "accepted"),
    "policy.outdated": ("stara wersja", "outdated"),
    "policy.declined": ("odrzucone", "declined"),
    "policy.not_decided": ("brak decyzji", "not decided"),
    "filter.team": ("Zespół", "Team"),
    "filter.all_teams": ("Wszystkie zespoły", "All teams"),
    "filter.no_team": ("(bez zespołu)", "(no team)"),
    "filter.status": ("Status", "Status"),
    "filter.all_statuses": ("Każdy status", "Any status"),
    "filter.search": (
        "Szukaj: imię, nazwisko lub e-mail  ( / )",
        "Search: name or e-mail  ( / )",
    ),
    "table.loading": ("Wczytywanie uczestników…", "Loading learners…"),
    "table.loaded": ("Wczytano {n} z {total}", "Read {n} of {total}"),
    "table.count": (
        "{first}–{last} z {shown} (wszystkich: {total})",
        "{first}–{last} of {shown} (all learners: {total})",
    ),
    "table.empty": (
        "Nikt nie pasuje do filtrów (wszystkich: {total}).",
        "Nobody matches the filters (all learners: {total}).",
    ),
    "table.no_learners": (
        "W tym folderze danych nie ma jeszcze uczestników: {path}",
        "There are no learners in this data folder yet: {path}",
    ),
    "table.sorted": ("Sortowanie: {column} {direction}", "Sorted by {column} {direction}"),
    "table.unreadable": (
        "Nie można odczytać {n} plik(ów) uczestników (pominięto je; zob. `trainer verify`):",
        "{n} learner file(s) could not be read (left out; see `trainer verify`):",
    ),
    "page.prev": ("◀ Poprzednie", "◀ Previous"),
    "page.next": ("Następne ▶", "Next ▶"),
    # export
    "export.label": ("Eksport (filtr zespołu):", "Export (team filter):"),
    "export.csv": ("CSV", "CSV"),
    "export.csv_semicolon": ("CSV ;", "CSV ;"),
    "export.jsonl": ("JSONL", "JSONL"),
    "export.xapi": ("xAPI", "xAPI"),
    "export.running": ("Eksportowanie…", "Exporting…"),
    "export.saved": ("Zapisano eksport: {path}", "Export saved: {path}"),
    "export.downloaded": ("Eksport wysłany do przeglądarki.", "Export sent to your browser."),
    "export.failed": ("Eksport nie powiódł się: {error}", "The export failed: {error}"),
    "export.skipped": (
        "Pominięto {n} nieczytelny(ch) plik(ów) uczestników; eksport ich nie zawiera.",
        "{n} unreadable learner file(s) were left out of the export.",
    ),
    "export.summary": (
        "Eksport {format}: {learners} uczestnik(ów), {lines} wiersz(y).",
        "{format} export: {learners} learner(s), {lines} line(s).",
    ),
    # charts
    "charts.scope_all": ("Wszyscy uczestnicy ({n})", "All learners ({n})"),
    "charts.scope_team": ("Zespół: {team} ({n})", "Team: {team} ({n})"),
    "charts.modules": ("Ukończenie modułów", "Completion by module"),
    "charts.scores": ("Rozkład wyników quizów", "Score distribution per quiz"),
    "charts.quiz": (
        "{title}: ocenionych {graded}, zaliczonych {passed}, średnia {mean}",
        "{title}: {graded} graded, {passed} passed, mean {mean}",
    ),
    "charts.no_scores": ("Nikt jeszcze nie ukończył tego quizu.", "Nobody has finished it yet."),
    "charts.funnel": ("Lejek", "Funnel"),
    "funnel.invited": ("zaproszeni", "invited"),
    "funnel.started": ("rozpoczęli", "started"),
    "funnel.modules_done": ("moduły ukończone", "modules done"),
    "funnel.quizzes_passed": ("quizy zaliczone", "quizzes passed"),
    "funnel.policy_accepted": ("zasady zaakceptowane", "policy accepted"),
    "funnel.complete": ("ukończyli", "complete"),
    "charts.empty": ("Brak danych do wykresów.", "No data to chart yet."),
    # learner detail
    "detail.title": ("Uczestnik: {name}", "Learner: {name}"),
    "detail.loading": ("Wczytywanie…", "Loading…"),
    "detail.profile": ("Profil", "Profile"),
    "detail.id": ("Identyfikator", "Id"),
    "detail.language": ("Język", "Language"),
    "detail.created": ("Utworzono", "Created"),
    "detail.status": ("Status", "Status"),
    "detail.progress": ("Postęp", "Progress"),
    "detail.modules": ("Moduły", "Modules"),
    "detail.module_state.not started": ("nierozpoczęty", "not started"),
    "detail.module_state.in progress": ("w trakcie", "in progress"),
    "detail.module_state.done": ("ukończony", "done"),
    "detail.col.module": ("Moduł", "Module"),
    "detail.col.state": ("Stan", "State"),
    "detail.col.started": ("Rozpoczęty (UTC)", "Started (UTC)"),
    "detail.col.completed": ("Ukończony (UTC)", "Completed (UTC)"),
    "detail.col.time": ("Czas (min:s)", "Time (min:s)"),
    "detail.attempts": ("Próby quizów", "Quiz attempts"),
    "detail.col.quiz": ("Quiz", "Quiz"),
    "detail.col.number": ("Nr", "No."),
    "detail.col.score": ("Wynik", "Score"),
    "detail.col.passed": ("Zaliczona", "Passed"),
    "detail.col.finished": ("Zakończona (UTC)", "Finished (UTC)"),
    "detail.unfinished": ("niedokończona", "unfinished"),
    "detail.yes": ("tak", "yes"),
    "detail.no": ("nie", "no"),
    "detail.no_attempts": ("Brak prób.", "No attempts."),
    "detail.decisions": ("Decyzje dotyczące zasad", "Policy decisions"),
    "detail.no_decisions": ("Brak decyzji.", "No decisions."),
    "detail.decision.accepted": ("zaakceptował(a)", "accepted"),
    "detail.decision.declined": ("odrzucił(a)", "declined"),
    "detail.decision": (
        "#{n} {decision} {policy} wersja {version} ({lang}), {time}",
        "#{n} {decision} {policy} version {version} ({lang}), {time}",
    ),
    "detail.typed_name": ("wpisane imię i nazwisko: {name}", "typed name: {name}"),
    "detail.sha": ("SHA-256 tekstu: {sha}", "text SHA-256: {sha}"),
    "detail.chain": ("Łańcuch skrótów", "Hash chain"),
    "detail.chain_intact": (
        "Łańcuch nienaruszony: {n} decyzja(e) są takie, jak je zapisano.",
        "Chain intact: {n} decision(s) are as they were saved.",
    ),
    "detail.chain_altered": (
        "ZMIENIONO: zapis decyzji nie jest taki, jak go zapisano:",
        "ALTERED: the decisions are not as they were saved:",
    ),
    "detail.unreadable": (
        "Nie można odczytać pliku uczestnika: {error}",
        "The learner's file cannot be read: {error}",
    ),
    # help, keys, palette
    "key.help": ("pomoc", "help"),
    "key.theme": ("jasny/ciemny", "light/dark"),
    "key.quit": ("wyjdź", "quit"),
    "key.search": ("szukaj", "search"),
    "key.sort": ("sortuj", "sort"),
    "key.reverse": ("odwróć", "reverse"),
    "key.prev_page": ("poprz. str.", "prev page"),
    "key.next_page": ("nast. str.", "next page"),
    "key.reload": ("odśwież", "reload"),
    "key.learners": ("uczestnicy", "learners"),
    "key.charts": ("wykresy", "charts"),
    "key.back": ("wstecz", "back"),
    "key.close": ("zamknij", "close"),
    "cmd.export_csv": ("Eksport CSV (przecinek)", "Export CSV (comma)"),
    "cmd.export_csv_semicolon": (
        "Eksport CSV ze średnikiem (polski Excel)",
        "Export CSV with semicolons (Polish Excel)",
    ),
    "cmd.export_jsonl": ("Eksport JSONL", "Export JSONL"),
    "cmd.export_xapi": ("Eksport xAPI", "Export xAPI"),
    "cmd.learners": ("Pokaż uczestników", "Show learners"),
    "cmd.charts": ("Pokaż wykresy", "Show charts"),
    "cmd.reload": ("Wczytaj dane ponownie", "Reload the data"),
    "cmd.help": ("Pomoc panelu koordynatora", "Coordinator dashboard help"),
    "cmd.theme": ("Przełącz jasny/ciemny motyw", "Toggle light/dark theme"),
    "common.close": ("Zamknij", "Close"),
    "common.saving_failed": ("Nie udało się zapisać: {error}", "Could not save: {error}"),
    "store.recovered": ("Naprawiono dane: {message}", "Data repaired: {message}"),
}


class CoordinatorText(Translator):
    """Dashboard text in the coordinator's language; falls back to English, then the key."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, _MESSAGES)


def message_keys() -> list[str]:
    return list(_MESSAGES)
