"""Hostile and broken input: every case ends in one clear line and exit code 2.

Never a traceback, never a partial output file, never a stray temporary file. Broken scenarios
come from tests/fixtures/bad_scenarios/ (one error each) and from files made here: an exponential
alias bomb, nesting 10,000 and 100,000 levels deep, a file past the size limit, bytes that are
not UTF-8, and output paths that are directories, under a file, missing, or symbolic links.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from legal_analysis import documents, scalars, text_checks
from legal_analysis.cli import app
from legal_analysis.errors import ScenarioError
from legal_analysis.scenario import load_scenario

from .conftest import FIXTURES, ROOT

runner = CliRunner()
BAD = FIXTURES / "bad_scenarios"
BAD_FILES = sorted(p.name for p in BAD.iterdir() if p.name != "expected.yaml")

SMALL: dict[str, Any] = {
    "id": "small", "title": "A small scenario", "as_of": "2025-03-01",
    "states": {c: {"name": f"State {c}"} for c in ("AAA", "BBB", "CCC")},
    "conflicts": {"war": {"name": "War", "belligerents": ["AAA", "BBB"], "start": "2022-02-24"}},
    "deployments": {"dep": {"sending_state": "CCC", "receiving_state": "AAA", "conflict": "war",
                            "against": "BBB"}},
    "persons": {"p1": {"name": "Person 1", "deployment": "dep", "captured_by": "BBB",
                       "captured_on": "2025-01-09"}},
}


def cli(*args: str | Path) -> tuple[int, str, str]:
    """Run the command line in-process: exit code, stdout, stderr (no exception but exit)."""
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def assert_one_line(code: int, out: str, err: str, *words: str) -> None:
    """Exit code 2 and exactly one line on stderr, ``legal-analysis: …``, holding ``words``."""
    assert code == 2, (code, out, err)
    assert err.startswith("legal-analysis: ") and err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in out + err
    for word in words:
        assert word in err, (word, err)


def small_scenario(folder: Path) -> Path:
    path = folder / "small.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    return path


# -- broken scenarios -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", BAD_FILES)
@pytest.mark.parametrize("command", ["validate", "evaluate", "memo"])
def test_every_bad_fixture_is_one_line_and_leaves_no_file(tmp_path: Path, name: str,
                                                          command: str) -> None:
    args: list[str | Path] = [command, BAD / name]
    if command == "memo":
        args += ["-o", tmp_path / "memo.md"]
    assert_one_line(*cli(*args), name)
    assert list(tmp_path.iterdir()) == []


def test_fixtures_cover_each_kind_of_broken_input() -> None:
    wanted = {"malformed-yaml.yaml", "malformed-json.json", "wrong-type-date.yaml",
              "unknown-field-typo.yaml", "dangling-reference.json",
              "capture-before-conflict-start.yaml", "alias-bomb.yaml", "non-utf8.yaml",
              "duplicate-key.yaml", "python-object-tag.yaml", "impossible-date-as-of.yaml",
              "impossible-date.json", "number-too-long.yaml", "number-too-long.json",
              "key-too-long.json", "del-character.yaml", "c1-character.yaml",
              "pinpoint-with-comma.yaml", "unknown-source.yaml",
              "scenario-source-clashes-with-registry.yaml", "state-name-for-code.yaml",
              "treaty-until-before-since.yaml", "no-states.yaml"}
    assert wanted <= set(BAD_FILES)


def _alias_bomb(levels: int) -> str:
    lines = ["id: bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_once_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_alias_bomb(30), encoding="utf-8")  # 10**30 values once expanded
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(ScenarioError, match="expands to more than 200,000 values"):
            load_scenario(path)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0, f"took {elapsed:.2f} s"
    assert peak < 10_000_000, f"peak {peak:,} bytes"
    assert_one_line(*cli("validate", path), "expands to more than")


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("id: loop\nstates: &s {AAA: {name: [*s]}}\n", encoding="utf-8")
    assert_one_line(*cli("validate", path), "loop.yaml:2:", "would never end")


@pytest.mark.parametrize(("name", "text"), [
    ("flow.yaml", "[" * 10_000 + "]" * 10_000),
    ("map.yaml", "{a: " * 10_000 + "1" + "}" * 10_000),
    ("block.yaml", "- " * 10_000 + "x\n"),
    ("deep.json", "[" * 10_000 + "]" * 10_000),
    ("deep-map.json", '{"a": ' * 10_000 + "1" + "}" * 10_000),
])
def test_nesting_10000_levels_is_one_line(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "evaluate"):
        assert_one_line(*cli(command, path), "nested too deeply",
                        f"at most {documents.MAX_DEPTH} levels")


def test_json_and_yaml_recursion_errors_become_one_line() -> None:
    """Python's json and the YAML reader raise RecursionError past their limits: caught."""
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    for name in ("deep.json", "deep.yaml"):
        with pytest.raises(ScenarioError, match="nested too deeply"):
            documents.parse_document(deep, name, ScenarioError)


def test_depth_limit_allows_what_it_says() -> None:
    ok = "[" * documents.MAX_DEPTH + "]" * documents.MAX_DEPTH
    documents.parse_document(ok.encode(), "ok.yaml")
    deeper = "[" + ok + "]"
    with pytest.raises(ScenarioError, match="nested too deeply"):
        documents.parse_document(deeper.encode(), "deep.yaml", ScenarioError)


def test_a_huge_flat_document_is_refused_before_it_is_built() -> None:
    text = ("[" + "1, " * (documents.MAX_NODES + 10) + "1]").encode()
    with pytest.raises(ScenarioError, match="more than 200,000 values"):
        documents.parse_document(text, "flat.yaml", ScenarioError)


def test_a_file_past_the_size_limit_is_refused_before_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.write(b"id: big\n# ")
        fh.write(b"x" * documents.MAX_FILE_BYTES)

    parse = documents.parse_document

    def never(raw: bytes, name: str, *args: Any) -> documents.Document:
        if name == str(path):  # (the sources registry is read to check citations)
            raise AssertionError("the file was parsed")
        return parse(raw, name, *args)

    monkeypatch.setattr(documents, "parse_document", never)
    assert_one_line(*cli("validate", path), "more than the limit of 2,000,000")


def test_the_limits_are_documented() -> None:
    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for value in (documents.MAX_FILE_BYTES, documents.MAX_NODES, documents.MAX_DEPTH,
                  scalars.MAX_DIGITS, text_checks.MAX_KEY_CHARS):
        assert f"{value:,}" in text, value


@pytest.mark.parametrize("raw", [
    b"id: caf\xe9\n",  # Latin-1
    "id: x\n".encode("utf-16"),  # UTF-16 with its byte-order mark
    b"id: x\ntitle: \xff\xfe\x00\n",
    b"\x00\x01\x02binary\x80",
])
def test_bytes_that_are_not_utf8_are_one_line(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    assert_one_line(*cli("validate", path), "bad.yaml:")


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(SMALL).encode())
    code, out, _ = cli("validate", path)
    assert code == 0 and "ok" in out


@pytest.mark.parametrize(("text", "words"), [
    ("id: [unclosed\n", ["malformed YAML"]),
    ("id: a\n---\nid: b\n", ["another document"]),
    ("id: *nowhere\n", ["undefined alias"]),
    ("a: &x 1\nb: &x 2\n", ["malformed YAML"]),
    ("!!python/object/apply:os.system [ls]\n", ["not allowed"]),
    ("id: !!binary aGVsbG8=\n", ["binary"]),
    ("? [a, b]\n: 1\n", ["key must be a plain word"]),
    ("42\n", ["must be a mapping"]),
    ("id: x\ntitle: t\nas_of: 2025-01-01\nstates: 3\n", ["odd.yaml:4:", "states"]),
])
def test_odd_yaml_is_one_line(tmp_path: Path, text: str, words: list[str]) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    assert_one_line(*cli("validate", path), *words)


@pytest.mark.parametrize("key", ["\n", "official_duty\n", "tab\there", "bell\x07"])
def test_a_field_name_with_a_control_character_is_one_line(tmp_path: Path, key: str) -> None:
    """An unknown field whose name holds a newline or another control character is named
    with the character escaped, so the error stays on one line."""
    data = copy.deepcopy(SMALL)
    data["deployments"]["dep"]["official_duty"] = {"value": True, key: 1}
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_one_line(*cli("validate", path), "unknown field",
                    key.encode("unicode_escape").decode("ascii"))


# -- output paths ---------------------------------------------------------------------------------

def test_output_into_a_directory_under_a_file_or_missing_folder(tmp_path: Path) -> None:
    scenario = small_scenario(tmp_path)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_one_line(*cli("memo", scenario, "-o", tmp_path), "is a directory")
    assert_one_line(*cli("memo", scenario, "-o", a_file / "memo.md"), "is a file, not a folder")
    assert_one_line(*cli("memo", scenario, "-o", tmp_path / "no" / "memo.md"), "does not exist")
    assert_one_line(*cli("memo", scenario, "-o", a_file), "exists already", "--force")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert a_file.read_text() == "mine"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder; the "
                    "parent-is-a-file case stands in for an unwritable folder")
def test_output_into_a_read_only_folder(tmp_path: Path) -> None:
    scenario = small_scenario(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert_one_line(*cli("memo", scenario, "-o", locked / "memo.md"), "not writable")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_relative_output_paths_are_taken_from_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = small_scenario(tmp_path)
    here = tmp_path / "a" / "b"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    code, _, err = cli("memo", scenario, "-o", "../up.md")
    assert code == 0, err
    assert (tmp_path / "a" / "up.md").read_bytes().startswith(b"# ")
    assert_one_line(*cli("memo", scenario, "-o", "../../nowhere/x.md"), "does not exist")
    assert not (tmp_path / "nowhere").exists()
    assert [p.name for p in here.iterdir()] == []


def test_a_symbolic_link_is_not_written_through_without_force(tmp_path: Path) -> None:
    scenario = small_scenario(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "precious.txt"
    target.write_text("precious")
    link = tmp_path / "memo.md"
    link.symlink_to(target)
    assert_one_line(*cli("memo", scenario, "-o", link), "symbolic link", "--force")
    assert target.read_text() == "precious" and link.is_symlink()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(elsewhere / "missing.md")
    assert_one_line(*cli("memo", scenario, "-o", dangling), "symbolic link")
    assert not (elsewhere / "missing.md").exists()
    code, _, err = cli("memo", scenario, "-o", link, "--force")
    assert code == 0, err
    assert link.is_symlink() and target.read_bytes().startswith(b"# ")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]


def test_a_failed_write_leaves_no_partial_or_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = small_scenario(tmp_path)
    out = tmp_path / "out"
    out.mkdir()

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert_one_line(*cli("memo", scenario, "-o", out / "memo.md"), "No space left on device")
    assert list(out.iterdir()) == []


def test_batch_output_errors_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    small_scenario(folder)
    assert_one_line(*cli("batch", folder, "-o", tmp_path), "is a directory")
    assert_one_line(*cli("batch", tmp_path / "missing"), "no such file or folder")
    assert_one_line(*cli("batch", folder / "small.json"), "not a folder or a .jsonl file")
    assert_one_line(*cli("batch", folder, "--jobs", "0"), "--jobs 0")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_as_of_and_format_mistakes_are_one_line(tmp_path: Path) -> None:
    scenario = small_scenario(tmp_path)
    assert_one_line(*cli("evaluate", scenario, "--as-of", "2025-02-30"), "not a date")
    assert_one_line(*cli("memo", scenario, "-f", "pdf"), "pdf")
    assert_one_line(*cli("validate", tmp_path / "nope.yaml"), "nope.yaml")
    assert_one_line(*cli("validate", tmp_path), "is a directory")


# -- through a real process -----------------------------------------------------------------------

def run_module(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m legal_analysis ARGS`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
    return subprocess.run([sys.executable, "-m", "legal_analysis", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300,
                          check=False)


def test_through_a_real_process(tmp_path: Path) -> None:
    """Nesting 100,000 levels deep once crashed the interpreter (libyaml's composer overflowed
    the C stack): it must end in one line, like the other cases, in a real process too."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    block = tmp_path / "block.yaml"
    block.write_text("- " * 100_000 + "x\n", encoding="utf-8")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_alias_bomb(30), encoding="utf-8")
    cases: list[tuple[tuple[str | Path, ...], str]] = [
        (("validate", deep), "nested too deeply"),
        (("validate", block), "nested too deeply"),
        (("evaluate", bomb), "expands to more than"),
        (("validate", BAD / "non-utf8.yaml"), "not valid UTF-8"),
        (("memo", BAD / "malformed-json.json", "-o", tmp_path / "m.md"), "malformed JSON"),
        (("memo", small_scenario(tmp_path), "-o", tmp_path), "is a directory"),
    ]
    for args, words in cases:
        done = run_module(*args)
        assert done.returncode == 2, (args, done.returncode, done.stderr[-500:])
        assert re.fullmatch(r"legal-analysis: [^\n]+\n", done.stderr), done.stderr[-500:]
        assert words in done.stderr and done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["block.yaml", "bomb.yaml", "deep.yaml",
                                                          "small.json"]


def test_json_values_mean_what_json_says(tmp_path: Path) -> None:
    """JSON is read as YAML (for line numbers), but YAML 1.1 reads ``1e4`` as text and cannot
    read a surrogate-pair escape: both follow JSON."""
    data = copy.deepcopy(SMALL)
    data["deployments"]["dep"]["size"] = {"value": 1e4, "note": "\U0001f600 \u00e9"}
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps(data).replace("10000.0", "1e4"), encoding="ascii")
    assert '"value": 1e4' in path.read_text()
    scenario = load_scenario(path)
    assert scenario.deployments["dep"].size.value == 10_000
    assert scenario.deployments["dep"].size.note == "\U0001f600 \u00e9"
    lone = tmp_path / "lone.json"
    lone.write_text('{"id": "\\ud800"}', encoding="ascii")
    assert_one_line(*cli("validate", lone), "lone.json:1:")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_an_endless_device_is_read_only_to_the_limit() -> None:
    """A device reports size 0, so the size check alone let ``validate /dev/zero`` read forever."""
    start = time.perf_counter()
    assert_one_line(*cli("validate", "/dev/zero"), "more than the limit of 2,000,000 bytes")
    assert time.perf_counter() - start < 10


def test_a_loop_of_symbolic_links_is_one_line_even_with_force(tmp_path: Path) -> None:
    """``Path.resolve`` raises RuntimeError on a loop (before Python 3.13): it was a traceback."""
    scenario = small_scenario(tmp_path)
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    assert_one_line(*cli("memo", scenario, "-o", loop), "symbolic link")
    assert_one_line(*cli("memo", scenario, "-o", loop, "--force"), "a loop")
    assert loop.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["loop.md",
                                                                                "small.json"]
