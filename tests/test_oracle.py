"""Exactness: every status and value the engine gives agrees with a brute-force oracle.

The oracle (``tests/oracle.py``) shares no code with the engine: it binds, reads, interprets
and decides by itself, and settles a conclusion by enumerating every completion of the unknown
finite-valued facts it reads. The scenarios are small (``small_scenarios``: at most eight open
facts, few of which a given conclusion reads), so that enumerating every completion stays cheap.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from legal_analysis import Rulebook, Scenario, analyse

from .oracle import Oracle
from .strategies import examples, small_scenarios


def _agree(book: Rulebook, scenario: Scenario) -> None:
    analysis = analyse(scenario, book)
    oracle = Oracle(analysis, book)
    assert {(r.id, r.subject) for r in analysis.results} == set(oracle.rules)
    for r in analysis.results:
        assert not r.limit_reached, r.node_id
        status, value = oracle.expected(r.id, r.subject)
        assert (str(r.status), repr(r.value)) == (status, repr(value)), r.node_id


@settings(max_examples=examples(1000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenario=small_scenarios())
def test_the_shipped_rules_agree_with_brute_force(rulebook: Rulebook, scenario: Scenario) -> None:
    """Exactness: for every conclusion and subject of the shipped rule base, the analysis's
    status and value equal the oracle's: established with a value exactly when every completion
    of the open facts decides it so (tests of whether a fact is known reading the scenario as
    given), a conflict exactly when every completion is one, and undetermined otherwise; no
    result stops at a limit; and both find the same subjects."""
    _agree(rulebook, scenario)


@settings(max_examples=examples(300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenario=small_scenarios())
def test_the_engine_test_rules_agree_with_brute_force(engine_rules: Rulebook,
                                                      scenario: Scenario) -> None:
    """Exactness, as above, for the engine-test rule base (conflicts, unions, defaults, ranks,
    dates, numbers and certainty)."""
    _agree(engine_rules, scenario)
