"""bench/head_split.py: a model's probabilities with one head made right by the gold labels."""

import numpy as np
import pytest
from conftest import bench_module

# columns: story, nav, disclaimer, comment
PROBA = np.array(
    [
        [0.7, 0.2, 0.1, 0.0],  # gold nav, called story
        [0.2, 0.6, 0.2, 0.0],  # gold disclaimer, called nav
        [0.4, 0.0, 0.0, 0.0],  # gold story, missed; the model gave the kinds nothing
    ]
)
GOLD = ["nav", "disclaimer", "story"]


@pytest.fixture(scope="module")
def head_split():
    return bench_module("head_split")


def test_story_made_right_keeps_the_models_split_of_the_kinds(head_split):
    out = head_split.story_made_right(PROBA, GOLD)
    assert out[:, 0].tolist() == [0.0, 0.0, 1.0]
    assert np.allclose(out[0, 1:], [2 / 3, 1 / 3, 0.0])
    assert np.allclose(out[1, 1:], [0.75, 0.25, 0.0])
    assert out[2, 1:].tolist() == [0.0, 0.0, 0.0]
    assert np.allclose(out.sum(axis=1), 1.0)


def test_kind_made_right_keeps_p_story_and_gives_the_rest_to_the_gold_kind(head_split):
    out = head_split.kind_made_right(PROBA, GOLD)
    assert out[:, 0].tolist() == PROBA[:, 0].tolist()
    assert np.allclose(out[0], [0.7, 0.3, 0.0, 0.0])
    assert np.allclose(out[1], [0.2, 0.0, 0.8, 0.0])
    assert out[2].tolist() == PROBA[2].tolist()  # a gold story block keeps the model's split
