"""Standard output that cannot be written, in a real process, for every command.

A closed pipe (``| head -c1``) ends the command quietly with exit status 141 (128 + SIGPIPE);
a full disk (``> /dev/full``) gives one line on standard error and exit status 2. Every command
but ``memo`` printed a traceback on a full disk, and a closed pipe printed its error twice.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from legal_analysis.console import EXIT_CLOSED_PIPE, EXIT_USER_ERROR

from .conftest import EXAMPLES, ROOT

JAN = str(EXAMPLES / "dprk-2025-01-12.yaml")
COMMANDS: list[list[str]] = [
    ["validate", JAN],
    ["schema"],
    ["evaluate", JAN],
    ["evaluate", JAN, "-f", "json"],
    ["memo", JAN],
    ["memo", JAN, "-f", "json"],
    ["explain", JAN, "party_to_conflict"],
    ["explain", JAN, "party_to_conflict", "-f", "json"],
    ["explain", JAN, "party_to_conflict", "--why-not", "true"],
    ["what-if", JAN, "--set", "deployments.dprk-to-russia.command_authority=receiving"],
    ["what-if", JAN, "--set", "deployments.dprk-to-russia.command_authority=receiving",
     "-f", "json"],
    ["timeline", JAN],
    ["batch", str(EXAMPLES / "tutorial")],
    ["rules", "check"],
    ["rules", "list"],
    ["rules", "show", "party.sending_state.command_retained"],
    ["sources", "verify", "--texts", str(EXAMPLES)],
    ["examples", "list"],
    ["examples", "show", "dprk-2025-01-12"],
]
"""Every command that prints to standard output (``memo -o`` and ``examples copy`` print a
line saying what they wrote: see the tests below)."""

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}


def _ids(args: list[str]) -> str:
    return " ".join(a if not a.startswith("/") else Path(a).name for a in args)


def closed_pipe(args: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """Run the command with standard output a pipe whose reader is gone before it writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "legal_analysis", *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, env=ENV, cwd=cwd, timeout=300,
                              check=False)
    finally:
        os.close(write)
    return done.returncode, done.stderr


def full_disk(args: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """Run the command with standard output on /dev/full (every write: no space left)."""
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "legal_analysis", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=ENV, cwd=cwd, timeout=300,
                              check=False)
    return done.returncode, done.stderr


@pytest.mark.parametrize("args", COMMANDS, ids=_ids)
def test_a_closed_pipe_ends_the_command_quietly(args: list[str]) -> None:
    code, err = closed_pipe(args)
    assert (code, err) == (EXIT_CLOSED_PIPE, "")


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(),
                                    reason="no /dev/full on this system")


@needs_dev_full
@pytest.mark.parametrize("args", COMMANDS, ids=_ids)
def test_a_full_disk_is_one_line(args: list[str]) -> None:
    code, err = full_disk(args)
    assert code == EXIT_USER_ERROR, err
    assert re.fullmatch(r"legal-analysis: standard output: No space left on device\n", err), err


@needs_dev_full
def test_a_file_written_is_kept_when_its_success_line_cannot_be_printed(tmp_path: Path) -> None:
    code, err = full_disk(["memo", JAN, "-o", str(tmp_path / "memo.md")])
    assert code == EXIT_USER_ERROR and err.count("\n") == 1 and "No space left" in err
    code, err = closed_pipe(["examples", "copy", "tutorial-border-war", str(tmp_path)])
    assert (code, err) == (EXIT_CLOSED_PIPE, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md", "tutorial-border-war.yaml"]
    assert (tmp_path / "memo.md").read_bytes().startswith(b"# Memorandum")


def test_a_reader_that_stops_early_leaves_no_message() -> None:
    """``legal-analysis memo … | head -c1``: quiet, whether the command was still writing when
    ``head`` exited (status 141) or the pipe held the whole memo (some systems' pipes hold a
    megabyte: status 0)."""
    memo = subprocess.Popen([sys.executable, "-m", "legal_analysis", "memo", JAN],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert memo.stdout is not None and memo.stderr is not None
    head = subprocess.run(["head", "-c1"], stdin=memo.stdout, capture_output=True, check=False)
    memo.stdout.close()
    err = memo.stderr.read()
    memo.stderr.close()
    assert memo.wait(timeout=300) in (0, EXIT_CLOSED_PIPE) and err == b""
    assert head.stdout == b"#"
