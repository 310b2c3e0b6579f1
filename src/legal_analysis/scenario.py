"""Loading scenario files (format 1, and format 2 through :mod:`legal_analysis.model`) and
checking the references between the entities of format 1."""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .bridge import lower_document
from .citations import check_citations
from .documents import (
    Document,
    PathKey,
    data_document,
    dotted,
    lookup,
    read_document,
    text_document,
)
from .errors import ScenarioError, did_you_mean, one_of
from .facts import GROUP_FACTS, UNKNOWN, Account, Fact, Model, Scenario, state_code_fields
from .formats import FORMAT_2_ONLY, scenario_format
from .limits import check_limits
from .model.loading import build_scenario_v2
from .model_walk import iter_models
from .sources import Registry
from .validation import raise_located


def load_scenario(source: str | Path | Mapping[str, Any],
                  registry: Registry | None = None) -> Scenario:
    """Read a scenario, validate it and check its cross-references; with the rule base's
    sources ``registry``, check its citations too (see :func:`check_citations`).

    ``source`` is a YAML or JSON file's path; or the YAML or JSON text itself, as a string that
    holds a line break or starts with ``{`` (errors are located at ``<string>:line:col``); or
    the scenario as a mapping of plain data (errors name ``<mapping>`` and the field).

    A scenario in format 2 (``format: 2``) is checked in full, then lowered to the model the
    rules read today (:mod:`legal_analysis.bridge`) where its structures allow.

    Raises :class:`~legal_analysis.errors.ScenarioError` with a one-line, located message.

    >>> load_scenario("{id: x, title: X, as_of: 2025-01-01, states: {A: {name: Aland}}}").id
    'x'
    >>> load_scenario({"id": "x", "title": "X", "as_of": "2025-01-01", "states": {}}).title
    'X'
    """
    if isinstance(source, Mapping):
        return build_scenario(data_document(source, "<mapping>", ScenarioError), registry)
    if isinstance(source, str) and is_text(source):
        return build_scenario(text_document(source, "<string>", ScenarioError), registry)
    return read_scenario(source, registry)[0]


def is_text(source: str) -> bool:
    """Whether a string given as a scenario is its text rather than a path: it holds a line
    break or starts with ``{``.

    >>> is_text("docs/examples/dprk-2025-01-12.yaml"), is_text("id: x\\ntitle: X"), is_text("{}")
    (False, True, True)
    """
    return "\n" in source or source.lstrip().startswith("{")


def read_scenario(path: str | Path, registry: Registry | None = None) -> tuple[Scenario, Document]:
    """:func:`load_scenario`, with the document read (to locate warnings in the file)."""
    doc = read_document(Path(path), ScenarioError)
    return build_scenario(doc, registry), doc


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario file as read: its format version, and the scenario in that format."""

    path: str
    format: int
    scenario: Scenario | None = None
    """The scenario, for a file in format 1."""
    model: BaseModel | None = None
    """The scenario, for a file in format 2."""
    document: Document | None = None
    """The document read, for a file in format 1 (to locate warnings)."""


def read_scenario_file(path: str | Path, registry: Registry | None = None) -> ScenarioFile:
    """Read and check a scenario file in either format, without lowering format 2."""
    doc = read_document(Path(path), ScenarioError)
    if scenario_format(doc) == 2:
        return ScenarioFile(doc.path, 2, model=build_scenario_v2(doc))
    _within_format_1(doc)
    return ScenarioFile(doc.path, 1, scenario=build_scenario_v1(doc, registry), document=doc)


def build_scenario(doc: Document, registry: Registry | None = None) -> Scenario:
    """Validate plain data from a document as a :class:`Scenario` (errors located in ``doc``);
    a document in format 2 is checked, then lowered; with a sources ``registry``, the
    scenario's citations are checked against it."""
    if scenario_format(doc) == 2:
        lowered = lower_document(build_scenario_v2(doc), doc)
        return build_scenario_v1(Document(doc.path, lowered, doc.marks), registry, lowered=True)
    _within_format_1(doc)
    return build_scenario_v1(doc, registry)


ALLIANCE_FIELDS = ("allies", "armed_attack_suffered", "assistance_requested")
"""The fields of a state that only format 2 writes, from a conflict's sides and uses of force."""
MILITIA_FIELDS = ("name", "category", "responsible_command", "distinctive_sign",
                  "arms_carried_openly", "laws_of_war_compliance")
"""The fields of a deployment that only format 2 writes: a force's name, and a militia or
volunteer corps's category and conditions."""


def _within_format_1(doc: Document) -> None:
    """Format 1 writes states only, and every deployment with its receiving state; armed groups
    and a party's own forces, which the rules read, are written in format 2."""
    _no_format_2_field(doc, "states", ("kind", *GROUP_FACTS),
                       "an organised armed group is a party of kind armed_group",
                       "the group under 'parties:'")
    _no_format_2_field(doc, "states", ALLIANCE_FIELDS,
                       "allies are parties on one side of a conflict",
                       "the conflict's 'sides:'")
    _no_format_2_field(doc, "deployments", MILITIA_FIELDS,
                       "a force has a name and a militia or volunteer corps its category",
                       "the force under 'forces:'")
    deployments = doc.data.get("deployments") if isinstance(doc.data, dict) else None
    for did, d in (deployments.items() if isinstance(deployments, dict) else ()):
        if isinstance(d, dict) and d.get("receiving_state") is None:
            raise ScenarioError("a deployment in scenario format 1 needs a receiving state",
                                location=doc.locate(("deployments", did)),
                                field=f"deployments.{did}.receiving_state",
                                expected="the state the troops are sent to; a party's own "
                                         "forces are written in format 2 (a force with no "
                                         "'placed_with')")


def _no_format_2_field(doc: Document, collection: str, fields: tuple[str, ...], where: str,
                       move: str) -> None:
    """Refuse, in a format-1 file, the first field of an entry of ``collection`` that only
    format 2 writes."""
    entries = doc.data.get(collection) if isinstance(doc.data, dict) else None
    for ident, entry in (entries.items() if isinstance(entries, dict) else ()):
        newer = next((k for k in (entry if isinstance(entry, dict) else ()) if k in fields), None)
        if newer is not None:
            raise ScenarioError(f"{newer!r} is a field of scenario format 2, where {where}",
                                location=doc.locate((collection, ident, newer)),
                                field=f"{collection}.{ident}.{newer}",
                                expected=f"'format: 2' at the top of the file, and {move} "
                                         "(see legal-analysis migrate)")


def build_scenario_v1(doc: Document, registry: Registry | None = None,
                      lowered: bool = False) -> Scenario:
    """Validate a document in format 1 as a :class:`Scenario` (``lowered``: data lowered from
    format 2, which may hold the relations format 2 writes)."""
    if not isinstance(doc.data, dict):
        raise ScenarioError("a scenario must be a mapping of fields", location=doc.locate(()),
                            expected="fields such as id, title, as_of, states")
    data = {k: v for k, v in doc.data.items() if k != "format"}
    newer = next((k for k in data if k in FORMAT_2_ONLY and not (lowered and k == "relations")),
                 None)
    if newer is not None:
        raise ScenarioError(f"{newer!r} is a field of scenario format 2", field=newer,
                            location=doc.locate((newer,)),
                            expected="'format: 2' at the top of the file")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise_located(exc, doc, Scenario, ScenarioError)
        raise  # pragma: no cover - raise_located always raises
    check_limits(scenario, doc)
    check_references(scenario, doc)
    check_account_values(scenario, doc)
    check_state_codes(scenario, doc)
    if registry is not None:
        check_citations(scenario, registry, doc)
    return scenario


def _ref_error(doc: Document, key: PathKey, value: str, kind: str, known: list[str],
               suggestion: str | None = None) -> ScenarioError:
    sections = " or ".join(f"'{k}s:'" for k in kind.split(" or "))
    return ScenarioError(
        f"{value!r} is not a {kind} of this scenario", location=doc.locate(key), field=dotted(key),
        expected=one_of(sorted(known), f"a {kind} under {sections}, and the scenario has none"),
        suggestion=suggestion or did_you_mean(value, known))


def check_references(s: Scenario, doc: Document | None = None) -> None:
    """Check that every id a scenario uses names an entity it defines, and that facts fit.

    Raises :class:`ScenarioError` at the first dangling reference.
    """
    d = doc or Document("<scenario>", {})
    states = list(s.states)
    actors = states + list(s.actors)

    def need(key: PathKey, value: str | None, known: list[str], kind: str) -> None:
        if value is not None and value not in known:
            raise _ref_error(d, key, value, kind, known)

    for cid, c in s.conflicts.items():
        for i, b in enumerate(c.belligerents):
            need(("conflicts", cid, "belligerents", i), b, states, "state")
        if len(set(c.belligerents)) < 2:
            raise ScenarioError("a conflict needs at least two different belligerents",
                                location=d.locate(("conflicts", cid, "belligerents")),
                                field=f"conflicts.{cid}.belligerents")
    for did, dep in s.deployments.items():
        for f in ("sending_state", "receiving_state", "against"):
            need(("deployments", did, f), getattr(dep, f), states, "state")
        need(("deployments", did, "conflict"), dep.conflict, list(s.conflicts), "conflict")
        if dep.receiving_state is not None and dep.sending_state == dep.receiving_state:
            raise ScenarioError("the sending and receiving states are the same",
                                location=d.locate(("deployments", did, "receiving_state")),
                                field=f"deployments.{did}.receiving_state",
                                expected="a different state from the sending state")
        for st in dep.acknowledged_by:
            need(("deployments", did, "acknowledged_by", st), st, states, "state")
        for i, place in enumerate(dep.locations):
            need(("deployments", did, "locations", i, "territory_of"), place.territory_of, states,
                 "state")
    for rid, rel in s.relations.items():
        need(("relations", rid, "by"), rel.by, states, "state")
        need(("relations", rid, "to"), rel.to, states, "state")
    for pid, p in s.persons.items():
        need(("persons", pid, "deployment"), p.deployment, list(s.deployments), "deployment")
        need(("persons", pid, "captured_by"), p.captured_by, states, "state")
        if p.captured_by is not None:
            belligerents = {b for c in s.conflicts.values() for b in c.belligerents}
            if p.captured_by not in belligerents:
                raise ScenarioError(
                    f"the captor {p.captured_by!r} is not a belligerent in any conflict",
                    location=d.locate(("persons", pid, "captured_by")),
                    field=f"persons.{pid}.captured_by",
                    expected=one_of(sorted(belligerents),
                                    "a belligerent, and the scenario declares no conflicts"))
        for dest in p.destinations:
            need(("persons", pid, "destinations", dest), dest, states, "state")
        _check_dates(s, pid, d)
    for i, dest in enumerate(s.destinations):
        need(("destinations", i), dest, states, "state")
    for key, fact in iter_facts(s):
        for field in ("asserted_by", "denied_by"):
            for j, who in enumerate(getattr(fact, field)):
                need((*key, field, j), who, actors, "state or actor")
        for j, account in enumerate(fact.accounts):
            for k, who in enumerate(account.by):
                need((*key, "accounts", j, "by", k), who, actors, "state or actor")


def check_state_codes(s: Scenario, doc: Document | None = None) -> None:
    """Check that every text that must be a state code (a field marked
    :data:`~legal_analysis.facts.STATE_CODES`: its value, its value before ``on``, each account's
    value) names a state of the scenario; a state's name is pointed to its code."""
    d = doc or Document("<scenario>", {})
    codes = list(s.states)
    by_name = {state.name.casefold(): code for code, state in s.states.items()}
    for key, model in iter_models(s):
        for name, mark in state_code_fields(type(model)):
            allowed = [*codes, *mark.also]
            for at, text in _state_texts(getattr(model, name), (*key, name), d):
                if text not in allowed:
                    raise _ref_error(d, at, text, "state", allowed, by_name.get(text.casefold()))


def _state_texts(value: Any, key: PathKey, d: Document) -> Iterator[tuple[PathKey, str]]:
    """The texts of a state-code field with where each is written."""
    if isinstance(value, Fact):
        short = not isinstance(lookup(d.data, key), dict)  # written as just its value
        yield from _texts(value.value, key if short else (*key, "value"))
        yield from _texts(value.before, (*key, "before"))
        for j, account in enumerate(value.accounts):
            yield from _texts(account.value, (*key, "accounts", j, "value"))
    else:
        yield from _texts(value, key)


def _texts(value: Any, key: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str) and value != UNKNOWN:
        yield key, value
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*key, i), item


def _check_dates(s: Scenario, pid: str, d: Document) -> None:
    p = s.persons[pid]
    captured = p.captured_on.value
    if p.deployment is None or captured == "unknown":
        return
    conflict = s.conflicts[s.deployments[p.deployment].conflict]
    start = conflict.start.value
    if start != "unknown" and not isinstance(captured, str) and captured < start:
        raise ScenarioError(
            f"captured on {captured.isoformat()}, before the conflict began on "
            f"{start.isoformat()}",
            location=d.locate(("persons", pid, "captured_on")),
            field=f"persons.{pid}.captured_on", expected="a capture date within the conflict")


def iter_facts(s: Model, prefix: PathKey = ()) -> Iterator[tuple[PathKey, Fact[Any]]]:
    """Every fact in a scenario (or part of one), with its path, in a stable order."""
    for key, fact, _tp in iter_typed_facts(s, prefix):
        yield key, fact


def iter_typed_facts(s: Model, prefix: PathKey = ()) -> Iterator[tuple[PathKey, Fact[Any], Any]]:
    """Every fact with its path and its declared value type (from the model, not the value:
    a fact left out of a file is an unparametrised default)."""
    for name, annotation in _field_plan(type(s)):
        yield from _walk(getattr(s, name), (*prefix, name), annotation)


@functools.cache
def _field_plan(model: type[Model]) -> tuple[tuple[str, Any], ...]:
    """The fields of a model that can hold facts, with their annotations (computed once)."""
    plain = (str, int, bool, dt.date, type(None))
    out = []
    for name, field in model.model_fields.items():
        if field.annotation in plain or typing.get_origin(field.annotation) is typing.Literal:
            continue
        out.append((name, field.annotation))
    return tuple(out)


def _walk(value: Any, key: PathKey, annotation: Any) -> Iterator[tuple[PathKey, Fact[Any], Any]]:
    if isinstance(value, Fact):
        yield key, value, declared_type(annotation, value)
    elif isinstance(value, Model):
        yield from iter_typed_facts(value, key)
    elif isinstance(value, dict):
        args = typing.get_args(annotation)
        inner = args[-1] if args else Any
        for k in value:
            yield from _walk(value[k], (*key, k), inner)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            if isinstance(item, Model) and not isinstance(item, Account):
                yield from _walk(item, (*key, i), type(item))


def declared_type(annotation: Any, fact: Fact[Any]) -> Any:
    """The value type of a fact field's annotation (``Fact[bool]`` → ``bool``)."""
    meta = getattr(annotation, "__pydantic_generic_metadata__", None)
    if meta and meta.get("args"):
        return meta["args"][0]
    return fact_value_type(fact)


def fact_value_type(fact: Fact[Any]) -> Any:
    """The declared value type of a parametrised :class:`Fact` (e.g. ``bool``)."""
    meta = type(fact).__pydantic_generic_metadata__
    args = meta.get("args") or ()
    return args[0] if args else Any


def check_account_values(s: Scenario, doc: Document | None = None) -> None:
    """Check that every account of a disputed fact gives a value of the fact's type."""
    d = doc or Document("<scenario>", {})
    for key, fact, tp in iter_typed_facts(s):
        if not fact.accounts:
            continue
        adapter: TypeAdapter[Any] = TypeAdapter(tp)
        for j, account in enumerate(fact.accounts):
            try:
                adapter.validate_python(account.value)
            except ValidationError:
                raise ScenarioError(
                    f"{account.value!r} is not a possible value of this fact",
                    location=d.locate((*key, "accounts", j, "value")),
                    field=dotted((*key, "accounts", j, "value")),
                    expected=_domain_text(tp)) from None


def _domain_text(tp: Any) -> str:
    if typing.get_origin(tp) is typing.Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(tp))
    return getattr(tp, "__name__", str(tp))
