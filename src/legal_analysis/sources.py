"""The registry of authorities and documents: sources, verified quotations and citations.

``rules/sources.yaml`` lists every authority the rules and memos cite (treaties, cases,
commentaries, UN documents, reports, news, statements) under ``sources:``, and short verbatim
passages of them under ``quotations:``. Each quotation names the file (relative to the folder of
reference texts, ``../shared`` beside a checkout) in which its wording can be found, so that
:func:`verify_quotations` can prove that every quotation is copied exactly.

Only :func:`load_registry` and :func:`verify_quotations` touch the disk; :func:`cite` is pure. A
registry file that is not valid fails with one located line, like every other input::

    rules/sources.yaml:12:5: sources.gc3.titel: unknown field 'titel' (did you mean 'title'?)
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal, NoReturn, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .dates import impossible_date
from .documents import Document, PathKey, dotted, lookup, read_document
from .errors import RuleError, did_you_mean
from .filekinds import open_regular, special_kind

SourceKind = Literal["treaty", "case", "commentary", "un_document", "report", "news", "statement"]
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
"""The kinds of source the registry knows."""

ID_PATTERN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
"""Source and quotation ids: lowercase letters and digits, joined by single dots or dashes."""

_ID_EXPECTED = "lowercase letters and digits joined by '.' or '-', such as gc3, un-charter, gc3.art-5"
_TOP_KEYS = ("sources", "quotations")
_ELLIPSES = ("...", "\u2026")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _relative_file(value: str | None) -> str | None:
    if value is None:
        return None
    path = PurePosixPath(value)
    if not value.strip() or path.is_absolute() or ".." in path.parts or "\\" in value:
        raise ValueError("the file must be a relative path such as law/gc3.md, without '..'")
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """An authority or document, cited in full the first time and by its short form after."""

    id: str = Field(description="The source's id (its key in the registry).")
    kind: SourceKind = Field(description="What sort of source it is.")
    title: str = Field(min_length=1, description="The full title.")
    short: str = Field(min_length=1,
                       description="the short form used after the first citation, e.g. GC III")
    author: str | None = Field(None, description="Author(s), for reports, articles and news.")
    date: dt.date | None = Field(None, description="Date of adoption, judgment or publication.")
    publisher: str | None = Field(None, description="Issuing body, court or outlet.")
    citation: str | None = Field(None, description="Report or series reference.")
    url: str | None = Field(None, description="Where the source can be read.")
    text: str | None = Field(
        None, description="File (relative to the reference folder) holding its verbatim text.")

    @field_validator("date", mode="before")
    @classmethod
    def _full_date(cls, value: Any) -> Any:
        if isinstance(value, (bool, int, float)):
            raise ValueError("a full date is needed; put a bare year in the title or citation")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("the url must start with http:// or https://")
        return value

    @field_validator("text")
    @classmethod
    def _text_file(cls, value: str | None) -> str | None:
        return _relative_file(value)


class Quotation(_Frozen):
    """A passage of a source, copied verbatim from a reference file."""

    id: str = Field(description="The quotation's id (its key in the registry).")
    source: str = Field(description="Id of the source quoted.")
    pinpoint: str | None = Field(None, description="Article, paragraph, page or section.")
    text: str = Field(min_length=1, description="The exact words, one passage without omissions.")
    file: str = Field(
        description="the file (relative to the reference folder) where the text stands verbatim")

    @field_validator("text")
    @classmethod
    def _one_passage(cls, value: str) -> str:
        if any(mark in value for mark in _ELLIPSES):
            raise ValueError("a quotation may not skip words with an ellipsis; "
                             "split it into two quotations")
        if value != value.strip():
            raise ValueError("the text starts or ends with blank space")
        return value

    @field_validator("file")
    @classmethod
    def _text_file(cls, value: str) -> str:
        checked = _relative_file(value)
        assert checked is not None
        return checked


class Registry(_Frozen):
    """Every registered source and quotation, by id."""

    sources: dict[str, Source] = Field(default_factory=dict)
    quotations: dict[str, Quotation] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Registry:
        for key, src in self.sources.items():
            if key != src.id:
                raise ValueError(f"the source under {key!r} has the id {src.id!r}")
        for key, quote in self.quotations.items():
            if key != quote.id:
                raise ValueError(f"the quotation under {key!r} has the id {quote.id!r}")
            if quote.source not in self.sources:
                raise ValueError(f"the quotation {key!r} quotes the unknown source {quote.source!r}")
        return self

    def get(self, source_id: str) -> Source:
        """The source with this id; ``KeyError`` (with a did-you-mean) if there is none."""
        try:
            return self.sources[source_id]
        except KeyError:
            raise KeyError(_unknown("source", source_id, self.sources)) from None

    def quotation(self, quote_id: str) -> Quotation:
        """The quotation with this id; ``KeyError`` (with a did-you-mean) if there is none."""
        try:
            return self.quotations[quote_id]
        except KeyError:
            raise KeyError(_unknown("quotation", quote_id, self.quotations)) from None

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.sources

    def ids(self) -> tuple[str, ...]:
        """The ids of all sources, in registry order."""
        return tuple(self.sources)

    def quotations_for(self, source_id: str) -> tuple[Quotation, ...]:
        """The quotations of one source, in registry order."""
        return tuple(q for q in self.quotations.values() if q.source == source_id)


def _unknown(what: str, ident: str, known: dict[str, Any]) -> str:
    hint = did_you_mean(ident, known)
    return f"unknown {what} {ident!r}" + (f"; did you mean {hint!r}?" if hint else "")


# --- loading -----------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def load_registry(path: Path | str) -> Registry:
    """Read and check ``sources.yaml``; any problem is a one-line, located :class:`RuleError`."""
    doc = read_document(Path(path), RuleError, regular_only=True)
    data = doc.data
    if not isinstance(data, dict):
        raise RuleError("the sources registry must be a mapping", location=doc.locate(()),
                        expected="the keys sources and quotations")
    for top in data:
        if top not in _TOP_KEYS:
            raise RuleError(f"unknown field {top!r}", location=doc.locate((top,)), field=top,
                            expected="sources and quotations",
                            suggestion=did_you_mean(top, _TOP_KEYS))
    raw_sources = _section(doc, "sources", required=True)
    raw_quotes = _section(doc, "quotations", required=False)
    sources = {sid: _entry(doc, Source, ("sources", sid), raw)
               for sid, raw in raw_sources.items()}
    quotations = {qid: _entry(doc, Quotation, ("quotations", qid), raw)
                  for qid, raw in raw_quotes.items()}
    for qid, quote in quotations.items():
        if quote.source not in sources:
            key: PathKey = ("quotations", qid, "source")
            raise RuleError(f"unknown source {quote.source!r}", location=doc.locate(key),
                            field=dotted(key), expected="an id registered under 'sources:'",
                            suggestion=did_you_mean(quote.source, sources))
        if qid in sources:
            raise RuleError(f"the id {qid!r} names both a source and a quotation",
                            location=doc.locate(("quotations", qid)), field=f"quotations.{qid}",
                            expected="a quotation id such as <source>.art-5")
    return Registry(sources=sources, quotations=quotations)


def _section(doc: Document, name: str, *, required: bool) -> dict[str, Any]:
    raw = doc.data.get(name)
    if raw is None:
        if required:
            raise RuleError(f"the field {name!r} is missing", location=doc.locate(()),
                            field=name, expected="a mapping of ids to entries")
        return {}
    if not isinstance(raw, dict):
        raise RuleError(f"'{name}' must be a mapping of ids to entries",
                        location=doc.locate((name,)), field=name)
    for ident in raw:
        if not ID_PATTERN.fullmatch(ident):
            raise RuleError(f"{ident!r} is not a valid id", location=doc.locate((name, ident)),
                            field=f"{name}.{ident}", expected=_ID_EXPECTED)
    return raw


def _entry(doc: Document, model: type[M], key: PathKey, raw: Any) -> M:
    allowed = _fields(model)
    if not isinstance(raw, dict):
        raise RuleError("an entry must be a mapping of fields", location=doc.locate(key),
                        field=dotted(key), expected="the fields " + ", ".join(allowed))
    if "id" in raw:
        raise RuleError("the id is the entry's key; remove the field 'id'",
                        location=doc.locate((*key, "id")), field=dotted((*key, "id")))
    try:
        return model.model_validate({**raw, "id": key[-1]})
    except ValidationError as exc:
        _raise_located(exc, doc, model, key)


def _fields(model: type[BaseModel]) -> list[str]:
    return [name for name in model.model_fields if name != "id"]


def _raise_located(exc: ValidationError, doc: Document, model: type[BaseModel],
                   prefix: PathKey) -> NoReturn:
    """Raise a :class:`RuleError` for the first error (in file order) of ``exc``."""

    def key_of(err: Any) -> PathKey:
        loc = tuple(err["loc"])
        return (*prefix, loc[0]) if loc else prefix

    def position(err: Any) -> tuple[bool, int, int]:
        # a misspelt field also makes the right one "missing": report the misspelling first
        missing = err["type"] == "missing"
        where = doc.locate(prefix if missing else key_of(err))
        return missing, where.line, where.col

    err = min(exc.errors(include_url=False), key=position)
    key = key_of(err)
    name = str(key[-1]) if len(key) > len(prefix) else ""
    etype: str = err["type"]
    location = doc.locate(key)
    expected: str | None = None
    suggestion: str | None = None
    if etype == "extra_forbidden":
        allowed = _fields(model)
        message = f"unknown field {name!r}"
        suggestion = did_you_mean(name, allowed)
        expected = None if suggestion else "one of " + ", ".join(allowed)
    elif etype == "missing":
        message = f"the field {name!r} is missing"
        location = doc.locate(prefix)
        info = model.model_fields.get(name)
        about = (info.description or "") if info is not None else ""
        expected = (about[:1].lower() + about[1:]).rstrip(".") or None
    elif etype == "literal_error":
        choices = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        value = lookup(doc.data, key)
        message = f"{value!r} is not allowed"
        expected = "one of " + ", ".join(choices)
        suggestion = did_you_mean(str(value), choices)
    else:
        text = str(err["msg"]).removeprefix("Value error, ")
        message = text[:1].lower() + text[1:]
        value = lookup(doc.data, key)
        if etype.startswith("date") and isinstance(value, str) \
                and (impossible := impossible_date(value)) is not None:
            message, expected = impossible
        elif etype.startswith("date") or name == "date":
            expected = "a date such as 1949-08-12"
        elif etype == "string_type":
            expected = "text"
        elif etype == "string_too_short":
            expected = "text that is not empty"
    raise RuleError(message, location=location, field=dotted(key), expected=expected,
                    suggestion=suggestion)


# --- citations ---------------------------------------------------------------------------------

def format_date(day: dt.date) -> str:
    """A date as OSCOLA writes it.

    >>> format_date(dt.date(1949, 8, 12))
    '12 August 1949'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def cite(source: Source, pinpoint: str | None, *, first: bool) -> str:
    """An OSCOLA-style citation in plain text: the full form first, the short form after.

    Treaties, cases and UN documents: title (publisher, date) citation. Reports, commentaries and
    statements: author, 'title' (citation, publisher, date) <url>; a journal-style citation that
    opens with a bracket follows the title directly. News: author, 'title' publisher (date) <url>.
    The pinpoint, if any, follows after a comma.

    >>> gc3 = Source(id="gc3", kind="treaty", short="GC III", date=dt.date(1949, 8, 12),
    ...              title="Geneva Convention (III) relative to the Treatment of Prisoners of War",
    ...              citation="75 UNTS 135")
    >>> print(cite(gc3, "art 5", first=True))  # doctest: +NORMALIZE_WHITESPACE
    Geneva Convention (III) relative to the Treatment of Prisoners of War (12 August 1949)
    75 UNTS 135, art 5
    >>> cite(gc3, "art 5", first=False)
    'GC III, art 5'
    >>> case = Source(id="tadic", kind="case", title="Prosecutor v Tadić", short="Tadić",
    ...               publisher="ICTY Appeals Chamber", date=dt.date(1999, 7, 15),
    ...               citation="IT-94-1-A")
    >>> cite(case, "para 97", first=True)
    'Prosecutor v Tadić (ICTY Appeals Chamber, 15 July 1999) IT-94-1-A, para 97'
    >>> news = Source(id="ki", kind="news", title="North Korea says troops", short="Goncharova",
    ...               author="Olena Goncharova", publisher="The Kyiv Independent",
    ...               date=dt.date(2024, 10, 26), url="https://kyivindependent.com/x")
    >>> cite(news, None, first=True)
    "Olena Goncharova, 'North Korea says troops' The Kyiv Independent (26 October 2024) <https://kyivindependent.com/x>"
    >>> article = Source(id="e", kind="commentary", title="Denunciation", short="Evatt",
    ...                  author="Elizabeth Evatt", citation="(1999) 5(1) AJHR 215")
    >>> cite(article, "216", first=True)
    "Elizabeth Evatt, 'Denunciation' (1999) 5(1) AJHR 215, 216"
    >>> cite(article, None, first=False)
    'Evatt'
    """
    if not first:
        body = source.short
    elif source.kind == "news":
        body = _news(source)
    elif source.kind in ("treaty", "case", "un_document"):
        body = _instrument(source)
    else:
        body = _writing(source)
    return f"{body}, {pinpoint}" if pinpoint else body


def _date(source: Source) -> str | None:
    return format_date(source.date) if source.date else None


def _url(source: Source) -> str:
    return f" <{source.url}>" if source.url else ""


def _instrument(source: Source) -> str:
    parts = [p for p in (source.publisher, _date(source)) if p]
    text = source.title + (f" ({', '.join(parts)})" if parts else "")
    if source.citation:
        text += f" {source.citation}"
    return text + _url(source)


def _writing(source: Source) -> str:
    head = source.author or source.publisher
    text = f"{head}, '{source.title}'" if head else f"'{source.title}'"
    citation = source.citation
    if citation and citation.startswith("("):
        text += f" {citation}"
        citation = None
    publisher = source.publisher if source.publisher != head else None
    parts = [p for p in (citation, publisher, _date(source)) if p]
    if parts:
        text += f" ({', '.join(parts)})"
    return text + _url(source)


def _news(source: Source) -> str:
    text = f"{source.author}, '{source.title}'" if source.author else f"'{source.title}'"
    if source.publisher:
        text += f" {source.publisher}"
    if source.date:
        text += f" ({_date(source)})"
    return text + _url(source)


# --- verifying quotations ----------------------------------------------------------------------

_MAX_ANCHORS = 24
"""How many candidate starting points the nearest-match search examines."""
_ANCHOR_WORDS = 4
"""How many words at each end of a quotation anchor the nearest-match search."""
_FINALISTS = 8
"""How many of the best word-level windows are compared character by character."""


@dataclass(frozen=True)
class QuotationFailure:
    """A quotation whose text was not found verbatim, with the closest passage of the file."""

    quotation: str
    file: str
    nearest: str
    ratio: float

    def __str__(self) -> str:
        return (f"{self.quotation}: not found verbatim in {self.file}; nearest match "
                f"({self.ratio:.0%} similar): {self.nearest!r}")


@dataclass(frozen=True)
class MissingText:
    """A quotation (or a source's text) whose file does not exist."""

    owner: str
    file: str
    problem: str = "text file missing"

    def __str__(self) -> str:
        return f"{self.owner}: {self.file}: {self.problem}"


@dataclass
class VerifyReport:
    """The outcome of :func:`verify_quotations`."""

    verified: int = 0
    failures: list[QuotationFailure] = field(default_factory=list)
    missing_files: list[MissingText] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when at least one quotation was checked and every check passed."""
        return not self.failures and not self.missing_files and self.verified > 0

    def lines(self) -> list[str]:
        """One line per problem, then a summary line."""
        out = [str(p) for p in (*self.missing_files, *self.failures)]
        out.append(f"{self.verified} quotation(s) verified, {len(self.failures)} not found, "
                   f"{len(self.missing_files)} file(s) missing")
        return out


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space (nothing else is forgiven).

    >>> normalise("  Prisoners of war\\n>  shall be\\treleased ")
    'Prisoners of war > shall be released'
    """
    return " ".join(text.split())


def contains_verbatim(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` without starting or ending inside a word.

    Both are expected to be normalised already.

    >>> contains_verbatim("that of carrying arms openly;", "that of carrying arms openly")
    True
    >>> contains_verbatim("that of carrying arms openly;", "hat of carrying")
    False
    """
    if not needle:
        return False
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        left_ok = not needle[0].isalnum() or start == 0 or not haystack[start - 1].isalnum()
        right_ok = not needle[-1].isalnum() or end == len(haystack) or not haystack[end].isalnum()
        if left_ok and right_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


def nearest_match(quote: str, text: str) -> tuple[str, float]:
    """The passage of ``text`` most like ``quote``, and its similarity ratio (0 to 1).

    Candidate passages start where the first or last words of the quotation line up with the text;
    each is compared with :class:`difflib.SequenceMatcher`, a few widths around the quotation's.

    >>> nearest_match("released and repatriated with delay",
    ...               "They shall be released and repatriated without delay after.")
    ('released and repatriated without delay', 0.9...)
    """
    q_words = quote.split()
    t_words = text.split()
    n = len(q_words)
    if not n or not t_words:
        return "", 0.0
    k = min(_ANCHOR_WORDS, n)
    first = {w: j for j, w in reversed(list(enumerate(q_words[:k])))}
    last = {w: n - k + j for j, w in enumerate(q_words[n - k:])}
    scores: dict[int, int] = {}
    for i, word in enumerate(t_words):
        for offset in {first.get(word), last.get(word)} - {None}:
            assert offset is not None
            start = i - offset
            if start >= 0:
                scores[start] = scores.get(start, 0) + 1
    if scores:
        starts = sorted(scores, key=lambda s: (-scores[s], s))[:_MAX_ANCHORS]
    else:
        wanted = set(q_words)
        step = max(1, n // 2)
        coarse = range(0, max(1, len(t_words) - n + 1), step)
        starts = sorted(coarse, key=lambda s: (-len(wanted.intersection(t_words[s:s + n])), s))
        starts = starts[:_MAX_ANCHORS]
    # rank the windows word by word (fast), then measure the best few character by character
    ranked: list[tuple[float, int, int]] = []
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(q_words)
    for start in starts:
        for width in range(max(1, n - 2), n + 3):
            matcher.set_seq1(t_words[start:start + width])
            ranked.append((matcher.ratio(), start, width))
    ranked.sort(key=lambda r: (-r[0], abs(r[2] - n), r[1]))
    best, best_ratio = "", -1.0
    for _, start, width in ranked[:_FINALISTS]:
        window = " ".join(t_words[start:start + width])
        ratio = difflib.SequenceMatcher(None, window, quote, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best, round(best_ratio, 4)


def verify_quotations(registry: Registry, texts_dir: Path) -> VerifyReport:
    """Check that every quotation stands verbatim (up to whitespace) in its file.

    Files are read relative to ``texts_dir``. A source's ``text`` file that is missing is
    reported too.
    """
    report = VerifyReport()
    cache: dict[str, str | None] = {}
    for qid, quote in registry.quotations.items():
        text = _read(texts_dir, quote.file, cache)
        if text is None:
            report.missing_files.append(MissingText(qid, quote.file, _problem(texts_dir, quote.file)))
            continue
        wanted = normalise(quote.text)
        if contains_verbatim(text, wanted):
            report.verified += 1
        else:
            nearest, ratio = nearest_match(wanted, text)
            report.failures.append(QuotationFailure(qid, quote.file, nearest, ratio))
    for sid, source in registry.sources.items():
        if source.text is not None and _read(texts_dir, source.text, cache) is None:
            report.missing_files.append(MissingText(sid, source.text,
                                                    _problem(texts_dir, source.text)))
    return report


def _read(texts_dir: Path, name: str, cache: dict[str, str | None]) -> str | None:
    """A text file's normalised text; ``None`` if it is missing, unreadable or not a regular
    file (a named pipe is never opened: reading one waits for a writer for ever)."""
    if name not in cache:
        try:
            with open_regular(texts_dir / name) as fh:
                cache[name] = normalise(fh.read().decode("utf-8", errors="replace"))
        except OSError:
            cache[name] = None
    return cache[name]


def _problem(texts_dir: Path, name: str) -> str:
    """Why a text file could not be read, in a few words."""
    kind = special_kind(texts_dir / name)
    return f"{kind}, not a regular file, was not read" if kind else "text file missing"
