"""Batch evaluation: one record per scenario, in order, never stopping on a bad one.

Also runs the Python examples of docs/batch.md (the Dask one only when Dask is installed; the Ray
one is only compiled).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from legal_analysis import Rulebook, batch, load_rulebook
from legal_analysis.batch import evaluate_many, read_jsonl
from legal_analysis.cli import app
from legal_analysis.engine import settle as settle_module

from .conftest import EXAMPLES, ROOT

runner = CliRunner()


def scenario(n: int, **person: Any) -> dict[str, Any]:
    """A small valid scenario numbered ``n`` (``person`` adds facts to its one captive)."""
    return {
        "id": f"s{n}", "title": f"Scenario {n}", "as_of": "2025-03-01",
        "states": {c: {"name": f"State {c}"} for c in ("AAA", "BBB", "CCC")},
        "conflicts": {"war": {"name": "War", "belligerents": ["AAA", "BBB"],
                              "start": "2022-02-24"}},
        "deployments": {"dep": {"sending_state": "CCC", "receiving_state": "AAA",
                                "conflict": "war", "against": "BBB"}},
        "persons": {"p1": {"name": "Person 1", "deployment": "dep", "captured_by": "BBB",
                           "captured_on": "2025-01-09", **person}},
    }


def cli(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three good scenarios and a broken one between them."""
    src = tmp_path / "in"
    src.mkdir()
    for n in (1, 3):
        (src / f"s{n}.json").write_text(json.dumps(scenario(n)), encoding="utf-8")
    (src / "s2.yaml").write_text("id: s2\ntitle: [unclosed\n", encoding="utf-8")
    (src / "s4.yml").write_bytes((EXAMPLES / "dprk-2024-10-26.yaml").read_bytes())
    (src / "notes.txt").write_text("not a scenario")
    (src / ".hidden.yaml").write_text("not: read")
    return src


def test_a_broken_file_is_reported_and_the_rest_evaluated(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, _, stderr = cli("batch", folder, "-o", out)
    assert code == 1 and stderr == ""
    got = records(out.read_text(encoding="utf-8"))
    assert [r["source"] for r in got] == [str(folder / n) for n in
                                          ("s1.json", "s2.yaml", "s3.json", "s4.yml")]
    assert [r["ok"] for r in got] == [True, False, True, True]
    assert got[1]["error"].startswith(f"{folder / 's2.yaml'}:3:1: malformed YAML")
    assert "\n" not in got[1]["error"]
    assert [r["scenario"] for r in got if r["ok"]] == ["s1", "s3", "dprk-2024-10-26"]
    assert got[0]["as_of"] == "2025-03-01"
    assert {"id", "subject", "status", "value"} <= set(got[0]["conclusions"][0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]


def test_records_match_evaluate_json(folder: Path) -> None:
    code, stdout, _ = cli("batch", folder)
    assert code == 1
    first = records(stdout)[0]
    code, single, _ = cli("evaluate", folder / "s1.json", "--format", "json")
    assert code == 0
    expected = json.loads(single)
    assert first == {"source": str(folder / "s1.json"), "ok": True,
                     "scenario": expected["scenario"], "as_of": expected["as_of"],
                     "conclusions": expected["conclusions"]}


def test_status_only_gives_each_status_and_value_and_works_out_no_branches(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--status-only gives, for each conclusion, exactly the id, subject, status and value of
    the full record; it never grows a branch tree (which here would fail), and --jobs 2 gives
    the same bytes."""
    full = records(cli("batch", folder)[1])
    out = tmp_path / "status.jsonl"
    assert cli("batch", folder, "--status-only", "-o", out)[0] == 1
    text = out.read_text(encoding="utf-8")
    short = records(text)
    assert [r["ok"] for r in short] == [r["ok"] for r in full]
    for a, b in zip(full, short, strict=True):
        if a["ok"]:
            assert b["conclusions"] == [{k: c[k] for k in ("id", "subject", "status", "value")}
                                        for c in a["conclusions"]]
    two = tmp_path / "status2.jsonl"
    assert cli("batch", folder, "--status-only", "--jobs", "2", "-o", two)[0] == 1
    assert two.read_text(encoding="utf-8") == text

    def no_tree(*args: object) -> object:
        raise AssertionError("a branch tree was grown")

    monkeypatch.setattr(settle_module, "_grow", no_tree)
    items = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.json"))]
    got = list(evaluate_many(items, load_rulebook(), status_only=True))
    assert all(r["ok"] for r in got)
    with pytest.raises(AssertionError, match="branch tree"):
        list(evaluate_many(items, load_rulebook()))


def test_jsonl_input_reports_each_bad_line_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = [json.dumps(scenario(1)), "", "{broken", json.dumps(scenario(4, health="fine")),
             json.dumps({"id": "x"}), "[1, 2]", "\udcff", json.dumps(scenario(8))]
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")
    code, stdout, stderr = cli("batch", path)
    assert code == 1 and stderr == ""
    got = records(stdout)
    assert [r["source"] for r in got] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 8)]
    assert [r["ok"] for r in got] == [True, False, False, False, False, False, True]
    errors = [r["error"] for r in got if not r["ok"]]
    assert errors[0].startswith(f"{path}:3:2: malformed JSON")
    assert errors[1].startswith(f"{path}:4:") and "persons.p1.health" in errors[1]
    assert errors[2].startswith(f"{path}:5:") and "'title' is missing" in errors[2]
    assert errors[3].startswith(f"{path}:6:") and "must be a mapping" in errors[3]
    assert errors[4].startswith(f"{path}:7:") and "not valid UTF-8" in errors[4]


def test_jobs_2_gives_the_same_bytes_as_jobs_1(folder: Path, tmp_path: Path) -> None:
    for n in range(5, 45):  # more than one chunk of 32
        (folder / f"t{n:02}.json").write_text(json.dumps(scenario(n)), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli("batch", folder, "-o", one, "--jobs", "1")[0] == 1
    assert cli("batch", folder, "-o", two, "--jobs", "2")[0] == 1
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_bytes().splitlines()) == 44


def test_refuses_to_overwrite_without_force(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n")
    code, _, err = cli("batch", folder, "-o", out)
    assert code == 2 and err.count("\n") == 1 and "--force" in err
    assert out.read_text() == "earlier results\n"
    code, _, err = cli("batch", folder, "-o", out, "--force")
    assert code == 1 and err == ""
    assert len(out.read_text().splitlines()) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]


def test_exit_code_0_when_every_scenario_is_evaluated(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    path.write_text(json.dumps(scenario(1)) + "\n", encoding="utf-8")
    code, stdout, stderr = cli("batch", path)
    assert code == 0 and stderr == "" and records(stdout)[0]["ok"]


def test_evaluate_many_is_lazy(rulebook: Rulebook) -> None:
    """It yields each record before it reads the next item, so an endless stream works."""
    raw = json.dumps(scenario(1)).encode()
    endless: Iterator[tuple[str, bytes]] = ((f"s{i}.json", raw) for i in itertools.count())
    first = list(itertools.islice(evaluate_many(endless, rulebook), 3))
    assert [r["source"] for r in first] == ["s0.json", "s1.json", "s2.json"]
    assert next(endless)[0] == "s3.json"


def test_an_unreadable_or_oversized_input_is_an_error_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rulebook: Rulebook) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-dir.yaml").mkdir()
    (folder / "big.json").write_text(json.dumps(scenario(1, notes="x" * 5000)))
    monkeypatch.setattr(batch, "MAX_FILE_BYTES", 1000)
    got = list(evaluate_many(batch.read_files(batch.folder_files(folder)), rulebook))
    assert not got[0]["ok"] and "cannot read the file" in got[0]["error"]
    assert not got[1]["ok"] and "more than the limit of 1,000 bytes" in got[1]["error"]


def test_an_overlong_jsonl_line_is_cut_and_refused(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join([json.dumps(scenario(1)) + " " * 3000, "{}", "x" * 5000]))
    items = list(read_jsonl(path))
    assert [(name, len(raw)) for name, raw in items if isinstance(raw, bytes)] == [
        (f"{path}:1", 1001), (f"{path}:2", 3), (f"{path}:3", 1001)]


def test_no_progress_noise_when_stderr_is_not_a_terminal(folder: Path) -> None:
    code, stdout, stderr = cli("batch", folder, "--jobs", "2")
    assert code == 1 and stderr == "" and len(stdout.splitlines()) == 4


def test_progress_counter_when_asked(folder: Path, tmp_path: Path, rulebook: Rulebook) -> None:
    import io

    progress = io.StringIO()
    count, failed = batch.run_batch(folder, tmp_path / "o.jsonl", rules=rulebook.directory,
                                    progress=progress)
    assert (count, failed) == (4, 1)
    assert progress.getvalue().endswith("\rbatch: 4/4 scenarios, 1 failed\n")


# -- the examples of docs/batch.md ----------------------------------------------------------------

DOC = ROOT / "docs" / "batch.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def _run_example(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = cwd / "example.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
    return subprocess.run([sys.executable, str(script)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def test_doc_python_example_runs(tmp_path: Path) -> None:
    done = _run_example(BLOCKS[0], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "dprk-2025-01-12.yaml True" in done.stdout


def test_doc_dask_example_runs(tmp_path: Path) -> None:
    """Run only where Dask is installed: it is not a dependency of the project."""
    pytest.importorskip("dask.bag", reason="dask is not installed (not a project dependency)")
    code = next(b for b in BLOCKS if "import dask.bag" in b)
    done = _run_example(code, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for p in sorted((tmp_path / "batch-out").glob("*.jsonl"))
             for x in p.read_text(encoding="utf-8").splitlines()]
    assert lines and all(r["ok"] for r in lines)


def test_doc_ray_example_compiles() -> None:
    code = next(b for b in BLOCKS if "import ray" in b)
    compile(code, "docs/batch.md", "exec")


def test_docs_test_leaves_out_the_dask_and_ray_examples() -> None:
    text = DOC.read_text(encoding="utf-8")
    for module in ("dask", "ray"):
        assert re.search(rf"<!-- not-run: needs {module}\b[^>]*-->\n```python\n", text), module
