"""The HTML memo in a real browser: headless Chromium draws it (not blank) without console errors.

Needs ``/usr/bin/chromium`` (Debian's ``chromium`` package; CI's .ci/run installs it). Without it
the test is skipped, except in CI (the CI variable set), where it fails.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.render import render_memo
from legal_analysis.render.model import build_memo

from .conftest import EXAMPLES

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium_or_skip() -> str:
    """The Chromium binary; skip without it (fail in CI)."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                         else None)
    if found:
        return found
    reason = "chromium is not installed (apt-get install -y chromium): browser test skipped"
    if os.environ.get("CI"):
        pytest.fail(reason.replace("skipped", "required in CI"))
    print(reason)
    pytest.skip(reason)
    raise AssertionError  # pragma: no cover


def png_rows(data: bytes, max_rows: int | None = None) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG: (width, height, bytes per pixel, unfiltered rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(min(height, max_rows or height)):
        start = y * (stride + 1)
        filt, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if filt == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif filt == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif filt == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif filt == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], (previous[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = bytes(line)
    return width, height, bpp, rows


def test_png_decoder_on_a_tiny_image() -> None:
    """The decoder unfilters a 2x2 RGB image."""
    raw = b"\x00" + bytes([255, 0, 0, 0, 255, 0]) + b"\x02" + bytes([0, 0, 255, 0, 0, 0])

    def chunk(kind: bytes, body: bytes) -> bytes:
        """A PNG chunk with its length and CRC."""
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    assert png_rows(png) == (2, 2, 3, [bytes([255, 0, 0, 0, 255, 0]), bytes([255, 0, 255, 0, 255, 0])])


@pytest.mark.slow
def test_html_memo_renders_in_chromium(rulebook: Rulebook, tmp_path: Path) -> None:
    """Chromium draws the memo (many colours, dark text on white), logs no console message,
    and its DOM holds every diagram."""
    chromium = chromium_or_skip()
    analysis = analyse(load_scenario(EXAMPLES / "dprk-2025-01-12.yaml"), rulebook)
    memo = build_memo(analysis)
    page = tmp_path / "memo.html"
    page.write_bytes(render_memo(analysis, memo, "html"))
    shot = tmp_path / "memo.png"
    profile = tmp_path / "profile"
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines()
               if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line]
    assert console == [], "console messages:\n" + "\n".join(console)

    width, height, bpp, rows = png_rows(shot.read_bytes(), max_rows=900)
    assert (width, height) == (1280, 2000)
    colours = {row[i:i + 3] for row in rows[::3] for i in range(0, len(row), bpp * 3)}
    assert len(colours) >= 12, f"the page looks blank ({len(colours)} colours)"
    # the memo's page (white) stands on a grey ground, with dark text on it
    assert b"\xff\xff\xff" in colours
    assert any(max(c) < 90 for c in colours), "no dark text drawn"

    dom = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<h1>" in dom.stdout and "Memorandum" in dom.stdout
    assert dom.stdout.count("<svg") == sum(1 for i in memo.issues if i.diagram) > 0
    assert dom.stdout.count('class="notes"') == 1
