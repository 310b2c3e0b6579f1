"""Checks of a format-2 scenario beyond its shape, driven by the declaration: every reference
names an entity of the right kind (with did-you-mean), fields fit the variant of entity they stand
in, disputed facts' accounts give possible values, and each field's declared constraints hold (the
structures hold together: a conflict has two sides, nobody fights on both …).

Each check raises :class:`~legal_analysis.errors.ScenarioError` with the place in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..core import UNKNOWN
from ..documents import Document, PathKey, dotted, lookup
from ..errors import ScenarioError, did_you_mean
from ..schema import NONE, SCHEMA, SPEAKERS, Constraint, Field, Type
from .fact import Fact, fact_value_type, written_in_full
from .walk import Entity, iter_entities, iter_facts

RESERVED_IDS = frozenset({"unknown", NONE})
"""Words that stand for a value and so cannot be ids."""


class _Ids:
    """The ids a scenario defines, by kind, and the variant of each (a party's kind)."""

    def __init__(self, s: BaseModel) -> None:
        self.by_kind: dict[str, list[str]] = {}
        self.variant: dict[str, dict[str, str]] = {}
        for name, kind_name in SCHEMA.collections().items():
            entities = getattr(s, name)
            self.by_kind[kind_name] = list(entities)
            variant = SCHEMA.kind(kind_name).variant
            if variant:
                self.variant[kind_name] = {k: getattr(e, variant) for k, e in entities.items()}


def _error(doc: Document, key: PathKey, message: str, expected: str | None = None,
           suggestion: str | None = None) -> ScenarioError:
    return ScenarioError(message, location=doc.locate(key), field=dotted(key) or None,
                         expected=expected, suggestion=suggestion)


def _label(kind: str) -> str:
    return SCHEMA.kind(kind).title.lower()


def check_scenario(s: BaseModel, doc: Document) -> None:
    """Run every check on a validated scenario; raise at the first problem."""
    ids = _Ids(s)
    for collection in SCHEMA.collections():
        for eid in getattr(s, collection):
            if eid in RESERVED_IDS:
                raise _error(doc, (collection, eid), f"{eid!r} cannot be an id: it stands for a "
                             "value", expected="another id")
    for entity in iter_entities(s):
        _check_entity(entity, ids, doc)
    for key, _f, fact, _entity in iter_facts(s):
        _check_provenance(key, fact, ids, doc)
    for entity in iter_entities(s):
        for f in entity.kind.fields:
            for c in f.constraints:
                _check_constraint(s, entity, f, c, doc)


def _check_entity(entity: Entity, ids: _Ids, doc: Document) -> None:
    kind = entity.kind
    for f in kind.fields:
        key = (*entity.key, f.name)
        value = entity.get(f.name)
        if f.variants and kind.variant and f.name in entity.model.model_fields_set \
                and entity.get(kind.variant) not in f.variants:
            own = SCHEMA.variant_label(kind.name, entity.get(kind.variant))
            only = " or ".join(SCHEMA.variant_label(kind.name, v) for v in f.variants)
            raise _error(doc, key, f"only {only} has {f.name!r}; this {_label(kind.name)} is {own}",
                         expected=f"'{kind.variant}: {f.variants[0]}', or no {f.name!r}")
        if f.type is Type.MAP and f.keyed_by:
            for k in value:
                _need(doc, (*key, k), k, f, ids, as_key=True)
        if f.type in (Type.REF, Type.REFS, Type.GROUPED):
            for where, ref in _references(f, value, key, doc):
                _need(doc, where, ref, f, ids)


def _references(f: Field, value: Any, key: PathKey, doc: Document) -> Iterator[tuple[PathKey, str]]:
    """Each id a reference field holds, with where it stands in the file."""
    if not f.fact:
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, tuple):
            yield from (((*key, i), v) for i, v in enumerate(value))
        return
    fact: Fact[Any] = value
    spoken = written_in_full(lookup(doc.data, key))
    for where, v in ((((*key, "value") if spoken else key), fact.value), ((*key, "before"), fact.before),
                     *(((*key, "accounts", j, "value"), a.value)
                       for j, a in enumerate(fact.accounts))):
        yield from _ids_in(f, v, where, doc)


def _ids_in(f: Field, v: Any, where: PathKey, doc: Document) -> Iterator[tuple[PathKey, str]]:
    if v is UNKNOWN or v is None:
        return
    if isinstance(v, str):
        yield where, v
    elif isinstance(v, tuple | list):
        yield from (((*where, i), item) for i, item in enumerate(v))
    elif isinstance(v, BaseModel):  # grouped: one list per value of the domain
        written = lookup(doc.data, where)
        for group in f.choices:
            inner = (*where, group.value) if isinstance(written, dict) else where
            yield from (((*inner, i), item) for i, item in enumerate(getattr(v, group.value)))


def _need(doc: Document, key: PathKey, value: str, f: Field, ids: _Ids,
          as_key: bool = False) -> None:
    if value == NONE and f.none and not as_key:
        return
    target = (f.keyed_by if as_key else f.target) or ""
    known = ids.by_kind[target]
    variants = ids.variant.get(target, {})
    wanted = f.target_variants if not as_key else ()
    if value not in known:
        allowed = [k for k in known if not wanted or variants.get(k) in wanted]
        extra = [NONE] if f.none and not as_key else []
        raise _error(doc, key, f"{value!r} is not {_a(_label(target))} of this scenario",
                     expected=f"one of {', '.join(sorted(allowed) + extra) or '(none defined)'}",
                     suggestion=did_you_mean(value, allowed + extra))
    if wanted and variants.get(value) not in wanted:
        allowed = sorted(k for k in known if variants.get(k) in wanted)
        raise _error(doc, key, f"{value!r} is {SCHEMA.variant_label(target, variants[value])}, "
                     f"not {' or '.join(SCHEMA.variant_label(target, v) for v in wanted)}",
                     expected=f"one of {', '.join(allowed) or '(none defined)'}")


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _check_provenance(key: PathKey, fact: Fact[Any], ids: _Ids, doc: Document) -> None:
    speakers = [i for kind in SPEAKERS for i in ids.by_kind[kind]]
    for name in ("asserted_by", "denied_by"):
        for j, who in enumerate(getattr(fact, name)):
            _speaker(doc, (*key, name, j), who, speakers)
    adapter: TypeAdapter[Any] | None = None
    for j, account in enumerate(fact.accounts):
        for k, who in enumerate(account.by):
            _speaker(doc, (*key, "accounts", j, "by", k), who, speakers)
        adapter = adapter or TypeAdapter(fact_value_type(type(fact)))
        try:
            adapter.validate_python(account.value)
        except ValidationError:
            raise _error(doc, (*key, "accounts", j, "value"),
                         f"{account.value!r} is not a possible value of this fact") from None


def _speaker(doc: Document, key: PathKey, who: str, speakers: list[str]) -> None:
    if who not in speakers:
        raise _error(doc, key, f"{who!r} is not {' or '.join(_a(_label(k)) for k in SPEAKERS)} "
                     "of this scenario",
                     expected=f"one of {', '.join(sorted(speakers))}",
                     suggestion=did_you_mean(who, speakers))


def _check_constraint(s: BaseModel, entity: Entity, f: Field, c: Constraint,
                      doc: Document) -> None:
    key = (*entity.key, f.name)
    value = entity.get(f.name)
    if c.test == "at_least":
        if len(value) < int(c.arg):
            raise _error(doc, key, c.message, expected=c.expected)
        return
    if c.test == "distinct":
        seen: set[str] = set()
        for i, item in enumerate(value):
            for j, ref in enumerate(getattr(item, str(c.arg))):
                if ref in seen:
                    raise _error(doc, (*key, i, str(c.arg), j) if isinstance(
                        lookup(doc.data, (*key, i)), dict) else (*key, i, j),
                                 c.message.format(value=repr(ref)), expected=c.expected)
                seen.add(ref)
        return
    where = _value_key(doc, key) if f.fact else key
    v = value.value if f.fact else value
    if v is UNKNOWN or v is None:
        return
    if c.test == "exclusive":
        groups = [set(getattr(v, choice.value)) for choice in f.choices]
        both = sorted(set.intersection(*groups)) if groups else []
        if both:
            raise _error(doc, where, c.message.format(value=repr(both[0])), expected=c.expected)
        return
    if c.test == "differs_from":
        other = entity.get(str(c.arg))
        other = other.value if isinstance(other, Fact) else other
        if v == other:
            raise _error(doc, where, c.message.format(value=repr(v)), expected=c.expected)
        return
    found = resolve(s, entity, str(c.arg))
    if c.test == "among" and v not in found:
        raise _error(doc, where, c.message.format(value=repr(v)),
                     expected=f"{c.expected} ({', '.join(sorted(map(str, found)))})")
    if c.test == "not_before":
        limits = [d for d in found if isinstance(d, dt.date)]
        if limits and isinstance(v, dt.date) and v < min(limits):
            raise _error(doc, where, c.message.format(value=v.isoformat(),
                                                      limit=min(limits).isoformat()),
                         expected=c.expected)


def resolve(s: BaseModel, entity: Entity, path: str) -> list[Any]:
    """The values found by following ``path`` from ``entity``: a reference leads to the entity
    it names (or, at the end, gives its id), a nested entity to itself, a fact to its value.
    Unknown values end the way."""
    current: list[Any] = [entity.model]
    steps = SCHEMA.walk(path, entity.kind.name)
    for n, step in enumerate(steps):
        last = n == len(steps) - 1
        following: list[Any] = []
        for model in current:
            v = getattr(model, step.field.name)
            v = v.value if isinstance(v, Fact) else v
            if v is UNKNOWN or v is None or v == NONE:
                continue
            for item in v if isinstance(v, tuple) else (v,):
                if step.field.target and not last:
                    named = getattr(s, SCHEMA.collection(step.field.target)).get(item)
                    following.extend([named] if named is not None else [])
                else:
                    following.append(item)
        current = following
    return current


def _value_key(doc: Document, key: PathKey) -> PathKey:
    """Where a fact's value stands: under ``value`` when the fact is written in full."""
    return (*key, "value") if written_in_full(lookup(doc.data, key)) else key
