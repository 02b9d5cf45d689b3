"""bench/kind_head.py: its settings parser and its scores."""

import numpy as np
import pytest
from conftest import bench_module


@pytest.fixture(scope="module")
def kind_head():
    return bench_module("kind_head")


def test_settings_are_read_as_numbers(kind_head):
    assert kind_head.parse_config("") == {}
    assert kind_head.parse_config("max_iter=50,learning_rate=0.1") == {"max_iter": 50, "learning_rate": 0.1}
    assert kind_head.parse_config("l2_regularization=1e-3") == {"l2_regularization": 0.001}


def test_scores_per_kind_and_their_mean(kind_head):
    kind = np.array([0, 0, 1, 2])
    proba = np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]])
    result = kind_head.scores(kind, proba)
    assert result["f1"] == [round(2 / 3, 4), round(2 / 3, 4), 1.0]  # one nav block called disclaimer
    assert result["macro"] == round((2 / 3 + 2 / 3 + 1.0) / 3, 4)
    assert 0 < result["log_loss"] < 1


def test_kind_factors_to_a_power(kind_head):
    assert kind_head.powered((1.0, 0.25, 0.5), 1.0) == (1.0, 0.25, 0.5)
    assert kind_head.powered((1.0, 0.25, 0.5), 0.5) == (1.0, 0.5, 0.5**0.5)
    assert kind_head.powered((1.0, 0.25, 0.5), 0.0) == (1.0, 1.0, 1.0)
    assert kind_head.powered(None, 0.5) is None
