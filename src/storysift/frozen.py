"""A fitted BlockClassifier's predict-only form, read from its model file without importing scikit-learn.

Importing scikit-learn (and the parts of SciPy it pulls in) costs a process about 95 MB and a second; a
model unpickled as scikit-learn estimators also keeps their training-time state, and its trees twice (the
estimators' and the flat copies the compiled core evaluates). Where the compiled core runs, prediction
needs none of that: the linear heads' coef_ and intercept_, and the trees as flat arrays (`FlatTrees`).
`read_frozen` reads the model file's pickled state with stand-ins for scikit-learn's classes (plain
holders of each object's attributes; no scikit-learn code runs) and keeps only those arrays.

The probabilities are the estimator's, bit for bit: the linear heads by the code the estimator itself uses
(`predict.linear_proba`), the trees by the compiled core from the same flat arrays, their scores turned
into probabilities by the same operations as scikit-learn's losses (`flat_trees.proba_from_raw`). A file
this reader does not understand (another estimator, categorical trees, a joblib that stores files
differently) gives None, and the caller loads the estimator itself.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import accel
from .blocks import Page
from .flat_trees import FlatTrees, proba_from_raw
from .predict import Stack, Stage, as_pages, label_indices, linear_proba, predict_pages, scores_proba

log = logging.getLogger(__name__)

# the modules whose classes are read as stand-ins: scikit-learn's, and the estimator's own module (which
# imports scikit-learn)
STAND_IN_MODULES = ("sklearn", "storysift.model")


class _StandIn:
    """An object of a class that is not imported: its pickled attributes, nothing else."""

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, **kwargs) -> None:
        pass

    def __setstate__(self, state) -> None:
        if isinstance(state, tuple) and len(state) == 2:  # (__dict__, __slots__ values)
            state = {**(state[0] or {}), **(state[1] or {})}
        if isinstance(state, dict):
            self.__dict__.update(state)


def _stand_in_maker(cls: type) -> Any:
    """Cython's pickles name a module function (`__pyx_unpickle_<Class>`) that rebuilds the object."""

    def make(*args):
        return cls()

    return make


@functools.lru_cache(maxsize=1)
def _state_unpickler() -> type:
    """joblib's unpickler, with stand-ins for the classes of STAND_IN_MODULES (one class per name); made at
    first use, so that a process whose model comes from the cache of frozen models never imports joblib."""
    from joblib.numpy_pickle import NumpyUnpickler

    class StateUnpickler(NumpyUnpickler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.stand_ins: dict[tuple[str, str], type] = {}

        def find_class(self, module: str, name: str):
            if not any(module == m or module.startswith(m + ".") for m in STAND_IN_MODULES):
                return super().find_class(module, name)
            if name.startswith("__pyx_unpickle_"):
                return _stand_in_maker(self._stand_in(module, name.removeprefix("__pyx_unpickle_")))
            return self._stand_in(module, name)

        def _stand_in(self, module: str, name: str) -> type:
            key = (module, name)
            if key not in self.stand_ins:
                self.stand_ins[key] = type(name, (_StandIn,), {"__module__": module, "__qualname__": name})
            return self.stand_ins[key]

    return StateUnpickler


def _read_state(path: Path) -> Any:
    """The object pickled in a joblib file (zlib-compressed or not), scikit-learn's classes as stand-ins."""
    from joblib.compressor import BinaryZlibFile

    unpickler_class = _state_unpickler()
    with open(path, "rb") as raw:
        compressed = raw.read(1) == b"\x78"  # joblib's zlib files start so; its plain pickles with 0x80
        raw.seek(0)
        fobj = BinaryZlibFile(raw, "rb") if compressed else raw
        try:
            unpickler = unpickler_class(str(path), fobj, ensure_native_byte_order=True)
        except TypeError:  # joblib before 1.5
            unpickler = unpickler_class(str(path), fobj)
        return unpickler.load()


class Unsupported(ValueError):
    """The pickled model holds something the frozen form does not evaluate."""


@dataclass(frozen=True)
class LinearHead:
    """A log-loss linear head: P(class) from coef_ and intercept_ (`predict.linear_proba`)."""

    coef: np.ndarray
    intercept: np.ndarray
    classes_: np.ndarray

    def predict_proba(self, X) -> np.ndarray:
        return linear_proba(X, self.coef, self.intercept)


class SharedScores:
    """The hashed-token scores of every linear head of a bag's first stages, as one sparse-dense product
    (X @ weights) instead of one a head: the same sums in the same order (each row's non-zero columns in
    turn, for every score column), so each head's scores are bit for bit its own product's, in a third of
    the time. The last product is kept, so the bag's heads share it; `X is` the kept input, or it is
    computed again. The weights are put side by side at the first product, from the heads' coefficients
    (then let go): by then the model file's unpickled state is gone, so the copy adds nothing to the
    process's peak memory (made while reading the file, it added 40 MB)."""

    def __init__(self, coefs: list[np.ndarray]) -> None:
        self._coefs: list[np.ndarray] | None = coefs
        self._weights: np.ndarray | None = None
        self._lock = threading.Lock()
        self._last: tuple[Any, np.ndarray] | None = None

    @classmethod
    def from_weights(cls, weights: np.ndarray) -> SharedScores:
        """Scores from coefficients already side by side (`weights()`, as a cached frozen model keeps them)."""
        shared = cls([])
        shared._coefs, shared._weights = None, np.ascontiguousarray(weights)
        return shared

    def __getstate__(self) -> dict:
        return {"_coefs": None, "_weights": self.weights(), "_last": None}  # a copy keeps no page

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def weights(self) -> np.ndarray:
        """Every head's coefficients side by side (features x score columns, C order)."""
        if self._weights is None:
            with self._lock:
                if self._weights is None and self._coefs is not None:
                    self._weights = np.ascontiguousarray(np.hstack([c.T for c in self._coefs]))
                    self._coefs = None
        assert self._weights is not None
        return self._weights

    def scores(self, X) -> np.ndarray:
        last = self._last  # read once: another thread may replace it, never half
        if last is not None and last[0] is X:
            return last[1]
        out = np.asarray(X @ self.weights())
        self._last = (X, out)
        return out


@dataclass(frozen=True)
class SharedLinearHead:
    """A linear head whose scores are columns of a SharedScores product: LinearHead's probabilities."""

    shared: SharedScores
    columns: slice
    intercept: np.ndarray
    classes_: np.ndarray

    def predict_proba(self, X) -> np.ndarray:
        return scores_proba(self.shared.scores(X)[:, self.columns] + self.intercept)


def share_first_stages(bag: list[Stack]) -> list[Stack]:
    """The bag with its first stages' linear heads reading one SharedScores product (a bag whose first
    stages are not all LinearHeads is returned as it is)."""
    heads = [head for stack in bag for head in (stack.stages[0].story, stack.stages[0].kind)]
    if not heads or not all(isinstance(h, LinearHead) for h in heads):
        return bag
    shared = SharedScores([h.coef for h in heads])
    ends = np.cumsum([h.coef.shape[0] for h in heads]).tolist()
    made = [
        SharedLinearHead(shared, slice(end - h.coef.shape[0], end), h.intercept, h.classes_)
        for h, end in zip(heads, ends)
    ]  # story, kind, stack after stack: the order of `heads`
    return [
        Stack([Stage(story, kind), *s.stages[1:]], s.order_context, s.kind_factors)
        for s, story, kind in zip(bag, made[0::2], made[1::2])
    ]


@dataclass(frozen=True)
class TreeHead:
    """Gradient-boosted trees in flat form, evaluated by the compiled core (in NumPy, slower, where the core
    has been switched off since the model was read)."""

    trees: FlatTrees
    multinomial: bool
    classes_: np.ndarray

    def predict_proba(self, X) -> np.ndarray:
        return proba_from_raw(self.trees.raw_predict(X, accel.speedups()), self.multinomial)


def _head(obj: Any) -> LinearHead | TreeHead:
    """The frozen form of one pickled head (a stand-in for SGDClassifier or HistGradientBoostingClassifier)."""
    name = type(obj).__name__
    if name == "SGDClassifier" and getattr(obj, "loss", None) == "log_loss":
        return LinearHead(np.asfortranarray(obj.coef_), np.asarray(obj.intercept_), np.asarray(obj.classes_))
    if name == "HistGradientBoostingClassifier":
        loss = type(getattr(obj, "_loss", None)).__name__
        if loss not in ("HalfBinomialLoss", "HalfMultinomialLoss"):
            raise Unsupported(f"trees with a {loss}")
        trees = FlatTrees.from_estimator(obj)
        if trees is None:
            raise Unsupported("categorical trees")
        return TreeHead(trees, loss == "HalfMultinomialLoss", np.asarray(obj.classes_))
    raise Unsupported(f"a {name} head")


def _stages(stack: Any) -> list[Stage]:
    """A pickled stack's stages: a Stack, or the nested lists of (story, kind) heads of older files."""
    stages = stack.stages if hasattr(stack, "stages") else stack
    return [
        Stage(_head(s.story), _head(s.kind)) if hasattr(s, "story") else Stage(_head(s[0]), _head(s[1])) for s in stages
    ]


@dataclass(frozen=True)
class FrozenClassifier:
    """The predict-only form of a fitted BlockClassifier: the same `predict_proba`, `predict_story_proba`
    and `predict` (the same numbers), from arrays alone. It cannot be fitted. `read_frozen` makes one only
    where the compiled core runs, which evaluates its trees."""

    stacks_: dict[str, list[Stack]]
    classes_: np.ndarray
    n_hash_features: int

    def predict_proba(self, X: Sequence[Page]) -> np.ndarray:
        """Probabilities of LABELS (columns in `classes_` order) for each block of X's pages."""
        return predict_pages(self.stacks_, as_pages(X), self.n_hash_features, _head_proba, False, scipy=False)

    def predict_story_proba(self, X: Sequence[Page]) -> np.ndarray:
        """P(story) of each block: column 0 of predict_proba, without the cost of the last kind head."""
        return predict_pages(self.stacks_, as_pages(X), self.n_hash_features, _head_proba, True, scipy=False)[:, 0]

    def predict(self, X: Sequence[Page], threshold: float = 0.5) -> np.ndarray:
        """Labels of each block: story where P(story) >= threshold, else the most likely other label."""
        return self.classes_[label_indices(self.predict_proba(X), threshold)]


def _head_proba(head: LinearHead | TreeHead, X) -> np.ndarray:
    return head.predict_proba(X)


def _stack(stack: Any) -> Stack:
    """A pickled stack with its heads frozen (the attributes older files lack at their defaults)."""
    factors = getattr(stack, "kind_factors", None)
    return Stack(
        _stages(stack), bool(getattr(stack, "order_context", False)), None if factors is None else tuple(factors)
    )


def freeze(model: Any) -> FrozenClassifier:
    """The frozen form of a BlockClassifier, fitted or as read by `read_frozen` (Unsupported when it
    holds a head that has none)."""
    if type(model).__name__ != "BlockClassifier" or not getattr(model, "stacks_", None):
        raise Unsupported(f"a {type(model).__name__}, not a fitted BlockClassifier")
    stacks = {kind: share_first_stages([_stack(stack) for stack in bag]) for kind, bag in model.stacks_.items()}
    return FrozenClassifier(stacks, np.asarray(model.classes_, dtype=object), int(model.n_hash_features))


def read_frozen(path: Path) -> FrozenClassifier | None:
    """The frozen form of the BlockClassifier in a model file, read without scikit-learn; None when the
    compiled core does not run or the file holds what the frozen form does not evaluate (load the
    estimator then). The file's checksum is the caller's to check first (`model_io.load_predictor`)."""
    if accel.speedups() is None:
        return None
    try:
        return freeze(_read_state(Path(path)))
    except Exception as exc:  # anything this reader does not know: the estimator is loaded instead
        log.debug("%s: no frozen form (%s: %s); loading the estimator", path, type(exc).__name__, exc)
        return None
