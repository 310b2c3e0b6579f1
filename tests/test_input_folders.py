"""Folders the program reads, and how a batch runs.

A named pipe in a batch folder, a rules folder or a folder of source texts made the command wait
for ever (opening a FIFO to read waits for a writer): only regular files are read; a FIFO is
reported without being opened. ``batch --jobs`` is bounded by the processors available. SIGTERM
or SIGHUP during ``batch -o`` left its temporary file behind: it is removed, as on Ctrl-C.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legal_analysis import batch as batch_module
from legal_analysis.ruleset.loading import load_rulebook

from .conftest import ROOT
from .test_hostile import assert_one_line, cli, small_scenario
from .test_stdout_failures import ENV

WAIT = 120
"""Seconds a command is given: one that waits on a named pipe never ends."""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command in its own process, so that one blocked on a pipe fails the test (timeout)
    instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "legal_analysis", *map(str, args)],
                          capture_output=True, text=True, env=ENV, timeout=WAIT, check=False)


# -- named pipes in folders -----------------------------------------------------------------------

def test_a_named_pipe_in_a_batch_folder_gets_an_error_record(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    small_scenario(folder)
    os.mkfifo(folder / "pipe.yaml")
    done = run("batch", folder)
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(Path(r["source"]).name, r["ok"]) for r in records] == [("pipe.yaml", False),
                                                                   ("small.json", True)]
    assert "it is a named pipe (FIFO), not a regular file, and was not opened" in \
        records[0]["error"]


@pytest.mark.parametrize("name", ["zz-topic.yaml", "sources.yaml",
                                  "data/treaty_participation.yaml"])
def test_a_named_pipe_in_a_rules_folder_is_one_line(tmp_path: Path, name: str) -> None:
    """A rule base is never read in part: a FIFO among its files is an error, not skipped
    (skipping the treaty data would have changed answers without a word)."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / name).unlink(missing_ok=True)
    os.mkfifo(rules / name)
    done = run("rules", "check", "--rules", rules)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("legal-analysis: ") and done.stderr.count("\n") == 1
    assert name.rsplit("/", 1)[-1] in done.stderr and "named pipe (FIFO)" in done.stderr


def test_a_named_pipe_among_the_source_texts_is_reported(tmp_path: Path) -> None:
    registry = load_rulebook().registry
    texts = tmp_path / "texts"
    texts.mkdir()
    name = sorted({q.file for q in registry.quotations.values()})[0]
    (texts / name).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(texts / name)
    done = run("sources", "verify", "--texts", texts)
    assert done.returncode == 1, done.stderr
    assert f"{name}: a named pipe (FIFO), not a regular file, was not read" in done.stdout


def test_a_scenario_named_on_the_command_line_may_still_be_a_pipe(tmp_path: Path) -> None:
    """A path the user names is read whatever it is (``validate /dev/stdin``, ``<(…)``)."""
    data = small_scenario(tmp_path).read_bytes()
    done = subprocess.run([sys.executable, "-m", "legal_analysis", "validate", "/dev/stdin"],
                          input=data, capture_output=True, env=ENV, timeout=WAIT, check=False)
    assert done.returncode == 0 and b"ok" in done.stdout


# -- --jobs ---------------------------------------------------------------------------------------

def test_jobs_above_the_processors_are_cut_down_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small_scenario(tmp_path)
    started: list[int] = []
    real = batch_module.record_lines

    def counting(items, rulebook, jobs=1, rules=None, status_only=False):  # type: ignore[no-untyped-def]
        started.append(jobs)
        return real(items, rulebook, jobs, rules, status_only)

    monkeypatch.setattr(batch_module, "available_cpus", lambda: 2)
    monkeypatch.setattr(batch_module, "record_lines", counting)
    code, out, err = cli("batch", tmp_path, "--jobs", "1000")
    assert code == 0 and started == [2]
    assert "--jobs 1000 is more than the 2 processor(s) available: 2 used" in err
    code, same, _ = cli("batch", tmp_path)
    assert code == 0 and same == out and started == [2, 1]
    assert_one_line(*cli("batch", tmp_path, "--jobs", "0"), "--jobs 0", "1 or more")


def test_the_processors_available_are_at_least_one() -> None:
    assert 1 <= batch_module.available_cpus() <= (os.cpu_count() or 1)


# -- signals --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "jobs"), [("SIGTERM", 1), ("SIGHUP", 2)])
def test_a_batch_ended_by_a_signal_leaves_no_temporary_file(tmp_path: Path, name: str,
                                                            jobs: int) -> None:
    """``batch -o`` over a large folder, ended by SIGTERM or SIGHUP while it writes: the exit
    status says which signal (128 + its number), the temporary file is gone and the file the
    batch would have replaced is as it was."""
    sig = getattr(signal, name, None)
    if sig is None:
        pytest.skip(f"no {name} on this system")
    folder = tmp_path / "in"
    folder.mkdir()
    one = small_scenario(folder).read_bytes()
    for i in range(1500):
        (folder / f"s{i:04}.json").write_bytes(one)
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    process = subprocess.Popen([sys.executable, "-m", "legal_analysis", "batch", str(folder),
                                "-o", str(out), "--force", "--jobs", str(jobs)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    deadline = time.monotonic() + WAIT
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert process.poll() is None, "the batch ended before it was signalled"
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.05)
    time.sleep(0.3)  # well into writing records
    process.send_signal(sig)
    _, err = process.communicate(timeout=WAIT)
    assert process.returncode == 128 + sig, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]
    assert out.read_text() == "precious\n"
