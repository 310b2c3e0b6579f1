"""Turning pydantic's validation errors into one-line, located messages."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .dates import impossible_date
from .documents import Document, PathKey, dotted, lookup
from .errors import LegalAnalysisError, did_you_mean
from .scalars import MAX_DIGITS

_EXPECTED: dict[str, str] = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "date_type": "a date such as 2024-10-26",
    "date_from_datetime_parsing": "a date such as 2024-10-26",
    "date_parsing": "a date such as 2024-10-26",
    "string_type": "text",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "tuple_type": "a list",
    "list_type": "a list",
    "missing": "this field to be present",
}


def _model_fields_at(model: type[BaseModel], key: PathKey) -> list[str]:
    """The field names allowed at ``key`` (best effort), for did-you-mean on unknown fields."""
    current: Any = model
    for part in key:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            # inside a dict of models: keep the same model type of the values
            args = getattr(current, "__args__", None)
            if args:
                current = args[-1]
            continue
        annotation = fields[part].annotation
        current = _unwrap(annotation)
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


def _unwrap(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _unwrap(arg)
        if hasattr(inner, "model_fields"):
            return inner
    return annotation


_BRANCHES = frozenset({"int", "str", "bool", "date", "float"})
"""Names pydantic gives the branches of a fact's ``T | 'unknown'`` (after ``value``/``before``)."""


def _clean_loc(loc: tuple[int | str, ...]) -> PathKey:
    # pydantic puts union branch names and generic tags into loc; keep only real path parts
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part in {"function-after", "function-before"}
                                      or part.startswith("literal[") or part == "unknown"):
            continue
        if isinstance(part, str) and out and out[-1] in ("value", "before") \
                and (part in _BRANCHES or part[:1].isupper()):
            continue  # the branch of a fact's value type that pydantic names (date, a model)
        out.append(part)
    return tuple(out)


def _choices(err: Any) -> list[str]:
    """The values a ``literal_error`` allows."""
    return re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))


def _describe(err: Any, or_unknown: bool = False) -> tuple[str, str | None]:
    etype = err["type"]
    msg: str = err["msg"]
    if etype == "literal_error":
        choices = _choices(err)
        known = [repr(c) for c in choices if c != "unknown"]
        tail = " or unknown" if or_unknown or "unknown" in choices else ""
        return "this value is not allowed", "one of " + ", ".join(known) + tail if known else "unknown"
    if etype == "extra_forbidden":
        return "unknown field", None
    if etype == "missing":
        return "a required field is missing", None
    if etype == "value_error":
        return msg.removeprefix("Value error, "), None
    if etype == "string_pattern_mismatch":
        return "the value has characters that are not allowed", "letters, digits, '.', '_' or '-'"
    return msg[0].lower() + msg[1:] if msg else "invalid value", _EXPECTED.get(etype)


def raise_located(exc: ValidationError, doc: Document, model: type[BaseModel],
                  error: type[LegalAnalysisError], prefix: PathKey = ()) -> None:
    """Raise ``error`` for the first error in ``exc``, located in ``doc``."""
    errors = exc.errors()
    # prefer the most specific error: the deepest location
    err = max(errors, key=lambda e: len(_clean_loc(e["loc"])))
    key = (*prefix, *_clean_loc(err["loc"]))
    # a fact's value is its type or 'unknown': pydantic reports the branches apart
    or_unknown = any(_clean_loc(e["loc"]) == _clean_loc(err["loc"])
                     and "'unknown'" in str((e.get("ctx") or {}).get("expected", ""))
                     for e in errors)
    message, expected = _describe(err, or_unknown)
    suggestion = None
    if err["type"] == "extra_forbidden":
        allowed = _model_fields_at(model, _clean_loc(err["loc"])[:-1])
        suggestion = did_you_mean(str(key[-1]), allowed)
        if allowed and not suggestion:
            expected = "one of " + ", ".join(allowed)
    elif err["type"] == "missing":
        field = key[-1]
        message = f"the field {field!r} is missing"
        key = key[:-1]
    # a fact written in short form (just its value) has no 'value' key in the document
    if key and key[-1] == "value" and not isinstance(lookup(doc.data, key[:-1]), dict):
        key = key[:-1]
    value = lookup(doc.data, key)
    if err["type"] in {"literal_error", "bool_type", "bool_parsing"} and isinstance(value, str):
        message = f"{value!r} is not allowed"
    elif err["type"].startswith("date") and isinstance(value, str) \
            and (impossible := impossible_date(value)) is not None:
        message, expected = impossible
    elif err["type"] == "int_parsing_size":
        digits = sum(c.isdigit() for c in str(value))
        message = f"a number too long: {digits:,} digits, more than the limit of {MAX_DIGITS:,}"
        expected = f"a number of at most {MAX_DIGITS:,} digits"
    raise error(message, location=doc.locate(key), field=dotted(key) or None,
                expected=expected, suggestion=suggestion) from None
