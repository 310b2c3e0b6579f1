"""Standards of proof: a risk only alleged does not bar a transfer as if it were shown, nor is it
read as no risk; the answer turns on whether the allegation is made out.

The hypothetical is the tutorial's (placeholder states): Caledonia holds Private Doe, an
Arcadian soldier, and is bound by the Convention against Torture; the question is whether
non-refoulement bars sending him to Arcadia (XAR) when the risk of torture there is established,
reported by a source, or only alleged on his own word.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from legal_analysis import Rulebook, analyse, load_rulebook
from legal_analysis.errors import RuleError
from legal_analysis.scenario import load_scenario

from .conftest import EXAMPLES, ROOT

TUTORIAL = EXAMPLES / "tutorial" / "tutorial-border-war.yaml"
OTHER_RISKS = {"irreparable_harm_risk": False, "persecution_risk": False,
               "fundamental_rights_risk": False, "onward_transfer_to": None}


def _with_risk(tmp_path: Path, certainty: str) -> Any:
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    dest = data["persons"]["private-doe"]["destinations"]["XAR"]
    dest.clear()
    dest.update({k: v for k, v in OTHER_RISKS.items() if v is not None})
    dest["torture_risk"] = {"value": True, "certainty": certainty}
    path = tmp_path / f"{certainty}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_scenario(path)


def _bar(rulebook: Rulebook, tmp_path: Path, certainty: str) -> Any:
    analysis = analyse(_with_risk(tmp_path, certainty), rulebook)
    return analysis.get("refoulement_barred", person="private-doe", destination="XAR")


@pytest.mark.parametrize("certainty", ["established", "reported"])
def test_a_risk_shown_to_the_standard_bars_the_transfer(rulebook: Rulebook, tmp_path: Path,
                                                        certainty: str) -> None:
    """CAT Art 3: substantial grounds, shown (established or reported by a source), bar it."""
    r = _bar(rulebook, tmp_path, certainty)
    assert (str(r.status), r.value) == ("established", True)
    assert any(c.source == "cat" and c.pinpoint == "art 3(1)" for c in r.citations)


def test_an_alleged_risk_is_neither_a_bar_nor_no_risk(rulebook: Rulebook,
                                                       tmp_path: Path) -> None:
    """A risk only alleged (on the person's own word) leaves the answer open, turning on whether
    the allegation is made out: barred if it is, not barred if it is not (the other risks being
    excluded); never barred outright, never cleared."""
    r = _bar(rulebook, tmp_path, "alleged")
    assert str(r.status) == "undetermined"
    key = "persons.private-doe.destinations.XAR.torture_risk"
    assert key in r.decisive_facts
    outcomes = {alt: b.value for b in r.branches for alt in b.when}
    assert outcomes == {((key, True),): True, ((key, False),): False}


def test_a_standard_must_be_a_certainty(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    import shutil

    shutil.copytree(ROOT / "rules", rules)
    path = rules / "refoulement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("torture_risk, equals: true, standard: reported",
                                 "torture_risk, equals: true, standard: reportd", 1), "utf-8")
    with pytest.raises(RuleError) as err:
        load_rulebook(rules)
    message = str(err.value)
    assert "refoulement.yaml:" in message and "'reportd' is not a standard of proof" in message
    assert "did you mean 'reported'" in message


def test_a_standard_on_a_test_of_whether_a_fact_is_known_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    import shutil

    shutil.copytree(ROOT / "rules", rules)
    path = rules / "refoulement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{fact: destination.torture_risk, known: true}",
                                 "{fact: destination.torture_risk, known: true, "
                                 "standard: reported}", 1), "utf-8")
    with pytest.raises(RuleError, match="a standard has no meaning here"):
        load_rulebook(rules)


def test_the_memo_says_which_version_is_the_allegation(rulebook: Rulebook,
                                                        tmp_path: Path) -> None:
    from legal_analysis.render import render

    analysis = analyse(_with_risk(tmp_path, "alleged"), rulebook)
    text = render(analysis, "md").decode("utf-8")
    # the gap: the fact is alleged, which is below the standard the rule requires
    assert re.search(r"\| Whether there are substantial grounds for believing that Private Doe "
                     r"would be in danger of torture in Arcadia[^|]*\| [^|]* \| alleged, below "
                     r"the standard a rule requires \|", text)
    assert "If there are no substantial grounds for believing that Private Doe would be in " \
           "danger of torture in Arcadia: **Non-refoulement does not bar" in text
