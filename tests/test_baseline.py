"""The hand-written baseline of benchmarks/ agrees with the rule base on generated scenarios."""

from __future__ import annotations

import random
from typing import Any

from benchmarks.baseline import answers
from benchmarks.common import scenario_data
from hypothesis import HealthCheck, given, settings

from legal_analysis import Rulebook, Scenario, analyse

from .strategies import examples, small_scenarios


def _agree(scenario: Scenario, rulebook: Rulebook) -> int:
    mine = answers(scenario, rulebook)
    theirs: dict[tuple[str, str], tuple[str, Any]] = {}
    for r in analyse(scenario, rulebook).results:
        if r.id in ("party_to_conflict", "attribution_of_conduct", "pow_status"):
            theirs[(r.id, next(iter(r.subject_dict.values())))] = (str(r.status), r.value)
        elif r.id == "refoulement_barred":
            subject = r.subject_dict
            theirs[(r.id, f"{subject['person']}|{subject['destination']}")] = (
                str(r.status), r.value)
    assert set(mine) == set(theirs), set(mine) ^ set(theirs)
    for key, (status, value) in theirs.items():
        assert (mine[key][0], repr(mine[key][1])) == (status, repr(value)), key
    return len(theirs)


def test_the_baseline_agrees_on_the_benchmarks_scenarios(rulebook: Rulebook) -> None:
    """Agreement: on scenarios generated as the benchmarks generate them, the baseline's party
    status, attribution, prisoner-of-war status and non-refoulement are the library's, status
    and value, for every subject, and the baseline finds the same subjects."""
    rng = random.Random(20250428)
    checked = sum(_agree(Scenario.model_validate(scenario_data(rng, n)), rulebook)
                  for n in range(examples(150)))
    assert checked > 1000


@settings(max_examples=examples(300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenario=small_scenarios())
def test_the_baseline_agrees_on_scenarios_with_few_open_facts(rulebook: Rulebook,
                                                              scenario: Scenario) -> None:
    """Agreement, as above, on scenarios where nearly every fact is given (so that prisoner-of-
    war status and non-refoulement are decided, and each of their rules matters)."""
    _agree(scenario, rulebook)
