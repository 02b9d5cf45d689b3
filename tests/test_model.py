from pathlib import Path

import numpy as np
import pytest
from scipy import sparse
from sklearn.base import clone
from sklearn.linear_model import SGDClassifier

from storysift import LABELS, BlockClassifier
from storysift.model import _proba
from storysift.training.fit import stack_pages
from storysift.training.sets import load_labeled_set, split_pages

DATA = Path(__file__).resolve().parents[1] / "data" / "pages"
SMALL = dict(max_iter=15, kind_max_iter=10, text_bags=1, n_folds=2, n_hash_features=2**14)


@pytest.fixture(scope="module")
def pages():
    return load_labeled_set(DATA).pages


def test_init_stores_params_only_and_clones():
    clf = BlockClassifier(max_iter=7)
    assert clf.get_params()["max_iter"] == 7
    assert not hasattr(clf, "stacks_")
    assert clone(clf).get_params() == clf.get_params()


def test_fit_predict_shapes_and_determinism(pages):
    train, test = split_pages(pages[::2], 0.25, seed=1)
    X, y = stack_pages(train)
    a = BlockClassifier(**SMALL).fit(X, y)
    b = BlockClassifier(**SMALL).fit(X, y)
    Xt, yt = stack_pages(test)
    pa, pb = a.predict_proba(Xt), b.predict_proba(Xt)
    assert pa.shape == (len(Xt), 4)
    assert np.allclose(pa.sum(axis=1), 1.0)
    assert np.array_equal(pa, pb)
    assert np.array_equal(a.predict_story_proba(Xt), pa[:, 0])  # the cheap path gives the same P(story)
    assert list(a.classes_) == list(LABELS)
    pred = a.predict(Xt)
    assert len(pred) == len(Xt)
    # a model trained on 75% of half the labeled pages must beat the majority class on the rest by far
    accuracy = float(np.mean(pred == np.asarray(yt, dtype=object)))
    majority = max(yt.count(label) for label in LABELS) / len(yt)
    assert accuracy > majority + 0.2


def test_threshold_is_a_dial(pages):
    X, y = stack_pages(pages[:40])
    clf = BlockClassifier(**SMALL).fit(X, y)
    lo = int(np.sum(clf.predict(X, threshold=0.1) == "story"))
    hi = int(np.sum(clf.predict(X, threshold=0.9) == "story"))
    assert lo >= hi


def test_fit_rejects_bad_labels(pages):
    X, y = stack_pages(pages[:5])
    with pytest.raises(ValueError, match="unknown labels"):
        BlockClassifier(**SMALL).fit(X, ["footer"] * len(X))
    with pytest.raises(ValueError, match="has"):
        BlockClassifier(**SMALL).fit(X, y[:-1])


def _first_page(blocks):
    return blocks[: next(i for i, b in enumerate(blocks) if i and b.index == 0)]


def test_html_and_text_pages_get_a_bag_of_stacks_each(pages):
    X, y = stack_pages(pages[::2])
    clf = BlockClassifier(**{**SMALL, "text_bags": 2, "html_bags": 3}).fit(X, y)
    assert set(clf.stacks_) == {"html", "text"}
    assert [len(clf.stacks_["html"]), len(clf.stacks_["text"])] == [3, 2]
    linear_story_head = clf.stacks_["html"][0][0][0]
    assert not hasattr(linear_story_head, "_average_coef")  # partial_fit state dropped: 3x smaller files
    for kind, blocks in (("text", [b for b in X if b.xpath is None]), ("html", [b for b in X if b.xpath])):
        first = _first_page(blocks)
        bagged, bagged_story = clf.predict_proba(first), clf.predict_story_proba(first)
        members = clf.stacks_[kind]
        each = []
        for member in members:
            clf.stacks_[kind] = [member]
            each.append(clf.predict_proba(first))
        clf.stacks_[kind] = members
        assert not np.allclose(each[0], each[1])  # the bag's members differ (seeds) ...
        np.testing.assert_allclose(bagged, np.mean(each, axis=0))  # ... and the bag reports their mean
        np.testing.assert_allclose(bagged_story, bagged[:, 0])


def test_predict_empty():
    clf = BlockClassifier()
    assert clf.predict_proba([]).shape == (0, 4)
    assert clf.predict_story_proba([]).shape == (0,)


def test_kind_y_moves_the_reported_kinds_not_story(pages):
    X, y = stack_pages(pages[:30])
    # relabel some nav blocks as unknown in y, and keep them nav in kind_y
    y_weak = ["other" if label == "nav" and i % 2 else label for i, label in enumerate(y)]
    plain = BlockClassifier(**SMALL).fit(X, y_weak)
    with_kinds = BlockClassifier(**SMALL).fit(X, y_weak, kind_y=y)
    Xt, _ = stack_pages(pages[30:40])
    a, b = plain.predict_proba(Xt), with_kinds.predict_proba(Xt)
    assert np.array_equal(a[:, 0], b[:, 0])  # every stage's story head learned from y alone
    assert not np.array_equal(a[:, 1:], b[:, 1:])
    with pytest.raises(ValueError, match="kind_y"):
        BlockClassifier(**SMALL).fit(X, y, kind_y=["comment" if label == "story" else label for label in y])


def test_groups_choose_the_out_of_fold_split(pages):
    subset = pages[:30]
    X, y = stack_pages(subset)
    Xt, _ = stack_pages(pages[30:40])
    per_page = [k for k, p in enumerate(subset) for _ in p.blocks]
    by_group = [p.group for p in subset for _ in p.blocks]
    default = BlockClassifier(**SMALL).fit(X, y).predict_proba(Xt)
    # one group per page is the default; pages of one content group in one fold change the stacked stages
    assert np.array_equal(BlockClassifier(**SMALL).fit(X, y, groups=per_page).predict_proba(Xt), default)
    assert len(set(by_group)) < len(subset)
    assert not np.array_equal(BlockClassifier(**SMALL).fit(X, y, groups=by_group).predict_proba(Xt), default)
    with pytest.raises(ValueError, match="groups"):
        BlockClassifier(**SMALL).fit(X, y, groups=by_group[:-1])


@pytest.mark.parametrize("n_classes", [2, 3])
def test_linear_heads_give_scikit_learns_probabilities(n_classes):
    rng = np.random.default_rng(0)
    X = sparse.random(60, 40, density=0.2, format="csr", random_state=0)
    y = rng.integers(0, n_classes, 60)
    head = SGDClassifier(loss="log_loss", max_iter=20, tol=None, random_state=0).fit(X, y)
    np.testing.assert_allclose(_proba(head, X), head.predict_proba(X), rtol=0, atol=1e-15)
    assert _proba(head, X).shape == (60, n_classes)
