"""The PDF memo: the HTML memo printed by a headless Chromium or Google Chrome, offline.

The HTML memo is self-contained and has print styles, so a browser's own "print to PDF" gives a
faithful, paginated memo with selectable text and vector diagrams. The browser runs headless with
a throw-away profile in a temporary folder, and with networking features off; the memo itself
loads nothing. Chromium stamps the PDF with the time it was made; that stamp is replaced by the
memo's date (in place, the same number of bytes), and the memo is printed until two prints agree
(a browser now and then lays a long page out a fraction of a point differently), so the same
memo gives the same PDF bytes with the same browser.

No browser is a dependency: without one on ``PATH``, asking for a PDF is a clear error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

BROWSERS: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                             "chrome")
"""Browser commands looked for on ``PATH``, in order."""
FLAGS: tuple[str, ...] = (
    "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-quic", "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
)
"""How the browser is run: headless, offline, no page header or footer added, printing once the
page has settled."""
TIMEOUT = 180.0
"""Seconds the browser may take before the PDF is given up."""
PRINTS = 3
"""Most prints of one memo, made until two agree (see :func:`html_to_pdf`)."""
ATTEMPTS = 2
"""Runs of the browser before a failure to print is reported: a headless browser now and then
exits without writing the PDF, and a second run, with a fresh profile, prints."""
_STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")


def find_browser() -> str | None:
    """The first browser of :data:`BROWSERS` on ``PATH``, or ``None``."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: bytes, date: str, browser: str | None = None) -> bytes:
    """``html`` printed to PDF by ``browser`` (found on ``PATH`` if not given), stamped ``date``.

    A browser now and then lays a long page out a fraction of a point differently (about one
    print in fifteen with Chromium), so the page is printed until two prints agree, at most
    :data:`PRINTS` times; that print is returned, which makes the same memo give the same bytes
    in practice. If no two agree, the first print is returned.

    Raises :class:`~legal_analysis.errors.OutputError` when there is no browser or it fails.
    """
    command = browser or find_browser()
    if command is None:
        raise OutputError("a PDF memo needs Chromium or Google Chrome, and none is on PATH",
                          expected="a browser installed (Debian: apt-get install chromium), or "
                                   "-f html and the browser's Print > Save as PDF")
    with tempfile.TemporaryDirectory(prefix="legal-analysis-pdf-") as folder:
        page = Path(folder) / "memo.html"
        page.write_bytes(html)
        prints: list[bytes] = []
        for n in range(PRINTS):
            pdf = stamp(_print(command, page, Path(folder) / f"print-{n}"), date)
            if pdf in prints:
                return pdf
            prints.append(pdf)
        return prints[0]


def _print(command: str, page: Path, folder: Path) -> bytes:
    """One print of ``page`` by the browser, with a profile of its own in ``folder``; run again
    (:data:`ATTEMPTS` times in all) when the browser exits without writing the PDF."""
    out = folder / "memo.pdf"
    flags = [*FLAGS, f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={out}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root inside its sandbox
    for _ in range(ATTEMPTS):
        folder.mkdir(exist_ok=True)
        try:
            done = subprocess.run([command, *flags, page.as_uri()], capture_output=True,
                                  timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(f"{command} did not print the memo within {TIMEOUT:.0f} s"
                              ) from None
        except OSError as exc:
            raise OutputError(f"{command} could not be run: {exc.strerror or exc}") from None
        if out.is_file() and out.stat().st_size > 0:
            return out.read_bytes()
        shutil.rmtree(folder, ignore_errors=True)
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    raise OutputError(f"{command} did not print the memo (exit code {done.returncode}"
                      f"{': ' + said[-1] if said else ''}; tried {ATTEMPTS} times)")


def stamp(pdf: bytes, date: str) -> bytes:
    """``pdf`` with its creation and modification times set to midnight of ``date`` (ISO), in
    place: the same length, so the PDF's byte offsets stay right.

    >>> stamp(b"<</CreationDate (D:20261123231104+00'00')>>", "2025-01-12")
    b"<</CreationDate (D:20250112000000+00'00')>>"
    """
    fixed = date.replace("-", "").encode("ascii") + b"000000"
    return _STAMP.sub(lambda m: b"/" + m.group(1) + b" (D:" + fixed, pdf)
