"""What the detaining power owes a captured person now (rules/obligations.yaml), on the
hypothetical scenarios of docs/examples/v2/: a prisoner of war is owed protection against public
curiosity, questioning without coercion, registration and ICRC visits (GC III Arts 13, 17,
122-123, 126); a breach is named where the facts report one, an allegation leaves the answer
open, and a breach nobody reported is neither found nor denied; a person who is not a prisoner of
war keeps AP I Art 75 in an international conflict, common Art 3 in a non-international one, and
human rights law where there is no armed conflict."""

from __future__ import annotations

from typing import Any

import pytest

from legal_analysis import Rulebook, analyse, load_scenario

from .hypotheticals import v2_data


def _duties(data: dict[str, Any], rulebook: Rulebook, person: str) -> Any:
    return analyse(load_scenario(data), rulebook).get("detaining_power_obligations",
                                                       person=person)


def _cited(result: Any) -> set[tuple[str, str]]:
    return {(c.source, c.pinpoint or "") for c in result.citations}


def _own_soldiers() -> dict[str, Any]:
    """The own-soldier hypothetical with the rifleman not prosecuted (the file has him
    prosecuted for taking part in the fighting)."""
    data = v2_data("own-soldier-captured")
    data["persons"]["rifleman"]["prosecuted_for"] = "none"
    return data


def test_a_prisoner_of_war_is_owed_the_conventions_treatment(rulebook: Rulebook) -> None:
    result = _duties(_own_soldiers(), rulebook, "rifleman")
    assert (result.status, result.value) == ("established", "pow_treatment")
    assert result.rules == ("obligations.prisoner_of_war",)
    assert {("gc3", "art 13, para 2"), ("gc3", "art 17, para 4"), ("gc3", "art 122, para 2"),
            ("gc3", "art 126, paras 1, 4")} <= _cited(result)


@pytest.mark.parametrize(("breach", "rule", "article"), [
    ("exhibited_to_public", "obligations.breach.public_curiosity", "art 13, para 2"),
    ("coerced_for_information", "obligations.breach.coercion", "art 17, para 4"),
    ("icrc_access_refused", "obligations.breach.icrc_access", "art 126, para 4"),
])
def test_a_reported_breach_is_named(rulebook: Rulebook, breach: str, rule: str,
                                    article: str) -> None:
    data = _own_soldiers()
    data["persons"]["rifleman"][breach] = {"value": True, "certainty": "reported"}
    result = _duties(data, rulebook, "rifleman")
    assert (result.status, result.value) == ("established", "pow_treatment_breached")
    assert result.rules == (rule,)
    assert ("gc3", article) in _cited(result)


def test_an_alleged_breach_leaves_the_answer_open(rulebook: Rulebook) -> None:
    """Standard of proof: a breach only alleged is not established, nor read as absent: the
    answer branches on whether the allegation is made out."""
    data = _own_soldiers()
    data["persons"]["rifleman"]["exhibited_to_public"] = {"value": True, "certainty": "alleged"}
    result = _duties(data, rulebook, "rifleman")
    assert result.status == "undetermined"
    assert {b.value for b in result.branches} == {"pow_treatment", "pow_treatment_breached"}


def test_a_breach_stated_absent_changes_nothing(rulebook: Rulebook) -> None:
    data = _own_soldiers()
    data["persons"]["rifleman"]["icrc_access_refused"] = False
    result = _duties(data, rulebook, "rifleman")
    assert (result.status, result.value) == ("established", "pow_treatment")


def test_trying_a_prisoner_of_war_for_taking_part_is_a_breach(rulebook: Rulebook) -> None:
    """The rifleman of the file is prosecuted for having taken part in the fighting: the duties
    answer names the breach of his combatant immunity, as the immunity answer does."""
    result = _duties(v2_data("own-soldier-captured"), rulebook, "rifleman")
    assert (result.status, result.value) == ("established", "pow_treatment_breached")
    assert result.rules == ("obligations.breach.tried_for_participation",)
    assert {("gc3", "art 99, para 1"), ("api", "art 43(2)")} <= _cited(result)


def test_a_saboteur_out_of_uniform_keeps_equivalent_protection(rulebook: Rulebook) -> None:
    """AP I Art 44(4): a combatant who fails to distinguish himself forfeits the status, not the
    protection."""
    result = _duties(v2_data("own-soldier-captured"), rulebook, "saboteur")
    assert (result.status, result.value) == ("established", "equivalent_protection")
    assert result.rules == ("obligations.equivalent_protection",)
    assert ("api", "art 44(4)") in _cited(result)


def test_a_spy_keeps_the_fundamental_guarantees(rulebook: Rulebook) -> None:
    result = _duties(v2_data("own-soldier-captured"), rulebook, "scout")
    assert (result.status, result.value) == ("established", "fundamental_guarantees")
    assert result.rules == ("obligations.fundamental_guarantees",)
    assert {("api", "art 75(1)"), ("api", "art 45(3)")} <= _cited(result)


def test_a_fighter_in_a_civil_war_is_owed_common_article_3(rulebook: Rulebook) -> None:
    result = _duties(v2_data("civil-war"), rulebook, "fighter")
    assert (result.status, result.value) == ("established", "common_article_3")
    assert {("gc3", "art 3, para 1(1)"), ("gc3", "art 3, para 1(1)(c)")} <= _cited(result)


def test_below_an_armed_conflict_human_rights_law_protects(rulebook: Rulebook) -> None:
    data = v2_data("riots-below-armed-conflict")
    data["parties"]["AAA"]["treaties"]["iccpr"] = {"status": "party", "since": "1976-03-23"}
    result = _duties(data, rulebook, "rioter")
    assert (result.status, result.value) == ("established", "human_rights_law")
    assert ("iccpr", "art 7") in _cited(result)


def test_unknown_participation_in_the_iccpr_leaves_it_open(rulebook: Rulebook) -> None:
    """Treaties bind by date: unknown participation is never read as bound, nor as not bound."""
    result = _duties(v2_data("riots-below-armed-conflict"), rulebook, "rioter")
    assert result.status == "undetermined"
