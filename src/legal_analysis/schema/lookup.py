"""A fact model as a whole: its kinds, and the look-ups later layers need (the fields of a kind,
the kind a reference leads to, the domain of a field, the kinds a path walks through).

>>> from legal_analysis.schema import SCHEMA
>>> [s.field.name for s in SCHEMA.walk("person.member_of.belongs_to")]
['member_of', 'belongs_to']
>>> SCHEMA.walk("person.member_of.belongs_to")[-1].target.name
'party'
>>> SCHEMA.walk("person.member_of.belongs_ot")
Traceback (most recent call last):
...
legal_analysis.schema.lookup.PathError: force has no field 'belongs_ot' (did you mean 'belongs_to'?)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import did_you_mean
from .declaration import NESTED, NONE, TESTS, Field, Kind, Type


class PathError(LookupError):
    """A kind, field or path the fact model does not have; names the closest one it has."""

    def __init__(self, where: str, name: str, known: Sequence[str]) -> None:
        self.where = where
        self.name = name
        self.known = tuple(known)
        self.suggestion = did_you_mean(name, known)
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        super().__init__(f"{where} has no field {name!r}{hint}" if where else
                         f"there is no kind {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Step:
    """One step of a path: a field of a kind, and the kind it leads to (if any)."""

    kind: Kind
    field: Field
    target: Kind | None


@dataclass(frozen=True)
class Schema:
    """Every kind of a fact model, the root kind (the whole file) among them."""

    root: str
    by_name: Mapping[str, Kind]

    @classmethod
    def of(cls, root: str, kinds: Sequence[Kind]) -> Schema:
        names = [k.name for k in kinds]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"kinds declared twice: {duplicates}")
        schema = cls(root, MappingProxyType({k.name: k for k in kinds}))
        schema.check()
        return schema

    def kinds(self) -> tuple[Kind, ...]:
        """Every kind, the root first, in declaration order."""
        return tuple(self.by_name.values())

    def kind(self, name: str) -> Kind:
        """The kind called ``name``."""
        if name not in self.by_name:
            raise PathError("", name, list(self.by_name))
        return self.by_name[name]

    def fields(self, kind: str) -> tuple[Field, ...]:
        """The fields of a kind, in declaration order."""
        return self.kind(kind).fields

    def field(self, kind: str, name: str) -> Field:
        """One field of a kind."""
        k = self.kind(kind)
        try:
            return k.field(name)
        except KeyError:
            raise PathError(kind, name, k.field_names) from None

    def target(self, kind: str, name: str) -> Kind | None:
        """The kind a field leads to: the kind its ids name, or the kind of entity it holds."""
        f = self.field(kind, name)
        if f.target is not None:
            return self.kind(f.target)
        if f.item is not None:
            return self.kind(f.item)
        return None

    def domain(self, kind: str, name: str) -> tuple[str, ...] | None:
        """The finite domain of a field (``None`` for an open one such as a date or a text)."""
        return self.field(kind, name).domain

    def collection(self, kind: str) -> str:
        """The key of the file under which entities of ``kind`` are defined (``parties``)."""
        for f in self.kind(self.root).fields:
            if f.type is Type.MAP and f.item == kind and f.keyed_by is None:
                return f.name
        raise PathError(self.root, kind, [f.item or "" for f in self.kind(self.root).fields])

    def collections(self) -> dict[str, str]:
        """Each kind defined at the top of the file, by the key that holds it."""
        return {f.name: f.item for f in self.kind(self.root).fields
                if f.type is Type.MAP and f.item is not None and f.keyed_by is None}

    def walk(self, path: str | Sequence[str], start: str | None = None) -> tuple[Step, ...]:
        """The steps of a dotted path: ``person.member_of.belongs_to`` starts at the kind
        ``person``; or give ``start`` and the field names only. References lead to the kind they
        name; nested entities (one, a list, a mapping) to their kind."""
        parts = path.split(".") if isinstance(path, str) else list(path)
        if start is None:
            start, parts = parts[0], parts[1:]
        current: Kind | None = self.kind(start)
        steps: list[Step] = []
        for part in parts:
            if current is None:
                last = steps[-1]
                raise PathError(f"{last.kind.name}.{last.field.name} (a value)", part, [])
            f = self.field(current.name, part)
            following = self.target(current.name, part)
            steps.append(Step(current, f, following))
            current = following
        return tuple(steps)

    def enclosing(self, kind: str) -> tuple[str, ...]:
        """The kinds that hold entities of ``kind`` nested in them, nearest first."""
        out: list[str] = []
        current = kind
        while True:
            holder = next((k.name for k in self.by_name.values() for f in k.fields
                           if f.item == current and f.type in NESTED and k.name != self.root),
                          None)
            if holder is None or holder in out:
                return tuple(out)
            out.append(holder)
            current = holder

    def check(self) -> None:
        """Raise ValueError where the declaration contradicts itself (a dangling kind, a
        reference without a target, a fact without a sentence for one of its values)."""
        problems: list[str] = []
        for k in self.by_name.values():
            for f in k.fields:
                where = f"{k.name}.{f.name}"
                for name in (f.target, f.item, f.keyed_by):
                    if name is not None and name not in self.by_name:
                        problems.append(f"{where}: no kind {name!r}")
                if f.type in (Type.REF, Type.REFS, Type.GROUPED) and f.target is None:
                    problems.append(f"{where}: a reference needs a target kind")
                if f.type in NESTED and f.item is None and f.of is None:
                    problems.append(f"{where}: holds neither entities nor facts")
                problems += [f"{where}: no sentence for {v!r}" for v in needed_sentences(f)
                             if v not in f.sentences]
                problems += [f"{where}: {p}" for p in self._constraint_problems(k, f)]
        if problems:
            raise ValueError("; ".join(problems))

    def _constraint_problems(self, k: Kind, f: Field) -> list[str]:
        out: list[str] = []
        for c in f.constraints:
            if c.test not in TESTS:
                out.append(f"no test {c.test!r}")
            elif c.test in ("among", "not_before"):
                try:
                    self.walk(str(c.arg), k.name)
                except PathError as exc:
                    out.append(f"{c.test}: {exc}")
            elif c.test == "differs_from" and str(c.arg) not in k.field_names:
                out.append(f"differs_from: no field {c.arg!r}")
            elif c.test == "distinct" and (f.item is None or str(c.arg)
                                           not in self.kind(f.item).field_names):
                out.append(f"distinct: no field {c.arg!r} in the items")
        return out

    def variant_label(self, kind: str, variant: str) -> str:
        """The label of one variant of a kind (``a state``), or the variant itself."""
        name = self.kind(kind).variant
        if name is None:
            return variant
        try:
            return self.field(kind, name).choice(variant).text
        except KeyError:
            return variant


def needed_sentences(f: Field) -> tuple[str, ...]:
    """The values of a field that need a sentence: each value of a fact's domain (or ``value``
    for an open domain), and each reference's."""
    if f.type in (Type.TEXT, Type.TEXTS, Type.SOURCE, Type.SOURCES, Type.ENTITY, Type.LIST):
        return ()
    if f.type is Type.MAP:
        if f.item is not None:
            return ()
        return ("true", "false") if f.of is Type.BOOL else ("value",)
    if f.type in (Type.CHOICE, Type.GROUPED) or (f.type is Type.BOOL and f.fact):
        return f.domain or ()
    if f.type in (Type.REF, Type.REFS):
        return ("value", NONE) if f.none else ("value",)
    return ("value",) if f.fact else ()
