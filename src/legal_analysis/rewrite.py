"""Writing a migrated scenario: the file's leading comment block kept, the YAML laid out as a
person would write it, checked before it is written, and written atomically, never over a file
without leave.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .documents import parse_document, read_document
from .errors import Location, OutputError, ScenarioError
from .formats import scenario_format
from .migrate import migrate
from .model.loading import build_scenario_v2
from .output import write_atomic
from .scenario import build_scenario_v1

WIDTH = 100
"""Lines of the YAML written are folded at about this width."""


@dataclass(frozen=True)
class Rewritten:
    """A migrated scenario's text and what was done to it."""

    text: str
    notes: tuple[str, ...]


def leading_comments(text: str) -> str:
    """The comment block at the top of a file (comment and blank lines before anything else).

    >>> leading_comments("# a\\n#\\n# b\\n\\nid: x\\n# c\\n")
    '# a\\n#\\n# b\\n'
    """
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(line + "\n" for line in lines)


def later_comments(text: str) -> int:
    """How many comment lines stand after the leading block (they are not carried over)."""
    head = len(leading_comments(text).splitlines())
    return sum(1 for line in text.splitlines()[head:] if line.lstrip().startswith("#"))


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no anchors, short lists of plain values
    and citations on one line, long texts folded."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date) or value is None


def _represent_list(dumper: yaml.SafeDumper, data: Any) -> yaml.Node:
    flat = all(_scalar(v) for v in data) and len(json.dumps(data, default=str)) < 60
    nested = all(isinstance(v, list) and all(_scalar(i) for i in v) for v in data) and data \
        and len(json.dumps(data, default=str)) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=bool(flat or nested))


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    citation = set(data) <= {"source", "pinpoint"} and all(_scalar(v) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=citation)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    if len(data) > WIDTH - 20 and not re.search(r"\s$|^\s", data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">")
    return dumper.represent_str(data)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(tuple, _represent_list)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """``data`` as YAML a person can read and edit."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH - 10,
                     default_flow_style=False)


def rewrite(source: Path, as_json: bool = False) -> Rewritten:
    """Migrate a format-1 scenario file; the text is checked as format 2 before it is returned.

    Raises :class:`ScenarioError` for a file that is not valid format 1 (or is format 2 already).
    """
    doc = read_document(source, ScenarioError)
    if scenario_format(doc) == 2:
        raise ScenarioError("the file is in scenario format 2 already", field="format",
                            location=doc.locate(("format",)), expected="a format-1 scenario")
    build_scenario_v1(doc)
    migration = migrate(doc.data, doc)
    original = source.read_text(encoding="utf-8-sig")
    if as_json:
        text = json.dumps(migration.data, indent=2, ensure_ascii=False, default=str) + "\n"
    else:
        comments = leading_comments(original)
        text = (comments + "\n" if comments else "") + dump_yaml(migration.data)
    notes = list(migration.notes)
    dropped = later_comments(original) if not as_json else len(
        [line for line in original.splitlines() if line.lstrip().startswith("#")])
    if dropped:
        notes.append(f"{dropped} comment line{'s' if dropped != 1 else ''} after the leading "
                     "block not carried over: copy them by hand where they still apply")
    try:
        build_scenario_v2(parse_document(text.encode("utf-8"), source.name + (
            ".json" if as_json else ".yaml"), ScenarioError))
    except ScenarioError as exc:  # a fault of the migration, not of the file
        raise ScenarioError(f"the migrated scenario does not validate ({exc}); please report it",
                            location=Location(str(source))) from None
    return Rewritten(text, tuple(notes))


def write_rewritten(target: Path, text: str, force: bool) -> None:
    """Write a migrated scenario: only over a regular file, and only with ``force``."""
    if target.exists() and not target.is_symlink() and not target.is_file():
        raise OutputError("the output path is not a regular file and was left as it was",
                          location=Location(str(target)), expected="a file name")
    write_atomic(target, text.encode("utf-8"), force)
