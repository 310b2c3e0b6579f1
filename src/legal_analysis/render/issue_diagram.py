"""One diagram per legal issue: its questions on the left, the facts an open answer turns on in
the middle, and the answers on the right.

A question answered on the facts leads straight to its answer (a solid path); an open question
leads through each version of the facts to the outcome under it (dashed). Versions worded alike
share one box, so a fact that decides several questions (who commands the troops) shows as one
box with an arrow to each outcome. A transfer table adds each destination and its outcome.
"""

from __future__ import annotations

from .diagram import Edge, Graph, Node, cut
from .parts import Issue

TEXT_LIMIT = 150
"""Longest text a box shows in full (the memo's text gives every word)."""


def short(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis (see
    :func:`.diagram.cut`).

    >>> short("one two three", 9)
    'one two …'
    """
    return cut(text, limit)


def issue_graph(issue: Issue) -> Graph | None:
    """The diagram of an issue (``None`` where it has nothing to draw)."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    ids: dict[tuple[int, str], str] = {}

    def node(column: int, title: str, text: str, style: str, limit: int = TEXT_LIMIT) -> str:
        key = (column, title + "\n" + text) if column else (column, f"{len(nodes)}")
        if key in ids:
            return ids[key]
        node_id = f"n{len(nodes) + 1}"
        ids[key] = node_id
        nodes.append(Node(node_id, short(title, limit), short(text, limit), column, style))
        return node_id

    def edge(source: str, target: str, style: str) -> None:
        if Edge(source, target, style) not in edges:
            edges.append(Edge(source, target, style))

    # a transfer table's rows give its outcomes: its discussions (the reasons) are not drawn
    for d in issue.discussions if not issue.tables else ():
        if not d.versions and not d.answer:
            continue
        q = node(0, f"{d.number} {d.title}", d.subject, "question")
        if not d.versions:
            style = "answer" if d.status == "established" else "open"
            a = node(2, d.answer, "", style)
            edge(q, a, "taken" if d.status == "established" else "open")
            continue
        for v in d.versions:
            # 'otherwise' is the rest of one question's versions: never shared with another's
            shared = v.lead.startswith("If ") and not v.lead.startswith("If none of")
            lead = v.lead if shared else f"{v.lead} ({d.number})"
            c = node(1, lead, "", "open")
            o = node(2, v.outcome, "", "branch")
            edge(q, c, "open")
            edge(c, o, "open")
    for table in issue.tables:
        for row in table.rows:
            whose = f"transfer of {table.persons}" if len(issue.tables) > 1 else ""
            q = node(0, row.destination, whose, "question")
            fixed = " or " not in row.outcome
            o = node(2, row.outcome, "", "answer" if fixed else "branch")
            edge(q, o, "taken" if fixed else "open")
    if not nodes:
        return None
    return Graph(f"Issue {issue.number}: {issue.title}", tuple(nodes), tuple(edges))
