"""Pictures of the reasoning: a graph of three columns (the questions, the facts an open answer
turns on, the answers; see :mod:`.issue_diagram`).

A graph is written as inline SVG (:func:`graph_svg`), as a Mermaid flowchart
(:func:`graph_mermaid`) or as a text outline for formats that cannot show pictures
(:func:`graph_outline`). All functions are pure and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from .svg import Attr, document, element, num, wrap

STYLES: dict[str, tuple[str, str, str, str]] = {
    # style: (fill, stroke, text colour, dash pattern)
    "question": ("#1f3a5f", "#1f3a5f", "#ffffff", ""),
    "taken": ("#e6eef7", "#1f3a5f", "#10243d", ""),
    "answer": ("#e6eef7", "#1f3a5f", "#10243d", ""),
    "failed": ("#f4f4f4", "#a0a4a8", "#5f6368", "2 3"),
    "open": ("#fff4e0", "#b36b00", "#4d2e00", "6 3"),
    "branch": ("#fff4e0", "#b36b00", "#4d2e00", ""),
    "defeated": ("#fbeaea", "#8b1a1a", "#5c1111", "2 3"),
    "conflict": ("#fbeaea", "#8b1a1a", "#5c1111", ""),
}
"""How each kind of node is drawn."""

EDGE_STYLES: dict[str, tuple[str, float, str]] = {
    # style: (colour, width, dash pattern)
    "taken": ("#1f3a5f", 2.4, ""),
    "open": ("#b36b00", 1.4, "6 3"),
    "failed": ("#b8bcc0", 1, "2 3"),
    "conflict": ("#8b1a1a", 1.6, ""),
}
"""How each kind of edge is drawn."""

LEGEND: tuple[tuple[str, str], ...] = (
    ("question", "question"),
    ("answer", "answered on the facts"),
    ("branch", "outcome under one version of the facts"),
    ("open", "turns on facts not known"),
)
"""The legend under every diagram."""


@dataclass(frozen=True)
class Node:
    """A box: a bold title, a line of text, its column (0, 1, 2) and its style."""

    id: str
    title: str
    text: str
    column: int
    style: str


@dataclass(frozen=True)
class Edge:
    """An arrow from one node to another, in a style (``taken``, ``open``, ``failed``...)."""

    source: str
    target: str
    style: str


@dataclass(frozen=True)
class Graph:
    """A diagram of the reasoning of one memo section."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


# -- SVG -------------------------------------------------------------------------------------------

WIDTH = 760
COLUMNS: tuple[tuple[float, float], ...] = ((8, 190), (236, 262), (536, 216))
"""Each column's left edge and width."""
CHAR_WIDTH = 6.3
"""The average width of a character at 12px (to wrap text; SVG cannot wrap by itself)."""
TITLE_LINE = 15
TEXT_LINE = 14
PAD = 7
GAP = 12
LEGEND_HEIGHT = 30


@dataclass(frozen=True)
class _Box:
    """A node placed on the drawing, with its text wrapped to its width."""
    node: Node
    x: float
    y: float
    width: float
    title: tuple[str, ...]
    text: tuple[str, ...]

    @property
    def height(self) -> float:
        """The box's height: padding and its lines."""
        return 2 * PAD + len(self.title) * TITLE_LINE + len(self.text) * TEXT_LINE

    @property
    def middle(self) -> float:
        """The vertical middle of the box, where arrows meet it."""
        return self.y + self.height / 2


def _chars(width: float) -> int:
    """How many characters fit on a line of a box ``width`` wide."""
    return int((width - 2 * PAD) / CHAR_WIDTH)


def layout(graph: Graph) -> tuple[dict[str, _Box], float]:
    """Each node's box (columns stacked and centred on each other) and the drawing's height."""
    boxes: dict[str, _Box] = {}
    heights: list[float] = []
    columns: list[list[_Box]] = [[] for _ in COLUMNS]
    for node in graph.nodes:
        x, width = COLUMNS[node.column]
        box = _Box(node, x, 0, width, tuple(wrap(node.title, _chars(width))),
                   tuple(wrap(node.text, _chars(width))) if node.text else ())
        columns[node.column].append(box)
    for column in columns:
        heights.append(sum(b.height for b in column) + GAP * max(len(column) - 1, 0))
    tallest = max(heights)
    for column, height in zip(columns, heights, strict=True):
        y = 8 + (tallest - height) / 2
        for box in column:
            boxes[box.node.id] = _Box(box.node, box.x, y, box.width, box.title, box.text)
            y += box.height + GAP
    return boxes, tallest + 16


def _node_svg(box: _Box) -> str:
    """A node as a rounded box with its bold title and its text."""
    fill, stroke, colour, dash = STYLES.get(box.node.style, STYLES["failed"])
    rect: list[Attr] = [("x", box.x), ("y", box.y), ("width", box.width), ("height", box.height),
                        ("rx", 4), ("fill", fill), ("stroke", stroke),
                        ("stroke-width", 2 if box.node.style in ("taken", "answer") else 1.2)]
    if dash:
        rect.append(("stroke-dasharray", dash))
    parts = [element("rect", rect)]
    y = box.y + PAD + 11
    for line in box.title:
        parts.append(element("text", [("x", box.x + PAD), ("y", y), ("fill", colour),
                                      ("font-weight", "bold")], text=line))
        y += TITLE_LINE
    for line in box.text:
        parts.append(element("text", [("x", box.x + PAD), ("y", y), ("fill", colour),
                                      ("font-size", 11)], text=line))
        y += TEXT_LINE
    return element("g", [("class", f"node {box.node.style}")], parts)


def _edge_svg(edge: Edge, boxes: dict[str, _Box]) -> str:
    """An edge as a curve from the right of one box to the left of the next, with an arrowhead."""
    a, b = boxes[edge.source], boxes[edge.target]
    x1, y1, x2, y2 = a.x + a.width, a.middle, b.x - 1, b.middle
    mid = (x1 + x2) / 2
    colour, width, dash = EDGE_STYLES.get(edge.style, EDGE_STYLES["failed"])
    path: list[Attr] = [("d", f"M{num(x1)} {num(y1)} C{num(mid)} {num(y1)} {num(mid)} {num(y2)} "
                              f"{num(x2 - 6)} {num(y2)}"),
                        ("fill", "none"), ("stroke", colour), ("stroke-width", width)]
    if dash:
        path.append(("stroke-dasharray", dash))
    head = element("polygon", [("points", f"{num(x2)},{num(y2)} {num(x2 - 7)},{num(y2 - 4)} "
                                          f"{num(x2 - 7)},{num(y2 + 4)}"), ("fill", colour)])
    return element("g", [("class", f"edge {edge.style}")], [element("path", path), head])


def _legend_svg(y: float) -> str:
    """The legend: a swatch and a few words for each style."""
    parts = []
    x = 8.0
    for style, words in LEGEND:
        fill, stroke, _colour, dash = STYLES[style]
        rect: list[Attr] = [("x", x), ("y", y), ("width", 18), ("height", 11), ("rx", 2),
                            ("fill", fill), ("stroke", stroke)]
        if dash:
            rect.append(("stroke-dasharray", dash))
        parts.append(element("rect", rect))
        parts.append(element("text", [("x", x + 24), ("y", y + 10), ("fill", "#333333"),
                                      ("font-size", 11)], text=words))
        x += 24 + len(words) * CHAR_WIDTH * 0.92 + 22
    return element("g", [("class", "legend")], parts)


def graph_svg(graph: Graph) -> str:
    """The graph as an inline ``<svg>`` element (no scripts, no external references)."""
    boxes, height = layout(graph)
    edges = [_edge_svg(e, boxes) for e in graph.edges]
    nodes = [_node_svg(boxes[n.id]) for n in graph.nodes]
    total = height + LEGEND_HEIGHT
    return document(WIDTH, total, graph.title, [*edges, *nodes, _legend_svg(height + 6)])


# -- Mermaid ---------------------------------------------------------------------------------------

_MERMAID_ESCAPES = {ord(c): f"#{ord(c)};" for c in '#&<>"`[]{}|\\'}
_MERMAID_ESCAPES.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})

MERMAID_CLASSES: tuple[str, ...] = tuple(
    f"classDef {style} fill:{fill},stroke:{stroke},color:{colour}"
    + (f",stroke-dasharray:{dash}" if dash else "")
    for style, (fill, stroke, colour, dash) in STYLES.items())
"""Mermaid class definitions matching the SVG styles."""

_ARROWS = {"taken": "==>", "open": "-.->", "failed": "--x", "conflict": "-->"}


def mermaid_text(text: str) -> str:
    """Text made safe inside a quoted Mermaid label: markup, quotes, backticks, brackets as codes.

    >>> mermaid_text('<script>"x"</script> `a` #1')
    '#60;script#62;#34;x#34;#60;/script#62; #96;a#96; #35;1'
    """
    return text.translate(_MERMAID_ESCAPES)


MERMAID_LIMIT = 36
"""Longest label a Mermaid box shows (the Markdown memo's text gives every word; a chart is
read at a glance)."""


def cut(text: str, limit: int = MERMAID_LIMIT) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis.

    >>> cut("one two three", 9)
    'one two …'
    """
    if len(text) <= limit:
        return text
    kept: list[str] = []
    for word in text.split(" "):
        if len(" ".join([*kept, word])) > limit - 2:
            break
        kept.append(word)
    return " ".join(kept) + " …"


def graph_mermaid(graph: Graph) -> str:
    """The graph as a Mermaid flowchart (the text inside a ```` ```mermaid ```` block), each
    box's title cut short and its text left out (the SVG and the outline give them whole)."""
    lines = ["flowchart LR"]
    for node in graph.nodes:
        label = mermaid_text(cut(node.title))
        lines.append(f'  {node.id}["{label}"]:::{node.style}')
    for edge in graph.edges:
        lines.append(f"  {edge.source}{_ARROWS.get(edge.style, '-->')}{edge.target}")
    used = dict.fromkeys(n.style for n in graph.nodes)
    lines.extend(f"  {c}" for c in MERMAID_CLASSES if c.split()[1] in used)
    return "\n".join(lines)


# -- text outline ----------------------------------------------------------------------------------

_OUTLINE_MARKS = {"taken": "[path]", "answer": "[answer]", "open": "[open]", "branch": "[branch]",
                  "failed": "[no]", "defeated": "[displaced]", "conflict": "[conflict]"}


def graph_outline(graph: Graph) -> tuple[str, ...]:
    """The graph as a text outline (for formats without pictures): each question, and under it
    what it leads to (through the facts an open answer turns on).

    >>> g = Graph("t", (Node("q", "Q", "s", 0, "question"), Node("a", "yes", "", 2, "answer")),
    ...           (Edge("q", "a", "taken"),))
    >>> graph_outline(g)
    ('Q — s', '└─ [answer] yes')
    """
    by_id = {n.id: n for n in graph.nodes}
    out: dict[str, list[str]] = {}
    for e in graph.edges:
        out.setdefault(e.source, []).append(e.target)
    lines: list[str] = []

    def body(node: Node) -> str:
        text = " ".join(p for p in (node.title, node.text) if p)
        return f"{_OUTLINE_MARKS.get(node.style, '')} {text}"

    def walk(node_id: str, pad: str) -> None:
        targets = out.get(node_id, [])
        for i, target in enumerate(targets):
            last = i == len(targets) - 1
            lines.append(f"{pad}{'└─' if last else '├─'} {body(by_id[target])}")
            walk(target, pad + ("   " if last else "│  "))

    for n in graph.nodes:
        if n.column == 0:
            lines.append(" — ".join(p for p in (n.title, n.text) if p))
            walk(n.id, "")
    return tuple(lines)
