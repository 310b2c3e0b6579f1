"""PNG pictures painted from the SVG the memos draw: shapes, dashes, text and fonts."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from legal_analysis.render.raster import MISSING, SCALE, Fonts, _dashed, png
from legal_analysis.render.svg import document, element

NAVY = (0x1F, 0x3A, 0x5F)


def _paint(width: float, height: float, children: list[str], fonts: Fonts | None = None
           ) -> Image.Image:
    data = png(document(width, height, "test", children), fonts)
    return Image.open(io.BytesIO(data)).convert("RGB")


def _rgb(image: Image.Image, x: int, y: int) -> tuple[int, int, int]:
    """The colour of one pixel of an RGB image."""
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple) and len(pixel) == 3
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def _near(rgb: tuple[int, int, int], expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, expected, strict=True))


def test_a_filled_box_is_painted_where_the_svg_puts_it() -> None:
    """A rectangle's fill covers its area at the picture's scale, and the paper stays white."""
    image = _paint(100, 50, [element("rect", [("x", 10), ("y", 10), ("width", 40), ("height", 20),
                                              ("fill", "#1f3a5f")])])
    assert image.size == (100 * SCALE, 50 * SCALE)
    assert _near(_rgb(image, 30 * SCALE, 20 * SCALE), NAVY)
    assert _rgb(image, 80 * SCALE, 40 * SCALE) == (255, 255, 255)
    assert _rgb(image, 5 * SCALE, 5 * SCALE) == (255, 255, 255)


def test_a_dashed_line_has_gaps_and_a_solid_one_none() -> None:
    """A dashed stroke leaves paper between its dashes; a solid stroke of the same path does not."""
    def row(dash: str) -> list[tuple[int, int, int]]:
        attrs: list[tuple[str, str | float | int]] = [
            ("d", "M0 10 C30 10 60 10 100 10"), ("fill", "none"), ("stroke", "#1f3a5f"),
            ("stroke-width", 2)]
        if dash:
            attrs.append(("stroke-dasharray", dash))
        image = _paint(100, 20, [element("path", attrs)])
        return [_rgb(image, x, 10 * SCALE) for x in range(4, 96 * SCALE)]
    assert all(_near(p, NAVY, 40) for p in row(""))
    dashed = row("6 4")
    assert any(p == (255, 255, 255) for p in dashed) and any(_near(p, NAVY, 40) for p in dashed)


def test_text_is_drawn_at_its_anchor() -> None:
    """Text darkens the paper to the right of a start-anchored position and to the left of an
    end-anchored one."""
    start = _paint(200, 30, [element("text", [("x", 100), ("y", 20), ("fill", "#000000")],
                                     text="Answer")])
    end = _paint(200, 30, [element("text", [("x", 100), ("y", 20), ("text-anchor", "end"),
                                            ("fill", "#000000")], text="Answer")])

    def inked(image: Image.Image, left: int, right: int) -> int:
        return sum(1 for x in range(left * SCALE, right * SCALE) for y in range(30 * SCALE)
                   if sum(_rgb(image, x, y)) < 384)
    assert inked(start, 100, 200) > 50 and inked(start, 0, 99) == 0
    assert inked(end, 0, 100) > 50 and inked(end, 101, 200) == 0


def test_a_character_no_font_has_is_drawn_as_a_question_mark() -> None:
    """With only Pillow's own (Latin) font, a Hangul character is drawn as ``?``, Latin as itself."""
    fonts = Fonts((), ())
    runs = fonts.runs("Kim 김", 12, False)
    assert "".join(text for text, _font, _bold in runs) == f"Kim {MISSING}"


def test_installed_fonts_draw_cyrillic_when_they_have_it() -> None:
    """Where an installed font has Cyrillic, Cyrillic names are drawn in it, not replaced."""
    fonts = Fonts.installed()
    if not fonts.regular:
        pytest.skip("no font installed at the places searched")
    text = "".join(t for t, _f, _b in fonts.runs("Іван Петренко", 12, False))
    if MISSING in text:
        pytest.skip("the installed fonts lack Cyrillic")
    assert text == "Іван Петренко"


def test_the_same_drawing_gives_the_same_bytes() -> None:
    """Painting is deterministic: the same SVG gives byte-identical PNGs."""
    svg = document(120, 40, "t", [element("rect", [("x", 4), ("y", 4), ("width", 60), ("height", 20),
                                                   ("rx", 4), ("fill", "#e6eef7"),
                                                   ("stroke", "#1f3a5f"), ("stroke-dasharray", "2 3")]),
                                  element("text", [("x", 8), ("y", 18)], text="Rule → applies")])
    assert png(svg) == png(svg)


def test_an_element_it_cannot_paint_is_an_error() -> None:
    """An element outside the subset the memos draw is refused, not silently dropped."""
    with pytest.raises(ValueError, match="ellipse"):
        png(document(10, 10, "t", [element("ellipse", [("cx", 5)])]))


@given(length=st.floats(1, 500), on=st.floats(0.5, 20), off=st.floats(0.5, 20))
def test_dashes_cover_exactly_the_on_part_of_a_line(length: float, on: float, off: float) -> None:
    """Dashing a straight line of any length with a pattern (on, off) draws pieces that lie on
    the line, in order, and whose lengths add up to the parts of the line the pattern has on."""
    pieces = list(_dashed([(0.0, 0.0), (length, 0.0)], [on, off]))
    drawn = sum(p[-1][0] - p[0][0] for p in pieces)
    expected, x = 0.0, 0.0
    while x < length:
        expected += min(on, length - x)
        x += on + off
    assert drawn == pytest.approx(expected, abs=1e-6)
    starts = [p[0][0] for p in pieces]
    assert starts == sorted(starts) and all(y == 0 for p in pieces for _x, y in p)
