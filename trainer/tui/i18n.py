"""Interface text in Polish and English. Content translations come from the course files."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from textual.dom import DOMNode

SUPPORTED: Final = ("pl", "en")

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # key: (Polish, English)
    "app.title": ("Szkolenie ambasadorów", "Ambassador training"),
    "common.back": ("Wstecz", "Back"),
    "common.close": ("Zamknij", "Close"),
    "common.quit": ("Wyjdź", "Quit"),
    "common.help": ("Pomoc", "Help"),
    "common.theme": ("Motyw", "Theme"),
    "common.saving_failed": ("Nie udało się zapisać: {error}", "Could not save: {error}"),
    # sign in
    "signin.title": ("Witaj w programie ambasadorskim", "Welcome to the ambassador program"),
    "signin.intro": (
        "Zaloguj się, aby zacząć lub kontynuować szkolenie. Jeśli masz zaproszenie, "
        "podaj e-mail z zaproszenia.",
        "Sign in to start or continue your training. If you were invited, use the e-mail "
        "address from the invitation.",
    ),
    "signin.email": ("E-mail", "E-mail"),
    "signin.email_example": ("anna.nowak@firma.pl", "anna.smith@company.com"),
    "signin.name": ("Imię i nazwisko", "Full name"),
    "signin.team": ("Zespół / dział", "Team / department"),
    "signin.submit": ("Zaczynam", "Start"),
    "signin.known": (
        "Witaj ponownie, {name}! Naciśnij Zaczynam, aby kontynuować.",
        "Welcome back, {name}! Press Start to continue.",
    ),
    "signin.invited": (
        "Masz zaproszenie. Sprawdź dane i naciśnij Zaczynam.",
        "You have an invitation. Check your details and press Start.",
    ),
    "signin.err.email": (
        "Podaj poprawny adres e-mail, np. anna.nowak@firma.pl.",
        "Enter a valid e-mail address, e.g. anna.smith@company.com.",
    ),
    "signin.err.name": (
        "Podaj imię i nazwisko (co najmniej 2 znaki).",
        "Enter your full name (at least 2 characters).",
    ),
    "signin.err.team": ("Podaj swój zespół lub dział.", "Enter your team or department."),
    "signin.err.too_long": ("To pole jest za długie.", "This field is too long."),
    "signin.learners": ("Osoby na tym komputerze", "People on this computer"),
    # course map
    "map.continue": ("▶ Kontynuuj", "▶ Continue"),
    "map.continue.module": ("Kontynuuj: {title}, strona {page}", "Continue: {title}, page {page}"),
    "map.continue.quiz": (
        "Kontynuuj quiz: {title}, pytanie {n}",
        "Continue quiz: {title}, question {n}",
    ),
    "map.continue.start_quiz": ("Rozwiąż quiz: {title}", "Take the quiz: {title}"),
    "map.continue.policy": ("Przeczytaj i zaakceptuj: {title}", "Read and accept: {title}"),
    "map.continue.done": (
        "Szkolenie ukończone — zobacz podsumowanie",
        "Training complete — see your summary",
    ),
    "map.progress": ("Postęp: {done} z {total} kroków", "Progress: {done} of {total} steps"),
    "map.switch": ("Zmień osobę", "Switch learner"),
    "map.signed_in": ("Zalogowano: {name} ({team})", "Signed in: {name} ({team})"),
    "map.minutes": ("{n} min", "{n} min"),
    "status.not_started": ("nierozpoczęty", "not started"),
    "status.in_progress": ("w trakcie", "in progress"),
    "status.done": ("ukończony", "done"),
    "status.locked": ("zablokowany", "locked"),
    "map.locked_by": ("najpierw: {modules}", "first finish: {modules}"),
    "map.quiz": ("Quiz: {title}", "Quiz: {title}"),
    "map.quiz.none": ("nierozwiązany", "not taken"),
    "map.quiz.after_module": ("po przeczytaniu modułu", "after the module"),
    "map.quiz.passed": ("zaliczony, {score}", "passed, {score}"),
    "map.quiz.failed": ("niezaliczony, {score}", "not passed, {score}"),
    "map.quiz.in_progress": ("w trakcie", "in progress"),
    "map.quiz.no_attempts": ("brak prób, {score}", "no attempts left, {score}"),
    "map.policy": ("Zasady: {title} (wersja {version})", "Policy: {title} (version {version})"),
    "policy.state.not_decided": ("do akceptacji", "to accept"),
    "policy.state.accepted_current": ("zaakceptowana", "accepted"),
    "policy.state.declined": ("odrzucona", "declined"),
    "policy.state.outdated": ("nowa wersja — zaakceptuj ponownie", "new version — accept again"),
    "map.complete": ("Podsumowanie szkolenia", "Training summary"),
    # reader
    "reader.page": ("Strona {n} z {total}", "Page {n} of {total}"),
    "reader.contents": ("Spis treści", "Contents"),
    "reader.next": ("Dalej", "Next"),
    "reader.prev": ("Wstecz", "Previous"),
    "reader.take_quiz": ("Rozwiąż quiz", "Take the quiz"),
    "reader.module_done": (
        "Moduł przeczytany. {next}",
        "Module read. {next}",
    ),
    "reader.offer_quiz": ("Naciśnij q, aby rozwiązać quiz.", "Press q to take the quiz."),
    "reader.back_to_map": (
        "Naciśnij Esc, aby wrócić do mapy kursu.",
        "Press Esc to return to the course map.",
    ),
    "reader.locked": (
        "Ten moduł jest jeszcze zablokowany. Najpierw: {modules}.",
        "This module is still locked. First finish: {modules}.",
    ),
    # quiz
    "quiz.question": ("Pytanie {n} z {total}", "Question {n} of {total}"),
    "quiz.points": ("{n} pkt", "{n} pt"),
    "quiz.single": ("Wybierz jedną odpowiedź.", "Choose one answer."),
    "quiz.multiple": ("Zaznacz wszystkie poprawne odpowiedzi.", "Select every correct answer."),
    "quiz.short": ("Wpisz odpowiedź.", "Type your answer."),
    "quiz.ordering": (
        "Ułóż w poprawnej kolejności: wybierz pozycję i przesuwaj ją klawiszami [ i ] "
        "(albo przyciskami).",
        "Put these in the right order: pick an item and move it with [ and ] (or the buttons).",
    ),
    "quiz.answer": ("Odpowiedz", "Answer"),
    "quiz.next": ("Następne pytanie", "Next question"),
    "quiz.finish": ("Zakończ quiz", "Finish the quiz"),
    "quiz.hint": ("Podpowiedź", "Hint"),
    "quiz.hint_label": ("Podpowiedź:", "Hint:"),
    "quiz.move_up": ("W górę", "Move up"),
    "quiz.move_down": ("W dół", "Move down"),
    "quiz.correct": ("Dobrze!", "Correct!"),
    "quiz.partly": (
        "Częściowo dobrze ({points} z {max} pkt).",
        "Partly right ({points} of {max} pt).",
    ),
    "quiz.wrong": ("Niestety nie.", "Not quite."),
    "quiz.correct_answer": ("Poprawna odpowiedź: {answer}", "Correct answer: {answer}"),
    "quiz.correct_answers": ("Poprawne odpowiedzi:", "Correct answers:"),
    "quiz.intro.pass": ("Próg zaliczenia: {percent}.", "Pass mark: {percent}."),
    "quiz.intro.attempt": ("Próba {n} z {total}.", "Attempt {n} of {total}."),
    "quiz.intro.attempt_unlimited": ("Próba {n} (bez limitu prób).", "Attempt {n} (no limit)."),
    "quiz.intro.draw": (
        "{n} pytań wylosowanych z {pool}.",
        "{n} questions drawn from {pool}.",
    ),
    "quiz.intro.partial": (
        "Za częściowo dobre odpowiedzi wielokrotnego wyboru dostajesz część punktów.",
        "Partly right multiple-choice answers earn part of the points.",
    ),
    "quiz.intro.counts": ("Liczy się {method}.", "What counts: {method}."),
    "quiz.your_answer": ("Twoja odpowiedź: {answer}", "Your answer: {answer}"),
    "quiz.explanation": ("Wyjaśnienie", "Explanation"),
    "quiz.need_answer": (
        "Najpierw wybierz lub wpisz odpowiedź.",
        "Choose or type an answer first.",
    ),
    "quiz.result.title": ("Wynik quizu: {title}", "Quiz result: {title}"),
    "quiz.result.score": (
        "Twój wynik: {points} z {max} pkt ({percent}).",
        "Your score: {points} of {max} pt ({percent}).",
    ),
    "quiz.result.pass_mark": ("Próg zaliczenia: {percent}.", "Pass mark: {percent}."),
    "quiz.result.passed": ("Zaliczone — gratulacje!", "Passed — well done!"),
    "quiz.result.failed": ("Tym razem się nie udało.", "Not passed this time."),
    "quiz.result.graded": (
        "Liczy się: {method} — obecnie {percent}, {state}.",
        "What counts: {method} — currently {percent}, {state}.",
    ),
    "quiz.result.attempts_left": ("Pozostało prób: {n}.", "Attempts left: {n}."),
    "quiz.result.unlimited": (
        "Możesz podchodzić dowolnie wiele razy.",
        "You may retake it as often as you like.",
    ),
    "quiz.result.no_attempts": (
        "Wykorzystano wszystkie próby. Skontaktuj się z koordynatorem programu.",
        "No attempts left. Please contact the program coordinator.",
    ),
    "quiz.grading.highest": ("najlepsza próba", "your best attempt"),
    "quiz.grading.last": ("ostatnia próba", "your last attempt"),
    "quiz.grading.first": ("pierwsza próba", "your first attempt"),
    "quiz.grading.average": ("średnia z prób", "the average of your attempts"),
    "quiz.state.passed": ("zaliczone", "passed"),
    "quiz.state.failed": ("niezaliczone", "not passed"),
    "quiz.result.next": ("Dalej na mapie kursu: {step}", "Next on the course map: {step}"),
    "quiz.retake": ("Podejdź ponownie", "Retake"),
    "quiz.review": ("Przegląd prób", "Review attempts"),
    "quiz.to_map": ("Mapa kursu", "Course map"),
    "quiz.locked": (
        "Quiz będzie dostępny po przeczytaniu modułu „{title}”.",
        "The quiz opens once you have read the module “{title}”.",
    ),
    "quiz.review.title": ("Przegląd prób: {title}", "Attempts: {title}"),
    "quiz.review.attempt": (
        "Próba {n} — {date}: {points} z {max} pkt, {state}",
        "Attempt {n} — {date}: {points} of {max} pt, {state}",
    ),
    "quiz.review.unfinished": (
        "Próba {n} — {date}: niedokończona",
        "Attempt {n} — {date}: unfinished",
    ),
    "quiz.review.none": ("Brak prób.", "No attempts yet."),
    "quiz.review.no_answer": ("(bez odpowiedzi)", "(not answered)"),
    # policy
    "policy.scroll": (
        "Przeczytaj cały tekst — przewiń do końca, aby móc zaakceptować.",
        "Read the whole text — scroll to the end to be able to accept.",
    ),
    "policy.read_done": ("Przeczytano do końca.", "Read to the end."),
    "policy.checkbox": (
        "Przeczytałem/am zasady i zobowiązuję się ich przestrzegać",
        "I have read this policy and agree to follow it",
    ),
    "policy.type_name": ("Wpisz swoje imię i nazwisko: {name}", "Type your full name: {name}"),
    "policy.accept": ("Akceptuję", "I accept"),
    "policy.decline": ("Nie akceptuję", "I decline"),
    "policy.accepted": (
        "Zaakceptowano wersję {version} dnia {date} (UTC).",
        "You accepted version {version} on {date} (UTC).",
    ),
    "policy.declined_info": (
        "Odrzuciłeś/aś te zasady {date} (UTC). Możesz je zaakceptować w każdej chwili.",
        "You declined this policy on {date} (UTC). You can accept it at any time.",
    ),
    "policy.changed": (
        "Zasady zmieniły się od wersji {version}, którą zaakceptowałeś/aś. Zmiany:",
        "The policy changed since version {version}, which you accepted. What changed:",
    ),
    "policy.changed_unknown": (
        "Zasady zmieniły się od wersji {version}, którą zaakceptowałeś/aś.",
        "The policy changed since version {version}, which you accepted.",
    ),
    "policy.confirm_decline": (
        "Na pewno nie akceptujesz zasad? Zapiszemy tę decyzję; bez akceptacji nie ukończysz "
        "szkolenia.",
        "Decline the policy? We will record your decision; without acceptance the training "
        "cannot be completed.",
    ),
    "policy.yes_decline": ("Tak, nie akceptuję", "Yes, decline"),
    "policy.cancel": ("Anuluj", "Cancel"),
    "policy.saved_accept": ("Akceptacja zapisana.", "Acceptance saved."),
    "policy.saved_decline": (
        "Zapisano, że nie akceptujesz zasad.",
        "Your decline has been recorded.",
    ),
    "policy.name_hint": (
        "Wpisz imię i nazwisko tak, jak przy logowaniu: {name}",
        "Type your full name as you signed in: {name}",
    ),
    "policy.name_placeholder": ("Twoje imię i nazwisko", "Your full name"),
    "policy.name_mismatch": (
        "Wpisz imię i nazwisko dokładnie tak: {name}",
        "Type your full name exactly as: {name}",
    ),
    # completion
    "complete.title": ("Gratulacje, {name}!", "Congratulations, {name}!"),
    "complete.intro": (
        "Ukończyłeś/aś szkolenie ambasadorskie. Oto Twoje podsumowanie:",
        "You have completed the ambassador training. Here is your summary:",
    ),
    "complete.save": ("Zapisz moje podsumowanie", "Save my record"),
    "complete.saved": ("Zapisano: {path}", "Saved: {path}"),
    "complete.not_yet": (
        "Szkolenie nie jest jeszcze ukończone. Oto Twój dotychczasowy zapis:",
        "The training is not complete yet. Here is your record so far:",
    ),
    "cmd.theme": ("Zmień motyw kolorów", "Change the colour theme"),
    "cmd.theme.help": ("Wybierz jasny lub ciemny motyw", "Pick a light or dark theme"),
    "cmd.quit": ("Wyjdź", "Quit"),
    "cmd.quit.help": (
        "Zamknij aplikację (postęp jest zapisany)",
        "Close the app (progress is saved)",
    ),
    "cmd.help": ("Pomoc", "Help"),
    "cmd.help.help": ("Jak korzystać ze szkolenia", "How to use the training"),
    "cmd.placeholder": ("Szukaj poleceń…", "Search for commands…"),
    # commands / help
    "cmd.continue": ("Kontynuuj szkolenie", "Continue the training"),
    "cmd.module": ("Przejdź do modułu: {title}", "Go to module: {title}"),
    "cmd.save_record": ("Zapisz moje podsumowanie do pliku", "Save my record to a file"),
    "cmd.switch": ("Zmień osobę (wyloguj)", "Switch learner (sign out)"),
    "cmd.policy": ("Otwórz zasady: {title}", "Open the policy: {title}"),
    "cmd.map": ("Mapa kursu", "Course map"),
    "key.next": ("dalej", "next"),
    "key.prev": ("wstecz", "previous"),
    "key.contents": ("spis", "contents"),
    "key.quiz": ("quiz", "quiz"),
    "key.back": ("mapa", "map"),
    "key.help": ("pomoc", "help"),
    "key.hint": ("podpowiedź", "hint"),
    "key.theme": ("jasny/ciemny", "light/dark"),
    "key.quit": ("wyjdź", "quit"),
    "key.palette": ("polecenia", "commands"),
    "key.continue": ("kontynuuj", "continue"),
    "key.move_up": ("w górę", "up"),
    "key.move_down": ("w dół", "down"),
    # store / recovery
    "store.recovered": ("Naprawiono dane: {message}", "Data repaired: {message}"),
    "store.unreadable": (
        "Nie można odczytać Twojego zapisu: {error}",
        "Your record could not be read: {error}",
    ),
    # preview
    "preview.title": ("Podgląd: {path}", "Preview: {path}"),
    "preview.broken": (
        "Plik ma błędy — poprawki pokażą się tu automatycznie po zapisaniu:",
        "The file has errors — fixes show up here automatically when you save:",
    ),
    "preview.reloaded": ("Przeładowano {path}", "Reloaded {path}"),
    "preview.no_progress": (
        "Tryb podglądu: odpowiedzi nie są nigdzie zapisywane.",
        "Preview mode: nothing you do here is saved.",
    ),
}


_BINDINGS_PL: Final[dict[str, str]] = {
    "help": "pomoc",
    "light/dark": "jasny/ciemny",
    "quit": "wyjdź",
    "save my record": "zapisz podsumowanie",
    "map": "mapa",
    "continue": "kontynuuj",
    "switch learner": "zmień osobę",
    "close": "zamknij",
    "cancel": "anuluj",
    "what changed": "zmiany",
    "open again": "otwórz ponownie",
    "hint": "podpowiedź",
    "answer": "odpowiedz / dalej",
    "answer / next": "odpowiedz / dalej",
    "retake": "ponów",
    "review": "przegląd",
    "back": "wstecz",
    "next": "dalej",
    "previous": "wstecz",
    "contents": "spis",
    "links": "linki",
    "quiz": "quiz",
    "up": "w górę",
    "down": "w dół",
    "scroll": "przewiń",
    "palette": "polecenia",
}


Catalogue = dict[str, tuple[str, str]]


class Translator:
    """Looks up interface text in the learner's language; falls back to English, then the key."""

    def __init__(self, lang: str, catalogue: Catalogue | None = None) -> None:
        self.lang = lang if lang in SUPPORTED else "en"
        self.catalogue = _MESSAGES if catalogue is None else catalogue

    def __call__(self, key: str, **values: object) -> str:
        pair = self.catalogue.get(key)
        if pair is None:
            return key
        text = pair[0] if self.lang == "pl" else pair[1]
        return text.format(**values) if values else text

    def binding(self, description: str) -> str:
        """A key's footer description in the interface language."""
        if self.lang == "pl":
            return _BINDINGS_PL.get(description, description)
        return description


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
