"""Lowering a format-2 scenario to format 1, which the rules read today.

Until the rules read format 2, a format-2 scenario whose structures format 1 can express — states
and organised armed groups, each conflict two sides of one party each, forces of a party of a side
(its own forces) or placed with a party of a side, persons who are members of such forces and
held by a party of a side — is rewritten into format 1
(the inverse of :mod:`legal_analysis.migrate`). Anything else is refused with one error that
names the first structure the rules cannot read yet (an armed group as a party, two allies on one
side …); the file itself is valid.

:data:`FIELDS` says, for every field of the declaration, whether it is lowered, left aside (it
cannot change an answer of today's rules: a name, a description), or refused when stated; a test
keeps it complete.

One approximation remains: a treaty participation with ``since: unknown`` is lowered to format 1's
undated entry, which format 1 reads as binding at every date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .core import UNKNOWN
from .documents import Document, PathKey, dotted, lookup
from .errors import ScenarioError
from .facts import TREATIES
from .model.fact import Fact
from .model.walk import iter_entities
from .schema import NONE, SCHEMA
from .schema.persons import INDEPENDENT_VERIFICATION

LOWERED, ASIDE = "lowered", "aside"
FIELDS: dict[str, dict[str, str]] = {
    "scenario": {"format": ASIDE, "agreements": LOWERED},
    "party": {"kind": LOWERED, "recognised_by": "the recognition of a government (GC III "
              "Art 4A(3))", **dict.fromkeys(("territory", "members", "incorporated_in"),
                                            ASIDE)},
    "conflict": {"security_council_findings": LOWERED,
                 "security_council_authorisations": "an authorisation of the Security Council"},
    "side": {"name": ASIDE},
    "use_of_force": {"date": ASIDE, "description": ASIDE},
    "force": {"name": ASIDE, "retained_control": "control kept by a force's own party over "
              "its conduct (ARIO Art 7)"},
    "person": {"held_at": ASIDE},
    "relation": {"consent_limits": ASIDE, "hired": ASIDE},
    **{k: dict.fromkeys(SCHEMA.kind(k).field_names, ASIDE)
       for k in ("agreement", "security_council_finding", "security_council_authorisation")},
}
FIELDS["agreement"].update(dict.fromkeys(("conflict", "governs_repatriation"), LOWERED))
"""For each kind, the fields that are not simply lowered: left aside, or refused (the value is
what the refusal names). Every other field is lowered."""

WHOLE = ("treaty_participation", "source")
"""Kinds lowered whole: every field as it stands (format 1 has the same fields)."""

COMMAND = {"own": "sending", "placed_with": "receiving", "joint": "joint"}
UNIFORMS = {"own": "sending", "placed_with": "receiving", "none": "none", "mixed": "mixed"}
PAPERS = {"own": "own", "false_placed_with": "false_receiving_state", "none": "none"}
PLACES = {"placed_with_territory": "receiving_state_territory",
          "annexed_by_placed_with": "annexed_by_receiving_state",
          "occupied_by_placed_with": "occupied_by_receiving_state",
          "adversary_territory": "adversary_territory", "own_territory": "sending_state_territory",
          "third_state_territory": "third_state_territory"}


class Unreadable(Exception):
    """A structure of a valid format-2 scenario that the rules cannot read yet."""

    def __init__(self, key: PathKey, what: str) -> None:
        super().__init__(what)
        self.key = key
        self.what = what


def lower_document(s: BaseModel, doc: Document) -> dict[str, Any]:
    """The format-1 data of a format-2 scenario, or one located :class:`ScenarioError`."""
    try:
        return lower(s)
    except Unreadable as exc:
        raise ScenarioError(f"the rules cannot yet read {exc.what}",
                            location=doc.locate(_value_key(doc, exc.key)),
                            field=dotted(exc.key) or None,
                            expected="a scenario the rules read today: states and armed groups, "
                                     "two opposing sides of one party each, forces of a party "
                                     "of a side or placed with one, and persons held by such a "
                                     "party (the file is valid format 2)") from None


def unreadable(s: BaseModel) -> Unreadable | None:
    """The first structure of a format-2 scenario the rules cannot read yet, if any."""
    try:
        lower(s)
    except Unreadable as exc:
        return exc
    return None


def _value_key(doc: Document, key: PathKey) -> PathKey:
    while key and lookup(doc.data, key) is None and key[:-1]:
        key = key[:-1]
    return key


def lower(s: Any) -> dict[str, Any]:
    """The format-1 data of a format-2 scenario; raises :class:`Unreadable`."""
    for pid, party in s.parties.items():
        if party.kind not in READ_PARTIES:
            raise Unreadable(("parties", pid, "kind"),
                             f"{SCHEMA.variant_label('party', party.kind)} as a party")
    against = {cid: _belligerents(cid, c) for cid, c in s.conflicts.items()}
    _refuse_stated(s)
    out: dict[str, Any] = {"id": s.id, "title": s.title, "as_of": s.as_of}
    if s.summary is not None:
        out["summary"] = s.summary
    out["states"] = {pid: _state(p) for pid, p in s.parties.items()}
    for pid, allies in _allies(s, against).items():
        out["states"][pid]["allies"] = allies
    out["actors"] = {aid: {"name": a.name, "state": a.party} for aid, a in s.actors.items()}
    out["conflicts"] = {cid: _conflict(cid, c, against[cid]) for cid, c in s.conflicts.items()}
    for cid, c in s.conflicts.items():
        _findings(cid, c, out["conflicts"][cid])
    _agreements(s, out)
    out["deployments"] = {fid: _deployment(s, fid, f, against) for fid, f in s.forces.items()}
    out["relations"] = {rid: _relation(r) for rid, r in s.relations.items()}
    _uses_of_force(s, out)
    out["persons"] = {pid: _person(s, pid, p) for pid, p in s.persons.items()}
    out["destinations"] = list(s.destinations)
    out["sources"] = {k: v.model_dump(exclude_none=True) for k, v in s.sources.items()}
    return out


def _refuse_stated(s: BaseModel) -> None:
    for entity in iter_entities(s):
        for name, what in FIELDS.get(entity.kind.name, {}).items():
            if what in (LOWERED, ASIDE):
                continue
            value = entity.get(name)
            if value.is_stated if isinstance(value, Fact) else bool(value):
                raise Unreadable((*entity.key, name), what)


def fact(f: Fact[Any], mapping: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """A format-2 fact as format-1 data, its values (never ``unknown``) mapped."""
    def value(v: Any) -> Any:
        if v is UNKNOWN:
            return "unknown"
        v = list(v) if isinstance(v, tuple) else v
        return mapping(v) if mapping else v

    out: dict[str, Any] = {"value": value(f.value), "certainty": str(f.certainty),
                           "sources": [r.model_dump() for r in f.sources],
                           "asserted_by": list(f.asserted_by), "denied_by": list(f.denied_by),
                           "accounts": [{"by": list(a.by), "value": value(a.value),
                                         "sources": [r.model_dump() for r in a.sources],
                                         "note": a.note} for a in f.accounts],
                           "note": f.note, "on": f.on, "before": value(f.before)}
    return out


READ_PARTIES = frozenset({"state", "armed_group"})
"""The kinds of party the rules read today."""

_GROUP_FACTS = ("organised", "responsible_command", "controls_territory", "sustained_operations")
_STATE_FACTS = ("willing_to_receive", "neutral", "applies_gc3_willing_and_able",
                "neutral_internment_agreed", "arms_embargo_breached", "aggression_tribunal_agreed")


def _state(p: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "kind": p.kind, "treaties": {}}
    for plain in ("short", "hypothetical"):
        if getattr(p, plain) is not None:
            out[plain] = getattr(p, plain)
    for tid, tp in p.treaties.items():
        if tid in TREATIES:
            data = tp.model_dump()
            data["status"] = "unknown" if tp.status is UNKNOWN else tp.status
            data["since"] = None if tp.since is UNKNOWN else tp.since
            out["treaties"][tid] = data
    out.update({name: fact(getattr(p, name)) for name in (*_STATE_FACTS, *_GROUP_FACTS)})
    out["constitution_claims_nationals_of"] = list(p.constitution_claims_nationals_of)
    return out


SUPPORT_FIELDS = ("financing", "arming", "training", "supplying", "intelligence", "planning")
RELATION_FACTS = ("instructions", "direction_of_operations", "control",
                  "territory_made_available", "attacks_against", "consent")


def _relation(r: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"by": getattr(r, "from"), "to": r.to}
    out.update({name: fact(getattr(r.support, name)) for name in SUPPORT_FIELDS})
    out.update({name: fact(getattr(r, name)) for name in RELATION_FACTS})
    return out


Sides = tuple[tuple[str, ...], tuple[str, ...]]


def _belligerents(cid: str, c: Any) -> Sides:
    if len(c.sides) > 2:
        raise Unreadable(("conflicts", cid, "sides"), "a conflict with more than two sides")
    return tuple(c.sides[0].parties), tuple(c.sides[1].parties)


def _allies(s: Any, against: dict[str, Sides]) -> dict[str, list[str]]:
    """Each party's allies: the other parties of its side. A party with allies may fight in one
    conflict only (allies are a party's, not a conflict's, in the internal view)."""
    out: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    for cid, sides in against.items():
        for i, side in enumerate(sides):
            for party in side:
                if party in seen and (len(side) > 1 or out.get(party)):
                    raise Unreadable(("conflicts", cid, "sides", i),
                                     "a party with allies that fights in more than one conflict")
                seen[party] = cid
                out.setdefault(party, []).extend(p for p in side if p != party)
    return out


def _conflict(cid: str, c: Any, sides: Sides) -> dict[str, Any]:
    return {"name": c.name, "belligerents": [*sides[0], *sides[1]],
            "kind": fact(c.described_as),
            "start": fact(c.start),
            "cessation_of_active_hostilities": fact(c.cessation_of_active_hostilities),
            "intensity": fact(c.intensity),
            "aggressor": fact(c.aggressor), "armed_attack_by_adversary": fact(Fact[bool]())}


def _findings(cid: str, c: Any, lowered: dict[str, Any]) -> None:
    """A Security Council determination of an act of aggression (UN Charter Art 39) names the
    aggressor, with the resolution as its source, where the file states none; any other
    determination is refused (no rule reads it yet)."""
    for i, finding in enumerate(c.security_council_findings):
        key: PathKey = ("conflicts", cid, "security_council_findings", i)
        if finding.determination != "act_of_aggression" or finding.against is None:
            raise Unreadable((*key, "determination"), "a determination of the Security Council "
                             "other than an act of aggression by a named party")
        stated = c.aggressor.value
        if stated is UNKNOWN:
            lowered["aggressor"] = fact(Fact[str](value=finding.against,
                                                  sources=(finding.resolution,)))
        elif stated != finding.against:
            raise Unreadable((*key, "against"), "a Security Council finding of aggression by "
                             "another party than the conflict's stated aggressor")


def _agreements(s: Any, out: dict[str, Any]) -> None:
    """Format 1 reads one fact of an agreement: whether it governs the repatriation of the
    prisoners of its conflict (GC III Art 118(2)), one agreement a conflict; an agreement of no
    conflict, or a second one, is refused (its other fields cannot change an answer today)."""
    for aid, a in s.agreements.items():
        key: PathKey = ("agreements", aid)
        if a.conflict is None:
            raise Unreadable((*key, "conflict"), "an agreement on captured persons that belongs "
                                                 "to no conflict")
        lowered = out["conflicts"][a.conflict]
        if "repatriation_agreement" in lowered:
            raise Unreadable(key, "more than one agreement on captured persons in one conflict")
        lowered["repatriation_agreement"] = fact(a.governs_repatriation)


def _deployment(s: Any, fid: str, f: Any, against: dict[str, Sides]) -> dict[str, Any]:
    key: PathKey = ("forces", fid)
    group_fighters = f.category.value == "armed_group_fighters" and \
        s.parties[f.belongs_to].kind == "armed_group"
    militia = f.category.value == "militia_or_volunteer_corps" and not f.category.accounts
    if f.category.is_stated and not group_fighters and not militia and (
            f.category.value not in ARMED_FORCES or f.category.accounts):
        raise Unreadable((*key, "category"), SCHEMA.field("force", "category")
                         .choice(str(f.category.value)).text
                         if f.category.value is not UNKNOWN else "a disputed category of force")
    if f.conflict is None:
        raise Unreadable((*key, "conflict"), "a force that takes part in no conflict")
    placed = f.placed_with
    sides = against[f.conflict]
    parties = (*sides[0], *sides[1])
    receiving: str | None = None
    if not placed.is_stated:  # a party's own force
        if f.belongs_to not in parties:
            raise Unreadable((*key, "belongs_to"), "a force of a party that is not on a side of "
                                                   "its conflict and is placed with nobody")
        if f.command.is_stated and f.command.value != "own":
            raise Unreadable((*key, "command"), "a force placed with nobody but commanded by "
                                                "another party")
        fighting = f.belongs_to
    elif placed.is_unknown or placed.accounts or placed.before is not UNKNOWN:
        raise Unreadable((*key, "placed_with"), "a disputed, unknown or dated placement of a "
                                                "force")
    elif placed.value not in parties:
        raise Unreadable((*key, "placed_with"),
                         "a force placed with a party that is not on a side of its conflict")
    else:
        receiving = fighting = placed.value
    if militia and receiving is not None:
        raise Unreadable((*key, "placed_with"), "a militia or volunteer corps placed at another "
                                                "party's disposal")
    opposing = sides[1] if fighting in sides[0] else sides[0]
    adversary = opposing[0]
    held_by_ally = next((pid for pid, p in s.persons.items() if p.member_of.value == fid
                         and p.held_by in opposing[1:]), None)
    if held_by_ally is not None:
        raise Unreadable(("persons", held_by_ally, "held_by"), "a member of a force held by a "
                         "party other than the first of the side it fights")
    out = {"sending_state": f.belongs_to, "receiving_state": receiving,
           "conflict": f.conflict, "against": adversary, "size": fact(f.size),
           "recruitment": fact(f.recruitment), "command_authority": fact(f.command, COMMAND.get),
           "integrated_into_receiving_forces": fact(f.integrated),
           "official_duty": fact(f.official_duty),
           "direct_participation": fact(f.direct_participation),
           "armed_attack_intensity": fact(Fact[bool]()),
           "locations": [{"name": p.name, "territory_of": p.territory_of,
                          "status": fact(p.status, PLACES.get)} for p in f.locations],
           "uniforms": fact(f.uniforms, UNIFORMS.get),
           "identity_documents": fact(f.identity_documents, PAPERS.get),
           "acknowledged_by": {k: fact(v) for k, v in f.acknowledged_by.items()},
           "claimed_justification": fact(f.claimed_justification),
           "claimed_legal_basis": fact(f.claimed_legal_basis),
           "category": "militia_or_volunteer_corps" if militia else "armed_forces"}
    if militia and f.name is not None:
        out["name"] = f.name
    out.update({name: fact(getattr(f, name)) for name in FOUR_CONDITIONS})
    return out


FOUR_CONDITIONS = ("responsible_command", "distinctive_sign", "arms_carried_openly",
                   "laws_of_war_compliance")
"""The conditions of GC III Art 4A(2) a militia or volunteer corps must fulfil."""


def _uses_of_force(s: Any, out: dict[str, Any]) -> None:
    """Format 1 reads three uses of force: a deployment's (``armed_attack_intensity``), the
    aggressor's adversary's against the aggressor (``armed_attack_by_adversary``), and the
    aggressor's armed attack on a party, which that party has suffered
    (``armed_attack_suffered``) and for which it may ask others for help in collective
    self-defence (``assistance_requested`` of each state asked)."""
    for cid, c in s.conflicts.items():
        lowered = out["conflicts"][cid]
        done: set[Any] = set()
        for i, use in enumerate(c.uses_of_force):
            key: PathKey = ("conflicts", cid, "uses_of_force", i)
            dep = out["deployments"].get(use.force) if use.force else None
            aggressor = c.aggressor.value
            who = use.force if use.force is not None else (use.by, use.against)
            if who in done:
                raise Unreadable(key, "more than one use of force by the same force, or "
                                      "between the same parties")
            if use.assistance_requested_from and (use.force is not None or use.by != aggressor):
                raise Unreadable((*key, "assistance_requested_from"), "a request for help "
                                 "against a use of force other than the aggressor's")
            if dep is not None and (use.by, use.against) == (dep["sending_state"], dep["against"]):
                dep["armed_attack_intensity"] = fact(use.armed_attack)
            elif use.force is None and isinstance(aggressor, str) and use.against == aggressor \
                    and use.by in lowered["belligerents"]:
                lowered["armed_attack_by_adversary"] = fact(use.armed_attack)
            elif use.force is None and use.by == aggressor \
                    and use.against in lowered["belligerents"]:
                _aggression(out["states"], use, key)
            else:
                raise Unreadable(key, "a use of force other than a force's against its "
                                      "adversary, the aggressor's against a party, or the "
                                      "aggressor's adversary's against the aggressor")
            done.add(who)


def _aggression(states: dict[str, Any], use: Any, key: PathKey) -> None:
    """The aggressor's use of force against a party: an armed attack the party suffers (the
    rules read the aggressor finding as one), and the requests it made for help."""
    if use.armed_attack.value is False:
        raise Unreadable((*key, "armed_attack"), "an aggression that is not an armed attack")
    states[use.against]["armed_attack_suffered"] = fact(use.armed_attack)
    for helper, asked in use.assistance_requested_from.items():
        states[helper]["assistance_requested"] = fact(asked)


_PERSON_FACTS = ("captured_on", "captured_at", "captured_in_territory_of", "captured_wearing",
                 "captured_while", "tribunal_competent", "allegiance_to", "prosecuted_for",
                 "nationalities",
                 "nationality_verified", "claimed_as_national_by", "health", "status_doubted",
                 "tribunal_decision", "carries_arms_openly", "specially_recruited_to_fight",
                 "takes_direct_part", "private_gain_motive",
                 "compensation_substantially_in_excess", "national_or_resident_of_party",
                 "leadership_position", "war_crimes_suspected", "serious_nonpolitical_crime",
                 "danger_to_security", "repatriation_delay_claimed", "exhibited_to_public",
                 "coerced_for_information", "icrc_access_refused")
_RISKS = ("torture_risk", "irreparable_harm_risk", "persecution_risk", "fundamental_rights_risk",
          "onward_transfer_to", "death_penalty_risk")


def _person(s: Any, pid: str, p: Any) -> dict[str, Any]:
    key: PathKey = ("persons", pid)
    _person_structures(s, key, p)
    member = p.member_of
    out: dict[str, Any] = {"name": p.name,
                           "deployment": None if member.is_unknown else member.value,
                           "captured_by": p.held_by,
                           "member_of_forces_of": _armed_forces_of(s, p)}
    out.update({name: fact(getattr(p, name)) for name in _PERSON_FACTS})
    out["held_in_territory_of"] = fact(p.held_in_territory_of)
    out["wishes"] = fact(p.wishes, _one_wish(key))
    out["wish_verified_independently"] = fact(p.wish_verification,
                                              lambda v: v in INDEPENDENT_VERIFICATION)
    out["destinations"] = {
        dest: {**{name: fact(getattr(d, name)) for name in _RISKS},
               "evidence": [r.model_dump() for r in d.evidence]}
        for dest, d in p.destinations.items()}
    _refusals(p, out["destinations"])
    return out


ARMED_FORCES = frozenset({"armed_forces", "militia_of_armed_forces"})
"""The categories of force whose members are members of their party's armed forces."""


def _armed_forces_of(s: Any, p: Any) -> dict[str, Any]:
    """Whose armed forces the person is a member of: as stated, or else (a member of a force that
    is part of its party's armed forces) that party, on the force's category and its sources."""
    if p.armed_forces_of.is_stated or p.member_of.is_unknown:
        return fact(p.armed_forces_of)
    category = s.forces[p.member_of.value].category
    if category.value == "militia_or_volunteer_corps" and not category.accounts:
        return {**fact(category), "value": NONE, "before": "unknown"}
    if category.is_unknown or category.accounts or category.value not in ARMED_FORCES:
        return fact(p.armed_forces_of)
    return {**fact(category), "value": s.forces[p.member_of.value].belongs_to, "before": "unknown"}


def _wished(v: Any, group: str) -> list[str]:
    groups = v if isinstance(v, dict) else v.model_dump()
    return list(groups.get(group) or ())


def _refused(v: Any) -> list[str]:
    return _wished(v, "refuses")


def _refusals(p: Any, destinations: dict[str, Any]) -> None:
    """A refusal to go to a state is lowered as a fact of that destination (``refused``), read
    with the wishes' own certainty, sources and accounts. Wishes stay one fact in format 2; the
    rules read the refusal per destination, beside the other facts of that destination (its
    risks), and the one state wanted stays format 1's ``wishes``, which the rules already read.
    A wanted state is not lowered as refused ``false``, so that a migrated format-1 file keeps
    exactly its own facts."""
    values = [p.wishes.value, *(a.value for a in p.wishes.accounts)]
    refused = sorted({d for v in values if v is not UNKNOWN for d in _refused(v)})
    for dest in refused:
        entry = destinations.setdefault(
            dest, {**{name: fact(Fact[Any]()) for name in _RISKS}, "evidence": []})
        entry["refused"] = fact(p.wishes, _refuses(dest))


def _refuses(dest: str) -> Callable[[Any], bool]:
    def refuses(v: Any) -> bool:
        return dest in _refused(v)
    return refuses


def _person_structures(s: Any, key: PathKey, p: Any) -> None:
    member = p.member_of
    if member.value == NONE:
        raise Unreadable((*key, "member_of"), "a person who is a member of no force (a civilian, "
                                              "or a leader outside the armed forces)")
    if member.accounts or member.before is not UNKNOWN:
        raise Unreadable((*key, "member_of"), "a disputed or dated membership of a force")
    belligerents = {b for c in s.conflicts.values() for side in c.sides for b in side.parties}
    if p.held_by is not None and p.held_by not in belligerents:
        raise Unreadable((*key, "held_by"), "a detaining power that is not a party to a conflict")
    own = s.forces[member.value].belongs_to if not member.is_unknown else None
    if p.leader_of.is_stated and (p.leader_of.value != own or p.leader_of.accounts):
        raise Unreadable((*key, "leader_of"),
                         "leadership of a state other than that of the person's own force")


def _one_wish(key: PathKey) -> Callable[[Any], Any]:
    def one(v: Any) -> Any:
        groups = v if isinstance(v, dict) else v.model_dump()
        wants = list(groups.get("wants") or ())
        if len(wants) > 1:
            raise Unreadable((*key, "wishes"), "wishes to go to more than one state")
        return wants[0] if wants else "unknown"
    return one
