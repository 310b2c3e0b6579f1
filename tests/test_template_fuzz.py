"""Fuzzing house-style templates: whatever a template says, rendering it ends, within the time
limit, in the memo or in one located line.

Template text is drawn from a grammar of Jinja constructs: expressions (numbers small and huge,
strings and format strings, the memo's fields, attribute and item access, calls, arithmetic,
``~``, filters with arguments, macro calls, ``loop(...)``, ``range``), and statements around them
(``for`` loops, recursive or not, ``if``, ``set``, ``set`` and ``filter`` and ``call`` blocks,
``with``, ``block``, includes, imports and extends of the folder's own templates, themselves
included, and now and then a stray ``{%`` or ``}}``). A folder holds three such templates: the
memo template and two it may include or import. The limits are lowered (:data:`FUZZ_LIMITS`) so
that an example that hits one costs little. Each test draws ``examples(n)`` examples: ``n`` in a
local run, more where the environment variable CI is set.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2.sandbox import ImmutableSandboxedEnvironment

from legal_analysis import Rulebook, analyse, load_scenario
from legal_analysis.errors import TemplateError
from legal_analysis.render import html as html_module
from legal_analysis.render import markdown as markdown_module
from legal_analysis.render import template_limits
from legal_analysis.render.html import html
from legal_analysis.render.markdown import markdown
from legal_analysis.render.model import Memo, build_memo
from legal_analysis.render.templating import TEMPLATES

from .conftest import EXAMPLES
from .strategies import examples

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
FUZZ_LIMITS = dataclasses.replace(template_limits.LIMITS, seconds=0.5, output=2_000_000,
                                  value=200_000, built=5_000_000)
SLACK = 5.0
"""How far past the time limit a rendering may end (the step that finds the time up, reading
and compiling the templates, writing the Markdown, a busy machine)."""


@pytest.fixture(scope="module")
def memo(rulebook: Rulebook) -> Memo:
    return build_memo(analyse(load_scenario(EXAMPLES / "dprk-2024-10-26.yaml"), rulebook))


# -- the grammar ----------------------------------------------------------------------------------

NUMBERS = st.sampled_from(["0", "1", "2", "-1", "7", "2.5", "100000", "10 ** 6", "10 ** 10",
                           "-(10 ** 9)", "(10 ** 100)", "True", "none"])
STRINGS = st.sampled_from(["''", "'x'", "'ab c'", "'%s'", "'%999999999s'", "'%(a)s'", "'{}'",
                           "'{:>99999999}'", "'{0}{0}{0}'", "'<b>&'", "'\\n'", "'\\t'", "'a,b'"])
NAMES = st.sampled_from(["memo", "memo.title", "memo.sections", "memo.sections[0]",
                         "memo.footnotes", "memo.timeline", "x", "y", "ns", "ns.v", "loop",
                         "loop.index", "loop.length", "self", "lib", "caller", "fn", "pad",
                         "range", "dict", "namespace", "cycler", "joiner", "lipsum"])
ATTRIBUTES = st.sampled_from(["title", "sections", "number", "text", "question", "upper",
                              "center", "ljust", "zfill", "expandtabs", "format", "format_map",
                              "replace", "join", "split", "splitlines", "translate", "encode",
                              "count", "items", "get", "append", "__class__", "real", "to_bytes",
                              "from_bytes", "cycle", "depth", "m", "b"])
FILTERS = st.sampled_from(["join", "center", "indent", "wordwrap", "replace", "format", "batch",
                           "slice", "sum", "list", "length", "first", "last", "sort", "unique",
                           "upper", "e", "string", "int", "float", "round", "abs", "default",
                           "map", "select", "tojson", "truncate", "wordcount", "striptags",
                           "urlize", "title", "trim", "reverse", "dictsort", "items", "attr",
                           "random", "pprint", "xmlattr", "groupby", "max", "min", "count"])
OPERATORS = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "~", "==", "<", "in", "and",
                             "or"])


def _expressions() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        args = st.lists(inner, max_size=2).map(", ".join)
        return st.one_of(
            st.tuples(inner, OPERATORS, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, FILTERS, st.none() | args).map(
                lambda t: f"({t[0]} | {t[1]})" if t[2] is None else f"({t[0]} | {t[1]}({t[2]}))"),
            st.tuples(inner, ATTRIBUTES).map(lambda t: f"{t[0]}.{t[1]}"),
            st.tuples(inner, args).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"{t[0]}[{t[1]}]"),
            args.map(lambda a: f"[{a}]"),
            st.tuples(inner, inner).map(lambda t: f"{{{t[0]}: {t[1]}}}"),
            st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
            inner.map(lambda e: f"m({e})"),
            inner.map(lambda e: f"loop({e})"),
            inner.map(lambda e: f"range({e})"),
            inner.map(lambda e: f"(not {e})"),
            st.sampled_from(["self.b()", "super()", "caller()", "lib.m(1)", "ns"]),
        )

    return st.recursive(st.one_of(NUMBERS, STRINGS, NAMES), extend, max_leaves=8)


EXPRESSIONS = _expressions()
INCLUDES = st.sampled_from([
    "{% include 'memo.md.j2' %}", "{% include 'memo.html.j2' ignore missing %}",
    "{% include 'a.j2' %}", "{% include 'b.j2' %}", "{% include 'nope.j2' ignore missing %}",
    "{% include ['nope.j2', 'b.j2'] %}", "{% import 'a.j2' as lib %}",
    "{% from 'b.j2' import m as bm %}", "{% include x %}"])
TEXT = st.sampled_from(["", "x", "\n", "# Brief ", "- ", "\u00e9", "", "x", "\n", "- ", "{{", "{%",
                        "}}", "{#", "%}"])
"""Text between the tags: mostly plain, now and then a stray piece of a tag."""


def _statements() -> st.SearchStrategy[str]:
    expr = EXPRESSIONS
    leaf = st.one_of(
        TEXT, INCLUDES,
        expr.map(lambda e: f"{{{{ {e} }}}}"),
        expr.map(lambda e: f"{{% set x = {e} %}}"),
        expr.map(lambda e: f"{{% set ns.v = {e} %}}"),
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        body = st.lists(inner, max_size=3).map("".join)
        return st.one_of(
            st.tuples(expr, st.sampled_from(["", " recursive"]), body, body).map(
                lambda t: f"{{% for x in {t[0]}{t[1]} %}}{t[2]}{{% else %}}{t[3]}{{% endfor %}}"),
            st.tuples(expr, body, body).map(
                lambda t: f"{{% if {t[0]} %}}{t[1]}{{% else %}}{t[2]}{{% endif %}}"),
            body.map(lambda b: f"{{% set y %}}{b}{{% endset %}}{{{{ y }}}}"),
            body.map(lambda b: f"{{% filter upper %}}{b}{{% endfilter %}}"),
            st.tuples(expr, body).map(lambda t: f"{{% call m({t[0]}) %}}{t[1]}{{% endcall %}}"),
            st.tuples(expr, body).map(lambda t: f"{{% with x = {t[0]} %}}{t[1]}{{% endwith %}}"),
        )

    return st.recursive(leaf, extend, max_leaves=6)


STATEMENTS = _statements()


HEADS = st.sampled_from(["", "", "", "{% extends 'a.j2' %}", "{% extends 'memo.md.j2' %}",
                         "{% import 'a.j2' as lib %}", "{% import 'b.j2' as lib %}"])
PRELUDE = "{% set ns = namespace(v=0) %}{% set x = 3 %}{% set y = 'y' %}"


@st.composite
def templates(draw: st.DrawFn) -> str:
    """One template: maybe an extends or import, a namespace and two variables, a macro and a
    block (whose bodies are drawn too), and statements."""
    macro, block = draw(STATEMENTS), draw(st.none() | STATEMENTS)
    body = "".join(draw(st.lists(STATEMENTS, min_size=1, max_size=4)))
    block_tag = "" if block is None else f"{{% block b %}}{block}{{% endblock %}}"
    return (f"{draw(HEADS)}{PRELUDE}{{% macro m(a=1) %}}{macro}{{% endmacro %}}{block_tag}"
            f"{body}")


@st.composite
def houses(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A format and a template folder for it: the memo template, a.j2 and b.j2."""
    fmt = draw(st.sampled_from(["md", "html"]))
    return fmt, {f"memo.{fmt}.j2": draw(templates()), "a.j2": draw(templates()),
                 "b.j2": draw(templates())}


# -- the property ---------------------------------------------------------------------------------

def _render_ends_cleanly(memo: Memo, fmt: str, files: dict[str, str]) -> str | None:
    """Render the memo from a folder of ``files``: the message it fails with (the folder's path
    left out), or None when it renders, as Jinja's own sandbox renders it; either way within the
    time limit."""
    message = None
    with tempfile.TemporaryDirectory() as tmp, \
            mock.patch.object(template_limits, "LIMITS", FUZZ_LIMITS):
        folder = Path(tmp)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        start = time.monotonic()
        try:
            out = (markdown if fmt == "md" else html)(memo, folder)
        except TemplateError as exc:
            message = str(exc)
            assert "\n" not in message, message
            assert message.startswith((f"{folder}/", f"{TEMPLATES}/")), message
            message = message.removeprefix(f"{folder}/")
        elapsed = time.monotonic() - start
        assert elapsed < FUZZ_LIMITS.seconds + SLACK, (elapsed, files)
        if message is None:  # what the counting sandbox wrote, Jinja's own writes too
            with mock.patch.object(markdown_module, "environment", _jinja_sandbox), \
                    mock.patch.object(html_module, "environment", _jinja_sandbox):
                jinja = (markdown if fmt == "md" else html)(memo, folder)
            assert _ADDRESS.sub("0x", jinja) == _ADDRESS.sub("0x", out)
    return message


_ADDRESS = re.compile(r"0x[0-9a-f]+")
"""A memory address, as in the text of a function written out (``{{ fn }}``), which differs
from one rendering to the next."""


def _jinja_sandbox(template_dir: Path | None, *, autoescape: bool,
                   finalize: Callable[[Any], Any] | None = None) -> jinja2.Environment:
    """Jinja's own immutable sandbox, without limits, reading the folder as the memo did before
    it had them (less ``lipsum`` and ``random``, which the memo's sandbox leaves out)."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(template_dir), str(TEMPLATES)]),
        undefined=jinja2.StrictUndefined, autoescape=autoescape, keep_trailing_newline=True,
        finalize=finalize)
    del env.globals["lipsum"], env.filters["random"]
    return env


@settings(max_examples=examples(60), deadline=None, suppress_health_check=SLOW)
@given(houses())
def test_any_house_style_renders_or_fails_in_one_located_line(
        memo: Memo, house: tuple[str, dict[str, str]]) -> None:
    """Property: for any folder of three templates drawn from the grammar, rendering the memo
    ends within the time limit (and a few seconds' slack) either in text, the very text Jinja's
    own sandbox writes from the same folder, or in a TemplateError whose message is one line
    beginning with the path of a template; never in another exception."""
    _render_ends_cleanly(memo, *house)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=SLOW)
@given(st.sampled_from(["md", "html"]), EXPRESSIONS)
def test_any_expression_renders_or_fails_in_one_located_line(memo: Memo, fmt: str,
                                                             expr: str) -> None:
    """Property: a memo template that writes one expression drawn from the grammar (in a
    recursive loop, beside a macro) renders within the time limit, or fails with one line
    naming that template, with the line of the expression (2) or of the macro it calls (1)
    unless Jinja meets the error while compiling (``{0.title: 1}``: an undefined key)."""
    name = f"memo.{fmt}.j2"
    template = (f"# Brief {PRELUDE}{{% macro m(a=1) %}}<{{{{ a }}}}>{{% endmacro %}}\n"
                f"{{% for z in [1] recursive %}}{{{{ {expr} }}}}{{% endfor %}}\n")
    message = _render_ends_cleanly(memo, fmt, {name: template})
    assert message is None or message.startswith(
        (f"{name}:1:1: ", f"{name}:2:1: ", f"{name}: ")), message
