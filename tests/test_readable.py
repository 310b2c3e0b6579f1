"""The objects an analysis hands to a Python user: short one-line reprs, the memo's sentences
(``describe()``), notebook displays (HTML and Markdown, every user text escaped) and records."""

from __future__ import annotations

import sys
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_analysis import (
    Analysis,
    LegalAnalysisError,
    Rulebook,
    WhatIf,
    analyse,
    load_scenario,
)
from legal_analysis.engine import analysis as engine
from legal_analysis.engine.readable import REPR_LIMIT
from legal_analysis.facts import Scenario
from legal_analysis.render.phrasing import answer, short_answer, versions
from legal_analysis.render.wording import branch_condition, upper_first

from .conftest import EXAMPLES
from .strategies import examples, scenarios

HOME = EXAMPLES / "dprk-2025-01-12.yaml"
VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source"}


class Page(HTMLParser):
    """An HTML fragment's tags, checked to open and close in order, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> Page:
    page = Page()
    page.feed(fragment)
    page.close()
    assert not page.stack, f"left open: {page.stack}"
    return page


@pytest.fixture(scope="module")
def a(rulebook: Rulebook) -> Analysis:
    """The home case, analysed once for the module."""
    return analyse(load_scenario(HOME), rulebook)


def test_reprs_are_one_short_informative_line(a: Analysis) -> None:
    undetermined = sum(r.status == "undetermined" for r in a.results)
    assert repr(a) == (f"<Analysis 'Two DPRK soldiers captured by Ukraine in the Kursk region "
                       f"(…' as of 2025-01-12: {len(a.results)} conclusions, "
                       f"{undetermined} undetermined>")
    rus = a.get("party_to_conflict", state="RUS")
    assert repr(rus) == "<Result party_to_conflict[state=RUS,conflict=russia-ukraine]: True " \
                        "(established)>"
    iac = a.get("international_armed_conflict", state="PRK", other="UKR")
    assert repr(iac) == "<Result international_armed_conflict[state=PRK,other=UKR]: undetermined>"
    first, second = iac.branches
    assert repr(first) == ("<Branch False (established) when "
                           "deployments.dprk-to-russia.command_authority='receiving'>")
    assert repr(second).endswith("(or 1 other combination)>")
    w = a.what_if({"deployments.dprk-to-russia.command_authority": "receiving"})
    assert repr(w) == ("<WhatIf deployments.dprk-to-russia.command_authority='receiving': "
                       f"{len(w.changes)} conclusions change>")
    t = a.timeline()
    assert repr(t).startswith(f"<Timeline {len(t.events)} dates from ")
    for obj in (a, rus, iac, first, second, w, t, *a.results):
        text = repr(obj)
        assert len(text) <= REPR_LIMIT and "\n" not in text, text


def test_reprs_stay_short_with_a_huge_title_and_many_changes(rulebook: Rulebook) -> None:
    base = load_scenario(HOME)
    a = analyse(base.model_copy(update={"title": "A very long title\n" * 1000}), rulebook)
    assert len(repr(a)) <= REPR_LIMIT and "\n" not in repr(a)
    w = WhatIf(tuple((f"persons.p{i}.captured", "x" * 50) for i in range(100)), a, a, ())
    assert len(repr(w)) <= REPR_LIMIT and "…: 0 conclusions change>" in repr(w)


def test_describe_says_what_the_memo_says(a: Analysis) -> None:
    for r in a.results:
        assert r.describe() == short_answer(a, r)
    rus = a.get("party_to_conflict", state="RUS")
    assert rus.describe() == "Russian Federation is a party to the conflict."
    iac = a.get("international_armed_conflict", state="PRK", other="UKR")
    for b in iac.branches:
        assert b.describe() == upper_first(
            f"if {branch_condition(a, b)}, {answer(a, iac, b.value, b.status)}") + "."
    # the versions the memo lists hold the same condition and outcome
    lead, outcome, _b, _rest = versions(a, iac)[0]
    assert iac.branches[0].describe() == upper_first(f"{lead}, {outcome}") + "."


def test_html_parses_and_holds_the_answers(a: Analysis) -> None:
    page = parse(a._repr_html_() or "")
    text = " ".join(page.text)
    for r in a.results:
        assert r.describe() in text
    assert "table" in page.tags and "script" not in page.tags and "link" not in page.tags
    iac = a.get("international_armed_conflict", state="PRK", other="UKR")
    result_page = parse(iac._repr_html_() or "")
    said = " ".join(result_page.text)
    assert iac.describe() in said
    assert "Command authority (deployment of Democratic People's Republic of Korea troops to " \
           "Russian Federation)" in said  # the decisive fact in words
    assert "If Russian Federation commands Democratic People's Republic of Korea's troops: no " \
           "international armed conflict" in said  # a version as the memo lists it
    w = a.what_if({"deployments.dprk-to-russia.command_authority": "receiving"})
    what_if_text = " ".join(parse(w._repr_html_() or "").text)
    assert "What if Russian Federation commands Democratic People's Republic of Korea's " \
           "troops?" in what_if_text
    assert w.changes[0].after is not None and w.changes[0].after.describe() in what_if_text
    timeline_text = " ".join(parse(a.timeline()._repr_html_() or "").text)
    assert "Ukraine bound by the Rome Statute" in timeline_text


def test_markdown_holds_the_answers(a: Analysis) -> None:
    md = a._repr_markdown_() or ""
    assert md.startswith("### Two DPRK soldiers")
    assert "| Question | Subject | Status | Answer |" in md
    assert "Russian Federation is a party to the conflict." in md
    iac = a.get("international_armed_conflict", state="PRK", other="UKR")
    assert "#### Versions of the facts" in (iac._repr_markdown_() or "")


def test_user_text_is_escaped(rulebook: Rulebook) -> None:
    hostile = "<script>alert(1)</script> | [x](javascript:y)"
    a = analyse(load_scenario(HOME).model_copy(update={"title": hostile}), rulebook)
    for fragment in (a._repr_html_() or "", a.timeline()._repr_html_() or ""):
        page = parse(fragment)
        assert "script" not in page.tags
        assert "<script>" not in fragment and "&lt;script&gt;" in fragment
    assert hostile in " ".join(parse(a._repr_html_() or "").text)  # shown, as text
    md = a._repr_markdown_() or ""
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\[x\\]" in md


def test_an_engine_analysis_keeps_its_repr_and_says_how_to_describe(rulebook: Rulebook) -> None:
    bare = engine.analyse(load_scenario(HOME), rulebook)
    r = bare.get("party_to_conflict", state="RUS")
    assert repr(r).startswith("<Result party_to_conflict")
    assert bare._repr_html_() is None and r._repr_html_() is None and r._repr_markdown_() is None
    with pytest.raises(LegalAnalysisError, match=r"legal_analysis\.analyse") as info:
        r.describe()
    assert "\n" not in str(info.value)
    with pytest.raises(LegalAnalysisError):
        bare.records()


def test_what_ifs_and_timelines_inherit_the_wording(a: Analysis) -> None:
    after = a.what_if({"deployments.dprk-to-russia.command_authority": "receiving"}).after
    assert after.get("international_armed_conflict", state="PRK", other="UKR").describe() == (
        "No international armed conflict between Democratic People's Republic of Korea and "
        "Ukraine arises from the deployment.")
    assert a.timeline().analysis is a


def test_records_are_flat_with_a_column_per_role(a: Analysis) -> None:
    rows = a.records()
    assert len(rows) == len(a.results)
    roles = list(dict.fromkeys(role for r in a.results for role, _ in r.subject))
    assert "person" in roles and "state" in roles
    columns = ["conclusion", *roles, "status", "value", "answer", "decisive_facts"]
    for row, r in zip(rows, a.results, strict=True):
        assert list(row) == columns
        assert row["conclusion"] == r.id and row["status"] == r.status
        assert row["answer"] == r.describe()
        assert all(row[role] == r.subject_dict.get(role) for role in roles)
        assert all(v is None or isinstance(v, str | bool | int) for v in row.values()), row
    rus = next(row for row in rows if row["conclusion"] == "party_to_conflict"
               and row["state"] == "RUS")
    assert rus["value"] is True and rus["decisive_facts"] == ""
    iac = next(row for row in rows if row["conclusion"] == "international_armed_conflict"
               and row["state"] == "PRK")
    assert iac["value"] is None
    assert iac["decisive_facts"] == "deployments.dprk-to-russia.command_authority"


def test_to_frame_without_pandas_says_how_to_install_it(
        a: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now fails
    with pytest.raises(LegalAnalysisError) as info:
        a.to_frame()
    message = str(info.value)
    assert "pip install 'legal-analysis[frames]'" in message and "\n" not in message


def test_to_frame_with_pandas(a: Analysis) -> None:
    pytest.importorskip("pandas")
    df = a.to_frame()
    assert list(df.columns) == list(a.records()[0])
    assert len(df) == len(a.results)


@settings(max_examples=examples(8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenario=scenarios(),
       title=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1))
def test_any_scenario_reads_in_one_line_and_displays_as_balanced_html(
        rulebook: Rulebook, scenario: Scenario, title: str) -> None:
    """For any generated scenario under any title: every object's repr is one line of at most
    REPR_LIMIT characters; the analysis's HTML parses with every tag closed in order, shows the
    title as text (never as markup) and holds every result's describe() sentence."""
    a = analyse(scenario.model_copy(update={"title": title}), rulebook)
    for obj in (a, a.timeline(), *a.results, *(b for r in a.results for b in r.branches)):
        text = repr(obj)
        assert len(text) <= REPR_LIMIT and "\n" not in text, text
    page = parse(a._repr_html_() or "")
    shown = " ".join(page.text)
    assert title in shown and page.tags.count("h3") == 1
    assert all(r.describe() in shown for r in a.results)
