import json

import pytest
from test_model import DATA, SMALL

from storysift import BlockClassifier, ModelError
from storysift.model_io import load_model, load_predictor, metadata_path, save_model
from storysift.training.fit import stack_pages
from storysift.training.sets import load_labeled_set


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    X, y = stack_pages(load_labeled_set(DATA).pages[:30])
    clf = BlockClassifier(**SMALL).fit(X, y)
    path = tmp_path_factory.mktemp("m") / "m.joblib"
    save_model(clf, path, {"note": "test"})
    return path


def test_round_trip(saved):
    model, meta = load_model(saved)
    assert isinstance(model, BlockClassifier)
    assert meta["note"] == "test" and len(meta["sha256"]) == 64


def test_truncated_file_is_a_clear_error(saved, tmp_path):
    bad = tmp_path / "m.joblib"
    bad.write_bytes(saved.read_bytes()[:1000])
    metadata_path(bad).write_text(metadata_path(saved).read_text())
    with pytest.raises(ModelError, match="checksum"):
        load_model(bad)


def test_version_mismatch_is_a_clear_error(saved, tmp_path):
    meta = json.loads(metadata_path(saved).read_text())
    for key, value, message in (
        ("feature_version", -1, "feature version"),
        ("sklearn_version", "0.1.0", "scikit-learn"),
    ):
        path = tmp_path / f"{key}.joblib"
        path.write_bytes(saved.read_bytes())
        metadata_path(path).write_text(json.dumps({**meta, key: value}))
        with pytest.raises(ModelError, match=message):
            load_model(path)
        with pytest.raises(ModelError, match=message):
            load_predictor(path)


def test_missing_files(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "none.joblib")
    with pytest.raises(ModelError, match="not found"):
        load_predictor(tmp_path / "none.joblib")
    (tmp_path / "x.joblib").write_bytes(b"junk")
    with pytest.raises(ModelError, match="no metadata"):
        load_model(tmp_path / "x.joblib")


def test_an_extractor_from_a_file_pickles_as_its_path(saved, tmp_path):
    import pickle

    from storysift.api import Extractor, _loaded_extractor

    path = tmp_path / "copy.joblib"
    path.write_bytes(saved.read_bytes())
    metadata_path(path).write_text(metadata_path(saved).read_text())
    extractor = Extractor.load(path, threshold=0.3)
    data = pickle.dumps(extractor)
    assert len(data) < 2_000  # the path, checksum and options; not the model
    _loaded_extractor.cache_clear()
    copy = pickle.loads(data)
    page = "<body><h1>Title</h1><p>A paragraph of the story, long enough to be one.</p></body>"
    assert copy.options == extractor.options and copy.source == path
    assert [b.proba for b in copy.label(page)] == [b.proba for b in extractor.label(page)]
    # an extractor around an in-memory model has no file to point at: it pickles whole
    assert len(pickle.dumps(Extractor(extractor.model))) > 100 * len(data)
    # a file replaced after pickling is refused instead of silently giving another model
    other = BlockClassifier(**{**load_model(path)[0].get_params(), "max_iter": 3})
    save_model(other.fit(*stack_pages(load_labeled_set(DATA).pages[:30])), path, {"note": "other"})
    _loaded_extractor.cache_clear()
    with pytest.raises(ModelError, match="changed after"):
        pickle.loads(data)
