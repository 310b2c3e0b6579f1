"""What a traced decision reports: for every rule instance tried, whether its condition held,
the result of each node of the condition, the sub-conclusions it asked about, whether it
applied once exceptions were weighed, and the value it gives.

:meth:`~.evaluate.Engine.decide` fills a :class:`Tracer` when given one; derivations
(``explain``, "why not", the memo's appendix) are built from it alone, so an explanation says
what the decision found and cannot contradict it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .decision import Decision

Tri = bool | None
Subject = tuple[tuple[str, str], ...]


class TracedWorld(Protocol):
    """A world that decides with a tracer (see :class:`~.slots.World`)."""

    def decide_traced(self, cid: str, subject: Subject, tracer: Tracer) -> Decision: ...


class InstanceTrace:
    """One rule instance as a traced decision found it."""

    __slots__ = ("_decide", "applies", "asked", "instance", "nodes", "own", "value")

    def __init__(self, instance: Any, size: int,
                 decide: Callable[[str, Subject], Decision]) -> None:
        self.instance = instance
        self.nodes: list[Tri] = [None] * size
        """The result of each node of the rule's condition, in preorder."""
        self.asked: dict[int, tuple[str, Subject] | None] = {}
        """For each conclusion test (by node number): the conclusion and subject it asked about,
        or None where a path to the subject named an unknown fact."""
        self.own: Tri = None
        """Whether the rule's condition holds."""
        self.applies: Tri = None
        """Whether the rule applies: its condition holds and no exception to it applies."""
        self.value: Any = None
        self._decide = decide

    def decide(self, cid: str, subject: Subject) -> Decision:
        """Decide a sub-conclusion, traced with the same tracer."""
        return self._decide(cid, subject)


@dataclass(frozen=True)
class DecisionTrace:
    """A traced decision: the outcome and every rule instance tried for it."""

    conclusion: str
    subject: Subject
    decision: Decision
    instances: tuple[InstanceTrace, ...]


@dataclass
class Tracer:
    """Collects traced decisions made in one world (each conclusion and subject once)."""

    world: TracedWorld
    decisions: dict[tuple[str, Subject], DecisionTrace] = field(default_factory=dict)
