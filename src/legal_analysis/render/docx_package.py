"""Deterministic Word files: fixed document properties and a zip with fixed timestamps.

python-docx writes each zip entry with the current time, so two saves of the same document differ.
:func:`fix_properties` sets the core properties (author, dates...) from the memo, and
:func:`deterministic_zip` rewrites the package with sorted entries (``[Content_Types].xml``
first, as Word writes it), a fixed timestamp and fixed attributes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every zip entry (the earliest a zip can hold)."""


def fix_properties(document: Any, *, title: str, author: str, subject: str, date: str) -> None:
    """Set the core properties: the title, author and subject, and the memo date as the dates."""
    when = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(0, 0), tzinfo=dt.UTC)
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.keywords = "legal memorandum"
    props.category = "Legal memorandum"
    props.revision = 1
    props.created = when
    props.modified = when


def drop_thumbnail(document: Any) -> None:
    """Drop the template's thumbnail (a picture of an empty page)."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rid]


def deterministic_zip(data: bytes) -> bytes:
    """The zip ``data`` rewritten with sorted entries, fixed timestamps and attributes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def save(document: Any) -> bytes:
    """The document as deterministic bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())
