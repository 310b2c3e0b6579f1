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

from legal_analysis.facts import Deployment, DestinationFacts, Person, Scenario, State
from legal_analysis.ruleset.paths import fact_type, finite_domain


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


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A valid scenario (see the module docstring)."""
    codes = draw(st.lists(CODES, min_size=4, max_size=4, unique=True))
    receiving, adversary, sending, _other = codes
    states = {c: {"name": f"State {c}", **draw(facts_of(State, codes))} for c in codes}
    deployment = {
        "sending_state": sending, "receiving_state": receiving, "conflict": "war",
        "against": adversary,
        **draw(facts_of(Deployment, codes, frozenset({"size"}))),
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
                c: draw(facts_of(DestinationFacts, codes, frozenset({"evidence"})))
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
    return Scenario.model_validate(data)
