"""The block classifier: a scikit-learn estimator whose samples are blocks.

`X` is a sequence of `Block`s from one or more pages; each page's blocks are contiguous and in document
order, and a block with `index == 0` starts a new page. `y` holds one label per block: one of `LABELS`,
`"other"` for a block known not to be story whose kind is unknown (public corpora only mark the main
text), or `"?"` for a block whose label is unknown (it gives context but is not learned from). The model has two heads that share features: P(story) and P(kind | not story) over nav,
disclaimer and comment; the four probabilities are P(story) and (1 - P(story)) * P(kind | not story).

Three stages are stacked. Stage 1 is a linear model over hashed words, class/id tokens and tag paths.
Stages 2 and 3 are gradient-boosted trees over dense features plus the previous stage's probabilities
of the block, its neighbours, its containers and the blocks of its template (`features.template_ids`: the
items of a comment thread share one), fitted on out-of-fold predictions so that a stage
never learns from predictions made on its own training pages.

HTML pages and plain-text pages get a stack each. One fit of a stack varies with the random seed, so
each kind is a bag of stacks fitted with consecutive seeds whose probabilities are averaged: `html_bags`
for HTML, `text_bags` for plain text, which has no markup, learns from words and layout alone, from fewer
pages, and varies the most.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Sequence

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold
from threadpoolctl import ThreadpoolController

from .blocks import KINDS, LABELS, OTHER, UNKNOWN, Block
from .features import (block_tokens, container_ids, context_features, dense_width, page_features, region_features,
                       template_ids)


def label_indices(proba: np.ndarray, threshold: float) -> np.ndarray:
    """Index into LABELS per row: story (0) where P(story) >= threshold, else the likeliest other label."""
    if len(proba) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.where(proba[:, 0] >= threshold, 0, 1 + np.argmax(proba[:, 1:], axis=1))


@functools.lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    """The process's thread pools, found once (finding them costs milliseconds)."""
    return ThreadpoolController()


def page_slices(blocks: Sequence[Block]) -> list[slice]:
    """Slices of X that hold one page each (a block with index 0 starts a page)."""
    starts = [i for i, b in enumerate(blocks) if b.index == 0 or i == 0]
    ends = starts[1:] + [len(blocks)]
    return [slice(s, e) for s, e in zip(starts, ends)]


def _rows_by_kind(blocks: Sequence[Block]) -> dict[str, np.ndarray]:
    """Row indices of the HTML pages' blocks and of the plain-text pages' blocks (no xpath)."""
    rows: dict[str, list[int]] = {"html": [], "text": []}
    for sl in page_slices(blocks):
        rows["text" if blocks[sl.start].xpath is None else "html"].extend(range(sl.start, sl.stop))
    return {kind: np.asarray(r, dtype=np.int64) for kind, r in rows.items() if r}


def _page_groups(blocks: Sequence[Block]) -> np.ndarray:
    groups = np.empty(len(blocks), dtype=np.int64)
    for k, sl in enumerate(page_slices(blocks)):
        groups[sl] = k
    return groups


def _group_codes(groups: Sequence) -> np.ndarray:
    """Integer codes of per-block group names (equal names, equal codes)."""
    codes: dict = {}
    return np.fromiter((codes.setdefault(g, len(codes)) for g in groups), dtype=np.int64, count=len(groups))


def drop_averaging_state(head: SGDClassifier) -> None:
    """Remove what averaged SGD keeps only to continue with partial_fit (two more copies of coef_):
    prediction reads coef_ and intercept_ alone, and the copies would triple the model's size."""
    for name in ("_standard_coef", "_standard_intercept", "_average_coef", "_average_intercept"):
        if hasattr(head, name):
            delattr(head, name)


def _proba(head, X) -> np.ndarray:
    """head.predict_proba(X); for the linear heads (log-loss SGD) computed from coef_ and intercept_ as
    scikit-learn does (logistic of each class's score, rows normalised when there are more than two
    classes), without its per-call input checks, which cost a page several times the product itself."""
    if not (hasattr(head, "coef_") and head.loss == "log_loss"):
        return head.predict_proba(X)
    prob = expit(np.asarray(X @ head.coef_.T) + head.intercept_)
    if prob.shape[1] == 1:
        return np.hstack([1.0 - prob, prob])
    return prob / prob.sum(axis=1, keepdims=True)


class BlockClassifier(ClassifierMixin, BaseEstimator):
    """Four-class block classifier (story, nav, disclaimer, comment) with calibrated-ish probabilities.

    Parameters are plain values; nothing happens in `__init__`, so clone and set_params work.
    """

    def __init__(self, n_hash_features: int = 2**18, max_iter: int = 200, learning_rate: float = 0.1,
                 max_leaf_nodes: int = 31, n_stages: int = 3, n_folds: int = 3, kind_max_iter: int = 50,
                 text_bags: int = 3, html_bags: int = 1, alpha: float = 2e-6, random_state: int = 0) -> None:
        self.n_hash_features = n_hash_features
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.n_stages = n_stages
        self.n_folds = n_folds
        self.kind_max_iter = kind_max_iter
        self.text_bags = text_bags
        self.html_bags = html_bags
        self.alpha = alpha
        self.random_state = random_state

    # ----- pieces -----
    def _hasher(self) -> FeatureHasher:
        return FeatureHasher(n_features=self.n_hash_features, input_type="string", alternate_sign=False)

    def _linear(self, seed: int) -> SGDClassifier:
        # averaged SGD: the mean of the iterates, much steadier from seed to seed than the last one
        return SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=15, tol=None, average=True, random_state=seed)

    def _trees(self, seed: int, max_iter: int | None = None) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=max_iter or self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=1.0, early_stopping=False, random_state=seed)

    def _kind_trees(self, seed: int) -> HistGradientBoostingClassifier:
        return self._trees(seed, self.kind_max_iter)

    @staticmethod
    def _structure(blocks: Sequence[Block], slices: list[slice]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each page's container ids and template ids, computed once for the dense features and every stage."""
        return [(container_ids(blocks[sl]), template_ids(blocks[sl])) for sl in slices]

    @staticmethod
    def _dense(blocks: Sequence[Block], slices: list[slice], structure: list[tuple[np.ndarray, np.ndarray]]
               ) -> np.ndarray:
        return np.vstack([page_features(blocks[sl], c, t) for sl, (c, t) in zip(slices, structure)])

    def _hashed(self, blocks: Sequence[Block]) -> sparse.csr_matrix:
        H = self._hasher().transform(block_tokens(blocks))
        H.data = np.minimum(H.data, 3.0)
        return H

    @staticmethod
    def _context(blocks: Sequence[Block], slices: list[slice], structure: list[tuple[np.ndarray, np.ndarray]],
                 probs: np.ndarray) -> np.ndarray:
        parts = []
        for sl, (c, t) in zip(slices, structure):
            chars = np.fromiter((len(b.text) for b in blocks[sl]), dtype=np.float64)
            parts.append(np.hstack([context_features(probs[sl], c, chars, t), region_features(probs[sl, 0], c, chars)]))
        return np.vstack(parts).astype(np.float32)

    @staticmethod
    def _targets(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        story = (y == "story").astype(np.int64)
        story[y == UNKNOWN] = -1
        known_kind = np.isin(y, KINDS)
        kind = np.full(len(y), -1, dtype=np.int64)
        for k, name in enumerate(KINDS):
            kind[y == name] = k
        return story, known_kind, kind

    def _fit_heads(self, make, X, story, known_kind, kind, make_kind=None):
        known = story >= 0
        heads = make().fit(X[known], story[known]), (make_kind or make)().fit(X[known_kind], kind[known_kind])
        for head in heads:
            if hasattr(head, "coef_"):
                # X @ coef_.T copies a C-ordered (classes, 2^18) coef_ on every call; Fortran order avoids it
                head.coef_ = np.asfortranarray(head.coef_)
                drop_averaging_state(head)
        return heads

    @staticmethod
    def _head_proba(heads, X, story_only: bool = False) -> np.ndarray:
        """P(story) and P(kind | not story) per row; the kind columns stay 0 when story_only."""
        head_story, head_kind = heads
        p_story = _proba(head_story, X)[:, list(head_story.classes_).index(1)]
        p_kind = np.zeros((X.shape[0], len(KINDS)))
        if not story_only:
            p_kind[:, head_kind.classes_] = _proba(head_kind, X)
        return np.column_stack([p_story, p_kind])

    def _oof(self, make, X, story, known_kind, kind, groups, make_kind=None) -> np.ndarray:
        out = np.zeros((X.shape[0], 1 + len(KINDS)))
        folds = GroupKFold(n_splits=self.n_folds)
        for train, test in folds.split(np.zeros(X.shape[0]), story, groups):
            heads = self._fit_heads(make, X[train], story[train], known_kind[train], kind[train], make_kind)
            out[test] = self._head_proba(heads, X[test])
        return out

    # ----- estimator API -----
    def fit(self, X: Sequence[Block], y: Sequence[str], kind_y: Sequence[str] | None = None,
            groups: Sequence | None = None) -> "BlockClassifier":
        """Fit on blocks X (pages contiguous) and labels y (LABELS, "other" or "?").

        groups (one name per block; default one group per page) keep pages that share text (variants
        of one article, augmented copies, one site's pages) in one fold when the stacked stages'
        inputs are predicted out of fold; otherwise the first stage has seen the very text it
        predicts, and the later stages learn to trust it more than they should on unseen pages.

        kind_y (default y) are the labels of the kind head whose output `predict_proba` reports; it may
        give a kind where y has "other" or "?". Weak kind labels go there: they shape the kinds a user
        sees without moving any story probability, which all stages learn from y alone.

        HTML pages and plain-text pages (blocks without xpath) get a bag of stacks each (`html_bags`,
        `text_bags`), since plain text has none of the markup features; a kind with too few pages is
        served by the other kind's bag. `stacks_` maps each kind to its list of fitted stacks.
        """
        y = np.asarray(y, dtype=object)
        if len(y) != len(X):
            raise ValueError(f"X has {len(X)} blocks but y has {len(y)} labels")
        bad = set(y) - set(LABELS) - {OTHER, UNKNOWN}
        if bad:
            raise ValueError(f"unknown labels in y: {sorted(bad)}")
        if not set(KINDS) <= set(y):
            raise ValueError("training data must hold examples of every non-story label: " + ", ".join(KINDS))
        kind_y = y if kind_y is None else np.asarray(kind_y, dtype=object)
        if len(kind_y) != len(y):
            raise ValueError(f"y has {len(y)} labels but kind_y has {len(kind_y)}")
        if groups is not None and len(groups) != len(y):
            raise ValueError(f"y has {len(y)} labels but groups has {len(groups)} entries")
        group_codes = _page_groups(X) if groups is None else _group_codes(groups)
        differ = kind_y != y
        if not (np.isin(y[differ], [OTHER, UNKNOWN]).all() and np.isin(kind_y[differ], KINDS).all()):
            raise ValueError("kind_y must equal y except where y is 'other' or '?', and give a kind there")
        self.stacks_ = {}
        for kind, rows in _rows_by_kind(X).items():
            Xk = [X[i] for i in rows]
            yk = y[rows]
            pages = len(page_slices(Xk))
            if pages < 3 * self.n_folds or not set(KINDS) <= set(yk):
                continue
            bags = max(1, self.text_bags if kind == "text" else self.html_bags)
            self.stacks_[kind] = [self._fit_stack(Xk, yk, kind_y[rows], group_codes[rows], self.random_state + k)
                                  for k in range(bags)]
        if not self.stacks_:
            raise ValueError(f"too few pages to fit (at least {3 * self.n_folds} of one kind are needed)")
        self.classes_ = np.array(LABELS, dtype=object)
        self.n_features_in_ = dense_width()
        return self

    def _fit_stack(self, X: Sequence[Block], y: np.ndarray, kind_y: np.ndarray, groups: np.ndarray,
                   seed: int) -> list:
        slices = page_slices(X)
        story, known_kind, kind = self._targets(y)
        _, known_final, kind_final = self._targets(kind_y)
        structure = self._structure(X, slices)
        dense = self._dense(X, slices, structure)
        hashed = self._hashed(X)
        stages = []

        # the last stage's kind head is the one predict_proba reports: it alone learns from kind_y
        def kinds(stage):
            return (known_final, kind_final) if stage == self.n_stages - 1 else (known_kind, kind)

        linear = functools.partial(self._linear, seed)
        trees = functools.partial(self._trees, seed)
        kind_trees = functools.partial(self._kind_trees, seed)
        oof = self._oof(linear, hashed, story, known_kind, kind, groups)
        stages.append(self._fit_heads(linear, hashed, story, *kinds(0)))
        for stage in range(1, self.n_stages):
            features = np.hstack([dense, self._context(X, slices, structure, oof)])
            if stage < self.n_stages - 1:
                oof = self._oof(trees, features, story, known_kind, kind, groups, kind_trees)
            stages.append(self._fit_heads(trees, features, story, *kinds(stage), kind_trees))
        return stages

    def predict_proba(self, X: Sequence[Block]) -> np.ndarray:
        """Probabilities of LABELS (columns in `classes_` order) for each block."""
        return self._predict(X, story_only=False)

    def predict_story_proba(self, X: Sequence[Block]) -> np.ndarray:
        """P(story) of each block: column 0 of predict_proba, without the cost of the last kind head."""
        return self._predict(X, story_only=True)[:, 0]

    def _predict(self, X: Sequence[Block], story_only: bool) -> np.ndarray:
        out = np.zeros((len(X), len(LABELS)))
        if len(X) == 0:
            return out
        # An ordinary page is too small for OpenMP threads to pay off: starting them costs more than the
        # trees. Scale out with processes instead; only very large inputs use threads.
        limit = contextlib.nullcontext() if len(X) > 20_000 else _threadpools().limit(limits=1, user_api="openmp")
        with limit:
            for kind, rows in _rows_by_kind(X).items():
                bags = self.stacks_.get(kind) or next(iter(self.stacks_.values()))
                blocks = [X[i] for i in rows]
                shared = self._stack_inputs(blocks, multistage=len(bags[0]) > 1)
                out[rows] = np.mean([self._predict_stack(stages, blocks, shared, story_only) for stages in bags], axis=0)
        return out

    def _stack_inputs(self, X: Sequence[Block], multistage: bool) -> tuple:
        """What every stack of a bag reads: page slices, hashed tokens, page structure and dense features."""
        slices = page_slices(X)
        if not multistage:
            return slices, self._hashed(X), None, None
        structure = self._structure(X, slices)
        return slices, self._hashed(X), structure, self._dense(X, slices, structure)

    def _predict_stack(self, stages: list, X: Sequence[Block], shared: tuple, story_only: bool) -> np.ndarray:
        slices, hashed, structure, dense = shared
        probs = self._head_proba(stages[0], hashed, story_only and len(stages) == 1)
        if len(stages) > 1:
            for k, heads in enumerate(stages[1:], start=2):
                features = np.hstack([dense, self._context(X, slices, structure, probs)])
                probs = self._head_proba(heads, features, story_only and k == len(stages))
        p_story = probs[:, :1]
        return np.hstack([p_story, (1.0 - p_story) * probs[:, 1:]])

    def predict(self, X: Sequence[Block], threshold: float = 0.5) -> np.ndarray:
        """Labels: story where P(story) >= threshold, else the most likely other label."""
        return self.classes_[label_indices(self.predict_proba(X), threshold)]
