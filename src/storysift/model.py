"""The block classifier: a scikit-learn estimator whose samples are the blocks of pages.

`X` is a sequence of `Page`s (each a page's blocks in document order and its kind, html or text); the
samples are their blocks, page after page. `y` holds one label per block, in that order: one of `LABELS`,
`"other"` for a block known not to be story whose kind is unknown (public corpora only mark the main
text), or `"?"` for a block whose label is unknown (it gives context but is not learned from).
`predict_proba` gives one row per block, columns in `classes_` order: `LABELS`, story first. The model
has two heads that share features: P(story) and P(kind | not story) over nav, disclaimer and comment;
the four probabilities are P(story) and (1 - P(story)) * P(kind | not story). With `kind_sees_story` the kind
head also learns from the story blocks, as a fourth class, and its kinds are renormalised without it: a
non-story block that looks like story is then told apart from story by the kind head too, rather than
being given the kind whose blocks look most like story (comment) for want of story examples. Off by
default: trained on the shipped data with it on (2026-12-04), the false comments of listing pages went, but
so did most comment sections that read like story (held-out comment text F1 0.719 -> 0.696, macro 0.796 ->
0.788), and the kind heads grow from 3 to 4 trees an iteration (about 250 -> 300 trees a stack).

Three stages are stacked. Stage 1 is a linear model over hashed words, class/id tokens and tag paths.
Stages 2 and 3 are gradient-boosted trees over dense features plus the previous stage's probabilities
of the block, its neighbours, its containers and the blocks of its template (`features.template_ids`: the
items of a comment thread share one), fitted on out-of-fold predictions so that a stage
never learns from predictions made on its own training pages. The model asks `features` for what each
stage reads (`features.view`, `features.stage_input`); it assembles no feature itself. Predicting with the
fitted stacks is `predict`'s code, which the predict-only form of a model file (`frozen`) shares.

HTML pages and plain-text pages get a stack each. One fit of a stack varies with the random seed, so
each kind is a bag of stacks fitted with consecutive seeds whose probabilities are averaged: `html_bags`
for HTML, `text_bags` for plain text, which has no markup, learns from words and layout alone, from fewer
pages, and varies the most.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold
from sklearn.utils import check_random_state
from threadpoolctl import ThreadpoolController

from . import accel, features
from .blocks import KINDS, LABELS, OTHER, PAGE_KINDS, UNKNOWN, Page
from .errors import TrainingDataError
from .flat_trees import FlatTrees
from .flat_trees import predict_proba as flat_predict_proba
from .predict import Stack, Stage, as_pages, label_indices, linear_proba, page_rows, predict_pages, stage_proba

log = logging.getLogger(__name__)

TEXT_WEIGHT_CAP = 1000.0  # characters past which a longer block weighs no more (`text_weight`)


@functools.lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    """The process's thread pools, found once (finding them costs milliseconds)."""
    return ThreadpoolController()


def _group_codes(groups: Sequence) -> np.ndarray:
    """Integer codes of per-block group names (equal names, equal codes)."""
    return features.distinct_codes(groups, len(groups))[0]


def _product(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """The elementwise product of two optional weight arrays (None: all 1)."""
    if a is None:
        return b
    return a if b is None else a * b


def drop_averaging_state(head: SGDClassifier) -> None:
    """Remove what averaged SGD keeps only to continue with partial_fit (two more copies of coef_):
    prediction reads coef_ and intercept_ alone, and the copies would triple the model's size."""
    for name in ("_standard_coef", "_standard_intercept", "_average_coef", "_average_intercept"):
        if hasattr(head, name):
            delattr(head, name)


def _proba(head, X, trees: FlatTrees | None = None) -> np.ndarray:
    """head.predict_proba(X). Trees given in flat form (`FlatTrees` of this head) are evaluated by the
    compiled core when it runs, with bit-identical results. The linear heads (log-loss SGD) are computed from
    coef_ and intercept_ (`predict.linear_proba`), without scikit-learn's per-call input checks, which cost a
    page several times the product itself."""
    if trees is not None and (core := accel.speedups()) is not None:
        return flat_predict_proba(head, trees, X, core)
    if not (hasattr(head, "coef_") and head.loss == "log_loss"):
        return head.predict_proba(X)
    return linear_proba(X, head.coef_, head.intercept_)


class BlockClassifier(ClassifierMixin, BaseEstimator):
    """Four-class block classifier (story, nav, disclaimer, comment) with calibrated-ish probabilities.

    Parameters are plain values; nothing happens in `__init__`, so clone and set_params work.
    `random_state` (int, None or a RandomState) seeds the first stack of each bag; the others take the
    following seeds. `kind_weight` weights the kind head's rows by kind (see `_kind_weights`) and
    `kind_sees_story` gives it the story blocks as a fourth class (see the module's docstring). `page_cap`,
    when given, is the most blocks a page counts for in the story head: each block of a page of n >
    page_cap blocks weighs page_cap / n there, so that a few pages of thousands of table cells do not teach
    the model alone what a table cell is (the kind head keeps its weights by kind: capped in both heads,
    long pages' many nav rows weighed less and disclaimer was over-predicted); `html_page_cap`, when
    given, replaces it for the HTML stacks (as `html_alpha` does `alpha`). `text_weight` weighs each block
    by its length in both heads (see `_text_weights`; 0: every block alike; tried at 0.5 on the shipped
    data, 2026-12-05: held-out macro text F1 0.784 -> 0.775 against the same fit without it, comment
    0.692 -> 0.668, plain-text story 0.836: off by default). `order_context` gives the tree stages each
    label's share of the page's mass before and after the block (`features.order_features`; tried on the
    shipped data with round 19, 2026-12-05: held-out macro text F1 0.787 -> 0.797 [-0.008, +0.031] against
    the same fit without it, comment 0.709 -> 0.742, but cleanportaleval story F1 0.845 -> 0.831 and the
    seed's plain-text "See also" pointer over the threshold in both fits; on 60 held-out pages added later
    the fit with it scored 0.036 under the one without: off by default). `undo_kind_weight` makes the
    reported P(kind | not story) undo `kind_weight` (each kind divided by its weight, normalised again:
    `Stack.kind_factors`), so the kinds follow the training data's own proportions while the trees still
    learnt from the weighted rows (2026-12-06: held-out macro text F1 0.769 -> 0.795 on 141 pages).
    `page_label_weight` weighs each block in the kind heads by how many blocks of its page share its label
    (see `_page_label_weights`; 0: every block alike; tried at 0.5 on rounds 1-28, 2026-12-07, against the
    shipped fit of the same data: held-out macro text F1 0.799 -> 0.778 [-0.035, -0.009] on 284 pages,
    comment 0.711 -> 0.673, disclaimer 0.764 -> 0.732: a page's few feedback widgets learnt louder made
    comment sections and disclaimers elsewhere worse; off by default). `alpha`
    regularizes the first (linear) stage; `html_alpha`, when given, replaces it for the HTML stacks, whose
    far richer hashed features overfit sooner. Fitted attributes: `classes_` (LABELS, the column order of
    predict_proba) and `stacks_` (page kind -> list of `Stack`, the bag of that kind).
    """

    def __init__(
        self,
        n_hash_features: int = 2**18,
        max_iter: int = 200,
        learning_rate: float = 0.1,
        max_leaf_nodes: int = 31,
        n_stages: int = 3,
        n_folds: int = 3,
        kind_max_iter: int = 50,
        text_bags: int = 3,
        html_bags: int = 1,
        alpha: float = 2e-6,
        html_alpha: float | None = None,
        kind_weight: float = 0.0,
        kind_sees_story: bool = False,
        page_cap: int | None = None,
        html_page_cap: int | None = None,
        text_weight: float = 0.0,
        order_context: bool = False,
        undo_kind_weight: bool = True,
        page_label_weight: float = 0.0,
        random_state=0,
    ) -> None:
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
        self.html_alpha = html_alpha
        self.kind_weight = kind_weight
        self.kind_sees_story = kind_sees_story
        self.page_cap = page_cap
        self.html_page_cap = html_page_cap
        self.text_weight = text_weight
        self.order_context = order_context
        self.undo_kind_weight = undo_kind_weight
        self.page_label_weight = page_label_weight
        self.random_state = random_state

    def __getstate__(self) -> dict:
        """The fitted state, without the flat copies of the trees (rebuilt on the first prediction)."""
        state = super().__getstate__()
        state.pop("_flat_trees", None)
        return state

    def _flat(self, head) -> FlatTrees | None:
        """The flat form of a tree head, made once per head (None for other heads, or when the compiled
        core does not run)."""
        if not isinstance(head, HistGradientBoostingClassifier) or accel.speedups() is None:
            return None
        # weak keys: the heads of out-of-fold stages, fitted and dropped during fit, are not kept alive
        cache = self.__dict__.setdefault("_flat_trees", weakref.WeakKeyDictionary())
        if head not in cache:
            try:
                cache[head] = FlatTrees.from_estimator(head)
            except (AttributeError, KeyError, ValueError) as exc:  # a scikit-learn whose internals moved
                log.warning("trees evaluated by scikit-learn: their flat form could not be made (%s)", exc)
                cache[head] = None
        return cache[head]

    def __setstate__(self, state: dict) -> None:
        """Read model files pickled before stacks were typed (nested lists of head pairs)."""
        super().__setstate__(state)
        state.pop("n_features_in_", None)
        self.__dict__.setdefault("kind_weight", 0.0)  # files fitted before the parameters existed
        self.__dict__.setdefault("kind_sees_story", False)
        self.__dict__.setdefault("html_alpha", None)
        self.__dict__.setdefault("page_cap", None)
        self.__dict__.setdefault("html_page_cap", None)
        self.__dict__.setdefault("text_weight", 0.0)
        self.__dict__.setdefault("page_label_weight", 0.0)
        self.__dict__.setdefault("order_context", False)
        self.__dict__.setdefault("undo_kind_weight", False)  # files fitted before it: kinds as the heads give them
        self.__dict__.pop("n_features_in_", None)
        for kind, bag in getattr(self, "stacks_", {}).items():
            self.stacks_[kind] = [s if isinstance(s, Stack) else Stack([Stage(*heads) for heads in s]) for s in bag]

    # ----- pieces -----
    def _linear(self, seed: int, alpha: float) -> SGDClassifier:
        # averaged SGD: the mean of the iterates, much steadier from seed to seed than the last one
        return SGDClassifier(loss="log_loss", alpha=alpha, max_iter=15, tol=None, average=True, random_state=seed)

    def _alpha_of(self, kind: str) -> float:
        """The linear stage's regularization for pages of a kind: `html_alpha` for HTML when given."""
        return self.html_alpha if kind == "html" and self.html_alpha is not None else self.alpha

    def _trees(self, seed: int, max_iter: int | None = None) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=max_iter or self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=seed,
        )

    def _kind_trees(self, seed: int) -> HistGradientBoostingClassifier:
        return self._trees(seed, self.kind_max_iter)

    def _first_seed(self) -> int:
        """The seed of a bag's first stack (the others take the following ones)."""
        if self.random_state is None or isinstance(self.random_state, np.random.RandomState):
            return int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max // 2))
        return int(self.random_state)

    @staticmethod
    def _targets(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        story = (y == "story").astype(np.int64)
        story[y == UNKNOWN] = -1
        known_kind = np.isin(y, KINDS)
        kind = np.full(len(y), -1, dtype=np.int64)
        for k, name in enumerate(KINDS):
            kind[y == name] = k
        return story, known_kind, kind

    def _page_weights(self, pages: list[Page]) -> np.ndarray | None:
        """Each block's weight under the cap of these pages' kind (`page_cap`, or `html_page_cap` for HTML
        pages when given; None when there is no cap). The pages of one stack are of one kind."""
        cap = self.page_cap
        if pages and pages[0].kind == "html" and self.html_page_cap is not None:
            cap = self.html_page_cap
        if not cap:
            return None
        sizes = [len(p.blocks) for p in pages]
        return np.concatenate([np.full(n, min(1.0, cap / max(n, 1))) for n in sizes])

    def _text_weights(self, pages: list[Page]) -> np.ndarray | None:
        """Each block's weight by its length: (its characters, between 1 and TEXT_WEIGHT_CAP) to the power
        `text_weight`, scaled to a mean of 1 over the blocks (None when `text_weight` is 0). The scores that
        matter are of text, and a block's share of them grows with its length."""
        if not self.text_weight:
            return None
        chars = np.fromiter((len(b.text) for p in pages for b in p.blocks), dtype=np.float64)
        weight = np.clip(chars, 1.0, TEXT_WEIGHT_CAP) ** self.text_weight
        return weight / weight.mean()

    def _page_label_weights(self, pages: list[Page], y: np.ndarray) -> np.ndarray | None:
        """Each block's weight in the kind heads by how many blocks of its page share its label (m): m to the
        power -`page_label_weight`, scaled to a mean of 1 (None when it is 0). The scores are means over
        pages, so one "Was this helpful?" block is a page's whole comment score, while its hundreds of nav
        links are one page's nav score."""
        if not self.page_label_weight:
            return None
        out = np.empty(len(y))
        start = 0
        for page in pages:
            end = start + len(page.blocks)
            _, inverse, counts = np.unique(y[start:end], return_inverse=True, return_counts=True)
            out[start:end] = counts[inverse].astype(np.float64) ** -self.page_label_weight
            start = end
        return out / out.mean()

    def _kind_weights(self, kind: np.ndarray) -> np.ndarray | None:
        """Sample weights of the kind head's rows: each kind weighted by (kind rows / (kinds x its rows)) to
        the power `kind_weight` (0: every row 1; 1: "balanced"), so that the rare kinds (disclaimer, comment)
        are not drowned by nav. Story rows (class `len(KINDS)`, see `_kind_rows`) weigh 1."""
        if not self.kind_weight:
            return None
        kinds = kind[kind < len(KINDS)]
        counts = np.bincount(kinds, minlength=len(KINDS)).astype(np.float64)
        per_kind = (len(kinds) / (len(KINDS) * np.maximum(counts, 1.0))) ** self.kind_weight
        return np.append(per_kind, 1.0)[kind]

    def _kind_factors(self, kind: np.ndarray) -> tuple[float, ...] | None:
        """What the reported P(kind | not story) is multiplied by (`Stack.kind_factors`): the inverse of
        each kind's weight in `_kind_weights`, the largest 1; None when the kinds were not weighted or
        `undo_kind_weight` is off."""
        weights = self._kind_weights(kind)
        if weights is None or not self.undo_kind_weight:
            return None
        per_kind = np.ones(len(KINDS))
        kinds = kind < len(KINDS)
        per_kind[kind[kinds]] = weights[kinds]
        return _largest_one(1.0 / per_kind)

    def _kind_rows(self, story: np.ndarray, known_kind: np.ndarray, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rows the kind head learns from and their classes: the blocks of a known kind, plus, when
        `kind_sees_story`, the story blocks as a class of their own (`len(KINDS)`)."""
        if not self.kind_sees_story:
            return known_kind, kind[known_kind]
        rows = known_kind | (story == 1)
        return rows, np.where(known_kind, kind, len(KINDS))[rows]

    def _fit_heads(
        self, make, X, story, known_kind, kind, make_kind=None, weight=None, text=None, spread=None
    ) -> Stage:
        """Both heads of a stage fitted on X; weight: each row's page weight in the story head, text: its
        length weight in both heads, spread: its page-label weight in the kind head (None: all 1)."""
        known = story >= 0
        rows, classes = self._kind_rows(story, known_kind, kind)
        extra = _product(text, spread)
        kind_weight = _product(self._kind_weights(classes), None if extra is None else extra[rows])
        kind_head = (make_kind or make)().fit(X[rows], classes, sample_weight=kind_weight)
        weight = _product(weight, text)
        story_weight = None if weight is None else weight[known]
        stage = Stage(make().fit(X[known], story[known], sample_weight=story_weight), kind_head)
        for head in (stage.story, stage.kind):
            if hasattr(head, "coef_"):
                # X @ coef_.T copies a C-ordered (classes, 2^18) coef_ on every call; Fortran order avoids it
                head.coef_ = np.asfortranarray(head.coef_)
                drop_averaging_state(head)
        return stage

    def _head_proba(self, stage: Stage, X, story_only: bool = False) -> np.ndarray:
        """P(story) and P(kind | not story) per row (`predict.stage_proba`)."""
        return stage_proba(stage, X, self._head_of, story_only)

    def _head_of(self, head, X) -> np.ndarray:
        """One head's predict_proba(X), its trees evaluated from their flat form where the core runs."""
        return _proba(head, X, self._flat(head))

    def _oof(
        self, make, X, story, known_kind, kind, groups, make_kind=None, weight=None, text=None, spread=None
    ) -> np.ndarray:
        out = np.zeros((X.shape[0], 1 + len(KINDS)))
        folds = GroupKFold(n_splits=self.n_folds)
        for train, test in folds.split(np.zeros(X.shape[0]), story, groups):
            part = None if weight is None else weight[train]
            text_part = None if text is None else text[train]
            spread_part = None if spread is None else spread[train]
            stage = self._fit_heads(
                make, X[train], story[train], known_kind[train], kind[train], make_kind, part, text_part, spread_part
            )
            out[test] = self._head_proba(stage, X[test])
        return out

    # ----- estimator API -----
    def fit(
        self,
        X: Sequence[Page],
        y: Sequence[str],
        kind_y: Sequence[str] | None = None,
        groups: Sequence | None = None,
        on_bag: Callable[[str, int, int], None] | None = None,
    ) -> BlockClassifier:
        """Fit on pages X and labels y (one per block of X's pages, in order: LABELS, "other" or "?").

        groups (one name per block; default one group per page) keep pages that share text (variants
        of one article, augmented copies, one site's pages) in one fold when the stacked stages'
        inputs are predicted out of fold; otherwise the first stage has seen the very text it
        predicts, and the later stages learn to trust it more than they should on unseen pages.

        kind_y (default y) are the labels of the kind head whose output `predict_proba` reports; it may
        give a kind where y has "other" or "?". Weak kind labels go there: they shape the kinds a user
        sees without moving any story probability, which all stages learn from y alone.

        HTML pages and plain-text pages get a bag of stacks each (`html_bags`, `text_bags`), since plain
        text has none of the markup features; a kind with too few pages is served by the other kind's bag.
        on_bag(kind, k, bags) is called as the k-th stack of a kind's bag starts (for progress).
        """
        X = as_pages(X)
        y, kind_y, group_codes = self._check_targets(X, y, kind_y, groups)
        rows = page_rows(X)
        first_seed = self._first_seed()
        self.stacks_ = {}
        for kind in PAGE_KINDS:
            idx = [i for i, p in enumerate(X) if p.kind == kind]
            kind_rows = np.concatenate([rows[i] for i in idx]) if idx else np.zeros(0, dtype=np.int64)
            if len(idx) < 3 * self.n_folds or not set(KINDS) <= set(y[kind_rows]):
                continue
            bags = max(1, self.text_bags if kind == "text" else self.html_bags)
            pages = [X[i] for i in idx]
            self.stacks_[kind] = []
            for k in range(bags):
                if on_bag:
                    on_bag(kind, k + 1, bags)
                self.stacks_[kind].append(
                    self._fit_stack(pages, y[kind_rows], kind_y[kind_rows], group_codes[kind_rows], first_seed + k)
                )
        if not self.stacks_:
            raise TrainingDataError(
                f"too few pages to fit: at least {3 * self.n_folds} pages of one kind (html or "
                f"text) are needed, with examples of every label ({', '.join(LABELS)})"
            )
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    @staticmethod
    def _check_targets(X: list[Page], y, kind_y, groups) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """y and kind_y as arrays and the group code of each block, after checking them against X."""
        n = sum(len(p.blocks) for p in X)
        y = np.asarray(y, dtype=object)
        if len(y) != n:
            raise ValueError(f"X has {n} blocks but y has {len(y)} labels")
        bad = set(y) - set(LABELS) - {OTHER, UNKNOWN}
        if bad:
            raise ValueError(f"unknown labels in y: {sorted(bad)}")
        if not set(KINDS) <= set(y):
            raise TrainingDataError("training data must hold examples of every non-story label: " + ", ".join(KINDS))
        kind_y = y if kind_y is None else np.asarray(kind_y, dtype=object)
        if len(kind_y) != len(y):
            raise ValueError(f"y has {len(y)} labels but kind_y has {len(kind_y)}")
        if groups is not None and len(groups) != len(y):
            raise ValueError(f"y has {len(y)} labels but groups has {len(groups)} entries")
        differ = kind_y != y
        if not (np.isin(y[differ], [OTHER, UNKNOWN]).all() and np.isin(kind_y[differ], KINDS).all()):
            raise ValueError("kind_y must equal y except where y is 'other' or '?', and give a kind there")
        if groups is None:
            return y, kind_y, np.concatenate([np.full(len(p.blocks), k, dtype=np.int64) for k, p in enumerate(X)])
        return y, kind_y, _group_codes(groups)

    def _fit_stack(self, pages: list[Page], y: np.ndarray, kind_y: np.ndarray, groups: np.ndarray, seed: int) -> Stack:
        story, known_kind, kind = self._targets(y)
        _, known_final, kind_final = self._targets(kind_y)
        weight, text = self._page_weights(pages), self._text_weights(pages)
        spread = self._page_label_weights(pages, y)
        stages = []
        for k, (X, make, make_kind) in enumerate(
            self._stage_inputs(pages, story, known_kind, kind, groups, seed, weight, text, spread)
        ):
            # the last stage's kind head is the one predict_proba reports: it alone learns from kind_y
            kinds = (known_final, kind_final) if k == self.n_stages - 1 else (known_kind, kind)
            stages.append(self._fit_heads(make, X, story, *kinds, make_kind, weight, text, spread))
        _, final_classes = self._kind_rows(story, known_final, kind_final)
        return Stack(stages, self.order_context, self._kind_factors(final_classes))

    def _stage_inputs(
        self,
        pages: list[Page],
        story: np.ndarray,
        known_kind: np.ndarray,
        kind: np.ndarray,
        groups: np.ndarray,
        seed: int,
        weight: np.ndarray | None,
        text: np.ndarray | None,
        spread: np.ndarray | None = None,
    ) -> Iterator[tuple[Any, Callable, Callable | None]]:
        """Each stage's input in turn with the makers of its heads (story, kind; None: the same): the hashed
        tokens for the linear stage, then for each tree stage `features.stage_input` over the previous
        stage's probabilities predicted out of fold (by group), so that no stage learns from predictions
        made on its own training pages. `_fit_stack` fits a stage's heads on each; `bench/kind_head.py`
        takes the last."""
        inputs = features.view(pages, self.n_hash_features, dense=self.n_stages > 1)
        linear = functools.partial(self._linear, seed, self._alpha_of(pages[0].kind))
        trees = functools.partial(self._trees, seed)
        kind_trees = functools.partial(self._kind_trees, seed)
        yield inputs.hashed, linear, None
        oof = self._oof(linear, inputs.hashed, story, known_kind, kind, groups, weight=weight, text=text, spread=spread)
        for stage in range(1, self.n_stages):
            X = features.stage_input(inputs, oof, self.order_context)
            yield X, trees, kind_trees
            if stage < self.n_stages - 1:
                oof = self._oof(trees, X, story, known_kind, kind, groups, kind_trees, weight, text, spread)

    def predict_proba(self, X: Sequence[Page]) -> np.ndarray:
        """Probabilities of LABELS (columns in `classes_` order) for each block of X's pages."""
        return self._predict(as_pages(X), story_only=False)

    def predict_story_proba(self, X: Sequence[Page]) -> np.ndarray:
        """P(story) of each block: column 0 of predict_proba, without the cost of the last kind head."""
        return self._predict(as_pages(X), story_only=True)[:, 0]

    def _predict(self, X: list[Page], story_only: bool) -> np.ndarray:
        # An ordinary page is too small for OpenMP threads to pay off: starting them costs more than the
        # trees. Scale out with processes instead; only very large inputs use threads.
        n = sum(len(p.blocks) for p in X)
        if n == 0:
            return np.zeros((0, len(LABELS)))
        limit = contextlib.nullcontext() if n > 20_000 else _threadpools().limit(limits=1, user_api="openmp")
        with limit:
            return predict_pages(self.stacks_, X, self.n_hash_features, self._head_of, story_only)

    def predict(self, X: Sequence[Page], threshold: float = 0.5) -> np.ndarray:
        """Labels of each block: story where P(story) >= threshold, else the most likely other label."""
        return self.classes_[label_indices(self.predict_proba(X), threshold)]


def fitted_kind_factors(model: BlockClassifier, stack: Stack) -> tuple[float, ...] | None:
    """The `kind_factors` that `fit` gives a stack (with `undo_kind_weight`), found again in a stack fitted
    without them: its last kind head, a tree head fitted on weighted rows, starts from the log of the
    weighted kind proportions (each kind's rows n_k times its weight w_k, and w_k goes as n_k to the power
    -kind_weight), so the kinds' own proportions, and the weights, follow from it. None when the kinds
    were not weighted, or the head is not such a tree head over the three kinds."""
    power = float(model.kind_weight)
    head = stack.stages[-1].kind
    baseline = getattr(head, "_baseline_prediction", None)
    if not power or power >= 1 or model.kind_sees_story or baseline is None:
        return None
    classes = np.asarray(head.classes_)
    if len(classes) != len(KINDS) or np.asarray(baseline).size != len(KINDS):
        return None
    weighted = np.exp(np.asarray(baseline, dtype=np.float64).ravel())
    inverse = np.empty(len(KINDS))
    inverse[classes] = (weighted / weighted.sum()) ** (power / (1.0 - power))  # n_k ** kind_weight, scaled
    return _largest_one(inverse)


def _largest_one(factors: np.ndarray) -> tuple[float, ...]:
    """Factors scaled so that the largest is 1, as plain floats (`Stack.kind_factors`)."""
    return tuple(float(f) for f in factors / factors.max())


def undo_kind_weight(model: BlockClassifier) -> int:
    """Give a model fitted before `undo_kind_weight` existed the kind factors its fit would now give
    (`fitted_kind_factors`), and turn the option on; returns how many stacks got them."""
    done = 0
    for bag in model.stacks_.values():
        for k, stack in enumerate(bag):
            factors = fitted_kind_factors(model, stack)
            if factors is not None:
                bag[k] = dataclasses.replace(stack, kind_factors=factors)
                done += 1
    model.undo_kind_weight = True
    return done
