"""Branches that can happen: every version of the facts an analysis prints is a setting of facts
that gives the outcome it states, and none splits a derived fact that only combines others.

A destination is a 'third state' when it is none of the person's own states (the sending,
receiving and detaining states, his states of nationality, the states claiming him). Where
whether a state claims him is unknown, splitting both 'claims him' and 'is a third state' as if
they were independent would print versions no setting of the facts gives (a state claiming him
that is also a third state). The engine splits the facts a combination is computed from instead.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_analysis import Rulebook, Scenario, analyse
from legal_analysis.engine.settle import COMBINED

from .strategies import examples, small_scenarios

COMBINING = ("is_third_state", "acknowledged_by_sending_state", "acknowledged_by_receiving_state")
"""The derived facts that only combine others (kinds :data:`COMBINED` of the plan)."""


@st.composite
def scenarios_with_open_roles(draw: st.DrawFn) -> Scenario:
    """A small scenario in which who claims each person as a national, or whether a state has
    acknowledged the deployment, may be unknown (so the derived facts combining them are open)."""
    scenario = draw(small_scenarios(max_open=4))
    persons = {pid: p.model_copy(update={"claimed_as_national_by": p.claimed_as_national_by
                                         .model_copy(update={"value": "unknown"})})
               if draw(st.booleans()) else p for pid, p in scenario.persons.items()}
    deployments = {}
    for did, dep in scenario.deployments.items():
        acks = dict(dep.acknowledged_by)
        for code in list(acks):
            if draw(st.booleans()):
                acks[code] = acks[code].model_copy(update={"value": "unknown"})
        deployments[did] = dep.model_copy(update={"acknowledged_by": acks})
    return scenario.model_copy(update={"persons": persons, "deployments": deployments})


def _outcome(analysis: Any, cid: str, subject: Any) -> tuple[str, str]:
    [r] = [r for r in analysis.results if r.id == cid and r.subject == subject]
    return str(r.status), repr(r.value)


def test_the_combining_kinds_are_named() -> None:
    assert frozenset({"none_of", "copy"}) == COMBINED


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenario=scenarios_with_open_roles())
def test_every_printed_branch_can_happen(rulebook: Rulebook, scenario: Scenario) -> None:
    """Reachability: no branch of any conclusion splits a derived fact that only combines
    others ('is a third state', an acknowledgement copied from the scenario) while a fact it is
    computed from is unknown; and setting the facts of each alternative of each branch (a
    what-if) gives exactly the branch's outcome, so every version the memo prints is one some
    setting of the facts produces."""
    analysis = analyse(scenario, rulebook)
    for r in analysis.results:
        for branch in r.branches:
            for alt in branch.when:
                split = [k for k, _v in alt if k.endswith(COMBINING)]
                assert not split, (r.node_id, split)
                after = analysis.what_if(dict(alt)).after
                assert _outcome(after, r.id, r.subject) == (str(branch.status),
                                                             repr(branch.value)), (r.node_id, alt)
