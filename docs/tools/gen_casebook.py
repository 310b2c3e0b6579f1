"""Generate the casebook: the cases' scenario files, their answers, exercises and HTML memos.

A case is the home scenario (``docs/examples/dprk-*.yaml``) at one date, or a *variation* of it:
the home scenario with a few facts changed, written to ``docs/examples/casebook/<case>.yaml`` (so
the wheel ships it and ``legal-analysis examples list|show|copy`` finds it). Each case page,
``docs/casebook/<page>.md``, is written by hand (the commentary) except for its generated blocks,
which this script fills from the library:

``facts CASE``
    the facts changed from the home scenario, and the file;
``answer CASE``
    for each question the case asks: the memo's answer, the rules that decide it with their
    authorities and pinpoints, and (for a variation) the answer in the home scenario;
``flips CASE``
    every public conclusion whose outcome differs from the home scenario;
``exercises CASE``
    the exercises ("what changes if ...?") with their answers, computed by what-if;
``memo CASE``
    the case's HTML memo (``docs/casebook/memos/<case>.html``, written with ``--memos``);
``quote ID``
    a verified quotation from the registry (``rules/sources.yaml``), with its pinpoint;
``output ARGS``
    the output of ``legal-analysis ARGS`` (also in ``docs/tutorial.md``).

Run from the repository's root::

    PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py           # rewrite what changed
    PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py --memos   # only the HTML memos
    PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py --check   # exit 1 if stale

``tests/test_docs.py`` fails when a committed file differs from what this script writes, and
``tests/test_rule_coverage.py`` analyses every case to check that every rule fires.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from docgen import ROOT, GenerationError, block_names, fill_blocks, md_cell, relative, stale, write
from legal_analysis import Analysis, Result, Rulebook, Scenario, WhatIf, analyse, load_rulebook
from legal_analysis.documents import read_document
from legal_analysis.engine.counterfactual import compare
from legal_analysis.engine.world import describe_key
from legal_analysis.render.wording import label
from legal_analysis.scenario import build_scenario, load_scenario
from legal_analysis.sources import cite

COMMAND = "PYTHONPATH=src .venv/bin/python docs/tools/gen_casebook.py"
"""How to regenerate the files this script writes (named in the tests' failure messages)."""

EXAMPLES = ROOT / "docs" / "examples"
SCENARIOS = EXAMPLES / "casebook"
CASEBOOK = ROOT / "docs" / "casebook"
MEMOS = CASEBOOK / "memos"


@dataclass(frozen=True)
class Ask:
    """A question a case puts: one conclusion for one subject (roles → ids)."""

    conclusion: str
    subject: Mapping[str, str]


@dataclass(frozen=True)
class Change:
    """A fact changed from the home scenario: its fact key, its new value, and why.

    ``value`` is what the scenario file holds at the key: a fact's value (written as a full fact
    with a note saying it is hypothetical), or, for a key under ``treaties``, the participation.
    """

    key: str
    value: Any
    why: str


@dataclass(frozen=True)
class Exercise:
    """'What changes if ...?': a question, the fact changes it makes, and the teacher's hint.

    The answer lists every public conclusion whose outcome changes and, for the conclusions in
    ``show`` (by default the case's questions), the memo's new answer where only its reasons
    change.
    """

    question: str
    changes: Mapping[str, Any]
    hint: str = ""
    show: tuple[Ask, ...] = ()


@dataclass(frozen=True)
class Case:
    """A case of the casebook.

    ``base`` names an example scenario (``docs/examples/<base>.yaml``). With no ``changes`` the case
    is that scenario itself; otherwise it is a variation written to
    ``docs/examples/casebook/<name>.yaml``.
    """

    name: str
    page: str
    title: str
    base: str
    asks: tuple[Ask, ...]
    changes: tuple[Change, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    summary: str = ""

    @property
    def is_variation(self) -> bool:
        return bool(self.changes)

    @property
    def path(self) -> Path:
        """The case's scenario file."""
        if self.is_variation:
            return SCENARIOS / f"{self.name}.yaml"
        return EXAMPLES / f"{self.base}.yaml"


# -- the cases ------------------------------------------------------------------------------------

DEP = "deployments.dprk-to-russia"
S1 = "persons.soldier-1"
CONFLICT = "conflicts.russia-ukraine"
WAR = "russia-ukraine"


def _ask(conclusion: str, **subject: str) -> Ask:
    return Ask(conclusion, subject)


PARTY_PRK = _ask("party_to_conflict", state="PRK", conflict=WAR)
ATTRIBUTION = _ask("attribution_of_conduct", deployment="dprk-to-russia")
IAC_PRK = _ask("international_armed_conflict", state="PRK", other="UKR")
POW_1 = _ask("pow_status", person="soldier-1")
MERCENARY_1 = _ask("mercenary", person="soldier-1")


def _option(destination: str, person: str = "soldier-1") -> Ask:
    return _ask("repatriation_option", person=person, destination=destination)


def _barred(destination: str, person: str = "soldier-1") -> Ask:
    return _ask("refoulement_barred", person=person, destination=destination)


RISKS = ("torture_risk", "irreparable_harm_risk", "persecution_risk", "fundamental_rights_risk",
         "death_penalty_risk")
"""The risks at a destination against which an instrument may bar a transfer."""


def _no_risk(destination: str, why: str, person: str = "soldier-1") -> tuple[Change, ...]:
    """No risk of any kind at a destination."""
    base = f"persons.{person}.destinations.{destination}"
    return tuple(Change(f"{base}.{risk}", False, why) for risk in RISKS)


def _conscript(person: str, *, why: str, national_of_party: bool | None = None,
               driver: bool = False, resident: str = "") -> tuple[Change, ...]:
    """What is known of a soldier beyond the home scenario: a conscript, not a hired fighter
    (and, if ``driver``, one captured behind the lines who took no direct part in the fighting)."""
    base = f"persons.{person}"
    out = [
        Change(f"{base}.specially_recruited_to_fight", False,
               f"{why}: a conscript, not recruited for this war"),
        Change(f"{base}.private_gain_motive", False, "he serves for a conscript's pay"),
        Change(f"{base}.compensation_substantially_in_excess", False,
               "paid like any other soldier of his rank"),
    ]
    if driver:
        out.append(Change(f"{base}.takes_direct_part", False,
                          "a driver, captured at a supply depot, who took no direct part in the "
                          "fighting"))
    if national_of_party is not None:
        out.append(Change(f"{base}.national_or_resident_of_party", national_of_party,
                          resident or "a DPRK national" + (", and the DPRK is a party here"
                                                           if national_of_party else "")))
    return tuple(out)


def _doubted(person: str, why: str) -> Change:
    return Change(f"persons.{person}.status_doubted", True, why)


HOME = "dprk-2025-04-28"

CASES: tuple[Case, ...] = (
    # -- the home scenario at its three dates ---------------------------------------------------
    Case("home-2024-10-26", "home", "Reports of a deployment (26 October 2024)", "dprk-2024-10-26",
         (PARTY_PRK, _ask("unlawful_use_of_force", state="PRK")),
         exercises=(
             Exercise("What changes if it were reported that the DPRK keeps command of its troops "
                      "and that they fight?",
                      {f"{DEP}.command_authority": "sending", f"{DEP}.direct_participation": True}),
             Exercise("What changes if it were established that sending the troops breaches the "
                      "Security Council's measures against the DPRK?",
                      {"states.PRK.arms_embargo_breached": True}),
             Exercise("And if it were established that it does not?",
                      {"states.PRK.arms_embargo_breached": False}),
         )),
    Case("home-2025-01-12", "home", "Two soldiers captured (12 January 2025)", "dprk-2025-01-12",
         (POW_1, _barred("PRK"), _option("KOR")),
         exercises=(
             Exercise("The sources disagree on the day of the capture. What changes if the first "
                      "soldier had been captured only on 13 January, after the date of this memo?",
                      {f"{S1}.captured_on": dt.date(2025, 1, 13)}),
             Exercise("What changes if the ICRC verified, in an interview without witnesses, that "
                      "the first soldier wishes to go to South Korea, and no risk to him there "
                      "were shown?",
                      {f"{S1}.wishes": "KOR", f"{S1}.wish_verified_independently": True,
                       **{f"{S1}.destinations.KOR.{risk}": False for risk in RISKS}}),
         )),
    Case("home-2025-04-28", "home", "The deployment acknowledged (28 April 2025)", HOME,
         (PARTY_PRK, IAC_PRK, _ask("self_defence_available", defending="PRK", against="UKR")),
         exercises=(
             Exercise("What changes if the DPRK's troops were found to be under joint command?",
                      {f"{DEP}.command_authority": "joint"}),
             Exercise("What changes if the DPRK's troops were incorporated into the Russian armed "
                      "forces, command still unknown?",
                      {f"{DEP}.integrated_into_receiving_forces": True}, show=(POW_1, MERCENARY_1),
                      hint="Nothing changes, and that is the answer: while command is unknown the "
                           "soldiers are prisoners of war on either branch, and incorporation into "
                           "the Russian forces only adds a route to the same status."),
             Exercise("Test the DPRK's claim the other way round: what changes if the finding of "
                      "aggression had named Ukraine, not Russia?",
                      {f"{CONFLICT}.aggressor": "UKR"}),
         )),
    # -- variations ---------------------------------------------------------------------------------
    Case("sole-command", "sole-command", "Sole command by the receiving state", HOME,
         (PARTY_PRK, ATTRIBUTION, IAC_PRK),
         changes=(Change(f"{DEP}.command_authority", "receiving",
                         "suppose it were shown that the DPRK troops act under Russia's sole "
                         "command"),
                  *_conscript("soldier-2", why="more is known of the second soldier",
                              driver=True)),
         exercises=(
             Exercise("What changes if the DPRK kept command of its troops instead?",
                      {f"{DEP}.command_authority": "sending"}),
             Exercise("What changes if the troops were also incorporated into the Russian armed "
                      "forces?", {f"{DEP}.integrated_into_receiving_forces": True},
                      show=(POW_1, MERCENARY_1),
                      hint="Nothing changes. Under Russia's sole command the soldiers already "
                           "fight as part of a party's forces, so incorporation only adds a second "
                           "route to the same status; and official sending by a state that is "
                           "not a party already settles the mercenary question (AP I art 47(2)(f))."),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the DPRK troops were "
                 "placed at Russia's disposal and act under its sole command."),
    Case("joint-command", "joint-command", "Joint command", HOME,
         (PARTY_PRK, ATTRIBUTION, IAC_PRK),
         changes=(Change(f"{DEP}.command_authority", "joint",
                         "suppose it were shown that the DPRK and Russia command the troops "
                         "jointly"),
                  _doubted("soldier-1", "Ukraine at first doubted the first soldier's status (he "
                                        "wore a Russian uniform and carried Russian papers)"),
                  *_conscript("soldier-2", why="more is known of the second soldier",
                              national_of_party=True, driver=True)),
         exercises=(
             Exercise("What changes if the troops took no direct part in the hostilities (say "
                      "they only guarded installations far from the front)?",
                      {f"{DEP}.direct_participation": False}),
             Exercise("What changes if the force the DPRK's troops use reached the gravity of an "
                      "armed attack on Ukraine?", {f"{DEP}.armed_attack_intensity": True}),
             Exercise("And if it stayed below that gravity?",
                      {f"{DEP}.armed_attack_intensity": False}),
             Exercise("What changes if the troops were also incorporated into the Russian armed "
                      "forces?", {f"{DEP}.integrated_into_receiving_forces": True},
                      show=(POW_1, MERCENARY_1),
                      hint="Nothing changes. Under joint command the soldiers are already members "
                           "of the armed forces of a party, the DPRK (GC III art 4A(1)); "
                           "incorporation into Russia's forces adds a second route to the same "
                           "status, which the derivation shows displaced by the first."),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the DPRK and Russia "
                 "command the DPRK troops jointly."),
    Case("individual-recruits", "individual-recruits",
         "Fighters recruited individually for pay", HOME,
         (PARTY_PRK, MERCENARY_1, POW_1),
         changes=(
             Change(f"{DEP}.recruitment", "private_company",
                    "suppose the fighters were recruited one by one, for pay, by a private "
                    "military company, not sent by the DPRK"),
             Change(f"{DEP}.official_duty", False, "they serve on no official duty of the DPRK"),
             Change(f"{DEP}.command_authority", "receiving", "they fight under Russian command"),
             Change(f"{DEP}.integrated_into_receiving_forces", False,
                    "but are not incorporated into the Russian armed forces"),
             Change(f"{S1}.specially_recruited_to_fight", True,
                    "he was recruited in order to fight in this war"),
             Change(f"{S1}.private_gain_motive", True, "he fights essentially for the money"),
             Change(f"{S1}.compensation_substantially_in_excess", True,
                    "he was promised far more than Russian soldiers of his rank are paid"),
             Change(f"{S1}.national_or_resident_of_party", False,
                    "a DPRK national, resident in the DPRK, which is not a party"),
             Change(f"{S1}.member_of_forces_of", "none",
                    "he is not enrolled in any state's armed forces (the company hired him)"),
         ),
         exercises=(
             Exercise("What changes if he were paid what Russian soldiers of his rank are paid?",
                      {f"{S1}.compensation_substantially_in_excess": False}),
             Exercise("What changes if the company's fighters were incorporated into the Russian "
                      "armed forces?", {f"{DEP}.integrated_into_receiving_forces": True}),
             Exercise("What changes if he had lived in Russia for years, so that he is a resident "
                      "of a party's territory?", {f"{S1}.national_or_resident_of_party": True}),
             Exercise("What changes if he had been hired long before the war, as a guard, and not "
                      "in order to fight in it?", {f"{S1}.specially_recruited_to_fight": False}),
             Exercise("What changes if he never fought, but only guarded a depot far behind the "
                      "lines?", {f"{S1}.takes_direct_part": False}),
             Exercise("What changes if he had been hired long before the war as a depot guard, "
                      "never fought, was paid what Russian soldiers of his rank are paid and had "
                      "long lived in Russia? Conditions (a) to (d) of AP I art 47(2) all fail: "
                      "the answer names the first.",
                      {f"{S1}.specially_recruited_to_fight": False,
                       f"{S1}.takes_direct_part": False,
                       f"{S1}.compensation_substantially_in_excess": False,
                       f"{S1}.national_or_resident_of_party": True}),
             Exercise("And if he had been recruited to fight in this war, but the rest were "
                      "the same?",
                      {f"{S1}.takes_direct_part": False,
                       f"{S1}.compensation_substantially_in_excess": False,
                       f"{S1}.national_or_resident_of_party": True}),
             Exercise("And if he had also fought?",
                      {f"{S1}.compensation_substantially_in_excess": False,
                       f"{S1}.national_or_resident_of_party": True}),
             Exercise("What changes if Ukraine doubted whether he is a mercenary, and no tribunal "
                      "had yet decided?", {f"{S1}.status_doubted": True}),
             Exercise("What changes if a competent tribunal decided that he is not a prisoner of "
                      "war?", {f"{S1}.tribunal_decision": "not_prisoner_of_war"}),
             Exercise("What changes if Ukraine, doubting his status, found that he had signed a "
                      "contract with the Russian army itself?",
                      {f"{S1}.member_of_forces_of": "RUS", f"{S1}.status_doubted": True}),
             Exercise("What changes if the recruits fought under the DPRK's command?",
                      {f"{DEP}.command_authority": "sending"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the fighters were "
                 "recruited individually for pay instead of being sent by the DPRK."),
    Case("wishes-to-return", "wishes-to-return", "A soldier who wishes to return home", HOME,
         (_option("PRK"), _option("KOR"), _barred("PRK")),
         changes=(
             Change(f"{S1}.wishes", "PRK",
                    "suppose the first soldier told the ICRC that he wished to go back to the DPRK"),
             Change(f"{S1}.wish_verified_independently", True,
                    "the ICRC verified his wish in an interview without witnesses"),
             Change(f"{S1}.nationality_verified", True, "his DPRK nationality has been verified"),
             *_no_risk("KOR", "no risk to him in South Korea is shown"),
         ),
         exercises=(
             Exercise("What changes if he wished to go to South Korea, as the soldiers reportedly "
                      "told the media?", {f"{S1}.wishes": "KOR"}),
             Exercise("What changes if no risk to him in the DPRK were shown either?",
                      {f"{S1}.destinations.PRK.torture_risk": False,
                       f"{S1}.destinations.PRK.irreparable_harm_risk": False,
                       f"{S1}.destinations.PRK.fundamental_rights_risk": False,
                       f"{S1}.destinations.PRK.persecution_risk": False,
                       f"{S1}.destinations.PRK.death_penalty_risk": False}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier, whose "
                 "nationality is verified, told the ICRC that he wished to return to the DPRK, and "
                 "that no risk to him in South Korea were shown."),
    Case("no-risk-on-return", "no-risk-on-return", "No credible risk on return", HOME,
         (_barred("PRK"), _option("PRK"), _barred("RUS")),
         changes=_no_risk("PRK", "suppose no risk to the first soldier in the DPRK were shown"),
         exercises=(
             Exercise("What changes if a real risk of ill-treatment in the DPRK were shown after "
                      "all?", {f"{S1}.destinations.PRK.irreparable_harm_risk": True}),
             Exercise("What changes if he had a well-founded fear of persecution in the DPRK for "
                      "his political opinion (he told South Korean media he wished to defect)?",
                      {f"{S1}.destinations.PRK.persecution_risk": True}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier faced "
                 "no risk in the DPRK."),
    Case("treaty-not-binding", "treaty-not-binding",
         "A detaining power not bound by the Convention against Torture", HOME,
         (_barred("PRK"),),
         changes=(
             Change("states.UKR.treaties.cat", "not_party",
                    "suppose the detaining power were not a party to the Convention against "
                    "Torture"),
             Change(f"{S1}.destinations.PRK.irreparable_harm_risk", "unknown",
                    "and the evidence of a risk of torture had not been assessed under the ICCPR"),
             Change(f"{S1}.destinations.PRK.fundamental_rights_risk", "unknown",
                    "nor under GC III art 118 as the ICRC reads it"),
         ),
         exercises=(
             Exercise("What changes if the same evidence were found to show a real risk of "
                      "ill-treatment (ICCPR art 7)?",
                      {f"{S1}.destinations.PRK.irreparable_harm_risk": True}),
             Exercise("What changes if the detaining power were bound by the Convention against "
                      "Torture after all?", {"states.UKR.bound.cat": True}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the detaining power were "
                 "not bound by the Convention against Torture, and that the evidence of a risk of "
                 "torture in the DPRK had not been assessed under the other instruments."),
    Case("after-hostilities", "after-hostilities", "After the cessation of active hostilities",
         HOME, (_option("PRK"), _option("XNS")),
         changes=(
             Change(f"{CONFLICT}.cessation_of_active_hostilities", True,
                    "suppose active hostilities had ceased"),
             Change(f"{DEP}.command_authority", "sending",
                    "and the DPRK had kept command of its troops"),
             Change(f"{S1}.nationality_verified", True, "and his nationality had been verified"),
             *_no_risk("PRK", "and no risk to him in the DPRK were shown"),
         ),
         exercises=(
             Exercise("What changes if hostilities had not ceased?",
                      {f"{CONFLICT}.cessation_of_active_hostilities": False}),
             Exercise("What changes if his nationality had not been verified?",
                      {f"{S1}.nationality_verified": False}),
             Exercise("What changes if the DPRK's troops had been under Russia's sole command?",
                      {f"{DEP}.command_authority": "receiving"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that active hostilities had "
                 "ceased, that the DPRK commanded its troops, and that the first soldier, whose "
                 "nationality is verified, faced no risk in the DPRK."),
    Case("seriously-wounded", "seriously-wounded", "A seriously wounded prisoner", HOME,
         (_option("PRK"),),
         changes=(
             Change(f"{S1}.health", "seriously_wounded", "suppose he were seriously wounded"),
             Change(f"{DEP}.command_authority", "sending", "the DPRK commands its troops"),
             Change(f"{S1}.nationality_verified", True, "his nationality has been verified"),
             Change(f"{S1}.wishes", "PRK", "he wishes to go home"),
             *_no_risk("PRK", "and no risk to him in the DPRK were shown"),
         ),
         exercises=(
             Exercise("What changes if he wished to go to South Korea instead?",
                      {f"{S1}.wishes": "KOR"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier were "
                 "seriously wounded, wished to go home and faced no risk there."),
    Case("unverified-nationality", "unverified-nationality",
         "A person whose nationality cannot be verified", HOME,
         (_option("KOR"),),
         changes=(
             Change(f"{S1}.wish_verified_independently", True,
                    "suppose the ICRC verified his wish to go to South Korea"),
             *_no_risk("KOR", "and no risk to him in South Korea were shown"),
             Change(f"{S1}.nationality_verified", False,
                    "but his nationality cannot be verified: he carries false Russian papers"),
         ),
         exercises=(
             Exercise("What changes if his nationality were verified?",
                      {f"{S1}.nationality_verified": True}),
             Exercise("What changes if South Korea said it would not receive him?",
                      {"states.KOR.willing_to_receive": False}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier's wish "
                 "to go to South Korea were verified and he faced no risk there, but that his "
                 "nationality could not be verified."),
    Case("captured-general", "captured-general", "A captured general", HOME,
         (_ask("aggression_liability", person="soldier-2"),
          _ask("aggression_liability", person="soldier-1"), _ask("pow_status", person="soldier-2")),
         changes=(
             Change("persons.soldier-2.leadership_position", True,
                    "suppose the second captive were one of the generals reported among the troops, "
                    "in a position to direct the DPRK's military action"),
             Change("persons.soldier-2.war_crimes_suspected", True,
                    "and suspected of ordering a war crime"),
             Change(f"{S1}.leadership_position", False, "the first captive is a private"),
             _doubted("soldier-2", "Ukraine at first doubted his status (he wore no insignia)"),
             *_conscript("soldier-1", why="the private", driver=True, national_of_party=True,
                         resident="he had worked in Russia for years before his unit was sent: a "
                                  "resident of territory controlled by a party"),
         ),
         exercises=(
             Exercise("What changes once the special tribunal for the crime of aggression against "
                      "Ukraine has been agreed (25 June 2025)?",
                      {"states.UKR.aggression_tribunal_agreed": True}),
             Exercise("What changes if the DPRK were a party to the Rome Statute and bound by its "
                      "amendments on the crime of aggression?",
                      {"states.PRK.bound.rome_statute": True,
                       "states.PRK.bound.rome_statute_aggression": True}),
             Exercise("What changes if the state the troops were sent to were the victim of the "
                      "aggression rather than the aggressor?",
                      {"conflicts.russia-ukraine.aggressor": "UKR"}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the second captive were a "
                 "general in a position to direct the DPRK's military action."),
    Case("third-country", "third-country", "A safe third country", HOME,
         (_option("XTS"), _option("XNS")),
         changes=(
             Change(f"{S1}.wishes", "XTS", "suppose he asked to be sent to a third state"),
             Change(f"{S1}.wish_verified_independently", True, "the ICRC verified his wish"),
             Change(f"{S1}.nationality_verified", True, "his nationality has been verified"),
             Change("states.XTS.treaties.gc3", "party", "the third state is a party to GC III"),
             Change("states.XTS.applies_gc3_willing_and_able", True,
                    "and Ukraine has satisfied itself that it is willing and able to apply it"),
             Change("states.XTS.willing_to_receive", True, "it is willing to receive him"),
             *_no_risk("XTS", "no risk to him in the third state is shown"),
             Change("states.XNS.neutral_internment_agreed", True,
                    "a neutral state has agreed to intern prisoners (GC III art 111)"),
             *_no_risk("XNS", "no risk to him in the neutral state is shown"),
         ),
         exercises=(
             Exercise("What changes if the third state were not a party to GC III?",
                      {"states.XTS.bound.gc3": False}),
             Exercise("What changes if the third state refused to receive him?",
                      {"states.XTS.willing_to_receive": False}),
         ),
         summary="The home scenario as of 28 April 2025, supposing that the first soldier asked to "
                 "go to a third state that is safe for him, and that a neutral state agreed to "
                 "intern prisoners."),
)
"""Every case, in the casebook's order."""


# -- building and analysing the cases ---------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """YAML out: no anchors, citations ``{source: ..., pinpoint: ...}`` on one line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = bool(data) and set(data) <= {"source", "pinpoint"}
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(dict, _represent_dict)


def _raw_path(key: str) -> list[str]:
    return key.split(".")


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    parts = _raw_path(key)
    cur: Any = data
    for part in parts[:-1]:
        nxt = cur.get(part)
        if nxt is None:
            nxt = cur[part] = {}
        if not isinstance(nxt, dict):
            raise GenerationError(f"{key}: {part!r} is not a mapping in the base scenario")
        cur = nxt
    cur[parts[-1]] = value


def _hypothetical(change: Change) -> Any:
    note = f"Hypothetical (casebook): {change.why}"
    if ".treaties." in change.key:
        return {"status": change.value, "note": note}
    value = list(change.value) if isinstance(change.value, tuple) else change.value
    return {"value": value, "certainty": "established", "note": note}


def scenario_text(case: Case) -> str:
    """The scenario file of a variation: its base with the changes, and a header saying so."""
    base = EXAMPLES / f"{case.base}.yaml"
    data = copy.deepcopy(read_document(base).data)
    if not isinstance(data, dict):
        raise GenerationError(f"{relative(base)} is not a mapping")
    data["id"] = f"casebook-{case.name}"
    data["title"] = case.title
    if case.summary:
        data["summary"] = " ".join(case.summary.split())
    for change in case.changes:
        _set(data, change.key, _hypothetical(change))
    header = [
        f"# Casebook: {case.title}",
        "#",
        f"# Generated by docs/tools/gen_casebook.py from {relative(base)}: do not edit by hand.",
        f"# Regenerate with: {COMMAND}",
        "# The home scenario, with these facts changed (hypothetically, for teaching):",
        *[f"#   {c.key}: {_yaml_value(c.value)}" for c in case.changes],
        f"# The case is discussed in docs/casebook/{case.page}.md.",
        "",
    ]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return "\n".join(header) + body


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


@dataclass
class Casebook:
    """The cases analysed with one rule base (each analysis computed once)."""

    rulebook: Rulebook
    cases: tuple[Case, ...] = field(default_factory=lambda: CASES)
    _analyses: dict[str, Analysis] = field(default_factory=dict)
    _what_ifs: dict[tuple[str, int], WhatIf] = field(default_factory=dict)
    _blocks: dict[str, dict[str, str]] = field(default_factory=dict)

    def case(self, name: str) -> Case:
        """A case by name."""
        for case in self.cases:
            if case.name == name:
                return case
        raise KeyError(name)

    def scenario(self, case: Case) -> Scenario:
        """The case's scenario, built from the generated text (not from a possibly stale file)."""
        if not case.is_variation:
            return load_scenario(case.path)
        from legal_analysis.documents import parse_document

        text = scenario_text(case)
        return build_scenario(parse_document(text.encode("utf-8"), str(case.path)))

    def analysis(self, case: Case) -> Analysis:
        """The case analysed (cached)."""
        if case.name not in self._analyses:
            self._analyses[case.name] = analyse(self.scenario(case), self.rulebook)
        return self._analyses[case.name]

    def home(self, case: Case) -> Analysis:
        """The home scenario a variation departs from, analysed (cached)."""
        key = f"example:{case.base}"
        if key not in self._analyses:
            self._analyses[key] = analyse(load_scenario(EXAMPLES / f"{case.base}.yaml"),
                                          self.rulebook)
        return self._analyses[key]

    def what_if(self, case: Case, number: int) -> WhatIf:
        """The answer to exercise ``number`` (0-based) of a case (cached)."""
        key = (case.name, number)
        if key not in self._what_ifs:
            self._what_ifs[key] = self.analysis(case).what_if(case.exercises[number].changes)
        return self._what_ifs[key]

    def analyses(self) -> list[Analysis]:
        """Every case's analysis, and the home scenarios' at each date."""
        out = [self.analysis(c) for c in self.cases]
        out += [self.home(c) for c in self.cases if c.is_variation]
        return list({id(a): a for a in out}.values())

    def flips(self, case: Case) -> list[tuple[Result | None, Result | None]]:
        """The public conclusions whose outcome differs between the home scenario and the case."""
        public = {cid for cid, c in self.rulebook.conclusions.items() if c.spec.public}
        changes = compare(self.home(case).results, self.analysis(case).results)
        return [(ch.before, ch.after) for ch in changes if ch.id in public]

    @cached_property
    def public(self) -> set[str]:
        return {cid for cid, c in self.rulebook.conclusions.items() if c.spec.public}


# -- rendering the blocks ---------------------------------------------------------------------------

def _render_model() -> Any:
    from legal_analysis.render import model

    return model


def outcome_words(analysis: Analysis, result: Result | None) -> str:
    """An outcome in a few words: the value's label, or 'undetermined (x or y)'."""
    if result is None:
        return "not asked"
    if result.status == "established":
        return str(label(analysis, result.id, result.value))
    if result.status == "conflict":
        return "conflict between rules of equal rank"
    options = list(dict.fromkeys(
        str(label(analysis, result.id, b.value)) if b.status == "established"
        else "no rule decides"
        for b in result.branches))
    return "undetermined" + (f" ({' or '.join(options)})" if options else "")


def _subject_words(analysis: Analysis, result: Result) -> str:
    names = []
    for _role, ident in result.subject:
        if ident in analysis.scenario.states:
            names.append(analysis.scenario.states[ident].name)
        elif ident in analysis.scenario.persons:
            names.append(analysis.scenario.persons[ident].name)
        else:
            names.append(ident)
    return ", ".join(names)


def _authorities(book: Rulebook, rule_id: str) -> str:
    rule = book.rules[rule_id]
    return "; ".join(dict.fromkeys(cite(book.registry.get(a.source), a.pinpoint, first=False)
                                   for a in rule.spec.authorities))


@contextmanager
def top_level_derivations() -> Iterator[None]:
    """Derivation trees cut below their first level, while the block runs.

    ``Analysis.explain`` derives every sub-conclusion a rule tests, again for each rule that tests
    it: a deep rule base makes that slow. The outcome of each rule of the conclusion itself (the
    only part read here) does not depend on the sub-trees, and every sub-conclusion is a result of
    its own, so the trees are cut at their first level (``trace.MAX_DEPTH``).
    """
    from legal_analysis.engine import trace

    saved = trace.MAX_DEPTH
    trace.MAX_DEPTH = 0
    try:
        yield
    finally:
        trace.MAX_DEPTH = saved


OUTCOME_WORDS = {"applies": "applies", "fails": "does not apply", "unknown": "may apply",
                 "defeated": "is displaced by an exception",
                 "overridden": "is overridden by a rule of higher rank"}


def answer_block(book: Casebook, case: Case) -> str:
    """The questions of a case, with the memo's answers and the rules that decide them."""
    m = _render_model()
    analysis = book.analysis(case)
    out: list[str] = []
    for ask in case.asks:
        result = analysis.get(ask.conclusion, **ask.subject)
        with top_level_derivations():
            tree = analysis.explain(ask.conclusion, **ask.subject)
        out += [f"**Question** (`{ask.conclusion}`). {result.question}", "",
                f"> **The memo's answer.** {m.short_answer(analysis, result)}", ""]
        if case.is_variation:
            before = book.home(case).get(ask.conclusion, **ask.subject)
            home = outcome_words(book.home(case), before)
            here = outcome_words(analysis, result)
            if (before.status, repr(before.value)) != (result.status, repr(result.value)):
                out += [f"In the home scenario the answer is *{home}*; here it is **{here}**.", ""]
            else:
                out += [f"The answer is the same as in the home scenario (*{home}*).", ""]
        lines = []
        for node in tree["rules"]:
            if node["outcome"] == "fails":
                continue
            rid = node["rule"]
            lines.append(f"- Rule `{rid}` {OUTCOME_WORDS[node['outcome']]}: {node['explanation']}"
                         f" *Authorities:* {_authorities(book.rulebook, rid)}.")
        if result.rules == ("default",):
            default = book.rulebook.conclusions[ask.conclusion].spec.default
            if default is not None:
                lines.append("- No rule applies, so the default holds: "
                             + " ".join(default.explain.split()) + " *Authorities:* "
                             + "; ".join(cite(book.rulebook.registry.get(a.source), a.pinpoint,
                                              first=False) for a in default.authorities) + ".")
        if lines:
            out += ["The rules tried (those that do not apply are left out):", "", *lines, ""]
    return "\n".join(out)


def facts_block(book: Casebook, case: Case) -> str:
    """The facts a variation changes, with their value in the home scenario."""
    base = relative(EXAMPLES / f"{case.base}.yaml")
    if not case.is_variation:
        return (f"Scenario file: [`{relative(case.path)}`](../examples/{case.path.name}) "
                f"(`legal-analysis examples show {case.base}`).")
    home = book.home(case)
    out = [f"Scenario file: [`{relative(case.path)}`](../examples/casebook/{case.path.name}) "
           f"(`legal-analysis examples show {case.name}`): the home scenario "
           f"[`{base}`](../examples/{case.base}.yaml) with these facts changed:", "",
           "| fact | home scenario | this case | why |", "|---|---|---|---|"]
    for change in case.changes:
        entry = home.index.entries.get(change.key)
        before = _yaml_value(entry.value) if entry is not None else "(from the rule base's data)"
        label = describe_key(entry.key) if entry is not None else change.key
        out.append(f"| `{change.key}` ({md_cell(label)}) | {md_cell(before)} | "
                   f"**{md_cell(_yaml_value(change.value))}** | {md_cell(change.why)} |")
    return "\n".join(out)


def flips_block(book: Casebook, case: Case) -> str:
    """Every public conclusion whose outcome differs from the home scenario."""
    rows = book.flips(case)
    if not rows:
        return "No public conclusion differs from the home scenario."
    home, here = book.home(case), book.analysis(case)
    out = ["| conclusion | subject | home scenario | this case |", "|---|---|---|---|"]
    for before, after in rows:
        r = after or before
        assert r is not None
        out.append(f"| `{r.id}` | {md_cell(_subject_words(here, r))} | "
                   f"{md_cell(outcome_words(home, before))} | "
                   f"**{md_cell(outcome_words(here, after))}** |")
    return "\n".join(out)


def exercises_block(book: Casebook, case: Case) -> str:
    """The exercises, each with its answer computed by what-if."""
    if not case.exercises:
        return ""
    analysis = book.analysis(case)
    out: list[str] = []
    for i, ex in enumerate(case.exercises):
        result = book.what_if(case, i)
        command = f"legal-analysis what-if {relative(case.path)} " + " ".join(
            f"--set {k}={_yaml_value(v)}" for k, v in ex.changes.items())
        out += [f"**Exercise {i + 1}.** {ex.question}", "", '<details markdown="1">',
                "<summary>Answer</summary>", ""]
        changes = [c for c in result.changes if c.id in book.public]
        if not changes:
            out.append(f"`{command}`: no conclusion's answer changes.")
        else:
            out += [f"`{command}` changes:", "",
                    "| conclusion | subject | before | after |", "|---|---|---|---|"]
            for c in changes:
                r = c.after or c.before
                assert r is not None
                out.append(f"| `{c.id}` | {md_cell(_subject_words(analysis, r))} | "
                           f"{md_cell(outcome_words(analysis, c.before))} | "
                           f"**{md_cell(outcome_words(result.after, c.after))}** |")
        m = _render_model()
        for ask in ex.show or case.asks:
            before = analysis.get(ask.conclusion, **ask.subject)
            after = result.after.get(ask.conclusion, **ask.subject)
            if _outcome(before) == _outcome(after) and reasons_differ(before, after):
                out += ["", f"`{ask.conclusion}` ({md_cell(_subject_words(analysis, after))}) "
                            f"keeps its answer, for other reasons. The memo's answer now reads:",
                        "", f"> {m.short_answer(result.after, after)}"]
        if ex.hint:
            out += ["", " ".join(ex.hint.split())]
        out += ["", "</details>", ""]
    return "\n".join(out)


def _outcome(result: Result) -> tuple[str, str]:
    return (result.status, repr(result.value))


def reasons_differ(before: Result, after: Result) -> bool:
    """Whether two results with the same outcome rest on different rules or details."""
    return (before.rules, before.details, tuple((b.value, b.rules) for b in before.branches)) != \
        (after.rules, after.details, tuple((b.value, b.rules) for b in after.branches))


def exercise_teaches(book: Casebook, case: Case, number: int) -> bool:
    """Whether an exercise's answer shows something: a changed outcome or changed reasons, or a
    hint saying why nothing changes."""
    if case.exercises[number].hint:
        return True
    result = book.what_if(case, number)
    if any(c.id in book.public for c in result.changes):
        return True
    analysis = book.analysis(case)
    return any(reasons_differ(analysis.get(a.conclusion, **a.subject),
                              result.after.get(a.conclusion, **a.subject))
               for a in case.exercises[number].show or case.asks)


def memo_block(case: Case) -> str:
    """The case's HTML memo, embedded."""
    return "\n".join([
        f"The full memo for this case, as `legal-analysis memo {relative(case.path)} -f html` "
        f"writes it ([open it on its own](memos/{case.name}.html)):", "",
        f'<iframe class="memo" src="memos/{case.name}.html" title="Memo: {case.title}" '
        'loading="lazy" style="width: 100%; height: 40em; border: 1px solid #ccc;"></iframe>'])


def quote_block(book: Rulebook, quote_id: str) -> str:
    """A verified quotation, with its source's short citation and pinpoint."""
    if quote_id not in book.registry.quotations:
        raise GenerationError(f"unknown quotation {quote_id!r} (not in rules/sources.yaml)")
    q = book.registry.quotations[quote_id]
    return f"> “{q.text}” — {cite(book.registry.get(q.source), q.pinpoint, first=False)}"


MAX_OUTPUT_LINES = 40
"""Most lines of a command's output shown in an ``output`` block."""


def output_block(args: str, book: Casebook) -> str:
    """A command's output, run in-process (``legal-analysis ARGS``), as a ``text`` block."""
    import shlex

    from typer.testing import CliRunner

    from legal_analysis.cli import app

    argv = shlex.split(args)
    if "--rules" not in argv and argv and argv[0] in RULES_COMMANDS:
        argv += ["--rules", str(book.rulebook.directory)]
    result = CliRunner().invoke(app, argv)
    if result.exit_code != 0:
        raise GenerationError(f"`legal-analysis {args}` exited {result.exit_code}: {result.output}")
    lines = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
    if len(lines) > MAX_OUTPUT_LINES:
        lines = [*lines[:MAX_OUTPUT_LINES], f"… ({len(lines) - MAX_OUTPUT_LINES} more lines)"]
    return "\n".join(["```text", f"$ legal-analysis {args}", *lines, "```"])


RULES_COMMANDS = frozenset({"evaluate", "memo", "explain", "what-if", "timeline"})
"""Commands that take ``--rules`` (the generator passes its rule base to them)."""


def case_blocks(book: Casebook, case: Case) -> dict[str, str]:
    """Every block a page may hold for one case."""
    return {f"facts {case.name}": facts_block(book, case),
            f"answer {case.name}": answer_block(book, case),
            f"flips {case.name}": flips_block(book, case) if case.is_variation else "",
            f"exercises {case.name}": exercises_block(book, case),
            f"memo {case.name}": memo_block(case)}


def index_block(book: Casebook) -> str:
    """The table of cases on the casebook's front page."""
    out = ["| case | question | answer | file |", "|---|---|---|---|"]
    for case in book.cases:
        analysis = book.analysis(case)
        ask = next((a for a in case.asks if case.is_variation and _outcome(
            book.home(case).get(a.conclusion, **a.subject)) != _outcome(
            analysis.get(a.conclusion, **a.subject))), case.asks[0])
        result = analysis.get(ask.conclusion, **ask.subject)
        answer = outcome_words(analysis, result)
        if case.is_variation:
            before = book.home(case).get(ask.conclusion, **ask.subject)
            answer = f"{outcome_words(book.home(case), before)} → **{answer}**"
        target = f"{case.page}.md" + ("" if case.is_variation else f"#{slug(case.title)}")
        out.append(f"| [{md_cell(case.title)}]({target}) | "
                   f"`{ask.conclusion}` ({md_cell(_subject_words(analysis, result))}) | "
                   f"{md_cell(answer)} | [`{case.path.name}`]"
                   f"(../examples/{relative(case.path).removeprefix('docs/examples/')}) |")
    return "\n".join(out)


def slug(title: str) -> str:
    """A heading's anchor as Python-Markdown's ``toc`` extension makes it (and GitHub, for
    plain titles).

    >>> slug("Two soldiers captured (12 January 2025)")
    'two-soldiers-captured-12-january-2025'
    """
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def page_blocks(book: Casebook, page: str, text: str) -> dict[str, str]:
    """The blocks a page asks for, generated."""
    blocks: dict[str, str] = {}
    for name in block_names(text):
        kind, _, arg = name.partition(" ")
        if kind == "quote":
            blocks[name] = quote_block(book.rulebook, arg)
        elif kind == "output":
            blocks[name] = output_block(arg, book)
        elif kind == "cases":
            blocks[name] = index_block(book)
        else:
            try:
                case = book.case(arg)
            except KeyError:
                raise GenerationError(f"docs/casebook/{page}.md: the block {name!r} names no "
                                      "case") from None
            if case.name not in book._blocks:
                book._blocks[case.name] = case_blocks(book, case)
            blocks.update(book._blocks[case.name])
            if name not in blocks:
                raise GenerationError(f"docs/casebook/{page}.md: unknown block {name!r}")
    return blocks


def pages(book: Casebook) -> list[str]:
    """The casebook's pages (file stems), its front page first."""
    return ["index", *dict.fromkeys(c.page for c in book.cases)]


TUTORIAL = ROOT / "docs" / "tutorial.md"


def expected(book: Casebook) -> dict[Path, str]:
    """Every file this script writes (except the HTML memos), with the content it should have."""
    out: dict[Path, str] = {}
    tutorial = TUTORIAL.read_text(encoding="utf-8")
    out[TUTORIAL] = fill_blocks(tutorial, page_blocks(book, "../tutorial", tutorial))
    for case in book.cases:
        if case.is_variation:
            out[case.path] = scenario_text(case)
    for page in pages(book):
        path = CASEBOOK / f"{page}.md"
        if not path.is_file():
            raise GenerationError(f"{relative(path)} is missing: write its commentary with the "
                                  "markers of its generated blocks")
        text = path.read_text(encoding="utf-8")
        for case in book.cases:
            if case.page == page and f"answer {case.name}" not in block_names(text):
                raise GenerationError(f"{relative(path)} has no block 'answer {case.name}'")
        out[path] = fill_blocks(text, page_blocks(book, page, text))
    return out


def write_memos(book: Casebook) -> list[Path]:
    """Write each case's HTML memo into ``docs/casebook/memos/`` (if 'html' is a memo format)."""
    from legal_analysis.render import FORMATS, render

    if "html" not in FORMATS:
        return []
    MEMOS.mkdir(parents=True, exist_ok=True)
    written = []
    for case in book.cases:
        path = MEMOS / f"{case.name}.html"
        data = render(book.analysis(case), "html")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(path)
    return written


_DEFAULT: list[Casebook] = []


def default_casebook() -> Casebook:
    """The casebook analysed with the shipped rule base (built once per process)."""
    if not _DEFAULT:
        _DEFAULT.append(Casebook(load_rulebook()))
    return _DEFAULT[0]


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or, with ``--check``, only compare) the casebook's files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1)")
    parser.add_argument("--memos", action="store_true",
                        help="write only the HTML memos (docs/casebook/memos/, not committed)")
    parser.add_argument("--rules", type=Path, default=None, help="a rules folder (default: shipped)")
    args = parser.parse_args(argv)
    book = Casebook(load_rulebook(args.rules))
    if args.memos:
        for path in write_memos(book):
            print(f"wrote {relative(path)}")
        return 0
    files = expected(book)
    if args.check:
        diffs = stale(files)
        for path in diffs:
            print(f"stale: {relative(path)}", file=sys.stderr)
        return 1 if diffs else 0
    for path in write(files):
        print(f"wrote {relative(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
