"""Shared fixtures: the repository's paths, the shipped rule base, the engine-test rule base.

``LEGAL_ANALYSIS_TEST_RULES`` may name another rules folder to run the suite against.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from legal_analysis import Rulebook, load_rulebook

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "docs" / "examples"
SHARED = ROOT.parent / "shared"


def shared_or_skip() -> Path:
    """The ../shared folder beside the checkout; in CI its absence is a failure."""
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI"):
        pytest.fail("../shared is missing beside the checkout in CI")
    pytest.skip("../shared not found beside the checkout: checks against the source texts skipped")
    raise AssertionError  # pragma: no cover


@pytest.fixture(scope="session", autouse=True)
def compiled_rules_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of compiled rule bases, in a folder of this test run (not the user's)."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["LEGAL_ANALYSIS_CACHE"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(os.environ.get("LEGAL_ANALYSIS_TEST_RULES"))


@pytest.fixture(scope="session")
def engine_rules() -> Rulebook:
    return load_rulebook(FIXTURES / "rules_engine")


@pytest.fixture(scope="session", params=["shipped", "engine-test"])
def any_rulebook(request: pytest.FixtureRequest, rulebook: Rulebook, engine_rules: Rulebook) -> Rulebook:
    """Each rule base in turn: properties of the engine must hold for any rules."""
    return rulebook if request.param == "shipped" else engine_rules
