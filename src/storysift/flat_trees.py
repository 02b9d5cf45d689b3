"""A fitted HistGradientBoostingClassifier's trees as flat arrays, evaluated by the compiled core.

scikit-learn's own `predict_proba` is the reference: it checks and converts its input and makes one call per
tree, which costs an ordinary page more than the trees themselves. `FlatTrees` holds the same nodes (all
trees of all iterations, one after the other) and adds the same leaf values in the same order, so the raw
scores and the probabilities computed from them by the estimator's own loss are bit-identical. This module
imports no scikit-learn: `from_estimator` reads a fitted estimator's attributes, which `frozen` also finds
in a model file's pickled state without scikit-learn's classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from . import accel

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier


@dataclass(frozen=True)
class FlatTrees:
    """Every tree's nodes in one set of arrays; a leaf has left == -1. `roots[t]` is tree t's first node and
    `columns[t]` the raw-score column it adds to; `baseline` is the score before any tree."""

    feature: np.ndarray
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    columns: np.ndarray
    baseline: np.ndarray
    n_features: int

    @classmethod
    def from_estimator(cls, clf: HistGradientBoostingClassifier) -> FlatTrees | None:
        """The flat form of a fitted classifier, or None when it has what the flat form does not evaluate
        (categorical features)."""
        if getattr(clf, "is_categorical_", None) is not None and np.any(clf.is_categorical_):
            return None
        parts, roots, columns, offset = [], [], [], 0
        for iteration in clf._predictors:
            for k, predictor in enumerate(iteration):
                nodes = predictor.nodes
                if np.any(nodes["is_categorical"]):
                    return None
                parts.append((nodes, offset))
                roots.append(offset)
                columns.append(k)
                offset += len(nodes)
        if not parts:
            return None
        nodes = np.concatenate([n for n, _ in parts])
        shift = np.concatenate([np.full(len(n), off, dtype=np.int64) for n, off in parts])
        leaf = nodes["is_leaf"].astype(bool)
        return cls(
            feature=np.ascontiguousarray(nodes["feature_idx"], dtype=np.int32),
            threshold=np.ascontiguousarray(nodes["num_threshold"], dtype=np.float64),
            missing_left=np.ascontiguousarray(nodes["missing_go_to_left"], dtype=np.uint8),
            left=np.where(leaf, -1, nodes["left"] + shift).astype(np.int32),
            right=np.where(leaf, -1, nodes["right"] + shift).astype(np.int32),
            value=np.ascontiguousarray(nodes["value"], dtype=np.float64),
            roots=np.asarray(roots, dtype=np.int32),
            columns=np.asarray(columns, dtype=np.int32),
            baseline=np.asarray(clf._baseline_prediction, dtype=np.float64).reshape(-1),
            n_features=int(clf.n_features_in_),
        )

    def raw_predict(self, X: np.ndarray, core: ModuleType | None) -> np.ndarray:
        """The raw scores of X's rows (n_rows, columns), as the estimator's `_raw_predict` gives them: by the
        compiled core, or tree by tree in NumPy where it is None (slower; the same sums in the same order)."""
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"X has {X.shape[-1]} features, the trees were fitted on {self.n_features}")
        if X.dtype not in (np.float32, np.float64):
            X = X.astype(np.float64)
        out = np.zeros((X.shape[0], len(self.baseline)), order="F")
        out += self.baseline
        if core is None:
            self._add_tree_values(X, out)
            return out
        core.add_tree_values(
            X,
            self.feature,
            self.threshold,
            self.missing_left,
            self.left,
            self.right,
            self.value,
            self.roots,
            self.columns,
            out,
        )
        return out

    def _add_tree_values(self, X: np.ndarray, out: np.ndarray) -> None:
        """Add each tree's leaf value of every row to its column of out, tree after tree (the compiled
        core's add_tree_values in NumPy): a missing value goes where missing_left says, a value left when
        value <= threshold."""
        for root, column in zip(self.roots.tolist(), self.columns.tolist()):
            node = np.full(X.shape[0], root, dtype=np.int64)
            open_rows = np.flatnonzero(self.left[node] >= 0)
            while open_rows.size:
                at = node[open_rows]
                x = X[open_rows, self.feature[at]]
                go_left = np.where(np.isnan(x), self.missing_left[at] == 1, x <= self.threshold[at])
                node[open_rows] = np.where(go_left, self.left[at], self.right[at])
                open_rows = open_rows[self.left[node[open_rows]] >= 0]
            out[:, column] += self.value[node]


def predict_proba(clf: HistGradientBoostingClassifier, trees: FlatTrees, X: np.ndarray, core: ModuleType) -> np.ndarray:
    """clf.predict_proba(X), from the flat trees' raw scores and the estimator's own loss."""
    return clf._loss.predict_proba(trees.raw_predict(X, core))


def expit(x: np.ndarray) -> np.ndarray:
    """scipy.special.expit(x) of a float64 array: by the compiled core where it runs (the same formula
    with the same C library exp: the same bits), so that a process that only cleans pages never imports
    SciPy; by SciPy otherwise."""
    core = accel.speedups()
    x = np.asarray(x)
    if core is None or x.dtype != np.float64:
        from scipy.special import expit as scipy_expit

        return scipy_expit(x)
    out = np.empty(x.shape)
    core.expit_into(np.ascontiguousarray(x).reshape(-1), out.reshape(-1))
    return out


def proba_from_raw(raw: np.ndarray, multinomial: bool) -> np.ndarray:
    """Class probabilities from raw scores by the same operations, in the same order, as scikit-learn's
    losses (so bit-identical to `predict_proba` above): the logistic of the one score for two classes
    (HalfBinomialLoss), the softmax of the scores for more (HalfMultinomialLoss)."""
    if not multinomial:
        if raw.ndim == 2 and raw.shape[1] == 1:
            raw = raw.squeeze(1)
        proba = np.empty((raw.shape[0], 2), dtype=raw.dtype)
        proba[:, 1] = expit(raw)
        proba[:, 0] = 1 - proba[:, 1]
        return proba
    out = np.asarray(raw, copy=True)
    out -= np.max(out, axis=1).reshape((-1, 1))
    np.exp(out, out=out)
    out /= np.sum(out, axis=1).reshape((-1, 1))
    return out
