"""Pictures of the reasoning: a small graph per memo section, and the timeline of dated facts.

:func:`reasoning_graph` turns a section's rules tried and branches into a :class:`Graph` of three
columns (the question, the rules tried, the answer or the branches). The graph, and the timeline,
are then written as inline SVG (:func:`graph_svg`, :func:`timeline_svg`), as Mermaid flowcharts
(:func:`graph_mermaid`, :func:`timeline_mermaid`) or as a text outline for formats that cannot
show pictures (:func:`graph_outline`, :func:`timeline_outline`). All functions are pure and
deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .svg import Attr, document, element, num, wrap
from .wording import OTHERWISE

if TYPE_CHECKING:
    from .model import BranchItem, RuleStep

STYLES: dict[str, tuple[str, str, str, str]] = {
    # style: (fill, stroke, text colour, dash pattern)
    "question": ("#1f3a5f", "#1f3a5f", "#ffffff", ""),
    "taken": ("#e6eef7", "#1f3a5f", "#10243d", ""),
    "answer": ("#1f3a5f", "#1f3a5f", "#ffffff", ""),
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
    ("taken", "path to the answer"),
    ("open", "turns on facts not known"),
    ("failed", "rule does not apply"),
    ("defeated", "displaced or overridden"),
)
"""The legend under every reasoning diagram."""

OUTCOME_SHORT: dict[str, str] = {
    "applies": "applies", "fails": "does not apply", "unknown": "may apply",
    "defeated": "displaced by an exception", "overridden": "overridden",
}
"""A rule's outcome in a diagram node."""


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


def step_style(step: RuleStep) -> str:
    """The style of a rule's node: on the path taken, open, failed or displaced."""
    if step.outcome == "applies":
        return "taken" if step.path == "taken" else ("open" if step.path == "branch" else "defeated")
    if step.outcome == "unknown":
        return "open"
    if step.outcome in ("defeated", "overridden"):
        return "defeated"
    return "failed"


BRANCH_TITLE_LIMIT = 110
"""Longest branch condition a diagram node shows in full (the section lists every branch)."""


def _branch_title(number: int, condition: str) -> str:
    """A branch node's title: ``If <condition>``, shortened when the condition is long.

    >>> _branch_title(2, "command authority is joint")
    'If command authority is joint'
    >>> _branch_title(2, "x is true and " * 20)[-40:]
    'ue and x is true … (see Branches, no. 2)'
    """
    if len(condition) <= BRANCH_TITLE_LIMIT:
        return f"If {condition}"
    cut = condition[:BRANCH_TITLE_LIMIT - 30].rsplit(" ", 1)[0]
    return f"If {cut} … (see Branches, no. {number})"


def reasoning_graph(title: str, subject: str, status: str, answer: str,
                    steps: Sequence[RuleStep], branches: Sequence[BranchItem]) -> Graph:
    """The graph of one section: question → rules tried → answer (or one node per branch)."""
    nodes = [Node("q", title, subject, 0, "question")]
    edges: list[Edge] = []
    ids: dict[str, str] = {}
    for i, step in enumerate(steps, start=1):
        node_id = f"r{i}"
        ids.setdefault(step.rule, node_id)
        style = step_style(step)
        text = f"{OUTCOME_SHORT.get(step.outcome, step.outcome)} → {step.value}"
        if step.exceptions:
            text += "; exception: " + ", ".join(step.exceptions)
        nodes.append(Node(node_id, step.name, text, 1, style))
        edges.append(Edge("q", node_id, {"taken": "taken", "open": "open"}.get(style, "failed")))
    if status == "established":
        nodes.append(Node("a1", "Answer", answer, 2, "answer"))
        taken = [ids[s.rule] for s in steps if s.path == "taken" and s.rule in ids]
        edges.extend(Edge(src, "a1", "taken") for src in dict.fromkeys(taken))
        if not taken:
            edges.append(Edge("q", "a1", "taken"))
    elif status == "conflict":
        nodes.append(Node("a1", "No answer: rules conflict", answer, 2, "conflict"))
        conflicting = [ids[s.rule] for s in steps if s.path == "taken" and s.rule in ids]
        edges.extend(Edge(src, "a1", "conflict") for src in dict.fromkeys(conflicting))
    elif branches:
        for j, b in enumerate(branches, start=1):
            node_id = f"b{j}"
            who = f" (on the account of {b.accounts})" if b.accounts else ""
            title = b.lead + who if b.lead == OTHERWISE else _branch_title(j, b.condition + who)
            nodes.append(Node(node_id, title, f"→ {b.outcome}", 2, "branch"))
            sources = [ids[r] for r in b.rules if r in ids]
            edges.extend(Edge(src, node_id, "open") for src in dict.fromkeys(sources))
            if not sources:
                edges.append(Edge("q", node_id, "open"))
    else:
        nodes.append(Node("a1", "Undetermined", answer, 2, "open"))
        edges.append(Edge("q", "a1", "open"))
    return Graph(f"Reasoning: {title} ({subject})", tuple(nodes), tuple(edges))


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


MEMO_DATE = "date of this memo: the facts are assessed as of this day"
"""The label of the memo's own date in a timeline."""


def timeline_rows(events: Sequence[tuple[str, str]], as_of: str | None) -> tuple[
        tuple[str, str, str], ...]:
    """The timeline's rows (date, text, kind): ``past`` events, the ``memo`` date, ``later`` ones.

    >>> for row in timeline_rows([("2024-01-01", "a"), ("2025-06-01", "b")], "2025-01-12"):
    ...     print(row[0], row[2], row[1][:17])
    2024-01-01 past a
    2025-01-12 memo date of this memo
    2025-06-01 later b (after the date
    """
    rows: list[tuple[str, str, str]] = []
    placed = as_of is None
    for date, text in events:
        if not placed and as_of is not None and date > as_of:
            rows.append((as_of, MEMO_DATE, "memo"))
            placed = True
        if as_of is not None and date > as_of:
            rows.append((date, f"{text} (after the date of this memo)", "later"))
        else:
            rows.append((date, text, "past"))
    if not placed and as_of is not None:
        rows.append((as_of, MEMO_DATE, "memo"))
    return tuple(rows)


_ROW_COLOURS = {"past": ("#1f3a5f", "#222222", "#ffffff"), "memo": ("#8b1a1a", "#8b1a1a", "#8b1a1a"),
                "later": ("#8a8f96", "#6b7075", "#ffffff")}


def timeline_svg(events: Sequence[tuple[str, str]], as_of: str | None = None,
                 title: str = "Timeline of dated facts") -> str:
    """The dated facts as a vertical timeline: a date, a dot on a line, what happened; the
    memo's own date marked in red, later events in grey."""
    axis, label_x = 112.0, 130.0
    chars = _chars(WIDTH - label_x)
    rows: list[str] = []
    y = 16.0
    dots: list[tuple[float, str]] = []
    for date, text, kind in timeline_rows(events, as_of):
        lines = wrap(text, chars)
        date_colour, text_colour, _fill = _ROW_COLOURS[kind]
        dots.append((y - 4, kind))
        rows.append(element("text", [("x", axis - 14), ("y", y), ("text-anchor", "end"),
                                     ("font-weight", "bold"), ("fill", date_colour)], text=date))
        for i, line in enumerate(lines):
            attrs: list[Attr] = [("x", label_x), ("y", y + i * TEXT_LINE), ("fill", text_colour)]
            if kind == "memo":
                attrs.append(("font-weight", "bold"))
            rows.append(element("text", attrs, text=line))
        y += len(lines) * TEXT_LINE + 12
    parts: list[str] = []
    if dots:
        parts.append(element("line", [("x1", axis), ("y1", dots[0][0]), ("x2", axis),
                                      ("y2", dots[-1][0]), ("stroke", "#8a9bb0"),
                                      ("stroke-width", 2)]))
    for d, kind in dots:
        colour, _text, fill = _ROW_COLOURS[kind]
        parts.append(element("circle", [("cx", axis), ("cy", d), ("r", 5), ("fill", fill),
                                        ("stroke", colour), ("stroke-width", 2)]))
    return document(WIDTH, max(y, 24), title, [*parts, *rows])


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


def graph_mermaid(graph: Graph) -> str:
    """The graph as a Mermaid flowchart (the text inside a ```` ```mermaid ```` block)."""
    lines = ["flowchart LR"]
    for node in graph.nodes:
        label = mermaid_text(node.title) + (f"<br/>{mermaid_text(node.text)}" if node.text else "")
        lines.append(f'  {node.id}["{label}"]')
    for edge in graph.edges:
        lines.append(f"  {edge.source} {_ARROWS.get(edge.style, '-->')} {edge.target}")
    used = dict.fromkeys(n.style for n in graph.nodes)
    lines.extend(f"  {c}" for c in MERMAID_CLASSES if c.split()[1] in used)
    for style in used:
        members = ",".join(n.id for n in graph.nodes if n.style == style)
        lines.append(f"  class {members} {style}")
    return "\n".join(lines)


def timeline_mermaid(events: Sequence[tuple[str, str]], as_of: str | None = None) -> str:
    """The dated facts as a top-to-bottom Mermaid flowchart, one box per date."""
    rows = timeline_rows(events, as_of)
    lines = ["flowchart TB"]
    for i, (date, text, kind) in enumerate(rows, start=1):
        lines.append(f'  t{i}["{mermaid_text(date)}<br/>{mermaid_text(text)}"]')
        if kind == "memo":
            lines.append(f"  class t{i} conflict")
    lines.extend(f"  t{i} --> t{i + 1}" for i in range(1, len(rows)))
    if any(kind == "memo" for _d, _t, kind in rows):
        lines.append("  " + next(c for c in MERMAID_CLASSES if c.split()[1] == "conflict"))
    return "\n".join(lines)


# -- text outline ----------------------------------------------------------------------------------

_OUTLINE_MARKS = {"taken": "[path]", "answer": "[answer]", "open": "[open]", "branch": "[branch]",
                  "failed": "[no]", "defeated": "[displaced]", "conflict": "[conflict]"}


def graph_outline(graph: Graph) -> tuple[str, ...]:
    """The graph as a text outline (for formats without pictures): question, rules, answer.

    >>> g = Graph("t", (Node("q", "Q", "s", 0, "question"), Node("r1", "R", "applies", 1, "taken"),
    ...                 Node("a1", "Answer", "yes", 2, "answer")), ())
    >>> graph_outline(g)
    ('Q — s', '├─ [path] R: applies', '└─ Answer:', '   └─ [answer] yes')
    """
    question = next(n for n in graph.nodes if n.column == 0)
    rules = [n for n in graph.nodes if n.column == 1]
    answers = [n for n in graph.nodes if n.column == 2]
    lines = [f"{question.title} — {question.text}"]
    for node in rules:
        lines.append(f"├─ {_OUTLINE_MARKS.get(node.style, '')} {node.title}: {node.text}")
    lines.append("└─ Answer:")
    for i, node in enumerate(answers):
        corner = "└─" if i == len(answers) - 1 else "├─"
        body = node.text if node.title == "Answer" else f"{node.title} {node.text}"
        lines.append(f"   {corner} {_OUTLINE_MARKS.get(node.style, '')} {body}")
    return tuple(lines)


def timeline_outline(events: Sequence[tuple[str, str]], as_of: str | None = None) -> tuple[str, ...]:
    """The dated facts as text lines, one per date (the memo's own date marked ►)."""
    return tuple(f"{date} {'►' if kind == 'memo' else '│'} {text}"
                 for date, text, kind in timeline_rows(events, as_of))
