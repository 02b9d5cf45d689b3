from pathlib import Path

import joblib
import numpy as np
import pytest
from scipy import sparse
from sklearn.base import clone
from sklearn.linear_model import SGDClassifier

from storysift import LABELS, Block, BlockClassifier, Page, features
from storysift.model import Stack, Stage, _proba
from storysift.training.fit import stack_pages
from storysift.training.sets import load_labeled_set, split_pages

DATA = Path(__file__).resolve().parents[1] / "data" / "pages"
SMALL = dict(max_iter=15, kind_max_iter=10, text_bags=1, n_folds=2, n_hash_features=2**14)


def n_blocks(pages):
    return sum(len(p.blocks) for p in pages)


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
    assert pa.shape == (n_blocks(Xt), 4)
    assert np.allclose(pa.sum(axis=1), 1.0)
    assert np.array_equal(pa, pb)
    assert np.array_equal(a.predict_story_proba(Xt), pa[:, 0])  # the cheap path gives the same P(story)
    assert list(a.classes_) == list(LABELS)
    pred = a.predict(Xt)
    assert len(pred) == n_blocks(Xt)
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
        BlockClassifier(**SMALL).fit(X, ["footer"] * n_blocks(X))
    with pytest.raises(ValueError, match="has"):
        BlockClassifier(**SMALL).fit(X, y[:-1])


def test_x_is_pages_not_bare_blocks():
    with pytest.raises(TypeError, match="Page"):
        BlockClassifier().predict_proba([Block("a paragraph")])


def test_html_and_text_pages_get_a_bag_of_stacks_each(pages):
    X, y = stack_pages(pages[::2])
    clf = BlockClassifier(**{**SMALL, "text_bags": 2, "html_bags": 3}).fit(X, y)
    assert set(clf.stacks_) == {"html", "text"}
    assert [len(clf.stacks_["html"]), len(clf.stacks_["text"])] == [3, 2]
    assert all(
        isinstance(s, Stack) and all(isinstance(st, Stage) for st in s.stages)
        for bag in clf.stacks_.values()
        for s in bag
    )
    linear_story_head = clf.stacks_["html"][0].stages[0].story
    assert not hasattr(linear_story_head, "_average_coef")  # partial_fit state dropped: 3x smaller files
    for kind in ("text", "html"):
        first = [next(p for p in X if p.kind == kind)]
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
    np.testing.assert_allclose(_proba(head, X), head.predict_proba(X), rtol=0, atol=1e-12)
    assert _proba(head, X).shape == (60, n_classes)


def test_linear_heads_give_probabilities_where_every_logistic_underflows():
    X = sparse.csr_matrix(np.eye(3))
    y = np.array([0, 1, 2])
    head = SGDClassifier(loss="log_loss", max_iter=5, tol=None, random_state=0).fit(X, y)
    head.coef_ = np.array([[-800.0, 0, 0], [-900.0, 0, 0], [-1000.0, 0, 0]])
    head.intercept_ = np.zeros(3)
    prob = _proba(head, X)
    assert np.isfinite(prob).all() and np.allclose(prob.sum(axis=1), 1.0)
    assert prob[0].argmax() == 0  # the least unlikely class, as the scores say


def test_random_state_takes_an_int_none_or_a_random_state(pages):
    X, y = stack_pages(pages[:24])
    Xt, _ = stack_pages(pages[24:28])
    small = {**SMALL, "n_stages": 2}
    by_int = BlockClassifier(**small, random_state=3).fit(X, y).predict_proba(Xt)
    assert np.array_equal(by_int, BlockClassifier(**small, random_state=3).fit(X, y).predict_proba(Xt))
    by_state = [
        BlockClassifier(**small, random_state=np.random.RandomState(5)).fit(X, y).predict_proba(Xt) for _ in range(2)
    ]
    assert np.array_equal(*by_state)  # the same RandomState seed, the same model
    assert BlockClassifier(**small, random_state=None).fit(X, y).predict_proba(Xt).shape == by_int.shape


def test_fitted_model_has_no_n_features_in(pages):
    """Samples are blocks of pages, not rows of numbers: n_features_in_ would not be true, so it is absent."""
    X, y = stack_pages(pages[:24])
    assert not hasattr(BlockClassifier(**{**SMALL, "n_stages": 1}).fit(X, y), "n_features_in_")


def test_model_files_pickled_with_untyped_stacks_still_load(pages):
    X, y = stack_pages(pages[:24])
    Xt, _ = stack_pages(pages[24:28])
    clf = BlockClassifier(**{**SMALL, "n_stages": 2}).fit(X, y)
    state = clf.__getstate__()
    state["stacks_"] = {
        kind: [[(s.story, s.kind) for s in stack.stages] for stack in bag] for kind, bag in clf.stacks_.items()
    }
    state["n_features_in_"] = 123
    old = BlockClassifier.__new__(BlockClassifier)
    old.__setstate__(state)
    assert not hasattr(old, "n_features_in_")
    assert np.array_equal(old.predict_proba(Xt), clf.predict_proba(Xt))


def test_kind_weight_balances_the_kinds_of_the_kind_head():
    kind = np.array([0] * 8 + [1] * 2)  # 8 nav, 2 disclaimer, no comment
    assert BlockClassifier()._kind_weights(kind) is None
    balanced = BlockClassifier(kind_weight=1.0)._kind_weights(kind)
    # each present kind's rows carry the same total weight
    assert balanced[kind == 0].sum() == pytest.approx(balanced[kind == 1].sum())
    half = BlockClassifier(kind_weight=0.5)._kind_weights(kind)
    assert half[kind == 1][0] / half[kind == 0][0] == pytest.approx(2.0)
    with_story = BlockClassifier(kind_weight=0.5)._kind_weights(np.append(kind, [3, 3]))  # story rows weigh 1
    assert with_story[:10].tolist() == half.tolist() and with_story[10:].tolist() == [1.0, 1.0]


def test_kind_head_that_sees_story_learns_four_classes_and_reports_three(pages):
    X, y = stack_pages(pages[::3])
    clf = BlockClassifier(**SMALL, kind_weight=0.5, kind_sees_story=True).fit(X, y)
    last = clf.stacks_["html"][0].stages[-1]
    assert list(last.kind.classes_) == [0, 1, 2, 3]  # nav, disclaimer, comment and story
    proba = clf.predict_proba(X)
    assert np.allclose(proba.sum(axis=1), 1.0)
    # the kind columns are P(not story) times the kinds renormalised without story
    assert np.allclose(proba[:, 1:].sum(axis=1), 1.0 - proba[:, 0])
    story, known = np.array([1, 0, 0, -1]), np.array([False, True, False, False])
    rows, classes = clf._kind_rows(story, known, np.array([-1, 2, -1, -1]))
    assert rows.tolist() == [True, True, False, False] and classes.tolist() == [3, 2]


def test_undo_kind_weight_reports_the_kinds_in_the_datas_own_proportions(pages):
    from storysift.frozen import freeze
    from storysift.model import fitted_kind_factors, undo_kind_weight
    from storysift.predict import reweigh

    X, y = stack_pages(pages[::3])
    weighted = BlockClassifier(**SMALL, kind_weight=0.5, undo_kind_weight=False).fit(X, y)
    undone = BlockClassifier(**SMALL, kind_weight=0.5).fit(X, y)
    assert all(s.kind_factors is None for bag in weighted.stacks_.values() for s in bag)
    # the factors are the inverse of the kind weights (n_k ** 0.5 at kind_weight 0.5), the largest 1
    html = [label for page, label in zip(X, _page_labels(X, y)) if page.kind == "html"]
    counts = np.array([sum(labels.count(k) for labels in html) for k in ("nav", "disclaimer", "comment")])
    factors = np.array(undone.stacks_["html"][0].kind_factors)
    np.testing.assert_allclose(factors, np.sqrt(counts) / np.sqrt(counts).max())
    # the trees are the same: P(story) unchanged, the kinds reweighed and normalised within 1 - P(story)
    before, after = weighted.predict_proba(X), undone.predict_proba(X)
    np.testing.assert_array_equal(after[:, 0], before[:, 0])
    rows = [p.kind == "html" for p in X for _ in p.blocks]
    not_story = 1.0 - before[rows, :1]
    np.testing.assert_allclose(after[rows, 1:], not_story * reweigh(before[rows, 1:] / not_story, factors))
    assert np.allclose(after.sum(axis=1), 1.0)
    # a model fitted without them gets the same factors from its heads, and then the same probabilities
    assert fitted_kind_factors(weighted, weighted.stacks_["html"][0]) == pytest.approx(tuple(factors), rel=1e-9)
    assert undo_kind_weight(weighted) == sum(len(bag) for bag in weighted.stacks_.values())
    np.testing.assert_allclose(weighted.predict_proba(X), after, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(freeze(weighted).predict_proba(X), after, rtol=1e-9, atol=1e-12)
    assert BlockClassifier(kind_weight=0.0)._kind_factors(np.array([0, 0, 1, 2])) is None


def test_reweigh_multiplies_and_normalises_each_row():
    from storysift.predict import reweigh

    p = np.array([[0.5, 0.25, 0.25], [0.0, 0.0, 0.0]])
    assert reweigh(p, None) is p
    np.testing.assert_allclose(reweigh(p, (1.0, 0.5, 1.0)), [[4 / 7, 1 / 7, 2 / 7], [0.0, 0.0, 0.0]])


def _page_labels(pages, y):
    """y (one label a block, page after page) cut into one list a page."""
    out, start = [], 0
    for page in pages:
        out.append(list(y[start : start + len(page.blocks)]))
        start += len(page.blocks)
    return out


def test_kind_rows_without_story_are_the_known_kinds_only():
    story, known, kind = np.array([1, 0, 0]), np.array([False, True, True]), np.array([-1, 0, 1])
    rows, classes = BlockClassifier()._kind_rows(story, known, kind)
    assert rows.tolist() == [False, True, True] and classes.tolist() == [0, 1]


def test_html_alpha_regularizes_the_html_stacks_linear_stage_only(pages):
    X, y = stack_pages(pages[::3])
    base = BlockClassifier(**{**SMALL, "n_stages": 1}).fit(X, y)
    strong = BlockClassifier(**{**SMALL, "n_stages": 1, "html_alpha": 1e-2}).fit(X, y)
    assert strong.stacks_["html"][0].stages[0].story.alpha == 1e-2
    assert base.stacks_["html"][0].stages[0].story.alpha == base.alpha
    # the text stack is fitted exactly as without html_alpha; the html one is shrunk
    np.testing.assert_array_equal(
        strong.stacks_["text"][0].stages[0].story.coef_, base.stacks_["text"][0].stages[0].story.coef_
    )
    shrunk = np.abs(strong.stacks_["html"][0].stages[0].story.coef_).sum()
    assert shrunk < np.abs(base.stacks_["html"][0].stages[0].story.coef_).sum()


def test_page_cap_weighs_each_block_of_a_long_page_down():
    pages = [Page([Block("a")] * 2, "text"), Page([Block("b")] * 8, "text")]
    assert BlockClassifier()._page_weights(pages) is None
    weights = BlockClassifier(page_cap=4)._page_weights(pages)
    assert weights.tolist() == [1.0, 1.0] + [0.5] * 8  # the long page counts for 4 blocks in all
    # html_page_cap is the cap of HTML pages only: plain-text pages keep page_cap (here none)
    assert BlockClassifier(html_page_cap=4)._page_weights(pages) is None
    html = [Page(p.blocks, "html") for p in pages]
    assert BlockClassifier(page_cap=2, html_page_cap=4)._page_weights(html).tolist() == weights.tolist()


def test_text_weight_weighs_blocks_by_their_length_in_both_heads():
    pages = [Page([Block("ab"), Block("x" * 8)], "text"), Page([Block(""), Block("y" * 5000)], "text")]
    assert BlockClassifier()._text_weights(pages) is None
    weights = BlockClassifier(text_weight=0.5)._text_weights(pages)
    raw = np.sqrt([2.0, 8.0, 1.0, 1000.0])  # an empty block counts as 1 character, a long one as 1000
    np.testing.assert_allclose(weights, raw / raw.mean())
    assert weights.mean() == pytest.approx(1.0)
    pages, y = _cell_pages(long_repeats=0, small=12)
    params = dict(SMALL, n_stages=1, n_folds=3)
    plain = BlockClassifier(**params).fit(pages, y).stacks_["text"][0].stages[0]
    weighed = BlockClassifier(**params, text_weight=0.5).fit(pages, y).stacks_["text"][0].stages[0]
    assert not np.array_equal(plain.story.coef_, weighed.story.coef_)
    assert not np.array_equal(plain.kind.coef_, weighed.kind.coef_)


def test_page_label_weight_weighs_a_pages_few_blocks_of_a_label_up_in_the_kind_head_only():
    pages = [Page([Block("a")] * 4, "text"), Page([Block("b")] * 2, "text")]
    y = np.array(["nav", "nav", "nav", "comment", "story", "disclaimer"], dtype=object)
    assert BlockClassifier()._page_label_weights(pages, y) is None
    weights = BlockClassifier(page_label_weight=1.0)._page_label_weights(pages, y)
    raw = np.array([1 / 3, 1 / 3, 1 / 3, 1.0, 1.0, 1.0])  # each label of each page weighs 1 in all
    np.testing.assert_allclose(weights, raw / raw.mean())
    pages, y = _cell_pages(long_repeats=0, small=12)
    params = dict(SMALL, n_stages=1, n_folds=3)
    plain = BlockClassifier(**params).fit(pages, y).stacks_["text"][0].stages[0]
    spread = BlockClassifier(**params, page_label_weight=0.5).fit(pages, y).stacks_["text"][0].stages[0]
    assert np.array_equal(plain.story.coef_, spread.story.coef_)
    assert not np.array_equal(plain.kind.coef_, spread.kind.coef_)


def test_order_context_reaches_the_tree_stages_and_their_frozen_form(tmp_path):
    from storysift.frozen import freeze

    pages, y = _cell_pages(long_repeats=0, small=12)
    model = BlockClassifier(**SMALL, n_stages=2, order_context=True).fit(pages, y)
    stack = model.stacks_["text"][0]
    assert stack.order_context
    assert stack.stages[1].story.n_features_in_ == len(features.stage_names(True))
    np.testing.assert_array_equal(freeze(model).predict_proba(pages), model.predict_proba(pages))
    path = tmp_path / "m.joblib"
    joblib.dump(model, path)
    np.testing.assert_array_equal(joblib.load(path).predict_proba(pages), model.predict_proba(pages))


def _cell_pages(long_repeats: int, small: int) -> tuple[list[Page], list[str]]:
    """Short pages whose "Fixtures" cell is nav, and one long page of the same blocks repeated
    `long_repeats` times whose cells are labeled story."""
    pages, y = [], []

    def section(k: int, cell: str) -> list[tuple[str, str]]:
        return [
            ("Home | News | Sport | Weather", "nav"),
            (f"The council met on day {k} and agreed the budget for the new library after a long debate.", "story"),
            ("Fixtures results table", cell),
            ("Copyright 2026 Example News. All rights reserved.", "disclaimer"),
            (f"Great piece, thanks number {k}!", "comment"),
        ]

    def add(blocks: list[tuple[str, str]]) -> None:
        pages.append(Page([Block(text) for text, _ in blocks], "text"))
        y.extend(label for _, label in blocks)

    for k in range(small):
        add(section(k, "nav"))
    if long_repeats:
        add([block for k in range(long_repeats) for block in section(1000 + k, "story")])
    return pages, y


def test_page_cap_shrinks_the_pull_of_one_long_page():
    pages, y = _cell_pages(long_repeats=80, small=24)
    params = dict(SMALL, n_stages=2, n_folds=3)
    new, _ = _cell_pages(long_repeats=0, small=1)  # a short page the model has not seen; its cell is block 2
    plain = BlockClassifier(**params).fit(pages, y)
    cap = BlockClassifier(**params, page_cap=5).fit(pages, y)
    uncapped, capped = plain.predict_story_proba(new)[2], cap.predict_story_proba(new)[2]
    # the long page's 80 story cells pull the short page's cell towards story (0.22 when measured); capped
    # at 5 blocks, the page counts for one section and the 24 short pages that call the cell nav win (0.05)
    assert capped < 0.5 * uncapped
    # the cap weighs the story head's rows only: the kind heads learn as without it
    first, first_capped = plain.stacks_["text"][0].stages[0], cap.stacks_["text"][0].stages[0]
    np.testing.assert_array_equal(first.kind.coef_, first_capped.kind.coef_)
    assert not np.array_equal(first.story.coef_, first_capped.story.coef_)


def test_stage_inputs_are_the_hashed_tokens_then_one_stage_input_per_tree_stage():
    pages, y = _cell_pages(long_repeats=0, small=12)
    clf = BlockClassifier(**SMALL, n_stages=3)
    story, known_kind, kind = clf._targets(np.asarray(y, dtype=object))
    groups = np.concatenate([np.full(len(p.blocks), k) for k, p in enumerate(pages)])
    inputs = list(clf._stage_inputs(pages, story, known_kind, kind, groups, 0, None, None))
    n = sum(len(p.blocks) for p in pages)
    assert len(inputs) == 3
    assert sparse.issparse(inputs[0][0]) and inputs[0][0].shape == (n, SMALL["n_hash_features"])
    assert inputs[0][2] is None  # the linear stage's kind head is made as its story head is
    for X, _, make_kind in inputs[1:]:
        assert X.shape == (n, len(features.stage_names())) and make_kind is not None
    # the stage inputs read the previous stage's out-of-fold probabilities, so they differ
    context = slice(len(features.dense_names()), None)
    assert not np.array_equal(inputs[1][0][:, context], inputs[2][0][:, context])
