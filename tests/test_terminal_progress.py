"""Progress bars: on standard error when it is a terminal (``batch``, and a DOCX or PDF memo),
nothing at all when it is not; standard output is never touched by them."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from legal_analysis.styled import batch_bar, stage_bar

from .conftest import EXAMPLES, ROOT


class FakeTerminal(io.StringIO):
    """A text buffer that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_batch_bar_counts_done_and_failed_on_a_terminal() -> None:
    stream = FakeTerminal()
    with batch_bar(stream) as meter:
        assert meter is not None
        for done in range(1, 5):
            meter(done, 4, 1)
    assert "4/4" in stream.getvalue() and "1 failed" in stream.getvalue()


def test_no_bar_where_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with batch_bar(stream) as meter:
        assert meter is None
    with stage_bar(("a", "b"), stream) as step:
        step()
    assert stream.getvalue() == ""


def test_stage_bar_goes_through_the_steps_and_clears_itself() -> None:
    stream = FakeTerminal()
    with stage_bar(("analysing", "composing", "writing"), stream) as step:
        step()
        step()
    shown = stream.getvalue()
    assert "analysing" in shown and "writing" in shown and "2/3" in shown
    assert shown.endswith("\x1b[2K")  # the bar is erased when done


def _on_a_terminal(*args: str, cwd: Path) -> tuple[int, bytes, bytes]:
    """Run the command line with standard error on a pseudo-terminal: status, stdout, and
    what the terminal received."""
    leader, follower = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "legal_analysis", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    out = proc.stdout.read() if proc.stdout else b""
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.wait(timeout=120), out, b"".join(chunks)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_batch_draws_a_bar_on_a_terminal_and_keeps_stdout_clean(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(EXAMPLES / "dprk-2024-10-26.yaml", folder / name)
    code, out, terminal = _on_a_terminal("batch", str(folder), cwd=tmp_path)
    assert code == 0, terminal
    assert [json.loads(line)["ok"] for line in out.splitlines()] == [True, True]
    assert b"2/2" in terminal and "━".encode() in terminal


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_docx_memo_shows_its_steps_on_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "memo.docx"
    code, out, terminal = _on_a_terminal("memo", str(EXAMPLES / "dprk-2024-10-26.yaml"), "-f",
                                         "docx", "-o", str(target), cwd=tmp_path)
    assert code == 0, terminal
    assert target.read_bytes()[:2] == b"PK" and out.decode().startswith("memo written to")
    assert b"composing the memo" in terminal
