"""Text whose wrapped lines hang under their first word, not at column 0.

    ✔ Disclosure: when a post needs a label and which one ·
      15 min · done
       Why a label matters, where it goes and what counts as
       one.

Each paragraph is a prefix (a mark, a number, an indent) and a body; the body wraps at the
width it is drawn at and its further lines start where its first line's text started. It is a
Textual `Visual`, so it works as a `Static`'s content and as an `OptionList` prompt alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MIN_BODY = 12  # narrower than this, hanging under the text would leave a column of single words


class HangingText(Visual):
    def __init__(self, paragraphs: Sequence[tuple[Content, Content]]) -> None:
        self.paragraphs = list(paragraphs)
        self._cache: tuple[int, list[Content]] | None = None

    @property
    def plain(self) -> str:
        """The words as one string, paragraph by paragraph (what tests and searches read)."""
        return "\n".join(prefix.plain + body.plain for prefix, body in self.paragraphs)

    def __str__(self) -> str:
        return self.plain

    def lines(self, width: int) -> list[Content]:
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        out: list[Content] = []
        for prefix, body in self.paragraphs:
            indent = prefix.cell_length
            if width - indent < MIN_BODY:  # a long label: hang two columns in from it
                leading = len(prefix.plain) - len(prefix.plain.lstrip(" "))
                indent = min(leading + 2, max(0, width - MIN_BODY))
                pad = Content(" " * indent)
                for part in (prefix + body).split("\n", allow_blank=True):
                    first, *rest = _wrap(part, width)
                    out.append(first)
                    if rest:
                        remainder = part[len(first.plain) :]
                        remainder = remainder[
                            len(remainder.plain) - len(remainder.plain.lstrip()) :
                        ]
                        out += [pad + line for line in _wrap(remainder, width - indent)]
                continue
            pad = Content(" " * indent)
            for n, part in enumerate(body.split("\n", allow_blank=True)):
                for i, line in enumerate(_wrap(part, width - indent)):
                    out.append((prefix if n == 0 and i == 0 else pad) + line)
        self._cache = (width, out)
        return out

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (
                prefix.cell_length + max((p.cell_length for p in body.split("\n")), default=0)
                for prefix, body in self.paragraphs
            ),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        text = Content("\n").join(self.lines(width))
        return text.render_strips(width, height, style, options)


def _wrap(line: Content, width: int) -> list[Content]:
    if not line.cell_length:
        return [line]
    wrapped = [part.rstrip() for part in line.wrap(max(1, width))]
    return [part for part in wrapped if part.cell_length] or [Content("")]
