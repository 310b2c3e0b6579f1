"""Walking a scenario's models: every model nested in it, with the path to it."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .documents import PathKey


def iter_models(model: BaseModel, key: PathKey = ()) -> Iterator[tuple[PathKey, BaseModel]]:
    """``model`` and every model in its fields, mappings and lists, depth first in field order.

    >>> from legal_analysis.facts import Fact, SourceRef
    >>> fact = Fact[bool].model_validate({"value": True, "sources": ["gc3, art 4"]})
    >>> [(key, type(m).__name__) for key, m in iter_models(fact) if key]
    [(('sources', 0), 'SourceRef')]
    """
    yield key, model
    for name in _nesting_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from iter_models(value, (*key, name))
        elif isinstance(value, dict):
            for k, item in value.items():
                if isinstance(item, BaseModel):
                    yield from iter_models(item, (*key, name, k))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_models(item, (*key, name, i))


@functools.cache
def _nesting_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose type can hold a model (computed once per model)."""
    return tuple(name for name, info in model.model_fields.items()
                 if _mentions_model(info.annotation))


def _mentions_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_mentions_model(arg) for arg in typing.get_args(annotation))
