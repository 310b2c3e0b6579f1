"""The engine's semantics on a small, non-legal rule base (tests/fixtures/rules_engine)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from legal_analysis import UNKNOWN, Rulebook, analyse, load_scenario
from legal_analysis.facts import Scenario

from .conftest import FIXTURES

SCENARIO = FIXTURES / "scenarios" / "engine.yaml"


def scenario(**deployment: object) -> Scenario:
    s = load_scenario(SCENARIO)
    dep = s.deployments["ccc-to-aaa"].model_dump()
    dep.update(deployment)
    data = s.model_dump()
    data["deployments"]["ccc-to-aaa"] = dep
    return Scenario.model_validate(data)


def test_unknown_command_is_undetermined_with_both_branches(engine_rules: Rulebook) -> None:
    a = analyse(scenario(), engine_rules)
    r = a.get("flag", deployment="ccc-to-aaa")
    assert r.status == "undetermined"
    assert r.value is UNKNOWN
    assert r.decisive_facts == ("deployments.ccc-to-aaa.command_authority",)
    outcomes = {b.value: {alt[0][1] for alt in b.when} for b in r.branches}
    assert outcomes == {True: {"sending", "joint"}, False: {"receiving"}}


def test_known_command_is_established(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "joint"}), engine_rules)
    r = a.get("flag", deployment="ccc-to-aaa")
    assert (r.status, r.value, r.rules) == ("established", True, ("flag.base",))


def test_exception_defeats_the_rule_it_names(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "sending"}, official_duty={"value": False}),
                engine_rules)
    r = a.get("flag", deployment="ccc-to-aaa")
    assert (r.status, r.value, r.rules) == ("established", False, ("flag.unofficial",))
    tree = a.explain("flag", deployment="ccc-to-aaa")
    base = next(n for n in tree["rules"] if n["rule"] == "flag.base")
    assert base["outcome"] == "defeated"
    assert base["exceptions"][0]["rule"] == "flag.unofficial"
    assert base["exceptions"][0]["result"] == "true"


def test_unknown_exception_leaves_the_outcome_open(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "sending"}, official_duty={}), engine_rules)
    r = a.get("flag", deployment="ccc-to-aaa")
    assert r.status == "undetermined"
    assert r.decisive_facts == ("deployments.ccc-to-aaa.official_duty",)


def test_equal_rank_rules_with_different_values_give_conflict(engine_rules: Rulebook) -> None:
    a = analyse(scenario(direct_participation={"value": True}), engine_rules)
    r = a.get("clash", deployment="ccc-to-aaa")
    assert r.status == "conflict"
    assert set(r.rules) == {"clash.x", "clash.y"}


def test_priority_orders_rules(engine_rules: Rulebook) -> None:
    a = analyse(scenario(), engine_rules)
    assert a.get("ranked", deployment="ccc-to-aaa").value == "high"
    b = analyse(scenario(size={"value": 10}), engine_rules)
    assert b.get("ranked", deployment="ccc-to-aaa").value == "low"


def test_union_collects_values(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "joint"}), engine_rules)
    assert a.get("attrib", deployment="ccc-to-aaa").value == ("AAA", "CCC")


def test_default_applies_only_when_every_rule_is_known_not_to(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "receiving"}), engine_rules)
    r = a.get("chained", deployment="ccc-to-aaa")
    assert (r.status, r.value, r.rules) == ("established", False, ("default",))
    # with command unknown the chain is open; the decisive fact is found through the sub-conclusion
    b = analyse(scenario(), engine_rules, as_of=dt.date(2025, 5, 1))
    r = b.get("chained", deployment="ccc-to-aaa")
    assert r.status == "undetermined"
    assert r.decisive_facts == ("deployments.ccc-to-aaa.command_authority",)


def test_dated_facts_count_only_from_their_date(engine_rules: Rulebook) -> None:
    s = scenario(command_authority={"value": "sending"})
    before = analyse(s, engine_rules)
    after = analyse(s, engine_rules, as_of=dt.date(2025, 4, 28))
    assert before.get("chained", deployment="ccc-to-aaa").value is False
    assert after.get("chained", deployment="ccc-to-aaa").value is True
    assert before.get("captured_now", person="p2").value is False
    assert after.get("captured_now", person="p2").value is True


def test_certainty_at_least(engine_rules: Rulebook) -> None:
    a = analyse(scenario(), engine_rules)
    assert a.get("certain", deployment="ccc-to-aaa").value is False
    b = analyse(scenario(size={"value": 1500, "certainty": "established"}), engine_rules)
    assert b.get("certain", deployment="ccc-to-aaa").value is True


def test_disputed_fact_branches_by_account(engine_rules: Rulebook) -> None:
    s = scenario(command_authority={"value": "unknown", "accounts": [
        {"by": ["AAA"], "value": "receiving"}, {"by": ["BBB"], "value": "joint"}]})
    r = analyse(s, engine_rules).get("flag", deployment="ccc-to-aaa")
    assert r.status == "undetermined"
    by_value = {b.value: b.accounts for b in r.branches}
    assert by_value == {True: ("BBB",), False: ("AAA",)}


def test_what_if_reports_every_change(engine_rules: Rulebook) -> None:
    a = analyse(scenario(), engine_rules)
    w = a.what_if({"deployments.ccc-to-aaa.command_authority": "sending"})
    changed = {c.id for c in w.changes}
    assert {"flag", "attrib"} <= changed
    flag = next(c for c in w.changes if c.id == "flag")
    assert flag.before is not None and flag.before.status == "undetermined"
    assert flag.after is not None and flag.after.value is True


def test_flips_finds_the_smallest_change(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "sending"}), engine_rules)
    flips = a.flips("flag", deployment="ccc-to-aaa")
    assert (("deployments.ccc-to-aaa.command_authority", "receiving"),) in flips
    assert (("deployments.ccc-to-aaa.official_duty", False),) in flips
    assert all(len(f) == 1 for f in flips)


def test_timeline_shows_the_change_at_the_acknowledgement(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "sending"}), engine_rules)
    events = {e.date: e for e in a.timeline().events}
    ack = events[dt.date(2025, 4, 28)]
    assert "deployments.ccc-to-aaa.acknowledged_by.CCC" in ack.facts
    assert any(c.id == "chained" for c in ack.changes)


def test_derivation_is_json_with_stable_ids(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "sending"}), engine_rules)
    tree = a.explain("chained", deployment="ccc-to-aaa")
    text = json.dumps(tree)
    assert json.loads(text) == tree
    assert tree["id"] == "chained[deployment=ccc-to-aaa]"
    rule = tree["rules"][0]
    assert rule["id"] == "chained[deployment=ccc-to-aaa]/chained.flag_and_ack"
    sub = rule["condition"]["children"][0]["sub_conclusion"]
    assert sub["id"] == "flag[deployment=ccc-to-aaa]"
    fact = rule["condition"]["children"][1]["fact"]
    assert fact["key"] == "deployments.ccc-to-aaa.acknowledged_by_sending_state"
    assert tree == a.explain("chained", deployment="ccc-to-aaa")


def test_unknown_what_if_key_suggests_the_right_one(engine_rules: Rulebook) -> None:
    from legal_analysis import LegalAnalysisError

    a = analyse(scenario(), engine_rules)
    with pytest.raises(LegalAnalysisError,
                       match=r"did you mean 'deployments\.ccc-to-aaa\.command_authority'"):
        a.what_if({"deployments.ccc-to-aaa.command_autority": "sending"})


def test_why_not_names_the_blocking_test(engine_rules: Rulebook) -> None:
    a = analyse(scenario(command_authority={"value": "receiving"}), engine_rules)
    reasons = a.why_not("flag", True, deployment="ccc-to-aaa")
    assert [r["rule"] for r in reasons] == ["flag.base"]
    blocking = reasons[0]["blocking"]
    assert blocking[0]["fact"]["key"] == "deployments.ccc-to-aaa.command_authority"
    assert blocking[0]["fact"]["value"] == "receiving"
    assert blocking[0]["result"] == "false"
    assert reasons[0]["location"].startswith("rules_engine/engine.yaml:")


def test_capture_without_a_date_counts_from_the_scenarios_date_only(
        engine_rules: Rulebook) -> None:
    """A scenario that names a detaining power but no capture date says the person is held on
    its own date: later evaluations count the person as captured; earlier ones do not know."""
    data = scenario().model_dump()
    data["persons"]["p1"]["captured_on"] = {"value": "unknown"}
    s = Scenario.model_validate(data)
    earlier = analyse(s, engine_rules, as_of=dt.date(2024, 12, 1))
    stated = analyse(s, engine_rules)
    later = analyse(s, engine_rules, as_of=dt.date(2025, 6, 1))
    assert earlier.value("persons.p1.captured") is UNKNOWN
    assert stated.value("persons.p1.captured") is True
    assert later.value("persons.p1.captured") is True
    # a known capture date still decides: p2, captured in March 2025, is not yet held
    assert earlier.value("persons.p2.captured") is False


def test_an_analysis_may_keep_only_some_conclusions(engine_rules: Rulebook) -> None:
    """Asked for some conclusions, analyse keeps exactly their results, with the same outcome
    as in the full analysis (the conclusions they rely on are still decided)."""
    from legal_analysis import LegalAnalysisError

    s = scenario(command_authority={"value": "sending"})
    full = {(r.id, r.subject): (r.status, r.value) for r in analyse(s, engine_rules).results}
    some = analyse(s, engine_rules, conclusions=["chained"])
    assert {r.id for r in some.results} == {"chained"}
    assert all(full[(r.id, r.subject)] == (r.status, r.value) for r in some.results)
    with pytest.raises(LegalAnalysisError, match="did you mean 'chained'"):
        analyse(s, engine_rules, conclusions=["chaned"])
