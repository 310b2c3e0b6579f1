"""How a memo names things: short names, placeholder states, groups of subjects, and text
cleaned of the library's internal names.

The engine's sentences name every entity in full ("Democratic People's Republic of Korea",
"State Y (a hypothetical neutral state)"). A memo defines a state's short name once and uses it
after ("the DPRK"); calls a placeholder state what it stands for ("a neutral state"); and, where
several subjects share one analysis, names them together ("each captured soldier"). All of it
is done by one scan of a sentence for the names the scenario gives (:class:`Namer`), longest
first, so that a name inside a longer one ("Republic of Korea" inside "Democratic People's
Republic of Korea") is never touched on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..engine.analysis import Analysis

_SENTENCE_END = re.compile(r"(^|[.!?]\s+|\n)$")
_ARTICLE = re.compile(r"(?i)(the|a|an|each) ")
_NUMBERED = re.compile(r"^(?P<stem>.*\S)\s+(?P<n>\d+)$")
_PATH = re.compile(r"\s*\((?:[\w.-]+/)+[\w.-]+\.(?:md|ya?ml|txt|json)(?::\d+)*\)"
                   r"|(?:[\w.-]+/)+[\w.-]+\.(?:md|ya?ml|txt|json)(?::\d+)*")


def _bare(new: str, name: str) -> bool:
    """Whether a short name stands without an article ('Russia' for 'the Russian Federation'),
    so that the article before the full name goes with it."""
    return new != name and not _ARTICLE.match(new) and not new.startswith("\u27e6")


def _none_of(text: str, noun: str, word: str) -> str:
    """'each soldier is not' as 'neither soldier is' (or 'no soldier is').

    >>> _none_of("Each soldier is not a mercenary; each soldier is not", "soldier", "neither")
    'Neither soldier is a mercenary; neither soldier is'
    """
    def swap(m: re.Match[str]) -> str:
        said = f"{word} {noun} is"
        return upper_first(said) if m.group(1) == "E" else said

    return re.sub(rf"\b([Ee])ach {re.escape(noun)} is not\b", swap, text)


def _none_of_named(text: str, names: str) -> str:
    """'each of A and B is not' as 'neither A nor B is', and of more names 'none of … is'.

    >>> _none_of_named("Each of A and B is not a party", "A and B")
    'Neither A nor B is a party'
    >>> _none_of_named("each of A, B and C is not bound", "A, B and C")
    'none of A, B and C is bound'
    """
    first, _, last = names.rpartition(" and ")
    said = f"neither {first} nor {last} is" if first and ", " not in first else \
        f"none of {names} is"

    def swap(m: re.Match[str]) -> str:
        return upper_first(said) if m.group(1) == "E" else said

    return re.sub(rf"\b([Ee])ach of {re.escape(names)} is not\b", swap, text)


def instrument(name: str) -> str:
    """An instrument's name after a preposition: 'the Treaty on …', but 'Article 4 of …'.

    >>> instrument("Treaty on X"), instrument("Article 4 of the Treaty on X")
    ('the Treaty on X', 'Article 4 of the Treaty on X')
    """
    bare = ("Art", "Section", "Chapter", "Para", "The ", "the ")
    return name if name.startswith(bare) else f"the {name}"


def upper_first(text: str) -> str:
    """``text`` with its first letter in upper case (names keep their capitals).

    >>> upper_first("the DPRK is a party")
    'The DPRK is a party'
    """
    return text[:1].upper() + text[1:]


_COMMON = frozenset({"the", "a", "an", "each", "no", "non-refoulement", "sending", "it", "he",
                     "his", "they", "neither", "either", "both", "all", "any", "if", "party",
                     "attribution", "international", "mercenary", "prisoner-of-war",
                     "breach", "self-defence", "transfer", "repatriation", "individual",
                     "whether", "who", "what", "where", "how", "not", "none", "combatant",
                     "classification"})


def lower_first(text: str) -> str:
    """``text`` with its first word in lower case where it is a common word (never a name).

    >>> lower_first("The DPRK is a party"), lower_first("Russia is a party")
    ('the DPRK is a party', 'Russia is a party')
    """
    word = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if word.lower() in _COMMON else text


def and_join(items: Sequence[str], word: str = "and") -> str:
    """Items as a list in a sentence: 'a', 'a and b', 'a, b and c'.

    >>> and_join(["a", "b", "c"]), and_join(["a", "b"], "or")
    ('a, b and c', 'a or b')
    """
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def plural(word: str) -> str:
    """An English plural, good enough for the stem of a numbered name.

    >>> plural("soldier"), plural("party"), plural("class")
    ('soldiers', 'parties', 'classes')
    """
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def group_label(names: Sequence[str]) -> str:
    """Several subjects named together, as a heading: 'Captured soldiers 1 and 2' where the
    names are one stem with numbers, 'A and B' otherwise.

    >>> group_label(["Captured soldier 1", "Captured soldier 2"])
    'Captured soldiers 1 and 2'
    >>> group_label(["Kim", "Lee"])
    'Kim and Lee'
    """
    if len(names) == 1:
        return names[0]
    stem = _common_stem(names)
    if stem is None:
        return and_join(list(names))
    head, _, last = stem.rpartition(" ")
    numbers = [str(_NUMBERED.match(n).group("n")) for n in names]  # type: ignore[union-attr]
    return (f"{head} " if head else "") + plural(last) + " " + and_join(numbers)


def _common_stem(names: Sequence[str]) -> str | None:
    """The stem shared by numbered names ('Captured soldier'), if they all have one."""
    stems = {m.group("stem") if (m := _NUMBERED.match(n)) else None for n in names}
    if len(stems) != 1:
        return None
    stem = stems.pop()
    return stem if stem and len(stem.split(" ")[-1]) > 1 else None


@dataclass(frozen=True)
class Namer:
    """Rewrites the names in a sentence: short names for states that have one, what a
    placeholder state stands for, a conflict's name without its capital 'The' inside a
    sentence, and any names the caller maps (a group of subjects, or a token)."""

    replacements: Mapping[str, str]
    """Each full name and what the memo calls it (itself where it has no other name)."""
    pattern: re.Pattern[str] | None
    defined: tuple[tuple[str, str], ...]
    """Short names to define once: (short name, full name)."""
    everyone: tuple[str, str] | None
    """Where every person of the scenario has a numbered name with one stem: the stem, and what
    all of them together are called in a sentence ('each captured soldier')."""
    persons: int
    """How many persons the scenario has."""
    placeholders: tuple[str, ...] = ()
    """What the placeholder states stand for ('a neutral state')."""

    @classmethod
    def of(cls, analysis: Analysis) -> Namer:
        """The names of an analysis's scenario."""
        s = analysis.scenario
        out: dict[str, str] = {}
        defined: list[tuple[str, str]] = []
        for person in s.persons.values():
            out[person.name] = person.name
        for conflict in s.conflicts.values():
            name = conflict.name
            out[name] = "the " + name[4:] if name.startswith("The ") else name
            if len(s.conflicts) == 1:  # a memo about one conflict calls it 'the conflict'
                out[name] = "the conflict"
                defined.append(("the conflict", name[4:] if name.startswith("The ") else name))
        for state in s.states.values():
            if state.hypothetical:
                out[state.name] = state.hypothetical
            elif state.short:
                out[state.name] = state.short
                if state.short != state.name:
                    defined.append((state.short, state.name))
            else:
                out[state.name] = state.name
        for did, dep in s.deployments.items():
            sending = out.get(s.states[dep.sending_state].name, dep.sending_state)
            full = analysis.names.get(did)
            if full and dep.receiving_state is not None:  # a party's own forces keep their name
                receiving = out.get(s.states[dep.receiving_state].name, dep.receiving_state)
                out[full] = (f"{sending}'s troops" if len(s.deployments) == 1
                             else f"the troops of {sending} deployed to {receiving}")
        names = sorted((n for n in out if n), key=lambda n: (-len(n), n))
        pattern = re.compile(r"(?P<the>\b[Tt]he )?(?P<name>"
                             + "|".join(re.escape(n) for n in names) + ")") if names else None
        persons = [p.name for p in s.persons.values()]
        stem = _common_stem(persons) if len(persons) > 1 else None
        # 'each soldier' for 'Captured soldier 1', 'Captured soldier 2'
        everyone = (stem, "each " + stem.rsplit(" ", 1)[-1].lower()) if stem else None
        placeholders = tuple(sorted(str(st.hypothetical) for st in s.states.values()
                                    if st.hypothetical))
        return cls(out, pattern, tuple(sorted(defined)), everyone, len(persons), placeholders)

    def __call__(self, text: str, roles: Mapping[str, str] | None = None) -> str:
        """``text`` with every name rewritten; ``roles`` maps names to what replaces them here
        (taking precedence over the short names). A replacement that begins a sentence begins
        with a capital."""
        if self.pattern is None or not text:
            return text
        roles = roles or {}

        def swap(m: re.Match[str]) -> str:
            name, the = m.group("name"), m.group("the")
            new = roles.get(name, self.replacements.get(name, name))
            if the and (new == name or not _ARTICLE.match(new)) and not _bare(new, name):
                new = the.lower() + new
            if _SENTENCE_END.search(text[:m.start()]):
                new = upper_first(new)
            return new

        out = self.pattern.sub(swap, text)
        # 'internment in a neutral state, a neutral state': a placeholder named, then described
        for said in self.placeholders:
            out = out.replace(f"{said}, {said}", said)
        for group in dict.fromkeys(roles.values()):
            if group.startswith("each of "):  # 'each of A and B is not': 'neither A nor B is'
                out = _none_of_named(out, group[8:])
            elif group.startswith("each "):  # 'each soldier is not' reads 'neither soldier is'
                out = _none_of(out, group[5:], "neither" if self.persons == 2 else "no")
        return out

    def each(self, names: Sequence[str], role: str) -> str:
        """What several subjects in one role are called in a sentence: 'each captured soldier'
        (every person of the scenario, named with one stem), 'the ROK, a third state or a
        neutral state' for destinations, 'each of A and B' otherwise."""
        shown = [self.replacements.get(n, n) for n in names]
        if len(names) == 1:
            return shown[0]
        if role == "destination":
            return and_join(shown, "or")
        if self.everyone is not None and len(names) == self.persons \
                and _common_stem(names) == self.everyone[0]:
            return self.everyone[1]
        return "each of " + and_join(shown)

    def label(self, names: Sequence[str]) -> str:
        """Several subjects as a heading names them ('Captured soldiers 1 and 2')."""
        return group_label([self.replacements.get(n, n) for n in names])


def clean(text: str, registry_short: Mapping[str, str], sections: Mapping[str, str]) -> str:
    """Free text (a scenario's note, a rule's sentence) without the library's internal names:
    a registry id becomes the source's short name, '(see <conclusion>)' names the section that
    discusses it (``sections`` maps conclusion ids to 'section 3'), and file paths go.

    >>> clean("(seed-dw-2024 para 4) law/x.md (see pow_status)", {"seed-dw-2024": "DW"},
    ...       {"pow_status": "section 3"})
    '(DW para 4) (see section 3)'
    """
    text = _PATH.sub("", text)
    text = re.sub(r"\(see ([a-z][a-z0-9_]*)\)",
                  lambda m: f"(see {sections[m.group(1)]})" if m.group(1) in sections
                  else ("" if "_" in m.group(1) else m.group(0)), text)
    ids = [i for i in registry_short if re.search(r"[-\d]", i)]
    if ids:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(
            re.escape(i) for i in sorted(ids, key=lambda i: -len(i))) + r")(?![\w-])")
        text = pattern.sub(lambda m: registry_short[m.group(1)], text)
    return re.sub(r"\s+([.,;)])", r"\1", re.sub(r"  +", " ", text)).strip()
