"""The predict-only form of a model (`storysift.frozen`): the estimator's probabilities bit for bit, read
without scikit-learn where the compiled core runs, and the estimator itself wherever it cannot be."""

from __future__ import annotations

import os
import subprocess
import sys

import joblib
import pytest
from test_compiled import core  # noqa: F401  (fixture)
from test_model import DATA, SMALL

from storysift import BlockClassifier, accel, features
from storysift.api import Extractor
from storysift.frozen import FrozenClassifier, SharedLinearHead, Unsupported, freeze, read_frozen
from storysift.model_io import load_predictor, save_model
from storysift.predict import linear_proba
from storysift.training.fit import stack_pages, text_only
from storysift.training.sets import load_labeled_set


@pytest.fixture(scope="module")
def fitted():
    """A small model with a kind head that also learns story (four classes, renormalised), its pages, and
    plain-text copies of them."""
    pages = load_labeled_set(DATA).pages
    X, y = stack_pages(pages[::3])
    clf = BlockClassifier(**{**SMALL, "n_stages": 3}, kind_sees_story=True).fit(X, y)
    test = [p.page for p in pages[1::7]]
    texts = [text_only(p).page for p in pages[1::7] if p.kind == "html"]
    return clf, test + texts


def test_the_frozen_form_gives_the_estimators_probabilities_bit_for_bit(core, fitted, tmp_path):  # noqa: F811
    clf, pages = fitted
    path = tmp_path / "m.joblib"
    save_model(clf, path, {"note": "test"})
    frozen, _ = load_predictor(path)
    assert isinstance(frozen, FrozenClassifier)
    assert {len(s.stages) for bag in frozen.stacks_.values() for s in bag} == {3}
    assert frozen.predict_proba(pages).tobytes() == clf.predict_proba(pages).tobytes()
    assert frozen.predict_story_proba(pages).tobytes() == clf.predict_story_proba(pages).tobytes()
    assert frozen.predict(pages, threshold=0.3).tolist() == clf.predict(pages, threshold=0.3).tolist()


def test_a_bags_linear_heads_share_one_product_and_give_their_own_probabilities(core, fitted):  # noqa: F811
    clf, pages = fitted
    frozen = freeze(clf)
    bag = frozen.stacks_["html"]
    heads = [h for s in bag for h in (s.stages[0].story, s.stages[0].kind)]
    assert all(isinstance(h, SharedLinearHead) for h in heads) and len({id(h.shared) for h in heads}) == 1
    originals = [h for s in clf.stacks_["html"] for h in (s.stages[0].story, s.stages[0].kind)]
    first, second = (features.hashed_tokens(p.blocks, clf.n_hash_features) for p in pages[:2])
    for X in (first, second, first):  # the kept product is the last input's, never another page's
        for head, original in zip(heads, originals):
            own = linear_proba(X, original.coef_, original.intercept_)
            assert head.predict_proba(X).tobytes() == own.tobytes()


def test_the_frozen_form_without_the_core_evaluates_its_trees_in_numpy(fitted, monkeypatch):
    clf, pages = fitted
    frozen = freeze(clf)
    monkeypatch.setattr(accel, "_imported", lambda name: (None, "not built: test"))
    assert frozen.predict_proba(pages[:3]).tobytes() == clf.predict_proba(pages[:3]).tobytes()


def test_without_the_core_the_estimator_is_loaded(fitted, tmp_path, monkeypatch):
    clf, _ = fitted
    path = tmp_path / "m.joblib"
    save_model(clf, path, {"note": "test"})
    monkeypatch.setattr(accel, "_imported", lambda name: (None, "not built: test"))
    assert read_frozen(path) is None
    assert isinstance(Extractor.load(path).model, BlockClassifier)


def test_files_with_untyped_stacks_and_other_objects(core, fitted, tmp_path):  # noqa: F811
    clf, pages = fitted
    old = BlockClassifier.__new__(BlockClassifier)
    old.__dict__.update(clf.__getstate__())
    old.stacks_ = {k: [[(s.story, s.kind) for s in stack.stages] for stack in bag] for k, bag in clf.stacks_.items()}
    joblib.dump(old, tmp_path / "old.joblib", compress=3)
    frozen = read_frozen(tmp_path / "old.joblib")
    assert frozen.predict_proba(pages[:3]).tobytes() == clf.predict_proba(pages[:3]).tobytes()
    joblib.dump({"not": "a model"}, tmp_path / "dict.joblib")  # uncompressed
    assert read_frozen(tmp_path / "dict.joblib") is None
    (tmp_path / "junk.joblib").write_bytes(b"\x78junk")
    assert read_frozen(tmp_path / "junk.joblib") is None
    with pytest.raises(Unsupported):
        freeze(BlockClassifier())


def test_cleaning_a_page_does_not_import_scikit_learn(core):  # noqa: F811
    code = (
        "import sys, storysift\n"
        "text = storysift.clean('<html><body><p>' + 'A story sentence of some length. ' * 9 + '</p></body></html>')\n"
        "assert 'story sentence' in text, text\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "STORYSIFT_PURE_PYTHON"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"
