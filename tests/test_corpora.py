"""Reading the shared corpora (skipped when ../shared/corpora is absent)."""

import pytest
from conftest import CORPORA

from storysift.gold.corpora import is_corpus, labeled_blocks, read_corpus

pytestmark = pytest.mark.skipif(not (CORPORA / "cleanportaleval").is_dir(), reason="shared corpora not present")


def test_read_corpus_and_align():
    path = CORPORA / "cleanportaleval"
    assert is_corpus(path)
    pages = list(read_corpus(path))
    assert len(pages) == 71
    aligned = [labeled_blocks(p) for p in pages[:10]]
    kept = [a for a in aligned if a is not None]
    assert len(kept) >= 8
    for blocks, labels in kept:
        assert len(blocks) == len(labels) and "story" in labels


def test_pages_with_broken_gold_are_skipped():
    ids = {p.page_id for p in read_corpus(CORPORA / "dragnet")}
    assert "R427" not in ids and "R237" not in ids
