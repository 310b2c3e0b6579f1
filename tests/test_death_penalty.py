"""Non-refoulement to the death penalty, and a person held abroad by the detaining power's forces.

The format-2 hypothetical ``docs/examples/v2/held-abroad-death-penalty.yaml`` is evaluated through
the public API (``load_scenario``, ``analyse``) as it stands and in variations of its data: the
answer for each destination, and the rules and articles it rests on.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legal_analysis import Result, Rulebook, analyse, load_scenario

from .strategies import examples

HYPOTHETICAL = (Path(__file__).resolve().parent.parent / "docs" / "examples" / "v2"
                / "held-abroad-death-penalty.yaml")
DEATH_PENALTY_RULES = {"refoulement.iccpr_op2", "refoulement.echr_death_penalty"}
DEATH_PENALTY_TREATIES = ("iccpr_op2", "echr", "echr_p6", "echr_p13")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(HYPOTHETICAL.read_text(encoding="utf-8"))
    return data


def _barred(data: dict[str, Any], rulebook: Rulebook) -> dict[str, Result]:
    analysis = analyse(load_scenario(data), rulebook)
    return {r.subject_dict["destination"]: r for r in analysis.conclusions("refoulement_barred")
            if r.subject_dict["person"] == "detainee"}


def _treaties(data: dict[str, Any]) -> dict[str, Any]:
    treaties: dict[str, Any] = data["parties"]["AAA"]["treaties"]
    return treaties


def test_the_hypothetical_is_barred_by_both_death_penalty_instruments(rulebook: Rulebook) -> None:
    results = _barred(_data(), rulebook)
    bbb = results["BBB"]
    assert (bbb.status, bbb.value) == ("established", True)
    assert set(bbb.rules) == DEATH_PENALTY_RULES
    cited = {(c.source, c.pinpoint) for c in bbb.citations}
    assert {("iccpr-op2", "art 1(1)"), ("echr", "art 1"), ("echr", "art 3"),
            ("echr-protocol-13", "art 1")} <= cited
    assert any(c.source == "ecthr-al-saadoon-2010" and c.quote is None for c in bbb.citations)
    assert any("Al-Saadoon" in d and "abroad" in d for d in bbb.details)


def test_the_destination_with_nothing_known_stays_open(rulebook: Rulebook) -> None:
    """Nothing is said of the risks in CCC: the answer is open, never 'not barred'."""
    data = _data()
    del data["persons"]["detainee"]["destinations"]["CCC"]
    ccc = _barred(data, rulebook)["CCC"]
    assert ccc.status == "undetermined"
    assert not DEATH_PENALTY_RULES & set(ccc.rules)
    assert any(k.endswith("destinations.CCC.death_penalty_risk") for k in ccc.decisive_facts)


def test_held_at_home_the_answer_is_the_same(rulebook: Rulebook) -> None:
    """The ECHR reaches a person in the custody of a state's forces, abroad as at home."""
    data = _data()
    data["persons"]["detainee"]["held_in_territory_of"] = "AAA"
    bbb = _barred(data, rulebook)["BBB"]
    assert (bbb.status, bbb.value) == ("established", True)
    assert set(bbb.rules) == DEATH_PENALTY_RULES


def test_one_instrument_alone_bars_and_is_the_only_one_named(rulebook: Rulebook) -> None:
    data = _data()
    for tid in ("echr", "echr_p13"):
        _treaties(data)[tid] = {"status": "not_party"}
    bbb = _barred(data, rulebook)["BBB"]
    assert (bbb.status, bbb.value) == ("established", True)
    assert bbb.rules == ("refoulement.iccpr_op2",)


def test_not_bound_by_any_death_penalty_instrument_is_never_barred_by_one(
        rulebook: Rulebook) -> None:
    """Bound by none of them, the answer falls back to the other grounds, unknown here."""
    data = _data()
    bbb_risks = data["persons"]["detainee"]["destinations"]["BBB"]
    for risk in ("torture_risk", "irreparable_harm_risk", "persecution_risk",
                 "fundamental_rights_risk"):
        del bbb_risks[risk]
    for tid in DEATH_PENALTY_TREATIES:
        _treaties(data)[tid] = {"status": "not_party"}
    bbb = _barred(data, rulebook)["BBB"]
    assert bbb.status == "undetermined"
    assert not DEATH_PENALTY_RULES & set(bbb.rules)
    assert not any(k.endswith(("bound.iccpr_op2", "bound.echr_p6", "bound.echr_p13"))
                   for k in bbb.decisive_facts)


def test_bound_by_no_instrument_at_all_the_transfer_is_not_barred(rulebook: Rulebook) -> None:
    """Where the detaining power is known to be bound by none of the instruments, a risk of the
    death penalty alone bars nothing: the answer is the conclusion's default, 'not barred'."""
    data = _data()
    for tid in (*DEATH_PENALTY_TREATIES, "cat", "iccpr", "refugee_convention",
                "refugee_protocol"):
        _treaties(data)[tid] = {"status": "not_party"}
    bbb = _barred(data, rulebook)["BBB"]
    assert (bbb.status, bbb.value) == ("established", False)
    assert bbb.rules == ("default",)


def test_participation_unknown_is_not_established(rulebook: Rulebook) -> None:
    data = _data()
    for tid in DEATH_PENALTY_TREATIES:
        _treaties(data).pop(tid, None)
    bbb = _barred(data, rulebook)["BBB"]
    assert bbb.status == "undetermined"
    assert any(k.endswith("bound.iccpr_op2") for k in bbb.decisive_facts)
    assert True in {b.value for b in bbb.branches}  # bound, it would be barred


def test_a_risk_only_alleged_is_not_enough(rulebook: Rulebook) -> None:
    data = _data()
    data["persons"]["detainee"]["destinations"]["BBB"]["death_penalty_risk"]["certainty"] = \
        "alleged"
    bbb = _barred(data, rulebook)["BBB"]
    assert bbb.status != "established"


STATUSES = st.sampled_from(["party", "not_party", "signatory", None])
RISKS = st.sampled_from([("true", "reported"), ("true", "established"), ("true", "alleged"),
                         ("false", "reported"), None])


@settings(max_examples=examples(40), deadline=None)
@given(statuses=st.tuples(*[STATUSES] * 4), risk=RISKS)
def test_barred_by_a_death_penalty_instrument_only_where_bound_and_shown(
        rulebook: Rulebook, statuses: tuple[str | None, ...],
        risk: tuple[str, str] | None) -> None:
    """A transfer is established as barred exactly where a real risk of the death penalty at the
    destination is at least reported and the detaining power is bound on the date by the Second
    Optional Protocol, or by the ECHR's Protocol No. 13 (Protocol No. 6 alone is not read as a bar
    in wartime); a participation left unknown
    or a risk only alleged never establishes it, and a death-penalty rule is named only then."""
    data = _data()
    treaties = _treaties(data)
    for tid, status in zip(DEATH_PENALTY_TREATIES, statuses, strict=True):
        treaties.pop(tid, None)
        if status is not None:
            treaties[tid] = {"status": status, "since": "1990-01-01"}
    dest = data["persons"]["detainee"]["destinations"]["BBB"]
    if risk is None:
        dest.pop("death_penalty_risk")
    else:
        dest["death_penalty_risk"] = {"value": risk[0] == "true", "certainty": risk[1],
                                      "sources": [{"source": "indictment"}]}
    party = dict(zip(DEATH_PENALTY_TREATIES, (s == "party" for s in statuses), strict=True))
    # Protocol No. 13 binds only a state bound by the Convention; Protocol No. 6 alone admits
    # the death penalty in time of war (art 2) and is not read as a bar
    bound = party["iccpr_op2"] or party["echr_p13"]
    shown = risk is not None and risk[0] == "true" and risk[1] != "alleged"
    bbb = _barred(copy.deepcopy(data), rulebook)["BBB"]
    assert ((bbb.status, bbb.value) == ("established", True)) == (bound and shown)
    assert bool(DEATH_PENALTY_RULES & set(bbb.rules)) == (bound and shown)

