"""The casebook's cases and their analyses: what a case is, how a variation's scenario file is
written, and the cases analysed with one rule base (``Casebook``).

A case is a scenario file and the questions put to it. Three kinds:

- the home scenario at one date (``docs/examples/dprk-*.yaml``);
- a *variation*: the home scenario with a few facts changed, written to
  ``docs/examples/casebook/<case>.yaml``;
- a *structure* case (``standalone``): a hypothetical scenario of its own, in scenario format 2
  (``docs/examples/v2/<case>.yaml``), which the rules must be able to read; it may name another
  case to compare with (``compare_with``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from docgen import ROOT, GenerationError, relative
from legal_analysis import Analysis, Result, Rulebook, Scenario, WhatIf, analyse
from legal_analysis.documents import parse_document, read_document
from legal_analysis.engine.counterfactual import compare
from legal_analysis.errors import LegalAnalysisError
from legal_analysis.scenario import build_scenario, load_scenario

COMMAND = "PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py"
"""How to regenerate the files this script writes (named in the tests' failure messages)."""

EXAMPLES = ROOT / "docs" / "examples"
SCENARIOS = EXAMPLES / "casebook"
CASEBOOK = ROOT / "docs" / "casebook"
MEMOS = CASEBOOK / "memos"


@dataclass(frozen=True)
class Ask:
    """A question a case puts: one conclusion for one subject (roles → ids)."""

    conclusion: str
    subject: Mapping[str, str]


def ask(conclusion: str, **subject: str) -> Ask:
    """A question: a conclusion, for the entities named by role."""
    return Ask(conclusion, subject)


@dataclass(frozen=True)
class Change:
    """A fact changed from the home scenario: its fact key, its new value, and why.

    ``value`` is what the scenario file holds at the key: a fact's value (written as a full fact
    with a note saying it is hypothetical), or, for a key under ``treaties``, the participation.
    """

    key: str
    value: Any
    why: str


@dataclass(frozen=True)
class Exercise:
    """'What changes if ...?': a question, the fact changes it makes, and the teacher's hint.

    The answer lists every public conclusion whose outcome changes and, for the conclusions in
    ``show`` (by default the case's questions), the memo's new answer where only its reasons
    change.
    """

    question: str
    changes: Mapping[str, Any]
    hint: str = ""
    show: tuple[Ask, ...] = ()


@dataclass(frozen=True)
class Case:
    """A case of the casebook.

    ``base`` names an example scenario (``docs/examples/<base>.yaml``). With no ``changes`` the case
    is that scenario itself; otherwise it is a variation written to
    ``docs/examples/casebook/<name>.yaml``. A ``standalone`` case is a scenario of its own (not
    the home scenario): its facts are listed in words, and ``compare_with`` may name the case
    whose answers it is compared with.
    """

    name: str
    page: str
    title: str
    base: str
    asks: tuple[Ask, ...]
    changes: tuple[Change, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    summary: str = ""
    standalone: bool = False
    compare_with: str = ""

    @property
    def is_variation(self) -> bool:
        return bool(self.changes)

    @property
    def example(self) -> str:
        """The name under which ``legal-analysis examples`` finds the case's scenario file."""
        return self.path.stem

    @property
    def path(self) -> Path:
        """The case's scenario file."""
        if self.is_variation:
            return SCENARIOS / f"{self.name}.yaml"
        return EXAMPLES / f"{self.base}.yaml"


# -- building and analysing the cases ---------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """YAML out: no anchors, citations ``{source: ..., pinpoint: ...}`` on one line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = bool(data) and set(data) <= {"source", "pinpoint"}
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(dict, _represent_dict)


def _raw_path(key: str) -> list[str]:
    return key.split(".")


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    parts = _raw_path(key)
    cur: Any = data
    for part in parts[:-1]:
        nxt = cur.get(part)
        if nxt is None:
            nxt = cur[part] = {}
        if not isinstance(nxt, dict):
            raise GenerationError(f"{key}: {part!r} is not a mapping in the base scenario")
        cur = nxt
    cur[parts[-1]] = value


def _hypothetical(change: Change) -> Any:
    note = f"Hypothetical (casebook): {change.why}"
    if ".treaties." in change.key:
        return {"status": change.value, "note": note}
    value = list(change.value) if isinstance(change.value, tuple) else change.value
    return {"value": value, "certainty": "established", "note": note}


def scenario_text(case: Case) -> str:
    """The scenario file of a variation: its base with the changes, and a header saying so."""
    base = EXAMPLES / f"{case.base}.yaml"
    data = copy.deepcopy(read_document(base).data)
    if not isinstance(data, dict):
        raise GenerationError(f"{relative(base)} is not a mapping")
    data["id"] = f"casebook-{case.name}"
    data["title"] = case.title
    if case.summary:
        data["summary"] = " ".join(case.summary.split())
    for change in case.changes:
        _set(data, change.key, _hypothetical(change))
    header = [
        f"# Casebook: {case.title}",
        "#",
        f"# Generated by docs/tools/gen_casebook.py from {relative(base)}: do not edit by hand.",
        f"# Regenerate with: {COMMAND}",
        "# The home scenario, with these facts changed (hypothetically, for teaching):",
        *[f"#   {c.key}: {yaml_value(c.value)}" for c in case.changes],
        f"# The case is discussed in docs/casebook/{case.page}.md.",
        "",
    ]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return "\n".join(header) + body


def standalone_scenario(case: Case) -> Scenario:
    """A standalone case's scenario; a scenario the rules cannot read yet stops the generation
    with the reason, never an empty page."""
    if not case.path.is_file():
        raise GenerationError(f"case {case.name!r}: no scenario file {relative(case.path)}")
    try:
        return load_scenario(case.path)
    except LegalAnalysisError as err:
        raise GenerationError(f"case {case.name!r} cannot be generated: the library does not "
                              f"evaluate {relative(case.path)} ({err}); a structure case needs "
                              "a scenario the rules can read") from None


def yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


@dataclass
class Casebook:
    """The cases analysed with one rule base (each analysis computed once)."""

    rulebook: Rulebook
    cases: tuple[Case, ...]
    _analyses: dict[str, Analysis] = field(default_factory=dict)
    _what_ifs: dict[tuple[str, int], WhatIf] = field(default_factory=dict)
    _blocks: dict[str, dict[str, str]] = field(default_factory=dict)

    def case(self, name: str) -> Case:
        """A case by name."""
        for case in self.cases:
            if case.name == name:
                return case
        raise KeyError(name)

    def scenario(self, case: Case) -> Scenario:
        """The case's scenario, built from the generated text (not from a possibly stale file)."""
        if case.standalone:
            return standalone_scenario(case)
        if not case.is_variation:
            return load_scenario(case.path)
        text = scenario_text(case)
        return build_scenario(parse_document(text.encode("utf-8"), str(case.path)))

    def analysis(self, case: Case) -> Analysis:
        """The case analysed (cached)."""
        if case.name not in self._analyses:
            self._analyses[case.name] = analyse(self.scenario(case), self.rulebook)
        return self._analyses[case.name]

    def home(self, case: Case) -> Analysis:
        """The home scenario a variation departs from, analysed (cached)."""
        key = f"example:{case.base}"
        if key not in self._analyses:
            self._analyses[key] = analyse(load_scenario(EXAMPLES / f"{case.base}.yaml"),
                                          self.rulebook)
        return self._analyses[key]

    def what_if(self, case: Case, number: int) -> WhatIf:
        """The answer to exercise ``number`` (0-based) of a case (cached)."""
        key = (case.name, number)
        if key not in self._what_ifs:
            self._what_ifs[key] = self.analysis(case).what_if(case.exercises[number].changes)
        return self._what_ifs[key]

    def analyses(self) -> list[Analysis]:
        """Every case's analysis, and the home scenarios' at each date."""
        out = [self.analysis(c) for c in self.cases]
        out += [self.home(c) for c in self.cases if c.is_variation]
        return list({id(a): a for a in out}.values())

    def base(self, case: Case) -> Analysis | None:
        """What a case is compared with: the home scenario for a variation, the case it names for
        a standalone case (``None`` where it names none)."""
        if case.is_variation:
            return self.home(case)
        if case.standalone and case.compare_with:
            try:
                return self.analysis(self.case(case.compare_with))
            except KeyError:
                raise GenerationError(f"case {case.name!r}: compare_with names no case "
                                      f"({case.compare_with!r})") from None
        return None

    def flips(self, case: Case) -> list[tuple[Result | None, Result | None]]:
        """The public conclusions whose outcome differs between the case and what it is compared
        with. Between two scenarios of their own, only the questions both put (the same
        conclusion about the same entities) are compared."""
        base = self.base(case)
        if base is None:
            return []
        every = case.is_variation
        return [(ch.before, ch.after) for ch in compare(base.results, self.analysis(case).results)
                if ch.id in self.public
                and (every or (ch.before is not None and ch.after is not None))]

    @cached_property
    def public(self) -> set[str]:
        return {cid for cid, c in self.rulebook.conclusions.items() if c.spec.public}


