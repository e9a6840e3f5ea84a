"""Turn one page of course Markdown into styled terminal lines, fast and without markup.

Textual's `Markdown` widget mounts one widget per block and takes seconds on a long page; the
reader instead parses a page once into a small block tree (`parse_page`) and lays it out into
`Strip`s for a given width (`layout_page`), which is cheap enough to redo on every resize.

Safety: every piece of author text goes through `terminal_safe` and becomes a `Segment` with a
`Style` we build; nothing is ever parsed as Rich/Textual markup, links carry no `@click` meta
and no OSC 8 hyperlink, so `[@click=app.quit]`, `[bold]`, ESC and C1 bytes show as plain text
(control characters removed) and a link is only ever shown as "text (address)".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntFlag
from functools import cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin
from rich._wrap import divide_line
from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from trainer.plain_text import terminal_safe

Align = Literal["left", "center", "right"]


class Role(IntFlag):
    """What a run of inline text is, so layout can pick its style for the current theme."""

    NONE = 0
    STRONG = 1
    EMPHASIS = 2
    CODE = 4
    STRIKE = 8
    LINK = 16
    LINK_ADDRESS = 32
    IMAGE = 64
    HTML = 128


Run = tuple[str, Role]
"""A stretch of inline text with one role; hard line breaks are "\\n" inside the text."""


# --- the width-independent page tree ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    text: str


@dataclass(frozen=True, slots=True)
class Rule:
    pass


@dataclass(frozen=True, slots=True)
class Table:
    aligns: tuple[Align, ...]
    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]


@dataclass(frozen=True, slots=True)
class Quote:
    children: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ListItem:
    children: tuple[Block, ...]
    checked: bool | None  # None: not a task-list item


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    start: int
    tight: bool
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """An image alone in its paragraph: drawn when it can be, else shown as `runs`."""

    src: str
    alt: str
    runs: tuple[Run, ...]


Block = Heading | Paragraph | CodeBlock | HtmlBlock | Rule | Table | Quote | ListBlock | Picture

DrawPicture = Callable[[str, int], "list[list[Segment]] | None"]
"""Given an image's address and the width, its rows of cells, or None for the alt text."""


@dataclass(frozen=True, slots=True)
class PageDocument:
    """A parsed page: what `layout_page` needs, independent of width and theme."""

    blocks: tuple[Block, ...]


# --- styles ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageStyles:
    """Resolved styles for one theme; the widget fills these from its component classes."""

    base: Style = field(default_factory=Style.null)
    heading: Style = field(default_factory=lambda: Style(bold=True))
    link: Style = field(default_factory=lambda: Style(underline=True))
    link_address: Style = field(default_factory=lambda: Style(dim=True))
    code: Style = field(default_factory=lambda: Style(reverse=True))
    code_block: Style = field(default_factory=Style.null)
    quote: Style = field(default_factory=lambda: Style(italic=True))
    quote_bar: Style = field(default_factory=Style.null)
    bullet: Style = field(default_factory=lambda: Style(bold=True))
    rule: Style = field(default_factory=lambda: Style(dim=True))
    table_header: Style = field(default_factory=lambda: Style(bold=True))
    table_border: Style = field(default_factory=lambda: Style(dim=True))
    image: Style = field(default_factory=lambda: Style(italic=True))
    html: Style = field(default_factory=lambda: Style(dim=True))


_INTRINSIC = {
    Role.STRONG: Style(bold=True),
    Role.EMPHASIS: Style(italic=True),
    Role.STRIKE: Style(strike=True),
}


class _StyleBook:
    """Combines a block's style with inline roles once per (style, roles) pair."""

    def __init__(self, styles: PageStyles, pictures: DrawPicture | None = None) -> None:
        self.styles = styles
        self.pictures = pictures
        self._themed = {
            Role.CODE: styles.code,
            Role.LINK: styles.link,
            Role.LINK_ADDRESS: styles.link_address,
            Role.IMAGE: styles.image,
            Role.HTML: styles.html,
        }
        self._combined: dict[tuple[Style, Role], Style] = {}

    def inline(self, block_style: Style, role: Role) -> Style:
        key = (block_style, role)
        style = self._combined.get(key)
        if style is None:
            style = block_style
            for flag, flag_style in (*self._themed.items(), *_INTRINSIC.items()):
                if role & flag:
                    style = style + flag_style
            self._combined[key] = style
        return style


# --- parsing --------------------------------------------------------------------------------


@cache
def _parser() -> MarkdownIt:
    """CommonMark plus the GitHub extensions authors use (tables, ~~strike~~, task lists)."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(tasklists_plugin)


def parse_page(markdown: str) -> PageDocument:
    """Parse a page's Markdown once; layout for any width reuses the result."""
    tokens = _parser().parse(markdown)
    blocks, _ = _parse_blocks(tokens, 0, closing=None)
    return PageDocument(tuple(blocks))


def _parse_blocks(
    tokens: Sequence[Token], index: int, closing: str | None
) -> tuple[list[Block], int]:
    """Read blocks from `index` until the `closing` token type; return them and the next index."""
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == closing:
            return blocks, index + 1
        if kind == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            blocks.append(Heading(level, _inline_runs(tokens[index + 1])))
            index += 3
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            image = _only_image(inline)
            if image is not None:
                alt = _one_line("".join(_plain(grandchild) for grandchild in image.children or []))
                src = _one_line(str(image.attrs.get("src", "")))
                blocks.append(Picture(src, alt, _inline_runs(inline)))
            else:
                blocks.append(Paragraph(_inline_runs(inline)))
            index += 3
        elif kind in ("fence", "code_block"):
            blocks.append(CodeBlock(terminal_safe(token.content).rstrip("\n")))
            index += 1
        elif kind == "html_block":
            blocks.append(HtmlBlock(terminal_safe(token.content).rstrip("\n")))
            index += 1
        elif kind == "hr":
            blocks.append(Rule())
            index += 1
        elif kind == "blockquote_open":
            children, index = _parse_blocks(tokens, index + 1, "blockquote_close")
            blocks.append(Quote(tuple(children)))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, index = _parse_list(tokens, index)
            blocks.append(block)
        elif kind == "table_open":
            table, index = _parse_table(tokens, index)
            blocks.append(table)
        else:  # anything we do not know is skipped, never shown raw
            index += 1
    return blocks, index


def _only_image(inline: Token) -> Token | None:
    """The image token when a paragraph holds one image and nothing else."""
    children = [
        c
        for c in inline.children or []
        if not (
            c.type in ("softbreak", "hardbreak") or (c.type == "text" and not c.content.strip())
        )
    ]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def _parse_list(tokens: Sequence[Token], index: int) -> tuple[ListBlock, int]:
    opening = tokens[index]
    ordered = opening.type == "ordered_list_open"
    closing = "ordered_list_close" if ordered else "bullet_list_close"
    start_attr = str(opening.attrs.get("start", 1))
    start = int(start_attr) if start_attr.isdigit() else 1
    items: list[ListItem] = []
    tight = True
    index += 1
    while index < len(tokens) and tokens[index].type != closing:
        item_open = tokens[index]
        if item_open.type != "list_item_open":
            index += 1
            continue
        is_task = "task-list-item" in str(item_open.attrs.get("class", ""))
        checked = None
        if is_task:
            # The plugin put an HTML <input> checkbox first in the item's text; we draw our own.
            inline_children = tokens[index + 2].children or []
            checkbox = inline_children.pop(0) if inline_children else None
            checked = checkbox is not None and 'checked="checked"' in checkbox.content
            if inline_children and inline_children[0].type == "text":
                inline_children[0].content = inline_children[0].content.lstrip(" ")
        for token in tokens[index + 1 : index + 3]:
            if token.type == "paragraph_open" and not token.hidden:
                tight = False
        children, index = _parse_blocks(tokens, index + 1, "list_item_close")
        items.append(ListItem(tuple(children), checked))
    return ListBlock(ordered, start, tight, tuple(items)), index + 1


def _parse_table(tokens: Sequence[Token], index: int) -> tuple[Table, int]:
    header: list[tuple[Run, ...]] = []
    rows: list[tuple[tuple[Run, ...], ...]] = []
    aligns: list[Align] = []
    row: list[tuple[Run, ...]] = []
    in_head = False
    index += 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(tuple(row))
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.get("style", ""))
            if in_head:
                aligns.append(
                    "right" if "right" in style else "center" if "center" in style else "left"
                )
            row.append(_inline_runs(tokens[index + 1]))
            index += 2
        index += 1
    return Table(tuple(aligns), tuple(header), tuple(rows)), index + 1


def _inline_runs(inline: Token) -> tuple[Run, ...]:
    """Flatten an inline token's children into styled runs; links keep their address visible."""
    runs: list[Run] = []
    role = Role.NONE
    link_stack: list[tuple[str, int]] = []  # (address, index of the first run of the link text)
    for child in inline.children or []:
        kind = child.type
        if kind == "text":
            runs.append((_one_line(child.content), role))
        elif kind == "softbreak":
            runs.append((" ", role))
        elif kind == "hardbreak":
            runs.append(("\n", role))
        elif kind == "code_inline":
            runs.append((_one_line(child.content), role | Role.CODE))
        elif kind == "html_inline":
            runs.append((_one_line(child.content), role | Role.HTML))
        elif kind == "strong_open":
            role |= Role.STRONG
        elif kind == "strong_close":
            role &= ~Role.STRONG
        elif kind == "em_open":
            role |= Role.EMPHASIS
        elif kind == "em_close":
            role &= ~Role.EMPHASIS
        elif kind == "s_open":
            role |= Role.STRIKE
        elif kind == "s_close":
            role &= ~Role.STRIKE
        elif kind == "link_open":
            link_stack.append((_one_line(str(child.attrs.get("href", ""))), len(runs)))
            role |= Role.LINK
        elif kind == "link_close" and link_stack:
            address, first = link_stack.pop()
            if not link_stack:
                role &= ~Role.LINK
            shown = "".join(text for text, _ in runs[first:])
            if address and shown not in (address, address.removeprefix("mailto:")):
                runs.append((" (", role))
                runs.append((address, role | Role.LINK_ADDRESS))
                runs.append((")", role))
        elif kind == "image":
            alt = _one_line("".join(_plain(grandchild) for grandchild in child.children or []))
            source = _one_line(str(child.attrs.get("src", "")))
            runs.append((f"[image: {alt}]", role | Role.IMAGE))
            if source:
                runs.append((" (", role))
                runs.append((source, role | Role.LINK_ADDRESS))
                runs.append((")", role))
    return tuple(run for run in runs if run[0])


def _plain(token: Token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.children:
        return "".join(_plain(child) for child in token.children)
    return token.content


def _one_line(text: str) -> str:
    return terminal_safe(text).replace("\n", " ").replace("\t", " ")


# --- layout ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageLine:
    """One laid-out screen line: its segments and their total cell width.

    Cheaper than a `Strip` (which sets up its caches on creation): a page keeps all its lines
    and the widget turns only the visible ones into Strips.
    """

    segments: list[Segment]
    width: int

    def prefixed(self, prefix: Segment, prefix_width: int) -> PageLine:
        return PageLine([prefix, *self.segments], self.width + prefix_width)

    def to_strip(self, width: int | None = None, pad_style: Style | None = None) -> Strip:
        """The line as a Strip, padded (with `pad_style`) or cropped to `width` when given.

        The Strip is told its cell length, so Textual never has to measure it again.
        """
        if width is None or width == self.width:
            return Strip(self.segments, self.width)
        if width > self.width:
            padding = Segment(" " * (width - self.width), pad_style)
            return Strip([*self.segments, padding], width)
        return Strip(self.segments, self.width).crop(0, width)


_BLANK = PageLine([], 0)
_BULLETS = ("•", "◦", "▪")


def layout_page(
    document: PageDocument,
    width: int,
    styles: PageStyles,
    pictures: DrawPicture | None = None,
) -> list[PageLine]:
    """Lay out a parsed page at `width` cells: one `PageLine` per screen line.

    Lines may be narrower than `width` (the widget pads them); they are wider only when `width`
    is too small for a list's indentation or a table's borders. Without `pictures`, images
    show as their alt text and address.
    """
    width = max(width, 1)
    book = _StyleBook(styles, pictures)
    return _layout_blocks(document.blocks, width, styles.base, book, depth=0, separate=True)


def render_markdown_lines(
    markdown: str, width: int, styles: PageStyles | None = None
) -> list[Strip]:
    """Parse and lay out a page in one go (tests, previews): the Strips a `PageView` shows."""
    lines = layout_page(parse_page(markdown), width, styles or PageStyles())
    return [line.to_strip() for line in lines]


def _layout_blocks(
    blocks: Iterable[Block],
    width: int,
    style: Style,
    book: _StyleBook,
    *,
    depth: int,
    separate: bool,
) -> list[PageLine]:
    """Lay out sibling blocks; `depth` counts enclosing lists (it picks the bullet shape)."""
    lines: list[PageLine] = []
    for block in blocks:
        if lines and separate:
            lines.append(_BLANK)
        lines.extend(_layout_block(block, width, style, book, depth))
    return lines


def _layout_block(
    block: Block, width: int, style: Style, book: _StyleBook, depth: int
) -> list[PageLine]:
    styles = book.styles
    if isinstance(block, Paragraph):
        return _wrap_runs(block.runs, width, style, book)
    if isinstance(block, Heading):
        return _layout_heading(block, width, style, book)
    if isinstance(block, ListBlock):
        return _layout_list(block, width, style, book, depth)
    if isinstance(block, Quote):
        bar = Segment("▌ ", style + styles.quote_bar)
        inner = _layout_blocks(
            block.children, width - 2, style + styles.quote, book, depth=depth, separate=True
        )
        return [line.prefixed(bar, 2) for line in inner or [_BLANK]]
    if isinstance(block, CodeBlock):
        return _layout_code(block.text, width, style + styles.code_block)
    if isinstance(block, HtmlBlock):
        return _wrap_runs(((block.text.expandtabs(4), Role.HTML),), width, style, book)
    if isinstance(block, Rule):
        return [PageLine([Segment("─" * width, style + styles.rule)], width)]
    if isinstance(block, Picture):
        return _layout_picture(block, width, style, book)
    return _layout_table(block, width, style, book)


def _layout_picture(block: Picture, width: int, style: Style, book: _StyleBook) -> list[PageLine]:
    rows = book.pictures(block.src, width) if book.pictures is not None else None
    if not rows:
        return _wrap_runs(block.runs, width, style, book)
    lines = [PageLine(row, len(row)) for row in rows]
    if block.alt:
        caption = ((block.alt, Role.IMAGE),)
        lines.extend(_wrap_runs(caption, width, style, book))
    return lines


def _layout_heading(block: Heading, width: int, style: Style, book: _StyleBook) -> list[PageLine]:
    heading_style = style + book.styles.heading
    if block.level >= 4:
        heading_style += Style(italic=True)
    lines = _wrap_runs(block.runs, width, heading_style, book)
    if block.level <= 2 and lines:
        rule = "═" if block.level == 1 else "─"
        underline_width = min(width, max(line.width for line in lines))
        lines.append(PageLine([Segment(rule * underline_width, heading_style)], underline_width))
    return lines


def _layout_list(
    block: ListBlock, width: int, style: Style, book: _StyleBook, depth: int
) -> list[PageLine]:
    bullet_style = style + book.styles.bullet
    last_number = block.start + len(block.items) - 1
    number_width = len(str(last_number))
    depth_bullet = _BULLETS[depth % len(_BULLETS)]
    lines: list[PageLine] = []
    for offset, item in enumerate(block.items):
        if lines and not block.tight:
            lines.append(_BLANK)
        if item.checked is not None:
            marker = "☑ " if item.checked else "☐ "
        elif block.ordered:
            marker = f"{block.start + offset}.".rjust(number_width + 1) + " "
        else:
            marker = f"{depth_bullet} "
        indent = cell_len(marker)
        body = _layout_blocks(
            item.children, width - indent, style, book, depth=depth + 1, separate=not block.tight
        )
        first = Segment(marker, bullet_style)
        hanging = Segment(" " * indent)
        for number, line in enumerate(body or [_BLANK]):
            lines.append(line.prefixed(first if number == 0 else hanging, indent))
    return lines


def _layout_code(text: str, width: int, style: Style) -> list[PageLine]:
    """Code keeps its spaces and folds long lines; each line is padded so the block reads as one."""
    inner_width = max(width - 2, 1)
    lines: list[PageLine] = []
    for source_line in text.expandtabs(4).split("\n"):
        for piece in chop_cells(source_line, inner_width) or [""]:
            padding = inner_width - cell_len(piece)
            lines.append(PageLine([Segment(f" {piece}{' ' * max(padding, 0)} ", style)], width))
    return lines


def _wrap_runs(runs: Sequence[Run], width: int, style: Style, book: _StyleBook) -> list[PageLine]:
    """Word-wrap styled runs to `width`, folding words longer than a line."""
    width = max(width, 1)
    pieces = [(text, book.inline(style, role)) for text, role in runs]
    lines: list[PageLine] = []
    for hard_line in _split_hard_lines(pieces):
        plain = "".join(text for text, _ in hard_line)
        if not plain:
            lines.append(PageLine([], 0))
            continue
        fits = len(plain) <= width and cell_len(plain) <= width
        starts = [0] if fits else [0, *divide_line(plain, width, fold=True)]
        ends = [*starts[1:], len(plain)]
        spans = _spans(hard_line)
        for start, end in zip(starts, ends, strict=True):
            while end > start and plain[end - 1] == " ":
                end -= 1
            segments = [
                Segment(plain[max(start, span_start) : min(end, span_end)], span_style)
                for span_start, span_end, span_style in spans
                if span_start < end and span_end > start
            ]
            lines.append(PageLine(segments, cell_len(plain[start:end])))
    return lines


def _split_hard_lines(pieces: list[tuple[str, Style]]) -> list[list[tuple[str, Style]]]:
    result: list[list[tuple[str, Style]]] = [[]]
    for text, style in pieces:
        parts = text.split("\n")
        for number, part in enumerate(parts):
            if number:
                result.append([])
            if part:
                result[-1].append((part, style))
    return result


def _spans(pieces: list[tuple[str, Style]]) -> list[tuple[int, int, Style]]:
    spans: list[tuple[int, int, Style]] = []
    position = 0
    for text, style in pieces:
        spans.append((position, position + len(text), style))
        position += len(text)
    return spans


def _layout_table(table: Table, width: int, style: Style, book: _StyleBook) -> list[PageLine]:
    """Aligned columns with a rule under the header; cells wrap when the table is too wide."""
    styles = book.styles
    columns = max(len(table.header), *(len(row) for row in table.rows), 1)
    all_rows = [table.header, *table.rows]
    natural = [1] * columns
    for row in all_rows:
        for column, cell in enumerate(row):
            natural[column] = max(natural[column], cell_len("".join(t for t, _ in cell)))
    separator_width = 3
    available = max(width - separator_width * (columns - 1), columns)
    widths = _fit_columns(natural, available)
    border_style = style + styles.table_border
    lines: list[PageLine] = []
    for row_number, row in enumerate(all_rows):
        if row_number == 1:
            rule = "─┼─".join("─" * column_width for column_width in widths)
            lines.append(PageLine([Segment(rule, border_style)], cell_len(rule)))
        if row_number == 0 and not row:
            continue
        cell_style = style + styles.table_header if row_number == 0 else style
        lines.extend(_layout_row(row, widths, table.aligns, cell_style, border_style, book))
    return lines


def _fit_columns(natural: list[int], available: int) -> list[int]:
    """Shrink the widest columns first until the table fits, so short columns stay intact."""
    widths = list(natural)
    excess = sum(widths) - available
    while excess > 0:
        widest = max(widths)
        if widest <= 1:
            break
        runner_up = max((w for w in widths if w < widest), default=1)
        count = widths.count(widest)
        step = min(widest - max(runner_up, 1), -(-excess // count))
        step = max(step, 1)
        for index, column_width in enumerate(widths):
            if column_width == widest and excess > 0:
                cut = min(step, excess)
                widths[index] -= cut
                excess -= cut
    return widths


def _layout_row(
    row: Sequence[tuple[Run, ...]],
    widths: list[int],
    aligns: Sequence[Align],
    style: Style,
    border_style: Style,
    book: _StyleBook,
) -> list[PageLine]:
    cells = [
        _wrap_runs(row[column] if column < len(row) else (), column_width, style, book)
        for column, column_width in enumerate(widths)
    ]
    height = max((len(cell) for cell in cells), default=1)
    lines: list[PageLine] = []
    separator = Segment(" │ ", border_style)
    for y in range(height):
        segments: list[Segment] = []
        for column, (cell, column_width) in enumerate(zip(cells, widths, strict=True)):
            if column:
                segments.append(separator)
            line = cell[y] if y < len(cell) else _BLANK
            gap = max(column_width - line.width, 0)
            align = aligns[column] if column < len(aligns) else "left"
            left = gap if align == "right" else gap // 2 if align == "center" else 0
            if left:
                segments.append(Segment(" " * left, style))
            segments.extend(line.segments)
            if gap - left:
                segments.append(Segment(" " * (gap - left), style))
        total = sum(widths) + 3 * (len(widths) - 1)
        lines.append(PageLine(segments, total))
    return lines
