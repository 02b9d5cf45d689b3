"""Shared fixtures: paths to the project's data and the shared corpora (tests that need corpora skip without them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_604a21062a273e1f.txt"
CORPORA = SHARED / "corpora"
BENCH = ROOT / "bench"


def bench_module(name: str) -> ModuleType:
    """bench/NAME.py imported as a module (the test skips outside a checkout, where bench/ is not)."""
    path = BENCH / f"{name}.py"
    if not path.is_file():
        pytest.skip("not a checkout")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session", autouse=True)
def frozen_model_cache(tmp_path_factory):
    """The suite's own cache of frozen models (`storysift.frozen_cache`), for this process and the CLI
    processes it starts: tests never write to the user's cache folder."""
    folder = tmp_path_factory.mktemp("frozen-cache")
    with pytest.MonkeyPatch.context() as patch:  # set for the session, restored after it
        patch.setenv("STORYSIFT_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def extractor():
    from storysift import Extractor

    return Extractor.load()


@pytest.fixture()
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("shared/seeds is not present")
    return SEED.read_text(encoding="utf-8")
