"""Images in course text: formats the reader can draw, and files too big or broken to show.

Pillow reads only the file's header here (no pixels are decoded), and only for courses that
have images, so validation stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.diagnostics import Severity

SHOWN_FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP", "BMP"})
"""What the reader draws (Pillow's format names); other images show their alt text only."""

MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""Above this an image is not drawn (its alt text is shown): decoding it would stall the page,
and a terminal shows at most a few thousand pixels of it anyway."""


@dataclass(frozen=True, slots=True)
class ImageProblem:
    severity: Severity
    code: str
    message: str


def check_image(path: Path, written: str) -> ImageProblem | None:
    """What keeps the image at `path` (written as `written`) from being shown, if anything."""
    if path.suffix.lower() == ".svg":
        return ImageProblem(
            "warning",
            "image-format",
            f"the image `{written}` is an SVG drawing, which terminals cannot show: learners "
            "see only its alt text; export it as PNG",
        )
    try:
        size = path.stat().st_size
    except OSError:
        return None  # reported as a missing link target
    if size > MAX_IMAGE_BYTES:
        return ImageProblem(
            "warning",
            "large-image",
            f"the image `{written}` is {size // (1024 * 1024)} MB; images over "
            f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB are not drawn (learners see the alt text): "
            "save a smaller copy, a few hundred KB is plenty for a screen",
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            found = image.format or "unknown"
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return ImageProblem(
            "error",
            "broken-image",
            f"`{written}` is not an image that can be read (damaged, or not a picture); "
            "save it again as PNG or JPEG",
        )
    if found not in SHOWN_FORMATS:
        return ImageProblem(
            "warning",
            "image-format",
            f"the image `{written}` is {found}, which the reader does not draw (learners see "
            "its alt text); save it as PNG or JPEG",
        )
    return None
