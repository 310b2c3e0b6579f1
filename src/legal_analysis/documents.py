"""Reading YAML and JSON documents while remembering where each value stood.

Only the loaders touch the disk. A document is parsed with PyYAML's *safe* composer (no Python
objects, no tags beyond the standard ones), then turned into plain data while every path is mapped
to its line and column, so that validation errors can point at the exact node. Aliases are
expanded with a budget, so an exponential "billion laughs" document is refused, not expanded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import LegalAnalysisError, Location
from .filekinds import open_regular, special_kind
from .nesting import too_deep
from .scalars import BadScalar, json_scalar, lenient_int, yaml_scalar
from .text_checks import check_characters, check_json_keys, hide_from_yaml

MAX_FILE_BYTES = 2_000_000
"""Largest input file read, in bytes; larger files are refused before parsing."""
MAX_NODES = 200_000
"""Most values a document may expand to (after aliases)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists a document may have."""

PathKey = tuple[str | int, ...]


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader (libyaml's parser where available) with YAML 1.2 booleans: only
    true/false, never yes/no/on/off.

    Under YAML 1.1 ``on: 2025-04-28`` would have a boolean key and ``[NO, RU]`` a boolean in
    it (the state code of Norway); here both stay text.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


@dataclass
class Document:
    """Plain data read from a file, with the position of every value in it."""

    path: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, key: PathKey) -> Location:
        """The position of the value at ``key``, or of its nearest ancestor that has one."""
        probe = tuple(key)
        while probe:
            if probe in self.marks:
                line, col = self.marks[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.marks.get((), (1, 1))
        return Location(self.path, line, col)


@dataclass
class DataDocument(Document):
    """Plain data given in Python (a mapping), not read from a file: it has no lines, so an
    error names the document and the field only."""

    def locate(self, key: PathKey) -> Location:
        return Location(self.path)


def data_document(data: Mapping[str, Any], name: str,
                  error: type[LegalAnalysisError] = LegalAnalysisError) -> DataDocument:
    """A copy of ``data`` as the plain data a file reads into (mappings as dicts, sequences as
    lists), or ``error`` where it nests more than :data:`MAX_DEPTH` levels (or holds itself)."""

    def plain(value: Any, key: PathKey) -> Any:
        if len(key) > MAX_DEPTH:
            raise error("the data is nested too deeply", location=Location(name),
                        field=dotted(key[:3]) + "…", expected=f"at most {MAX_DEPTH} levels")
        if isinstance(value, Mapping):
            return {_key_text(k): plain(v, (*key, str(k))) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v, (*key, i)) for i, v in enumerate(value)]
        return value

    return DataDocument(name, plain(data, ()))


def _key_text(key: Any) -> Any:
    """A mapping's key as a file's reader gives it: a date or a whole number as its text (as
    ``yaml.safe_load`` reads ``2025-01-01:``); other keys as they are."""
    if isinstance(key, dt.date) or (isinstance(key, int) and not isinstance(key, bool)):
        return key.isoformat() if isinstance(key, dt.date) else str(key)
    return key


def text_document(text: str, name: str,
                  error: type[LegalAnalysisError] = LegalAnalysisError) -> Document:
    """YAML or JSON given as a string, parsed as a file of that text would be (``name``, such
    as ``<string>``, stands for the file in locations)."""
    raw = text.encode("utf-8", errors="surrogatepass")
    if len(raw) > MAX_FILE_BYTES:
        raise error(f"the text is {len(raw):,} bytes, more than the limit of {MAX_FILE_BYTES:,}",
                    location=Location(name), expected="a smaller scenario")
    return parse_document(raw, name, error)


def dotted(key: PathKey) -> str:
    """``("persons", 0, "health")`` → ``persons[0].health``.

    >>> dotted(("persons", 0, "health"))
    'persons[0].health'
    """
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_document(path: Path, error: type[LegalAnalysisError] = LegalAnalysisError, *,
                  regular_only: bool = False) -> Document:
    """Read a YAML or JSON file into a :class:`Document`, or raise ``error`` with one line.

    A path named by the user may be a pipe or a device (``/dev/stdin``); a file found in a
    folder is read only if it is a regular file (``regular_only``): a named pipe there would
    block the read for ever, and is refused without being opened.
    """
    name = str(path)
    if path.is_dir():
        raise error("is a directory, not a file", location=Location(name),
                    expected="a .yaml, .yml or .json file")
    if regular_only and (kind := special_kind(path)) is not None:
        raise error(f"{kind}, not a regular file, was not read", location=Location(name),
                    expected="a regular file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}", location=Location(name)) from None
    if size > MAX_FILE_BYTES:
        raise error(f"the file is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}",
                    location=Location(name), expected="a smaller file; split it into several")
    try:
        with open_regular(path) if regular_only else path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # bounded: a device or a pipe has no size
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}", location=Location(name)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise error(f"the file is more than the limit of {MAX_FILE_BYTES:,} bytes",
                    location=Location(name), expected="a smaller file; split it into several")
    return parse_document(raw, name, error)


def parse_document(raw: bytes, name: str,
                   error: type[LegalAnalysisError] = LegalAnalysisError) -> Document:
    """Parse bytes that hold YAML or JSON (JSON is read as YAML, which keeps line numbers).

    A ``name`` ending in ``.json`` or ``.jsonl`` (a line of a JSON Lines file) is checked as
    strict JSON first.
    """
    is_json = name.endswith((".json", ".jsonl"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                    location=Location(name, line, col),
                    expected="a UTF-8 text file; re-save it as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not is_json:
        check_characters(text, name, error)
    if (deep := too_deep(text, MAX_DEPTH)) is not None:
        raise error("the document is nested too deeply", location=Location(name, *deep),
                    expected=f"at most {MAX_DEPTH} levels")
    restore: dict[int, str] = {}
    if is_json:
        _check_json(text, name, error)
        check_json_keys(text, name, error)
        text, restore = hide_from_yaml(_SURROGATE_PAIR.sub(_join_pair, text))
    try:
        node = _compose(text, name, error)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        problem = exc.problem or exc.context or "malformed document"
        raise error(f"malformed {'JSON' if is_json else 'YAML'}: {problem}",
                    location=loc) from None
    except yaml.YAMLError as exc:
        raise error(f"malformed YAML: {exc}", location=Location(name)) from None
    except RecursionError:
        raise error("the document is nested too deeply", location=Location(name),
                    expected=f"at most {MAX_DEPTH} levels") from None
    if node is None:
        raise error("the file is empty", location=Location(name, 1, 1),
                    expected="a mapping of fields")
    builder = _Builder(name, error, text, is_json, restore)
    data = builder.build(node, (), 0)
    return Document(name, data, builder.marks)


def _compose(text: str, name: str, error: type[LegalAnalysisError]) -> yaml.Node | None:
    """The node tree of a one-document YAML stream, built from its events without recursion.

    ``yaml.compose`` recurses once per level: libyaml's composer crashes the interpreter (a C
    stack overflow) on a file nested some 50,000 levels deep, and its parser slows down with the
    square of the depth. Here the events are pulled one by one and reading stops at the first
    level deeper than :data:`MAX_DEPTH`, or as soon as the values the document stands for, with
    every alias expanded, pass :data:`MAX_NODES`: a hostile file costs no more than a valid one
    of the same size.
    """
    loader = _Loader(text)
    root: yaml.Node | None = None
    stack: list[list[Any]] = []  # [open collection, its pending mapping key, count, anchor]
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[str, int] = {}  # anchor -> values its node expands to (once complete)
    count = 0  # values so far, aliases expanded
    next_event: Callable[[], Any] = loader.get_event  # (the stubs' Mark types do not meet)
    try:
        while (event := next_event()) is not None:
            if isinstance(event, yaml.CollectionEndEvent):
                node, _key, opened, anchor = stack.pop()
                node.end_mark = event.end_mark
                if anchor is not None:
                    sizes[anchor] = count - opened + 1
                continue
            if not isinstance(event, yaml.NodeEvent):
                if type(event) is yaml.DocumentStartEvent and root is not None:
                    _another_document(root, event)
                continue
            count += _weight(event, anchors, sizes, name, error)
            opens = isinstance(event, yaml.CollectionStartEvent)
            if count > MAX_NODES or (opens and len(stack) >= MAX_DEPTH):
                _refuse(event, count, name, error)
            node = _node(event, loader, anchors)
            if not stack:
                root = node
            elif isinstance(stack[-1][0], yaml.SequenceNode):
                stack[-1][0].value.append(node)
            elif stack[-1][1] is None:
                stack[-1][1] = node
            else:
                stack[-1][0].value.append((stack[-1][1], node))
                stack[-1][1] = None
            if opens:
                stack.append([node, None, count, event.anchor])
            elif event.anchor is not None:
                sizes.setdefault(event.anchor, 1)
    finally:
        loader.dispose()
    return root


def _another_document(first: yaml.Node, event: Any) -> None:
    raise yaml.composer.ComposerError("expected a single document in the stream",
                                      first.start_mark, "but found another document",
                                      event.start_mark)


def _at(name: str, event: Any) -> Location:
    return Location(name, event.start_mark.line + 1, event.start_mark.column + 1)


def _weight(event: Any, anchors: dict[str, yaml.Node], sizes: dict[str, int], name: str,
            error: type[LegalAnalysisError]) -> int:
    """How many values an event adds to the document: one, or an alias's whole expansion."""
    if type(event) is not yaml.AliasEvent or event.anchor not in anchors:
        return 1
    if event.anchor not in sizes:
        raise error(f"the alias *{event.anchor} stands inside the collection it names, which would "
                    "never end", location=_at(name, event), expected="an alias of a value that is complete")
    return sizes[event.anchor]


def _refuse(event: Any, count: int, name: str, error: type[LegalAnalysisError]) -> None:
    where = _at(name, event)
    if count > MAX_NODES:
        raise error(f"the document expands to more than {MAX_NODES:,} values", location=where,
                    expected="a document without mass-expanding aliases")
    raise error("the document is nested too deeply", location=where,
                expected=f"at most {MAX_DEPTH} levels")


def _node(event: Any, loader: _Loader, anchors: dict[str, yaml.Node]) -> yaml.Node:
    """The node an event opens or stands for (as PyYAML's composer makes it)."""
    kind = type(event)
    if kind is yaml.AliasEvent:
        if event.anchor not in anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                              event.start_mark)
        return anchors[event.anchor]
    if event.anchor is not None and event.anchor in anchors:
        raise yaml.composer.ComposerError(f"found duplicate anchor {event.anchor!r}; first "
                                          "occurrence", anchors[event.anchor].start_mark,
                                          "second occurrence", event.start_mark)
    node: yaml.Node
    tag = event.tag
    if kind is yaml.ScalarEvent:
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                               style=event.style)
    else:
        collection = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
        if tag is None or tag == "!":
            tag = loader.resolve(collection, None, event.implicit)
        node = collection(tag, [], event.start_mark, None, flow_style=event.flow_style)
    if event.anchor is not None:
        anchors[event.anchor] = node
    return node


_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})",
                             re.IGNORECASE)
"""A JSON escape of a character past U+FFFF (``\\ud83d\\ude00``), which YAML does not read."""


def _join_pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _check_json(text: str, name: str, error: type[LegalAnalysisError]) -> None:
    try:
        json.loads(text, parse_int=lenient_int)
    except json.JSONDecodeError as exc:
        raise error(f"malformed JSON: {exc.msg}", location=Location(name, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise error("the document is nested too deeply", location=Location(name),
                    expected=f"at most {MAX_DEPTH} levels") from None


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _Builder:
    def __init__(self, name: str, error: type[LegalAnalysisError], text: str,
                 is_json: bool = False, restore: dict[int, str] | None = None) -> None:
        self.is_json = is_json
        self.name = name
        self.error = error
        self.text = text
        self.restore = restore or {}  # stand-ins of characters hidden from the YAML parser
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.count = 0
        self.constructor = _Loader("")

    def at(self, node: yaml.Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, key: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(f"the document expands to more than {MAX_NODES:,} values",
                             location=self.at(node),
                             expected="a document without mass-expanding aliases")
        if depth > MAX_DEPTH:
            raise self.error("the document is nested too deeply", location=self.at(node),
                             expected=f"at most {MAX_DEPTH} levels")
        self.marks.setdefault(key, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise self.error(f"the tag {node.tag!r} is not allowed", location=self.at(node),
                             field=dotted(key) or None,
                             expected="plain mappings and lists, without tags")
        if isinstance(node, yaml.MappingNode):
            if node.flow_style and not self.is_json:
                self.comma_split(node.value, key)
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    raise self.error("a key must be a plain word", location=self.at(knode))
                if knode.tag == "tag:yaml.org,2002:merge":
                    raise self.error("YAML merge keys ('<<') are not supported",
                                     location=self.at(knode), expected="the fields written out")
                k = str(knode.value).translate(self.restore)
                if k in out:
                    raise self.error(f"the key {k!r} appears twice", location=self.at(knode),
                                     field=dotted((*key, k)))
                out[k] = self.build(vnode, (*key, k), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, key)

    def scalar(self, node: yaml.ScalarNode, key: PathKey) -> Any:
        try:
            if self.is_json and not node.style:  # plain: JSON's numbers, true, false and null
                return json_scalar(node.value)  # mean what JSON says (YAML 1.1 reads 1e5 as text)
            value = yaml_scalar(node, self.constructor)
        except BadScalar as exc:
            raise self.error(exc.message, location=self.at(node), field=dotted(key) or None,
                             expected=exc.expected) from None
        return value.translate(self.restore) if self.restore and isinstance(value, str) else value

    def bare(self, knode: yaml.Node, vnode: yaml.Node) -> bool:
        """Whether a flow-mapping entry is a plain word with no ':' and no value."""
        return (isinstance(knode, yaml.ScalarNode) and not knode.style
                and isinstance(vnode, yaml.ScalarNode) and vnode.tag == "tag:yaml.org,2002:null"
                and vnode.value == ""
                and ":" not in self.text[knode.end_mark.index:vnode.start_mark.index])

    def comma_split(self, entries: list[tuple[yaml.Node, yaml.Node]], key: PathKey) -> None:
        """Refuse ``{source: x, pinpoint: cc136-7, para 3}``: YAML ends a value in braces at its
        first comma, so what follows reads as a field of its own (``para 3``, without a value)."""
        for i in range(1, len(entries)):
            (pk, pv), (k, v) = entries[i - 1], entries[i]
            if not self.bare(k, v) or self.bare(pk, pv) or not isinstance(pk, yaml.ScalarNode) \
                    or not isinstance(pv, yaml.ScalarNode) or pv.style:
                continue
            cut = [kn for kn, _ in itertools.takewhile(lambda e: self.bare(*e), entries[i:])]
            written = self.text[pv.start_mark.index:cut[-1].end_mark.index]  # as in the file
            whole = json.dumps(" ".join(written.split()), ensure_ascii=False)
            raise self.error(f"the value stops at a comma, and {k.value!r} reads as a field of "
                             f"its own (a value with a comma needs quotes: {pk.value}: {whole})",
                             location=self.at(pv), field=dotted((*key, str(pk.value))))


def lookup(data: Any, key: PathKey) -> Any:
    """The value at ``key`` inside nested plain data, or ``None``."""
    cur = data
    for part in key:
        in_list = isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur)
        if (isinstance(cur, Mapping) and part in cur) or in_list:
            cur = cur[part]
        else:
            return None
    return cur
