"""Course images drawn with coloured half cells, the one way that works everywhere we run.

Each screen cell shows two pixels, one above the other: `▀` in the upper pixel's colour on the
lower pixel's colour. That needs only true colour, which every terminal we support and the
browser (textual-serve's xterm.js) have. Kitty's graphics protocol and Sixel draw finer
pictures, but need a terminal that supports them and querying the terminal before the app
starts (textual-image does so when imported), which cannot be done under `trainer serve` or
inside a running app; so we decode with Pillow and draw the cells ourselves.

The alt text is always shown under the picture; it stands in for the picture when the image
cannot be read, is a web address (never fetched), or colours are off (`NO_COLOR`).
"""

from __future__ import annotations

import os
import posixpath
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rich.color import Color
from rich.segment import Segment
from rich.style import Style

from trainer.content.images import MAX_IMAGE_BYTES, SHOWN_FORMATS

MAX_ROWS = 16
"""A picture is at most this many lines tall (32 pixels): the text stays the page's point."""
MAX_COLUMNS = 64
_CACHE_SIZE = 32

Rows = list[list[Segment]]


@dataclass(frozen=True)
class PictureSource:
    """Finds a page's images: paths are relative to the page's file inside the course."""

    course_root: Path
    page_path: str  # e.g. `modules/01-welcome.md`

    def resolve(self, src: str) -> Path | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None  # a web image is never fetched: the alt text stands in
        relative = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.page_path), unquote(parts.path))
        )
        if relative.startswith("../") or posixpath.isabs(relative):
            return None
        return self.course_root / relative


class PictureRenderer:
    """Decodes, scales and draws course images; keeps the last few drawings."""

    def __init__(self, source: PictureSource, *, colours: bool | None = None) -> None:
        self.source = source
        self.colours = colours if colours is not None else not os.environ.get("NO_COLOR")
        self._drawn: OrderedDict[tuple[str, int, int], Rows | None] = OrderedDict()

    def __call__(self, src: str, width: int) -> Rows | None:
        """The picture's rows at most `width` cells wide, or None to show the alt text."""
        if not self.colours or width < 4:
            return None
        path = self.source.resolve(src)
        if path is None:
            return None
        try:
            stamp = path.stat()
        except OSError:
            return None
        key = (str(path), stamp.st_mtime_ns, width)
        if key in self._drawn:
            self._drawn.move_to_end(key)
            return self._drawn[key]
        rows = draw_half_cells(path, width) if stamp.st_size <= MAX_IMAGE_BYTES else None
        self._drawn[key] = rows
        if len(self._drawn) > _CACHE_SIZE:
            self._drawn.popitem(last=False)
        return rows


def draw_half_cells(path: Path, width: int, max_rows: int = MAX_ROWS) -> Rows | None:
    """Rows of `▀` cells for the image at `path`, scaled to fit; None if it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format not in SHOWN_FORMATS:
                return None
            image.seek(0)  # the first frame of an animation
            picture = image.convert("RGBA")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    columns = min(max(width * 2 // 3, 4), MAX_COLUMNS, picture.width)
    # a cell is about twice as tall as wide, and holds two pixels: one pixel per half cell
    pixel_rows = max(2, round(picture.height * columns / picture.width))
    if pixel_rows > max_rows * 2:
        pixel_rows = max_rows * 2
        columns = max(1, round(picture.width * pixel_rows / picture.height))
    pixel_rows += pixel_rows % 2
    flat = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    flat.alpha_composite(picture)
    scaled = flat.resize((columns, pixel_rows), Image.Resampling.LANCZOS)
    pixels = scaled.load()
    assert pixels is not None
    rows: Rows = []
    cells: dict[tuple[Color | None, Color | None], Segment] = {}
    for y in range(0, pixel_rows, 2):
        row: list[Segment] = []
        for x in range(columns):
            pair = (_colour(pixels[x, y]), _colour(pixels[x, y + 1]))
            cell = cells.get(pair)
            if cell is None:
                cell = cells[pair] = _cell(*pair)
            row.append(cell)
        rows.append(row)
    return rows


def _cell(top: Color | None, bottom: Color | None) -> Segment:
    """One cell of two pixels; a transparent half shows the page behind it."""
    if top is None and bottom is None:
        return Segment(" ")
    if top is None:
        return Segment("▄", Style(color=bottom))
    return Segment("▀", Style(color=top, bgcolor=bottom))


def _colour(pixel: object) -> Color | None:
    """A pixel's colour; transparent pixels take the page's own background (None)."""
    assert isinstance(pixel, tuple)
    red, green, blue, alpha = pixel
    if alpha < 128:
        return None
    return Color.from_rgb(red, green, blue)
