"""The PDF memo: the HTML memo printed by a headless browser, deterministic, or a clear error.

The printing test needs Chromium (Debian's ``chromium``; CI's .ci/run installs it). Without it the
test is skipped, except in CI, where it fails.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.errors import OutputError
from legal_analysis.render import render
from legal_analysis.render.pdf import find_browser, html_to_pdf, stamp

from .conftest import EXAMPLES

HOME = EXAMPLES / "dprk-2025-01-12.yaml"


@pytest.fixture(scope="module")
def analysis(rulebook: Rulebook) -> Analysis:
    return analyse(load_scenario(HOME), rulebook)


def browser_or_skip() -> str:
    """A browser that prints PDF; skip without one (fail in CI)."""
    found = find_browser()
    if found:
        return found
    reason = "no Chromium or Chrome on PATH (apt-get install -y chromium): PDF test skipped"
    if os.environ.get("CI"):
        pytest.fail(reason.replace("skipped", "required in CI"))
    pytest.skip(reason)
    raise AssertionError  # pragma: no cover


def test_pdf_memo_is_printed_and_byte_identical(analysis: Analysis) -> None:
    """The PDF is a PDF of several pages, stamped with the memo's date rather than the time it
    was printed, and the same memo prints to the same bytes."""
    browser_or_skip()
    first, second = render(analysis, "pdf"), render(analysis, "pdf")
    assert first.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", first)) > 5
    stamps = re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d{14})", first)
    assert stamps and set(stamps) == {b"20250112000000"}
    # compared without pytest's diff, which takes many minutes on two 6 MB byte strings
    if first != second:
        at = next((i for i, (x, y) in enumerate(zip(first, second, strict=False)) if x != y),
                  min(len(first), len(second)))
        pytest.fail(f"two prints differ ({len(first)} and {len(second)} bytes), first at byte "
                    f"{at}: {first[max(0, at - 60):at + 20]!r}")


def test_stamp_keeps_the_length_of_the_file() -> None:
    """Replacing the print time by the memo's date changes no byte offset (the PDF's cross-
    reference table stays right)."""
    pdf = b"%PDF-1.4\n<</CreationDate (D:20261123231104+00'00')\n/ModDate (D:20261123231104+00'00')>>"
    fixed = stamp(pdf, "2024-10-26")
    assert len(fixed) == len(pdf) and fixed.count(b"D:20241026000000") == 2


def test_without_a_browser_a_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    """Asking for a PDF where no browser is installed ends in one line and exit code 2, and
    writes nothing."""
    out = tmp_path / "memo.pdf"
    env = {**os.environ, "PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "legal_analysis", "memo", str(HOME), "-f", "pdf",
                           "-o", str(out)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs Chromium or Google Chrome" in lines[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_browser_that_fails_is_a_clear_error(tmp_path: Path) -> None:
    """A browser that exits without printing gives an error naming it and its last words."""
    fake = tmp_path / "fake-browser"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(OutputError, match=r"did not print the memo \(exit code 3: cannot open"):
        html_to_pdf(b"<html></html>", "2025-01-12", browser=str(fake))


def test_a_browser_that_fails_once_is_run_again(tmp_path: Path) -> None:
    """A browser that exits without a PDF the first time is run once more (a headless browser
    now and then fails to print on a busy machine); the second run's PDF is used, stamped."""
    marker = tmp_path / "ran-once"
    fake = tmp_path / "flaky-browser"
    fake.write_text(
        "#!/bin/sh\n"
        f"if [ ! -e '{marker}' ]; then touch '{marker}'; exit 1; fi\n"
        'for arg in "$@"; do case "$arg" in --print-to-pdf=*) out="${arg#--print-to-pdf=}";; '
        "esac; done\n"
        "printf '%%PDF-1.4\\n<</CreationDate (D:20261123231104)>>' > \"$out\"\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    pdf = html_to_pdf(b"<html></html>", "2025-01-12", browser=str(fake))
    assert marker.exists()
    assert pdf == b"%PDF-1.4\n<</CreationDate (D:20250112000000)>>"


def test_the_memo_is_printed_until_two_prints_agree(tmp_path: Path) -> None:
    """A browser that lays the page out differently once (as Chromium now and then does, by a
    fraction of a point) does not change the result: the memo is printed until two prints
    agree, and that print is the PDF."""
    count = tmp_path / "count"
    fake = tmp_path / "wobbly-browser"
    fake.write_text(
        "#!/bin/sh\n"
        f"echo x >> '{count}'\n"
        f"n=$(wc -l < '{count}')\n"
        'for arg in "$@"; do case "$arg" in --print-to-pdf=*) out="${arg#--print-to-pdf=}";; '
        "esac; done\n"
        'if [ "$n" -eq 1 ]; then y=77153.344; else y=77153; fi\n'
        "printf '%%PDF-1.4\\n1 0 0 -1 500 %s Tm' \"$y\" > \"$out\"\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    pdf = html_to_pdf(b"<html></html>", "2025-01-12", browser=str(fake))
    assert pdf == b"%PDF-1.4\n1 0 0 -1 500 77153 Tm"
    assert len(count.read_text().splitlines()) == 3
