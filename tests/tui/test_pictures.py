"""Course images in the reader: drawn as half cells, with the alt text under them or instead."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from rich.color import Color

from trainer.tui.markdown_render import PageStyles, layout_page, parse_page
from trainer.tui.pictures import PictureRenderer, PictureSource, draw_half_cells

PAGE = "Before.\n\n![A red square over a blue one](../images/flag.png)\n\nAfter.\n"


def flag(folder: Path) -> Path:
    """A 10x20 picture: red on top, blue below."""
    (folder / "images").mkdir(parents=True, exist_ok=True)
    path = folder / "images" / "flag.png"
    image = Image.new("RGB", (10, 20), (255, 0, 0))
    image.paste((0, 0, 255), (0, 10, 10, 20))
    image.save(path)
    return path


def text_of(lines: list[list[object]]) -> list[str]:
    return ["".join(getattr(s, "text", "") for s in line) for line in lines]


def test_a_picture_is_drawn_in_its_colours_two_pixels_a_cell(tmp_path: Path) -> None:
    rows = draw_half_cells(flag(tmp_path), width=15)  # two thirds of 15: 10 cells
    assert rows is not None
    assert len(rows) == 10 and all(len(row) == 10 for row in rows)  # 10x20 pixels, one per half
    top, bottom = rows[0][0], rows[-1][0]
    assert top.text == "▀" and top.style is not None
    assert top.style.color == Color.from_rgb(255, 0, 0)
    assert bottom.style is not None and bottom.style.bgcolor == Color.from_rgb(0, 0, 255)


def test_the_reader_shows_the_picture_then_its_alt_text(tmp_path: Path) -> None:
    flag(tmp_path)
    renderer = PictureRenderer(PictureSource(tmp_path, "modules/01-intro.md"), colours=True)
    lines = layout_page(parse_page(PAGE), 30, PageStyles(), renderer)
    shown = [("".join(s.text for s in line.segments)) for line in lines]
    assert shown[0] == "Before."
    assert shown[2].startswith("▀▀▀▀")
    assert "A red square over a blue one" in shown
    assert shown[-1] == "After."


def test_without_colours_or_a_readable_file_the_alt_text_stands_in(tmp_path: Path) -> None:
    flag(tmp_path)
    no_colour = PictureRenderer(PictureSource(tmp_path, "modules/01-intro.md"), colours=False)
    lines = layout_page(parse_page(PAGE), 80, PageStyles(), no_colour)
    shown = ["".join(s.text for s in line.segments) for line in lines]
    assert shown[2] == "[image: A red square over a blue one] (../images/flag.png)"
    (tmp_path / "images" / "flag.png").write_bytes(b"not a picture")
    broken = PictureRenderer(PictureSource(tmp_path, "modules/01-intro.md"), colours=True)
    lines = layout_page(parse_page(PAGE), 80, PageStyles(), broken)
    assert "[image: A red square" in "".join(s.text for s in lines[2].segments)


def test_web_images_and_paths_outside_the_course_are_never_read(tmp_path: Path) -> None:
    source = PictureSource(tmp_path, "modules/01-intro.md")
    assert source.resolve("https://example.com/a.png") is None
    assert source.resolve("../../secret.png") is None
    assert source.resolve("../images/a.png") == tmp_path / "images/a.png"
