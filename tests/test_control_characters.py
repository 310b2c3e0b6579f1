"""Control characters in a scenario's names (ESC, vertical tab, C1 controls, DEL) never reach a
terminal or a picture raw: every command writes them as escapes (``\\x1b``), JSON keeps the same
value with ``\\u`` escapes, and the diagram of a Word memo shows the escape instead of crashing.
"""

from __future__ import annotations

import copy
import json
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from legal_analysis.cli import app
from legal_analysis.render.raster import png
from legal_analysis.render.svg import document, element
from legal_analysis.terminal import visible

from .test_hostile import SMALL

runner = CliRunner()
NAME = "Red\x1b[31mland\x0bX\x85Y\x7f"
"""A state's name holding ESC and a colour command, a vertical tab, NEL (C1) and DEL."""
SHOWN = "Red\\x1b[31mland\\x0bX\\x85Y\\x7f"
"""How the name is shown."""
WAR = "war\x1b[31m\x0b"
"""The conflict's id, printed in subjects and fact keys."""


def raw_controls(text: str) -> list[str]:
    """The control characters in ``text`` other than newline and tab."""
    return sorted({c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"})


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    data: dict[str, Any] = copy.deepcopy(SMALL)
    data["states"]["CCC"]["name"] = NAME
    data["conflicts"][WAR] = data["conflicts"].pop("war")
    data["deployments"]["dep"]["conflict"] = WAR
    path = tmp_path / "controls.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(*args: str | Path) -> str:
    """Run a command as on a terminal (colour codes are not stripped); its standard output."""
    result = runner.invoke(app, [str(a) for a in args], color=True)
    assert result.exit_code == 0, (args, result.stderr, result.exception)
    return result.stdout


@pytest.mark.parametrize("args", [
    ("evaluate",),
    ("explain", "party_to_conflict", "--subject", "state=CCC"),
    ("explain", "party_to_conflict", "--subject", "state=CCC", "--why-not", "true"),
    ("what-if", "--set", "deployments.dep.command_authority=receiving"),
    ("timeline",),
    ("memo",),
    ("memo", "-f", "html"),
])
def test_text_output_shows_escapes(scenario: Path, args: tuple[str, ...]) -> None:
    out = run(args[0], scenario, *args[1:])
    assert raw_controls(out) == [], args
    assert "\\x1b[31m" in out.replace("\\[", "["), args  # Markdown escapes '['


@pytest.mark.parametrize("args", [
    ("evaluate", "-f", "json"),
    ("explain", "party_to_conflict", "--subject", "state=CCC", "-f", "json"),
    ("what-if", "--set", "deployments.dep.command_authority=receiving", "-f", "json"),
    ("memo", "-f", "json"),
])
def test_json_output_keeps_the_value_without_raw_controls(scenario: Path,
                                                          args: tuple[str, ...]) -> None:
    out = run(args[0], scenario, *args[1:])
    assert raw_controls(out) == [], args
    texts = list(_strings(json.loads(out)))
    assert any(NAME in t for t in texts) and any(WAR in t for t in texts), args


def _strings(data: Any) -> Any:
    """Every string in JSON data, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_batch_records_have_no_raw_controls(scenario: Path) -> None:
    out = run("batch", scenario.parent)
    assert raw_controls(out) == []
    record = json.loads(out)
    assert any(NAME in c["question"] for c in record["conclusions"])
    assert any(c["subject"].get("conflict") == WAR for c in record["conclusions"])


def test_file_names_in_success_lines_are_escaped(scenario: Path, tmp_path: Path) -> None:
    weird = tmp_path / "odd\x1b[2Jname\x0b"
    weird.mkdir()
    copied = scenario.rename(weird / "s\x1b[31m.json")
    for args in (("validate", copied), ("memo", copied, "-o", weird / "m\x1b[1m.md"),
                 ("examples", "copy", "tutorial-border-war", weird)):
        out = run(*args)
        assert raw_controls(out) == [], args
        assert "odd\\x1b[2Jname\\x0b" in out, args


def test_a_memo_file_is_the_memo_shown(scenario: Path, tmp_path: Path) -> None:
    """The Markdown memo holds the escapes whether written with -o or shown."""
    target = tmp_path / "memo.md"
    run("memo", scenario, "-o", target)
    assert target.read_text(encoding="utf-8") == run("memo", scenario)


def test_a_word_memo_paints_the_diagram_and_shows_the_escapes(scenario: Path,
                                                              tmp_path: Path) -> None:
    """The diagram's SVG held ESC, which XML does not allow: painting it for Word crashed."""
    target = tmp_path / "memo.docx"
    run("memo", scenario, "-f", "docx", "-o", target)
    with zipfile.ZipFile(target) as z:
        body = z.read("word/document.xml").decode("utf-8")
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in z.namelist())
    assert SHOWN.replace("&", "&amp;") in body and raw_controls(body) == []


def _label(text: str) -> str:
    return document(200, 30, "label", [element("text", [("x", 5), ("y", 20)], text=text)])


def test_the_painter_draws_control_characters_as_their_escapes() -> None:
    """A text element holding control characters is painted exactly as the text of their
    escapes (the SVG writer escapes them; the painter does too, for C1 controls, which XML
    allows)."""
    assert png(_label(NAME)) == png(_label(SHOWN))
    nel = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 30"><text x="5" y="20">' \
          'a\u0085b\u009bc</text></svg>'
    assert png(nel) == png(_label("a\\x85b\\x9bc"))


def test_visible_escapes_every_control_character_but_newline_and_tab() -> None:
    every = "".join(chr(c) for c in range(0x100))
    shown = visible(every)
    assert raw_controls(shown) == [] and "\n" in shown and "\t" in shown
    assert raw_controls(visible(every, keep="")) == [] and "\n" not in visible(every, keep="")
    assert visible("사령부 ok é") == "사령부 ok é"


def test_an_undecodable_file_name_is_shown_as_an_escape(scenario: Path, tmp_path: Path) -> None:
    """A byte of a file name that is not UTF-8 arrives as a lone surrogate (U+DCFF), which no
    encoder writes: printing ``memo written to …`` raised UnicodeEncodeError."""
    target = tmp_path / "memo\udcff.md"
    out = run("memo", scenario, "-o", target)
    assert out == f"memo written to {tmp_path}/memo\\udcff.md\n"
    assert target.read_bytes().startswith(b"# Memorandum")


def test_a_terminal_that_cannot_write_a_character_gets_its_escape(scenario: Path) -> None:
    """On a Latin-1 terminal the what-if arrow (→) is written as ``\\u2192``, not a traceback."""
    import subprocess
    import sys

    from .test_stdout_failures import ENV

    done = subprocess.run([sys.executable, "-m", "legal_analysis", "what-if", str(scenario),
                           "--set", "deployments.dep.command_authority=receiving"],
                          capture_output=True, env={**ENV, "PYTHONIOENCODING": "latin-1"},
                          timeout=300, check=False)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    assert b" \\u2192 " in done.stdout and b"war\\x1b[31m\\x0b" in done.stdout
