"""The lock file (requirements/constraints.txt) agrees with pyproject.toml.

Every install made by ``make`` takes its versions from the lock, so a dependency added to, or a
range changed in, ``pyproject.toml`` without ``make lock`` would leave the checkout installing
something else than it declares. These tests fail on any such disagreement.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import ROOT

LOCK = ROOT / "requirements" / "constraints.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", re.MULTILINE)
_VIA_PROJECT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[^\n]*\n((?:\s+#.*\n)+)", re.MULTILINE)


NOT_LOCKED = frozenset({"frames"})
"""Extras that make never installs, so the lock leaves them out: ``frames`` (pandas, for
``Analysis.to_frame``) is for the user's own environment."""


def declared() -> list[Requirement]:
    """Every requirement pyproject.toml declares: runtime and every extra make installs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"])
    for name, extra in project["optional-dependencies"].items():
        if name not in NOT_LOCKED:
            texts.extend(extra)
    return [Requirement(text) for text in texts]


def pinned(text: str) -> dict[str, Version]:
    return {canonicalize_name(name): Version(version) for name, version in _PIN.findall(text)}


def disagreements(requirements: list[Requirement], lock_text: str) -> list[str]:
    """Each declared requirement the lock lacks or pins outside its range."""
    locked = pinned(lock_text)
    problems = []
    for req in requirements:
        version = locked.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is declared but not in the lock")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} is locked but pyproject.toml asks {req.specifier}")
    return problems


def test_every_declared_requirement_is_locked_within_its_range() -> None:
    problems = disagreements(declared(), LOCK.read_text(encoding="utf-8"))
    assert not problems, "; ".join(problems) + " (run `make lock`)"


def test_the_lock_names_no_direct_requirement_that_pyproject_dropped() -> None:
    names = {canonicalize_name(req.name) for req in declared()}
    direct = {
        canonicalize_name(name)
        for name, vias in _VIA_PROJECT.findall(LOCK.read_text(encoding="utf-8"))
        if "legal-analysis (pyproject.toml)" in vias
    }
    assert direct <= names, f"locked as direct but no longer declared: {sorted(direct - names)}"


def test_pins_are_exact_and_cover_every_set() -> None:
    text = LOCK.read_text(encoding="utf-8")
    # runtime, dev and docs sets in one resolution
    assert "--all-extras" in text or all(re.search(f"--extra[= ]{name}\\b", text)
                                         for name in ("dev", "docs"))
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            assert _PIN.match(line), f"not an exact pin: {line!r}"


def test_a_disagreement_is_detected() -> None:
    """The check is not vacuous: a range the lock falls outside, and a missing package, are reported."""
    found = disagreements([Requirement("pydantic>=99"), Requirement("no-such-package>=1")],
                          LOCK.read_text(encoding="utf-8"))
    assert len(found) == 2 and "pydantic==" in found[0] and "not in the lock" in found[1]
