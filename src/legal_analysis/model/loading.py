"""Loading a format-2 scenario: shape (the generated models), references and structures (the
checks), each error one located line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..documents import Document, PathKey, dotted, read_document
from ..errors import ScenarioError, did_you_mean
from ..formats import renamed
from ..schema import SCHEMA
from ..validation import raise_located
from .build import scenario_model
from .checks import check_scenario
from .walk import kind_at


def load_scenario_v2(path: str | Path) -> BaseModel:
    """Read and check a format-2 scenario file."""
    return build_scenario_v2(read_document(Path(path), ScenarioError))


def build_scenario_v2(doc: Document) -> BaseModel:
    """Validate a document as a format-2 scenario and check it (errors located in ``doc``)."""
    if not isinstance(doc.data, dict):
        raise ScenarioError("a scenario must be a mapping of fields", location=doc.locate(()),
                            expected="fields such as " + ", ".join(
                                f.name for f in SCHEMA.kind(SCHEMA.root).fields if f.required))
    model = scenario_model()
    try:
        scenario = model.model_validate(doc.data)
    except ValidationError as exc:
        _raise_renamed(exc, doc)
        _raise_bad_key(exc, doc)
        raise_located(exc, doc, model, ScenarioError)
        raise  # pragma: no cover - raise_located always raises
    check_scenario(scenario, doc)
    return scenario


def _raise_renamed(exc: ValidationError, doc: Document) -> None:
    """A field of format 1 in a format-2 file: say what replaces it."""
    for err in exc.errors():
        if err["type"] != "extra_forbidden":
            continue
        key: PathKey = tuple(p for p in err["loc"] if isinstance(p, int) or "[" not in p)
        kind = kind_at(key[:-1])
        instead = renamed(kind.name, str(key[-1])) if kind is not None else None
        if instead is not None:
            raise ScenarioError(
                f"{str(key[-1])!r} is a field of scenario format 1", location=doc.locate(key),
                field=dotted(key), expected=f"{instead} in format 2; 'legal-analysis migrate' "
                "rewrites a format-1 file")


def _raise_bad_key(exc: ValidationError, doc: Document) -> None:
    """A mapping key outside the keys a mapping allows (a treaty id): name the closest."""
    for err in exc.errors():
        loc = err["loc"]
        if err["type"] != "literal_error" or not loc or loc[-1] != "[key]":
            continue
        key: PathKey = tuple(p for p in loc[:-1] if isinstance(p, int) or "[" not in p)
        allowed = [a.strip(" '") for a in str((err.get("ctx") or {}).get("expected", ""))
                   .replace(" or ", ", ").split(",")]
        raise ScenarioError(f"{str(key[-1])!r} is not a key this mapping allows",
                            location=doc.locate(key), field=dotted(key),
                            expected="one of " + ", ".join(allowed),
                            suggestion=did_you_mean(str(key[-1]), allowed))


def summary(scenario: Any) -> str:
    """A count of what a format-2 scenario holds, for 'validate' (``2 parties, 1 force``)."""
    counts = [(len(getattr(scenario, name)), kind, name)
              for name, kind in SCHEMA.collections().items()]
    return ", ".join(f"{n} {(one if n == 1 else many).replace('_', ' ')}"
                     for n, one, many in counts if n and one not in ("actor", "source"))
