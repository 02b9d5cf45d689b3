import pytest

from storysift.gold.textmatch import corpus_scores, page_scores, shingles, tokens


def test_tokens_and_shingles():
    assert tokens("Hello, World! it's 2026") == ["hello", "world", "it", "s", "2026"]
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert sum(shingles(list("abcdef")).values()) == 3


def test_page_scores_hand_computed():
    # gold 6 tokens -> 3 shingles; prediction shares the first 5 tokens -> 2 shingles, plus 1 extra shingle
    gold = "one two three four five six"
    pred = "one two three four five seven"
    p, r = page_scores(pred, gold)
    assert p == pytest.approx(2 / 3)
    assert r == pytest.approx(2 / 3)


def test_page_scores_empty_cases():
    assert page_scores("", "some gold text here") == (None, 0.0)
    assert page_scores("some text", "") == (0.0, None)
    assert page_scores("a b c d e", "a b c d e") == (1.0, 1.0)


def test_corpus_scores_means_over_defined_pages():
    res = corpus_scores([("a b c d", "a b c d"), ("", "x y z w")])
    assert res["precision"] == 1.0
    assert res["recall"] == 0.5
    assert res["f1"] == pytest.approx(2 / 3)
