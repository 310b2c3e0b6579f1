"""Typed facts of a scenario: states, conflicts, deployments, relations, persons and destinations.

The facts themselves, with their provenance, are :class:`~legal_analysis.fact_types.Fact`
(re-exported here). References between entities (a deployment's states, a person's deployment and
captor) are plain ids, checked when the scenario is built (see :func:`check_references`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .fact_types import (
    CERTAINTY_ORDER as CERTAINTY_ORDER,
)
from .fact_types import (
    STATE_CODES as STATE_CODES,
)
from .fact_types import (
    TREATIES as TREATIES,
)
from .fact_types import (
    UNKNOWN as UNKNOWN,
)
from .fact_types import (
    Account as Account,
)
from .fact_types import (
    Activity as Activity,
)
from .fact_types import (
    Certainty as Certainty,
)
from .fact_types import (
    Clothing as Clothing,
)
from .fact_types import (
    CommandAuthority as CommandAuthority,
)
from .fact_types import (
    DelayReason as DelayReason,
)
from .fact_types import (
    Fact as Fact,
)
from .fact_types import (
    Health as Health,
)
from .fact_types import (
    IdentityDocuments as IdentityDocuments,
)
from .fact_types import (
    Justification as Justification,
)
from .fact_types import (
    Model as Model,
)
from .fact_types import (
    Recruitment as Recruitment,
)
from .fact_types import (
    Ref as Ref,
)
from .fact_types import (
    SourceRef as SourceRef,
)
from .fact_types import (
    StateCodes as StateCodes,
)
from .fact_types import (
    TerritoryStatus as TerritoryStatus,
)
from .fact_types import (
    TreatyParticipation as TreatyParticipation,
)
from .fact_types import (
    TreatyStatus as TreatyStatus,
)
from .fact_types import (
    TribunalDecision as TribunalDecision,
)
from .fact_types import (
    Uniform as Uniform,
)
from .fact_types import (
    state_code_fields as state_code_fields,
)

GROUP_FACTS: tuple[str, ...] = ("organised", "responsible_command", "controls_territory",
                                "sustained_operations")
"""The facts only an organised armed group has (scenario format 2 writes such groups)."""


class State(Model):
    """A party: a state (a possible sending, receiving, adversary, detaining or destination
    state) or an organised armed group."""

    name: str
    kind: Literal["state", "armed_group"] = Field(
        "state", description="What kind of party it is: a state, or an organised armed group.")
    short: str | None = Field(
        None, description="The short name a memo uses after defining it once, with its article if "
                          "it takes one, e.g. 'the DPRK' or 'Russia'.")
    hypothetical: str | None = Field(
        None, description="For a placeholder that stands for no real state: what it stands for, "
                          "e.g. 'a neutral state'. A memo calls it that, never by its name.")
    treaties: dict[str, TreatyParticipation] = Field(
        default_factory=dict,
        description="Treaty participation; missing treaties are taken from the rule base's data.")
    willing_to_receive: Fact[bool] = Field(
        default_factory=Fact, description="Willing to receive captured persons transferred to it.")
    neutral: Fact[bool] = Field(default_factory=Fact, description="Neutral in the conflict.")
    applies_gc3_willing_and_able: Fact[bool] = Field(
        default_factory=Fact, description="Willing and able to apply GC III (Art. 12).")
    neutral_internment_agreed: Fact[bool] = Field(
        default_factory=Fact,
        description="Has agreed with the detaining power and the Power on which the prisoners "
                    "of war depend to intern them in its territory (GC III Art. 111).")
    arms_embargo_breached: Fact[bool] = Field(
        default_factory=Fact,
        description="Sending troops or arms breaches Security Council measures binding on it.")
    aggression_tribunal_agreed: Fact[bool] = Field(
        default_factory=Fact,
        description="An agreement establishing a special tribunal for the crime of aggression "
                    "against this state has been signed (its entry into operation is not implied).")
    allies: Annotated[tuple[str, ...], STATE_CODES] = Field(
        (), description="The parties fighting on the same side as this one (written in format "
                        "2).")
    armed_attack_suffered: Fact[bool] = Field(
        default_factory=Fact, description="Has suffered an armed attack by the aggressor "
                                          "(written in format 2).")
    assistance_requested: Fact[bool] = Field(
        default_factory=Fact, description="The victim of the armed attack has asked this state "
                                          "for help in collective self-defence (written in "
                                          "format 2).")
    constitution_claims_nationals_of: Annotated[tuple[str, ...], STATE_CODES] = Field(
        (), description="States whose nationals this state regards as its own nationals.")
    organised: Fact[bool] = Field(
        default_factory=Fact, description="An armed group organised enough to be a party to an "
                                          "armed conflict.")
    responsible_command: Fact[bool] = Field(
        default_factory=Fact, description="An armed group under responsible command.")
    controls_territory: Fact[bool] = Field(
        default_factory=Fact, description="An armed group controlling part of the territory.")
    sustained_operations: Fact[bool] = Field(
        default_factory=Fact, description="An armed group able to carry out sustained and "
                                          "concerted military operations.")


class Conflict(Model):
    """An armed conflict between states."""

    name: str
    belligerents: tuple[Ref, ...] = Field(description="The states fighting each other.")
    kind: Fact[Literal["international", "non_international"]] = Field(default_factory=Fact)
    start: Fact[dt.date] = Field(default_factory=Fact)
    cessation_of_active_hostilities: Fact[bool] = Field(default_factory=Fact)
    intensity: Fact[Literal["internal_disturbances", "protracted_armed_violence"]] = Field(
        default_factory=Fact, description="How intense the armed violence is.")
    aggressor: Annotated[Fact[str], STATE_CODES] = Field(
        default_factory=Fact, description="The state found to be the aggressor (with sources).")
    armed_attack_by_adversary: Fact[bool] = Field(
        default_factory=Fact,
        description="Whether the aggressor's adversary made an armed attack on the aggressor.")
    repatriation_agreement: Fact[bool] = Field(
        default_factory=Fact,
        description="An agreement between the parties governs the repatriation of prisoners of "
                    "war after the cessation of active hostilities.")


class Place(Model):
    """Where deployed troops are or fight."""

    name: str
    territory_of: Ref
    status: Fact[TerritoryStatus] = Field(default_factory=Fact)


class Deployment(Model):
    """Troops of a sending state deployed to a receiving state in a conflict, or (with no
    receiving state) a belligerent's own forces fighting in it."""

    name: str | None = Field(None, description="The force's own name, where it has one "
                                              "(written in format 2).")
    sending_state: Ref
    receiving_state: Ref | None = None
    """None for a party's own forces (written in format 2); a format-1 file always names it."""
    conflict: Ref
    against: Ref = Field(description="The adversary the troops fight.")
    category: Literal["armed_forces", "militia_or_volunteer_corps"] = Field(
        "armed_forces", description="What kind of force it is: part of the sending state's armed "
                                    "forces (GC III Art 4A(1)), or a militia or volunteer corps "
                                    "belonging to it outside them (Art 4A(2), written in format "
                                    "2).")
    responsible_command: Fact[bool] = Field(
        default_factory=Fact, description="Commanded by a person responsible for his "
                                          "subordinates (GC III Art 4A(2)(a)).")
    distinctive_sign: Fact[bool] = Field(
        default_factory=Fact, description="Has a fixed distinctive sign recognisable at a "
                                          "distance (GC III Art 4A(2)(b)).")
    arms_carried_openly: Fact[bool] = Field(
        default_factory=Fact, description="Carries arms openly (GC III Art 4A(2)(c)).")
    laws_of_war_compliance: Fact[bool] = Field(
        default_factory=Fact, description="Conducts its operations in accordance with the laws "
                                          "and customs of war (GC III Art 4A(2)(d)).")
    size: Fact[int] = Field(default_factory=Fact)
    recruitment: Fact[Recruitment] = Field(default_factory=Fact)
    command_authority: Fact[CommandAuthority] = Field(default_factory=Fact)
    integrated_into_receiving_forces: Fact[bool] = Field(default_factory=Fact)
    official_duty: Fact[bool] = Field(default_factory=Fact)
    direct_participation: Fact[bool] = Field(default_factory=Fact)
    armed_attack_intensity: Fact[bool] = Field(
        default_factory=Fact, description="The force used reaches the gravity of an armed attack.")
    locations: tuple[Place, ...] = ()
    uniforms: Fact[Uniform] = Field(default_factory=Fact)
    identity_documents: Fact[IdentityDocuments] = Field(default_factory=Fact)
    acknowledged_by: dict[Ref, Fact[bool]] = Field(
        default_factory=dict, description="Acknowledgement of the deployment by each state.")
    claimed_justification: Fact[Justification] = Field(default_factory=Fact)
    claimed_legal_basis: Fact[str] = Field(
        default_factory=Fact, description="The instrument or provision the state invokes.")


Control = Literal["none", "general_support", "overall_control", "effective_control",
                  "complete_dependence"]
Consent = Literal["given", "limited", "withdrawn", "refused"]


class Relation(Model):
    """What one party does for, or holds over, another: support, instructions, control, its
    territory made available, or its consent to the other's forces (scenario format 2)."""

    by: Ref = Field(description="The party that supports, directs, controls or lends.")
    to: Ref = Field(description="The party supported, directed, controlled or lent to.")
    financing: Fact[bool] = Field(default_factory=Fact, description="Finances the other party.")
    arming: Fact[bool] = Field(default_factory=Fact, description="Arms the other party.")
    training: Fact[bool] = Field(default_factory=Fact, description="Trains the other party.")
    supplying: Fact[bool] = Field(default_factory=Fact, description="Supplies the other party.")
    intelligence: Fact[bool] = Field(default_factory=Fact,
                                     description="Shares intelligence with the other party.")
    planning: Fact[bool] = Field(default_factory=Fact,
                                 description="Plans operations for the other party.")
    instructions: Fact[bool] = Field(
        default_factory=Fact, description="Instructed the other party to carry out "
                                          "specific operations.")
    direction_of_operations: Fact[bool] = Field(
        default_factory=Fact, description="Directed specific operations of the other party.")
    control: Fact[Control] = Field(default_factory=Fact,
                                   description="The degree of control over the other party.")
    territory_made_available: Fact[bool] = Field(
        default_factory=Fact, description="Placed its territory at the other party's "
                                          "disposal for attacks on a third state.")
    consent: Fact[Consent] = Field(
        default_factory=Fact, description="Consent, as territorial state, to the other party's "
                                          "forces on its territory.")
    attacks_against: Annotated[Fact[str], STATE_CODES] = Field(
        default_factory=Fact, description="The third state attacked from the territory made "
                                          "available.")


class DestinationFacts(Model):
    """What would await one person at one destination."""

    torture_risk: Fact[bool] = Field(
        default_factory=Fact,
        description="Substantial grounds for believing the person would be in danger of torture.")
    irreparable_harm_risk: Fact[bool] = Field(
        default_factory=Fact,
        description="Real risk of irreparable harm (arbitrary deprivation of life, ill-treatment).")
    persecution_risk: Fact[bool] = Field(
        default_factory=Fact, description="Well-founded fear of persecution on a Convention ground.")
    fundamental_rights_risk: Fact[bool] = Field(
        default_factory=Fact,
        description="Real risk of a violation of fundamental rights by the person's own country.")
    onward_transfer_to: Annotated[Fact[str], STATE_CODES] = Field(
        default_factory=Fact,
        description="A state to which this destination would hand the person on.")
    refused: Fact[bool] = Field(
        default_factory=Fact, description="The person refuses to go to this destination.")
    death_penalty_risk: Fact[bool] = Field(
        default_factory=Fact,
        description="Real risk that the death penalty would be imposed on the person or carried "
                    "out.")
    evidence: tuple[SourceRef, ...] = Field((), description="Evidence of risk, with sources.")


class Person(Model):
    """A captured (or capturable) person."""

    name: str
    deployment: Ref | None = None
    captured_by: Ref | None = Field(None, description="The detaining power.")
    captured_on: Fact[dt.date] = Field(default_factory=Fact)
    captured_at: Fact[str] = Field(default_factory=Fact)
    captured_in_territory_of: Annotated[Fact[str], STATE_CODES] = Field(default_factory=Fact)
    captured_wearing: Fact[Clothing] = Field(
        default_factory=Fact, description="What the person wore when captured.")
    captured_while: Fact[Activity] = Field(
        default_factory=Fact, description="What the person was doing when captured.")
    held_in_territory_of: Annotated[Fact[str], STATE_CODES] = Field(
        default_factory=Fact,
        description="The state in whose territory the person is held; a state other than the "
                    "detaining power means he is held abroad, by its forces.")
    nationalities: Annotated[Fact[tuple[str, ...]], STATE_CODES] = Field(default_factory=Fact)
    nationality_verified: Fact[bool] = Field(default_factory=Fact)
    claimed_as_national_by: Annotated[Fact[tuple[str, ...]], STATE_CODES] = Field(
        default_factory=Fact)
    member_of_forces_of: Annotated[Fact[str], StateCodes(also=("none",))] = Field(
        default_factory=Fact)
    allegiance_to: Annotated[Fact[str], STATE_CODES] = Field(
        default_factory=Fact, description="The state to which the person owes allegiance, where "
                                          "it is not simply his state of nationality.")
    health: Fact[Health] = Field(default_factory=Fact)
    status_doubted: Fact[bool] = Field(
        default_factory=Fact, description="Doubt has arisen whether the person is a POW.")
    tribunal_decision: Fact[TribunalDecision] = Field(default_factory=Fact)
    prosecuted_for: Fact[Literal["participation", "war_crimes", "other_offences", "none"]] = Field(
        default_factory=Fact, description="What the detaining power prosecutes the person for.")
    tribunal_competent: Fact[bool] = Field(
        default_factory=Fact, description="The tribunal that decided is a competent tribunal.")
    exhibited_to_public: Fact[bool] = Field(
        default_factory=Fact, description="Images of or interviews with the person made public "
                                          "by or with the consent of the detaining power.")
    coerced_for_information: Fact[bool] = Field(
        default_factory=Fact, description="Coerced to give information.")
    icrc_access_refused: Fact[bool] = Field(
        default_factory=Fact, description="The ICRC or protecting power refused access to the "
                                          "person or a private interview.")
    carries_arms_openly: Fact[bool] = Field(default_factory=Fact)
    specially_recruited_to_fight: Fact[bool] = Field(default_factory=Fact)
    takes_direct_part: Fact[bool] = Field(default_factory=Fact)
    private_gain_motive: Fact[bool] = Field(default_factory=Fact)
    compensation_substantially_in_excess: Fact[bool] = Field(default_factory=Fact)
    national_or_resident_of_party: Fact[bool] = Field(default_factory=Fact)
    leadership_position: Fact[bool] = Field(
        default_factory=Fact,
        description="In a position effectively to control or direct a state's political or "
                    "military action.")
    war_crimes_suspected: Fact[bool] = Field(default_factory=Fact)
    serious_nonpolitical_crime: Fact[bool] = Field(default_factory=Fact)
    danger_to_security: Fact[bool] = Field(default_factory=Fact)
    wishes: Annotated[Fact[str], STATE_CODES] = Field(
        default_factory=Fact, description="The destination the person wishes to go to.")
    wish_verified_independently: Fact[bool] = Field(default_factory=Fact)
    repatriation_delay_claimed: Fact[DelayReason] = Field(
        default_factory=Fact,
        description="The reason the detaining power gives for not yet repatriating the person "
                    "after the cessation of active hostilities.")
    destinations: dict[Ref, DestinationFacts] = Field(
        default_factory=dict, description="What would await the person at each destination.")


class Actor(Model):
    """A non-state actor named as asserting or denying facts (an agency, an official, a court)."""

    name: str
    state: Ref | None = None


class ScenarioSource(Model):
    """A source cited only by this scenario (the rule base's registry holds the rest)."""

    kind: Literal["treaty", "case", "commentary", "un_document", "report", "news", "statement"]
    title: str
    author: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None


class Scenario(Model):
    """A whole scenario as of a date."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title: str
    as_of: dt.date = Field(description="The date the scenario describes; the default evaluation date.")
    summary: str | None = None
    states: dict[str, State]
    actors: dict[str, Actor] = Field(default_factory=dict)
    conflicts: dict[str, Conflict] = Field(default_factory=dict)
    deployments: dict[str, Deployment] = Field(default_factory=dict)
    relations: dict[str, Relation] = Field(
        default_factory=dict, description="Relations between parties (written in format 2).")
    persons: dict[str, Person] = Field(default_factory=dict)
    destinations: tuple[Ref, ...] = Field(
        (), description="States considered as destinations for each captured person.")
    sources: dict[str, ScenarioSource] = Field(default_factory=dict)
