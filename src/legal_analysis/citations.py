"""Checking a scenario's citations: every source it cites is registered or its own.

A citation (``sources:``, ``evidence:``) names a source of the rule base's registry
(``rules/sources.yaml``) or one under the scenario's own ``sources:``; a scenario's own source
may not take an id the registry already has, or a citation could not tell which one it means.
"""

from __future__ import annotations

from .documents import Document, PathKey, dotted, lookup
from .errors import ScenarioError, did_you_mean
from .facts import Scenario, SourceRef
from .model_walk import iter_models
from .sources import Registry


def check_citations(s: Scenario, registry: Registry, doc: Document | None = None) -> None:
    """Raise a located :class:`ScenarioError` for the first scenario source whose id the registry
    already has, or the first citation of a source that is neither registered nor the scenario's."""
    d = doc or Document("<scenario>", {})
    for sid in s.sources:
        if sid in registry:
            raise ScenarioError(f"{sid!r} is already a registered source; choose another id",
                                location=d.locate(("sources", sid)), field=f"sources.{sid}",
                                expected="an id the sources registry does not have")
    for key, model in iter_models(s):
        if not isinstance(model, SourceRef) or model.source in registry \
                or model.source in s.sources:
            continue
        written = lookup(d.data, key)
        at: PathKey = (*key, "source") if isinstance(written, dict) else key
        raise ScenarioError(f"unknown source {model.source!r}", location=d.locate(at),
                            field=dotted(at), expected=_expected(d, key, model.source),
                            suggestion=did_you_mean(model.source, [*registry.ids(), *s.sources]))


def _expected(doc: Document, key: PathKey, source: str) -> str:
    """What a citation should name; for ``[seed, para 30]`` (a citation cut at its comma in a
    list in brackets), the quotes it needs."""
    index = key[-1]
    before = lookup(doc.data, (*key[:-1], index - 1)) if isinstance(index, int) and index else None
    if isinstance(before, str) and any(c.isspace() for c in source):
        return f'quotes around a citation with a comma: "{before}, {source}"'
    return "the id of a source in the registry or under the scenario's 'sources:'"
