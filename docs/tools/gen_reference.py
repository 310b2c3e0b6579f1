"""Generate the reference documentation from the code and the rule base.

* ``docs/scenario-format.md``, whole: every entity of a scenario file and every field, with its
  type or possible values, its default, its description and the conclusions whose rules read it,
  from the pydantic models in ``src/legal_analysis/facts.py``;
* the block ``conclusions`` of ``docs/conclusions.md``: one section per public conclusion of the
  rule base, with its question, subject, values, description, rules and their authorities;
* the blocks ``rule-fields`` and ``operators`` of ``docs/rule-format.md``: the fields of rule
  files and the operators of conditions, from ``src/legal_analysis/ruleset/``;
* the block ``limits`` of ``docs/limits.md``: the limits on a scenario's entities, from
  ``src/legal_analysis/limits.py``.

Run from the repository's root::

    PYTHONPATH=src .venv/bin/python docs/tools/gen_reference.py           # rewrite what changed
    PYTHONPATH=src .venv/bin/python docs/tools/gen_reference.py --check   # exit 1 if stale

``tests/test_docs.py`` fails when a committed file differs from what this script writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from docgen import ROOT, fill_blocks, md_cell, relative, stale, write
from legal_analysis import facts
from legal_analysis.limits import LIMITS
from legal_analysis.lint.contradictions import CHECKS
from legal_analysis.lint.unread import RECORDED
from legal_analysis.ruleset import schema
from legal_analysis.ruleset.conditions import CONCLUSION_OPS, FACT_OPS
from legal_analysis.ruleset.loading import Rule, Rulebook, load_rulebook
from legal_analysis.ruleset.paths import DERIVED, MODELS, REFERENCES, fields_of
from legal_analysis.sources import cite

COMMAND = "PYTHONPATH=src .venv/bin/python docs/tools/gen_reference.py"
"""How to regenerate the files this script writes (named in the tests' failure messages)."""

SCENARIO_FORMAT = ROOT / "docs" / "scenario-format.md"
CONCLUSIONS = ROOT / "docs" / "conclusions.md"
RULE_FORMAT = ROOT / "docs" / "rule-format.md"
LIMITS_PAGE = ROOT / "docs" / "limits.md"

RULE_MODELS: tuple[tuple[type[BaseModel], str], ...] = (
    (schema.RuleFile, "A topic file under `rules/`."),
    (schema.ConclusionSpec, "Under `conclusions:`, keyed by the conclusion's id."),
    (schema.RuleSpec, "An item of `rules:`."),
    (schema.Authority, "An item of a rule's (or a default's or a view's) `authorities:`."),
    (schema.Position, "An item of a rule's (or a view's) `positions:`."),
    (schema.Explanation, "A rule's `explain:`."),
    (schema.DefaultOutcome, "A conclusion's `default:`."),
    (schema.Contested, "A rule's `contested:`."),
    (schema.View, "An item of a contested point's `views:`."),
)
"""The models of rule files, documented in ``docs/rule-format.md``."""

RULE_NOTES: dict[tuple[str, str], str] = {
    ("RuleFile", "topic"): "The topic's name, for people reading the file.",
    ("RuleFile", "conclusions"): "The conclusions this file declares.",
    ("RuleFile", "rules"): "The rules, in any order; each names its conclusion.",
    ("ConclusionSpec", "title"): "A short title, used as the memo section's heading.",
    ("ConclusionSpec", "combine"): "`single`: one value decides (rank, then exceptions); "
                                   "`union`: the value is the list of every value the applicable "
                                   "rules give.",
    ("ConclusionSpec", "default"): "The value when every rule is known not to apply (never when "
                                   "one is unknown).",
    ("ConclusionSpec", "public"): "Part of the public contract (docs/conclusions.md); `false` for "
                                  "helper conclusions other rules test.",
    ("RuleSpec", "id"): "A unique dotted id, topic first: `party.sending_state.command_retained`.",
    ("RuleSpec", "conclusion"): "The id of the conclusion the rule answers.",
    ("RuleSpec", "where"): "A condition on plain data (ids, names, lists) that selects the "
                           "bindings the rule applies to; it may not test facts.",
    ("RuleSpec", "subject"): "The subject the rule answers for: each role of the conclusion → a "
                             "path to an entity of the role's kind.",
    ("RuleSpec", "value"): "The value the rule gives when its condition holds (one of the "
                           "conclusion's values).",
    ("RuleSpec", "value_from"): "A path whose value the rule gives instead (for `union` "
                                "conclusions such as attribution).",
    ("RuleSpec", "when"): "The condition (see below); `{always: true}` if omitted.",
    ("RuleSpec", "defeats"): "Rules (or whole conclusions) this rule is an exception to: where "
                             "both hold, the defeated rule is displaced.",
    ("RuleSpec", "priority"): "The rule's rank: among rules that hold for the same subject, the "
                              "highest rank decides; equal ranks with different values are a "
                              "named conflict.",
    ("RuleSpec", "authorities"): "The authorities the rule relies on, each a registered source "
                                 "with a pinpoint (and a verified quotation where there is one).",
    ("RuleSpec", "explain"): "The sentences that say why the rule holds or fails.",
    ("RuleSpec", "contested"): "A point of law on which authorities differ; memos show every view.",
    ("RuleSpec", "note"): "A note for contributors (not shown in memos).",
    ("Authority", "note"): "A note shown with the citation (for example why it is cited, not "
                           "quoted).",
    ("Explanation", "holds"): "Said when the rule holds; `{placeholders}` name the rule's "
                              "variables and subject roles.",
    ("Explanation", "fails"): "Said when the rule fails or is unknown.",
    ("DefaultOutcome", "value"): "The default value.",
    ("DefaultOutcome", "explain"): "Why the default holds, in a sentence.",
    ("DefaultOutcome", "authorities"): "At least one authority for the default.",
    ("Contested", "issue"): "The contested question, in a sentence.",
    ("Contested", "views"): "At least two views, each with its authorities or named holders.",
    ("View", "view"): "The view, in a sentence or two.",
    ("View", "authorities"): "The authorities for the view.",
}
"""Descriptions of rule-file fields the schema leaves without one (the schema's own win)."""

ENTITIES: tuple[tuple[type[BaseModel], str, str | None], ...] = (
    (facts.Scenario, "The whole file: a scenario as of a date.", None),
    (facts.State, "Under `states:`, keyed by a state code (`UKR`, `PRK`, or any id you choose).",
     "states.<code>"),
    (facts.TreatyParticipation, "Under a state's `treaties:`, keyed by a treaty id (below).", None),
    (facts.Conflict, "Under `conflicts:`, keyed by an id of your choice.", "conflicts.<id>"),
    (facts.Deployment, "Under `deployments:`, keyed by an id of your choice.", "deployments.<id>"),
    (facts.Place, "In a deployment's `locations:` list.", "deployments.<id>.locations.<n>"),
    (facts.Person, "Under `persons:`, keyed by an id of your choice.", "persons.<id>"),
    (facts.DestinationFacts, "Under a person's `destinations:`, keyed by a state code.",
     "persons.<id>.destinations.<code>"),
    (facts.Actor, "Under `actors:`: an agency, official or court named in `asserted_by`, "
                  "`denied_by` or an account's `by`.", None),
    (facts.ScenarioSource, "Under `sources:`: a source cited only by this scenario (the rule "
                           "base's registry, `rules/sources.yaml`, holds the rest).", None),
)
"""The entities of a scenario file, where each stands, and the prefix of its fact keys."""

PROVENANCE: tuple[tuple[type[BaseModel], str], ...] = (
    (facts.Fact, "Every fact field (marked *fact* below) takes either its bare value or this "
                 "mapping."),
    (facts.Account, "One version of a disputed fact, in a fact's `accounts:` list."),
    (facts.SourceRef, "A citation in `sources:` or `evidence:` lists, written as a mapping or as "
                      "the short form `\"id, pinpoint\"`."),
)
"""The models that carry a fact's provenance."""

REF_TARGETS: dict[tuple[str, str], str] = {
    **{(MODELS[kind].__name__, name): target for (kind, name), target in REFERENCES.items()
       if kind in MODELS},
    ("Conflict", "belligerents"): "state",
    ("Place", "territory_of"): "state",
    ("Actor", "state"): "state",
    ("Scenario", "destinations"): "state",
}
"""Fields holding ids of other entities, and the kind of entity each names."""

FIELD_NOTES: dict[tuple[str, str], str] = {
    ("Scenario", "id"): "The scenario's id: letters, digits, '.', '_' and '-', starting with a "
                        "letter or digit. Memos and the JSON output name the scenario by it.",
    ("Scenario", "title"): "A one-line title, used as the memo's title.",
    ("Scenario", "summary"): "A paragraph summarising the situation, shown at the head of the memo's facts.",
    ("Scenario", "states"): "Every state the scenario mentions, keyed by its code.",
    ("Scenario", "actors"): "Non-state actors named as asserting or denying facts.",
    ("Scenario", "conflicts"): "The armed conflicts, keyed by id.",
    ("Scenario", "deployments"): "The deployments of troops, keyed by id.",
    ("Scenario", "persons"): "The captured (or capturable) persons, keyed by id.",
    ("Scenario", "sources"): "Sources cited only by this scenario, keyed by id.",
    ("State", "name"): "The state's name, as memos print it.",
    ("TreatyParticipation", "status"): "The state's relation to the treaty: only `party` binds it.",
    ("TreatyParticipation", "sources"): "Sources for the participation.",
    ("TreatyParticipation", "note"): "A note shown with the participation.",
    ("Actor", "name"): "The actor's name, as memos print it.",
    ("Actor", "state"): "The state the actor belongs to, if any.",
    ("Conflict", "name"): "The conflict's name, as memos print it.",
    ("Conflict", "kind"): "Whether the conflict is international (between states) or not.",
    ("Conflict", "start"): "The date the armed conflict began.",
    ("Conflict", "cessation_of_active_hostilities"):
        "Active hostilities have ceased (GC III art 118: prisoners of war are then to be released "
        "and repatriated without delay).",
    ("Place", "name"): "The place's name.",
    ("Place", "territory_of"): "The state whose territory the place is in.",
    ("Deployment", "sending_state"): "The state whose troops are deployed.",
    ("Deployment", "receiving_state"): "The state to which the troops are sent, and beside whose "
                                       "forces they fight. A format-1 file always names it; a "
                                       "party's own forces are written in format 2.",
    ("Deployment", "conflict"): "The armed conflict in which the troops are deployed.",
    ("Place", "status"): "The legal status of the territory where the place lies.",
    ("Deployment", "size"): "The number of troops deployed.",
    ("Deployment", "recruitment"):
        "How the troops came to fight: sent by the sending state as its forces, recruited "
        "individually, or through a private company.",
    ("Deployment", "command_authority"):
        "Who commands the troops: the sending state, the receiving state (sole command), or both "
        "jointly.",
    ("Deployment", "integrated_into_receiving_forces"):
        "The troops are incorporated into the receiving state's armed forces.",
    ("Deployment", "official_duty"): "The troops serve on the sending state's official duty.",
    ("Deployment", "direct_participation"): "The troops take a direct part in the hostilities.",
    ("Deployment", "locations"): "Where the troops are or fight.",
    ("Deployment", "uniforms"): "Whose uniforms the troops wear, if any.",
    ("Deployment", "identity_documents"): "What identity papers the troops carry.",
    ("Deployment", "claimed_justification"):
        "The justification the sending state claims for the deployment.",
    ("Person", "name"): "The person's name (or a description, when the name is not known).",
    ("Person", "deployment"): "The deployment the person belongs to, if any.",
    ("Person", "captured_on"): (
        "The date of capture. Unknown: the person counts as captured from the scenario's "
        "`as_of` on, and as possibly captured before it."),
    ("Person", "captured_at"): "The place of capture, in words.",
    ("Person", "captured_in_territory_of"): "The state on whose territory the person was captured.",
    ("Person", "nationalities"): "The person's nationalities (state codes).",
    ("Person", "nationality_verified"): "The person's nationality has been verified.",
    ("Person", "claimed_as_national_by"): "States that claim the person as their national.",
    ("Person", "member_of_forces_of"): "The state whose armed forces the person belongs to, or "
                                       "`none`.",
    ("Person", "health"): "The person's state of health.",
    ("Person", "tribunal_decision"):
        "The decision of a competent tribunal on the person's status (GC III art 5), if any.",
    ("Person", "carries_arms_openly"): "The person carries arms openly.",
    ("Person", "specially_recruited_to_fight"):
        "The person was specially recruited locally or abroad in order to fight in the conflict.",
    ("Person", "takes_direct_part"): "The person takes a direct part in the hostilities.",
    ("Person", "private_gain_motive"):
        "The person is motivated to fight essentially by the desire for private gain.",
    ("Person", "compensation_substantially_in_excess"):
        "The person is promised material compensation substantially in excess of that paid to "
        "combatants of similar rank in the forces of that party.",
    ("Person", "national_or_resident_of_party"):
        "The person is a national of a party to the conflict or a resident of territory it "
        "controls.",
    ("Person", "war_crimes_suspected"):
        "There are serious reasons for considering that the person committed a war crime "
        "(Refugee Convention art 1F(a)).",
    ("Person", "serious_nonpolitical_crime"):
        "There are serious reasons for considering that the person committed a serious "
        "non-political crime (Refugee Convention art 1F(b)).",
    ("Person", "danger_to_security"):
        "There are reasonable grounds for regarding the person as a danger to the security of "
        "the detaining state (Refugee Convention art 33(2)).",
    ("Person", "wish_verified_independently"):
        "The person's wish has been verified independently (for example by the ICRC, in "
        "interviews without witnesses).",
    ("ScenarioSource", "kind"): "What sort of source it is.",
    ("ScenarioSource", "title"): "The full title.",
    ("ScenarioSource", "author"): "Author(s).",
    ("ScenarioSource", "date"): "Date of adoption, judgment or publication.",
    ("ScenarioSource", "publisher"): "Issuing body, court or outlet.",
    ("ScenarioSource", "url"): "Where the source can be read.",
    ("Fact", "note"): ("A note on the fact (what the sources say, what is missing); a memo shows "
                       "it where an answer turns on the fact."),
    ("Account", "sources"): "Sources for this account.",
    ("Account", "note"): "A note on this account.",
}
"""Descriptions of the fields the models leave without one.

A description given in ``facts.py`` (``Field(description=...)``) always wins, and
``tests/test_docs.py`` fails when an entry here has become redundant: move these into the models
over time and delete them here.
"""

TYPE_NAMES: dict[Any, str] = {bool: "true or false", int: "integer", float: "number",
                              str: "text", dt.date: "date (YYYY-MM-DD)"}

PATH_KINDS: dict[str, str] = {"State": "state", "Conflict": "conflict", "Deployment": "deployment",
                              "Person": "person", "DestinationFacts": "destination"}
"""Models whose fields rules read, and the kind a rule's variable gives them."""


REF_DESCRIPTION = "The id of another entity in the scenario."
"""The description every id field inherits from ``facts.Ref`` (too general to show)."""


def field_description(model: type[BaseModel], name: str, field: FieldInfo) -> str:
    """The field's description: the model's own, else the note kept here, else nothing."""
    own = field.description if field.description != REF_DESCRIPTION else None
    notes = RULE_NOTES if model.__module__ == schema.__name__ else FIELD_NOTES
    return own or notes.get((model.__name__, name), "")


def _is_ref(tp: Any) -> bool:
    if typing.get_origin(tp) is typing.Annotated:
        meta = typing.get_args(tp)[1:]
        return any(isinstance(m, FieldInfo) and m.description == REF_DESCRIPTION for m in meta)
    return False


def _fact_arg(tp: Any) -> Any:
    meta = getattr(tp, "__pydantic_generic_metadata__", None)
    if meta and meta.get("origin") is facts.Fact:
        return meta["args"][0]
    return None


def type_text(tp: Any, target: str | None = None) -> str:
    """A field's type in words, with links to the entities it holds.

    >>> type_text(bool)
    'true or false'
    >>> type_text(facts.Fact[typing.Literal["a", "b"]])
    '*fact*: `a` or `b`'
    """
    if _is_ref(tp) or (tp is str and target):
        return f"id of a {target}" if target else "id of another entity"
    fact = _fact_arg(tp)
    if fact is not None:
        return "*fact*: " + type_text(fact, target)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        values = [f"`{a}`" for a in args]
        return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
    if origin in (typing.Union, __import__("types").UnionType):
        parts = [a for a in args if a is not type(None)]
        optional = len(parts) != len(args)
        if len(parts) == 2 and typing.get_origin(parts[1]) is typing.Literal \
                and typing.get_args(parts[1]) == ("unknown",):
            text = type_text(parts[0], target) + ", or `unknown`"
        else:
            text = " or ".join(type_text(p, target) for p in parts)
        return text + (" (optional)" if optional else "")
    if origin is tuple:
        inner = args[0] if args else Any
        return "list of " + _plural(type_text(inner, target))
    if origin is dict:
        key, value = args
        key_text = "state code" if _is_ref(key) else "id"
        return f"mapping of {key_text} → {type_text(value, target)}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        name = tp.__name__
        return f"[{name}](#{name.lower()})"
    if tp is typing.Any or isinstance(tp, typing.TypeVar):
        return "any value"
    return TYPE_NAMES.get(tp, getattr(tp, "__name__", str(tp)))


def _plural(text: str) -> str:
    if text.startswith("id of a "):
        return "ids of " + text.removeprefix("id of a ") + "s"
    if text == "text":
        return "texts"
    return text


def _default_text(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        made = field.default_factory()  # type: ignore[call-arg]
        if isinstance(made, facts.Fact):
            return "`unknown`"
        if isinstance(made, dict) and made:
            return "`{" + ", ".join(f"{k}: {_value_text(v)}" for k, v in made.items()) + "}`"
        return "empty"
    value = field.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple) and not value:
        return "empty"
    return f"`{value}`"


def readers(book: Rulebook) -> dict[tuple[str, str], list[str]]:
    """For each (kind, field) a rule's path ends on, the public conclusions whose rules read it."""
    out: dict[tuple[str, str], list[str]] = {}
    for rule in book.rules.values():
        cid = rule.spec.conclusion
        if not book.conclusions[cid].spec.public:
            continue
        for info in rule.paths.values():
            kind: str | None = rule.spec.for_.get(info.variable)
            if kind is None or not info.steps:
                continue
            for step in info.steps:
                field_kind = kind
                if kind == "destination" and step not in _own_fields("destination"):
                    field_kind = "state"  # a destination is read as a state for state facts
                names = out.setdefault((field_kind, step), [])
                if cid not in names:
                    names.append(cid)
                target = fields_of(kind)[step].target
                if target is not None:
                    kind = target
    return {k: sorted(v) for k, v in out.items()}


def _own_fields(kind: str) -> set[str]:
    return set(MODELS[kind].model_fields) | {n for (k, n) in DERIVED if k == kind}


def _field_table(model: type[BaseModel], read: dict[tuple[str, str], list[str]] | None) -> list[str]:
    kind = PATH_KINDS.get(model.__name__)
    head = "| field | type or values | default | description |"
    rule = "|---|---|---|---|"
    if read is not None and kind is not None:
        head += " read by |"
        rule += "---|"
    lines = [head, rule]
    for name, field in model.model_fields.items():
        codes = dict(facts.state_code_fields(model)).get(name)
        target = REF_TARGETS.get((model.__name__, name)) or ("state" if codes else None)
        kind_text = type_text(field.annotation, target) + "".join(
            f" or `{word}`" for word in (codes.also if codes else ()))
        row = [f"`{field.alias or name}`", kind_text, _default_text(field),
               md_cell(field_description(model, name, field)) or "—"]
        if read is not None and kind is not None:
            row.append(", ".join(f"`{c}`" for c in read.get((kind, name), [])) or "—")
        lines.append("| " + " | ".join(md_cell(c) if i < 3 else c for i, c in enumerate(row)) + " |")
    return lines


def scenario_format(book: Rulebook) -> str:
    """The whole text of ``docs/scenario-format.md``."""
    read = readers(book)
    out = [
        "# Scenario file format",
        "",
        f"<!-- Generated by docs/tools/gen_reference.py from src/legal_analysis/facts.py and the "
        f"rule base: do not edit by hand. Regenerate with: {COMMAND} -->",
        "",
        "A scenario file (YAML or JSON) describes a situation as of a date: the states, the armed "
        "conflict, the deployment of troops, the persons captured, and what would await each "
        "person at each destination. `legal-analysis validate FILE` checks a file; "
        "`legal-analysis schema --format-version 1` prints its JSON Schema for editors. The "
        "[tutorial](tutorial.md#4-write-your-own-scenario) walks through a small file; "
        "the [casebook](casebook/index.md) has many more.",
        "",
        "This page describes **format 1**, a file without a `format` field. "
        "[Format 2](scenario-format-2.md) (`format: 2`) describes parties of every kind, "
        "conflicts with sides, forces, the relations between parties and persons held by any "
        "party; `legal-analysis migrate OLD.yaml -o NEW.yaml` rewrites a format-1 file in it.",
        "",
        "Three rules hold throughout:",
        "",
        "- **Unknown is never false.** A fact left out, or written `unknown`, is unknown; the "
        "analysis then gives the answer under each of its possible values and names it as "
        "decisive.",
        "- **Every fact may carry its provenance**: how sure it is, its sources with pinpoints, "
        "who asserts or denies it, competing accounts, a note, and the date from which it holds "
        "(see [Facts and their provenance](#facts-and-their-provenance)).",
        "- **Ids link entities**: a deployment names its states and conflict by their ids, a "
        "person names a deployment and a captor, and a fact about a state (an aggressor, a "
        "nationality, the state a person wishes to go to) gives its code under `states:`. A "
        "wrong id is reported with the known ones.",
        "",
        "`legal-analysis validate FILE` also checks that every date is written YYYY-MM-DD and is "
        "in the calendar (`2025-02-30` is refused), that a treaty participation does not end "
        "(`until`) before it begins (`since`), and that every citation names a source of the "
        "rule base's registry (`rules/sources.yaml`) or one under the scenario's own `sources:`, "
        "whose ids must differ from the registry's. A value written in braces ends at its first "
        "comma, so a value with a comma needs quotes: `{source: seed-dw-2024, pinpoint: "
        "\"cc 136-7, para 3\"}`.",
        "",
        "Treaty participation is not normally written in a scenario: the rule base's data "
        "(`rules/data/treaty_participation.yaml`) gives it, with sources, and a state's "
        "`treaties:` entry overrides it for that scenario.",
        "",
        "## Facts and their provenance",
        "",
        "A field marked *fact* below is written either as its bare value (`command_authority: "
        "joint`) or in full:",
        "",
        "```yaml",
        "command_authority:",
        "  value: receiving            # or unknown",
        "  certainty: reported         # established, reported, alleged or disputed",
        "  sources:",
        "    - {source: seed-dw-2024, pinpoint: para 30}",
        "  asserted_by: [UKR]",
        "  note: What the source says, and what it leaves open.",
        "```",
        "",
        "Rules that ask for a fact's certainty (`certainty_at_least`) read `certainty`; memos print "
        "it with every fact. A fact with `accounts` is disputed: the analysis gives the outcome on "
        "each account and names whose account leads where. A fact with `on` holds from that date "
        "(and has the value `before` until then), so one file can be evaluated at several dates "
        "(`--as-of`, `legal-analysis timeline`).",
        "",
    ]
    for model, where in PROVENANCE:
        out += [f"### {model.__name__}", "", where, "", *_field_table(model, None), ""]
    out += ["## Entities", ""]
    for model, where, prefix in ENTITIES:
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out += [f"### {model.__name__}", "", f"{doc} {where}"]
        if prefix is not None:
            out += ["", f"Fact keys (for `what-if --set` and in the JSON output): "
                        f"`{prefix}.<field>`."]
        out += ["", *_field_table(model, read), ""]
    out += [
        "## Derived facts",
        "",
        "Rules may also read these facts, which the engine computes from the others; `what-if "
        "--set` accepts them too (for example `states.UKR.bound.cat=false`).",
        "",
        "| entity | field | meaning | read by |",
        "|---|---|---|---|",
    ]
    for (kind, name), (_tp, meaning) in DERIVED.items():
        who = ", ".join(f"`{c}`" for c in read.get((kind, name), []))
        out.append(f"| {kind} | `{name}` | {md_cell(meaning)} | {who or '—'} |")
    out += [
        "",
        "## Treaty ids",
        "",
        "The ids used under a state's `treaties:` and in `bound.<treaty>`: "
        + ", ".join(f"`{t}`" for t in facts.TREATIES) + ".",
        "",
        "## Limits",
        "",
        "A scenario may hold only so many entities; past a limit the loader refuses it with one "
        "line naming the limit (exit code 2), before any evaluation. [limits.md](limits.md) "
        "gives the reasons and the measurements behind the numbers.",
        "",
        limits_table(),
        "",
        *warnings_section(),
    ]
    return "\n".join(out)


def limits_table() -> str:
    """The table of the limits on a scenario's entities (in both ``scenario-format.md`` and
    ``limits.md``)."""
    rows = ["| limit | at most | counts |", "|---|---|---|"]
    rows += [f"| `{lim.name}` | {lim.value:,} in one {lim.scope} | {md_cell(lim.where)} |"
             for lim in LIMITS]
    return "\n".join(rows)


def warnings_section() -> list[str]:
    """The section on warnings: their three kinds, the facts never warned about, the checks."""
    recorded = [f"    - `{field}` of a {kind}: {md_cell(why)};" for (kind, field), why in RECORDED.items()]
    checks = [f"    - {md_cell(check)};" for check in CHECKS]
    return [
        "## Warnings",
        "",
        "A scenario that loads may still say something to check. `legal-analysis validate` and "
        "`legal-analysis evaluate` print each warning on standard error, one line each "
        "(`path:line:col: field: warning: …`), and leave the exit code as it is; `--quiet` "
        "(`-q`) leaves them out. From Python, `scenario_warnings(scenario, rulebook, document)` "
        "returns them as objects with a kind, a location, a field and a message (the document, "
        "which locates them in the file, comes with the scenario from `read_scenario`):",
        "",
        "```python",
        "from legal_analysis import load_rulebook, read_scenario, scenario_warnings",
        "",
        'scenario, document = read_scenario("docs/examples/dprk-2025-01-12.yaml")',
        "for warning in scenario_warnings(scenario, load_rulebook(), document):",
        "    print(warning.kind, warning.location, warning.field, warning.message)",
        "```",
        "",
        "Three kinds:",
        "",
        "- **`unread`**: a fact given with sources (on the fact, or on one of its accounts) that "
        "no rule reads, so that it decides no conclusion and is not among the memo's facts: "
        "either no rule of the rule base reads that field at all, or the rules read it of "
        "other entities of the scenario but not of this one (a breach of an arms embargo is read "
        "of a sending state only). A fact whose questions do not arise in the scenario at all "
        "(a conflict's facts before anyone is captured) is not warned about, nor are these, which "
        "a scenario records for its reader:",
        *recorded[:-1], recorded[-1][:-1] + ".",
        "- **`unaskable`**: a person of whom some public question about persons cannot be "
        "asked, with the reason: no deployment named, no detaining power named, or no "
        "destination considered.",
        "- **`contradiction`**: facts that contradict each other, with the reason; each check "
        "reads a value given as of the scenario's date (an unknown or disputed fact contradicts "
        "nothing):",
        *checks[:-1], checks[-1][:-1] + ".",
        "",
    ]


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _label(labels: dict[str, str], value: Any) -> str:
    """A value's label; boolean values are labelled under the keys ``"True"`` and ``"False"``."""
    return labels.get(str(value), "")


def _authority_text(book: Rulebook, source: str, pinpoint: str | None, quote: str | None) -> str:
    src = book.registry.get(source)
    text = f"{cite(src, pinpoint, first=False)} (`{source}`)"
    if quote is not None:
        text += f" — quoted: `{quote}`"
    return md_cell(text)


def _rule_lines(book: Rulebook, rule: Rule) -> list[str]:
    spec = rule.spec
    gives = f"`{_value_text(spec.value)}`" if spec.value_from is None \
        else f"the state at `{spec.value_from}`"
    head = f"- **`{spec.id}`** → {gives}"
    extras = []
    if spec.priority:
        extras.append(f"rank {spec.priority}")
    if spec.defeats:
        extras.append("exception to " + ", ".join(f"`{d}`" for d in spec.defeats))
    if extras:
        head += " (" + "; ".join(extras) + ")"
    head += f" — in `rules/{Path(rule.location.path).name}`"
    said = spec.detail or spec.explain.holds
    lines = [head, f"  - Gives it when: {md_cell(said)}"]
    if spec.authorities:
        lines.append("  - Authorities: " + "; ".join(
            _authority_text(book, a.source, a.pinpoint, a.quote) for a in spec.authorities))
    if spec.contested is not None:
        lines.append(f"  - Contested: {md_cell(spec.contested.issue)}")
    return lines


def conclusions_section(book: Rulebook) -> str:
    """The generated block of ``docs/conclusions.md``: one section per public conclusion."""
    out = [f"<!-- Generated by docs/tools/gen_reference.py from the rule base (rules/*.yaml): do "
           f"not edit by hand. Regenerate with: {COMMAND} -->", ""]
    ids = sorted((c for c in book.conclusions if book.conclusions[c].spec.public),
                 key=lambda c: (book.conclusions[c].spec.order, c))
    out += ["| id | title | subject | values |", "|---|---|---|---|"]
    for cid in ids:
        spec = book.conclusions[cid].spec
        values = "a list of " + ", ".join(f"{v}s" for v in spec.values) \
            if spec.combine == "union" else ", ".join(f"`{_value_text(v)}`" for v in spec.values)
        out.append(f"| [`{cid}`](#{cid}) | {md_cell(spec.title)} | "
                   + ", ".join(f"`{r}`" for r in spec.subject) + f" | {values} |")
    out.append("")
    for cid in ids:
        c = book.conclusions[cid]
        spec = c.spec
        out += [f"### {cid}", "", f"**{spec.title}.** {spec.question}", ""]
        if spec.description:
            out += [" ".join(spec.description.split()), ""]
        out.append("- Subject: " + ", ".join(f"`{r}` (a {k})" for r, k in spec.subject.items()))
        if spec.combine == "union":
            out.append("- Value: the list of every value the applicable rules give (for example "
                       "every state to which conduct is attributable).")
        else:
            out.append("- Values: " + "; ".join(
                f"`{_value_text(v)}`" + (f" — {_label(spec.labels, v)}" if _label(spec.labels, v)
                                        else "") for v in spec.values))
        if spec.section:
            out.append(f"- Mapped in: {spec.section}")
        if spec.default is not None:
            d = spec.default
            out.append(f"- Default `{_value_text(d.value)}` when every rule is known not to apply: "
                       + md_cell(d.explain) + " Authorities: " + "; ".join(
                           _authority_text(book, a.source, a.pinpoint, a.quote)
                           for a in d.authorities))
        out += ["", "Rules (a higher rank prevails; an exception displaces the rule it defeats; "
                    "`legal-analysis rules show ID` prints a rule's condition in full):", ""]
        for rule in c.rules:
            out += _rule_lines(book, rule)
        out.append("")
    return "\n".join(out)


def rule_fields() -> str:
    """The generated block ``rule-fields`` of ``docs/rule-format.md``: the rule files' fields."""
    out = [f"<!-- Generated by docs/tools/gen_reference.py from "
           f"src/legal_analysis/ruleset/schema.py: do not edit by hand. Regenerate with: "
           f"{COMMAND} -->", ""]
    for model, where in RULE_MODELS:
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out += [f"#### {model.__name__}", "", f"{doc} {where}", "", *_field_table(model, None), ""]
    return "\n".join(out)


def condition_operators() -> str:
    """The generated block ``operators`` of ``docs/rule-format.md``."""
    return "\n".join([
        "- Fact tests (`{fact: PATH, OP: OPERAND}`): " + ", ".join(f"`{o}`" for o in FACT_OPS) + ".",
        "- Conclusion tests (`{conclusion: ID, subject: {ROLE: PATH}, OP: OPERAND}`): "
        + ", ".join(f"`{o}`" for o in CONCLUSION_OPS) + "."])


def expected(book: Rulebook | None = None) -> dict[Path, str]:
    """Every file this script writes, with the content it should have now."""
    book = book if book is not None else load_rulebook()
    conclusions = fill_blocks(CONCLUSIONS.read_text(encoding="utf-8"),
                              {"conclusions": conclusions_section(book)})
    rule_format = fill_blocks(RULE_FORMAT.read_text(encoding="utf-8"),
                              {"rule-fields": rule_fields(), "operators": condition_operators()})
    limits = fill_blocks(LIMITS_PAGE.read_text(encoding="utf-8"), {"limits": limits_table()})
    return {SCENARIO_FORMAT: scenario_format(book), CONCLUSIONS: conclusions,
            RULE_FORMAT: rule_format, LIMITS_PAGE: limits}


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or, with ``--check``, only compare) the reference files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1)")
    parser.add_argument("--rules", type=Path, default=None, help="a rules folder (default: shipped)")
    args = parser.parse_args(argv)
    files = expected(load_rulebook(args.rules))
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
