"""How many entities a scenario may hold.

Evaluating a scenario and rendering its memo cost time and memory in proportion to the questions
it poses: each person is asked about prisoner-of-war status, mercenarism and accountability, and
about each destination considered for a transfer; each pair of belligerents about self-defence;
each deployment about party status, attribution and the use of force. The limits below keep the
largest scenario the loader accepts, every limit reached at once, within 30 seconds of processor
time and 400 MB to evaluate and to render its memo in any format (the Word memo, which paints a
picture of every section, is the slowest, at about 28 s; Markdown takes under 2 s): see
``docs/limits.md`` for the measurements, and ``benchmarks/bench_persons.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .documents import Document, PathKey, dotted
from .errors import ScenarioError
from .facts import Scenario

MAX_STATES = 30
MAX_CONFLICTS = 3
MAX_BELLIGERENTS = 6
MAX_DEPLOYMENTS = 6
MAX_PERSONS = 20
MAX_TRANSFERS = 80


@dataclass(frozen=True)
class Limit:
    """One limit: its name (the constant), what it counts, its value, in what, and where a
    scenario file holds what it counts."""

    name: str
    what: str
    value: int
    scope: str
    where: str


LIMITS: tuple[Limit, ...] = (
    Limit("MAX_STATES", "states", MAX_STATES, "scenario", "the states under `states:`"),
    Limit("MAX_CONFLICTS", "conflicts", MAX_CONFLICTS, "scenario",
          "the armed conflicts under `conflicts:`"),
    Limit("MAX_BELLIGERENTS", "belligerents", MAX_BELLIGERENTS, "conflict",
          "a conflict's `belligerents:`"),
    Limit("MAX_DEPLOYMENTS", "deployments", MAX_DEPLOYMENTS, "scenario",
          "the deployments under `deployments:`"),
    Limit("MAX_PERSONS", "persons", MAX_PERSONS, "scenario", "the persons under `persons:`"),
    Limit("MAX_TRANSFERS", "pairs of a person and a destination", MAX_TRANSFERS, "scenario",
          "each person with each destination considered for them (the scenario's "
          "`destinations:` and the person's own, each counted once), summed over the persons"),
)
"""Every limit, in the order checked (documented in ``docs/limits.md`` and the scenario format)."""

_BY_NAME = {limit.name: limit for limit in LIMITS}


def transfers(s: Scenario) -> int:
    """How many (person, destination) pairs the scenario asks transfer questions about."""
    shared = set(s.destinations)
    return sum(len(shared | set(p.destinations)) for p in s.persons.values())


def _counts(s: Scenario) -> Iterator[tuple[str, int, PathKey]]:
    yield "MAX_STATES", len(s.states), ("states",)
    yield "MAX_CONFLICTS", len(s.conflicts), ("conflicts",)
    for cid, c in s.conflicts.items():
        yield "MAX_BELLIGERENTS", len(c.belligerents), ("conflicts", cid, "belligerents")
    yield "MAX_DEPLOYMENTS", len(s.deployments), ("deployments",)
    yield "MAX_PERSONS", len(s.persons), ("persons",)
    yield "MAX_TRANSFERS", transfers(s), ("destinations",) if s.destinations else ("persons",)


def check_limits(s: Scenario, doc: Document | None = None) -> None:
    """Refuse a scenario that holds more entities than a limit allows, naming the limit.

    Raises :class:`ScenarioError` at the first limit passed.
    """
    d = doc or Document("<scenario>", {})
    for name, count, key in _counts(s):
        limit = _BY_NAME[name]
        if count > limit.value:
            raise ScenarioError(
                f"{count:,} {limit.what}, more than the limit of {limit.value:,} ({name})",
                location=d.locate(key), field=dotted(key),
                expected=f"at most {limit.value:,} in one {limit.scope}; split the scenario "
                         f"into several, see docs/limits.md")
