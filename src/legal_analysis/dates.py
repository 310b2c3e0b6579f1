"""Dates as the project reads them: written ``YYYY-MM-DD``, and only days the calendar has.

A scenario, a rule file, the sources registry and ``--as-of`` all take dates. A date that does
not exist (``2025-02-30``, ``2025-13-01``) is one located error wherever it is written, worded
by :func:`calendar_problem`; ``--as-of`` takes only the ``YYYY-MM-DD`` form (not ``20250101``,
an ISO week date such as ``2025-W01-1`` or an ordinal date such as ``2025-001``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .errors import LegalAnalysisError

DATE_FORM = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
"""A date as ``YYYY-MM-DD``: the one form an option takes."""
DATE_START = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
"""The date at the start of a YAML timestamp or of a text pydantic would read as a date."""
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def calendar_problem(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a day of the calendar, or ``None`` if it is one.

    >>> calendar_problem(2025, 2, 30)
    'February 2025 has 28 days'
    >>> calendar_problem(2025, 13, 1)
    'there is no month 13'
    >>> calendar_problem(2024, 2, 29) is None
    True
    """
    if year < dt.MINYEAR:
        return f"there is no year {year}"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{_MONTHS[month - 1]} {year} has {last} days"
    return None


def _nearest(year: int, month: int, day: int) -> str:
    """A real date near an impossible one, to show as an example."""
    year = max(year, dt.MINYEAR)
    month = min(max(month, 1), 12)
    day = min(max(day, 1), calendar.monthrange(year, month)[1])
    return dt.date(year, month, day).isoformat()


def impossible_date(text: str) -> tuple[str, str] | None:
    """For a text that starts with a date the calendar does not have: what is wrong and an
    ``expected`` hint (with a real date near it); ``None`` for any other text.

    >>> for text in impossible_date("2025-02-30"):
    ...     print(text)
    '2025-02-30' is not a date in the calendar: February 2025 has 28 days
    a date that exists, such as 2025-02-28
    >>> impossible_date("2025-02-28") is None and impossible_date("soon") is None
    True
    """
    match = DATE_START.match(text.strip())
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    problem = calendar_problem(year, month, day)
    if problem is None:
        return None
    return (f"{text.strip()!r} is not a date in the calendar: {problem}",
            f"a date that exists, such as {_nearest(year, month, day)}")


def date_option(option: str, text: str | None) -> dt.date | None:
    """The date an option such as ``--as-of`` gives (``None`` if not given), or one error line.

    >>> date_option("--as-of", "2025-04-28")
    datetime.date(2025, 4, 28)
    >>> try:
    ...     date_option("--as-of", "2025-W17-1")
    ... except LegalAnalysisError as exc:
    ...     print(exc)
    --as-of '2025-W17-1' is not a date written YYYY-MM-DD (expected a date such as 2025-04-28)
    """
    if text is None:
        return None
    if DATE_FORM.fullmatch(text) is None:
        raise LegalAnalysisError(f"{option} {text!r} is not a date written YYYY-MM-DD",
                                 expected="a date such as 2025-04-28")
    impossible = impossible_date(text)
    if impossible is not None:
        raise LegalAnalysisError(f"{option} {impossible[0]}", expected=impossible[1])
    return dt.date.fromisoformat(text)
