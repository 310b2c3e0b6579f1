"""Scenario format versions: which version a file is written in, and what the names of
version 1 became in version 2 (for errors that say what to change).

A file without ``format`` is version 1; ``format: 2`` is the model of parties, forces, relations
and persons (:mod:`legal_analysis.schema`).
"""

from __future__ import annotations

from .documents import Document
from .errors import ScenarioError

FORMATS = (1, 2)
"""The scenario format versions this version of the library reads."""
LATEST = 2

FORMAT_2_ONLY = ("parties", "forces", "relations", "agreements")
"""Top-level fields of format 2 that format 1 has not: a file that has one needs 'format: 2'."""

RENAMED: dict[tuple[str, str], str] = {
    ("scenario", "states"): "'parties', each with 'kind: state'",
    ("scenario", "deployments"): "'forces' (a force of the sending state 'placed_with' the "
                                 "receiving state)",
    ("conflict", "belligerents"): "'sides', a list of the parties fighting together on each side",
    ("conflict", "kind"): "'described_as' (the rules classify the conflict themselves)",
    ("conflict", "armed_attack_by_adversary"): "a 'uses_of_force' entry with 'armed_attack'",
    ("force", "sending_state"): "'belongs_to'",
    ("force", "receiving_state"): "'placed_with'",
    ("force", "against"): "the other side of the force's conflict",
    ("force", "command_authority"): "'command' (own, placed_with or joint)",
    ("force", "integrated_into_receiving_forces"): "'integrated'",
    ("force", "armed_attack_intensity"): "a 'uses_of_force' entry of its conflict, with "
                                         "'armed_attack'",
    ("person", "deployment"): "'member_of', the force the person is a member of",
    ("person", "captured_by"): "'held_by'",
    ("person", "member_of_forces_of"): "'armed_forces_of'",
    ("person", "wish_verified_independently"): "'wish_verification', saying how it was verified",
    ("actor", "state"): "'party'",
}
"""Fields of version 1 (by the version-2 kind they stood in) and what replaces them."""


def scenario_format(doc: Document) -> int:
    """The format version of a scenario document: 1 without ``format``, else its value.

    Raises :class:`ScenarioError` at the ``format`` field for a value that is not a version.
    """
    if not isinstance(doc.data, dict) or "format" not in doc.data:
        return 1
    value = doc.data["format"]
    if isinstance(value, int) and not isinstance(value, bool) and value in FORMATS:
        return value
    known = ", ".join(str(v) for v in FORMATS)
    raise ScenarioError(f"{value!r} is not a scenario format version", field="format",
                        location=doc.locate(("format",)),
                        expected=f"one of {known} (a file without 'format' is version 1)")


def renamed(kind: str, name: str) -> str | None:
    """What replaces a version-1 field in version 2, for an error on a version-2 file."""
    return RENAMED.get((kind, name))
