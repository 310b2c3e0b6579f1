"""The memo model's wording: names keep their capitals; versions of the facts read as a lawyer
states them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.engine.analysis import domain_of
from legal_analysis.render.model import MemoOptions, build_memo
from legal_analysis.render.parts import Discussion, Memo
from legal_analysis.render.wording import (
    _merged,
    fact_name,
    fact_value_text,
    in_reading_order,
)

from .conftest import ROOT

HOME = ROOT / "docs" / "examples" / "dprk-2025-01-12.yaml"


def test_a_fact_named_after_a_state_keeps_the_states_capital(rulebook: Rulebook) -> None:
    """A fact whose description begins with a state's name is not lower-cased inside a sentence
    ("if Russian Federation bound by ...", not "if russian Federation ...")."""
    analysis = analyse(load_scenario(HOME), rulebook)
    name = analysis.scenario.states["RUS"].name
    assert fact_name("states.RUS.bound.gc3", analysis).startswith(name)


def test_chronology_rows_begin_with_a_capital(rulebook: Rulebook) -> None:
    """Every row of the memo's chronology starts a sentence, so it starts with a capital letter,
    and the memo's own date is among them."""
    memo = build_memo(analyse(load_scenario(HOME), rulebook))
    assert memo.chronology
    for event in memo.chronology:
        assert event.text[:1] == event.text[:1].upper(), event
    assert [e.kind for e in memo.chronology].count("memo") == 1


def discussions(memo: Memo) -> list[Discussion]:
    """Every discussion of a memo, in order."""
    return [d for issue in memo.issues for d in issue.discussions]


NO_FLIPS = MemoOptions(flips=False)


@pytest.mark.parametrize("name", ["dprk-2024-10-26", "dprk-2025-01-12", "dprk-2025-04-28"])
def test_every_other_case_is_exactly_the_rest(rulebook: Rulebook, name: str) -> None:
    """A branch stated as 'in every other case' is exact: the branches of an undetermined
    conclusion divide every combination of values of its decisive facts among them, each
    combination falling under exactly one branch; so the last branch covers precisely the
    combinations the others do not."""
    analysis = analyse(load_scenario(ROOT / "docs" / "examples" / f"{name}.yaml"), rulebook)
    stated = 0
    for r in analysis.results:
        if not r.branches:
            continue
        order = in_reading_order(r.branches)
        assert sorted(id(b) for b, _ in order) == sorted(id(b) for b in r.branches)
        others = [b for b, otherwise in order if otherwise]
        assert len(others) <= 1
        if not others:
            continue
        stated += 1
        assert order[-1] == (others[0], True)
        assert any(len(alt) > 1 for alt in others[0].when)
        domains = [domain_of(analysis.index, k) or () for k in r.decisive_facts]
        for values in itertools.product(*domains):
            world = dict(zip(r.decisive_facts, values, strict=True))
            matching = [b for b in r.branches
                        if any(all(world.get(k) == v for k, v in alt) for alt in b.when)]
            assert len(matching) == 1, (r.node_id, world)
    if name == "dprk-2025-01-12":
        assert stated > 0


def test_memo_versions_say_otherwise_last(rulebook: Rulebook) -> None:
    """In the memo, the version that is the rest of the others is introduced as 'Otherwise' and
    comes last; the others begin 'If'; a version that is several values of one fact reads as
    one statement ('A commands its troops or A and B jointly command them'), not a list of
    alternatives in brackets."""
    analysis = analyse(load_scenario(HOME), rulebook)
    memo = build_memo(analysis, NO_FLIPS)
    leads = [[v.lead for v in d.versions] for d in discussions(memo) if d.versions]
    assert any("Otherwise" in row for row in leads)
    for row in leads:
        assert all(lead.startswith("If ") for lead in row[:-1])
        assert row[-1] == "Otherwise" or row[-1].startswith("If ")
    sd = next(d for d in discussions(memo) if d.title == "Self-defence" and d.versions)
    one_fact = [v.lead for v in sd.versions if " jointly command " in v.lead]
    assert one_fact and not one_fact[0].startswith("If (")
    assert one_fact[0].startswith("If the DPRK commands its troops or ")


def test_facts_beyond_the_versions_are_named(rulebook: Rulebook) -> None:
    """Where the versions leave an outcome open because it turns on further unknown facts (here:
    beyond a safety limit lowered to 16 worlds, so that the home scenario reaches it), the
    discussion names those facts in words; where nothing is left over it says nothing."""
    analysis = analyse(load_scenario(HOME), rulebook, limit=16)
    memo = build_memo(analysis, NO_FLIPS)
    by_node = {r.node_id: r for r in analysis.results}
    named = 0
    for d in discussions(memo):
        further = [by_node[n] for n in d.results if by_node[n].branches
                   and by_node[n].unresolved_facts]
        if further:
            assert d.further.startswith("The answer also turns on facts the versions do not")
            named += 1
        elif not any(by_node[n].branches for n in d.results):
            assert d.further == ""
    assert named > 0


def test_a_deployment_is_called_after_its_states(rulebook: Rulebook) -> None:
    """A deployment has no name of its own: the questions call it after its sending state
    ('the DPRK's troops', a scenario with one deployment) rather than showing its id."""
    analysis = analyse(load_scenario(HOME), rulebook)
    memo = build_memo(analysis, NO_FLIPS)
    section = next(d for d in discussions(memo)
                   if any(n.startswith("attribution_of_conduct") for n in d.results))
    assert "the conduct of the DPRK's troops attributable" in section.question
    assert "dprk-to-russia" not in section.question + section.subject


def test_an_unknown_fact_is_never_called_established(rulebook: Rulebook) -> None:
    """The facts table does not call a fact 'established' when its value is unknown: it says
    'unknown', and asks what is not known ('Where each soldier wishes to go')."""
    memo = build_memo(analyse(load_scenario(HOME), rulebook), NO_FLIPS)
    unknown = [f for f in memo.facts if f.status.startswith("unknown")]
    assert unknown
    assert not [f for f in memo.facts if f.status.startswith("established")
                and f.fact.startswith(("Whether ", "Where ", "Who "))]


def test_a_deployments_enumerated_facts_name_its_states(rulebook: Rulebook) -> None:
    """'command authority is sending' reads as the sending state's name, with its role; values
    without such wording keep their plain words; a version reads 'If Russia commands …'."""
    analysis = analyse(load_scenario(HOME), rulebook)
    key = "deployments.dprk-to-russia.command_authority"
    sending = analysis.scenario.states["PRK"].name
    receiving = analysis.scenario.states["RUS"].name
    assert fact_value_text(analysis, "sending", key) == f"{sending} (the sending state)"
    assert fact_value_text(analysis, "joint", key) == f"joint ({sending} and {receiving})"
    health = fact_value_text(analysis, "seriously_wounded", "persons.soldier-1.health")
    assert health == "seriously wounded"
    memo = build_memo(analysis, NO_FLIPS)
    leads = [v.lead for d in discussions(memo) for v in d.versions]
    assert "If Russia commands the DPRK's troops" in leads


def test_a_claim_of_lawfulness_states_its_justification_and_basis(rulebook: Rulebook) -> None:
    """The use-of-force section states what the actors claim (that the deployment is lawful,
    as collective self-defence, on a treaty), with a verb agreeing with how many claim it, and
    the section assesses it: the sending state is in breach."""
    analysis = analyse(load_scenario(HOME), rulebook)
    memo = build_memo(analysis, NO_FLIPS)
    force = next(i for i in memo.issues if i.positions)
    (position,) = force.positions
    assert position.actor == "The DPRK and Russia"
    assert position.verb == "claim"
    assert position.claim.startswith("the deployment of troops of the DPRK to Russia is lawful "
                                     "as collective self-defence")
    assert "Treaty on Comprehensive Strategic Partnership" in position.claim
    assert any(d.answer == "The DPRK is in breach of the prohibition of the use of force."
               for d in force.discussions)


@given(st.lists(st.tuples(st.sampled_from([1, 2, 3]), st.booleans(), st.sampled_from("xy")),
                unique=True, max_size=12))
def test_merging_alternatives_keeps_exactly_the_same_cases(rows: list[tuple[int, bool, str]]
                                                           ) -> None:
    """Merging a branch's alternatives for reading ('a is 1 or 2') neither adds nor drops a
    case: expanding the merged alternatives gives back exactly the original assignments, and no
    two merged alternatives could be merged further (they differ in more than one fact)."""
    when = tuple((("a", a), ("b", b), ("c", c)) for a, b, c in rows)
    merged = _merged(when)
    expanded = {tuple(zip(("a", "b", "c"), combo, strict=True))
                for alt in merged for combo in itertools.product(*(vs for _, vs in alt))}
    assert expanded == set(when)
    assert sum(len(list(itertools.product(*(vs for _, vs in alt)))) for alt in merged) == len(when)
    for x, y in itertools.combinations(merged, 2):
        assert sum(vx != vy for (_, vx), (_, vy) in zip(x, y, strict=True)) > 1


MINIMAL = {
    "id": "minimal", "title": "Troops of Aland sent to Borduria", "as_of": "2025-06-01",
    "states": {"ALD": {"name": "Aland"}, "BRD": {"name": "Borduria"}, "CRP": {"name": "Carpania"}},
    "conflicts": {"war": {"name": "The war", "belligerents": ["BRD", "CRP"],
                          "start": "2024-01-01"}},
    "deployments": {"d1": {"sending_state": "ALD", "receiving_state": "BRD", "conflict": "war",
                           "against": "CRP", "command_authority": "joint"}},
    "persons": {"p1": {"name": "Soldier A", "deployment": "d1", "captured_by": "CRP"}},
}


def test_an_answer_without_branches_names_its_facts_in_words(rulebook: Rulebook) -> None:
    """Where an answer turns on facts it cannot branch on (no aggressor is given; unknowns
    beyond the safety limit, lowered here to 16 worlds), the answer names those facts as a
    reader knows them, not by their keys."""
    from legal_analysis.facts import Scenario

    memo = build_memo(analyse(Scenario.model_validate(MINIMAL), rulebook, limit=16))
    answers = [d.answer for d in discussions(memo)
               if not d.versions and d.answer.startswith("The answer remains open")]
    assert answers
    for answer in answers:
        assert "conflicts.war" not in answer and "persons.p1" not in answer, answer
    assert any("the state found to be the aggressor (the conflict), which the facts do not give"
               in a for a in answers)
    assert any("more unknown facts than can be set out one by one" in a for a in answers)


def test_an_enumerated_value_reads_as_words(rulebook: Rulebook) -> None:
    """'non_international' reads 'non-international', not 'non international'."""
    from legal_analysis.facts import Scenario

    analysis = analyse(Scenario.model_validate(MINIMAL), rulebook)
    assert fact_value_text(analysis, "non_international", "conflicts.war.kind") == \
        "non-international"
