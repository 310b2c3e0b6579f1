"""Hypothesis strategies for valid scenarios (plain data, validated into :class:`Scenario`).

A generated scenario has two belligerents, a sending state, a fourth state that may receive
captured persons, one conflict, one deployment and up to three persons, with every fact either
absent (unknown) or one of its possible values. Codes and ids are drawn too, so properties do not
depend on particular names.
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from typing import Any

from hypothesis import strategies as st

from legal_analysis.facts import (
    GROUP_FACTS,
    TREATIES,
    Deployment,
    DestinationFacts,
    Person,
    Relation,
    Scenario,
    State,
)
from legal_analysis.ruleset.paths import fact_type, finite_domain
from legal_analysis.scenario import ALLIANCE_FIELDS, MILITIA_FIELDS


def examples(quick: int) -> int:
    """How many examples a fuzzer draws: ``quick`` in a local run, more where CI is set.

    CI (the ``CI`` environment variable) multiplies every fuzzer's count by 4;
    ``LEGAL_ANALYSIS_FUZZ_SCALE`` sets the factor explicitly (for a long run by hand).
    """
    scale = os.environ.get("LEGAL_ANALYSIS_FUZZ_SCALE") or ("4" if os.environ.get("CI") else "1")
    return max(1, quick * int(scale))


CODES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
DATES = st.dates(min_value=dt.date(2022, 3, 1), max_value=dt.date(2025, 12, 31))


def fact_fields(model: type[Any]) -> dict[str, Any]:
    """The fact fields of a model and their value types."""
    out = {}
    for name, field in model.model_fields.items():
        tp = fact_type(field.annotation)
        if tp is not None:
            out[name] = tp
    return out


def value_for(tp: Any, codes: list[str]) -> st.SearchStrategy[Any]:
    """A strategy for one value of a fact type (state-valued text facts draw a state code)."""
    domain = finite_domain(tp)
    if domain is not None:
        return st.sampled_from(domain)
    if tp is dt.date:
        return DATES
    if tp is int:
        return st.integers(min_value=0, max_value=20_000)
    if typing.get_origin(tp) is tuple:
        return st.lists(st.sampled_from(codes), max_size=2, unique=True).map(tuple)
    return st.sampled_from(codes)


@st.composite
def facts_of(draw: st.DrawFn, model: type[Any], codes: list[str],
             skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Some of a model's facts, each absent (unknown) or with a drawn value."""
    out: dict[str, Any] = {}
    for name, tp in fact_fields(model).items():
        if name in skip:
            continue
        if draw(st.booleans()):
            out[name] = draw(value_for(tp, codes))
    return out


def scenarios() -> st.SearchStrategy[Scenario]:
    """A valid scenario (see the module docstring)."""
    return scenario_data().map(Scenario.model_validate)


@st.composite
def scenario_data(draw: st.DrawFn) -> dict[str, Any]:
    """The plain data of a valid format-1 scenario (see the module docstring)."""
    codes = draw(st.lists(CODES, min_size=4, max_size=4, unique=True))
    receiving, adversary, sending, _other = codes
    states = {c: {"name": f"State {c}", **draw(facts_of(State, codes, frozenset(
        (*GROUP_FACTS, *ALLIANCE_FIELDS))))} for c in codes}
    deployment = {
        "sending_state": sending, "receiving_state": receiving, "conflict": "war",
        "against": adversary,
        **draw(facts_of(Deployment, codes, frozenset({"size", *MILITIA_FIELDS}))),
    }
    if draw(st.booleans()):
        deployment["acknowledged_by"] = {sending: draw(st.booleans())}
    persons: dict[str, Any] = {}
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        person: dict[str, Any] = {
            "name": f"Person {i + 1}", "deployment": "dep", "captured_by": adversary,
            **draw(facts_of(Person, codes, frozenset({"captured_on"}))),
        }
        person["captured_on"] = draw(st.dates(min_value=dt.date(2022, 3, 1),
                                              max_value=dt.date(2025, 6, 30)))
        if draw(st.booleans()):
            person["destinations"] = {
                c: draw(facts_of(DestinationFacts, codes, frozenset({"evidence", "refused"})))
                for c in draw(st.lists(st.sampled_from(codes), max_size=2, unique=True))}
        persons[f"p{i + 1}"] = person
    conflict: dict[str, Any] = {"name": "The war", "belligerents": [receiving, adversary],
                                "start": "2022-02-24"}
    if draw(st.booleans()):
        conflict["aggressor"] = draw(st.sampled_from([receiving, adversary]))
    if draw(st.booleans()):
        conflict["cessation_of_active_hostilities"] = draw(st.booleans())
    data = {
        "id": "generated", "title": "Generated scenario", "as_of": "2025-07-01",
        "states": states, "conflicts": {"war": conflict}, "deployments": {"dep": deployment},
        "persons": persons, "destinations": draw(st.lists(st.sampled_from(codes), max_size=4,
                                                          unique=True)),
    }
    return data


def _every_fact_of(draw: st.DrawFn, model: type[Any], codes: list[str],
                   skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {name: draw(value_for(tp, codes)) for name, tp in fact_fields(model).items()
            if name not in skip}


@st.composite
def small_scenarios(draw: st.DrawFn, max_open: int = 8) -> Scenario:
    """A small scenario with few open facts: two belligerents, a sending state and a fourth
    state (which may support one belligerent), one deployment, one or two persons with the facts
    of each destination considered for them (at most two for all and two of their own), and
    every fact given, except up to
    ``max_open`` yes-or-no or enumerated facts left unknown or disputed between two states (and
    up to three facts only reported, alleged or disputed). The facts from which others are
    derived (nationalities, claims, the capture date, acknowledgements, treaty participation)
    are always given, so no derived fact is open while a fact it is derived from is."""
    codes = draw(st.lists(CODES, min_size=4, max_size=4, unique=True))
    receiving, adversary, sending, _other = codes
    states = {c: {"name": f"State {c}",
                  **_every_fact_of(draw, State, codes, frozenset(GROUP_FACTS)),
                  "treaties": {t: {"status": draw(st.sampled_from(("party", "not_party")))}
                               for t in TREATIES}}
              for c in codes}
    deployment = {
        "sending_state": sending, "receiving_state": receiving, "conflict": "war",
        "against": adversary, "acknowledged_by": {sending: draw(st.booleans()),
                                                  receiving: draw(st.booleans())},
        **_every_fact_of(draw, Deployment, codes),
    }
    destinations = draw(st.lists(st.sampled_from(codes), max_size=2, unique=True))
    persons: dict[str, Any] = {}
    for i in range(draw(st.integers(min_value=1, max_value=2))):
        own = draw(st.lists(st.sampled_from(codes), max_size=2, unique=True))
        person: dict[str, Any] = {
            "name": f"Person {i + 1}", "deployment": "dep", "captured_by": adversary,
            **_every_fact_of(draw, Person, codes, frozenset({"captured_on"})),
            "captured_on": draw(st.dates(min_value=dt.date(2022, 3, 1),
                                         max_value=dt.date(2025, 6, 30))),
            "destinations": {
                c: _every_fact_of(draw, DestinationFacts, codes, frozenset({"evidence"}))
                for c in dict.fromkeys([*destinations, *own])},
        }
        persons[f"p{i + 1}"] = person
    conflict: dict[str, Any] = {"name": "The war", "belligerents": [receiving, adversary],
                                "start": "2022-02-24", "kind": draw(st.sampled_from(
                                    ("international", "non_international"))),
                                "aggressor": draw(st.sampled_from([receiving, adversary])),
                                "cessation_of_active_hostilities": draw(st.booleans()),
                                "armed_attack_by_adversary": draw(st.booleans())}
    data: dict[str, Any] = {
        "id": "generated", "title": "Generated scenario", "as_of": "2025-07-01",
        "states": states, "conflicts": {"war": conflict}, "deployments": {"dep": deployment},
        "persons": persons, "destinations": destinations,
    }
    if draw(st.booleans()):  # the fourth state helps one belligerent (ARSIWA Art 16 and the like)
        data["relations"] = {"rel": {"by": _other, "to": draw(st.sampled_from([receiving,
                                                                                adversary])),
                                     **_every_fact_of(draw, Relation, codes)}}
    places = _finite_places(data)
    for holder, name in draw(st.lists(st.sampled_from(
            [(d, "size") for d in data["deployments"].values()]
            + [(h, n) for h, n, _ in places]), max_size=3)):
        if not isinstance(holder[name], dict):
            holder[name] = {"value": holder[name], "certainty": draw(st.sampled_from(
                ("reported", "alleged", "disputed")))}
    chosen = draw(st.lists(st.integers(min_value=0, max_value=len(places) - 1),
                           max_size=max_open, unique=True))
    for holder, name, domain in (places[i] for i in chosen):
        if len(domain) > 1 and draw(st.booleans()):
            first, second = draw(st.lists(st.sampled_from(domain), min_size=2, max_size=2,
                                          unique=True))
            holder[name] = {"value": "unknown", "accounts": [
                {"by": [receiving], "value": first}, {"by": [adversary], "value": second}]}
        else:
            del holder[name]
    return Scenario.model_validate(data)


def _finite_places(data: dict[str, Any]) -> list[tuple[dict[str, Any], str, tuple[Any, ...]]]:
    """Every yes-or-no or enumerated fact in scenario data: (the mapping holding it, its field
    name, its possible values)."""
    out = []
    holders: list[tuple[dict[str, Any], type[Any]]] = [
        *((s, State) for s in data["states"].values()),
        *((d, Deployment) for d in data["deployments"].values()),
        *((r, Relation) for r in data.get("relations", {}).values()),
        *((p, Person) for p in data["persons"].values()),
        *((d, DestinationFacts) for p in data["persons"].values()
          for d in p["destinations"].values())]
    for holder, model in holders:
        for name, tp in fact_fields(model).items():
            domain = finite_domain(tp)
            if domain is not None and name in holder:
                out.append((holder, name, domain))
    conflict = data["conflicts"]["war"]
    for name in ("cessation_of_active_hostilities", "armed_attack_by_adversary"):
        out.append((conflict, name, (True, False)))
    out.append((conflict, "kind", ("international", "non_international")))
    return out
