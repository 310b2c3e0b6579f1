"""Fuzzing: generated and mutated scenario and rule files only ever fail cleanly.

Scenarios start from docs/examples/*.yaml and from :func:`tests.strategies.scenarios`; rule bases
from a copy of rules/; output paths and what-if values are drawn to meet special files, control
characters and values of every type. A mutation deletes keys, replaces values with random YAML values, inserts
unknown keys, truncates the text at a random byte or inserts random bytes. Each test is bounded
(``max_examples``, scaled by :func:`tests.strategies.examples`: four times as many in CI) so that
the whole file runs in about a minute on two cores in a local run: memos and rule checks of valid
inputs take seconds, so those tests draw few examples.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from legal_analysis.batch import evaluate_many
from legal_analysis.cli import app
from legal_analysis.documents import parse_document
from legal_analysis.engine.analysis import Analysis, analyse
from legal_analysis.errors import LegalAnalysisError, RuleError
from legal_analysis.ruleset.loading import Rulebook, load_rulebook

from .conftest import EXAMPLES, ROOT
from .strategies import examples, scenarios

runner = CliRunner()
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
RULES = ROOT / "rules"

Key = str | int


def _plain(path: Path) -> Any:
    return parse_document(path.read_bytes(), path.name).data


EXAMPLE_DATA = {p.name: _plain(p) for p in sorted(EXAMPLES.glob("*.yaml"))}
SMALLEST_EXAMPLE = "dprk-2024-10-26.yaml"

# -- random YAML values and mutations -------------------------------------------------------------

WORDS = st.sampled_from(["unknown", "true", "no", "AAA", "PRK", "war", "dep", "p1", "value",
                         "established", "disputed", "wounded", "sending", "2025-01-09", "~",
                         "", "name", "accounts", "by", "fact", "conclusion", "all", "not"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
                    st.dates(min_value=dt.date(1, 1, 1)), WORDS)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(WORDS, st.text(max_size=8)), inner,
                                                 max_size=4)), max_leaves=8)


def _paths(data: Any, prefix: tuple[Key, ...] = ()) -> list[tuple[Key, ...]]:
    """Every path into nested plain data (the root excluded)."""
    out: list[tuple[Key, ...]] = []
    items: list[tuple[Key, Any]] = []
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    for key, value in items:
        out.append((*prefix, key))
        out.extend(_paths(value, (*prefix, key)))
    return out


def _parent(data: Any, path: tuple[Key, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def mutated(draw: st.DrawFn, data: Any) -> Any:
    """``data`` after one to three structural mutations."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            return draw(VALUES)
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        op = draw(st.sampled_from(["delete", "replace", "insert"]))
        if op == "delete":
            del parent[path[-1]]
        elif op == "replace":
            parent[path[-1]] = draw(VALUES)
        else:
            target = parent[path[-1]]
            if isinstance(target, dict):
                target[draw(st.one_of(WORDS, st.text(min_size=1, max_size=10)))] = draw(VALUES)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(VALUES))
            else:
                parent[path[-1]] = {draw(WORDS): draw(VALUES)}
    return data


def _dump(data: Any, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(data, default=str, ensure_ascii=False).encode("utf-8")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@st.composite
def damaged(draw: st.DrawFn, raw: bytes) -> bytes:
    """``raw`` as it is, truncated at a random byte, or with random bytes inserted."""
    op = draw(st.sampled_from(["none", "none", "truncate", "insert"]))
    if op == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    if op == "insert":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw


@st.composite
def scenario_files(draw: st.DrawFn, examples: tuple[str, ...] = tuple(EXAMPLE_DATA)
                   ) -> tuple[str, bytes]:
    """A file name and bytes: an example or a generated scenario, mutated and maybe damaged."""
    from_example: bool = draw(st.booleans()) if examples else False
    if from_example:
        base = EXAMPLE_DATA[draw(st.sampled_from(examples))]
    else:
        base = draw(scenarios()).model_dump(mode="json", exclude_defaults=True)
    data = draw(mutated(base)) if draw(st.integers(0, 4)) else base
    as_json = draw(st.booleans())
    suffix = draw(st.sampled_from([".json", ".yaml"] if as_json else [".yaml", ".yml", ".json"]))
    return f"scenario{suffix}", draw(damaged(_dump(data, as_json)))


# -- checks ---------------------------------------------------------------------------------------

def assert_clean(args: list[str], allowed: tuple[int, ...] = (0, 2)) -> Result:
    """Run the command line: an allowed exit code, one ``legal-analysis:`` line on failure."""
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{args}: {result.exception!r}"
    assert result.exit_code in allowed, (args, result.exit_code, result.stderr)
    if result.exit_code == 2:
        err = result.stderr
        assert err.startswith("legal-analysis: ") and err.count("\n") == 1, err
    return result


def _write(folder: Path, name: str, raw: bytes) -> Path:
    path = folder / name
    path.write_bytes(raw)
    return path


@settings(max_examples=examples(120), deadline=None, suppress_health_check=SLOW)
@given(scenario_files())
def test_validate_fails_cleanly(file: tuple[str, bytes]) -> None:
    """``validate`` of any scenario file exits 0, or 2 with one ``legal-analysis:`` line."""
    with tempfile.TemporaryDirectory() as tmp:
        assert_clean(["validate", str(_write(Path(tmp), *file))])


@settings(max_examples=examples(30), deadline=None, suppress_health_check=SLOW)
@given(scenario_files())
def test_evaluate_fails_cleanly(file: tuple[str, bytes]) -> None:
    """``evaluate --format json`` of any scenario file exits 0 (with JSON), or 2 with one line."""
    with tempfile.TemporaryDirectory() as tmp:
        result = assert_clean(["evaluate", str(_write(Path(tmp), *file)), "--format", "json"])
        if result.exit_code == 0:  # a scenario without conflicts may have no conclusions
            assert isinstance(json.loads(result.stdout)["conclusions"], list)


@settings(max_examples=examples(8), deadline=None, suppress_health_check=SLOW)
@given(scenario_files(examples=(SMALLEST_EXAMPLE,)))
def test_memo_fails_cleanly_and_leaves_no_file(file: tuple[str, bytes]) -> None:
    """``memo -o`` of any scenario file exits 0 and writes the memo, or exits 2 with one line
    and leaves the folder as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = _write(folder, *file)
        target = folder / "memo.md"
        if assert_clean(["memo", str(path), "-o", str(target)]).exit_code == 0:
            assert target.read_bytes().startswith(b"# ")
        else:
            assert sorted(p.name for p in folder.iterdir()) == [path.name]


@pytest.fixture(scope="module")
def shipped_rules() -> Rulebook:
    return load_rulebook(RULES)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=SLOW)
@given(st.lists(scenario_files(), min_size=1, max_size=4))
def test_evaluate_many_gives_one_clean_record_each(shipped_rules: Rulebook,
                                                   files: list[tuple[str, bytes]]) -> None:
    """``evaluate_many`` gives one record per item, ok or with a one-line error, and no record
    reports an internal error."""
    got = list(evaluate_many(files, shipped_rules))
    assert [r["source"] for r in got] == [name for name, _ in files]
    for record in got:
        json.dumps(record)
        if not record["ok"]:
            assert "\n" not in record["error"] and "internal error" not in record["error"], record


# -- rule bases -----------------------------------------------------------------------------------

RULE_FILES = {p.name: p for p in sorted(RULES.glob("*.yaml"))}
CHECK_SUBSET = ("party.yaml", "sources.yaml")


@st.composite
def rule_bases(draw: st.DrawFn, names: tuple[str, ...]) -> tuple[str, bytes]:
    """One of ``names`` mutated (and maybe damaged): its name and new bytes."""
    name = draw(st.sampled_from(names))
    raw = RULE_FILES[name].read_bytes()
    if draw(st.integers(0, 4)):
        raw = _dump(draw(mutated(_plain(RULE_FILES[name]))), as_json=False)
    return name, draw(damaged(raw))


def _rules_copy(folder: Path, names: tuple[str, ...], changed: tuple[str, bytes]) -> Path:
    root = folder / "rules"
    root.mkdir()
    for name in names:
        shutil.copy(RULE_FILES[name], root / name)
    if (RULES / "data").is_dir():
        shutil.copytree(RULES / "data", root / "data")
    (root / changed[0]).write_bytes(changed[1])
    return root


@settings(max_examples=examples(25), deadline=None, suppress_health_check=SLOW)
@given(rule_bases(tuple(RULE_FILES)))
def test_load_rulebook_raises_only_rule_errors(changed: tuple[str, bytes]) -> None:
    """Loading a rule base with one mutated file succeeds or raises :class:`RuleError`."""
    with tempfile.TemporaryDirectory() as tmp:
        root = _rules_copy(Path(tmp), tuple(RULE_FILES), changed)
        try:
            load_rulebook(root)
            message = ""
        except RuleError as exc:
            message = str(exc)
        assert "\n" not in message


@settings(max_examples=examples(25), deadline=None, suppress_health_check=SLOW)
@given(rule_bases(CHECK_SUBSET))
def test_rules_check_exits_cleanly(changed: tuple[str, bytes]) -> None:
    """``rules check --rules DIR`` exits 0 or 1 (the checker's verdict), or 2 with one line
    when the rule base cannot be loaded."""
    with tempfile.TemporaryDirectory() as tmp:
        root = _rules_copy(Path(tmp), CHECK_SUBSET, changed)
        assert_clean(["rules", "check", "--rules", str(root)], allowed=(0, 1, 2))


# -- inputs the fuzzers found, kept as regular tests ----------------------------------------------

LIST_AS_CONCLUSION = """\
conclusions:
  pow_status: {title: P, question: "Q {person}?", subject: {person: person}, values: [true, false]}
  protected: {title: R, question: "R {person}?", subject: {person: person}, values: [true, false]}
rules:
  - id: r.one
    conclusion: protected
    for: {person: person}
    subject: {person: person}
    value: true
    when: {conclusion: [pow_status], subject: {person: person}}
    authorities: [{source: test-treaty, pinpoint: "art 1"}]
    explain: {holds: "h", fails: "f"}
"""


def test_a_conclusion_test_naming_a_list_is_a_rule_error(tmp_path: Path) -> None:
    """Found by :func:`test_load_rulebook_raises_only_rule_errors`: a condition
    ``{conclusion: [..]}`` raised ``TypeError: unhashable type: 'list'``, not a RuleError."""
    shutil.copy(ROOT / "tests" / "fixtures" / "rules_engine" / "sources.yaml", tmp_path)
    (tmp_path / "rules.yaml").write_text(LIST_AS_CONCLUSION, encoding="utf-8")
    with pytest.raises(RuleError, match=r"rules.yaml:10:\d+: .*unknown conclusion \['pow_status'\]"):
        load_rulebook(tmp_path)
    result = runner.invoke(app, ["rules", "check", "--rules", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


# -- output paths ---------------------------------------------------------------------------------

NAME_CHARS = st.one_of(st.characters(exclude_characters="\x00/"),
                       st.sampled_from(["\x1b", "\n", "\x0b", "\x85", "\x7f", "\udcff", " ", "."]))
"""Characters of a file name given on a command line (which cannot hold NUL; a byte that is not
UTF-8 arrives as a lone surrogate such as U+DCFF)."""
SPECIAL = ("file.md", "pipe", "dir", "link-file", "link-pipe", "dangling", "loop")
"""What stands in the folder an output path is drawn in (see :func:`_output_folder`)."""


@st.composite
def output_paths(draw: st.DrawFn) -> str:
    """A path relative to the test's folder: a special file of it, a drawn name, or either
    under a folder, a file, a pipe or nothing."""
    name = draw(st.one_of(st.sampled_from(SPECIAL), st.just("x" * 300),
                          st.lists(NAME_CHARS, min_size=1, max_size=16).map("".join)))
    return draw(st.sampled_from(["", "dir/", "file.md/", "pipe/", "missing/"])) + name


def _output_folder(root: Path) -> None:
    """A scenario, a batch's input folder, and the things an output path may meet."""
    small = root / "small.json"
    small.write_text(json.dumps(SMALL_SCENARIO), encoding="utf-8")
    (root / "inputs").mkdir()
    shutil.copy(small, root / "inputs" / "small.json")
    (root / "file.md").write_text("mine")
    os.mkfifo(root / "pipe")
    (root / "dir").mkdir()
    (root / "link-file").symlink_to(root / "file.md")
    (root / "link-pipe").symlink_to(root / "pipe")
    (root / "dangling").symlink_to(root / "missing" / "x.md")
    (root / "loop").symlink_to(root / "loop")


@settings(max_examples=examples(25), deadline=None, suppress_health_check=SLOW)
@given(path=output_paths(), command=st.sampled_from(["memo", "batch", "examples copy"]),
       force=st.booleans())
def test_output_paths_fail_cleanly(path: str, command: str, force: bool) -> None:
    """Whatever the output path (special files, links, missing folders, control characters,
    undecodable bytes, names too long), ``memo -o``, ``batch -o`` and ``examples copy`` exit 0
    having written a regular file, or 2 with one line; a named pipe stays a pipe, a directory a
    directory, ``file.md`` keeps its text unless ``--force`` replaced it, and no temporary file
    is left anywhere."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _output_folder(root)
        target = root / path
        args = {"memo": ["memo", str(root / "small.json"), "-o", str(target)],
                "batch": ["batch", str(root / "inputs"), "-o", str(target)],
                "examples copy": ["examples", "copy", "tutorial-border-war", str(target)]}[command]
        result = assert_clean(args + (["--force"] if force else []))
        assert stat.S_ISFIFO((root / "pipe").stat().st_mode) and (root / "dir").is_dir()
        assert force or (root / "file.md").read_text() == "mine"
        assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")]
        if result.exit_code == 0 and command != "examples copy":
            assert stat.S_ISREG(target.stat().st_mode), path


# -- what-if values -------------------------------------------------------------------------------

SMALL_SCENARIO: dict[str, Any] = {
    "id": "small", "title": "A small scenario", "as_of": "2025-03-01",
    "states": {c: {"name": f"State {c}"} for c in ("AAA", "BBB", "CCC")},
    "conflicts": {"war": {"name": "War", "belligerents": ["AAA", "BBB"], "start": "2022-02-24"}},
    "deployments": {"dep": {"sending_state": "CCC", "receiving_state": "AAA", "conflict": "war",
                            "against": "BBB", "size": {"accounts": [
                                {"by": ["AAA"], "value": 100}, {"by": ["BBB"], "value": 900}]}}},
    "persons": {"p1": {"name": "Person 1", "deployment": "dep", "captured_by": "BBB",
                       "captured_on": "2025-01-09", "destinations": {"AAA": {}}}},
    "destinations": ["AAA", "CCC"],
}


@functools.cache
def small_analysis() -> Analysis:
    from legal_analysis.scenario import build_scenario

    doc = parse_document(json.dumps(SMALL_SCENARIO).encode(), "small.json")
    return analyse(build_scenario(doc), load_rulebook(RULES))


FACT_KEYS = st.deferred(lambda: st.sampled_from(sorted(small_analysis().index.entries)))
SET_WORDS = st.sampled_from([
    "unknown", "UNKNOWN", "true", "yes", "no", "1", "0", "-1", "12", "1e3", "2025-01-09",
    "2025-13-01", "2022-02-23", "0001-01-01", "9999-12-31", "AAA", "ZZZ", "AAA,BBB", ",", "",
    "sending", "joint", "wounded", "state_sent", "x" * 300, "\x1b[31m", "a\nb", "\udcff", "=",
])


@settings(max_examples=examples(40), deadline=None, suppress_health_check=SLOW)
@given(key=st.one_of(FACT_KEYS, st.text(min_size=1, max_size=30).filter(lambda k: "=" not in k
                                                                         and "\x00" not in k)),
       value=st.one_of(SET_WORDS, st.text(max_size=20).filter(lambda v: "\x00" not in v)),
       fmt=st.sampled_from(["text", "json"]))
def test_what_if_set_values_fail_cleanly(key: str, value: str, fmt: str) -> None:
    """``what-if --set KEY=VALUE`` with any key and value exits 0 with its result (JSON that
    parses, for ``-f json``), or 2 with one line; never a traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "small.json"
        path.write_text(json.dumps(SMALL_SCENARIO), encoding="utf-8")
        result = assert_clean(["what-if", str(path), "--set", f"{key}={value}", "-f", fmt])
        if result.exit_code == 0 and fmt == "json":
            assert set(json.loads(result.stdout)) == {"set", "changes"}


@settings(max_examples=examples(60), deadline=None, suppress_health_check=SLOW)
@given(changes=st.dictionaries(st.one_of(FACT_KEYS, st.text(max_size=12)), VALUES,
                               min_size=1, max_size=3))
def test_what_if_in_python_raises_only_one_line_errors(changes: dict[str, Any]) -> None:
    """``Analysis.what_if`` with values of any type (numbers, dates, text, lists, mappings,
    NaN) returns a result or raises a one-line :class:`LegalAnalysisError`, nothing else."""
    message = ""
    try:
        result = small_analysis().what_if(changes)
    except LegalAnalysisError as exc:
        message = str(exc)
    else:
        assert [k for k, _ in result.changes_made] == list(changes)
    assert "\n" not in message
