"""The predict-only form of a model (`storysift.frozen`): the estimator's probabilities bit for bit, read
without scikit-learn where the compiled core runs, and the estimator itself wherever it cannot be."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import joblib
import numpy as np
import pytest
from test_compiled import core  # noqa: F401  (fixture)
from test_model import DATA, SMALL

from storysift import BlockClassifier, accel, features, frozen_cache, model_io
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


def test_cleaning_a_page_does_not_import_scikit_learn_or_scipy(core, tmp_path):  # noqa: F811
    code = (
        "import sys, storysift\n"
        "text = storysift.clean('<html><body><p>' + 'A story sentence of some length. ' * 9 + '</p></body></html>')\n"
        "assert 'story sentence' in text, text\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'joblib', 'scipy'}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "STORYSIFT_PURE_PYTHON"}
    env["STORYSIFT_CACHE_DIR"] = str(tmp_path)
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)]
    runs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True))
    # the first process reads the model file (with joblib) and caches it; the next reads the cache alone,
    # and neither needs SciPy
    assert [r.stdout.strip() for r in runs] == ["['joblib']", "[]"]


def test_a_cached_frozen_model_gives_the_same_probabilities_bit_for_bit(core, fitted, tmp_path, monkeypatch):  # noqa: F811
    clf, pages = fitted
    monkeypatch.setenv("STORYSIFT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "m.joblib"
    sha256 = save_model(clf, path, {"note": "test"})["sha256"]
    first, _ = load_predictor(path)  # made from the file, then cached
    entry = frozen_cache.entry_path(sha256)
    assert entry.is_file() and entry.parent.parent == tmp_path / "cache"

    def unread(*_):
        raise AssertionError("the model file was unpickled")

    monkeypatch.setattr(model_io, "read_frozen", unread)
    second, _ = load_predictor(path)
    assert isinstance(second, FrozenClassifier) and second is not first
    assert second.predict_proba(pages).tobytes() == clf.predict_proba(pages).tobytes()
    assert second.predict_story_proba(pages).tobytes() == clf.predict_story_proba(pages).tobytes()
    heads = [h for s in second.stacks_["html"] for h in (s.stages[0].story, s.stages[0].kind)]
    assert len({id(h.shared) for h in heads}) == 1  # the bag's linear heads still share one product


def test_the_cache_round_trip_keeps_every_array_and_setting(core, fitted):  # noqa: F811
    clf, pages = fitted
    frozen = freeze(clf)
    again = frozen_cache.from_arrays(frozen_cache.to_arrays(frozen, "ab" * 32), "ab" * 32)
    assert again.classes_.tolist() == frozen.classes_.tolist() and again.n_hash_features == frozen.n_hash_features
    for kind, bag in frozen.stacks_.items():
        for stack, copy in zip(bag, again.stacks_[kind], strict=True):
            assert (copy.order_context, copy.kind_factors) == (stack.order_context, stack.kind_factors)
            for stage, copied in zip(stack.stages, copy.stages, strict=True):
                for head, twin in ((stage.story, copied.story), (stage.kind, copied.kind)):
                    assert type(twin) is type(head)
                    assert twin.classes_.tolist() == head.classes_.tolist()
                    if hasattr(head, "trees"):
                        assert twin.trees.n_features == head.trees.n_features
                        assert twin.multinomial == head.multinomial
                        for field in frozen_cache._TREE_FIELDS:
                            mine, theirs = getattr(head.trees, field), getattr(twin.trees, field)
                            assert mine.dtype == theirs.dtype and mine.tobytes() == theirs.tobytes()
    assert again.predict_proba(pages[:3]).tobytes() == frozen.predict_proba(pages[:3]).tobytes()
    with pytest.raises(ValueError):  # another model's entry is refused
        frozen_cache.from_arrays(frozen_cache.to_arrays(frozen, "ab" * 32), "cd" * 32)


def test_a_damaged_or_unwritable_cache_falls_back_to_the_model_file(core, fitted, tmp_path, monkeypatch):  # noqa: F811
    clf, pages = fitted
    path = tmp_path / "m.joblib"
    sha256 = save_model(clf, path, {"note": "test"})["sha256"]
    monkeypatch.setenv("STORYSIFT_CACHE_DIR", str(tmp_path / "cache"))
    entry = frozen_cache.entry_path(sha256)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"PK\x03\x04 not a whole npz")
    model, _ = load_predictor(path)  # read from the file; the damaged entry is replaced
    assert model.predict_proba(pages[:3]).tobytes() == clf.predict_proba(pages[:3]).tobytes()
    assert frozen_cache.read(sha256) is not None
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("STORYSIFT_CACHE_DIR", str(blocker))  # a folder that cannot be made
    model, _ = load_predictor(path)
    assert model.predict_proba(pages[:3]).tobytes() == clf.predict_proba(pages[:3]).tobytes()
    assert frozen_cache.write(model, sha256) is None
    monkeypatch.setenv("STORYSIFT_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("STORYSIFT_NO_CACHE", "1")
    assert frozen_cache.entry_path(sha256) is None
    load_predictor(path)
    assert not (tmp_path / "off").exists()


def test_an_entry_maps_its_arrays_read_only_and_a_truncated_one_is_refused(tmp_path):
    arrays = {
        "spec": np.frombuffer(b'{"a": 1}', dtype=np.uint8),
        "nodes": np.arange(5, dtype=np.int32),
        "labels": np.array(["story", "nav"]),
        "none": np.zeros((0, 3)),
        "weights": np.asfortranarray(np.arange(12.0).reshape(4, 3)),
    }
    path = tmp_path / "entry.arrays"
    with open(path, "wb") as fh:
        frozen_cache.save_arrays(fh, arrays)
    mapped = frozen_cache.map_arrays(path)
    assert list(mapped) == list(arrays)
    for name, array in arrays.items():
        copy = mapped[name]
        assert copy.dtype == array.dtype and copy.shape == array.shape and np.array_equal(copy, array)
        assert not copy.flags.writeable
    assert mapped["weights"].flags.f_contiguous
    path.write_bytes(path.read_bytes()[:-8])  # the last array cut short
    with pytest.raises((TypeError, ValueError)):
        frozen_cache.map_arrays(path)
    with pytest.raises(ValueError):
        frozen_cache.save_arrays(io.BytesIO(), {"objects": np.array([object()])})
