"""Quiz bodies: each `##` heading is a question, its answers decide the kind.

- `1. [x]` / `1. [ ]` numbered task list: single choice (exactly one correct);
- `- [x]` / `- [ ]` bulleted task list: multiple choice (at least one correct);
- `[[answer|alternative]]` in the question text: short answer;
- a numbered list without checkboxes: ordering, the written order being correct;
- a ```` ```post network=linkedin ```` fenced block: a writing exercise, its content the
  text the editor starts with (`lang=pl|en` and `require=disclosure,...` are optional).
A blockquote before the answers is the hint, a blockquote inside an answer is its feedback,
and what follows the answers is the explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown_it.token import Token

from trainer.content.diagnostics import Diagnostic
from trainer.content.markdown_source import MarkdownBody, heading_text
from trainer.content.models import (
    Choice,
    MultipleChoice,
    Ordering,
    PostExercise,
    Question,
    ShortAnswer,
    SingleChoice,
)
from trainer.posts.exercise import REQUIREMENTS, RULE_GROUPS
from trainer.posts.networks import NETWORKS, Network

BLANK = "_____"
_ATTRIBUTES = re.compile(r"\s*\{([^{}]*)\}\s*$")
_BLANK_ANSWERS = re.compile(r"\[\[(.*?)\]\]")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_QUOTE_MARKER = re.compile(r"^\s*> ?")
_ITEM_MARKER = re.compile(r"^\s*(?:\d{1,9}[.)]|[-*+])[ \t]+")
_ID_EXAMPLE = "`## Where does the disclosure go? {#disclosure-where}`"


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level Markdown block: its tokens and its 0-based line range."""

    kind: str  # token type without `_open`: paragraph, blockquote, ordered_list, ...
    tokens: list[Token]
    start: int
    end: int

    @property
    def is_task_list(self) -> bool:
        return self.kind in ("ordered_list", "bullet_list") and any(
            t.type == "list_item_open" and t.attrGet("class") == "task-list-item"
            for t in self.tokens
        )

    def inline_text(self) -> str:
        return "\n".join(t.content for t in self.tokens if t.type == "inline")


@dataclass(frozen=True, slots=True)
class ParsedQuizBody:
    intro: str
    questions: tuple[Question, ...]
    diagnostics: list[Diagnostic]


def parse_quiz_body(body: MarkdownBody, path: str) -> ParsedQuizBody:
    tokens = body.tokens
    blocks = _top_level_blocks(tokens, body)
    heading_positions = [
        i for i, b in enumerate(blocks) if b.kind == "heading" and b.tokens[0].tag == "h2"
    ]
    intro_end = blocks[heading_positions[0]].start if heading_positions else body.end()
    intro = body.source(body.first_line, intro_end)
    diagnostics: list[Diagnostic] = []
    questions: list[Question] = []
    first_line_of: dict[str, int] = {}
    for n, position in enumerate(heading_positions):
        following = heading_positions[n + 1] if n + 1 < len(heading_positions) else len(blocks)
        question_end = blocks[following].start if following < len(blocks) else body.end()
        parser = _QuestionParser(body, path, blocks[position], blocks[position + 1 : following])
        question = parser.parse(question_end)
        diagnostics.extend(parser.diagnostics)
        if question is None:
            continue
        if question.id in first_line_of:
            diagnostics.append(
                _error(
                    path,
                    question.line,
                    "duplicate-question-id",
                    f"the question id `{question.id}` is already used on line "
                    f"{first_line_of[question.id]}; each question needs its own id",
                )
            )
            continue
        first_line_of[question.id] = question.line
        questions.append(question)
    misplaced = _question_headings_at_wrong_level(blocks, path)
    diagnostics.extend(misplaced)
    if not heading_positions and not misplaced:
        diagnostics.append(
            _error(
                path,
                body.first_line + 1,
                "empty-quiz",
                f"the quiz has no questions: write each one as a `##` heading, like {_ID_EXAMPLE}",
            )
        )
    return ParsedQuizBody(intro=intro, questions=tuple(questions), diagnostics=diagnostics)


def _question_headings_at_wrong_level(blocks: list[Block], path: str) -> list[Diagnostic]:
    """`# Question {#id}` or `### Question {#id}` is no question: it would vanish into text."""
    problems = []
    for block in blocks:
        if block.kind != "heading" or block.tokens[0].tag == "h2":
            continue
        text = heading_text(block.tokens, 0)
        match = _ATTRIBUTES.search(text)
        if match is None or "#" not in match.group(1):
            continue
        level = int(block.tokens[0].tag[1])
        problems.append(
            _error(
                path,
                block.start + 1,
                "question-heading-level",
                f"this heading has a question id but {level} `#`: questions are `##` headings "
                f"(two `#`), so as written it is not a question but text of the one above; "
                f"write `## {text.strip()}`",
            )
        )
    return problems


class _QuestionParser:
    def __init__(self, body: MarkdownBody, path: str, heading: Block, blocks: list[Block]):
        self.body = body
        self.path = path
        self.heading = heading
        self.blocks = blocks
        self.line = heading.start + 1
        self.diagnostics: list[Diagnostic] = []

    def parse(self, question_end: int) -> Question | None:
        title = heading_text(self.heading.tokens, 0).strip()
        title, question_id, points = self._attributes(title)
        post = next((i for i, b in enumerate(self.blocks) if _is_post_block(b)), None)
        if post is not None:
            return self._post_question(title, question_id, points, post, question_end)
        answers = next((i for i, b in enumerate(self.blocks) if b.is_task_list), None)
        blank_in_title = bool(_BLANK_ANSWERS.search(title))
        blank_block = next(
            (
                i
                for i, b in enumerate(self.blocks)
                if b.kind != "blockquote" and _BLANK_ANSWERS.search(b.inline_text())
            ),
            None,
        )
        has_blank = blank_in_title or blank_block is not None
        if answers is not None and has_blank:
            self._fail(
                "mixed-question-kinds",
                "this question has both a `[[blank]]` and a checkbox list; "
                "keep one kind of answer per question",
            )
            return None
        if answers is None and not has_blank:
            answers = next((i for i, b in enumerate(self.blocks) if b.kind == "ordered_list"), None)
        if answers is None and not has_blank:
            self._fail(
                "question-without-answers",
                "this question has no answers: add a `1. [x]` / `- [x]` checkbox list, "
                "a numbered list to put in order, or a `[[blank]]` to fill in",
            )
            return None
        if answers is not None:
            split = answers
        elif blank_in_title:
            split = -1
        else:
            assert blank_block is not None
            split = blank_block
        hint, prompt_blocks = self._hint_and_prompt(split, answers is None)
        if not self._check_after_answers(split, answers is not None):
            return None
        explanation = self._source_after(split, question_end)
        prompt_parts = [title] + [self._source(b) for b in prompt_blocks]
        prompt = "\n\n".join(p for p in prompt_parts if p.strip())
        common = {
            "id": question_id or "unnamed",
            "points": points,
            "hint": hint,
            "explanation": explanation,
            "line": self.line,
        }
        question: Question | None
        if answers is None:
            question = self._short_answer(prompt, common)
        elif self.blocks[answers].is_task_list:
            question = self._choice(self.blocks[answers], prompt, common)
        else:
            question = self._ordering(self.blocks[answers], prompt, common)
        return question if question_id is not None else None

    def _post_question(
        self, title: str, question_id: str | None, points: int, post: int, question_end: int
    ) -> Question | None:
        """A writing exercise: the prompt and hint before the ```` ```post ```` block."""
        block = self.blocks[post]
        others = [
            b for b in self.blocks if b.is_task_list or _BLANK_ANSWERS.search(b.inline_text())
        ]
        if _BLANK_ANSWERS.search(title) or others:
            self._fail(
                "mixed-question-kinds",
                "this question has both a ```` ```post ```` block and other answers "
                "(a checkbox list or a `[[blank]]`); keep one kind of answer per question",
            )
            return None
        if any(_is_post_block(b) for b in self.blocks[post + 1 :]):
            self._fail(
                "multiple-post-blocks",
                "a writing exercise has one ```` ```post ```` block; found more",
                next(b for b in self.blocks[post + 1 :] if _is_post_block(b)).start + 1,
            )
            return None
        settings = self._post_settings(block)
        if settings is None:
            return None
        network, lang, require, review = settings
        hint, prompt_blocks = self._hint_and_prompt(post, False)
        self._check_after_answers(post, False)
        explanation = self._source_after(post, question_end)
        prompt_parts = [title] + [self._source(b) for b in prompt_blocks]
        prompt = "\n\n".join(p for p in prompt_parts if p.strip())
        if question_id is None:
            return None
        return PostExercise(
            id=question_id,
            points=points,
            hint=hint,
            explanation=explanation,
            line=self.line,
            prompt=prompt,
            network=network,
            lang=lang,
            template=block.tokens[0].content.rstrip("\n"),
            require=require,
            review=review,
        )

    def _post_settings(
        self, block: Block
    ) -> tuple[Network, Literal["pl", "en"] | None, tuple[str, ...], bool | None] | None:
        """`network=`, `lang=`, `require=` and `review=` from the fence's info string."""
        fence_line = self.body.lines[block.start]
        line = block.start + 1
        network: Network | None = None
        lang: Literal["pl", "en"] | None = None
        require: list[str] = []
        review: bool | None = None
        ok = True

        def fail(code: str, message: str, part: str) -> None:
            nonlocal ok
            ok = False
            col = fence_line.find(part) + 1 or 1
            self.diagnostics.append(
                Diagnostic(
                    path=self.path,
                    line=line,
                    col=col,
                    severity="error",
                    code=code,
                    message=message,
                )
            )

        for part in block.tokens[0].info.split()[1:]:
            key, _, value = part.partition("=")
            if key == "network":
                if value in NETWORKS:
                    network = value
                else:
                    fail(
                        "unknown-post-network",
                        f"`network={value}` is not a network the checker knows; "
                        f"write one of {', '.join(NETWORKS)}",
                        part,
                    )
                    network = "linkedin"
            elif key == "lang":
                if value in ("pl", "en"):
                    lang = value  # type: ignore[assignment]
                else:
                    fail(
                        "unknown-post-language",
                        f"`lang={value}` is not a post language the checker knows; "
                        "write `lang=pl` or `lang=en`, or leave it out to guess it from the draft",
                        part,
                    )
            elif key == "require":
                for name in (n.strip() for n in value.split(",")):
                    if name in REQUIREMENTS:
                        require.append(name)
                    else:
                        fail(
                            "unknown-post-rule",
                            f"`{name}` is not a post rule; `require=` takes rule names "
                            f"({', '.join(RULE_GROUPS)}) or finding codes, separated by commas",
                            part,
                        )
            elif key == "review":
                if value in ("yes", "no"):
                    review = value == "yes"
                else:
                    fail(
                        "unknown-post-review",
                        f"`review={value}`: write `review=yes` (drafts go to the coordinators' "
                        "review queue) or `review=no`; left out, course.yml's "
                        "`posts.review_exercises` decides",
                        part,
                    )
            else:
                fail(
                    "unknown-post-attribute",
                    f"`{part}` is not understood after ```` ```post ````; write "
                    "`network=...` and optionally `lang=pl|en`, `require=disclosure,...` "
                    "and `review=yes|no`",
                    part,
                )
        if network is None and ok:
            fail(
                "post-without-network",
                "say which network the post is for, like ```` ```post network=linkedin ````",
                "post",
            )
        if not ok or network is None:
            return None
        return network, lang, tuple(dict.fromkeys(require)), review

    def _attributes(self, title: str) -> tuple[str, str | None, int]:
        match = _ATTRIBUTES.search(title)
        if match is None:
            self._fail(
                "question-without-id",
                f"the question heading needs a stable id at its end, like {_ID_EXAMPLE}",
            )
            return title, None, 1
        question_id: str | None = None
        points = 1
        for part in match.group(1).split():
            if part.startswith("#"):
                candidate = part[1:]
                if _SLUG.match(candidate) and len(candidate) <= 64:
                    question_id = candidate
                else:
                    self._fail(
                        "invalid-question-id",
                        f"the question id `{candidate}` must be lowercase letters, digits and "
                        "hyphens, like `disclosure-where`",
                    )
                    question_id = ""
            elif part.startswith("points="):
                value = part.removeprefix("points=")
                if value.isdigit() and 1 <= int(value) <= 100:
                    points = int(value)
                else:
                    self._fail(
                        "invalid-points",
                        f"`points={value}` must be a whole number from 1 to 100",
                    )
            else:
                self._fail(
                    "unknown-question-attribute",
                    f"`{part}` is not understood in the heading's braces; write only "
                    "`#question-id` and optionally `points=N`",
                )
        if question_id is None:
            self._fail(
                "question-without-id",
                f"the braces at the end of the heading need the question id, like {_ID_EXAMPLE}",
            )
        return title[: match.start()].rstrip(), question_id or None, points

    def _hint_and_prompt(self, split: int, short: bool) -> tuple[str | None, list[Block]]:
        """Blockquotes before the answers are the hint; other blocks belong to the prompt.

        With the blank in the heading itself (`split == -1`), a blockquote right under the
        heading is still the hint.
        """
        hints: list[str] = []
        prompt: list[Block] = []
        if split == -1:
            for block in self.blocks:
                if block.kind != "blockquote":
                    break
                hints.append(_unquote(self.body, block.start, block.end))
        else:
            limit = split + 1 if short else split
            for block in self.blocks[:limit]:
                if block.kind == "blockquote":
                    hints.append(_unquote(self.body, block.start, block.end))
                else:
                    prompt.append(block)
        hint = "\n\n".join(h for h in hints if h.strip())
        return hint or None, prompt

    def _check_after_answers(self, split: int, has_list: bool) -> bool:
        """What follows the answers is the explanation; catch what was meant to be more.

        An unindented feedback `>` ends the answer list, and the answers below it become a
        second list inside the explanation; a hint written after the answers is shown only
        once the question is answered. Neither is an error in Markdown, so say it here.
        """
        if split == -1:
            return True
        answers = self.blocks[split]
        rest = self.blocks[split + 1 :]
        for index, block in enumerate(rest):
            if block.kind == "heading":
                break  # a misplaced question heading: reported on its own
            continues_list = block.is_task_list or (
                has_list
                and not answers.is_task_list
                and block.kind == "ordered_list"
                and index == 1
                and rest[0].kind == "blockquote"
            )
            if not continues_list:
                continue
            before = rest[index - 1] if index else None
            if before is not None and before.kind == "blockquote":
                indent = _content_indent(self.body.lines[answers.start])
                self._fail(
                    "answers-after-feedback",
                    f"this `>` line is not indented under its answer, so it ends the answer "
                    f"list: the answers from line {block.start + 1} on are shown as plain text "
                    f"in the explanation; indent the feedback by {indent} spaces "
                    f"(`{' ' * indent}> ...`) to keep it under its answer",
                    before.start + 1,
                )
            else:
                self.diagnostics.append(
                    Diagnostic(
                        path=self.path,
                        line=block.start + 1,
                        severity="warning",
                        code="answers-after-answer-list",
                        message=(
                            "this checkbox list comes after the question's answer list (line "
                            f"{answers.start + 1}) has ended, so learners see it as text in the "
                            "explanation, not as answers; if these are answers, keep every "
                            "answer in one list, with nothing but indented feedback between them"
                        ),
                    )
                )
                return True
            return False
        if rest and rest[0].kind == "blockquote":
            where = "answers" if has_list else "blank"
            self.diagnostics.append(
                Diagnostic(
                    path=self.path,
                    line=rest[0].start + 1,
                    severity="warning",
                    code="hint-after-answers",
                    message=(
                        f"this `>` quote after the {where} is not a hint: it starts the "
                        "explanation, shown only once the question is answered; a hint goes "
                        "between the question heading and the "
                        + ("answers" if has_list else "text with the blank")
                        + (
                            ", and feedback on the last answer is indented under it"
                            if has_list
                            else ""
                        )
                    ),
                )
            )
        return True

    def _source_after(self, split: int, question_end: int) -> str | None:
        if split == -1:
            rest = list(self.blocks)
            while rest and rest[0].kind == "blockquote":
                rest.pop(0)
            start = rest[0].start if rest else question_end
        else:
            start = self.blocks[split].end
        text = self.body.source(start, question_end)
        return text or None

    def _source(self, block: Block) -> str:
        return self.body.source(block.start, block.end)

    def _short_answer(self, prompt: str, common: dict[str, object]) -> Question | None:
        blanks = _BLANK_ANSWERS.findall(prompt)
        if len(blanks) != 1:
            self._fail(
                "multiple-blanks",
                f"a short-answer question has one `[[answer|other answer]]` blank; "
                f"found {len(blanks)}",
            )
            return None
        accepted = tuple(a.strip() for a in blanks[0].split("|") if a.strip())
        if not accepted:
            self._fail("empty-blank", "the `[[ ]]` blank lists no accepted answer")
            return None
        shown = _BLANK_ANSWERS.sub(BLANK, prompt)
        return ShortAnswer(prompt=shown, accepted=accepted, **common)

    def _items(self, block: Block) -> list[tuple[str, bool, str | None, int]]:
        """(text, checked, feedback, 1-based line) per list item, in written order."""
        items: list[tuple[str, bool, str | None, int]] = []
        item_level = block.tokens[0].level + 1
        current: list[Token] = []
        for token in block.tokens[1:-1]:
            if token.type == "list_item_open" and token.level == item_level:
                current = [token]
            elif token.type == "list_item_close" and token.level == item_level:
                items.append(self._item(current))
            else:
                current.append(token)
        return items

    def _item(self, tokens: list[Token]) -> tuple[str, bool, str | None, int]:
        opening = tokens[0]
        line = (opening.map[0] if opening.map else self.heading.start) + 1
        text = ""
        checked = False
        feedback: list[str] = []
        content_level = opening.level + 1
        for token in tokens[1:]:
            if token.type == "inline" and token.level == content_level + 1 and not text:
                text = token.content.strip()
                first = token.children[0] if token.children else None
                checked = (
                    first is not None
                    and first.type == "html_inline"
                    and "task-list-item-checkbox" in first.content
                    and 'checked="checked"' in first.content
                )
            elif token.type == "blockquote_open" and token.level == content_level and token.map:
                feedback.append(_unquote(self.body, token.map[0], token.map[1]))
        return text, checked, "\n\n".join(feedback) or None, line

    def _choice(self, block: Block, prompt: str, common: dict[str, object]) -> Question | None:
        plain = [
            t
            for t in block.tokens
            if t.type == "list_item_open"
            and t.level == block.tokens[0].level + 1
            and t.attrGet("class") != "task-list-item"
        ]
        if plain:
            line = (plain[0].map[0] + 1) if plain[0].map else self.line
            self._fail(
                "mixed-answer-list",
                "every answer in a checkbox list needs its own `[ ]` or `[x]`",
                line,
            )
            return None
        items = self._items(block)
        choices = tuple(
            Choice(index=i, text=text, correct=checked, feedback=feedback)
            for i, (text, checked, feedback, _) in enumerate(items)
        )
        if not self._answers_are_written(items):
            return None
        correct = sum(1 for c in choices if c.correct)
        list_line = block.start + 1
        if block.kind == "ordered_list":
            if correct != 1:
                self._fail(
                    "single-choice-correct-count",
                    "a numbered checkbox list is a single-choice question and needs exactly "
                    f"one `[x]`, found {correct} (use `- [x]` bullets when several answers "
                    "are correct)",
                    list_line,
                )
                return None
            return SingleChoice(prompt=prompt, choices=choices, **common)
        if correct == 0:
            self._fail(
                "multiple-choice-without-correct",
                "a bulleted checkbox list is a multiple-choice question and needs at least "
                "one correct answer marked `[x]`",
                list_line,
            )
            return None
        return MultipleChoice(prompt=prompt, choices=choices, **common)

    def _ordering(self, block: Block, prompt: str, common: dict[str, object]) -> Question | None:
        items = self._items(block)
        if not self._answers_are_written(items):
            return None
        for _text, _checked, feedback, line in items:
            if feedback is not None:
                self.diagnostics.append(
                    Diagnostic(
                        path=self.path,
                        line=line,
                        severity="warning",
                        code="ignored-feedback",
                        message="feedback under an item to put in order is never shown; "
                        "move it to the explanation after the list",
                    )
                )
        texts = [text for text, _, _, _ in items]
        for index, text in enumerate(texts):
            if text in texts[:index]:
                self._fail(
                    "duplicate-ordering-item",
                    f"the item `{text}` appears twice in the list to put in order",
                    items[index][3],
                )
                return None
        return Ordering(prompt=prompt, items=tuple(texts), **common)

    def _answers_are_written(self, items: list[tuple[str, bool, str | None, int]]) -> bool:
        if len(items) < 2:
            self._fail(
                "too-few-answers",
                f"a question needs at least two answers or items, found {len(items)}",
            )
            return False
        for text, _, _, line in items:
            if not text:
                self._fail("empty-answer", "this answer has no text", line)
                return False
        return True

    def _fail(self, code: str, message: str, line: int | None = None) -> None:
        self.diagnostics.append(_error(self.path, line or self.line, code, message))


def _is_post_block(block: Block) -> bool:
    return block.kind == "fence" and block.tokens[0].info.split()[:1] == ["post"]


def _top_level_blocks(tokens: list[Token], body: MarkdownBody) -> list[Block]:
    blocks: list[Block] = []
    start_index = 0
    depth = 0
    for index, token in enumerate(tokens):
        if depth == 0:
            start_index = index
        depth += token.nesting
        if depth == 0:
            opening = tokens[start_index]
            block_tokens = tokens[start_index : index + 1]
            start = opening.map[0] if opening.map else body.first_line
            end = opening.map[1] if opening.map else start + 1
            blocks.append(Block(opening.type.removesuffix("_open"), block_tokens, start, end))
    return blocks


def _content_indent(item_line: str) -> int:
    """How far an answer's text starts (`1. [ ] x` -> 3), where its feedback must be indented."""
    match = _ITEM_MARKER.match(item_line)
    return len(match.group(0)) if match else 3


def _unquote(body: MarkdownBody, start: int, end: int) -> str:
    """A blockquote's Markdown without its `>` markers."""
    lines = [_QUOTE_MARKER.sub("", line, count=1) for line in body.lines[start:end]]
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _error(path: str, line: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path=path, line=line, severity="error", code=code, message=message)
