"""bench/text_method.py: a label's text F1 with shingles across block boundaries and without."""

import numpy as np
import pytest
from conftest import bench_module

from storysift.evaluation.report import PageResult

# columns: story, nav, disclaimer, comment
DISCLAIMER, NAV, STORY = [0.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]


def page(texts, proba, gold):
    gold_text = {label: "\n".join(t for t, g in zip(texts, gold) if g == label) for label in set(gold)}
    return PageResult("src", "p", texts, np.array(proba), gold, gold_text)


@pytest.fixture(scope="module")
def text_method():
    return bench_module("text_method")


def test_a_short_block_found_alone_matches_only_when_shingled_on_its_own(text_method):
    # both blocks are disclaimers; the model finds the first (2 tokens) and calls the second nav
    texts = ["© 2024 Foo", "Privacy Policy", "The river rose above the road on Monday"]
    result = page(texts, [DISCLAIMER, NAV, STORY], ["disclaimer", "disclaimer", "story"])
    joined = text_method.rows([result], 0.5)["joined (storysift evaluate)"]
    assert joined["disclaimer"] == 0.0  # ('2024', 'foo') is no shingle of "2024 foo privacy policy"
    # per block: precision 1 (its one shingle is gold's), recall 1/2 (gold has two): F1 2/3
    assert text_method.per_block_f1([result], "disclaimer", 0.5) == pytest.approx(2 / 3, abs=1e-4)
    assert joined["story"] == text_method.per_block_f1([result], "story", 0.5) == 1.0


def test_right_labels_score_one_either_way_and_a_label_nowhere_is_none(text_method):
    texts = ["Home", "News", "The council opened the new library on Saturday morning", "© 2024 Foo"]
    result = page(texts, [NAV, NAV, STORY, DISCLAIMER], ["nav", "nav", "story", "disclaimer"])
    rows = text_method.rows([result], 0.5)
    for name in rows:
        assert [rows[name][label] for label in ("story", "nav", "disclaimer")] == [1.0, 1.0, 1.0]
    assert text_method.per_block_f1([result], "comment", 0.5) is None
    assert text_method.block_shingles(["a b", "c d e f g"]) == {
        ("a", "b"): 1,
        ("c", "d", "e", "f"): 1,
        ("d", "e", "f", "g"): 1,
    }
