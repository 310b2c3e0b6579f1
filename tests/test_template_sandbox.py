"""A user's templates read no file outside their folder, and whatever they do ends, within the
limits, in the memo or in one located line.

Each folder in tests/fixtures/bad_templates/ holds one broken house style; its memo.md.j2 starts
with ``{# expect: <part of the message> #}`` and ``{# where: <file>[:<line>] #}``. The attacks
that need a symbolic link, a named pipe or a large file build them in tmp_path at test time, so
that no link leading out of the repository is committed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import MAX_RANGE
from typer.testing import CliRunner

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.cli import app
from legal_analysis.errors import TemplateError
from legal_analysis.render import template_limits
from legal_analysis.render.html import html
from legal_analysis.render.markdown import markdown
from legal_analysis.render.model import Memo, build_memo
from legal_analysis.render.templating import TEMPLATES, environment, render_template

from .conftest import EXAMPLES, FIXTURES, ROOT

BAD = FIXTURES / "bad_templates"
SCENARIO = EXAMPLES / "dprk-2024-10-26.yaml"
SECONDS = 2.0
"""The time limit in these tests (the shipped one is longer; the other limits are as shipped)."""
SLACK = 3.0
"""How far past the time limit a rendering may end: the step that finds the time up, and the
memo's own work (reading the templates, writing Markdown) on a busy machine."""

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                 reason="symbolic links need a POSIX system")
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(template_limits, "LIMITS",
                        dataclasses.replace(template_limits.LIMITS, seconds=SECONDS))


@pytest.fixture(scope="module")
def memo(rulebook: Rulebook) -> Memo:
    return build_memo(analyse(load_scenario(SCENARIO), rulebook))


def _fails(render: Callable[[], object]) -> tuple[str, float]:
    """The one-line message ``render`` fails with, and how long it took."""
    start = time.monotonic()
    with pytest.raises(TemplateError) as info:
        render()
    elapsed = time.monotonic() - start
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message, message
    return message, elapsed


def _house(tmp_path: Path, template: str, name: str = "memo.md.j2") -> Path:
    """A template folder in tmp_path holding ``template``."""
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(template, encoding="utf-8")
    return folder


def _secret(tmp_path: Path) -> Path:
    """A file outside the template folder that a template must not read."""
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    path = outside / "secret.j2"
    path.write_text("THE SECRET", encoding="utf-8")
    return path


# -- one broken house style per fixture -----------------------------------------------------------

def _expectation(folder: Path) -> tuple[str, str]:
    head = (folder / "memo.md.j2").read_text(encoding="utf-8").splitlines()[:2]
    expect = re.fullmatch(r"\{# expect: (.+) #\}", head[0])
    where = re.fullmatch(r"\{# where: (.+) #\}", head[1])
    assert expect and where, f"{folder.name}: memo.md.j2 must start with expect and where"
    return expect.group(1), where.group(1)


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir()))
def test_each_broken_template_fails_in_one_located_line(memo: Memo, name: str) -> None:
    """The message names the template file and line and says what went wrong; a template that
    would run without end stops at the time limit."""
    folder = BAD / name
    expect, where = _expectation(folder)
    message, elapsed = _fails(lambda: markdown(memo, folder))
    file, _, line = where.partition(":")
    located = f"{folder / file}:{line}:1: " if line else f"{folder / file}: "
    assert message.startswith(located), message
    assert expect in message, message
    assert elapsed < SECONDS + SLACK, (name, elapsed)


def test_the_html_memo_is_held_to_the_same_limits(memo: Memo, tmp_path: Path) -> None:
    folder = _house(tmp_path, "<p>\n{{ '<b>' * 10 ** 9 }}</p>\n", "memo.html.j2")
    message, _ = _fails(lambda: html(memo, folder))
    assert message.startswith(f"{folder}/memo.html.j2:2:1: template error: '*' would build"), message


def test_the_command_line_exits_2_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    result = CliRunner().invoke(app, ["memo", str(SCENARIO), "--template",
                                      str(BAD / "nested-loops"), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("legal-analysis: ") and result.stderr.count("\n") == 1
    assert f"ran for more than {SECONDS:g} seconds" in result.stderr
    assert not target.exists()


# -- files: nothing outside the folder, nothing but regular files -----------------------------------

READS = {
    "include": "{% include 'NAME' %}",
    "include-ignore-missing": "{% include 'NAME' ignore missing %}",
    "include-list": "{% include ['missing.j2', 'NAME'] %}",
    "extends": "{% extends 'NAME' %}",
    "import": "{% import 'NAME' as lib %}",
    "from-import": "{% from 'NAME' import anything %}",
}


@needs_links
@pytest.mark.parametrize("read", sorted(READS))
def test_a_link_to_a_file_outside_the_folder_is_refused(memo: Memo, tmp_path: Path,
                                                        read: str) -> None:
    folder = _house(tmp_path, "# Brief\n" + READS[read].replace("NAME", "notes.j2") + "\n")
    (folder / "notes.j2").symlink_to(_secret(tmp_path))
    message, _ = _fails(lambda: markdown(memo, folder))
    assert message == (f"{folder}/memo.md.j2:2:1: template error: refused to read 'notes.j2': it "
                       f"leads outside the template folder, to {_secret(tmp_path).resolve()}")


@needs_links
@pytest.mark.parametrize("name", ["shared/secret.j2", "shared/missing.j2", "shared"])
def test_a_link_to_a_folder_outside_is_refused_whether_or_not_the_file_exists(
        memo: Memo, tmp_path: Path, name: str) -> None:
    """Not even whether a file exists out there is told ('ignore missing' does not hide it)."""
    folder = _house(tmp_path, f"{{% include '{name}' ignore missing %}}\n")
    (folder / "shared").symlink_to(_secret(tmp_path).parent, target_is_directory=True)
    message, _ = _fails(lambda: markdown(memo, folder))
    assert re.fullmatch(rf"{re.escape(str(folder))}/memo\.md\.j2:1:1: template error: refused to "
                        rf"read '{name}': it leads outside the template folder, to .+", message)
    assert "THE SECRET" not in message


@needs_links
def test_a_memo_template_that_is_a_link_outside_is_refused(memo: Memo, tmp_path: Path) -> None:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "memo.md.j2").symlink_to(_secret(tmp_path))
    message, _ = _fails(lambda: markdown(memo, folder))
    assert message.startswith(f"{folder}/memo.md.j2: template error: refused to read "
                              "'memo.md.j2': it leads outside the template folder"), message


@needs_links
def test_a_broken_link_is_refused_when_it_leads_outside_and_missing_when_inside(
        memo: Memo, tmp_path: Path) -> None:
    folder = _house(tmp_path, "{% include 'away.j2' %}\n")
    (folder / "away.j2").symlink_to(tmp_path / "nowhere" / "x.j2")
    assert "leads outside the template folder" in _fails(lambda: markdown(memo, folder))[0]
    (folder / "away.j2").unlink()
    (folder / "away.j2").symlink_to(folder / "gone.j2")
    message, _ = _fails(lambda: markdown(memo, folder))
    assert message == f"{folder}/memo.md.j2:1:1: template not found: away.j2"


@needs_links
def test_links_that_stay_inside_the_folder_are_followed(memo: Memo, tmp_path: Path) -> None:
    folder = _house(tmp_path, "{% include 'first.j2' %} and {% include 'parts/second.j2' %}\n")
    (folder / "real").mkdir()
    (folder / "real" / "first.j2").write_text("FIRST", encoding="utf-8")
    (folder / "real" / "second.j2").write_text("SECOND", encoding="utf-8")
    (folder / "first.j2").symlink_to("real/first.j2")
    (folder / "parts").symlink_to("real", target_is_directory=True)
    assert markdown(memo, folder) == "FIRST and SECOND\n"
    linked = tmp_path / "linked-house"
    linked.symlink_to(folder, target_is_directory=True)  # the folder itself may be a link
    assert markdown(memo, linked) == "FIRST and SECOND\n"


def _within(seconds: float, render: Callable[[], object], unblock: Path) -> str:
    """The message ``render`` fails with, which must come within ``seconds``: should it block on
    the named pipe ``unblock``, the pipe is opened for writing to let it go and the test fails."""
    outcome: list[str] = []

    def run() -> None:
        try:
            render()
            outcome.append("rendered")
        except TemplateError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        os.close(os.open(unblock, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(seconds)
        pytest.fail(f"reading the template blocked on the named pipe {unblock}")
    return outcome[0]


@needs_fifos
def test_a_named_pipe_is_never_opened(memo: Memo, tmp_path: Path) -> None:
    folder = _house(tmp_path, "# Brief\n{% include 'pipe.j2' %}\n")
    os.mkfifo(folder / "pipe.j2")
    message = _within(10, lambda: markdown(memo, folder), folder / "pipe.j2")
    assert message == (f"{folder}/memo.md.j2:2:1: template error: refused to read 'pipe.j2': "
                       f"{folder}/pipe.j2 is a named pipe, not a regular file")
    (folder / "memo.md.j2").unlink()
    os.mkfifo(folder / "memo.md.j2")
    message = _within(10, lambda: markdown(memo, folder), folder / "memo.md.j2")
    assert message.endswith(f"{folder}/memo.md.j2 is a named pipe, not a regular file"), message


def test_a_folder_where_a_template_is_named_is_refused(memo: Memo, tmp_path: Path) -> None:
    folder = _house(tmp_path, "{% include 'parts.j2' %}\n")
    (folder / "parts.j2").mkdir()
    message, _ = _fails(lambda: markdown(memo, folder))
    assert message.endswith(f"refused to read 'parts.j2': {folder}/parts.j2 is a folder, not a "
                            "regular file"), message


def test_a_template_file_larger_than_the_limit_is_refused(memo: Memo, tmp_path: Path) -> None:
    limit = template_limits.LIMITS.template_bytes
    folder = _house(tmp_path, "{% include 'huge.j2' %}\n")
    (folder / "huge.j2").write_text("x" * (limit + 1), encoding="utf-8")
    message, _ = _fails(lambda: markdown(memo, folder))
    assert message.endswith(f"{folder}/huge.j2 is larger than {limit:,} bytes (the limit for a "
                            "template)"), message
    (folder / "huge.j2").write_text("x" * limit, encoding="utf-8")
    assert markdown(memo, folder) == "x" * limit + "\n"


# -- what still works ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_shipped_templates_render_the_same_in_the_sandbox(memo: Memo, tmp_path: Path,
                                                            fmt: str) -> None:
    """Copied into a folder of one's own, the shipped templates give the memo byte for byte:
    the counting changes nothing a template writes."""
    folder = tmp_path / "copy"
    shutil.copytree(TEMPLATES, folder)
    render = markdown if fmt == "md" else html
    assert render(memo, folder) == render(memo, None)


GOOD = """\
{%- import 'lib.j2' as lib -%}
{% for s in memo.issues %}{{ loop.index }}/{{ loop.length }}{{ '' if loop.last else ',' }}{% endfor %}
{% for x in [] %}never{% else %}empty{% endfor %}
{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}
{% for n in [[1, [2]], [3]] recursive %}{% if n is iterable %}({{ loop(n) }}){% else %}{{ n }}
{%- endif %}{% endfor %}
{{ lib.shout(memo.issues[0].title) | length > 0 }} {{ '%.1f' | format(1.25) }} {{ '{:>4}'.format(7) }}
{{ range(3) | join('-') }} {{ 'ab' | center(6) }}| {{ [3, 1, 2] | sort | list }} {{ 2 ** 10 }} {{ 7 // 2 }}
{%- include 'tail.j2' %}
"""


def test_a_house_style_using_loops_macros_filters_and_includes_renders(memo: Memo,
                                                                       tmp_path: Path) -> None:
    folder = _house(tmp_path, GOOD)
    (folder / "lib.j2").write_text("{% macro shout(s) %}{{ s | upper }}!{% endmacro %}", "utf-8")
    (folder / "tail.j2").write_text(" (end)", encoding="utf-8")
    count = len(memo.issues)
    ones = ",".join(f"{i}/{count}" for i in range(1, count + 1))
    # Markdown expressions are escaped and their spaces collapsed: '   7' and '  ab  ' lose theirs
    assert markdown(memo, folder) == (f"{ones}\nempty\na=1\n(1(2))(3)\n"
                                      "True 1.2 7\n0-1-2 ab| \\[1, 2, 3\\] 1024 3 (end)\n")


def test_the_limits_in_the_docs_are_the_limits() -> None:
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    limits = template_limits.Limits()
    for phrase in (f"{limits.seconds:g} seconds", f"{limits.output:,} characters",
                   f"{limits.value:,} characters", f"{limits.built:,} characters",
                   f"{limits.depth} deep", f"{limits.digits:,} digits",
                   f"{limits.template_bytes:,} bytes", f"{MAX_RANGE:,} numbers"):
        assert phrase in text, phrase


@needs_links
def test_a_link_to_the_folder_itself_is_a_folder_not_a_template(memo: Memo, tmp_path: Path) -> None:
    folder = _house(tmp_path, "{% include 'here' %}\n")
    (folder / "here").symlink_to(".", target_is_directory=True)
    message, _ = _fails(lambda: markdown(memo, folder))
    assert message.endswith(f"refused to read 'here': {folder}/here is a folder, not a regular "
                            "file"), message


EXTENDS = {
    "base.j2": "{% block body %}base{% endblock %}|{% block tail %}{% for i in range(2) %}t{{ i }}"
               "{% endfor %}{% endblock %}\n",
    "memo.md.j2": "{% extends 'base.j2' %}{% macro m(xs) %}{% for x in xs %}<{{ x }}{{ caller() }}>"
                  "{% endfor %}{% endmacro %}{% block body %}{% call m([1, 2]) %}{% for c in 'ab' %}"
                  "{{ c }}{% endfor %}{% endcall %}{% filter upper %}{% for w in ['x', 'y'] %}{{ w }}"
                  "{% endfor %}{% endfilter %}{% set s %}{% for n in [3] %}{{ n }}{% endfor %}"
                  "{% endset %}{{ s }}{{ super() }}{% endblock %}\n",
}


def test_loops_in_blocks_macros_and_call_blocks_render_as_without_the_sandbox(
        tmp_path: Path) -> None:
    """Every loop is stepped through the sandbox's counting filter, wherever it stands."""
    for name, text in EXTENDS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)),
                               keep_trailing_newline=True)
    sandboxed = environment(tmp_path, autoescape=False)
    expected = "<1ab><2ab>XY3base|t0t1\n"
    assert plain.get_template("memo.md.j2").render() == expected
    assert render_template(sandboxed, "memo.md.j2") == expected
