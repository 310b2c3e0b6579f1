"""A hand-written baseline: party status, attribution, prisoner-of-war status and non-refoulement
in plain Python, three-valued, for scenarios like those ``benchmarks/common.py`` generates.

No rule files, no compiler, no plan: each conclusion is a Python function over the scenario's
facts that returns ``(status, value)`` where status is ``established``, ``conflict``,
``unknown`` or ``no_rule``, reading unknown facts as ``U``. :func:`settle` then makes the answer
exact as the library does (an open answer is split on the first unknown yes-or-no or enumerated
fact it read, until every branch decides: the same established value everywhere is the answer,
else it is undetermined). ``tests/test_baseline.py`` keeps it in agreement with the rule base;
``benchmarks/bench_baseline.py`` times it beside the library.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from legal_analysis import UNKNOWN as U
from legal_analysis import Rulebook, Scenario
from legal_analysis.facts import CERTAINTY_ORDER

Tri = bool | None
Outcome = tuple[str, Any]
OPEN: Outcome = ("unknown", U)

DOMAINS: dict[str, tuple[Any, ...]] = {
    "recruitment": ("state_sent", "individual_volunteers", "private_company"),
    "command_authority": ("sending", "receiving", "joint"),
    "tribunal_decision": ("prisoner_of_war", "not_prisoner_of_war", "pending"),
    "uniforms": ("sending", "receiving", "none", "mixed"),
    "identity_documents": ("own", "false_receiving_state", "none"),
    "captured_wearing": ("uniform", "enemy_uniform", "civilian_clothes"),
    "captured_while": ("fighting", "espionage", "sabotage", "not_fighting"),
}
"""The enumerated facts the baseline reads; every other fact it splits on is yes-or-no."""
TEXT = frozenset({"member_of_forces_of", "onward_transfer_to", "captured_on", "allegiance_to"})
"""Facts with no finite set of values (never split on)."""


def AND(*parts: Callable[[], Tri]) -> Tri:
    unknown = False
    for p in parts:
        r = p()
        if r is False:
            return False
        unknown = unknown or r is None
    return None if unknown else True


def OR(*parts: Callable[[], Tri]) -> Tri:
    unknown = False
    for p in parts:
        r = p()
        if r is True:
            return True
        unknown = unknown or r is None
    return None if unknown else False


def NOT(r: Tri) -> Tri:
    return None if r is None else not r


class Facts:
    """The facts of one scenario, some possibly set (a branch); unknown reads are recorded."""

    def __init__(self, s: Scenario, book: Rulebook, fixed: dict[tuple[str, ...], Any]) -> None:
        self.s = s
        self.book = book
        self.fixed = fixed
        self.reads: list[tuple[str, ...]] = []
        self.memo: dict[Any, Outcome] = {}
        (self.dep_id, self.dep), = s.deployments.items()

    def fact(self, *key: str) -> Any:
        """The scenario's fact a key names (None for a destination with no facts given)."""
        kind, ident, *rest = key
        if kind == "deployment":
            return getattr(self.dep, rest[0])
        if kind == "person":
            return getattr(self.s.persons[ident], rest[0])
        if kind == "destination":
            person, dest = ident.split("|")
            facts = self.s.persons[person].destinations.get(dest)
            return None if facts is None else getattr(facts, rest[0])
        if kind == "conflict":
            return getattr(self.s.conflicts[ident], rest[0])
        return getattr(self.s.states[ident], rest[0])

    def raw(self, *key: str) -> Any:
        if key in self.fixed:
            return self.fixed[key]
        kind, ident, *rest = key
        if kind == "deployment":
            fact = getattr(self.dep, rest[0])
        elif kind == "person":
            fact = getattr(self.s.persons[ident], rest[0])
        elif kind == "destination":
            person, dest = ident.split("|")
            facts = self.s.persons[person].destinations.get(dest)
            if facts is None:
                return U
            fact = getattr(facts, rest[0])
        elif kind == "conflict":
            fact = getattr(self.s.conflicts[ident], rest[0])
        else:  # a state's fact
            fact = getattr(self.s.states[ident], rest[0])
        value = fact.value
        if value == "unknown" or fact.certainty == "disputed" or \
                len({repr(a.value) for a in fact.accounts}) > 1:
            return U
        return value

    def get(self, *key: str) -> Any:
        value = self.raw(*key)
        if value is U and key[-1] not in TEXT and key not in self.reads:
            self.reads.append(key)
        return value

    def eq(self, value: Any, *key: str) -> Tri:
        v = self.get(*key)
        return None if v is U else v == value

    def shown(self, value: Any, *key: str) -> Tri:
        """:meth:`eq` for a test with the standard of proof ``reported``: a fact the scenario
        only alleges is read as unknown (set in a branch, it counts as proved)."""
        if key not in self.fixed:
            fact = self.fact(*key)
            if fact is not None and CERTAINTY_ORDER[fact.certainty] < CERTAINTY_ORDER["reported"]:
                if key not in self.reads:
                    self.reads.append(key)
                return None
        return self.eq(value, *key)

    def among(self, values: tuple[Any, ...], *key: str) -> Tri:
        v = self.get(*key)
        return None if v is U else v in values

    def known(self, *key: str) -> bool:
        return self.raw(*key) is not U

    def bound(self, state: str, treaty: str, record: bool = True) -> Any:
        key = ("state", state, f"bound.{treaty}")
        if key in self.fixed:
            return self.fixed[key]
        tp = self.s.states[state].treaties.get(treaty) or \
            self.book.participation.get(state, {}).get(treaty)
        if tp is None or tp.status == "unknown":
            if record and key not in self.reads:
                self.reads.append(key)
            return U
        if tp.status != "party":
            return False
        when = self.s.as_of
        return (tp.since is None or tp.since <= when) and not (tp.until and tp.until <= when)

    def bound_is(self, state: str, treaty: str, value: bool) -> Tri:
        v = self.bound(state, treaty)
        return None if v is U else v == value


def decide(rules: list[tuple[Tri, int, Any]], combine: str = "single",
           default: Any = U) -> Outcome:
    """The rule base's way of combining rules: (applies, priority, value) of each rule."""
    on = [r for r in rules if r[0] is True]
    maybe = [r for r in rules if r[0] is None]
    if maybe:
        if not on:
            return OPEN
        if combine == "union":
            if any(m[2] not in [o[2] for o in on] for m in maybe):
                return OPEN
        else:
            top = max(o[1] for o in on)
            won = {repr(o[2]) for o in on if o[1] == top}
            if len(won) > 1 or any(m[1] >= top and repr(m[2]) not in won for m in maybe):
                return OPEN
    if not on:
        return ("established", default) if default is not U else ("no_rule", U)
    if combine == "union":
        return ("established", tuple(sorted({o[2] for o in on}, key=str)))
    top = max(o[1] for o in on)
    values = {repr(o[2]): o[2] for o in on if o[1] == top}
    return ("conflict", U) if len(values) > 1 else ("established", next(iter(values.values())))


# -- the conclusions ------------------------------------------------------------------------------

def party(f: Facts, state: str) -> Outcome:
    """Is ``state`` a party to the conflict?"""
    if ("party", state) in f.memo:
        return f.memo[("party", state)]
    (conflict,) = f.s.conflicts.values()
    rules: list[tuple[Tri, int, Any]] = []
    if state in conflict.belligerents:
        rules.append((True, 10, True))
    if f.dep.sending_state == state:
        d = f.dep_id
        sent = f.eq("state_sent", "deployment", d, "recruitment")
        private = f.among(("individual_volunteers", "private_company"),
                          "deployment", d, "recruitment")
        command = f.among(("sending", "joint"), "deployment", d, "command_authority")
        fights = f.eq(True, "deployment", d, "direct_participation")
        under_command = AND(lambda: private, lambda: command, lambda: fights)
        rules += [
            (AND(lambda: sent, lambda: command, lambda: fights), 0, True),
            (AND(lambda: sent, lambda: f.eq("receiving", "deployment", d, "command_authority")),
             0, False),
            (AND(lambda: sent, lambda: command,
                 lambda: f.eq(False, "deployment", d, "direct_participation")), 0, False),
            # not state troops, unless commanded (the exception to it)
            (False if under_command is True else (
                None if under_command is None and private is not False else private), 0, False),
            (under_command, 0, True),
        ]
    out = f.memo[("party", state)] = decide(rules)
    return out


def _party_is(f: Facts, state: str, value: bool) -> Tri:
    status, v = party(f, state)
    return None if status != "established" else v == value


def attribution(f: Facts) -> Outcome:
    """To which states is the deployment's conduct attributable?"""
    d, dep = f.dep_id, f.dep
    sent = f.eq("state_sent", "deployment", d, "recruitment")
    private = f.among(("individual_volunteers", "private_company"), "deployment", d,
                      "recruitment")
    command = f.get("deployment", d, "command_authority")

    def by(values: tuple[str, ...]) -> Tri:
        return None if command is U else command in values

    return decide([
        (AND(lambda: sent, lambda: by(("sending", "joint"))), 0, dep.sending_state),
        (AND(lambda: sent, lambda: by(("receiving",))), 0, dep.receiving_state),
        (AND(lambda: sent, lambda: by(("joint",))), 0, dep.receiving_state),
        (AND(lambda: private, lambda: by(("sending", "joint"))), 0, dep.sending_state),
        (AND(lambda: private, lambda: by(("receiving", "joint"))), 0, dep.receiving_state),
    ], "union")


def _member(f: Facts, p: str, state: str) -> Tri:
    v = f.get("person", p, "member_of_forces_of")
    return None if v is U else v == state


def _contains(values: Any, item: Any) -> Tri:
    return None if values is U else item in values


def _captured(f: Facts, p: str) -> Tri:
    person = f.s.persons[p]
    if person.captured_by is None:
        return False
    on = person.captured_on.value
    when = f.s.as_of
    if on == "unknown" or not isinstance(on, dt.date):
        return True
    return on <= when


def mercenary(f: Facts, p: str) -> Outcome:
    if ("mercenary", p) in f.memo:
        return f.memo[("mercenary", p)]
    d, dep = f.dep_id, f.dep
    sending, receiving = dep.sending_state, dep.receiving_state or ""  # "": a party's own forces
    member_s, member_r = _member(f, p, sending), _member(f, p, receiving)
    party_s: Callable[[], Tri] = lambda: _party_is(f, sending, True)  # noqa: E731
    party_r: Callable[[], Tri] = lambda: receiving != "" and _party_is(f, receiving, True)  # noqa: E731
    official: Callable[[], Tri] = lambda: OR(lambda: f.eq(True, "deployment", d, "official_duty"),  # noqa: E731
                          lambda: AND(lambda: f.eq("state_sent", "deployment", d, "recruitment"),
                                      lambda: _ack(f)))
    party_open = party(f, sending)[0] != "established"
    of_party: Callable[[], Tri] = lambda: OR(  # noqa: E731
        lambda: AND(lambda: member_s, party_s), lambda: AND(lambda: member_r, party_r),
        lambda: AND(lambda: f.eq(True, "deployment", d, "integrated_into_receiving_forces"),
                    party_r))
    sent_by_non_party: Callable[[], Tri] = lambda: AND(lambda: member_s, lambda: NOT(party_s()),  # noqa: E731
                                    official)
    own = {
        "official_state_troops": AND(lambda: member_s, official, lambda: party_open),
        "sent_officially_by_non_party": sent_by_non_party(),
        "member_of_party_forces": of_party(),
        "all_conditions": AND(
            lambda: f.eq(True, "person", p, "specially_recruited_to_fight"),
            lambda: f.eq(True, "person", p, "takes_direct_part"),
            lambda: f.eq(True, "person", p, "private_gain_motive"),
            lambda: f.eq(True, "person", p, "compensation_substantially_in_excess"),
            lambda: f.eq(False, "person", p, "national_or_resident_of_party"),
            lambda: NOT(of_party()), lambda: NOT(sent_by_non_party())),
        "not_specially_recruited": f.eq(False, "person", p, "specially_recruited_to_fight"),
        "no_direct_part": f.eq(False, "person", p, "takes_direct_part"),
        "no_private_gain": OR(lambda: f.eq(False, "person", p, "private_gain_motive"),
                              lambda: f.eq(False, "person", p,
                                           "compensation_substantially_in_excess")),
        "national_or_resident_of_party": f.eq(True, "person", p,
                                              "national_or_resident_of_party"),
    }
    defeats = {
        "official_state_troops": ["all_conditions", "member_of_party_forces",
                                  "sent_officially_by_non_party", "not_specially_recruited",
                                  "no_direct_part", "no_private_gain",
                                  "national_or_resident_of_party"],
        "sent_officially_by_non_party": ["member_of_party_forces", "not_specially_recruited",
                                         "no_direct_part", "no_private_gain",
                                         "national_or_resident_of_party"],
        "member_of_party_forces": ["not_specially_recruited", "no_direct_part",
                                   "no_private_gain", "national_or_resident_of_party"],
        "not_specially_recruited": ["no_direct_part", "no_private_gain",
                                    "national_or_resident_of_party"],
        "no_direct_part": ["no_private_gain", "national_or_resident_of_party"],
        "no_private_gain": ["national_or_resident_of_party"],
    }
    applies = _weigh(own, defeats)
    value = {name: name == "all_conditions" for name in own}
    out = f.memo[("mercenary", p)] = decide([(applies[n], 0, value[n]) for n in own])
    return out


def _ack(f: Facts) -> Tri:
    ack = f.dep.acknowledged_by.get(f.dep.sending_state)
    key = ("deployment", f.dep_id, "acknowledged_by_sending_state")
    if key in f.fixed:
        v = f.fixed[key]
    else:
        v = U if ack is None or ack.value == "unknown" else ack.value
        if v is U and key not in f.reads:
            f.reads.append(key)
    return None if v is U else v is True


def _weigh(own: dict[str, Tri], defeats: dict[str, list[str]]) -> dict[str, Tri]:
    """Whether each rule applies: its condition holds and no exception to it applies."""
    out: dict[str, Tri] = {}

    def of(name: str) -> Tri:
        if name in out:
            return out[name]
        result = own[name]
        if result is not False:
            beaten: Tri = False
            for other, targets in defeats.items():
                if name in targets:
                    a = of(other)
                    if a is True:
                        beaten = True
                        break
                    if a is None:
                        beaten = None
            result = False if beaten is True else (None if beaten is None else result)
        out[name] = result
        return result

    for name in own:
        of(name)
    return out


def pow_status(f: Facts, p: str) -> Outcome:
    """Is the person a prisoner of war?"""
    if ("pow", p) in f.memo:
        return f.memo[("pow", p)]
    d, dep = f.dep_id, f.dep
    person = f.s.persons[p]
    sending, receiving = dep.sending_state, dep.receiving_state or ""  # "": a party's own forces
    captured = _captured(f, p)
    by_adversary: Callable[[], Tri] = lambda: AND(lambda: captured,  # noqa: E731
                               lambda: person.captured_by == dep.against)
    member_s, member_r = _member(f, p, sending), _member(f, p, receiving)
    party_s: Callable[[], Tri] = lambda: _party_is(f, sending, True)  # noqa: E731
    party_r: Callable[[], Tri] = lambda: receiving != "" and _party_is(f, receiving, True)  # noqa: E731
    party_open: Callable[[], Tri] = lambda: party(f, sending)[0] != "established"  # noqa: E731
    route_s: Callable[[], Tri] = lambda: AND(by_adversary, lambda: member_s, party_s)  # noqa: E731
    route_r: Callable[[], Tri] = lambda: AND(by_adversary, party_r, lambda: OR(  # noqa: E731
        lambda: f.eq("receiving", "deployment", d, "command_authority"),
        lambda: f.eq(True, "deployment", d, "integrated_into_receiving_forces")))
    either: Callable[[], Tri] = lambda: AND(by_adversary, lambda: member_s,  # noqa: E731
                         lambda: f.eq("state_sent", "deployment", d, "recruitment"),
                         lambda: f.eq(True, "deployment", d, "direct_participation"),
                         party_r, party_open)
    route_m: Callable[[], Tri] = lambda: AND(by_adversary, lambda: member_r, party_r)  # noqa: E731
    any_route: Callable[[], Tri] = lambda: OR(route_s, route_r, either, route_m)  # noqa: E731
    merc = mercenary(f, p)

    def merc_is(value: bool) -> Tri:
        return None if merc[0] != "established" else merc[1] == value

    def shown_among(values: tuple[str, ...], name: str) -> Tri:
        return OR(*(lambda v=v: f.shown(v, "person", p, name) for v in values))

    def stated(name: str) -> bool:
        return f.known("person", p, name)

    out_of_uniform: Callable[[], Tri] = lambda: AND(  # noqa: E731
        lambda: stated("captured_wearing"),
        lambda: shown_among(("civilian_clothes", "enemy_uniform"), "captured_wearing"))
    tribunal_known = f.known("person", p, "tribunal_decision")
    national: Callable[[], Tri] = lambda: OR(  # noqa: E731
        lambda: AND(lambda: stated("allegiance_to"),
                    lambda: f.eq(person.captured_by, "person", p, "allegiance_to")),
        lambda: AND(lambda: stated("nationalities"), lambda: _contains(
            f.get("person", p, "nationalities"), person.captured_by)))
    spy: Callable[[], Tri] = lambda: AND(  # noqa: E731
        lambda: stated("captured_while"),
        lambda: f.shown("espionage", "person", p, "captured_while"), out_of_uniform)
    failed: Callable[[], Tri] = lambda: AND(  # noqa: E731
        lambda: f.bound_is(str(person.captured_by), "api", True),
        lambda: f.bound_is(sending, "api", True),
        lambda: stated("captured_while"),
        lambda: shown_among(("fighting", "sabotage"), "captured_while"),
        out_of_uniform, lambda: stated("carries_arms_openly"),
        lambda: f.shown(False, "person", p, "carries_arms_openly"))
    doubt: Callable[[], Tri] = lambda: AND(  # noqa: E731
        lambda: captured, lambda: f.eq(True, "person", p, "status_doubted"),
        lambda: f.eq(True, "person", p, "takes_direct_part"),
        lambda: OR(lambda: not tribunal_known,
                   lambda: f.eq("pending", "person", p, "tribunal_decision"),
                   lambda: f.eq(False, "person", p, "tribunal_competent")))
    own = {
        "tribunal_decision": AND(lambda: captured, lambda: tribunal_known, lambda: f.among(
            ("prisoner_of_war", "not_prisoner_of_war"), "person", p, "tribunal_decision"),
            lambda: not (f.known("person", p, "tribunal_competent")
                         and f.eq(False, "person", p, "tribunal_competent"))),
        "mercenary": AND(lambda: captured, lambda: merc_is(True)),
        "national_of_detaining_power": AND(lambda: captured, national),
        "spy_captured_in_the_act": AND(lambda: captured, spy),
        "failed_to_distinguish": AND(lambda: captured, failed),
        "member_of_party_forces": route_s(),
        "under_receiving_party_command": route_r(),
        "state_troops_either_branch": either(),
        "member_of_receiving_forces": route_m(),
        "doubt_presumption": doubt(),
        "doubt_despite_exception": AND(doubt, lambda: OR(spy, failed, national)),
        "uniform_of_own_side": AND(lambda: f.known("deployment", d, "uniforms"),
                                   lambda: f.eq("receiving", "deployment", d, "uniforms"),
                                   lambda: merc_is(False), any_route),
        "false_identity_papers": AND(lambda: f.known("deployment", d, "identity_documents"),
                                     lambda: f.eq("false_receiving_state", "deployment", d,
                                                  "identity_documents"),
                                     lambda: merc_is(False), any_route),
        "war_crimes_keep_status": AND(lambda: f.known("person", p, "war_crimes_suspected"),
                                      lambda: f.eq(True, "person", p, "war_crimes_suspected"),
                                      lambda: merc_is(False), any_route),
        "not_captured": None if captured is None else captured is False,
    }
    defeats = {
        "mercenary": ["member_of_party_forces", "under_receiving_party_command",
                      "state_troops_either_branch", "member_of_receiving_forces"],
        "member_of_party_forces": ["under_receiving_party_command", "doubt_presumption"],
        "under_receiving_party_command": ["doubt_presumption"],
        "state_troops_either_branch": ["member_of_party_forces",
                                       "under_receiving_party_command", "doubt_presumption"],
        "member_of_receiving_forces": ["doubt_presumption"],
    }
    applies = _weigh(own, defeats)
    tribunal = f.raw("person", p, "tribunal_decision")
    if applies["tribunal_decision"] is not False and tribunal is U:
        f.get("person", p, "tribunal_decision")
    values = {"tribunal_decision": tribunal, "mercenary": "not_prisoner_of_war",
              "spy_captured_in_the_act": "not_prisoner_of_war",
              "national_of_detaining_power": "not_prisoner_of_war",
              "failed_to_distinguish": "not_prisoner_of_war",
              "doubt_presumption": "presumed_prisoner_of_war",
              "doubt_despite_exception": "presumed_prisoner_of_war",
              "not_captured": "not_prisoner_of_war"}
    ranks = {"tribunal_decision": 40, "mercenary": 20, "doubt_presumption": 30,
             "doubt_despite_exception": 30, "spy_captured_in_the_act": 20,
             "national_of_detaining_power": 20, "failed_to_distinguish": 20,
             "not_captured": 50}
    out = f.memo[("pow", p)] = decide([(applies[n], ranks.get(n, 0),
                                        values.get(n, "prisoner_of_war")) for n in own])
    return out


def _risk_own(f: Facts, p: str, dest: str) -> dict[str, Callable[[], Tri]]:
    """Each instrument's ground at a destination (its facts, without the naming guards)."""
    captor = f.s.persons[p].captured_by
    assert captor is not None
    key = f"{p}|{dest}"

    def cleared(fact: str) -> Tri:
        return NOT(AND(lambda: f.known("person", p, fact), lambda: f.eq(True, "person", p, fact)))

    return {
        "cat": lambda: AND(lambda: f.shown(True, "destination", key, "torture_risk"),
                           lambda: f.bound_is(captor, "cat", True)),
        "iccpr": lambda: AND(lambda: f.shown(True, "destination", key, "irreparable_harm_risk"),
                             lambda: f.bound_is(captor, "iccpr", True)),
        "refugee": lambda: AND(
            lambda: f.shown(True, "destination", key, "persecution_risk"),
            lambda: OR(lambda: f.bound_is(captor, "refugee_convention", True),
                       lambda: f.bound_is(captor, "refugee_protocol", True)),
            lambda: cleared("war_crimes_suspected"),
            lambda: cleared("serious_nonpolitical_crime"),
            lambda: cleared("danger_to_security")),
        "op2": lambda: AND(lambda: f.shown(True, "destination", key, "death_penalty_risk"),
                           lambda: f.bound_is(captor, "iccpr_op2", True)),
        "echr": lambda: AND(lambda: f.shown(True, "destination", key, "death_penalty_risk"),
                            lambda: f.bound_is(captor, "echr_p13", True)),
    }


def refoulement_risk(f: Facts, p: str, dest: str) -> Outcome:
    if ("risk", p, dest) in f.memo:
        return f.memo[("risk", p, dest)]
    person = f.s.persons[p]
    if dest == person.captured_by or dest not in [*f.s.destinations, *person.destinations]:
        return ("no_rule", U)  # no rule is about the detaining power, or a state not considered
    grounds = _risk_own(f, p, dest)
    out = f.memo[("risk", p, dest)] = decide([
        (OR(grounds["cat"], grounds["iccpr"], grounds["refugee"], grounds["op2"], grounds["echr"]),
         10, True), (True, 0, False)])
    return out


def refoulement_barred(f: Facts, p: str, dest: str) -> Outcome:
    """Would sending the person to ``dest`` be barred by non-refoulement?"""
    person = f.s.persons[p]
    captor = person.captured_by
    assert captor is not None
    if dest == captor:
        return ("established", False)
    key = f"{p}|{dest}"
    g = _risk_own(f, p, dest)
    onward = f.raw("destination", key, "onward_transfer_to")

    def indirect() -> Tri:
        if onward is U:
            return False
        status, value = refoulement_risk(f, p, onward)
        return None if status != "established" else value is True

    def onward_known_risk() -> bool:
        return onward is not U and refoulement_risk(f, p, onward)[0] == "established"

    def named(*facts: tuple[str, ...]) -> bool:
        return all(f.bound(captor, k[1], record=False) is not U if k[0] == "bound" else
                   f.known("destination", key, k[1]) for k in facts)

    dest_facts: Callable[[str], tuple[str, str]] = lambda name: ("fact", name)  # noqa: E731
    pow_ok: Callable[[], Tri] = lambda: (lambda o: None if o[0] != "established" else o[1] in (  # noqa: E731
        "prisoner_of_war", "presumed_prisoner_of_war"))(pow_status(f, p))
    others = {
        "cat": lambda: OR(g["iccpr"], g["refugee"], indirect, g["op2"], g["echr"]),
        "iccpr": lambda: OR(g["cat"], g["refugee"], indirect, g["op2"], g["echr"]),
        "refugee": lambda: OR(g["cat"], g["iccpr"], indirect, g["op2"], g["echr"]),
        "indirect": lambda: OR(g["cat"], g["iccpr"], g["refugee"], g["op2"], g["echr"]),
        "art_118": lambda: OR(g["cat"], g["iccpr"], g["refugee"], indirect, g["op2"], g["echr"]),
        "op2": lambda: OR(g["cat"], g["iccpr"], g["refugee"], indirect, g["echr"]),
        "echr": lambda: OR(g["cat"], g["iccpr"], g["refugee"], indirect, g["op2"]),
    }

    is_sending = dest == f.dep.sending_state
    nationals = person.nationalities.value
    is_national = U if nationals == "unknown" else dest in nationals
    rules = [
        (AND(g["cat"], lambda: OR(lambda: named(dest_facts("torture_risk"), ("bound", "cat")),
                                  lambda: NOT(others["cat"]()))), 10, True),
        (AND(g["iccpr"], lambda: OR(lambda: named(dest_facts("irreparable_harm_risk"),
                                                  ("bound", "iccpr")),
                                    lambda: NOT(others["iccpr"]()))), 10, True),
        (AND(g["refugee"], lambda: OR(lambda: named(dest_facts("persecution_risk"),
                                                    ("bound", "refugee_convention"),
                                                    ("bound", "refugee_protocol")),
                                      lambda: NOT(others["refugee"]()))), 10, True),
        (AND(lambda: OR(lambda: is_sending, lambda: None if is_national is U else is_national),
             lambda: f.shown(True, "destination", key, "fundamental_rights_risk"),
             lambda: f.bound_is(captor, "gc3", True), pow_ok,
             lambda: OR(lambda: named(dest_facts("fundamental_rights_risk"), ("bound", "gc3"))
                        and is_national is not U
                        and pow_status(f, p)[0] == "established",
                        lambda: NOT(others["art_118"]()))), 10, True),
        (AND(lambda: _third(f, p, dest, is_sending, is_national),
             lambda: OR(lambda: AND(lambda: f.bound(dest, "gc3", record=False) is not U,
                                    lambda: f.bound_is(dest, "gc3", False)),
                        lambda: AND(lambda: f.known("state", dest, "applies_gc3_willing_and_able"),
                                    lambda: f.eq(False, "state", dest,
                                                 "applies_gc3_willing_and_able"))),
             lambda: f.bound_is(captor, "gc3", True), pow_ok), 10, True),
        (AND(indirect, lambda: OR(onward_known_risk, lambda: NOT(others["indirect"]()))),
         10, True),
        (AND(g["op2"], lambda: OR(lambda: named(dest_facts("death_penalty_risk"),
                                                ("bound", "iccpr_op2")),
                                  lambda: NOT(others["op2"]()))), 10, True),
        (AND(g["echr"], lambda: OR(lambda: named(dest_facts("death_penalty_risk"),
                                                 ("bound", "echr_p13")),
                                   lambda: NOT(others["echr"]()))), 10, True),
    ]
    return decide(rules, default=False)


def _third(f: Facts, p: str, dest: str, is_sending: bool, is_national: Any) -> Tri:
    person = f.s.persons[p]
    claims = person.claimed_as_national_by.value
    claim = U if claims == "unknown" else dest in claims
    roles = [is_sending, dest == f.dep.receiving_state, dest == person.captured_by,
             is_national, claim]
    if any(r is True for r in roles):
        return False
    return None if any(r is U for r in roles) else True


# -- settling ---------------------------------------------------------------------------------------

def domain(f: Facts, key: tuple[str, ...]) -> tuple[Any, ...]:
    """The values a fact is split over: a disputed fact's versions, else its type's values."""
    fact = None if (key[0] == "state" and key[-1].startswith("bound.")) or \
        key[-1] == "acknowledged_by_sending_state" else f.fact(*key)
    if fact is not None and fact.accounts:
        versions: list[Any] = []
        for account in fact.accounts:
            if account.value not in versions:
                versions.append(account.value)
        if len(versions) > 1:
            return tuple(versions)
    return DOMAINS.get(key[-1], (True, False))


def settle(s: Scenario, book: Rulebook, ask: Callable[[Facts], Outcome],
           fixed: dict[tuple[str, ...], Any] | None = None) -> Outcome:
    """The exact outcome: decided here, or the same established value (or a conflict) in every
    world where the first unknown fact read is set to each of its values; else undetermined."""
    f = Facts(s, book, fixed or {})
    status, value = ask(f)
    if status != "unknown":
        return (status, value) if status in ("established", "conflict") else ("undetermined", U)
    if not f.reads:
        return ("undetermined", U)
    key = f.reads[0]
    first: Outcome | None = None
    for v in domain(f, key):
        out = settle(s, book, ask, {**(fixed or {}), key: v})
        if out[0] == "undetermined" or (first is not None and repr(out) != repr(first)):
            return ("undetermined", U)
        first = first or out
    assert first is not None
    return first


def _party_of(state: str, f: Facts) -> Outcome:
    return party(f, state)


def _pow_of(p: str, f: Facts) -> Outcome:
    return pow_status(f, p)


def _barred_of(p: str, d: str, f: Facts) -> Outcome:
    return refoulement_barred(f, p, d)


def once(s: Scenario, book: Rulebook, ask: Callable[[Facts], Outcome]) -> Outcome:
    """The three-valued answer in the scenario's own world, not settled."""
    return ask(Facts(s, book, {}))


def answers(s: Scenario, book: Rulebook, exact: bool = True) -> dict[tuple[str, str], Outcome]:
    """The baseline's four conclusions for every subject, as (conclusion, subject) → outcome:
    exact (settled), or (``exact=False``) the three-valued pass alone."""
    settle_ = settle if exact else once
    out: dict[tuple[str, str], Outcome] = {}
    (conflict,) = s.conflicts.values()
    dep = next(iter(s.deployments.values()))
    for state in dict.fromkeys([*conflict.belligerents, dep.sending_state]):
        out[("party_to_conflict", state)] = settle_(s, book, functools.partial(_party_of, state))
    out[("attribution_of_conduct", next(iter(s.deployments)))] = settle_(s, book, attribution)
    for p, person in s.persons.items():
        if person.captured_by is None:
            continue
        out[("pow_status", p)] = settle_(s, book, functools.partial(_pow_of, p))
        for d in dict.fromkeys([*s.destinations, *person.destinations]):
            out[("refoulement_barred", f"{p}|{d}")] = settle_(
                s, book, functools.partial(_barred_of, p, d))
    return out
