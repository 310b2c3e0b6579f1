"""Pydantic models of rule files: conclusions, rules, authorities, explanations.

Conditions are kept as plain data here and parsed by :mod:`.loading`, which knows where each node
stands in the file.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .paths import Kind


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Authority(_Model):
    """An authority a rule relies on, with a pinpoint and optionally a verified quotation."""

    source: str = Field(description="Id of a source in rules/sources.yaml.")
    pinpoint: str | None = Field(None, description="Article, paragraph, page or section.")
    quote: str | None = Field(None, description="Id of a verified quotation in the registry.")
    note: str | None = None


class Position(_Model):
    """A named person's, state's or body's view, cited from a document that is not itself law
    (a news report, a think-tank paper, a statement): shown as that holder's position, never as
    the law, and only in memos on cases that cite the same document for their facts."""

    holder: str = Field(min_length=1, description="Who holds the view, as a memo names them.")
    source: str = Field(description="Id of the document in rules/sources.yaml.")
    pinpoint: str | None = Field(None, description="Paragraph, page or section.")
    quote: str | None = Field(None, description="Id of a verified quotation in the registry.")


class Explanation(_Model):
    """Sentences explaining a rule when it holds and when it fails ({placeholders} allowed)."""

    holds: str
    fails: str


class View(_Model):
    """One view on a contested point of law."""

    view: str
    authorities: tuple[Authority, ...] = ()
    positions: tuple[Position, ...] = Field(
        (), description="Who holds this view outside the authorities (scholars, states, bodies).")


class Contested(_Model):
    """A point of law on which authorities differ; the memo shows every view."""

    issue: str
    views: tuple[View, ...] = Field(min_length=2)


class DefaultOutcome(_Model):
    """The value a conclusion takes when every rule for it is known not to apply."""

    value: Any
    explain: str
    authorities: tuple[Authority, ...] = Field(min_length=1)


class ConclusionSpec(_Model):
    """A question the rule base answers, for each subject it is asked about."""

    title: str
    question: str = Field(description="The question, with {role} placeholders for the subject.")
    description: str | None = Field(None, description="What the conclusion answers, for the docs.")
    subject: dict[str, Kind] = Field(description="The roles of the subject and their kinds.")
    values: tuple[Any, ...] = Field(min_length=1, description="The values a rule may conclude.")
    combine: Literal["single", "union"] = "single"
    labels: dict[str, str] = Field(default_factory=dict, description="Readable value labels.")
    default: DefaultOutcome | None = None
    public: bool = True
    section: str | None = Field(None, description="Where the question is mapped (legal map §).")
    order: int = Field(100, description="Position of the conclusion in memos.")


class RuleSpec(_Model):
    """One rule: for each binding of its variables, when its condition holds, a value."""

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
    conclusion: str
    for_: dict[str, Kind] = Field(alias="for", description="Variables and the kinds they range over.")
    where: Any = None
    subject: dict[str, str]
    value: Any = None
    value_from: str | None = None
    when: Any = Field(default_factory=lambda: {"always": True})
    defeats: tuple[str, ...] = ()
    priority: int = 0
    detail: str | None = Field(None, description="Added to the conclusion's details when decisive.")
    authorities: tuple[Authority, ...] = ()
    positions: tuple[Position, ...] = Field(
        (), description="Views of named persons, states or bodies in documents that are not law.")
    explain: Explanation
    contested: Contested | None = None
    note: str | None = None


class RuleFile(_Model):
    """A topic file under ``rules/``."""

    topic: str | None = None
    conclusions: dict[str, ConclusionSpec] = Field(default_factory=dict)
    rules: tuple[RuleSpec, ...] = ()
