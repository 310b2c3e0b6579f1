"""An analysis's results as a table: one flat record per result (for a spreadsheet or pandas).

pandas is an optional extra (``pip install 'legal-analysis[frames]'``): :func:`frame` imports it
when called, so the library never needs it and says how to install it when it is missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from ..core import Status
from ..errors import LegalAnalysisError
from .outcome import Result, jsonable
from .readable import Display

COLUMNS_BEFORE = ("conclusion",)
COLUMNS_AFTER = ("status", "value", "answer", "decisive_facts")
"""The columns of a record around its subject's roles (one column per role)."""


def roles_of(results: Sequence[Result]) -> list[str]:
    """Every role of the results' subjects, in the order they first come."""
    return list(dict.fromkeys(role for r in results for role, _ident in r.subject))


def records(results: Sequence[Result], display: Display) -> list[dict[str, Any]]:
    """One flat dict per result: its conclusion, each role of the subjects (None where the
    conclusion has no such role), its status, its value (a list of states as one text, unknown
    as None), the answer sentence and the keys of its decisive facts (``; ``-separated).

    Every record has the same keys, in the same order."""
    roles = roles_of(results)
    out = []
    for r in results:
        subject = r.subject_dict
        value = None if r.status != Status.ESTABLISHED else jsonable(r.value)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append({"conclusion": r.id, **{role: subject.get(role) for role in roles},
                    "status": str(r.status), "value": value, "answer": display.describe(r),
                    "decisive_facts": "; ".join(r.decisive_facts)})
    return out


def frame(rows: list[dict[str, Any]], columns: list[str]) -> Any:
    """The records as a pandas DataFrame (columns in ``columns``' order), or a one-line error
    saying how to install pandas."""
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise LegalAnalysisError(
            "to_frame needs pandas, which is not installed",
            expected="pip install 'legal-analysis[frames]'") from None
    return pandas.DataFrame.from_records(rows, columns=columns)
