"""The memo a legal adviser sends: the bottom line first, one section per legal issue, subjects in
the same position discussed once, each provision quoted once, nothing internal in the body, the
law as it stood on the memo's date, and about ten pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render import render_memo
from legal_analysis.render.citing import LAW_KINDS
from legal_analysis.render.markdown import word_counts
from legal_analysis.render.model import MemoOptions, build_memo

from .conftest import EXAMPLES
from .golden.regen import SCENARIOS, golden_path

TUTORIAL = EXAMPLES / "tutorial" / "tutorial-border-war.yaml"
BODY_LIMIT = 6_000
"""Most words the January 2025 home memo has before its annexes (about ten pages)."""
TOTAL_LIMIT = 10_000
BRIEF_LIMIT = 1_200


def _analysis(rulebook: Rulebook, path: Path) -> Analysis:
    return analyse(load_scenario(path), rulebook)


def _body(text: str) -> str:
    """A Markdown memo before its annexes."""
    return text.split("\n## Annex", 1)[0]


@pytest.fixture(scope="module")
def goldens() -> dict[str, str]:
    """Each home scenario's golden Markdown memo."""
    return {name: golden_path(name, "md").read_text("utf-8") for name in SCENARIOS}


@pytest.fixture(scope="module")
def january(rulebook: Rulebook) -> Analysis:
    return _analysis(rulebook, EXAMPLES / "dprk-2025-01-12.yaml")


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_internal_name_in_the_body(rulebook: Rulebook, goldens: dict[str, str],
                                      name: str) -> None:
    """The body of a golden memo holds no rule id, fact key, conclusion id, registry id, file
    path or placeholder state's name: it speaks of the case, not of the library."""
    analysis = _analysis(rulebook, EXAMPLES / f"{name}.yaml")
    body = _body(goldens[name])
    ids = {*analysis.rulebook.rules, *analysis.index.entries}
    ids |= {c for c in analysis.rulebook.conclusions if "_" in c}
    ids |= {s for s in analysis.rulebook.registry.sources if re.search(r"[-\d]", s)}
    found = sorted(i for i in ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", body))
    assert found == []
    assert not re.search(r"\b[\w-]+/[\w./-]+\.(?:ya?ml|md|txt|json)\b", body), "a file path"
    assert not re.search(r"\(rule [a-z_.]+", body) and "(see " not in body.replace("(see §", "")
    for state in analysis.scenario.states.values():
        if state.hypothetical:
            assert state.name not in goldens[name], state.name
    assert "From** | legal_analysis" not in body


def _normalised(analysis: Analysis, r: object) -> str:
    """A result as JSON with its person's id and name put aside."""
    data = r.to_dict()  # type: ignore[attr-defined]
    person = data["subject"].pop("person", None)
    text = json.dumps(data, sort_keys=True)
    if person is None:
        return text
    name = analysis.scenario.persons[person].name
    return text.replace(f"persons.{person}.", "persons.P.").replace(name, "P")


@pytest.mark.parametrize("name", SCENARIOS)
def test_subjects_with_the_same_analysis_are_discussed_once(rulebook: Rulebook,
                                                             name: str) -> None:
    """Two persons whose results for a question read alike (once their names are put aside)
    are discussed in the same section, never in two; and every result is discussed at most
    once."""
    analysis = _analysis(rulebook, EXAMPLES / f"{name}.yaml")
    memo = build_memo(analysis)
    where: dict[str, str] = {}
    for issue in memo.issues:
        for d in issue.discussions:
            for node in d.results:
                assert node not in where, f"{node} discussed twice"
                where[node] = d.number
    by_node = {r.node_id: r for r in analysis.results}
    same = 0
    for a in analysis.results:
        for b in analysis.results:
            if a.id != b.id or a.node_id >= b.node_id or "person" not in a.subject_dict:
                continue
            if a.subject_dict.get("destination") != b.subject_dict.get("destination"):
                continue
            if _normalised(analysis, a) == _normalised(analysis, b) and a.node_id in where:
                same += 1
                assert where.get(b.node_id) == where[a.node_id], (a.node_id, b.node_id)
    if len(analysis.scenario.persons) > 1:
        assert same > 0
    assert by_node


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_provision_is_quoted_at_most_once(rulebook: Rulebook, goldens: dict[str, str],
                                               name: str) -> None:
    """A verified quotation appears at most once in the memo; later discussions refer to its
    note instead."""
    body = _body(goldens[name])
    quoted = [q for q in rulebook.registry.quotations.values() if f"“{q.text}”" in body]
    assert quoted
    for q in quoted:
        assert body.count(f"“{q.text}”") == 1, q.id


def test_the_law_is_law_as_of_the_memos_date(january: Analysis) -> None:
    """Under 'The law' stand only treaties, judgments, UN documents and commentary dated on or
    before the memo's date; a later source cited for a fact says so in its first note."""
    memo = build_memo(january)
    reg = january.rulebook.registry
    notes = {n.number: n for n in memo.footnotes}
    quoted = [n for i in memo.issues for d in i.discussions for c in d.law for n in c.notes]
    assert quoted
    for number in quoted:
        src = reg.sources[notes[number].source]
        assert src.kind in LAW_KINDS and (src.date is None or src.date <= january.as_of), src.id
    later = [n for n in memo.footnotes if (d := reg.sources[n.source].date) is not None
             and d > january.as_of]
    first = {n.source: n for n in reversed(later)}
    assert later and all(n.text.endswith("(published after 12 January 2025)")
                         for n in first.values())


def test_the_memo_has_the_parts_of_a_legal_memorandum(goldens: dict[str, str]) -> None:
    """Bottom line, facts and evidence, one section per legal issue, recommendations, annexes;
    no conclusion repeating the bottom line, and no derivations unless asked for."""
    text = goldens["dprk-2025-01-12"]
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[:7] == ["1. Bottom line", "2. Facts and evidence",
                            "3. The conflict and its parties",
                            "4. The use of force and state responsibility",
                            "5. Status and treatment of the captured persons",
                            "6. Transfer and repatriation", "7. Accountability"]
    assert headings[7:] == ["8. Recommendations", "Notes", "Annex A. Chronology",
                            "Annex B. Treaty participation", "Annex C. Table of authorities"]
    assert "Conclusion" not in text
    assert "Captured soldiers 1 and 2" in text
    assert "| Destination | Outcome | Conditions | Authority |" in text
    assert "**Plain answers.**" in text


def test_word_counts(rulebook: Rulebook, goldens: dict[str, str], january: Analysis) -> None:
    """About ten pages: the January 2025 memo at most 6,000 words before its annexes and 10,000
    with them; the October 2024 memo less than half of it; a one-person hypothetical less than
    nine tenths of the limit; the January brief at most 1,200 words."""
    body, annexes = word_counts(goldens["dprk-2025-01-12"])
    assert body <= BODY_LIMIT and body + annexes <= TOTAL_LIMIT, (body, annexes)
    october, _ = word_counts(goldens["dprk-2024-10-26"])
    assert october < body / 2
    tutorial = _analysis(rulebook, TUTORIAL)
    assert len(tutorial.scenario.persons) == 1
    one, _ = word_counts(render_memo(tutorial, build_memo(tutorial), "md").decode("utf-8"))
    assert one <= BODY_LIMIT * 9 // 10
    brief = render_memo(january, build_memo(january, MemoOptions(brief=True)), "md")
    assert len(brief.split()) <= BRIEF_LIMIT


def test_the_brief_is_the_bottom_line_and_the_transfer_table(january: Analysis) -> None:
    """The brief has the bottom line, the facts to establish, where the persons may be sent
    and the recommendations, and no discussion, notes or annexes."""
    text = render_memo(january, build_memo(january, MemoOptions(brief=True)), "md").decode()
    assert text.startswith("# Brief: ")
    assert re.findall(r"^## (.+)$", text, re.M) == [
        "1. Bottom line", "2. Facts to establish", "3. Where they may be sent",
        "4. Recommendations"]
    assert "**Question.**" not in text and "[^" not in text and "Annex" not in text


def test_only_some_questions(january: Analysis) -> None:
    """``only`` keeps the named conclusions and the issues they belong to."""
    memo = build_memo(january, MemoOptions(only=("pow_status",)))
    assert [i.title for i in memo.issues] == ["Status and treatment of the captured persons"]
    nodes = [n for i in memo.issues for d in i.discussions for n in d.results]
    assert nodes and all(n.startswith("pow_status[") for n in nodes)


def test_the_author_line_is_given_only_when_asked(january: Analysis) -> None:
    """No 'From' line by default; ``author`` adds one."""
    plain = render_memo(january, build_memo(january), "md").decode()
    signed = render_memo(january, build_memo(january, MemoOptions(author="Legal Division")),
                         "md").decode()
    assert "**From**" not in plain
    assert "| **From** | Legal Division |" in signed


def test_one_person_is_spoken_of_in_the_singular(rulebook: Rulebook) -> None:
    """A memo about one captured person advises treating *him* as *a* prisoner of war; its
    chronology says what happened on a day without repeating the day."""
    tutorial = _analysis(rulebook, TUTORIAL)
    text = render_memo(tutorial, build_memo(tutorial), "md").decode("utf-8")
    assert "Treat Private Doe as a prisoner of war" in text
    assert "as prisoners of war" not in text
    chronology = text.split("## Annex A. Chronology", 1)[1].split("\n## ", 1)[0]
    for day, event in re.findall(r"^- (\d+ \w+ \d{4}): (.*)$", chronology, re.M):
        assert day not in event, event


def test_the_brief_counts_the_facts_it_leaves_to_the_memo(january: Analysis) -> None:
    memo = build_memo(january, MemoOptions(brief=True))
    text = render_memo(january, memo, "md").decode("utf-8")
    more = len(memo.gaps) - 4
    assert more > 0
    word = "fact to establish is" if more == 1 else "facts to establish are"
    assert f"{more} more {word} listed in the full memo (§ 2)." in text
