"""Pictures as PNG: paints the small subset of SVG that :mod:`.svg` writes, with Pillow.

Word cannot be relied on to show SVG, so the Word memo embeds each diagram as a PNG painted from
the very SVG the HTML memo shows: ``rect``, ``path`` (one move and cubic curves), ``polygon``,
``line``, ``circle``, ``text`` and ``g``. Anything else is a programming error and raises
:class:`ValueError`. The drawing is painted at twice its size (about 240 pixels to the inch at
the width the memo shows it), sharp in print and smoothed by Word when it shrinks it on screen;
the PNG keeps a palette of :data:`COLOURS` colours, which makes it a third of the size.

Text needs fonts. :class:`Fonts` looks for common fonts at fixed places (Liberation Sans, which has
Helvetica's and Arial's metrics, then DejaVu Sans, Noto and the usual macOS and Windows fonts),
and uses Pillow's own font last; each character is drawn in the first font that has it, and a
character no font has is drawn as ``?`` (the figure's alternative text keeps every character). A
control character (a newline, ESC …) is drawn as its escape (``\\x1b``), as the SVG writes it.
The same fonts give the same bytes, so a memo is byte-identical from run to run on one machine.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageDraw, ImageFont

from ..terminal import visible

SUPERSAMPLE = 2
"""The scale the drawing is painted at (a multiple of :data:`SCALE`; above it, the picture is
reduced to :data:`SCALE`, which smooths edges at a cost in time)."""
SCALE = 2
"""The scale of the PNG (pixels per SVG unit): 1,520 pixels across for a 760-unit diagram."""
COLOURS = 64
"""Colours in the PNG's palette: the drawing has a few flat colours and their smoothed edges, so
a palette of 64 keeps it exact to the eye at a third of the size of full colour."""
SVG_NS = "{http://www.w3.org/2000/svg}"
DEFAULT_FONT_SIZE = 12.0
CURVE_STEPS = 24
"""Straight pieces a cubic curve is drawn with."""

FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/nanum",
    "/System/Library/Fonts/Supplemental", "/System/Library/Fonts", "/Library/Fonts",
    "C:/Windows/Fonts",
)
"""Folders searched for fonts, in order."""
REGULAR_FONTS: tuple[str, ...] = (
    "LiberationSans-Regular.ttf", "DejaVuSans.ttf", "NotoSans-Regular.ttf", "Arial.ttf",
    "arial.ttf", "NotoSansCJK-Regular.ttc", "NanumGothic.ttf", "AppleSDGothicNeo.ttc", "malgun.ttf",
)
"""Font files tried for ordinary text, in order of preference."""
BOLD_FONTS: tuple[str, ...] = (
    "LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf", "Arial Bold.ttf",
    "arialbd.ttf", "NotoSansCJK-Bold.ttc", "NanumGothicBold.ttf", "malgunbd.ttf",
)
"""Font files tried for bold text, in order of preference (then the ordinary ones, emboldened)."""
MISSING = "?"
"""What a character no font has is drawn as."""


def find_fonts(names: Sequence[str], dirs: Sequence[str] = FONT_DIRS) -> tuple[Path, ...]:
    """The font files among ``names`` found in ``dirs``, in the order of ``names``."""
    found: list[Path] = []
    for name in names:
        for folder in dirs:
            path = Path(folder) / name
            if path.is_file():
                found.append(path)
                break
    return tuple(found)


Font = ImageFont.FreeTypeFont


@dataclass
class Fonts:
    """The fonts text is drawn in, loaded on first use, and which characters each one has."""

    regular: tuple[Path, ...]
    bold: tuple[Path, ...]
    _loaded: dict[tuple[str, float], Font] = field(default_factory=dict)
    _has: dict[tuple[str, float, str], bool] = field(default_factory=dict)

    @classmethod
    def installed(cls) -> Fonts:
        """The fonts found on this machine (possibly none: Pillow's own font is used then)."""
        return cls(find_fonts(REGULAR_FONTS), find_fonts(BOLD_FONTS))

    def chain(self, size: float, bold: bool) -> list[tuple[Font, bool]]:
        """The fonts to try, each with whether it must be emboldened by a stroke."""
        chain = [(self._load(p, size), False) for p in self.bold] if bold else []
        chain += [(self._load(p, size), bold) for p in self.regular]
        chain.append((self._load(None, size), bold))
        return chain

    def _load(self, path: Path | None, size: float) -> Font:
        key = (str(path), size)
        if key not in self._loaded:
            loaded = (ImageFont.truetype(str(path), size) if path is not None
                      else ImageFont.load_default(size))
            assert isinstance(loaded, Font)
            self._loaded[key] = loaded
        return self._loaded[key]

    def has(self, font: Font, size: float, char: str) -> bool:
        """Whether ``font`` draws ``char`` (rather than its empty-box glyph)."""
        if char.isspace():
            return True
        key = (f"{font.path!s}:{font.index}", size, char)
        if key not in self._has:
            self._has[key] = _glyph(font, char) != _glyph(font, "\U0010fffd")
        return self._has[key]

    def runs(self, text: str, size: float, bold: bool) -> list[tuple[str, Font, bool]]:
        """``text`` cut into runs, each in the first font that has its characters."""
        chain = self.chain(size, bold)
        runs: list[tuple[str, Font, bool]] = []
        for char in text:
            font, embolden = next(((f, e) for f, e in chain if self.has(f, size, char)),
                                  (chain[-1][0], chain[-1][1]))
            if not self.has(font, size, char):
                char = MISSING
            if runs and runs[-1][1] is font and runs[-1][2] == embolden:
                runs[-1] = (runs[-1][0] + char, font, embolden)
            else:
                runs.append((char, font, embolden))
        return runs


def _glyph(font: Font, char: str) -> tuple[tuple[int, int], bytes]:
    """The size and pixels of one character's glyph."""
    mask = font.getmask(char)
    return mask.size, bytes(mask)


def png(svg: str, fonts: Fonts | None = None) -> bytes:
    """The SVG drawing ``svg`` (as written by :mod:`.svg`) painted as PNG bytes.

    >>> from legal_analysis.render.svg import document, element
    >>> data = png(document(40, 20, "a box", [element("rect", [("x", 2), ("y", 2),
    ...     ("width", 30), ("height", 10), ("fill", "#1f3a5f")])]))
    >>> data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    root = ElementTree.fromstring(svg)
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    size = float(root.attrib.get("font-size", DEFAULT_FONT_SIZE))
    s = SUPERSAMPLE
    image = Image.new("RGB", (round(width * s), round(height * s)), "#ffffff")
    painter = _Painter(ImageDraw.Draw(image), fonts or Fonts.installed(), size)
    for child in root:
        painter.paint(child)
    final = image.reduce(SUPERSAMPLE // SCALE) if SUPERSAMPLE > SCALE else image
    out = io.BytesIO()
    _snap_white(final.quantize(COLOURS, method=Image.Quantize.FASTOCTREE)).save(out, format="PNG")
    return out.getvalue()


def _snap_white(image: Image.Image) -> Image.Image:
    """The paletted ``image`` with near-white colours made white (the palette averages each
    colour with its neighbours, which greys the paper a little)."""
    palette = image.getpalette() or []
    snapped = [255 if all(c >= 248 for c in palette[i - i % 3:i - i % 3 + 3]) else v
               for i, v in enumerate(palette)]
    image.putpalette(snapped)
    return image


@dataclass
class _Painter:
    """Paints SVG elements on a Pillow drawing at :data:`SUPERSAMPLE` times their size."""

    draw: ImageDraw.ImageDraw
    fonts: Fonts
    font_size: float

    def paint(self, el: ElementTree.Element) -> None:
        """Paint one element (and, for a group, its children)."""
        tag = el.tag.removeprefix(SVG_NS)
        if tag == "title":
            return
        if tag == "g":
            for child in el:
                self.paint(child)
            return
        if tag == "text":
            self.text(el)
            return
        method = getattr(self, f"_{tag}", None)
        if method is None:
            raise ValueError(f"cannot paint SVG element <{tag}>")
        method(el.attrib)

    def _rect(self, a: dict[str, str]) -> None:
        s = SUPERSAMPLE
        x, y, w, h = (_f(a, k) * s for k in ("x", "y", "width", "height"))
        box = (x, y, x + w, y + h)
        fill, stroke = _colour(a.get("fill")), _colour(a.get("stroke"))
        width = round(_f(a, "stroke-width", 1) * s)
        dash = _dashes(a.get("stroke-dasharray"))
        radius = round(_f(a, "rx") * s)
        if fill:
            self.draw.rounded_rectangle(box, radius, fill=fill)
        if stroke and not dash:
            self.draw.rounded_rectangle(box, radius, outline=stroke, width=width)
        elif stroke:
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
            self._polyline(corners, stroke, width, dash)

    def _path(self, a: dict[str, str]) -> None:
        points = _path_points(a["d"])
        stroke = _colour(a.get("stroke"))
        if stroke:
            self._polyline([(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points], stroke,
                           round(_f(a, "stroke-width", 1) * SUPERSAMPLE),
                           _dashes(a.get("stroke-dasharray")))

    def _polygon(self, a: dict[str, str]) -> None:
        numbers = [float(n) * SUPERSAMPLE for n in re.split(r"[ ,]+", a["points"].strip())]
        self.draw.polygon(list(zip(numbers[::2], numbers[1::2], strict=True)),
                          fill=_colour(a.get("fill")))

    def _line(self, a: dict[str, str]) -> None:
        s = SUPERSAMPLE
        self.draw.line([(_f(a, "x1") * s, _f(a, "y1") * s), (_f(a, "x2") * s, _f(a, "y2") * s)],
                       fill=_colour(a.get("stroke")), width=round(_f(a, "stroke-width", 1) * s))

    def _circle(self, a: dict[str, str]) -> None:
        s = SUPERSAMPLE
        cx, cy, r = _f(a, "cx") * s, _f(a, "cy") * s, _f(a, "r") * s
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_colour(a.get("fill")),
                          outline=_colour(a.get("stroke")),
                          width=round(_f(a, "stroke-width", 1) * s))

    def _polyline(self, points: Sequence[tuple[float, float]], colour: str, width: int,
                  dash: Sequence[float]) -> None:
        pieces = [list(points)] if not dash else list(_dashed(points, dash))
        for piece in pieces:
            kept = _thin(piece, width / 2)
            if len(kept) > 1:
                self.draw.line(kept, fill=colour, width=max(width, 1), joint="curve")

    def text(self, el: ElementTree.Element) -> None:
        """Paint a ``text`` element: runs of characters, each in a font that has them."""
        a = el.attrib
        s = SUPERSAMPLE
        size = _f(a, "font-size", self.font_size) * s
        bold = a.get("font-weight") == "bold"
        runs = self.fonts.runs(visible(el.text or "", keep=""), size, bold)
        total = sum(font.getlength(t) for t, font, _e in runs)
        x = _f(a, "x") * s
        anchor = a.get("text-anchor", "start")
        x -= total if anchor == "end" else total / 2 if anchor == "middle" else 0
        y = _f(a, "y") * s
        colour = _colour(a.get("fill")) or "#000000"
        for t, font, embolden in runs:
            self.draw.text((x, y), t, fill=colour, font=font, anchor="ls",
                           stroke_width=s // 2 if embolden else 0, stroke_fill=colour)
            x += font.getlength(t)


def _f(attrs: dict[str, str], key: str, default: float = 0.0) -> float:
    """A numeric attribute."""
    return float(attrs[key]) if key in attrs else default


def _colour(value: str | None) -> str | None:
    """An SVG colour as Pillow takes it (``none`` and absent give ``None``)."""
    return None if value in (None, "none") else value


def _dashes(value: str | None) -> list[float]:
    """A dash pattern at the painting scale (empty for a solid line)."""
    if not value:
        return []
    return [float(n) * SUPERSAMPLE for n in re.split(r"[ ,]+", value.strip())]


def _path_points(d: str) -> list[tuple[float, float]]:
    """The points along a path of one move (``M``) and cubic curves (``C``), curves flattened.

    >>> _path_points("M0 0 C0 0 10 0 10 0")[-1]
    (10.0, 0.0)
    """
    tokens = re.findall(r"[MC]|-?[0-9.]+", d)
    if not tokens or tokens[0] != "M":
        raise ValueError(f"cannot paint path {d!r}")
    x, y = float(tokens[1]), float(tokens[2])
    points = [(x, y)]
    i = 3
    while i < len(tokens):
        if tokens[i] != "C":
            raise ValueError(f"cannot paint path {d!r}")
        x1, y1, x2, y2, x3, y3 = (float(t) for t in tokens[i + 1:i + 7])
        for step in range(1, CURVE_STEPS + 1):
            t = step / CURVE_STEPS
            u = 1 - t
            points.append((u ** 3 * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
                           u ** 3 * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3))
        x, y = x3, y3
        i += 7
    return points


def _thin(points: Sequence[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """The points of a polyline without those closer than ``gap`` to the last one kept (short
    pieces give lumps where a thick line turns); the last point is always kept.

    >>> _thin([(0, 0), (1, 0), (5, 0), (6, 0)], 2)
    [(0, 0), (5, 0), (6, 0)]
    """
    kept = [points[0]]
    for x, y in points[1:-1]:
        if (x - kept[-1][0]) ** 2 + (y - kept[-1][1]) ** 2 >= gap * gap:
            kept.append((x, y))
    if len(points) > 1:
        kept.append(points[-1])
    return kept


def _dashed(points: Sequence[tuple[float, float]], dash: Sequence[float]
            ) -> Iterator[list[tuple[float, float]]]:
    """The drawn pieces of a polyline under a dash pattern (on, off, on, off ...).

    >>> [[(round(x), round(y)) for x, y in p] for p in _dashed([(0, 0), (10, 0)], [3, 2])]
    [[(0, 0), (3, 0)], [(5, 0), (8, 0)]]
    """
    pattern = list(dash) if len(dash) % 2 == 0 else list(dash) * 2
    index, left, on = 0, pattern[0], True
    piece: list[tuple[float, float]] = [points[0]]
    for (x0, y0), (x1, y1) in pairwise(points):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        done = 0.0
        while length - done > left:
            done += left
            t = done / length
            point = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if on:
                piece.append(point)
                yield piece
            piece = [point]
            index = (index + 1) % len(pattern)
            left, on = pattern[index], not on
        left -= length - done
        if on:
            piece.append((x1, y1))
    if on and len(piece) > 1:
        yield piece
