"""Korean, Ukrainian and Russian script flows into every memo format intact.

A scenario names its states 조선민주주의인민공화국, Україна and Россия, its captives 홍길동 and
Олена, and carries notes in the three scripts. Every format must show them verbatim, in NFC
(Hangul syllables precomposed, "ї" and "й" one code point each), never as escapes or entities:
the names, the summary, and the note on the fact the answers turn on (the memo gives the note of
each gap that matters; the notes on other facts stay with the scenario).
"""

from __future__ import annotations

import copy
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from legal_analysis import Analysis, Rulebook, analyse, load_scenario
from legal_analysis.render import FORMATS, render

NAMES = ["조선민주주의인민공화국", "Україна", "Россия", "홍길동", "Олена", "Війна"]
NOTES = ["Командование не подтверждено", "전투에 직접 참가했다는 보도", "Поранений — 부상"]
SUMMARY = "Сценарій з назвами українською, 한국어 й по-русски."

SCENARIO: dict[str, Any] = {
    "id": "unicode-names",
    "title": "홍길동 та Олена — Україна, Россия, 조선민주주의인민공화국",
    "as_of": "2025-03-01",
    "summary": SUMMARY,
    "states": {"PRK": {"name": NAMES[0]}, "UKR": {"name": NAMES[1]}, "RUS": {"name": NAMES[2]}},
    "conflicts": {"war": {"name": NAMES[5], "belligerents": ["RUS", "UKR"],
                          "start": "2022-02-24", "aggressor": "RUS"}},
    "deployments": {"dep": {
        "sending_state": "PRK", "receiving_state": "RUS", "conflict": "war", "against": "UKR",
        "command_authority": {"value": "unknown", "note": NOTES[0]},
        "direct_participation": {"value": True, "note": NOTES[1]}}},
    "persons": {
        "p1": {"name": NAMES[3], "deployment": "dep", "captured_by": "UKR",
               "captured_on": {"value": "2025-01-09", "note": "Взятий у полон біля Курська"},
               "health": {"value": "wounded", "note": NOTES[2]}},
        "p2": {"name": NAMES[4], "deployment": "dep", "captured_by": "UKR",
               "captured_on": "2025-01-10"}},
    "destinations": ["PRK", "UKR", "RUS"],
}


def test_the_test_strings_are_nfc_and_have_decomposable_letters() -> None:
    for text in [*NAMES, *NOTES, SUMMARY]:
        assert unicodedata.is_normalized("NFC", text)
    assert any(unicodedata.normalize("NFD", t) != t for t in NAMES[1:3])  # ї, й decompose
    assert unicodedata.normalize("NFD", NAMES[3]) != NAMES[3]  # Hangul decomposes into jamo


def write(folder: Path, kind: str) -> Path:
    """The scenario as UTF-8 YAML, or as JSON with every non-ASCII letter escaped."""
    if kind == "yaml":
        import yaml

        path = folder / "scenario.yaml"
        path.write_text(yaml.safe_dump(SCENARIO, allow_unicode=True), encoding="utf-8")
    else:
        path = folder / "scenario.json"
        path.write_text(json.dumps(SCENARIO, ensure_ascii=True), encoding="ascii")
    return path


@pytest.fixture(scope="module")
def analysis(rulebook: Rulebook, tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyse(load_scenario(write(tmp_path_factory.mktemp("unicode"), "yaml")), rulebook)


def memo_text(analysis: Analysis, fmt: str) -> str:
    """The memo's text: the decoded bytes, or for Word the text runs of word/document.xml."""
    data = render(analysis, fmt)
    if fmt != "docx":
        return data.decode("utf-8")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_and_notes_appear_verbatim(analysis: Analysis, fmt: str) -> None:
    text = memo_text(analysis, fmt)
    assert unicodedata.is_normalized("NFC", text)
    for word in [*NAMES, NOTES[0], SUMMARY]:
        assert word in text, f"{word!r} missing from the {fmt} memo"
    for word in NAMES:
        escaped = {json.dumps(word)[1:-1], "".join(f"&#{ord(c)};" for c in word),
                   "".join(f"&#x{ord(c):x};" for c in word)}
        assert not any(e in text for e in escaped), f"{word!r} escaped in the {fmt} memo"


def test_escaped_json_reads_as_the_same_scenario(tmp_path: Path) -> None:
    """``\\uXXXX`` escapes in a JSON file give the same names (and so the same memos)."""
    from_yaml = load_scenario(write(tmp_path, "yaml"))
    from_json = load_scenario(write(tmp_path, "json"))
    assert from_json == from_yaml
    assert [s.name for s in from_json.states.values()] == NAMES[:3]
    assert [p.name for p in from_json.persons.values()] == NAMES[3:5]


def test_characters_past_the_bmp_survive_escaped_json(tmp_path: Path, rulebook: Rulebook) -> None:
    """``json.dumps`` writes 𠀀 (U+20000) and 😀 as surrogate-pair escapes, which YAML cannot
    read: such a file was refused as malformed JSON. It reads, and the memo shows them."""
    data = copy.deepcopy(SCENARIO)
    data["persons"]["p1"]["name"] = "홍길동 𠀀"
    data["persons"]["p1"]["health"]["note"] = "Поранений 😀"
    path = tmp_path / "astral.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
    assert "\\ud840\\udc00" in path.read_text()
    scenario = load_scenario(path)
    assert scenario.persons["p1"].name == "홍길동 𠀀"
    assert "홍길동 𠀀" in render(analyse(scenario, rulebook), "md").decode("utf-8")
