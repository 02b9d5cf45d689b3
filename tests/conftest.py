"""Shared fixtures: paths to the project's data and the shared corpora (tests that need corpora skip without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_604a21062a273e1f.txt"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def extractor():
    from storysift import Extractor

    return Extractor.load()


@pytest.fixture()
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("shared/seeds is not present")
    return SEED.read_text(encoding="utf-8")
