"""Loading the rule base: topic files, the sources registry and treaty-participation data.

Everything is checked on load, with ``file:line:col`` and did-you-mean: the schema of each file,
every fact path against the scenario model, every conclusion and source a rule names, every
placeholder in its sentences, and cycles between conclusions.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..documents import Document, PathKey, dotted, read_document
from ..errors import Location, RuleError, did_you_mean, one_of
from ..facts import TREATIES, TreatyParticipation
from ..sources import Registry, load_registry
from ..validation import raise_located
from .conditions import (
    CONCLUSION_OPS,
    DATE_OPS,
    FACT_OPS,
    NUMBER_OPS,
    STANDARDS,
    All,
    Always,
    AnyOf,
    ConclusionTest,
    Condition,
    FactTest,
    Not,
    conclusion_tests,
    fact_tests,
    preorder,
)
from .paths import PathError, PathInfo, check_path
from .schema import Authority, ConclusionSpec, Position, RuleFile, RuleSpec

SOURCES_FILE = "sources.yaml"
PARTICIPATION_FILE = Path("data") / "treaty_participation.yaml"


@dataclass(frozen=True)
class Rule:
    """A checked rule, with where it stands and what it reads."""

    spec: RuleSpec
    when: Condition
    where: Condition | None
    location: Location
    paths: dict[str, PathInfo]
    depends_on: tuple[str, ...]
    where_paths: tuple[str, ...]
    equalities: tuple[tuple[str, str], ...] = ()
    """(variable, path) pairs the 'where' filter requires to be equal: the engine binds such a
    variable to what the path names instead of trying every entity."""
    nodes: tuple[Condition, ...] = ()
    """Every node of the condition ``when``, in preorder (as a traced evaluation numbers them)."""

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def cited_at(self) -> str:
        """Where the rule stands, as ``folder/file.yaml:line:col`` (the same on every machine)."""
        path = Path(self.location.path)
        return f"{path.parent.name}/{path.name}:{self.location.line}:{self.location.col}"


@dataclass(frozen=True)
class Conclusion:
    """A declared conclusion and the rules that support it."""

    id: str
    spec: ConclusionSpec
    location: Location
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Rulebook:
    """The whole rule base, checked and ready to evaluate."""

    conclusions: dict[str, Conclusion]
    rules: dict[str, Rule]
    registry: Registry
    participation: dict[str, dict[str, TreatyParticipation]]
    state_names: dict[str, str]
    directory: Path
    order: tuple[str, ...] = field(default=())
    """Conclusion ids in dependency order (a conclusion after those it depends on)."""


def default_rules_dir() -> Path:
    """The rules shipped with the package (inside the wheel), or the checkout's ``rules/``."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def _sources_path(directory: str | Path | None) -> tuple[Path, Path]:
    """A rules folder (default: the shipped one) and its sources registry, both checked to exist."""
    root = Path(directory) if directory is not None else default_rules_dir()
    if not root.is_dir():
        raise RuleError("the rules folder does not exist", location=Location(str(root)),
                        expected="a folder holding sources.yaml and topic files")
    sources_path = root / SOURCES_FILE
    if not sources_path.exists():
        raise RuleError("the sources registry is missing", location=Location(str(sources_path)))
    return root, sources_path


def load_sources(directory: str | Path | None = None) -> Registry:
    """The sources registry of the rule base in ``directory`` (default: the shipped rule base),
    without the rules: enough to check a scenario's citations."""
    return load_registry(_sources_path(directory)[1])


def load_rulebook(directory: str | Path | None = None) -> Rulebook:
    """Load and check every rule file in ``directory`` (default: the shipped rule base)."""
    root, sources_path = _sources_path(directory)
    registry = load_registry(sources_path)
    participation, names = _load_participation(root / PARTICIPATION_FILE, registry)
    files = sorted(p for p in root.glob("*.yaml")
                   if p.name != SOURCES_FILE and not p.name.startswith("."))
    specs: list[tuple[Document, RuleFile]] = []
    for path in files:
        doc = read_document(path, RuleError, regular_only=True)
        if not isinstance(doc.data, dict):
            raise RuleError("a rule file must be a mapping", location=doc.locate(()),
                            expected="the keys topic, conclusions, rules")
        try:
            specs.append((doc, RuleFile.model_validate(doc.data)))
        except ValidationError as exc:
            raise_located(exc, doc, RuleFile, RuleError)
    return _assemble(specs, registry, participation, names, root)


def _load_participation(
    path: Path, registry: Registry
) -> tuple[dict[str, dict[str, TreatyParticipation]], dict[str, str]]:
    if not path.exists():
        return {}, {}
    doc = read_document(path, RuleError, regular_only=True)
    data = doc.data if isinstance(doc.data, dict) else {}
    states = data.get("states") or {}
    if not isinstance(states, dict):
        raise RuleError("'states' must be a mapping of state codes", location=doc.locate(("states",)))
    out: dict[str, dict[str, TreatyParticipation]] = {}
    names: dict[str, str] = {}
    for code, entry in states.items():
        if not isinstance(entry, dict):
            raise RuleError("each state must be a mapping", location=doc.locate(("states", code)))
        names[code] = str(entry.get("name", code))
        treaties = entry.get("treaties") or {}
        out[code] = {}
        for tid, raw in treaties.items():
            key: PathKey = ("states", code, "treaties", tid)
            if tid not in TREATIES:
                raise RuleError(f"unknown treaty {tid!r}", location=doc.locate(key),
                                field=dotted(key), expected="one of " + ", ".join(TREATIES),
                                suggestion=did_you_mean(tid, TREATIES))
            try:
                tp = TreatyParticipation.model_validate(raw)
            except ValidationError as exc:
                raise_located(exc, doc, TreatyParticipation, RuleError, key)
                raise  # pragma: no cover
            for i, ref in enumerate(tp.sources):
                _need_source(registry, ref.source, doc, (*key, "sources", i))
            out[code][tid] = tp
    return out, names


def _need_source(registry: Registry, source: str, doc: Document, key: PathKey) -> None:
    if source not in registry:
        raise RuleError(f"unknown source {source!r}", location=doc.locate(key), field=dotted(key),
                        expected="an id registered in rules/sources.yaml",
                        suggestion=did_you_mean(source, registry.ids()))


def _assemble(specs: list[tuple[Document, RuleFile]], registry: Registry,
              participation: dict[str, dict[str, TreatyParticipation]], names: dict[str, str],
              root: Path) -> Rulebook:
    declared: dict[str, tuple[ConclusionSpec, Location, Document]] = {}
    for doc, rf in specs:
        for cid, cspec in rf.conclusions.items():
            loc = doc.locate(("conclusions", cid))
            if cid in declared:
                raise RuleError(f"the conclusion {cid!r} is declared twice (first at "
                                f"{declared[cid][1]})", location=loc, field=f"conclusions.{cid}")
            _check_placeholders(cspec.question, set(cspec.subject), doc,
                                ("conclusions", cid, "question"))
            if cspec.default is not None:
                _check_authorities(cspec.default.authorities, registry, doc,
                                   ("conclusions", cid, "default", "authorities"))
                _check_value(cspec, cspec.default.value, doc, ("conclusions", cid, "default", "value"))
            declared[cid] = (cspec, loc, doc)
    rules: dict[str, Rule] = {}
    by_conclusion: dict[str, list[Rule]] = {cid: [] for cid in declared}
    for doc, rf in specs:
        for i, rspec in enumerate(rf.rules):
            rule = _check_rule(rspec, doc, ("rules", i), declared, registry)
            if rule.id in rules:
                raise RuleError(f"the rule id {rule.id!r} is used twice (first at "
                                f"{rules[rule.id].location})", location=rule.location,
                                field=f"rules[{i}].id")
            rules[rule.id] = rule
            by_conclusion[rspec.conclusion].append(rule)
    for rule in rules.values():
        for j, target in enumerate(rule.spec.defeats):
            if target not in rules and target not in declared:
                raise RuleError(f"the rule defeats {target!r}, which is neither a rule nor a "
                                "conclusion", location=rule.location, field=f"defeats[{j}]",
                                suggestion=did_you_mean(target, [*rules, *declared]))
            if target in rules and rules[target].spec.conclusion != rule.spec.conclusion:
                raise RuleError(f"the rule defeats {target!r}, a rule of another conclusion",
                                location=rule.location, field=f"defeats[{j}]",
                                expected=f"a rule of {rule.spec.conclusion!r}")
    _refuse_exception_loops(rules)
    conclusions = {
        cid: Conclusion(cid, spec, loc, tuple(by_conclusion[cid]))
        for cid, (spec, loc, _doc) in declared.items()
    }
    order = _topological_order(conclusions)
    return Rulebook(conclusions, rules, registry, participation, names, root, order)


def _defeated_by_rule(rules: Mapping[str, Rule], rule: Rule) -> list[str]:
    """The rules ``rule`` defeats: those it names, and every other rule of a conclusion it names."""
    out: list[str] = []
    for target in rule.spec.defeats:
        if target in rules:
            out.append(target)
        else:
            out.extend(r.id for r in rules.values()
                       if r.spec.conclusion == target and r.id != rule.id)
    return list(dict.fromkeys(out))


def _refuse_exception_loops(rules: Mapping[str, Rule]) -> None:
    """Refuse exceptions that defeat each other in a loop (a → b → a): no rule of the loop
    could be decided. The error points at the rule that closes the loop."""
    graph = {rid: _defeated_by_rule(rules, r) for rid, r in rules.items()}
    state: dict[str, int] = {}

    def visit(rid: str, path: list[str]) -> None:
        if state.get(rid) == 2:
            return
        if state.get(rid) == 1:
            loop = path[path.index(rid):]
            closer = rules[loop[-2]]
            raise RuleError("exceptions defeat each other in a loop: " + " → ".join(loop),
                            location=closer.location, field=f"rule {closer.id}: defeats",
                            expected="exceptions that do not lead back to the rule they defeat")
        state[rid] = 1
        for target in graph[rid]:
            visit(target, [*path, target])
        state[rid] = 2

    for rid in sorted(graph):
        visit(rid, [rid])


def _check_rule(spec: RuleSpec, doc: Document, key: PathKey,
                declared: dict[str, tuple[ConclusionSpec, Location, Document]],
                registry: Registry) -> Rule:
    loc = doc.locate(key)
    if spec.conclusion not in declared:
        raise RuleError(f"unknown conclusion {spec.conclusion!r}", location=doc.locate(
            (*key, "conclusion")), field=f"{dotted(key)}.conclusion",
            suggestion=did_you_mean(spec.conclusion, declared),
            expected="a conclusion declared under 'conclusions:' in a rule file")
    cspec = declared[spec.conclusion][0]
    variables = dict(spec.for_)
    paths: dict[str, PathInfo] = {}

    def path(p: str, k: PathKey) -> PathInfo:
        if not isinstance(p, str):
            raise RuleError("a path must be text", location=doc.locate(k), field=dotted(k),
                            expected="a dotted path such as deployment.command_authority")
        try:
            info = check_path(p, variables)
        except PathError as exc:
            raise RuleError(str(exc), location=doc.locate(k), field=dotted(k),
                            suggestion=exc.suggestion, expected=exc.expected) from None
        paths[p] = info
        return info

    if set(spec.subject) != set(cspec.subject):
        raise RuleError(f"the subject's roles {sorted(spec.subject)} differ from those of "
                        f"{spec.conclusion!r}", location=doc.locate((*key, "subject")),
                        field=f"{dotted(key)}.subject", expected=", ".join(sorted(cspec.subject)))
    for role, p in spec.subject.items():
        info = path(p, (*key, "subject", role))
        kind = info.end_kind
        want = cspec.subject[role]
        if info.end.role != "ref" or kind != want:
            raise RuleError(f"the subject role {role!r} must name a {want}",
                            location=doc.locate((*key, "subject", role)),
                            field=f"{dotted(key)}.subject.{role}",
                            expected=f"a path to a {want}")
    if (spec.value is None) == (spec.value_from is None):
        raise RuleError("a rule needs exactly one of 'value' and 'value_from'", location=loc,
                        field=dotted(key))
    if spec.value is not None:
        _check_value(cspec, spec.value, doc, (*key, "value"))
    if spec.value_from is not None:
        path(spec.value_from, (*key, "value_from"))
    when = parse_condition(spec.when, doc, (*key, "when"), path, declared)
    where = parse_condition(spec.where, doc, (*key, "where"), path, declared) \
        if spec.where is not None else None
    if where is not None:
        for t in fact_tests(where):
            if paths[t.path].is_fact:
                raise RuleError("'where' may only test plain data (ids, names, lists), not facts",
                                location=t.location, field=f"{dotted(key)}.where",
                                expected="a fact test under 'when'")
    _check_authorities(spec.authorities, registry, doc, (*key, "authorities"))
    _check_positions(spec.positions, registry, doc, (*key, "positions"))
    if spec.contested is not None:
        for j, view in enumerate(spec.contested.views):
            _check_authorities(view.authorities, registry, doc,
                               (*key, "contested", "views", j, "authorities"))
            _check_positions(view.positions, registry, doc,
                             (*key, "contested", "views", j, "positions"))
            if not view.authorities and not view.positions:
                raise RuleError("a view needs an authority or a named holder",
                                location=doc.locate((*key, "contested", "views", j)),
                                field=dotted((*key, "contested", "views", j)),
                                expected="'authorities' or 'positions'")
    names = set(variables) | set(spec.subject)
    _check_placeholders(spec.explain.holds, names, doc, (*key, "explain", "holds"))
    _check_placeholders(spec.explain.fails, names, doc, (*key, "explain", "fails"))
    if spec.detail:
        _check_placeholders(spec.detail, names, doc, (*key, "detail"))
    depends = tuple(sorted({t.conclusion for t in conclusion_tests(when)}))

    where_paths = tuple(dict.fromkeys(
        p for t in (fact_tests(where) if where is not None else [])
        for p in (t.path, t.operand_path) if p))
    return Rule(spec, when, where, loc, paths, depends, where_paths,
                _equalities(where, variables) if where is not None else (),
                tuple(preorder(when)))


def _equalities(where: Condition, variables: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for t in _conjuncts(where):
        if not isinstance(t, FactTest) or t.op != "same_as" or t.operand_path is None:
            continue
        for var, path in ((t.operand_path, t.path), (t.path, t.operand_path)):
            if var in variables and "." in path and path.split(".")[0] != var:
                out.append((var, path))
                break
    return tuple(out)


def _conjuncts(c: Condition) -> list[Condition]:
    """The tests a condition requires together, nested 'all' flattened."""
    return [t for item in c.items for t in _conjuncts(item)] if isinstance(c, All) else [c]


def _check_value(cspec: ConclusionSpec, value: Any, doc: Document, key: PathKey) -> None:
    if value not in cspec.values:
        raise RuleError(f"{value!r} is not a value of this conclusion", location=doc.locate(key),
                        field=dotted(key),
                        expected="one of " + ", ".join(str(v) for v in cspec.values),
                        suggestion=did_you_mean(str(value), [str(v) for v in cspec.values]))


NOT_LAW: frozenset[str] = frozenset({"news", "report"})
"""Kinds of document that are never an authority for a rule: they support facts, or are cited
as a named holder's position (``positions:``)."""


def _check_authorities(auths: tuple[Authority, ...], registry: Registry, doc: Document,
                       key: PathKey) -> None:
    for i, a in enumerate(auths):
        _need_source(registry, a.source, doc, (*key, i, "source"))
        kind = registry.sources[a.source].kind
        if kind in NOT_LAW:
            raise RuleError(
                f"{a.source!r} is a {kind.replace('_', ' ')} document, not an authority of law",
                location=doc.locate((*key, i, "source")), field=dotted((*key, i, "source")),
                expected="a treaty, case, commentary, UN document or official statement; cite "
                         "the document under 'positions' with who holds the view")
        _check_quote(a.quote, a.source, registry, doc, (*key, i, "quote"))


def _check_positions(positions: tuple[Position, ...], registry: Registry, doc: Document,
                     key: PathKey) -> None:
    for i, p in enumerate(positions):
        _need_source(registry, p.source, doc, (*key, i, "source"))
        _check_quote(p.quote, p.source, registry, doc, (*key, i, "quote"))


def _check_quote(quote: str | None, source: str, registry: Registry, doc: Document,
                 key: PathKey) -> None:
    if quote is None:
        return
    if quote not in registry.quotations:
        raise RuleError(f"unknown quotation {quote!r}", location=doc.locate(key), field=dotted(key),
                        suggestion=did_you_mean(quote, registry.quotations))
    if registry.quotations[quote].source != source:
        raise RuleError(f"the quotation {quote!r} is from {registry.quotations[quote].source!r}, "
                        f"not {source!r}", location=doc.locate(key), field=dotted(key),
                        expected=f"a quotation of {source!r}")


def _check_placeholders(text: str, names: set[str], doc: Document, key: PathKey) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise RuleError(f"malformed placeholder: {exc}", location=doc.locate(key),
                        field=dotted(key), expected="{name} with a name the rule binds") from None
    for f in fields:
        if f not in names:
            raise RuleError(f"unknown placeholder {{{f}}}", location=doc.locate(key),
                            field=dotted(key), suggestion=did_you_mean(f, names),
                            expected=one_of(("{" + n + "}" for n in sorted(names)),
                                            "text without placeholders: no name is bound here"))


def parse_condition(raw: Any, doc: Document, key: PathKey, path: Any,
                    declared: dict[str, Any]) -> Condition:
    """Parse one condition node (see :mod:`.conditions`), checking paths and operators."""
    loc = doc.locate(key)
    field = dotted(key)
    if not isinstance(raw, dict) or not raw:
        raise RuleError("a condition must be a mapping", location=loc, field=field,
                        expected="all, any, not, always, fact or conclusion")
    if "all" in raw or "any" in raw:
        op = "all" if "all" in raw else "any"
        items = raw[op]
        if len(raw) != 1 or not isinstance(items, list) or not items:
            raise RuleError(f"'{op}' takes a non-empty list of conditions and nothing else",
                            location=loc, field=field)
        parsed = tuple(parse_condition(c, doc, (*key, op, i), path, declared)
                       for i, c in enumerate(items))
        return All(parsed, loc) if op == "all" else AnyOf(parsed, loc)
    if "not" in raw:
        if len(raw) != 1:
            raise RuleError("'not' takes one condition and nothing else", location=loc, field=field)
        return Not(parse_condition(raw["not"], doc, (*key, "not"), path, declared), loc)
    if "always" in raw:
        if len(raw) != 1 or not isinstance(raw["always"], bool):
            raise RuleError("'always' takes true or false", location=loc, field=field)
        return Always(raw["always"], loc)
    if "fact" in raw:
        return _parse_fact_test(raw, doc, key, path)
    if "conclusion" in raw:
        return _parse_conclusion_test(raw, doc, key, path, declared)
    word = next(iter(raw))
    raise RuleError(f"unknown condition {word!r}", location=doc.locate((*key, word)), field=field,
                    expected="all, any, not, always, fact or conclusion",
                    suggestion=did_you_mean(word, ["all", "any", "not", "always", "fact",
                                                   "conclusion"]))


def _one_op(raw: dict[str, Any], allowed: tuple[str, ...], doc: Document, key: PathKey,
            head: str) -> str:
    ops = [k for k in raw if k not in (head, "subject", "standard")]
    if len(ops) != 1 or ops[0] not in allowed:
        bad = next((k for k in ops if k not in allowed), None)
        raise RuleError(f"unknown test {bad!r}" if bad else "a test needs exactly one operator",
                        location=doc.locate((*key, bad) if bad else key), field=dotted(key),
                        expected="one of " + ", ".join(allowed),
                        suggestion=did_you_mean(bad, allowed) if bad else None)
    return ops[0]


def _parse_fact_test(raw: dict[str, Any], doc: Document, key: PathKey, path: Any) -> FactTest:
    op = _one_op(raw, FACT_OPS, doc, key, "fact")
    info: PathInfo = path(raw["fact"], (*key, "fact"))
    operand = raw[op]
    operand_path: str | None = None
    okey = (*key, op)
    loc = doc.locate(key)
    vtype = info.end.value_type
    if op == "same_as":
        path(operand, okey)
        operand_path = operand
    elif op == "contains" and isinstance(operand, dict):
        if set(operand) != {"path"}:
            raise RuleError("a path operand is written {path: …}", location=doc.locate(okey),
                            field=dotted(okey))
        path(operand["path"], (*okey, "path"))
        operand_path = operand["path"]
    elif op in ("is_unknown", "known"):
        if not isinstance(operand, bool):
            raise RuleError(f"'{op}' takes true or false", location=doc.locate(okey),
                            field=dotted(okey))
    elif op == "certainty_at_least":
        if operand not in ("alleged", "reported", "established"):
            raise RuleError(f"{operand!r} is not a certainty", location=doc.locate(okey),
                            field=dotted(okey), expected="alleged, reported or established")
        if not info.end.role == "fact":
            raise RuleError("only stated facts have a certainty", location=doc.locate(okey),
                            field=dotted(okey))
    elif op in DATE_OPS:
        if vtype is not dt.date:
            raise RuleError(f"'{op}' compares dates, but {raw['fact']!r} is not a date",
                            location=doc.locate(okey), field=dotted(okey))
        if operand != "as_of" and not isinstance(operand, dt.date):
            raise RuleError("the operand is not a date", location=doc.locate(okey),
                            field=dotted(okey), expected="a date such as 2025-04-28, or as_of")
    elif op in NUMBER_OPS:
        if vtype not in (int, float) or isinstance(operand, bool) or \
                not isinstance(operand, (int, float)):
            raise RuleError(f"'{op}' compares numbers", location=doc.locate(okey),
                            field=dotted(okey), expected="a numeric fact and a number")
    elif op == "in":
        if not isinstance(operand, list) or not operand:
            raise RuleError("'in' takes a non-empty list", location=doc.locate(okey),
                            field=dotted(okey))
        for i, v in enumerate(operand):
            _check_in_domain(info, v, doc, (*okey, i))
        operand = tuple(operand)
    elif op in ("equals", "not_equals"):
        _check_in_domain(info, operand, doc, okey)
    return FactTest(raw["fact"], op, operand, operand_path, loc,
                    _standard(raw, op, info, doc, key))


def _standard(raw: dict[str, Any], op: str, info: PathInfo, doc: Document,
              key: PathKey) -> str | None:
    """A fact test's ``standard`` (see :mod:`.conditions`), checked."""
    if "standard" not in raw:
        return None
    skey = (*key, "standard")
    given = raw["standard"]
    if given not in STANDARDS:
        raise RuleError(f"{given!r} is not a standard of proof", location=doc.locate(skey),
                        field=dotted(skey), expected="alleged, reported or established",
                        suggestion=did_you_mean(str(given), STANDARDS))
    if op in ("known", "is_unknown", "certainty_at_least"):
        raise RuleError(f"'{op}' reads whether a fact is known or how sure it is, so a "
                        "standard has no meaning here", location=doc.locate(skey),
                        field=dotted(skey), expected="a test of the fact's value")
    if info.end.role != "fact":
        raise RuleError("only stated facts have a certainty", location=doc.locate(skey),
                        field=dotted(skey), expected="a standard on a stated fact")
    return str(given)


def _check_in_domain(info: PathInfo, value: Any, doc: Document, key: PathKey) -> None:
    domain = info.end.domain
    if domain is not None and value not in domain:
        raise RuleError(f"{value!r} is not a possible value of this fact", location=doc.locate(key),
                        field=dotted(key),
                        expected="one of " + ", ".join(str(v).lower() if isinstance(v, bool)
                                                       else str(v) for v in domain),
                        suggestion=did_you_mean(str(value), [str(v) for v in domain]))


def _parse_conclusion_test(raw: dict[str, Any], doc: Document, key: PathKey, path: Any,
                           declared: dict[str, Any]) -> ConclusionTest:
    cid = raw["conclusion"]
    if not isinstance(cid, str) or cid not in declared:  # a list or a mapping is no id either
        raise RuleError(f"unknown conclusion {cid!r}", location=doc.locate((*key, "conclusion")),
                        field=dotted((*key, "conclusion")),
                        suggestion=did_you_mean(cid, declared) if isinstance(cid, str) else None)
    cspec: ConclusionSpec = declared[cid][0]
    subject = raw.get("subject")
    if not isinstance(subject, dict) or set(subject) != set(cspec.subject):
        raise RuleError(f"the subject must give the roles of {cid!r}",
                        location=doc.locate((*key, "subject")), field=dotted((*key, "subject")),
                        expected="{" + ", ".join(f"{r}: <path to a {k}>"
                                                 for r, k in cspec.subject.items()) + "}")
    for role, p in subject.items():
        info: PathInfo = path(p, (*key, "subject", role))
        want = cspec.subject[role]
        ok = (info.end.role == "ref" and info.end_kind == want) or (
            want in ("state", "destination") and info.end.role == "fact"
            and info.end.value_type is str)
        if not ok:
            raise RuleError(f"the subject role {role!r} must name a {want}",
                            location=doc.locate((*key, "subject", role)),
                            field=dotted((*key, "subject", role)))
    op = _one_op(raw, CONCLUSION_OPS, doc, key, "conclusion")
    operand = raw[op]
    if op == "in":
        operand = tuple(operand) if isinstance(operand, list) else operand
        for v in operand if isinstance(operand, tuple) else ():
            _check_value(cspec, v, doc, (*key, op))
    elif op == "equals":
        _check_value(cspec, operand, doc, (*key, op))
    return ConclusionTest(cid, tuple(subject.items()), op, operand, doc.locate(key))


def _topological_order(conclusions: dict[str, Conclusion]) -> tuple[str, ...]:
    graph = {cid: sorted({d for r in c.rules for d in r.depends_on})
             for cid, c in conclusions.items()}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(cid: str, stack: list[str]) -> None:
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            cycle = stack[stack.index(cid):]  # ends where it began: a → b → a
            culprit = next(r for r in conclusions[stack[-2]].rules if cid in r.depends_on)
            raise RuleError("conclusions depend on each other in a cycle: " + " → ".join(cycle),
                            location=culprit.location, field=f"rule {culprit.id}",
                            expected="rules that chain without returning to where they began")
        state[cid] = 1
        for dep in graph[cid]:
            visit(dep, [*stack, dep])
        state[cid] = 2
        order.append(cid)

    for cid in sorted(conclusions):
        visit(cid, [cid])
    return tuple(order)
